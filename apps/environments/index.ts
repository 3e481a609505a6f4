import { Topology } from '../../lib/core/topology/model';
import { estate } from './estate';
import { lab } from './lab';
import { prod } from './prod';

/** Every environment by name; `npx cdk8s synth` and `multihome synth --env` read this. */
export const ENVIRONMENTS = { lab, prod, estate } as const satisfies Record<string, Topology>;

/** Name of a known environment (a typo fails `tsc`). */
export type EnvironmentName = keyof typeof ENVIRONMENTS;

/** The environment named `name` (a stack name, a CLI argument), or undefined when there is none. */
export function environmentNamed(name: string): Topology | undefined {
  return Object.hasOwn(ENVIRONMENTS, name) ? ENVIRONMENTS[name as EnvironmentName] : undefined;
}
