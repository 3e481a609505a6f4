/**
 * The spawn helper (lib/agent/spawn-helper.ts): `agent run` starts every program through one small
 * helper process that hands the program's stdio back over IPC, so the agent's own process never
 * forks again. Programs are real processes here (sh, cat); the conversations themselves are
 * tested over both launches in held-read.test.ts.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createSpawnConverse, execOverConverse } from '../../lib/agent/exec';
import { SPAWN_HELPER_SOURCE, spawnHelperDeps, startSpawnHelper } from '../../lib/agent/spawn-helper';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildAgent } = require('../../scripts/build-agent.js') as { buildAgent: (o: object) => Promise<string> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { alive, parentOf, childrenOf } = require('../support/processes.js') as { alive: (pid: number) => boolean; parentOf: (pid: number) => number; childrenOf: (pid: number) => number[] };

const until = async (what: () => boolean, ms = 5000) => {
  for (const end = Date.now() + ms; Date.now() < end && !what(); ) await new Promise((r) => setTimeout(r, 20));
  return what();
};

describe('startSpawnHelper', () => {
  test('GIVEN programs run through the helper THEN their parent is the one helper, not the agent, and they answer as if spawned directly', async () => {
    const helper = startSpawnHelper();
    try {
      const { exec } = spawnHelperDeps(helper);
      const a = await exec('sh', ['-c', 'echo $PPID; echo to-stderr >&2; cat'], { input: 'from stdin\n' });
      const b = await exec('sh', ['-c', 'echo $PPID; exit 3']);
      const helperPid = Number(a.stdout.split('\n')[0]);
      expect(a).toEqual({ code: 0, stdout: `${helperPid}\nfrom stdin\n`, stderr: 'to-stderr\n' });
      expect(b).toEqual({ code: 3, stdout: `${helperPid}\n`, stderr: '' });
      expect(helperPid).not.toBe(process.pid);
      expect(parentOf(helperPid)).toBe(process.pid);
      expect(fs.readFileSync(`/proc/${helperPid}/cmdline`, 'utf8').split('\0')).toContain(SPAWN_HELPER_SOURCE);
    } finally {
      helper.close();
    }
  });

  test('GIVEN a program run through the helper THEN the pages the agent writes afterwards do not fault (no fork of the agent, no copy-on-write)', async () => {
    const helper = startSpawnHelper();
    try {
      const { exec } = spawnHelperDeps(helper);
      const buffer = Buffer.alloc(40 << 20, 1);
      await exec('true', []); // the helper's own start is one fork of this process
      buffer.fill(2);
      const before = process.resourceUsage().minorPageFault;
      expect((await exec('true', [])).code).toBe(0);
      buffer.fill(3);
      // 10,240 pages of 4 KiB; after a fork of this process each would fault once (20 MiB measured:
      // 5,122). Without: tens, up to ~700 when a GC of the test's own heap falls in between.
      expect(process.resourceUsage().minorPageFault - before).toBeLessThan(2000);
    } finally {
      helper.close();
    }
  });

  test('GIVEN a program that writes to stdout and stderr before it reads THEN none of it is lost on the way through the helper', async () => {
    const helper = startSpawnHelper();
    try {
      const { exec } = spawnHelperDeps(helper);
      const runs = await Promise.all(Array.from({ length: 30 }, (_, i) => exec('sh', ['-c', `echo early-${i} >&2; echo first-${i}; cat`], { input: `input-${i}\n` })));
      expect(runs).toEqual(runs.map((_, i) => ({ code: 0, stdout: `first-${i}\ninput-${i}\n`, stderr: `early-${i}\n` })));
    } finally {
      helper.close();
    }
  });

  test('GIVEN arguments spawn refuses (a NUL byte) or a missing program THEN a result with code 1 or 127, never a throw', async () => {
    const helper = startSpawnHelper();
    try {
      const { exec } = spawnHelperDeps(helper);
      expect(await exec('echo', ['a\0b'])).toEqual({ code: 1, stdout: '', stderr: expect.stringMatching(/^cannot run echo: .*null bytes/) });
      expect(await exec('/nonexistent/ip', ['-j', 'link'])).toEqual({ code: 127, stdout: '', stderr: expect.stringMatching(/^cannot run \/nonexistent\/ip: .*ENOENT/) });
    } finally {
      helper.close();
    }
  });

  test('GIVEN the helper is killed during a conversation THEN the program ends with its output and an unknown exit status (code 1), the exit is told, and the next program starts a new helper', async () => {
    const exits: string[] = [];
    const helper = startSpawnHelper({ onExit: (why) => exits.push(why) });
    try {
      const converse = createSpawnConverse({ launch: helper.launch });
      const c = converse('sh', ['-c', 'echo $PPID; cat']);
      const [first] = (await c.lines(1))!;
      const helperPid = Number(first);
      process.kill(helperPid, 'SIGKILL');
      expect(await until(() => exits.length > 0)).toBe(true);
      expect(exits).toEqual(['signal SIGKILL']);
      // the program outlives its helper: the agent still holds its stdin and stdout
      c.send('still here\n');
      expect(await c.finish()).toEqual({ code: 1, stdout: 'still here\n', stderr: `\nthe agent's spawn helper exited (signal SIGKILL): the exit status of sh is unknown` });
      const again = await execOverConverse(converse)('sh', ['-c', 'echo $PPID']);
      expect(again.code).toBe(0);
      expect(Number(again.stdout)).not.toBe(helperPid);
      expect(parentOf(Number(again.stdout))).toBe(process.pid);
    } finally {
      helper.close();
    }
  });

  test('GIVEN close() THEN the helper exits, a program it started runs on, and later programs fail with the reason', async () => {
    const exits: string[] = [];
    const helper = startSpawnHelper({ onExit: (why) => exits.push(why) });
    const { exec } = spawnHelperDeps(helper);
    const helperPid = Number((await exec('sh', ['-c', 'echo $PPID'])).stdout);
    const c = createSpawnConverse({ launch: helper.launch })('sh', ['-c', 'echo started; cat']);
    expect(await c.lines(1)).toEqual(['started']);
    helper.close();
    expect(await until(() => !alive(helperPid))).toBe(true);
    expect(exits).toEqual([]); // a stop asked for is not reported as an exit
    // the program started before close() still talks to the agent and ends when its input does
    c.send('after close\n');
    expect(await c.finish()).toEqual({ code: 1, stdout: 'after close\n', stderr: `\nthe agent's spawn helper exited (stopped): the exit status of sh is unknown` });
    expect(await exec('true', [])).toEqual({ code: 1, stdout: '', stderr: "cannot run true: the agent's spawn helper was stopped" });
  });

  test('GIVEN close() while the streams of many programs are still on their way THEN the helper exits anyway and every conversation ends', async () => {
    const helper = startSpawnHelper();
    const converse = createSpawnConverse({ launch: helper.launch });
    const helperPid = Number((await execOverConverse(converse)('sh', ['-c', 'echo $PPID'])).stdout);
    // Node sends one handle at a time and waits for its acknowledgement: 20 programs are 60 handles in a queue
    const talks = Array.from({ length: 20 }, () => converse('sh', ['-c', 'echo up; cat']));
    await talks[0].lines(1);
    helper.close();
    expect(await until(() => !alive(helperPid))).toBe(true);
    const ends = await Promise.all(talks.map((t) => t.finish()));
    expect(ends.every((e) => e.code === 1 && /the agent's spawn helper exited \(stopped\)/.test(e.stderr))).toBe(true);
  });

  test('GIVEN SIGTERM or SIGINT to the helper (a Ctrl-C reaches the whole process group) THEN it keeps serving the agent', async () => {
    const helper = startSpawnHelper();
    try {
      const { exec } = spawnHelperDeps(helper);
      const helperPid = Number((await exec('sh', ['-c', 'echo $PPID'])).stdout);
      process.kill(helperPid, 'SIGTERM');
      process.kill(helperPid, 'SIGINT');
      await new Promise((r) => setTimeout(r, 200));
      expect(await exec('sh', ['-c', 'echo $PPID'])).toEqual({ code: 0, stdout: `${helperPid}\n`, stderr: '' });
    } finally {
      helper.close();
    }
  });
});

describe('agent run starts its programs through the spawn helper (the bundle, observing this host)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-helper-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('GIVEN agent run THEN its only child is the helper, its reads run there, and SIGTERM stops both', async () => {
    const bundle = await buildAgent({ outfile: path.join(dir, 'agent.js') });
    const config = path.join(dir, 'agent.json');
    fs.writeFileSync(config, JSON.stringify({ desiredState: { interfaces: [{ name: 'mh-test-br0', type: 'linux-bridge', state: 'up' }] }, defaultGatewayProbe: false }));
    const agent = spawn(process.execPath, [bundle, 'agent', 'run', '--mode', 'observe', '--config', config, '--port', '0', '--listen-address', '127.0.0.1', '--no-mark-bridges'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    agent.stderr.on('data', (d) => (err += d));
    const exit = new Promise<number | null>((r) => agent.on('exit', (code) => r(code)));
    try {
      expect(await until(() => err.includes('serving'), 30000)).toBe(true);
      // the helper starts with the first program the agent runs, which may come after the listen
      let children: number[] = [];
      await until(() => (children = childrenOf(agent.pid!)).length > 0);
      expect(children).toHaveLength(1);
      const [helperPid] = children;
      expect(fs.readFileSync(`/proc/${helperPid}/cmdline`, 'utf8').split('\0')).toContain(SPAWN_HELPER_SOURCE);
      // the first reconcile observed the host (ip ran, in the helper): the bridge is missing
      const port = Number(/on 127\.0\.0\.1:(\d+)/.exec(err)![1]);
      let metrics = '';
      await until(() => {
        void fetch(`http://127.0.0.1:${port}/metrics`).then(async (r) => (metrics = await r.text()), () => undefined);
        return /^multihome_agent_reconciles_total [1-9]/m.test(metrics);
      }, 30000);
      expect(metrics).toMatch(/^multihome_agent_reconciles_total [1-9]/m);
      expect(metrics).toMatch(/^multihome_agent_drift [1-9]/m);
      expect(err).not.toMatch(/spawn helper exited/);
      agent.kill('SIGTERM');
      expect(await exit).toBe(0);
      expect(await until(() => !alive(helperPid))).toBe(true);
      expect(err).toContain('multihome agent: stopped');
    } finally {
      agent.kill('SIGKILL');
    }
  }, 60000);
});
