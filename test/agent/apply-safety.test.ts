/**
 * S2, S3, S13 of the security review (shared/reference/security-2026-12.md): every path after the
 * first command of a batch ends in a verified new state or a verified rollback, and `rolled-back`
 * is reported only when a read after the rollback matches the snapshot.
 */
import { createAgent } from '../../lib/agent/agent';
import { createExecFileExec, Exec } from '../../lib/agent/exec';
import { MAIN_READ_LINES, RawState } from '../../lib/agent/iproute/read';
import { renderOp, UnsafeBatchValueError } from '../../lib/agent/iproute/render';
import { runAgentCli } from '../../lib/agent/main';
import { pingCommand, UnsafeProbeError } from '../../lib/agent/probes';
import { Clock, silentLogger } from '../../lib/agent/types';
import { Call, configWriter, isWriteBatch, rawFixture, scriptedExec, TRUNK_BR0 } from './helpers';

const write = configWriter('agent-safety-');
let now = 0;
const fakeClock: Clock = { now: () => now, wallTime: () => new Date(0), sleep: async (ms) => void (now += ms) };
/** A read is any `-j` run that is not a batch of changes. */
const isRead = (c: Call) => c.args.includes('-j') && !isWriteBatch(c);

/** `inner`, except that `hook` may answer (or throw for) a call first; `n` counts the calls of the same kind (read/write/other) of the same program before it. */
function withHook(inner: Exec & { calls: Call[] }, hook: (c: Call, n: number) => ReturnType<Exec> | undefined): Exec & { calls: Call[] } {
  const seen: Record<string, number> = {};
  const fn = ((file, args, o) => {
    const c: Call = { file, args, ...(o?.input !== undefined ? { input: o.input } : {}) };
    const kind = `${isRead(c) ? 'read' : isWriteBatch(c) ? 'write' : 'other'} ${file}`;
    const n = (seen[kind] = (seen[kind] ?? 0) + 1) - 1;
    const answer = hook(c, n);
    if (answer) {
      inner.calls.push(c);
      return answer;
    }
    return inner(file, args, o);
  }) as Exec & { calls: Call[] };
  fn.calls = inner.calls;
  return fn;
}

const trunkApply = (exec: Exec, extra: object = {}) =>
  createAgent({ configPath: write('trunk.json', { desiredState: TRUNK_BR0, defaultGatewayProbe: false, ...extra }), netns: 'node01' }, { exec, logger: silentLogger, clock: fakeClock }).apply();

describe('S3: a throw after the batch ran leads to the rollback', () => {
  test('GIVEN the verifying `ip -j` read fails (its output over the cap) WHEN applied THEN the change is rolled back and the report says why', async () => {
    const inner = scriptedExec([rawFixture('node01-empty'), rawFixture('node01-trunk-with-vms'), rawFixture('node01-empty')]);
    const exec = withHook(inner, (c, n) => (isRead(c) && c.file === 'ip' && n === 1 ? Promise.resolve({ code: 1, stdout: '', stderr: 'ip printed more than 16777216 bytes, the agent\'s output cap (EXEC_MAX_OUTPUT_BYTES); it was stopped' }) : undefined));
    const r = await trunkApply(exec);
    expect(r.result).toBe('rolled-back');
    expect(r.error).toMatch(/^the verifying read failed: .*output cap/);
    expect(r.rollback).toMatchObject({ ok: true, remaining: [] });
    expect(r.rollback?.commands[0]).toBe('ip link del dev br0');
    // the forward ip and bridge batches, then the rollback's ip batch (deleting br0 detaches eth1 with its VLANs)
    expect(exec.calls.filter(isWriteBatch).map((c) => c.file)).toEqual(['ip', 'bridge', 'ip']);
  });

  test('GIVEN a probe whose exec throws synchronously WHEN applied THEN the change is rolled back (no exit 3, no report lost)', async () => {
    const inner = scriptedExec([rawFixture('node01-empty'), rawFixture('node01-trunk-with-vms'), rawFixture('node01-empty')]);
    const exec = withHook(inner, (c) => {
      if (c.args.includes('ping')) throw new TypeError("The argument 'args[5]' must be a string without null bytes");
      return undefined;
    });
    const r = await trunkApply(exec, { probes: [{ target: '10.0.0.1', interface: 'eth1', timeoutSeconds: 1 }] });
    expect(r.result).toBe('rolled-back');
    expect(r.error).toMatch(/^the probes failed: The argument 'args\[5\]'/);
    expect(r.rollback?.ok).toBe(true);
  });

  test('GIVEN the rollback batch itself throws WHEN applied THEN the result is failed, rollback.ok is false and the failure is in the report', async () => {
    const inner = scriptedExec([rawFixture('node01-empty'), rawFixture('node01-trunk-with-vms')], { ping: () => false });
    const exec = withHook(inner, (c, n) => {
      if (isWriteBatch(c) && c.file === 'ip' && n === 1) throw new Error('spawn ip EAGAIN');
      return undefined;
    });
    const r = await trunkApply(exec, { probes: [{ target: '10.0.0.1', interface: 'eth1', timeoutSeconds: 1 }] });
    expect(r.result).toBe('failed');
    expect(r.rollback?.ok).toBe(false);
    expect(r.rollback?.remaining).toEqual(['the rollback batch failed: spawn ip EAGAIN']);
    expect(r.error).toMatch(/^probe .* failed .*; the rollback did not restore the snapshot: the rollback batch failed: spawn ip EAGAIN$/);
  });

  test('GIVEN the read after the rollback fails (in the rollback batch and on its own) WHEN applied THEN the rollback is not reported as done', async () => {
    const inner = scriptedExec([rawFixture('node01-empty'), rawFixture('node01-trunk-with-vms'), rawFixture('node01-empty')], { ping: () => false });
    const gone = { code: 1, stdout: '', stderr: 'Cannot open network namespace' };
    const exec = withHook(inner, (c, n) => {
      if (isWriteBatch(c) && c.file === 'ip' && n === 1) {
        expect(c.input!.endsWith(MAIN_READ_LINES)).toBe(true); // the check read rides in the rollback batch
        return Promise.resolve(gone);
      }
      return isRead(c) && c.file === 'ip' && n === 2 ? Promise.resolve(gone) : undefined;
    });
    const r = await trunkApply(exec, { probes: [{ target: '10.0.0.1', interface: 'eth1', timeoutSeconds: 1 }] });
    expect(r.result).toBe('failed');
    expect(r.rollback?.ok).toBe(false);
    expect(r.rollback?.remaining[0]).toMatch(/^the read after the rollback failed: .*Cannot open network namespace/);
  });
});

describe('S2: a rollback that leaves a difference is INCOMPLETE, never rolled-back', () => {
  /** node01-empty plus the route `ip -batch` added when a NUL cut its line: on lo, no metric. */
  function strayRoute(): RawState {
    const empty = rawFixture('node01-empty');
    return { ...empty, route4: [{ dst: '10.99.0.0/16', dev: 'lo', protocol: 'boot', scope: 'link', flags: [] }] };
  }

  test('GIVEN a route that landed on another device WHEN verify fails THEN the rollback plan is empty but the stray route is reported and the result is failed', async () => {
    const exec = scriptedExec([rawFixture('node01-empty'), strayRoute()]);
    const f = write('route.json', { desiredState: { interfaces: [], routes: { config: [{ destination: '10.99.0.0/16', 'next-hop-interface': 'eth1', metric: 100 }] } }, defaultGatewayProbe: false });
    const agent = createAgent({ configPath: f, netns: 'node01' }, { exec, logger: silentLogger, validators: [] });
    const r = await agent.apply();
    expect(r.commands).toEqual(['ip route add 10.99.0.0/16 dev eth1 metric 100 table 254']);
    expect(r.verify?.ok).toBe(false);
    expect(r.result).toBe('failed');
    expect(r.rollback).toMatchObject({ ok: false, commands: [], remaining: ['route 10.99.0.0/16 dev lo is on the host and was not in the snapshot'] });
    expect(agent.metrics.get('multihome_agent_last_apply_success')).toBe(0);
  });

  test('GIVEN the review\'s config (next-hop-interface "lo\\u0000junk") WHEN planned through the CLI THEN exit 2, refused at the field, never planned', async () => {
    const f = write('nul-route.json', { desiredState: { interfaces: [], routes: { config: [{ destination: '10.99.0.0/16', 'next-hop-interface': 'lo\u0000junk', metric: 100 }] } } });
    let out = '';
    const code = await runAgentCli(['agent', 'plan', '--config', f, '--json'], { stdout: (s) => (out += s), stderr: () => undefined });
    expect(code).toBe(2);
    const r = JSON.parse(out);
    expect(r.result).toBe('invalid');
    expect(r.commands).toEqual([]);
    expect(r.problems.some((p: string) => /^\[AGENT_\w+\] desiredState\.routes\.config\[0\]\.next-hop-interface: .*control characters/.test(p))).toBe(true);
  });

  test('GIVEN a name with a control character that reached the renderer anyway THEN every place a name goes refuses it', () => {
    const route = { family: 4 as const, destination: '10.99.0.0/16', dev: 'lo\u0000junk', metric: 100, table: 254, state: 'present' as const };
    expect(() => renderOp({ op: 'route-add', route })).toThrow(UnsafeBatchValueError);
    expect(() => renderOp({ op: 'link-set', dev: 'bond0', kind: 'bond', attrs: { primary: 'lo\u0000x' } })).toThrow(UnsafeBatchValueError);
    expect(() => renderOp({ op: 'set-master', dev: 'eth1', master: 'br\u001b0', downFirst: false })).toThrow(UnsafeBatchValueError);
    expect(() => renderOp({ op: 'link-add', dev: 'v1', kind: 'vlan', up: true, vlan: { base: 'e\u007f', id: 5, protocol: '802.1Q' }, attrs: {} })).toThrow(UnsafeBatchValueError);
    expect(() => pingCommand({ name: 'p', type: 'ping', target: '10.0.0.1', interface: 'lo\u0000', timeoutSeconds: 1 })).toThrow(UnsafeProbeError);
  });
});

describe('S13: output cap of a program run', () => {
  test('GIVEN a program printing more than the cap THEN it resolves with code 1 and a message naming the cap, not a crash', async () => {
    const exec = createExecFileExec({ maxOutputBytes: 1024 });
    const r = await exec(process.execPath, ['-e', "process.stdout.write('x'.repeat(5000))"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/printed more than 1024 bytes, the agent's output cap/);
  });

  test('GIVEN an argument execFile refuses (NUL) THEN it resolves with code 1 instead of throwing', async () => {
    const r = await createExecFileExec()('ping', ['-I', 'lo\u0000', '127.0.0.1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^cannot run ping: .*null bytes/);
  });
});
