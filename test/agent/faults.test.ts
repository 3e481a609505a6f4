/**
 * Issue 17's agent behaviour under faults, without a kernel (the real-kernel lab proves the same
 * in test/lab/faults.test.ts): the apply journal and the recovery of a killed apply, where an
 * apply ends (`endedIn`), a rollback that continues past a failing line, NICs that vanish during
 * an apply, host conflicts found before anything runs, IPv6 DAD, and the health endpoints.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { AgentReport, createAgent, endedInOf, healthOf } from '../../lib/agent/agent';
import { configFingerprint } from '../../lib/agent/config-files';
import { waitForDad } from '../../lib/agent/dad';
import type { Exec } from '../../lib/agent/exec';
import { agentHttpHandler } from '../../lib/agent/http';
import { createIprouteBackend } from '../../lib/agent/iproute/backend';
import { journalPath, readJournal, writeJournal } from '../../lib/agent/journal';
import { planChanges } from '../../lib/agent/plan';
import { externalLinks, snapshotDifferences, vanishedNics } from '../../lib/agent/rollback-check';
import type { CurrentLink, HostState } from '../../lib/agent/state';
import { Clock, silentLogger } from '../../lib/agent/types';
import { configWriter, intentOf, isWriteBatch, rawFixture, scriptedExec, stateFixture, TRUNK_BR0 } from './helpers';

const write = configWriter('agent-faults-');
let now = 0;
const fakeClock: Clock = { now: () => now, wallTime: () => new Date(0), sleep: async (ms) => void (now += ms) };

const journals = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-journal-'));
afterAll(() => fs.rmSync(journals, { recursive: true, force: true }));
const stateDir = (): string => fs.mkdtempSync(path.join(journals, 'd-'));

const trunkConfig = () => write('trunk.json', { desiredState: TRUNK_BR0, defaultGatewayProbe: false });
const agentOn = (exec: Exec, dir: string | undefined, configPath = trunkConfig(), bootId = 'boot-1') =>
  createAgent({ configPath, netns: 'node01', mode: 'apply', stateDir: dir }, { exec, logger: silentLogger, clock: fakeClock, bootId: () => bootId });

describe('the apply journal', () => {
  test('GIVEN a state dir WHEN an apply runs THEN the journal exists while the batch runs and is gone after the apply', async () => {
    const dir = stateDir();
    const file = journalPath(dir, 'node01');
    const seen: boolean[] = [];
    const inner = scriptedExec([rawFixture('node01-empty'), rawFixture('node01-trunk-with-vms')]);
    const exec: Exec = (f, a, o) => {
      if (isWriteBatch({ file: f, args: a, ...(o?.input !== undefined ? { input: o.input } : {}) })) seen.push(fs.existsSync(file));
      return inner(f, a, o);
    };
    const r = await agentOn(exec, dir).apply();
    expect(r.result).toBe('applied');
    expect(r.endedIn).toBe('new-state');
    expect(seen).toEqual([true, true]); // the ip batch and the bridge batch
    expect(fs.existsSync(file)).toBe(false);
  });

  test('GIVEN an apply that is rolled back THEN the journal is removed too and the report says previous-state', async () => {
    const dir = stateDir();
    const inner = scriptedExec([rawFixture('node01-empty'), rawFixture('node01-trunk-with-vms'), rawFixture('node01-empty')], { ping: () => false });
    const configPath = write('trunk-probe.json', { desiredState: TRUNK_BR0, probes: [{ name: 'gw', target: '10.0.0.1' }] });
    const r = await agentOn(inner, dir, configPath).apply();
    expect(r.result).toBe('rolled-back');
    expect(r.endedIn).toBe('previous-state');
    expect(fs.existsSync(journalPath(dir, 'node01'))).toBe(false);
  });

  test('GIVEN a journal left by a killed apply (the host half-way) WHEN the next apply starts THEN it restores the snapshot first, then applies, and reports both', async () => {
    const dir = stateDir();
    const snapshot = rawFixture('node01-empty');
    const plan = planChanges(intentOf(TRUNK_BR0), stateFixture('node01-empty'));
    writeJournal(journalPath(dir, 'node01'), { version: 1, startedAt: '2026-12-06T00:00:00.000Z', bootId: 'boot-1', netns: 'node01', snapshot, ops: plan.ops, intent: intentOf(TRUNK_BR0), readOptions: { ipv6Routes: false, bridgeVlans: true } });
    // the host: the killed apply's br0 (trunk state) → the recovery's batch restores the empty state → the apply's batch builds br0
    const exec = scriptedExec([rawFixture('node01-trunk-with-vms'), snapshot, rawFixture('node01-trunk-with-vms')]);
    const agent = agentOn(exec, dir);
    const r = await agent.apply();
    expect(r.recovered).toMatchObject({ startedAt: '2026-12-06T00:00:00.000Z', ok: true, remaining: [] });
    expect(r.recovered?.commands).toContain('ip link del dev br0');
    expect(r.result).toBe('applied');
    expect(r.endedIn).toBe('new-state');
    expect(readJournal(journalPath(dir, 'node01'))).toEqual({ kind: 'none' });
    expect(agent.metrics.render()).toMatch(/^multihome_agent_recoveries_total 1$/m);
    // the recovery's batch is a rollback: it continues past a failing line (and reads the host after its last one)
    const batches = exec.calls.filter(isWriteBatch);
    expect(batches[0].args).toEqual(['-n', 'node01', '-force', '-j', '-d', '-batch', '-']);
    expect(batches.slice(1).every((c) => !c.args.includes('-force'))).toBe(true);
  });

  test('GIVEN a journal of another boot THEN it is dropped (skipped: rebooted) and nothing is restored', async () => {
    const dir = stateDir();
    const snapshot = rawFixture('node01-empty');
    writeJournal(journalPath(dir, 'node01'), { version: 1, startedAt: 'then', bootId: 'boot-0', snapshot, ops: [], intent: intentOf(TRUNK_BR0), readOptions: { ipv6Routes: false, bridgeVlans: true } });
    const exec = scriptedExec([snapshot, rawFixture('node01-trunk-with-vms')]);
    const r = await agentOn(exec, dir).apply();
    expect(r.recovered).toEqual({ startedAt: 'then', skipped: 'rebooted', commands: [], ok: true, remaining: [] });
    expect(r.result).toBe('applied');
    expect(exec.calls.filter(isWriteBatch).every((c) => !c.args.includes('-force'))).toBe(true);
  });

  test('GIVEN a truncated journal THEN it is reported unusable, removed, and the apply still converges', async () => {
    const dir = stateDir();
    fs.writeFileSync(journalPath(dir, 'node01'), '{"version":1,"startedAt":"x","snaps');
    const exec = scriptedExec([rawFixture('node01-empty'), rawFixture('node01-trunk-with-vms')]);
    const r = await agentOn(exec, dir).apply();
    expect(r.recovered?.skipped).toBe('unreadable');
    expect(r.recovered?.ok).toBe(false);
    expect(r.result).toBe('applied');
    expect(r.endedIn).toBe('new-state');
    expect(fs.existsSync(journalPath(dir, 'node01'))).toBe(false);
  });

  test('GIVEN a journal that cannot be written THEN nothing is applied (failed, previous-state)', async () => {
    const dir = stateDir();
    const notADir = path.join(dir, 'file');
    fs.writeFileSync(notADir, '');
    const exec = scriptedExec([rawFixture('node01-empty')]);
    const r = await agentOn(exec, notADir).apply();
    expect(r.result).toBe('failed');
    expect(r.error).toMatch(/^nothing applied: cannot write the apply journal /);
    expect(r.endedIn).toBe('previous-state');
    expect(exec.calls.filter(isWriteBatch)).toEqual([]);
  });
});

describe('endedIn', () => {
  test.each([
    [{ result: 'applied' }, 'new-state'],
    [{ result: 'converged' }, 'new-state'],
    [{ result: 'rolled-back', rollback: { ok: true } }, 'previous-state'],
    [{ result: 'invalid' }, 'previous-state'],
    [{ result: 'unsatisfiable' }, 'previous-state'],
    [{ result: 'failed' }, 'previous-state'],
    [{ result: 'failed', rollback: { ok: false } }, 'mixed-state'],
    [{ result: 'unsatisfiable', recovered: { ok: false } }, 'mixed-state'],
  ])('%j ends in %s', (r, want) => {
    expect(endedInOf(r as unknown as AgentReport)).toBe(want);
  });
});

describe('a rollback with a failing line restores the rest and says what is left', () => {
  test('GIVEN the rollback batch fails on one line THEN result failed, mixed-state, and the batch ran with -force', async () => {
    // empty → (apply) trunk → probe fails → rollback batch "fails" but the host still moves on, as ip -force does
    const exec = scriptedExec([rawFixture('node01-empty'), rawFixture('node01-trunk-with-vms'), rawFixture('node01-trunk-with-vms')], {
      ping: () => false,
      failBatch: (c) => c.args.includes('-force') && c.file === 'ip',
    });
    const configPath = write('trunk-probe2.json', { desiredState: TRUNK_BR0, probes: [{ name: 'gw', target: '10.0.0.1' }] });
    const r = await agentOn(exec, undefined, configPath).apply();
    expect(r.result).toBe('failed');
    expect(r.endedIn).toBe('mixed-state');
    expect(r.rollback?.ok).toBe(false);
    expect(r.rollback?.remaining.join('\n')).toMatch(/link br0 is on the host and was not in the snapshot/);
    expect(exec.calls.filter((c) => isWriteBatch(c) && c.args.includes('-force')).map((c) => c.file)).toEqual(['ip']);
  });

  test('GIVEN continueOnError and a failing ip batch THEN the bridge batch still runs and both errors are reported', async () => {
    const calls: string[] = [];
    const exec: Exec = async (file, args) => {
      calls.push(`${file} ${args.join(' ')}`);
      return file === 'ip' ? { code: 1, stdout: '', stderr: 'RTNETLINK answers: File exists\nCommand failed -:1' } : { code: 0, stdout: '', stderr: '' };
    };
    const r = await createIprouteBackend(exec, 'n').apply({ ip: ['link add x type bridge'], bridge: ['vlan add dev p vid 5'] }, { continueOnError: true });
    expect(calls).toEqual(['ip -n n -force -batch -', 'bridge -n n -force -batch -']);
    expect(r).toEqual({ ok: false, error: 'ip -batch: RTNETLINK answers: File exists\nCommand failed -:1', processes: 2 });
    calls.length = 0;
    await createIprouteBackend(exec, 'n').apply({ ip: ['link add x type bridge'], bridge: ['vlan add dev p vid 5'] });
    expect(calls).toEqual(['ip -n n -batch -']);
  });
});

/** A link for hand-built host states. */
const link = (name: string, kind: string, extra: Partial<CurrentLink> = {}): CurrentLink => ({ name, index: 1, kind, up: true, mtu: 1500, mac: '02:00:00:00:00:01', addresses: { 4: [], 6: [] }, ...extra });
const host = (...links: CurrentLink[]): HostState => ({ links: new Map(links.map((l) => [l.name, l])), routes: [] });

describe('NICs that vanish during an apply are someone else\'s doing', () => {
  test('GIVEN a bond port that disappeared THEN it is external, not a rollback difference; a vanished bridge still is one', () => {
    const before = host(link('ens161', ''), link('ens256', ''), link('br9', 'bridge'));
    const after = host(link('ens161', ''));
    expect(vanishedNics(before, after)).toEqual(['ens256']);
    const ops = [{ op: 'set-master' as const, dev: 'ens256', master: 'bond0', downFirst: true }, { op: 'link-del' as const, dev: 'br9' }];
    expect(snapshotDifferences(before, after, ops, false)).toEqual(['link br9 was in the snapshot and is gone']);
  });

  test('GIVEN a dummy someone created under the name the plan wanted for a bridge THEN it is external, not a difference; a bridge appearing is one', () => {
    const before = host(link('eth1', ''));
    const ops = [{ op: 'link-add' as const, dev: 'br1', kind: 'bridge' as const, up: true, attrs: {} }, { op: 'link-add' as const, dev: 'br2', kind: 'bridge' as const, up: true, attrs: {} }];
    const after = host(link('eth1', ''), link('br1', 'dummy'), link('br2', 'bridge'));
    expect(externalLinks(before, after, ops)).toEqual(['br1']);
    expect(snapshotDifferences(before, after, ops, false)).toEqual(['link br2 is on the host and was not in the snapshot']);
  });
});

describe('host conflicts found before anything runs (nothing applied)', () => {
  const vlan100 = { interfaces: [{ name: 'eth1.100', type: 'vlan', state: 'up', vlan: { 'base-iface': 'eth1', id: 100 } }] };
  test('GIVEN VLAN 100 on eth1 already exists under another name THEN AGENT_HOST_VLAN_IN_USE at the VLAN id', () => {
    const s = host(link('eth1', 'veth', { details: { minMtu: 68, maxMtu: 65535, linkLocal6: [], dynamic: { 4: false, 6: false } } }), link('foo', 'vlan', { vlan: { base: 'eth1', id: 100, protocol: '802.1Q' } }));
    const plan = planChanges(intentOf(vlan100 as never), s);
    expect(plan.problems.map((p) => [p.code, p.path])).toEqual([['AGENT_HOST_VLAN_IN_USE', 'interfaces[0].vlan.id']]);
    expect(plan.problems[0].message).toMatch(/already exists on the host as foo/);
  });
  test('GIVEN the same VLAN id on another base, or the same name THEN no conflict', () => {
    const other = host(link('eth1', 'veth'), link('eth2', 'veth'), link('foo', 'vlan', { vlan: { base: 'eth2', id: 100, protocol: '802.1Q' } }));
    expect(planChanges(intentOf(vlan100 as never), other).problems).toEqual([]);
    const same = host(link('eth1', 'veth'), link('eth1.100', 'vlan', { vlan: { base: 'eth1', id: 100, protocol: '802.1Q' } }));
    expect(planChanges(intentOf(vlan100 as never), same).problems).toEqual([]);
  });
  test('GIVEN an MTU above the NIC\'s max_mtu THEN AGENT_HOST_MTU_RANGE at the MTU; max_mtu 0 means unbounded', () => {
    const details = (maxMtu: number) => ({ minMtu: 68, maxMtu, linkLocal6: [], dynamic: { 4: false as const, 6: false as const } });
    const ds = { interfaces: [{ name: 'eth1', type: 'ethernet', state: 'up', mtu: 9216 }] };
    const plan = planChanges(intentOf(ds as never), host(link('eth1', '', { details: details(9000) })));
    expect(plan.problems.map((p) => [p.code, p.path])).toEqual([['AGENT_HOST_MTU_RANGE', 'interfaces[0].mtu']]);
    expect(plan.problems[0].message).toBe('MTU 9216 is outside what eth1 accepts on this host (68..9000)');
    expect(planChanges(intentOf(ds as never), host(link('eth1', 'veth', { details: details(0) }))).problems).toEqual([]);
  });
});

describe('VLAN MTU and its base', () => {
  const vlan = (mtu: number, baseMtu?: number) => ({
    interfaces: [
      ...(baseMtu ? [{ name: 'eth1', type: 'ethernet', state: 'up', mtu: baseMtu }] : []),
      { name: 'eth1.100', type: 'vlan', state: 'up', mtu, vlan: { 'base-iface': 'eth1', id: 100 } },
    ],
  });
  test('GIVEN a new VLAN with an MTU above its base\'s THEN AGENT_HOST_MTU_RANGE at the VLAN\'s MTU (the kernel: EINVAL/ERANGE)', () => {
    const plan = planChanges(intentOf(vlan(9000) as never), host(link('eth1', '')));
    expect(plan.problems.map((p) => [p.code, p.path])).toEqual([['AGENT_HOST_MTU_RANGE', 'interfaces[0].mtu']]);
  });
  test('GIVEN the base\'s MTU raised in the same state THEN accepted, and the base changes before the VLAN is created', () => {
    const plan = planChanges(intentOf(vlan(9000, 9000) as never), host(link('eth1', '')));
    expect(plan.problems).toEqual([]);
    expect(plan.ops.filter((o) => o.op === 'link-set' || o.op === 'link-add').map((o) => `${o.op} ${o.dev}`)).toEqual(['link-set eth1', 'link-add eth1.100']);
  });
});

describe('IPv6 duplicate address detection', () => {
  const answer = (flags: Record<string, boolean>, lower = true) =>
    JSON.stringify([{ ifname: 'bond0.144', flags: lower ? ['UP', 'LOWER_UP'] : ['UP', 'NO-CARRIER'], addr_info: [{ family: 'inet6', local: 'fd00:144::30', prefixlen: 64, ...flags }] }]);
  const execOf = (outputs: string[]): Exec & { n: number } => {
    const fn = (async () => ({ code: 0, stdout: outputs[Math.min(fn.n++, outputs.length - 1)], stderr: '' })) as unknown as Exec & { n: number };
    fn.n = 0;
    return fn;
  };
  const target = [{ dev: 'bond0.144', cidr: 'fd00:144::30/64' }];
  test('GIVEN the address is tentative, then dadfailed THEN it fails naming the address', async () => {
    const exec = execOf([answer({ tentative: true }), answer({ tentative: true, dadfailed: true })]);
    expect(await waitForDad(exec, 'n', target, fakeClock)).toEqual({ checked: 1, failed: ['fd00:144::30/64 on bond0.144'], pending: [] });
  });
  test('GIVEN the address leaves tentative THEN ok after polling', async () => {
    const exec = execOf([answer({ tentative: true }), answer({ tentative: true }), answer({})]);
    expect(await waitForDad(exec, 'n', target, fakeClock)).toEqual({ checked: 1, failed: [], pending: [] });
    expect(exec.n).toBe(3);
  });
  test('GIVEN a link without carrier THEN no DAD runs there and it is not waited for', async () => {
    const exec = execOf([answer({ tentative: true }, false)]);
    expect(await waitForDad(exec, 'n', target, fakeClock)).toEqual({ checked: 0, failed: [], pending: [] });
    expect(exec.n).toBe(1);
  });
  test('GIVEN DAD that never ends THEN it is pending at the timeout, not failed', async () => {
    const exec = execOf([answer({ tentative: true })]);
    expect(await waitForDad(exec, 'n', target, fakeClock, 1000)).toEqual({ checked: 1, failed: [], pending: ['fd00:144::30/64 on bond0.144'] });
  });
});

describe('/healthz and /readyz', () => {
  const report = (result: AgentReport['result'], extra: Partial<AgentReport> = {}): AgentReport =>
    ({ action: 'apply', result, config: 'c', startedAt: '', durationMs: 0, commands: [], processes: 0, timingsMs: {}, ...extra }) as AgentReport;
  test('GIVEN a rejected config THEN degraded with the first problem; converged and applied are ok', () => {
    expect(healthOf(report('invalid', { problems: ['[AGENT_CONFIG_PARSE] agent.yaml: bad'] }))).toEqual({
      ok: false,
      text: 'degraded: config rejected; nothing applied, the host keeps its last good state ([AGENT_CONFIG_PARSE] agent.yaml: bad)',
    });
    expect(healthOf(report('applied'))).toEqual({ ok: true, text: 'ok' });
    expect(healthOf(report('converged'))).toEqual({ ok: true, text: 'ok' });
    expect(healthOf(undefined)).toEqual({ ok: true, text: 'ok' });
    expect(healthOf(report('failed', { endedIn: 'mixed-state', error: 'x' })).text).toBe('degraded: the last apply failed and its rollback is incomplete (x)');
  });

  test('GIVEN degraded THEN /healthz answers 200 with the text (no restart) and /readyz 503', async () => {
    const server = http.createServer(agentHttpHandler({ serveState: false, metrics: () => '', state: () => ({}), health: () => ({ ok: false, text: 'degraded: config rejected' }) }));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    const get = (p: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) =>
        http.get({ host: '127.0.0.1', port, path: p }, (res) => {
          let body = '';
          res.on('data', (d) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        }).on('error', reject),
      );
    try {
      expect(await get('/healthz')).toEqual({ status: 200, body: 'degraded: config rejected\n' });
      expect(await get('/readyz')).toEqual({ status: 503, body: 'degraded: config rejected\n' });
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe('an unchanged config is not validated again', () => {
  test('GIVEN a long-running agent WHEN the config files are unchanged THEN the validators run once; WHEN they change THEN again', async () => {
    let validations = 0;
    const configPath = write('cached.json', { desiredState: TRUNK_BR0, defaultGatewayProbe: false });
    const agent = createAgent({ configPath, netns: 'node01', mode: 'observe' }, {
      exec: scriptedExec([rawFixture('node01-trunk-with-vms')]),
      logger: silentLogger,
      clock: fakeClock,
      validators: [() => (validations++, [])],
    });
    expect((await agent.observe()).result).toBe('converged');
    expect((await agent.observe()).result).toBe('converged');
    expect(validations).toBe(1);
    fs.writeFileSync(configPath, JSON.stringify({ desiredState: TRUNK_BR0, defaultGatewayProbe: true }));
    await agent.observe();
    expect(validations).toBe(2);
  });
});

describe('the config fingerprint never throws', () => {
  test('GIVEN a config path that does not exist THEN no fingerprint, and the agent reports AGENT_CONFIG_UNREADABLE as before', async () => {
    expect(configFingerprint('/nonexistent/multihome-agent')).toBeUndefined();
    const r = await createAgent({ configPath: '/nonexistent/multihome-agent', mode: 'apply' }, { exec: scriptedExec([rawFixture('node01-empty')]), logger: silentLogger }).apply();
    expect(r.result).toBe('invalid');
    expect(r.problems?.join('\n')).toMatch(/^\[AGENT_CONFIG_UNREADABLE\] /);
  });
});
