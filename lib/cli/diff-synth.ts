/**
 * One environment synthesized to the text `multihome synth` writes, for `multihome diff --base`.
 * The working tree's side runs in-process; the base commit's side runs this file as a child
 * process in the commit's checkout (`node diff-synth.js MODULE ENV OUT`), so the old
 * environments module and whatever it imports get their own `require` cache and never collide
 * with the new ones. The outcome travels as JSON in a file (the user's module may print to stdout).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Problem } from '../core/errors';
import { escapeControl } from '../core/names';
import { stringifyManifests } from '../core/render/yaml';
import { clip } from '../core/source/bounded-yaml';
import { buildEnvironment } from '../core/topology/build';
import { packageRoot } from './agent';
import { EnvironmentFileError, loadEnvironments, problemsCarriedBy, UserError } from './environments';

/** What synthesizing one environment gave. */
export type SynthOutcome =
  /** The manifests as `dist/<env>/<env>.k8s.yaml` holds them. */
  | { readonly status: 'ok'; readonly yaml: string }
  /** The module has no environment of that name (on the base side: everything is added). */
  | { readonly status: 'missing'; readonly known: readonly string[] }
  /** The environment does not build (or its module has problems): nothing to compare. */
  | { readonly status: 'errors'; readonly problems: readonly Problem[] }
  /** The module could not be loaded at all (the reason, one line). */
  | { readonly status: 'failed'; readonly message: string };

/** Longest reason echoed from a failed load. */
const REASON_ECHO_MAX = 2000;

/** Loads `module` (relative to the working directory) and synthesizes `env`; never throws. */
export function synthesizeOne(module: string, env: string): SynthOutcome {
  try {
    const all = loadEnvironments(module);
    if (!Object.prototype.hasOwnProperty.call(all, env)) return { status: 'missing', known: Object.keys(all).sort() };
    const build = buildEnvironment(all[env]);
    if (build.errors.length) return { status: 'errors', problems: build.errors };
    return { status: 'ok', yaml: stringifyManifests(build.manifests.map((m) => m.manifest)) };
  } catch (e) {
    if (e instanceof EnvironmentFileError) return { status: 'errors', problems: e.problems };
    const carried = problemsCarriedBy(e);
    if (carried) return { status: 'errors', problems: carried };
    if (e instanceof UserError) return { status: 'failed', message: e.message };
    return { status: 'failed', message: escapeControl(clip(String((e as Error)?.message ?? e), REASON_ECHO_MAX)) };
  }
}

/**
 * How to start this file in a child: the built `.js`, or, running from source, the `.ts` through
 * ts-node with this package's tsconfig (the checkout's working directory may have none, or an
 * unrelated one).
 */
function childCommand(): { args: string[]; env: NodeJS.ProcessEnv } {
  if (!__filename.endsWith('.ts')) return { args: [__filename], env: process.env };
  const project = path.join(packageRoot(), 'tsconfig.json');
  return { args: ['-r', require.resolve('ts-node/register/transpile-only'), __filename], env: { ...process.env, TS_NODE_PROJECT: process.env.TS_NODE_PROJECT ?? project } };
}

/** The line of a child's stderr that says what went wrong (its first error line, else its last line). */
function reasonOf(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines.find((l) => /^[A-Za-z]*Error\b/.test(l)) ?? lines[lines.length - 1] ?? '';
}

/** Largest outcome accepted from the child (the YAML of one environment). */
const CHILD_OUTPUT_MAX = 256 * 1024 * 1024;

/**
 * Runs {@link synthesizeOne} in a child process whose working directory is `cwd` (a checkout of
 * another commit); `scratch` is a directory for the outcome file. A child that dies is a
 * {@link UserError} with its last stderr line.
 */
export function synthesizeInChild(cwd: string, module: string, env: string, scratch: string): SynthOutcome {
  const out = path.join(scratch, 'outcome.json');
  try {
    const child = childCommand();
    execFileSync(process.execPath, [...child.args, module, env, out], { cwd, env: child.env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 16 * 1024 * 1024 });
  } catch (e) {
    const stderr = reasonOf(String((e as { stderr?: Buffer }).stderr ?? ''));
    throw new UserError(`cannot synthesize environment ${escapeControl(env)} at the base commit: ${escapeControl(clip(stderr || String((e as Error).message), REASON_ECHO_MAX))}`);
  }
  const size = fs.statSync(out).size;
  if (size > CHILD_OUTPUT_MAX) throw new UserError(`environment ${escapeControl(env)} at the base commit renders more than ${CHILD_OUTPUT_MAX} bytes`);
  return JSON.parse(fs.readFileSync(out, 'utf8')) as SynthOutcome;
}

if (require.main === module) {
  const [moduleArg, envArg, outArg] = process.argv.slice(2);
  fs.writeFileSync(outArg, JSON.stringify(synthesizeOne(moduleArg, envArg)));
}
