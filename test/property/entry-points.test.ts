/**
 * Property-based test (issue 12 §1): generated environments and YAML files, through the real entry
 * points — `buildEnvironment`, the cdk8s `NetworkEnvironment` (Testing.app() + synth), the data
 * file loader, `checkPaths`, and the CLI (`synth --environments FILE`, `check FILE`) — never raise
 * an uncaught exception (a MultihomeError from cdk8s validation is the documented result), every
 * problem has a declared code (ALL_PROBLEM_CODES), a path and a fix, and the CLI exits 0, 1 or 2.
 * Fixed seeds and bounded runs: the same inputs on every run, in `npm test`.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { Testing } from 'cdk8s';
import { checkPaths } from '../../lib/cli/check';
import { NetworkEnvironment } from '../../lib/cdk8s';
import { isDeclaredProblemCode } from '../../lib/core/codes';
import { MultihomeError, Problem } from '../../lib/core/errors';
import { ENVIRONMENT_FILE_CODES, parseEnvironmentText } from '../../lib/core/source/environment-file';
import { SOURCE_CODES } from '../../lib/core/source/codes';
import { ENVIRONMENT_NAME_CODES } from '../../lib/core/render/environment-names';
import { buildEnvironment } from '../../lib/core/topology/build';
import type { Topology } from '../../lib/core/topology/model';
import { cli } from '../support/cli';
import { looseEnvironment, manifestFile, typedEnvironment } from './generators';

const ROOT = path.join(__dirname, '..', '..');
const DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'mh-property-'));
const STACK = /\n\s+at /;
let serial = 0;
const fileWith = (ext: string, text: string) => {
  const f = path.join(DIR, `input-${serial++}${ext}`);
  fs.writeFileSync(f, text);
  return f;
};

/**
 * Codes about a whole input (a file that does not parse, a document that is no object, an
 * environment file or name): their subject is the document itself, so their path is the root ('').
 */
const WHOLE_INPUT_CODES = new Set([...Object.keys(SOURCE_CODES), ...Object.keys(ENVIRONMENT_FILE_CODES), ...Object.keys(ENVIRONMENT_NAME_CODES)]);

/** What is wrong with one problem (undeclared code, no path, no fix), or undefined. */
function flaw(p: { code: string; path: string; fix: string; severity: string }): string | undefined {
  if (!isDeclaredProblemCode(p.code)) return `undeclared code ${p.code}`;
  if (p.severity !== 'error' && p.severity !== 'warning') return `${p.code}: severity ${p.severity}`;
  if (typeof p.path !== 'string' || (p.path === '' && !WHOLE_INPUT_CODES.has(p.code))) return `${p.code}: empty path`;
  if (typeof p.fix !== 'string' || p.fix.trim() === '') return `${p.code}: empty fix`;
  return undefined;
}

/** Fails with the first flawed problem, naming it. */
function expectWellFormed(problems: ReadonlyArray<{ code: string; path: string; fix: string; severity: string }>): void {
  const flaws = problems.map(flaw).filter((f) => f !== undefined);
  expect(flaws).toEqual([]);
}

/** fast-check settings: fixed seed, bounded runs, the failing input printed. */
const settings = (seed: number, numRuns: number): fc.Parameters<unknown> => ({ seed, numRuns, endOnFailure: true });

describe('property: generated environments through buildEnvironment and cdk8s', () => {
  it('buildEnvironment on typed environments with random valid/invalid values: no exception, every problem declared with a path and a fix', () => {
    fc.assert(
      fc.property(typedEnvironment, (t) => {
        expectWellFormed(buildEnvironment(t as unknown as Topology).problems);
      }),
      settings(1201, 300),
    );
  });

  it('the cdk8s NetworkEnvironment (Testing.app() + synth) on the same environments: YAML when the build has no error, else cdk8s\'s validation failure (or a MultihomeError) listing only declared codes', () => {
    fc.assert(
      fc.property(typedEnvironment, (t) => {
        const errors = buildEnvironment(t as unknown as Topology).errors.length;
        const app = Testing.app();
        let failure: unknown;
        try {
          new NetworkEnvironment(app, 'env', { environment: t as unknown as Topology });
          app.synth();
        } catch (e) {
          failure = e;
        }
        if (failure === undefined) return expect(errors).toBe(0);
        if (failure instanceof MultihomeError) return expectWellFormed(failure.problems);
        // cdk8s's documented result: App.synth() throws "Validation failed with the following errors" listing each problem
        const message = String((failure as Error).message);
        expect(message).toMatch(/^Validation failed with the following errors:/);
        const codes = [...message.matchAll(/\] (?:error|warning) \[([A-Z0-9_]+)\] /g)].map((m) => m[1]);
        expect(codes.length).toBeGreaterThan(0);
        expect(codes.filter((c) => !isDeclaredProblemCode(c))).toEqual([]);
        expect(errors).toBeGreaterThan(0);
      }),
      settings(1202, 150),
    );
  });

  it('environments with values of any type and unknown keys, as a data file: the loader reports them, buildEnvironment runs only on what it accepts; no exception', () => {
    fc.assert(
      fc.property(looseEnvironment, (t) => {
        const { environments, problems } = parseEnvironmentText('env.json', JSON.stringify(t));
        const all: Problem[] = [...problems];
        for (const e of Object.values(environments)) all.push(...buildEnvironment(e).problems);
        expectWellFormed(all);
      }),
      settings(1203, 300),
    );
  });
});

describe('property: generated YAML files through checkPaths', () => {
  it('mutated NNCP/NAD/VM documents: no exception, every record declared with a path and a fix, exit code 0/1/2', () => {
    fc.assert(
      fc.property(manifestFile, (text) => {
        const r = checkPaths([fileWith('.yaml', text)]);
        expect([0, 1, 2]).toContain(r.exitCode);
        expectWellFormed(r.records);
      }),
      settings(1204, 200),
    );
  });
});

describe('property: the CLI on generated files', () => {
  const files = fc.sample(fc.tuple(looseEnvironment, typedEnvironment, manifestFile), { seed: 1205, numRuns: 8 });

  it.each(files.map((f, i) => [i, ...f] as const))('input %d: synth --environments (loose, typed) and check exit 0/1/2 with no stack trace', async (_i, loose, typed, yaml) => {
    for (const argv of [
      ['synth', '--environments', fileWith('.json', JSON.stringify(loose)), '--out', path.join(DIR, 'out')],
      ['synth', '--environments', fileWith('.yaml', JSON.stringify(typed)), '--out', path.join(DIR, 'out')],
      ['check', fileWith('.yaml', yaml)],
    ]) {
      const r = await cli(...argv);
      expect({ argv: argv[0], code: [0, 1, 2].includes(r.code) ? 'ok' : r.code, internal: /internal error/.test(r.err), trace: STACK.test(r.err) }).toEqual({ argv: argv[0], code: 'ok', internal: false, trace: false });
    }
  });

  it('the real binary (bin/multihome.js) on a generated environment file and a generated YAML file exits 0/1/2 with no stack trace', () => {
    const [[loose, yaml]] = fc.sample(fc.tuple(looseEnvironment, manifestFile), { seed: 1206, numRuns: 1 });
    for (const argv of [
      ['synth', '--environments', fileWith('.json', JSON.stringify(loose)), '--out', path.join(DIR, 'bin-out')],
      ['check', fileWith('.yaml', yaml)],
    ]) {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'multihome.js'), ...argv], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
      expect({ argv: argv[0], ok: [0, 1, 2].includes(r.status ?? -1), trace: STACK.test(r.stderr) }).toEqual({ argv: argv[0], ok: true, trace: false });
    }
  }, 120_000);
});
