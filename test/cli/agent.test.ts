/**
 * `multihome agent …` (lib/cli/agent.ts): which agent runs (the bundle in an installed package,
 * the sources in a checkout), and that the bundle gets the arguments unchanged — an argument
 * array, no shell — and its exit code comes back. A stand-in bundle records what it was given.
 * The real bundle is run by test/package.test.ts and test/package/consumer.test.ts.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { locateAgent, packageRoot, runAgent } from '../../lib/cli/agent';
import { runCli } from '../../lib/cli/main';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'multihome-cli-agent-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A package root with (some of) package.json, the bundle and the agent sources. */
function fakePackage(parts: { bundle?: string; source?: boolean }): string {
  const root = path.join(dir, 'node_modules', 'multihome');
  fs.mkdirSync(path.join(root, 'dist-lib', 'lib', 'cli'), { recursive: true });
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'multihome' }));
  if (parts.bundle !== undefined) {
    fs.mkdirSync(path.join(root, 'dist-agent'));
    fs.writeFileSync(path.join(root, 'dist-agent', 'multihome-agent.js'), parts.bundle);
  }
  if (parts.source) {
    fs.mkdirSync(path.join(root, 'lib', 'agent'), { recursive: true });
    fs.writeFileSync(path.join(root, 'lib', 'agent', 'main.ts'), '');
  }
  return root;
}

/** Writes its argv as JSON to stdout and a line to stderr, exits with N when given --exit=N (else 0). */
const RECORDER = `process.stdout.write(JSON.stringify(process.argv.slice(2)));
process.stderr.write('from the bundle\\n');
process.exit(Number((process.argv.find((a) => a.startsWith('--exit=')) || '--exit=0').slice(7)));`;

describe('locateAgent', () => {
  test('GIVEN an installed package (bundle, no sources) THEN the bundle', () => {
    const root = fakePackage({ bundle: '' });
    expect(locateAgent(root, false)).toEqual({ kind: 'bundle', file: path.join(root, 'dist-agent', 'multihome-agent.js') });
    expect(locateAgent(root, true)).toEqual({ kind: 'bundle', file: path.join(root, 'dist-agent', 'multihome-agent.js') });
  });

  test('GIVEN a checkout with a bundle THEN the TypeScript CLI runs the sources and the compiled CLI the bundle', () => {
    const root = fakePackage({ bundle: '', source: true });
    expect(locateAgent(root, true)).toEqual({ kind: 'source', file: path.join(root, 'lib', 'agent', 'main.ts') });
    expect(locateAgent(root, false)).toEqual({ kind: 'bundle', file: path.join(root, 'dist-agent', 'multihome-agent.js') });
  });

  test('GIVEN a checkout without a bundle THEN the sources; GIVEN neither THEN nothing', () => {
    expect(locateAgent(fakePackage({ source: true }), false)).toEqual({ kind: 'source', file: expect.stringMatching(/lib\/agent\/main\.ts$/) });
    fs.rmSync(path.join(dir, 'node_modules'), { recursive: true });
    expect(locateAgent(fakePackage({}), false)).toBeUndefined();
  });

  test('packageRoot walks up to the directory of the multihome package.json', () => {
    const root = fakePackage({});
    expect(packageRoot(path.join(root, 'dist-lib', 'lib', 'cli'))).toBe(root);
    expect(packageRoot(__dirname)).toBe(path.resolve(__dirname, '..', '..'));
  });
});

describe('runAgent with the bundle', () => {
  const io = () => {
    const out = { stdout: '', stderr: '' };
    return { out, io: { stdout: (s: string) => void (out.stdout += s), stderr: (s: string) => void (out.stderr += s) } };
  };

  test('GIVEN arguments with shell metacharacters THEN the bundle gets them unchanged after `agent`, and its output', async () => {
    const file = path.join(fakePackage({ bundle: RECORDER }), 'dist-agent', 'multihome-agent.js');
    const { out, io: sink } = io();
    const argv = ['plan', '--config', `${dir}/a b; echo pwned $(id) \`id\` > x`, '--json', '*'];
    expect(await runAgent(argv, sink, () => ({ kind: 'bundle', file }))).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual(['agent', ...argv]);
    expect(out.stderr).toBe('from the bundle\n');
    expect(fs.existsSync(path.join(dir, 'x'))).toBe(false);
  });

  test('GIVEN the bundle THEN its Node process runs with a fixed 16 MiB young generation (the image entrypoint\'s flags)', async () => {
    const bundle = "const v8 = require('v8'); process.stdout.write(JSON.stringify({ execArgv: process.execArgv, newSpace: v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size }));";
    const file = path.join(fakePackage({ bundle }), 'dist-agent', 'multihome-agent.js');
    const { out, io: sink } = io();
    expect(await runAgent(['plan'], sink, () => ({ kind: 'bundle', file }))).toBe(0);
    const got = JSON.parse(out.stdout) as { execArgv: string[]; newSpace: number };
    expect(got.execArgv).toEqual(['--min-semi-space-size=16', '--max-semi-space-size=16']);
    // committed from the start: a new process without the flags starts its semi-space at 1 MiB
    expect(got.newSpace).toBeGreaterThanOrEqual(16 * 1024 * 1024);
  });

  test("GIVEN the bundle exits 3 THEN so does the command", async () => {
    const file = path.join(fakePackage({ bundle: RECORDER }), 'dist-agent', 'multihome-agent.js');
    expect(await runAgent(['run', '--exit=3'], io().io, () => ({ kind: 'bundle', file }))).toBe(3);
  });

  test('GIVEN the bundle is killed by a signal THEN 128 + its number, like a shell', async () => {
    const file = path.join(fakePackage({ bundle: "process.kill(process.pid, 'SIGTERM'); setTimeout(() => {}, 10000);" }), 'dist-agent', 'multihome-agent.js');
    expect(await runAgent(['run'], io().io, () => ({ kind: 'bundle', file }))).toBe(128 + os.constants.signals.SIGTERM);
  });

  test('GIVEN no agent at all THEN exit 2 with what to do', async () => {
    const { out, io: sink } = io();
    expect(await runAgent(['plan'], sink, () => undefined)).toBe(2);
    expect(out.stderr).toContain('dist-agent/multihome-agent.js is missing');
  });
});

describe('multihome agent from the sources (this checkout)', () => {
  test('GIVEN `agent plan --help` THEN the agent prints its own help through the CLI streams', async () => {
    let out = '';
    const code = await runCli(['agent', 'plan', '--help'], { stdout: (s) => (out += s), stderr: () => undefined });
    expect(code).toBe(0);
    expect(out).toContain('Usage: multihome agent plan');
    expect(out).toContain('--config <path>');
  });

  test('GIVEN a missing config THEN the agent rejects it with exit 2', async () => {
    let out = '';
    const code = await runCli(['agent', 'plan', '--config', path.join(dir, 'missing')], { stdout: (s) => (out += s), stderr: () => undefined });
    expect(code).toBe(2);
    expect(out).toContain('AGENT_CONFIG_UNREADABLE');
  });

  test('GIVEN `multihome --help` THEN agent is listed', async () => {
    let out = '';
    expect(await runCli(['--help'], { stdout: (s) => (out += s), stderr: () => undefined })).toBe(0);
    expect(out).toMatch(/agent \[args\.\.\.\]\s+Node agent/);
  });
});
