import * as fs from 'fs';
import * as path from 'path';
import { Problem } from '../core/errors';
import { INPUT_LIMITS } from '../core/source/bounded-yaml';
import { decodeSource } from '../core/source/decode';
import { parseEnvironmentText, topologyShapeProblems } from '../core/source/environment-file';
import { escapeControl } from '../core/names';
import { clip } from '../core/source/bounded-yaml';
import { readRegularFile } from '../core/source/read-file';
import { Topology } from '../core/topology/model';
import { registerTypeScript } from './typescript-loader';

/** Default module holding the environments, relative to the working directory. */
export const DEFAULT_ENVIRONMENTS_MODULE = 'apps/environments';

/** Extensions of environment data files (the rest are modules). */
export const ENVIRONMENT_FILE_EXTENSIONS: readonly string[] = ['.yaml', '.yml', '.json'];

/**
 * Loads the environments and returns them by name. A module (TypeScript or JavaScript) gives
 * an `ENVIRONMENTS` record, or every exported value that looks like a topology; a data file
 * (`.yaml`, `.yml`, `.json`, see lib/core/source/environment-file.ts) is read within the input
 * limits and its outline checked — its problems are thrown together as an
 * {@link EnvironmentFileError}.
 */
export function loadEnvironments(modulePath: string = DEFAULT_ENVIRONMENTS_MODULE): Record<string, Topology> {
  if (ENVIRONMENT_FILE_EXTENSIONS.includes(path.extname(modulePath).toLowerCase())) return loadEnvironmentFile(modulePath);
  const abs = path.resolve(modulePath);
  const candidates = [abs, `${abs}.ts`, `${abs}.js`, path.join(abs, 'index.ts'), path.join(abs, 'index.js')];
  const file = candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
  if (!file) throw new UserError(`cannot find the environments module ${modulePath} (looked for ${candidates.map((c) => path.relative(process.cwd(), c)).join(', ')})`);
  if (file.endsWith('.ts')) {
    try {
      registerTypeScript();
    } catch (e) {
      throw new UserError(`cannot load ${modulePath}: ${(e as Error).message}`);
    }
  }
  const mod = requireEnvironmentsModule(file);
  const found: Record<string, Topology> = {};
  if (isRecordOfTopologies(mod.ENVIRONMENTS)) Object.assign(found, mod.ENVIRONMENTS);
  else for (const v of Object.values(mod)) if (isTopology(v)) found[v.name] = v;
  // a JavaScript module can export anything: the same type check as a data file, before any build
  const problems = Object.entries(found).flatMap(([name, t]) => topologyShapeProblems(t, '', { kind: 'Environment', name }));
  if (problems.length) throw new EnvironmentFileError(problems, `the environments module ${path.relative(process.cwd(), file)}`);
  return found;
}

/**
 * Loads the user's environments module. What it throws is the user's: problems it carries (a
 * MultihomeError, a cdk8s validation) become an {@link EnvironmentFileError}; anything else
 * (a syntax error, a missing import, a plain `throw`) an {@link EnvironmentModuleError}.
 */
function requireEnvironmentsModule(file: string): Record<string, unknown> {
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    return require(file) as Record<string, unknown>;
  } catch (e) {
    const problems = problemsCarriedBy(e);
    if (problems) throw new EnvironmentFileError(problems, `the environments module ${path.relative(process.cwd(), file)}`);
    throw new EnvironmentModuleError(file, e);
  }
}

/** The problems an error carries (`MultihomeError`, `EnvironmentFileError`, any error with a `problems` list of Problems), or undefined. */
export function problemsCarriedBy(e: unknown): readonly Problem[] | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const problems = (e as { problems?: unknown }).problems;
  if (!Array.isArray(problems) || problems.length === 0) return undefined;
  return problems.every(isProblem) ? (problems as Problem[]) : undefined;
}

function isProblem(p: unknown): p is Problem {
  if (typeof p !== 'object' || p === null) return false;
  const x = p as Record<string, unknown>;
  return typeof x.code === 'string' && (x.severity === 'error' || x.severity === 'warning') && typeof x.path === 'string' && typeof x.message === 'string' && typeof x.fix === 'string' && typeof x.resource === 'object' && x.resource !== null;
}

/** Reads an environment data file; throws {@link EnvironmentFileError} with every problem, or {@link UserError} when unreadable. */
export function loadEnvironmentFile(file: string): Record<string, Topology> {
  const read = readRegularFile(file, INPUT_LIMITS.maxDocumentBytes);
  if (read.reason !== undefined) throw new UserError(`cannot read the environments file ${file}: ${read.reason}`);
  const decoded = decodeSource(file, read.bytes);
  if (decoded.problem) throw new UserError(`cannot read the environments file ${file}: ${decoded.problem.message} (${decoded.problem.fix})`);
  const { environments, problems } = parseEnvironmentText(file, decoded.text);
  if (problems.length) throw new EnvironmentFileError(problems);
  return environments;
}

function isTopology(v: unknown): v is Topology {
  return typeof v === 'object' && v !== null && typeof (v as Topology).name === 'string' && Array.isArray((v as Topology).networks);
}

function isRecordOfTopologies(v: unknown): v is Record<string, Topology> {
  return typeof v === 'object' && v !== null && Object.values(v).every(isTopology);
}

/** An error caused by the user's input: printed as one line, never as a stack trace. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** The problems of an environment data file or module, all of them (the CLI prints each and exits 1). */
export class EnvironmentFileError extends Error {
  constructor(
    public readonly problems: readonly Problem[],
    source = 'the environments file',
  ) {
    super(`${source} has ${problems.length} problem(s)`);
    this.name = 'EnvironmentFileError';
  }
}

/** Longest message of the user's error echoed. */
const MODULE_ERROR_ECHO_MAX = 2000;

/**
 * The user's environments module threw an ordinary error while loading (a syntax error, a missing
 * import, a `throw` in their code): a one-line {@link UserError} (exit 2) naming the module, the
 * error and the first place in the user's code it was thrown from — never a stack trace.
 */
export class EnvironmentModuleError extends UserError {
  constructor(file: string, cause: unknown) {
    const message = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    const where = userFrame(cause);
    super(`cannot load the environments module ${path.relative(process.cwd(), file)}: ${escapeControl(clip(message, MODULE_ERROR_ECHO_MAX))}${where ? ` (thrown at ${escapeControl(where)})` : ''}`);
    this.name = 'EnvironmentModuleError';
  }
}

/** multihome's own directory (lib/), whose frames are not the user's. */
const LIB_DIR = path.resolve(__dirname, '..');

/** `file:line:column` of the first stack frame in the user's code (not node internals, node_modules or multihome), if any. */
function userFrame(e: unknown): string | undefined {
  const stack = e instanceof Error && typeof e.stack === 'string' ? e.stack : '';
  for (const line of stack.split('\n')) {
    const m = /^\s+at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/.exec(line);
    if (!m || !path.isAbsolute(m[1])) continue;
    if (m[1].includes(`${path.sep}node_modules${path.sep}`) || m[1].startsWith(LIB_DIR + path.sep)) continue;
    return `${path.relative(process.cwd(), m[1])}:${m[2]}:${m[3]}`;
  }
  return undefined;
}
