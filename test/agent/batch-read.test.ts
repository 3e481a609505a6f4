/**
 * The read that verifies a batch rides in the batch's own `ip -j -d -batch` process (backend.ts),
 * and a rollback deletes its links in one kernel call by link group (render.ts, rollback-run.ts).
 * Both only where they are proven safe: any doubt falls back to a read of its own, or to one
 * `link del` per link.
 */
import { createAgent } from '../../lib/agent/agent';
import type { Exec } from '../../lib/agent/exec';
import { createIprouteBackend } from '../../lib/agent/iproute/backend';
import { MAIN_READ_LINES, RawState } from '../../lib/agent/iproute/read';
import { renderBatches } from '../../lib/agent/iproute/render';
import type { Op } from '../../lib/agent/plan';
import { groupDeletionFor, ROLLBACK_LINK_GROUP } from '../../lib/agent/rollback-run';
import { Clock, silentLogger } from '../../lib/agent/types';
import { c7000Bare, changeLines, configWriter, isWriteBatch, rawFixture, scriptedExec, stateFixture } from './helpers';

const write = configWriter('agent-batch-read-');
const NO_EXTRA = { ipv6Routes: false, bridgeVlans: false };
const state = (raw: RawState) => JSON.stringify(raw.addr) + '\n' + JSON.stringify(raw.route4) + '\n';

/** An exec that records calls and answers each with `answer(file, args, input)`. */
function recording(answer: (file: string, args: readonly string[], input: string) => { code: number; stdout: string; stderr?: string }) {
  const calls: Array<{ file: string; args: readonly string[]; input: string }> = [];
  const exec: Exec = async (file, args, o) => {
    calls.push({ file, args, input: o?.input ?? '' });
    const r = answer(file, args, o?.input ?? '');
    return { stderr: '', ...r };
  };
  return { exec, calls };
}

describe('the verifying read rides in the ip batch', () => {
  const after = rawFixture('c7000-vlan-bridge');

  test('GIVEN only ip lines and readAfter THEN one process runs the changes then the main read, and its output is the read', async () => {
    const { exec, calls } = recording(() => ({ code: 0, stdout: state(after) }));
    const r = await createIprouteBackend(exec, 'n1').apply({ ip: ['link add name br9 up type bridge'], bridge: [] }, { readAfter: NO_EXTRA });
    expect(calls).toEqual([{ file: 'ip', args: ['-n', 'n1', '-j', '-d', '-batch', '-'], input: `link add name br9 up type bridge\n${MAIN_READ_LINES}` }]);
    expect(r.ok).toBe(true);
    expect(r.processes).toBe(1);
    expect([...r.after!.state.links.keys()]).toEqual(['lo', 'eno49', 'eno49.1085', 'bridge-1085']);
  });

  test('GIVEN a bridge batch THEN the ip batch carries no read and the read runs after the bridge batch', async () => {
    const { exec, calls } = recording((_f, _a, input) => ({ code: 0, stdout: input === MAIN_READ_LINES ? state(after) : '' }));
    const r = await createIprouteBackend(exec).apply({ ip: ['link add name br9 up type bridge'], bridge: ['vlan add dev p vid 5'] }, { readAfter: NO_EXTRA });
    expect(calls.map((c) => `${c.file} ${c.args.join(' ')} | ${c.input.trim().split('\n')[0]}`)).toEqual([
      'ip -batch - | link add name br9 up type bridge',
      'bridge -batch - | vlan add dev p vid 5',
      'ip -j -d -batch - | addr show',
    ]);
    expect(r.processes).toBe(3);
    expect(r.after!.state.links.has('bridge-1085')).toBe(true);
  });

  test('GIVEN the batch printed something besides the two read arrays THEN the read is taken on its own', async () => {
    const { exec, calls } = recording((_f, _a, input) => ({ code: 0, stdout: input === MAIN_READ_LINES ? state(after) : `[]\n${state(after)}` }));
    const r = await createIprouteBackend(exec).apply({ ip: ['link add name br9 up type bridge'], bridge: [] }, { readAfter: NO_EXTRA });
    expect(calls.map((c) => c.input === MAIN_READ_LINES)).toEqual([false, true]);
    expect(r.processes).toBe(2);
    expect(r.after!.state.links.size).toBe(4);
  });

  test('GIVEN IPv6 routes are needed THEN the main read rides along and only the IPv6 route read runs after', async () => {
    const { exec, calls } = recording((_f, args) => ({ code: 0, stdout: args.includes('-6') ? '[{"dst":"fd00::/64","dev":"eno49","metric":1024,"type":"unicast"}]' : state(after) }));
    const r = await createIprouteBackend(exec).apply({ ip: ['address add 10.0.0.1/24 dev eno49'], bridge: [] }, { readAfter: { ipv6Routes: true, bridgeVlans: false } });
    expect(calls.map((c) => c.args.join(' '))).toEqual(['-j -d -batch -', '-j -6 route show table main']);
    expect(r.after!.state.routes.map((x) => x.destination)).toContain('fd00::/64');
  });

  test('GIVEN a forward batch that fails THEN no read is taken (the rollback reads for itself)', async () => {
    const { exec, calls } = recording(() => ({ code: 1, stdout: '', stderr: 'RTNETLINK answers: File exists\nCommand failed -:1' }));
    const r = await createIprouteBackend(exec).apply({ ip: ['link add name br9 up type bridge'], bridge: [] }, { readAfter: NO_EXTRA });
    expect(calls).toHaveLength(1);
    expect(r).toEqual({ ok: false, error: 'ip -batch: RTNETLINK answers: File exists\nCommand failed -:1', processes: 1 });
  });

  test('GIVEN continueOnError and a failing line THEN the read printed after every line is still the read', async () => {
    const { exec, calls } = recording(() => ({ code: 1, stdout: state(after), stderr: 'Cannot find device "x"\nCommand failed -:1' }));
    const r = await createIprouteBackend(exec).apply({ ip: ['link del dev x', 'link del dev y'], bridge: [] }, { continueOnError: true, readAfter: NO_EXTRA });
    expect(calls.map((c) => c.args.join(' '))).toEqual(['-force -j -d -batch -']);
    expect(r.ok).toBe(false);
    expect(r.after!.state.links.size).toBe(4);
  });

  test('GIVEN the read cannot be taken at all THEN the apply says so instead of throwing', async () => {
    const { exec } = recording((_f, _a, input) => (input === MAIN_READ_LINES ? { code: 1, stdout: '', stderr: 'Cannot open network namespace "n1"' } : { code: 0, stdout: '' }));
    const r = await createIprouteBackend(exec, 'n1').apply({ ip: ['link add name br9 up type bridge'], bridge: [] }, { readAfter: NO_EXTRA });
    expect(r.ok).toBe(true);
    expect(r.after).toBeUndefined();
    expect(r.readError).toMatch(/Cannot open network namespace "n1"/);
  });
});

describe('a rollback deletes its links by link group', () => {
  const del = (dev: string): Op => ({ op: 'link-del', dev });

  test('GIVEN consecutive deletions of links in the set THEN one group line each and one group deletion; others stay single', () => {
    const ops: Op[] = [{ op: 'route-del', route: { family: 4, destination: '10.0.0.0/8', dev: 'br1', table: 254 } }, del('br1'), del('eth1.1'), del('br2'), del('ens3'), { op: 'set-state', dev: 'eth1', up: true }];
    const b = renderBatches(ops, { group: 77, devs: new Set(['br1', 'eth1.1', 'br2']) });
    expect(b.ip).toEqual([
      'route del 10.0.0.0/8 dev br1 table 254',
      'link set dev br1 group 77',
      'link set dev eth1.1 group 77',
      'link set dev br2 group 77',
      'link del group 77',
      'link del dev ens3',
      'link set dev eth1 up',
    ]);
  });

  test('GIVEN a single deletion THEN it is a plain link del', () => {
    expect(renderBatches([del('br1')], { group: 77, devs: new Set(['br1']) }).ip).toEqual(['link del dev br1']);
  });

  test('GIVEN the host state THEN only vlan/bridge/bond links are grouped, in the first group no link is in', () => {
    const host = stateFixture('c7000-vlan-bridge');
    const ops = [del('bridge-1085'), del('eno49.1085'), del('eno49')];
    expect(groupDeletionFor(ops, host)).toEqual({ group: ROLLBACK_LINK_GROUP, devs: new Set(['bridge-1085', 'eno49.1085']) });
    const taken = withGroups(host, { lo: String(ROLLBACK_LINK_GROUP), eno49: String(ROLLBACK_LINK_GROUP + 1) });
    expect(groupDeletionFor(ops, taken)?.group).toBe(ROLLBACK_LINK_GROUP + 2);
  });

  test('GIVEN a link in a named group (its number unknown) or fewer than two links THEN no group deletion', () => {
    const host = stateFixture('c7000-vlan-bridge');
    expect(groupDeletionFor([del('bridge-1085'), del('eno49.1085')], withGroups(host, { eno49: 'storage' }))).toBeUndefined();
    expect(groupDeletionFor([del('bridge-1085')], host)).toBeUndefined();
  });

  test('GIVEN an apply of two VLAN bridges whose probe fails WHEN rolled back THEN the links go in one group deletion and the check read rides in that batch', async () => {
    const full = rawFixture('c7000-vlan-bridge');
    const empty = c7000Bare();
    const two: RawState = { ...full, addr: [...full.addr, ...renamed(full, 1085, 1086)] };
    const exec = scriptedExec([empty, two, empty], { ping: () => false });
    const desiredState = {
      interfaces: [1085, 1086].flatMap((v) => [
        { name: `eno49.${v}`, type: 'vlan', state: 'up', vlan: { 'base-iface': 'eno49', id: v } },
        { name: `bridge-${v}`, type: 'linux-bridge', state: 'up', ipv4: { enabled: false }, ipv6: { enabled: false }, bridge: { options: { stp: { enabled: false } }, port: [{ name: `eno49.${v}` }] } },
      ]),
    };
    let now = 0;
    const clock: Clock = { now: () => now, wallTime: () => new Date(0), sleep: async (ms) => void (now += ms) };
    const f = write('two.json', { desiredState, probes: [{ target: '10.0.0.1', timeoutSeconds: 1 }] });
    const r = await createAgent({ configPath: f, netns: 'c7000' }, { exec, logger: silentLogger, clock, validators: [] }).apply();
    expect(r.verify).toEqual({ ok: true, remaining: [] });
    expect(r.result).toBe('rolled-back');
    const g = ROLLBACK_LINK_GROUP;
    // the planner's deletion order (dependents first), each link into the group
    expect(r.rollback?.commands).toEqual([
      `ip link set dev bridge-1086 group ${g}`,
      `ip link set dev bridge-1085 group ${g}`,
      `ip link set dev eno49.1086 group ${g}`,
      `ip link set dev eno49.1085 group ${g}`,
      `ip link del group ${g}`,
    ]);
    const writes = exec.calls.filter(isWriteBatch);
    expect(writes.map((c) => c.args.join(' '))).toEqual(['-n c7000 -j -d -batch -', '-n c7000 -force -j -d -batch -']);
    expect(changeLines(writes[1])).toBe(r.rollback!.commands.map((c) => c.replace(/^ip /, '')).join('\n') + '\n');
    // besides the probe's pings, one read: the snapshot (the forward and rollback batches read the host after themselves)
    expect(exec.calls.filter((c) => !isWriteBatch(c) && !c.args.includes('ping')).map((c) => c.args.join(' '))).toEqual(['-n c7000 -j -d -batch -']);
  });
});

/** `raw`'s VLAN and bridge of VLAN `from` again, as VLAN `to` (new names, indexes and MACs). */
function renamed(raw: RawState, from: number, to: number): unknown[] {
  const text = JSON.stringify(raw.addr.filter((l) => String((l as { ifname: string }).ifname).includes(String(from))));
  return (JSON.parse(text.split(String(from)).join(String(to))) as Array<Record<string, unknown>>).map((l) => ({ ...l, ifindex: Number(l.ifindex) + 100 }));
}

/** `host` with the links named in `groups` in those groups. */
function withGroups(host: ReturnType<typeof stateFixture>, groups: Record<string, string>): ReturnType<typeof stateFixture> {
  const links = new Map([...host.links].map(([n, l]) => [n, groups[n] ? { ...l, details: { ...l.details!, group: groups[n] } } : l]));
  return { ...host, links };
}
