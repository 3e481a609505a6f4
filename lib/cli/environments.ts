import * as fs from 'fs';
import * as path from 'path';
import { Problem } from '../core/errors';
import { INPUT_LIMITS } from '../core/source/bounded-yaml';
import { decodeSource } from '../core/source/decode';
import { parseEnvironmentText } from '../core/source/environment-file';
import { readRegularFile } from '../core/source/read-file';
import { Topology } from '../core/topology/model';

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
  if (file.endsWith('.ts') && !require.extensions['.ts']) {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    require('ts-node').register({ transpileOnly: true });
  }
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const mod = require(file) as Record<string, unknown>;
  if (isRecordOfTopologies(mod.ENVIRONMENTS)) return mod.ENVIRONMENTS;
  const found: Record<string, Topology> = {};
  for (const v of Object.values(mod)) if (isTopology(v)) found[v.name] = v;
  return found;
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

/** The problems of an environment data file, all of them (the CLI prints each and exits 1). */
export class EnvironmentFileError extends Error {
  constructor(public readonly problems: readonly Problem[]) {
    super(`the environments file has ${problems.length} problem(s)`);
    this.name = 'EnvironmentFileError';
  }
}
