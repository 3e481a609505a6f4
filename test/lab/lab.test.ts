/**
 * The real-kernel lab (part of `npm test`): one user-mode-linux boot with real VLAN, bond and
 * bridge modules runs every scenario through the bundled agent and the real bridge CNI plugin,
 * each proven by traffic between network namespaces inside the guest. Inputs are synthesized by
 * multihome (test/lab/intents.ts); test/lab/driver.js runs in the guest and writes results.json,
 * which the tests below assert scenario by scenario. If the lab cannot start, they fail with the
 * reason.
 */
import * as fs from 'fs';
import * as path from 'path';
import { labIntents } from './intents';
import { bootUml, buildAgentBundle, ensureLabPackages, makeCniPath, makeLabDir, ROOT, UmlBoot } from './uml';

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
  [key: string]: unknown;
}
interface LabResults {
  ok: boolean;
  kernel: string;
  scenarios: Record<string, Scenario>;
  macspoofchk?: { supported: boolean; error?: string };
  error?: string;
  processes: number;
  timingsMs: Record<string, number>;
}

let results: LabResults | undefined;
let failure: Error | undefined;
let boot: UmlBoot | undefined;
let labDir = '';

beforeAll(async () => {
  try {
    ensureLabPackages();
    const agentBundle = await buildAgentBundle();
    labDir = makeLabDir();
    const cniPath = makeCniPath(labDir);
    fs.writeFileSync(path.join(labDir, 'plan.json'), JSON.stringify({ agentBundle, cniPath, intents: labIntents() }, null, 2));
    boot = await bootUml(path.join(ROOT, 'test', 'lab', 'umlinit.sh'), { LAB_DIR: labDir, DRIVER: path.join(ROOT, 'test', 'lab', 'driver.js') }, 240000);
    fs.writeFileSync(path.join(labDir, 'console.log'), boot.console);
    const file = path.join(labDir, 'results.json');
    if (!fs.existsSync(file)) {
      const log = fs.existsSync(path.join(labDir, 'driver.log')) ? fs.readFileSync(path.join(labDir, 'driver.log'), 'utf8') : '';
      throw new Error(`the lab driver wrote no results (exit ${boot.code}); console:\n${boot.console.slice(-3000)}\ndriver log:\n${log.slice(-3000)}`);
    }
    results = JSON.parse(fs.readFileSync(file, 'utf8')) as LabResults;
  } catch (e) {
    failure = e as Error;
  }
}, 600000);

function scenario(name: string): Scenario {
  if (failure) throw new Error(`the real-kernel lab could not run: ${failure.message}`);
  if (results?.error) throw new Error(`the lab driver failed: ${results.error}`);
  const s = results?.scenarios[name];
  if (!s) throw new Error(`scenario ${name} did not run (results in ${labDir})`);
  if (s.error) throw new Error(`scenario ${name} threw: ${s.error}`);
  return s;
}

const failed = (s: Scenario) => s.checks.filter((c) => !c.ok);

describe('real-kernel lab (user-mode-linux)', () => {
  test('GIVEN seed 004 WHEN the agent builds br0 trunks on node01/node02 THEN vma and vmb ping across nodes on VLAN 100 and VLAN 200 VMs cannot reach them', () => {
    const s = scenario('seed004-trunk-bridge');
    expect(failed(s)).toEqual([]);
    expect(s.checks.length).toBeGreaterThanOrEqual(9);
  });

  test('GIVEN seed 001 WHEN the agent builds eno49 -> eno49.1085 -> bridge-1085 THEN the VM reaches the VLAN 1085 gateway in the switch', () => {
    const s = scenario('seed001-vlan-bridge');
    expect(failed(s)).toEqual([]);
  });

  test('GIVEN seed 002 WHEN bond0 active-backup carries VLANs 144/145 (IPv4+IPv6) THEN traffic survives cutting the active port', () => {
    const s = scenario('seed002-bond-failover');
    expect(failed(s)).toEqual([]);
    expect(s.activeAfter).not.toEqual(s.activeBefore);
  });

  test('GIVEN an intent that breaks the probe target WHEN applied THEN it is rolled back and the ip -j dumps equal the state before', () => {
    const s = scenario('rollback');
    expect(failed(s)).toEqual([]);
    expect(s.differences).toEqual([]);
  });

  test('GIVEN state: absent for every network WHEN applied THEN no trace is left and a second apply runs zero commands', () => {
    const s = scenario('decommission');
    expect(failed(s)).toEqual([]);
  });
});

afterAll(() => {
  if (results) {
    const summary = {
      kernel: results.kernel,
      bootMs: boot?.durationMs,
      processes: results.processes,
      timingsMs: results.timingsMs,
      macspoofchk: results.macspoofchk,
      scenarios: Object.fromEntries(Object.entries(results.scenarios).map(([k, v]) => [k, { ok: v.ok, durationMs: v.durationMs }])),
    };
    fs.writeFileSync(path.join(labDir, 'summary.json'), JSON.stringify(summary, null, 2));
  }
  // keep the work directory (configs, results, console, driver log) when something failed or KEEP_LAB is set
  if (labDir && results?.ok && !process.env.KEEP_LAB) fs.rmSync(labDir, { recursive: true, force: true });
});
