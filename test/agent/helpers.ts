/**
 * Test helpers: recorded `ip -j` fixtures (captured in the real-kernel lab with RECORD=1, see
 * test/lab/driver.js) and a scripted exec that serves them, so plans are computed without a kernel.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CodeTable } from '../../lib/core/errors';
import { ProblemSink } from '../../lib/core/problems';
import type { DesiredState } from '../../lib/core/nmstate/types';
import { AGENT_CODES } from '../../lib/core/host-intent/codes';
import type { Converse, Exec, ExecResult } from '../../lib/agent/exec';
import { MAIN_READ_LINES, parseState, RawState } from '../../lib/agent/iproute/read';
import type { HostIntent } from '../../lib/core/host-intent/model';
import { normalizeDesiredState } from '../../lib/core/host-intent/normalize';
import type { HostState } from '../../lib/agent/state';

/**
 * A temporary directory for agent config files, removed after the test file; returns
 * `write(name, doc)`, which writes `doc` as JSON there and returns the file's path.
 */
export function configWriter(prefix: string): (name: string, doc: unknown) => string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return (name, doc) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, JSON.stringify(doc));
    return f;
  };
}

/** A recorded raw read (`ip -j -d addr show`, routes, `bridge -j vlan show`). */
export function rawFixture(name: string): RawState {
  return JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', `${name}.json`), 'utf8')) as RawState;
}

/** The c7000 recording without its VLAN bridge (eno49.1085 in bridge-1085): the host before seed 001. */
export function c7000Bare(): RawState {
  const full = rawFixture('c7000-vlan-bridge');
  return { ...full, addr: full.addr.filter((l) => !['eno49.1085', 'bridge-1085'].includes(String((l as { ifname?: unknown }).ifname))) };
}

/** A recorded state, parsed. */
export function stateFixture(name: string): HostState {
  return parseState(rawFixture(name));
}

/** Normalizes a desiredState and fails the test on any problem. */
export function intentOf(ds: DesiredState): HostIntent {
  const sink = new ProblemSink({ kind: 'AgentConfig', name: 'test' }, AGENT_CODES as CodeTable);
  const intent = normalizeDesiredState(ds, sink, 'desiredState');
  if (sink.problems.length) throw new Error(sink.problems.map((p) => `${p.code} ${p.path} ${p.message}`).join('\n'));
  return intent;
}

/** Problems of a desiredState (code and path). */
export function problemsOf(ds: unknown): Array<{ code: string; path: string }> {
  const sink = new ProblemSink({ kind: 'AgentConfig', name: 'test' }, AGENT_CODES as CodeTable);
  normalizeDesiredState(ds as DesiredState, sink, 'desiredState');
  return sink.problems.map((p) => ({ code: p.code, path: p.path }));
}

/** seed 004's node intent as multihome renders it (br0 trunk on eth1, VLANs 100 and 200). */
export const TRUNK_BR0: DesiredState = {
  interfaces: [
    { name: 'eth1', type: 'ethernet', state: 'up' },
    {
      name: 'br0',
      type: 'linux-bridge',
      state: 'up',
      ipv4: { enabled: false },
      bridge: { options: { stp: { enabled: false } }, port: [{ name: 'eth1', vlan: { mode: 'trunk', 'trunk-tags': [{ id: 100 }, { id: 200 }] } }] },
    },
  ],
};

/** seed 002's bond as multihome renders it. */
export const BOND: DesiredState = {
  interfaces: [
    {
      name: 'bond0', type: 'bond', state: 'up',
      ipv4: { enabled: true, dhcp: false, address: [{ ip: '172.39.0.30', 'prefix-length': 16 }] },
      ipv6: { enabled: true, address: [{ ip: 'fc00:172:39::30', 'prefix-length': 64 }] },
      'link-aggregation': { mode: 'active-backup', port: ['ens161', 'ens256'], options: { miimon: 100 } },
    },
    {
      name: 'bond0.144', type: 'vlan', state: 'up',
      ipv4: { enabled: true, dhcp: false, address: [{ ip: '172.144.185.30', 'prefix-length': 16 }] },
      ipv6: { enabled: true, address: [{ ip: 'fd00:144::172:144:185:30', 'prefix-length': 64 }] },
      vlan: { 'base-iface': 'bond0', id: 144 },
    },
    {
      name: 'bond0.145', type: 'vlan', state: 'up',
      ipv4: { enabled: true, dhcp: false, address: [{ ip: '172.145.185.30', 'prefix-length': 16 }] },
      ipv6: { enabled: true, address: [{ ip: 'fd00:145::172:144:185:30', 'prefix-length': 64 }] },
      vlan: { 'base-iface': 'bond0', id: 145 },
    },
  ],
};

/**
 * A batch of changes (`ip -batch -` / `bridge -batch -`), which may end in the read verifying it
 * (backend.ts); a pure read batch carries only the main read's lines.
 */
export const isWriteBatch = (c: Call): boolean => c.args.join(' ').endsWith('-batch -') && c.input !== MAIN_READ_LINES;

/** The change lines a write batch ran, without the read riding along (backend.ts). */
export const changeLines = (c: Call): string | undefined => (c.input?.endsWith(MAIN_READ_LINES) ? c.input.slice(0, -MAIN_READ_LINES.length) : c.input);

/** A line of a batch that is neither empty nor one of the main read's show lines. */
const isChangeLine = (l: string): boolean => l.trim() !== '' && !MAIN_READ_LINES.split('\n').includes(l);

/** Call log entry of {@link scriptedExec}. */
export interface Call {
  file: string;
  args: readonly string[];
  input?: string;
}

/** Options of {@link scriptedExec}. */
export interface ScriptedExecOptions {
  /**
   * Which write batches (`ip -batch -` / `bridge -batch -`) the kernel refuses: `true` for all of
   * them, or a predicate of the call and its position among the write batches (0 = the first).
   * @default - none
   */
  readonly failBatch?: boolean | ((call: Call, index: number) => boolean);
  /**
   * A refused `ip` batch still moves the host to the next state, as `ip -batch` does: it stops
   * at the failing line and the lines before it stay applied.
   * @default false
   */
  readonly partialFailure?: boolean;
  readonly ping?: (call: Call) => boolean;
}

/**
 * An exec that answers reads from fixtures and records every call. `states` is the sequence of
 * host states: each successful batch moves to the next one (the host "after" the change).
 */
export function scriptedExec(states: RawState[], opts: ScriptedExecOptions = {}): Exec & { calls: Call[]; converse: Converse } {
  let i = 0;
  let batches = 0;
  const calls: Call[] = [];
  const ok = (stdout = ''): ExecResult => ({ code: 0, stdout, stderr: '' });
  const fn = (async (file, args, o) => {
    const call: Call = { file, args, ...(o?.input !== undefined ? { input: o.input } : {}) };
    calls.push(call);
    const s = states[Math.min(i, states.length - 1)];
    const a = args.join(' ');
    const mainRead = (r: RawState) => JSON.stringify(r.addr) + '\n' + JSON.stringify(r.route4) + '\n';
    if (file === 'ip' && a.includes('-d -batch -') && o?.input === MAIN_READ_LINES) return ok(mainRead(s));
    if (file === 'ip' && a.includes('-6 route show')) return ok(JSON.stringify(s.route6 ?? []));
    if (file === 'ip' && a.includes('-6 addr show')) return ok(JSON.stringify(s.addr));
    if (file === 'bridge' && a.includes('vlan show')) return ok(JSON.stringify(s.vlans ?? []));
    if ((file === 'ip' || file === 'bridge') && a.endsWith('-batch -')) {
      const refused = refuses(call);
      // a batch ending in the main read's lines (`ip -j -d -batch`) prints the state it left
      const reads = file === 'ip' && a.includes('-j -d -batch -') && (o?.input ?? '').endsWith(MAIN_READ_LINES);
      const force = a.includes('-force');
      if (refused) {
        if (file === 'ip' && (opts.partialFailure || force)) i++;
        const stdout = reads && force ? mainRead(states[Math.min(i, states.length - 1)]) : '';
        return { code: 1, stdout, stderr: 'RTNETLINK answers: Operation not supported\nCommand failed -:2' };
      }
      if (file === 'ip') i++; // the host moves to the next recorded state after an ip batch
      return ok(reads ? mainRead(states[Math.min(i, states.length - 1)]) : '');
    }
    if (a.includes('ping')) return opts.ping?.(call) ?? true ? ok('1 received') : { code: 1, stdout: '1 packets transmitted, 0 received', stderr: '' };
    return { code: 127, stdout: '', stderr: `unexpected ${file} ${a}` };
  }) as Exec & { calls: Call[]; converse: Converse };
  fn.calls = calls;
  // a held `ip -j -d -batch -` (backend.ts): show lines print the current state; the first change
  // line moves the host to the next state, as a batch run does; refused batches fail at finish
  fn.converse = (file, args) => {
    const call: Call = { file, args, input: '' };
    calls.push(call);
    let pending = '';
    let out: string[] = [];
    let changed = false;
    const run = () => {
      for (const line of pending.split('\n').filter((l) => l.trim())) {
        const s = states[Math.min(i, states.length - 1)];
        if (line === 'addr show') out.push(JSON.stringify(s.addr));
        else if (line === 'route show table main') out.push(JSON.stringify(s.route4));
        else if (!changed) {
          changed = true;
          i++;
        }
      }
      pending = '';
    };
    return {
      send(text) {
        call.input += text;
        pending += text;
      },
      async lines(n) {
        run();
        if (out.length < n) return undefined;
        return out.splice(0, n);
      },
      async finish() {
        const changes = pending.split('\n').some(isChangeLine);
        // like ip, name the refused line by its place in stdin (the first change line: after the read)
        const at = call.input!.split('\n').findIndex(isChangeLine) + 1;
        if (changes && isRefused()) return { code: 1, stdout: '', stderr: `RTNETLINK answers: Operation not supported\nCommand failed -:${at}` };
        run();
        return ok(out.map((l) => l + '\n').join(''));
      },
    };
  };
  /** Is this write batch refused ({@link ScriptedExecOptions.failBatch}); counts it as a batch. */
  function refuses(call: Call): boolean {
    const index = batches++;
    return typeof opts.failBatch === 'function' ? opts.failBatch(call, index) : opts.failBatch === true;
  }
  /** {@link refuses} for the held conversation's batch (the last call); a partial failure still moves the host. */
  function isRefused(): boolean {
    const refused = refuses(calls[calls.length - 1]);
    if (refused && opts.partialFailure) i++;
    return refused;
  }
  return fn;
}
