/**
 * The environment data-file loader the environment fuzz target drives (`parseEnvironmentText`,
 * lib/core/source/environment-file.ts), behind the signature the runner is written against.
 */
import type { Problem } from '../../lib/core/errors';
import { parseEnvironmentText } from '../../lib/core/source/environment-file';
import type { Topology } from '../../lib/core/topology/model';

/** `parseEnvironmentText(file, text)`: one topology object, or `{ environments: { name: topology } }`. */
export type ParseEnvironmentText = (file: string, text: string) => { environments: Record<string, Topology>; problems: Problem[] };

/** Module path of the loader, relative to this file (named in test titles). */
export const ENVIRONMENT_LOADER_MODULE = '../../lib/core/source/environment-file';

/** The loader. */
export function environmentLoader(): ParseEnvironmentText | undefined {
  return (file, text) => parseEnvironmentText(file, text);
}
