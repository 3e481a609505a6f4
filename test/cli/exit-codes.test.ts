/**
 * Exit codes of `multihome synth` and `multihome diagram` (issue 12 §1, B2): 1 for every user
 * error (problems in the environment, a module that throws problems or exports mistyped
 * topologies, bad environment files), 2 for usage and unreadable input (a module that cannot be
 * loaded, an unwritable --out), 3 only for a real bug. Never a stack trace for a user's mistake.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from '../support/cli';
import { TRIAL_LIB } from '../support/trial-lib';

const ROOT = path.join(__dirname, '..', '..');
const LIB = path.join(ROOT, 'lib');
const TRIAL_ENV = path.join(ROOT, '..', 'shared', 'reference', 'trial-2026-12', 'env');
const STACK = /\n\s+at /;

const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));

/** Writes a module (JavaScript unless the name says otherwise) into a fresh directory and returns its path. */
function moduleFile(name: string, text: string): string {
  const file = path.join(tmp('mh-mod-'), name);
  fs.writeFileSync(file, text);
  return file;
}

/** A trial reproduction with `from 'multihome'` pointed at this checkout's lib/ (test/support/trial-lib.ts). */
function trialModule(name: string): string {
  const src = fs.readFileSync(path.join(TRIAL_ENV, name), 'utf8').replace(/from 'multihome'/g, `from ${JSON.stringify(TRIAL_LIB)}`);
  return moduleFile(name, src);
}

/** The real `multihome` binary (bin/multihome.js) in a child process. */
function spawnCli(...argv: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'multihome.js'), ...argv], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const THROWS_PROBLEMS = `
const { MultihomeError } = require(${JSON.stringify(path.join(LIB, 'core', 'errors'))});
throw new MultihomeError([{ code: 'TOPOLOGY_IP_DUPLICATE', severity: 'error', resource: { kind: 'VirtualMachine', name: 'web-1', namespace: 'x' }, path: 'spec.template.spec.networks[1]', message: 'two VMs have 10.0.0.1', fix: 'give each VM its own address' }]);
`;
const THROWS_ERROR = `
const config = {};
function readSetting(k) {
  if (!(k in config)) throw new Error('setting ' + k + ' is missing');
}
readSetting('region');
module.exports = {};
`;
const MISTYPED = `module.exports = { ENVIRONMENTS: { broken: { name: 'broken', nodeGroups: [], uplinks: [], networks: [], vms: 5 } } };`;

describe('multihome synth exit codes', () => {
  it('GIVEN the trial\'s bad-data.ts (a non-CIDR address, an address outside the subnets) WHEN the real binary synthesizes it THEN exit 1 with both problems and their paths, no stack trace (B2)', () => {
    const r = spawnCli('synth', '--environments', trialModule('bad-data.ts'), '--out', tmp('mh-out-'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error \[TOPOLOGY_ADDRESS_INVALID\] Environment\/bad vms\[0\]\.attachments\[0\]\.ipv4\[0\]: /m);
    expect(r.err).toMatch(/^error \[TOPOLOGY_ADDRESS_OUTSIDE_SUBNETS\] Environment\/bad vms\[1\]\.attachments\[0\]\.ipv4\[0\]: /m);
    expect(r.err).not.toMatch(/internal error/);
    expect(r.err).not.toMatch(STACK);
  }, 120_000);

  it('GIVEN a module whose own code throws an ordinary Error while loading WHEN the real binary runs THEN exit 2 naming the module, the error and the line, no stack trace', () => {
    const file = moduleFile('envs.js', THROWS_ERROR);
    const r = spawnCli('synth', '--environments', file, '--out', tmp('mh-out-'));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`cannot load the environments module ${path.relative(ROOT, file)}: Error: setting region is missing (thrown at ${path.relative(ROOT, file)}:4:`);
    expect(r.err).not.toMatch(STACK);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  }, 120_000);

  it('GIVEN a module that throws a MultihomeError while loading THEN exit 1 and every problem is printed', async () => {
    const r = await cli('synth', '--environments', moduleFile('envs.js', THROWS_PROBLEMS), '--out', tmp('mh-out-'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error \[TOPOLOGY_IP_DUPLICATE\] VirtualMachine\/x\/web-1 spec\.template\.spec\.networks\[1\]: /m);
    expect(r.err).not.toMatch(STACK);
  });

  it('GIVEN a module that throws any error carrying Problems (not a MultihomeError) THEN exit 1 with them', async () => {
    const text = `const e = new Error('rejected'); e.problems = [{ code: 'NAD_SHAPE', severity: 'error', resource: { kind: 'NetworkAttachmentDefinition', name: 'n' }, path: 'spec.config', message: 'm', fix: 'f' }]; throw e;`;
    const r = await cli('synth', '--environments', moduleFile('envs.js', text), '--out', tmp('mh-out-'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error \[NAD_SHAPE\] NetworkAttachmentDefinition\/n spec\.config: /m);
  });

  it('GIVEN a module that exports a mistyped topology (vms: 5) THEN exit 1 with ENVIRONMENT_FILE_SHAPE at vms, not an internal error', async () => {
    const r = await cli('synth', '--environments', moduleFile('envs.js', MISTYPED), '--out', tmp('mh-out-'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error \[ENVIRONMENT_FILE_SHAPE\] Environment\/broken vms: /m);
  });

  it.each([
    ['a syntax error', 'module.exports = { ENVIRONMENTS: {', /cannot load the environments module .*envs\.js: SyntaxError: /],
    ['a missing import', "require('no-such-package-xyz');", /cannot load the environments module .*envs\.js: Error: Cannot find module 'no-such-package-xyz'/],
    ['a thrown string', "throw 'nope';", /cannot load the environments module .*envs\.js: nope\n$/],
  ])('GIVEN a module with %s THEN exit 2 with one line naming it', async (_what, text, message) => {
    const r = await cli('synth', '--environments', moduleFile('envs.js', text), '--out', tmp('mh-out-'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(STACK);
  });

  it('GIVEN --out below a regular file THEN exit 2 naming it (was an internal error, exit 3)', async () => {
    const dir = tmp('mh-out-');
    fs.writeFileSync(path.join(dir, 'file'), 'x');
    const r = await cli('synth', '--out', path.join(dir, 'file', 'dist'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^multihome: cannot write ${path.join(dir, 'file', 'dist')}: `));
  });
});

describe('multihome diagram exit codes', () => {
  it('GIVEN --env bad from the trial\'s bad-data.ts THEN its problems are drawn in red and the exit is 1 (the diagram is still written), no internal error (B2)', async () => {
    const r = await cli('diagram', '--env', 'bad', '--environments', trialModule('bad-data.ts'), '--format', 'dot');
    expect(r.code).toBe(1);
    expect(r.out).toContain('TOPOLOGY_ADDRESS_INVALID');
    expect(r.err).toMatch(/bad: \d+ node\(s\), 2 error\(s\), \d+ warning\(s\) drawn/);
  }, 60_000);

  it.each([
    ['throws a MultihomeError', 1, THROWS_PROBLEMS],
    ['exports a mistyped topology', 1, MISTYPED],
    ['throws an ordinary Error', 2, THROWS_ERROR],
  ])('GIVEN --env from a module that %s THEN exit %d, no stack trace', async (_what, code, text) => {
    const r = await cli('diagram', '--env', 'broken', '--environments', moduleFile('envs.js', text), '--format', 'dot');
    expect(r.code).toBe(code);
    expect(r.err).not.toMatch(/internal error/);
    expect(r.err).not.toMatch(STACK);
  });
});
