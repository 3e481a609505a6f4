/**
 * S1 of the security review (shared/reference/security-2026-12.md): the agent survives any file
 * at its config path — an alias bomb, a FIFO, a huge file, a symlink out of the directory — with
 * a problem (exit 2), while the kubelet's ConfigMap layout (`key -> ..data/key`,
 * `..data -> ..<timestamp>/`) keeps working.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AGENT_CONFIG_MAX_BYTES, AgentConfigError, loadConfig } from '../../lib/agent/config';
import { runAgentCli } from '../../lib/agent/main';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-hostile-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => {
  const d = path.join(root, `d${n++}`);
  fs.mkdirSync(d);
  return d;
};

/** Code and path of every problem loadConfig throws for `p`. */
function refusal(p: string): Array<[string, string]> {
  try {
    loadConfig(p);
  } catch (e) {
    if (e instanceof AgentConfigError) return e.problems.map((x) => [x.code, x.path]);
    throw e;
  }
  throw new Error(`${p} was accepted`);
}

/** The kubelet's ConfigMap volume: files behind `..data`, which points at a timestamped directory. */
function configMapDir(files: Record<string, string>): string {
  const d = freshDir();
  const data = path.join(d, '..2026_01_02_03_04_05.123456789');
  fs.mkdirSync(data);
  for (const [k, v] of Object.entries(files)) fs.writeFileSync(path.join(data, k), v);
  fs.symlinkSync(path.basename(data), path.join(d, '..data'));
  for (const k of Object.keys(files)) fs.symlinkSync(path.join('..data', k), path.join(d, k));
  return d;
}

const AGENT_YAML = 'apiVersion: multihome.io/v1alpha1\nkind: AgentConfig\ndesiredState:\n  interfaces:\n    - {name: br0, type: linux-bridge, state: up}\n';

/** The review's 585-byte config: 9 levels of 10 aliases = 10^9 strings once expanded. */
function bomb(): string {
  const levels = 'abcdefghi'.split('');
  const lines = levels.map((l, i) => (i === 0 ? `    a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]` : `    ${l}: &${l} [${Array(10).fill(`*${levels[i - 1]}`).join(',')}]`));
  return `apiVersion: multihome.io/v1alpha1\nkind: AgentConfig\nmetadata:\n  anchors:\n${lines.join('\n')}\ndesiredState:\n  interfaces:\n    - {name: eth1, type: ethernet, state: up, description: *i}\n`;
}

describe('S1: hostile config files', () => {
  test('GIVEN the kubelet ConfigMap layout THEN its files are read through the ..data symlinks', () => {
    const c = loadConfig(configMapDir({ 'agent.yaml': AGENT_YAML }));
    expect(c.intent.links.map((l) => l.name)).toEqual(['br0']);
    expect(c.sources.map((s) => path.basename(s))).toEqual(['agent.yaml']);
  });

  test('GIVEN the review\'s 585-byte alias bomb WHEN `agent plan --config` THEN exit 2 within seconds with AGENT_CONFIG_LIMIT', async () => {
    const d = configMapDir({ 'agent.yaml': bomb() });
    expect(Buffer.byteLength(bomb())).toBeLessThan(700);
    let out = '';
    const t0 = Date.now();
    const code = await runAgentCli(['agent', 'plan', '--config', d], { stdout: (s) => (out += s), stderr: (s) => (out += s) });
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(code).toBe(2);
    expect(out).toMatch(/\[AGENT_CONFIG_LIMIT\] agent\.yaml: cannot parse .*agent\.yaml: the document expands to more than 1,000,000 values once its aliases are followed/);
    expect(out.length).toBeLessThan(2000);
  });

  test('GIVEN a FIFO as --config, or named *.yaml in the directory THEN AGENT_CONFIG_FILE, nothing blocks', () => {
    const d = freshDir();
    const fifo = path.join(d, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    expect(refusal(fifo)).toEqual([['AGENT_CONFIG_FILE', 'pipe.yaml']]);
    fs.writeFileSync(path.join(d, 'agent.yaml'), AGENT_YAML);
    expect(refusal(d)).toEqual([['AGENT_CONFIG_FILE', 'pipe.yaml']]);
  });

  test('GIVEN a symlink leaving the config directory (to a readable file) THEN AGENT_CONFIG_FILE and the file is not read', () => {
    const outside = path.join(freshDir(), 'secret.yaml');
    fs.writeFileSync(outside, AGENT_YAML);
    const d = configMapDir({ 'agent.yaml': AGENT_YAML });
    fs.symlinkSync(outside, path.join(d, 'evil.yaml'));
    expect(refusal(d)).toEqual([['AGENT_CONFIG_FILE', 'evil.yaml']]);
  });

  test('GIVEN a file over 1 MiB (the ConfigMap limit) THEN AGENT_CONFIG_LIMIT without parsing it', () => {
    const f = path.join(freshDir(), 'big.yaml');
    fs.writeFileSync(f, `# ${'x'.repeat(AGENT_CONFIG_MAX_BYTES)}\n${AGENT_YAML}`);
    expect(refusal(f)).toEqual([['AGENT_CONFIG_LIMIT', 'big.yaml']]);
  });

  test('GIVEN files that together pass 1 MiB THEN AGENT_CONFIG_LIMIT at the file that passes it', () => {
    const d = freshDir();
    const half = `# ${'x'.repeat(AGENT_CONFIG_MAX_BYTES / 2)}\n`;
    fs.writeFileSync(path.join(d, 'a.yaml'), half + AGENT_YAML);
    fs.writeFileSync(path.join(d, 'b.yaml'), half);
    expect(refusal(d)).toEqual([['AGENT_CONFIG_LIMIT', 'b.yaml']]);
  });

  test('GIVEN nesting deeper than 64 THEN AGENT_CONFIG_LIMIT, no stack overflow', () => {
    const f = path.join(freshDir(), 'deep.yaml');
    fs.writeFileSync(f, `interfaces: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    expect(refusal(f)).toEqual([['AGENT_CONFIG_LIMIT', 'deep.yaml']]);
  });

  test('GIVEN a file name with terminal escapes THEN the message shows them escaped', () => {
    const d = freshDir();
    const name = 'x\u001b[2J.yaml';
    fs.writeFileSync(path.join(d, name), 'interfaces: [\n');
    try {
      loadConfig(d);
      throw new Error('accepted');
    } catch (e) {
      const p = (e as AgentConfigError).problems[0];
      expect(p.code).toBe('AGENT_CONFIG_UNREADABLE');
      expect(p.message).toContain('x\\x1b[2J.yaml');
      expect(p.message).not.toContain('\u001b');
    }
  });
});
