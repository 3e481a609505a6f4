import * as fs from 'fs';
import * as path from 'path';
import { Topology } from '../core/topology/model';

/** Default module holding the environments, relative to the working directory. */
export const DEFAULT_ENVIRONMENTS_MODULE = 'apps/environments';

/**
 * Loads the environments module (TypeScript or JavaScript) and returns its environments by
 * name: an `ENVIRONMENTS` record, or every exported value that looks like a topology.
 */
export function loadEnvironments(modulePath: string = DEFAULT_ENVIRONMENTS_MODULE): Record<string, Topology> {
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
