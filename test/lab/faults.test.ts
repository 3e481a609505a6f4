/**
 * The fault lab (part of `npm test`): one user-mode-linux boot runs every fault scenario of
 * issue 17 through the bundled agent on its own node namespace — a SIGKILL or SIGTERM mid-apply,
 * a batch that fails half-way, a probe that fails, a host that lacks what the intent needs, an
 * IPv6 address that fails DAD, a config that turns invalid or changes while the agent runs, a
 * rollback that itself fails, a node reboot. Inputs are synthesized by multihome
 * (test/lab/fault-intents.ts); test/lab/faults-driver.js runs in the guest and writes
 * results.json. Each test asserts its scenario's checks (at least a minimum number of them) and
 * that the LAST check is the end state: the node's `ip -j` dump equals the pre-change dump or the
 * post-change reference, and the agent's report (`endedIn`) says which. If the lab cannot start,
 * the tests fail with the reason.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { faultIntents } from './fault-intents';
import { bootUml, buildAgentBundle, ensureLabPackages, LAB_INIT, makeCniPath, makeLabDir, ROOT, UmlBoot } from '../../scripts/lab/uml';

interface Check {
  what: string;
  ok: boolean;
  detail?: unknown;
}
interface Scenario {
  name: string;
  ok: boolean;
  checks: Check[];
  error?: string;
  durationMs: number;
  endedIn?: string;
  expectedEnd?: 'pre' | 'post' | 'mixed';
  differences?: string[];
  [key: string]: unknown;
}
interface ObserveGuard {
  scenario: string;
  ns: string;
  when: string;
  result: string;
  equal: boolean;
  diff: string[];
}
interface FaultResults {
  ok: boolean;
  kernel: string;
  scenarios: Record<string, Scenario>;
  observeGuards: ObserveGuard[];
  error?: string;
  processes: number;
  timingsMs: Record<string, number>;
}

let results: FaultResults | undefined;
let failure: Error | undefined;
let boot: UmlBoot | undefined;
let labDir = '';

beforeAll(async () => {
  try {
    ensureLabPackages();
    labDir = makeLabDir('multihome-faults-');
    const agentBundle = await buildAgentBundle(path.join(labDir, 'multihome-agent.js'));
    const cniPath = makeCniPath(labDir);
    fs.writeFileSync(path.join(labDir, 'plan.json'), JSON.stringify({ agentBundle, cniPath, intents: faultIntents() }, null, 2));
    boot = await bootUml(LAB_INIT, { LAB_DIR: labDir, DRIVER: path.join(ROOT, 'test', 'lab', 'faults-driver.js') }, 300000);
    fs.writeFileSync(path.join(labDir, 'console.log'), boot.console);
    const file = path.join(labDir, 'results.json');
    if (!fs.existsSync(file)) {
      const log = fs.existsSync(path.join(labDir, 'driver.log')) ? fs.readFileSync(path.join(labDir, 'driver.log'), 'utf8') : '';
      throw new Error(`the fault driver wrote no results (exit ${boot.code}); console:\n${boot.console.slice(-3000)}\ndriver log:\n${log.slice(-3000)}`);
    }
    results = JSON.parse(fs.readFileSync(file, 'utf8')) as FaultResults;
  } catch (e) {
    failure = e as Error;
  }
}, 600000);

function scenario(name: string): Scenario {
  if (failure) throw new Error(`the fault lab could not run: ${failure.message}`);
  if (results?.error) throw new Error(`the fault driver failed: ${results.error}`);
  const s = results?.scenarios[name];
  if (!s) throw new Error(`scenario ${name} did not run (results in ${labDir})`);
  if (s.error) throw new Error(`scenario ${name} threw: ${s.error}`);
  return s;
}

/**
 * The common assertions: no failed check, at least `min` checks, and the last one is the end
 * state (the dump equals `end` and the report's `endedIn` says so).
 */
function expectScenario(name: string, min: number, end: 'pre' | 'post' | 'mixed'): Scenario {
  const s = scenario(name);
  expect(s.checks.filter((c) => !c.ok)).toEqual([]);
  expect(s.checks.length).toBeGreaterThanOrEqual(min);
  expect(s.checks[s.checks.length - 1].what).toMatch(/^end state: the dump equals the /);
  expect(s.expectedEnd).toBe(end);
  expect(s.differences).toEqual([]);
  expect(s.endedIn).toBe({ pre: 'previous-state', post: 'new-state', mixed: 'mixed-state' }[end]);
  return s;
}

const named = (s: Scenario, re: RegExp) => s.checks.filter((c) => re.test(c.what)).map((c) => c.what);

describe('fault lab (user-mode-linux)', () => {
  test('GIVEN 128 VLAN bridges being applied by the CLI WHEN the agent is SIGKILLed mid-batch THEN the restarted agent recovers from its journal and converges to the clean-apply reference', () => {
    const s = expectScenario('sigkill-mid-apply', 8, 'post');
    expect(named(s, /^the agent was killed \(SIGKILL\) mid-batch/)).toHaveLength(1);
    expect((s.restart as { recovered?: { ok: boolean } }).recovered?.ok).toBe(true);
  });

  test('GIVEN agent run applying 128 VLAN bridges through its spawn helper WHEN the agent process alone is SIGKILLed mid-apply THEN the helper and its ip -batch end with it, and the restarted agent recovers from the journal and converges to the clean-apply reference', () => {
    const s = expectScenario('sigkill-agent-run', 8, 'post');
    const kill = s.kill as { exit: { signal: string }; helpers: number[]; helperGone: boolean; programsGone: boolean };
    expect(kill.exit.signal).toBe('SIGKILL');
    expect(kill.helpers).toHaveLength(1);
    expect([kill.helperGone, kill.programsGone]).toEqual([true, true]);
    expect((s.restart as { recovered?: { ok: boolean } }).recovered?.ok).toBe(true);
  });

  test('GIVEN a conflicting interface created just before the batch WHEN a batch line fails with EEXIST THEN the whole change is rolled back and the dump equals the one before (the intruder aside)', () => {
    const s = expectScenario('batch-fails-eexist', 5, 'pre');
    expect((s.apply as { result: string }).result).toBe('rolled-back');
  });

  test('GIVEN IPv6 disabled by sysctl for new interfaces WHEN the bond batch fails half-way at an IPv6 address (EACCES) THEN the whole change is rolled back and the dump equals the one before', () => {
    const s = expectScenario('batch-fails-ipv6-disabled', 4, 'pre');
    expect(s.failedLine).toBeGreaterThan(3);
  });

  test('GIVEN seed 001 applied WHEN a VLAN MTU above its base is asked for THEN it is refused before the batch (AGENT_HOST_MTU_RANGE), the dump equals the one before and the VM still reaches its gateway', () => {
    const s = expectScenario('vlan-mtu-above-base', 7, 'pre');
    expect(named(s, /still reaches the gateway/)).toHaveLength(1);
  });

  test('GIVEN a bond node with a static route WHEN the intent removes the route and the routed probe fails THEN the rollback restores the route (dst, gateway, dev) and traffic', () => {
    const s = expectScenario('probe-fails-route-restored', 8, 'pre');
    expect(named(s, /^the route is back in the dump/)).toHaveLength(1);
  });

  test('GIVEN a node without the uplink eno49 WHEN seed 001 is applied THEN it is unsatisfiable (AGENT_HOST_MISSING) and nothing is touched', () => {
    expectScenario('uplink-missing', 5, 'pre');
  });

  test('GIVEN a bond port that vanishes during the apply WHEN the batch fails THEN it is rolled back, rollback.external lists the port and the dump equals the one before minus that port', () => {
    const s = expectScenario('bond-port-lost', 6, 'pre');
    expect((s.apply as { rollback?: { external?: string[] } }).rollback?.external).toEqual(['ens256']);
  });

  test('GIVEN the trunk port pulled out of br0 by someone else WHEN observed THEN the drift is reported and nothing changes; WHEN applied THEN it is repaired and the VM reaches its gateway again', () => {
    const s = expectScenario('port-pulled-out-of-bridge', 9, 'post');
    expect(named(s, /^observe reports the drift/)).toHaveLength(1);
  });

  test('GIVEN an unmanaged dummy named bridge-1085 WHEN seed 001 is applied THEN it is refused (AGENT_HOST_KIND) and untouched', () => {
    expectScenario('unmanaged-name-taken', 4, 'pre');
  });

  test('GIVEN a NIC whose max_mtu is below 65535 WHEN an MTU of 65535 is applied THEN it is unsatisfiable (AGENT_HOST_MTU_RANGE) and untouched', () => {
    const s = expectScenario('mtu-above-nic-max', 5, 'pre');
    expect((s.nic as { max_mtu: number }).max_mtu).toBeLessThan(65535);
  });

  test('GIVEN VLAN 1085 already on eno49 under another name WHEN seed 001 is applied THEN it is unsatisfiable (AGENT_HOST_VLAN_IN_USE) and untouched', () => {
    expectScenario('vlan-id-in-use', 4, 'pre');
  });

  test('GIVEN DAD on and the switch holding an IPv6 address WHEN the node is given that address THEN DAD fails the apply, it is rolled back and the node reaches that address again', () => {
    const s = expectScenario('ipv6-dad-fails', 7, 'pre');
    expect(named(s, /^DAD is on for bond0\.145/)).toHaveLength(1);
  });

  test('GIVEN agent run in apply mode WHEN its config is truncated THEN the last good state is kept (traffic flows), /healthz says degraded, /readyz 503, config_valid 0; WHEN fixed THEN healthy and converged', () => {
    const s = expectScenario('config-invalid-while-running', 11, 'post');
    expect(named(s, /^\/readyz 503/)).toHaveLength(1);
  });

  test('GIVEN an apply in flight (slow probe) WHEN the config changes THEN the first apply completes and the watcher converges the second config', () => {
    expectScenario('config-changed-during-apply', 6, 'post');
  });

  test('GIVEN agent run WHEN the config changes twice in quick succession THEN it ends at the last one with one apply for both (metrics)', () => {
    const s = expectScenario('two-quick-config-changes', 5, 'post');
    expect(s.metrics).toEqual({ reconciles: 2, applied: 2 });
  });

  test('GIVEN seed 001 applied WHEN the node "reboots" (its interfaces and /run gone) THEN the next reconcile rebuilds it and the VM reaches its gateway', () => {
    expectScenario('node-reboot', 5, 'post');
  });

  test('GIVEN an apply journal left by another boot WHEN the agent applies THEN it discards the journal (recovered.skipped: rebooted), restores nothing and stays converged', () => {
    const s = expectScenario('journal-from-another-boot', 5, 'post');
    expect((s.apply as { recovered?: { skipped?: string } }).recovered?.skipped).toBe('rebooted');
  });

  test('GIVEN a DHCP intent WHEN applied THEN it is refused as invalid (AGENT_UNSUPPORTED) and nothing is touched', () => {
    expectScenario('dhcp-in-apply-mode', 4, 'pre');
  });

  test('GIVEN absent interfaces that are already gone WHEN applied THEN converged with zero commands', () => {
    expectScenario('absent-already-gone', 4, 'post');
  });

  test('GIVEN a rollback whose re-creation of bridge-1085 fails WHEN it runs THEN it is reported (failed, rollback.ok false, remaining names it, mixed-state) and everything else is restored', () => {
    const s = expectScenario('rollback-fails-on-one-command', 7, 'mixed');
    expect(s.named).toContain('bridge-1085');
  });

  test('GIVEN an apply --once in flight (probe running) WHEN SIGTERM arrives THEN the process rolls back before exiting 1 with its report, and the dump equals the one before', () => {
    expectScenario('sigterm-mid-apply', 5, 'pre');
  });

  test('GIVEN agent run through applied, converged, rolled-back and invalid THEN reconciles_total, applies_total by result and rollbacks_total count exactly that', () => {
    const s = expectScenario('metrics-match', 6, 'pre');
    expect(s.metrics).toEqual({ reconciles: 4, applied: 1, converged: 1, rolledBack: 1, invalid: 1, rollbacks: 1, configValid: 0, lastSuccess: 0 });
  });

  test('GIVEN every scenario WHEN observe ran before and after its fault THEN it never changed the host', () => {
    if (failure) throw new Error(`the fault lab could not run: ${failure.message}`);
    const guards = results?.observeGuards ?? [];
    expect(guards.filter((g) => !g.equal)).toEqual([]);
    // every scenario but the three run-mode ones (which guard after only) and the metrics one guards before and after
    expect(guards.length).toBeGreaterThanOrEqual(30);
    expect(new Set(guards.map((g) => g.scenario)).size).toBeGreaterThanOrEqual(18);
  });
});

afterAll(() => {
  if (results) {
    const rows = Object.values(results.scenarios).map((s) => ({ scenario: s.name, ok: s.ok, checks: s.checks.length, endedIn: s.endedIn, seconds: +(s.durationMs / 1000).toFixed(1) }));
    const table = [
      `fault lab: ${rows.length} scenarios, kernel ${results.kernel}, boot ${((boot?.durationMs ?? 0) / 1000).toFixed(1)} s, driver ${((results.timingsMs.total ?? 0) / 1000).toFixed(1)} s, ${results.processes} processes`,
      ...rows.map((r) => `${r.ok ? 'ok  ' : 'FAIL'} ${r.scenario.padEnd(32)} ${String(r.seconds).padStart(6)} s  ${String(r.checks).padStart(2)} checks  ${r.endedIn ?? ''}`),
    ].join('\n');
    const summary = { kernel: results.kernel, bootMs: boot?.durationMs, processes: results.processes, timingsMs: results.timingsMs, scenarios: rows, table };
    fs.writeFileSync(path.join(labDir, 'summary.json'), JSON.stringify(summary, null, 2));
    fs.writeFileSync(path.join(os.tmpdir(), 'multihome-faults-summary.json'), JSON.stringify(summary, null, 2));
    // eslint-disable-next-line no-console
    console.log(table);
  }
  if (labDir && results?.ok && !process.env.KEEP_LAB) fs.rmSync(labDir, { recursive: true, force: true });
});
