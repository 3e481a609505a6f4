/**
 * One `ip` process for a whole apply: the snapshot read holds its `ip -j -d -batch -` open, the
 * batch and the verifying read go to the same process (backend.ts, exec.ts createSpawnConverse) —
 * the agent runs exactly as many processes as one hand-written batch.
 */
import { createAgent } from '../../lib/agent/agent';
import { createSpawnConverse as createConverse, Launch, spawnLaunch } from '../../lib/agent/exec';
import { SpawnHelper, startSpawnHelper } from '../../lib/agent/spawn-helper';
import { MAIN_READ_LINES } from '../../lib/agent/iproute/read';
import { Clock, silentLogger } from '../../lib/agent/types';
import { c7000Bare, configWriter, rawFixture, scriptedExec } from './helpers';

const write = configWriter('agent-held-');
let now = 0;
const clock: Clock = { now: () => now, wallTime: () => new Date(0), sleep: async (ms) => void (now += ms) };

const full = rawFixture('c7000-vlan-bridge');
const empty = c7000Bare();
const vlanBridge = {
  interfaces: [
    { name: 'eno49.1085', type: 'vlan', state: 'up', vlan: { 'base-iface': 'eno49', id: 1085 } },
    { name: 'bridge-1085', type: 'linux-bridge', state: 'up', ipv4: { enabled: false }, ipv6: { enabled: false }, bridge: { options: { stp: { enabled: false } }, port: [{ name: 'eno49.1085' }] } },
  ],
};
const agentFor = (exec: ReturnType<typeof scriptedExec>, extra: object = {}) =>
  createAgent({ configPath: write('c.json', { desiredState: vlanBridge, defaultGatewayProbe: false, ...extra }), netns: 'c7000' }, { exec, converse: exec.converse, logger: silentLogger, clock, validators: [] });

describe('the apply holds its read process', () => {
  test('GIVEN a change WHEN applied THEN read, batch and verifying read are one ip process', async () => {
    const exec = scriptedExec([empty, full]);
    const r = await agentFor(exec).apply();
    expect(r.result).toBe('applied');
    expect(r.verify).toEqual({ ok: true, remaining: [] });
    expect(r.processes).toBe(1);
    expect(exec.calls).toHaveLength(1);
    expect(exec.calls[0].args).toEqual(['-n', 'c7000', '-j', '-d', '-batch', '-']);
    const batch = r.commands.map((c) => c.replace(/^ip /, '')).join('\n') + '\n';
    expect(exec.calls[0].input).toBe(MAIN_READ_LINES + batch + MAIN_READ_LINES);
  });

  test('GIVEN a converged host WHEN applied THEN the held process only read, and is ended', async () => {
    const exec = scriptedExec([full]);
    const r = await agentFor(exec).apply();
    expect(r.result).toBe('converged');
    expect(exec.calls.map((c) => c.input)).toEqual([MAIN_READ_LINES]);
  });

  test('GIVEN the kernel refuses the batch in the held process THEN the rollback runs in a -force process of its own', async () => {
    const exec = scriptedExec([empty, empty, empty], { failBatch: (_c, n) => n === 0 });
    const r = await agentFor(exec).apply();
    // the failing line is named by its place in the batch (line 1), not in the held process's stdin (line 3, after the read)
    expect(r.error).toBe('ip -batch: RTNETLINK answers: Operation not supported\nCommand failed -:1');
    expect(r.result).toBe('rolled-back');
    // the held process (read, refused batch); the rollback's read (nothing was created, so nothing to undo) and its check read
    expect(exec.calls.map((c) => c.args.join(' '))).toEqual(['-n c7000 -j -d -batch -', '-n c7000 -j -d -batch -', '-n c7000 -j -d -batch -']);
    expect(exec.calls.map((c) => c.input === MAIN_READ_LINES)).toEqual([false, true, true]);
    expect(r.rollback).toMatchObject({ ok: true, commands: [] });
  });

  test('GIVEN a failing probe THEN the rollback batch is a new -force process carrying its check read', async () => {
    const exec = scriptedExec([empty, full, empty], { ping: () => false });
    const r = await agentFor(exec, { probes: [{ target: '10.0.0.1', timeoutSeconds: 1 }] }).apply();
    expect(r.result).toBe('rolled-back');
    const ip = exec.calls.filter((c) => c.file === 'ip' && !c.args.includes('ping'));
    expect(ip.map((c) => c.args.join(' '))).toEqual(['-n c7000 -j -d -batch -', '-n c7000 -force -j -d -batch -']);
    expect(ip[1].input).toBe(r.rollback!.commands.map((c) => c.replace(/^ip /, '')).join('\n') + '\n' + MAIN_READ_LINES);
    expect(r.rollback!.commands.at(-1)).toMatch(/^ip link del group \d+$/);
  });
});

// the same conversations with programs forked by the agent's process and by its spawn helper (`agent run`)
let helper: SpawnHelper;
beforeAll(() => (helper = startSpawnHelper()));
afterAll(() => helper.close());
const LAUNCHES: Array<[string, () => Launch]> = [
  ['spawned by the agent', () => spawnLaunch],
  ['spawned by the spawn helper', () => helper.launch],
];

describe.each(LAUNCHES)('createSpawnConverse, programs %s', (_how, launchOf) => {
  const createSpawnConverse = (o: { maxOutputBytes?: number } = {}) => createConverse({ ...o, launch: launchOf() });
  /** A stand-in for `ip -batch -`: `show N` prints a JSON line, `fail` exits 1, EOF exits 0. */
  const FAKE = [
    '-e',
    `const rl = require('readline').createInterface({ input: process.stdin });
     // lines run one after the other (a 'big' answer is written over several turns)
     let queue = Promise.resolve();
     const write = (t) => new Promise((r) => process.stdout.write(t, r));
     rl.on('line', (l) => (queue = queue.then(async () => {
       if (l.startsWith('show')) await write(JSON.stringify([l]) + '\\n');
       else if (l === 'fail') { process.stderr.write('Command failed -:1\\n'); process.exit(1); }
       else if (l === 'flood') await write('x'.repeat(5000) + '\\n');
       else if (l === 'hang') setInterval(() => undefined, 1000);
       else if (l === 'blank') await write('\\n\\n');
       else if (l.startsWith('big')) {
         // one JSON line of N bytes in 4 KB writes, each on its own turn (as ip's stdio writes a dump)
         const text = JSON.stringify(['y'.repeat(Number(l.split(' ')[1]))]) + '\\n';
         for (let at = 0; at < text.length; at += 4096) {
           await write(text.slice(at, at + 4096));
           await new Promise((r) => setImmediate(r));
         }
       }
     })));
     rl.on('close', () => queue.then(() => process.exit(0)));`,
  ];

  test('GIVEN show lines THEN each answer arrives while stdin stays open; finish returns what was not taken', async () => {
    const c = createSpawnConverse()(process.execPath, FAKE);
    c.send('show 1\nshow 2\n');
    expect(await c.lines(2)).toEqual(['["show 1"]', '["show 2"]']);
    c.send('change\nshow 3\n');
    expect(await c.finish()).toEqual({ code: 0, stdout: '["show 3"]\n', stderr: '' });
  });

  test('GIVEN a dump line of 300 KB arriving in 4 KB pieces, blank lines and a short line THEN lines() joins the pieces, skips the blanks, keeps the rest', async () => {
    const c = createSpawnConverse()(process.execPath, FAKE);
    c.send('big 300000\nblank\nshow 1\nshow 2\n');
    const got = await c.lines(2);
    expect(got?.map((l) => l.length)).toEqual([300004, 10]);
    expect(JSON.parse(got![0])).toEqual(['y'.repeat(300000)]);
    expect(got![1]).toBe('["show 1"]');
    expect(await c.lines(1)).toEqual(['["show 2"]']);
    c.send('big 5000\n');
    expect(await c.finish()).toEqual({ code: 0, stdout: JSON.stringify(['y'.repeat(5000)]) + '\n', stderr: '' });
  });

  test('GIVEN blank lines before a dump line in pieces THEN the blanks are not lines: lines(1) waits for the dump', async () => {
    const c = createSpawnConverse()(process.execPath, FAKE);
    c.send('blank\nblank\nbig 20000\nshow 1\n');
    expect((await c.lines(1))?.[0]).toBe(JSON.stringify(['y'.repeat(20000)]));
    expect(await c.lines(1)).toEqual(['["show 1"]']);
    expect(await c.finish()).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  test('GIVEN a line that fails THEN lines() is undefined and finish() has the exit code and stderr', async () => {
    const c = createSpawnConverse()(process.execPath, FAKE);
    c.send('fail\n');
    expect(await c.lines(1)).toBeUndefined();
    expect(await c.finish()).toEqual(expect.objectContaining({ code: 1, stderr: 'Command failed -:1\n' }));
  });

  test('GIVEN output over the cap or no answer in time THEN the program is stopped with the reason', async () => {
    const flood = createSpawnConverse({ maxOutputBytes: 1000 })(process.execPath, FAKE);
    flood.send('flood\n');
    expect(await flood.lines(1)).toBeUndefined();
    expect((await flood.finish()).stderr).toMatch(/printed more than 1000 bytes, the agent's output cap/);
    const hang = createSpawnConverse()(process.execPath, FAKE, { timeoutMs: 300 });
    hang.send('hang\n');
    expect(await hang.lines(1)).toBeUndefined();
    expect(await hang.finish()).toEqual({ code: 1, stdout: '', stderr: expect.stringMatching(/did not finish within 300 ms; it was stopped/) });
  });

  test('GIVEN a program that does not exist THEN code 127, never a throw', async () => {
    const c = createSpawnConverse()('/nonexistent/ip', ['-batch', '-']);
    c.send('show\n');
    expect(await c.lines(1)).toBeUndefined();
    expect((await c.finish()).code).toBe(127);
  });
});
