/**
 * How a construct finds the environment it belongs to, without importing the environment class
 * (so the constructs and `NetworkEnvironment` never import each other): the environment marks
 * itself with a symbol and implements {@link EnvironmentScope}.
 */
import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { Problem } from '../core/errors';
import { Manifest } from '../core/manifest';
import { TopologyBuilder } from '../core/topology/builder';
import { Origin } from '../core/topology/origin';

const ENV_SYMBOL = Symbol.for('multihome.NetworkEnvironment');

/** What constructs need of their environment. */
export interface EnvironmentScope extends IConstruct {
  /** The topology every construct of the environment adds its spec to. */
  readonly topology: TopologyBuilder;
  /**
   * Records `owner` as the construct that declared the spec `origin`: problems about the spec and
   * the manifests rendered from it are reported with the owner's construct path.
   * @internal
   */
  _register(origin: Origin, owner: Construct): void;
  /**
   * Adds problems a construct found when it was called (e.g. `vm.unplug` of an unknown name), to
   * be reported with the environment's at synth.
   * @internal
   */
  _addProblems(problems: readonly Problem[]): void;
  /** The ApiObjects rendered from `origin`, with their manifests, in apply order. */
  objectsOf(origin: Origin): Array<{ readonly manifest: Manifest; readonly object: ApiObject }>;
}

/** Marks `env` as an environment for {@link environmentOf}. */
export function markEnvironment(env: EnvironmentScope): void {
  Object.defineProperty(env, ENV_SYMBOL, { value: true });
}

/** The environment a construct belongs to, or undefined outside one. */
export function tryEnvironmentOf(c: IConstruct): EnvironmentScope | undefined {
  for (let cur: IConstruct | undefined = c; cur; cur = cur.node.scope) {
    if ((cur as unknown as Record<symbol, unknown>)[ENV_SYMBOL]) return cur as EnvironmentScope;
  }
  return undefined;
}

/** The environment a construct belongs to; throws (a construct misuse) outside one. */
export function environmentOf(c: IConstruct): EnvironmentScope {
  const env = tryEnvironmentOf(c);
  if (!env) throw new Error(`multihome: ${c.node.path} is not inside a NetworkEnvironment; create it under one`);
  return env;
}

/** Adds `spec` to the environment of `owner` through `add`, and registers `owner` as its origin. */
export function declareSpec<T>(owner: Construct, origin: Origin, add: (topology: TopologyBuilder) => T): T {
  const env = environmentOf(owner);
  env._register(origin, owner);
  return add(env.topology);
}
