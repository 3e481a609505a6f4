import * as path from 'path';
import { App } from 'cdk8s';
import { formatProblem, Problem } from '../core/errors';
import { writeDirsAtomically } from '../core/render/atomic-dir';
import { Topology } from '../core/topology/model';
import { NetworkEnvironment, NetworkEnvironmentProps } from './network-environment';

/** Result of {@link synthEnvironments}. */
export interface SynthEnvironmentsResult {
  /** Errors of every environment; nothing was written when non-empty. */
  readonly errors: Problem[];
  readonly warnings: Problem[];
}

/**
 * Synthesizes environments with cdk8s into `<outRoot>/<env>/`. Every environment is validated
 * first; if any has errors nothing is written. Output directories are replaced atomically.
 */
export function synthEnvironments(
  environments: Readonly<Record<string, Topology>>,
  outRoot: string,
  props: Omit<NetworkEnvironmentProps, 'environment'> = {},
): SynthEnvironmentsResult {
  const build = (outdir: string) =>
    Object.entries(environments).map(([name, environment]) => {
      const app = new App({ outdir: path.join(outdir, name) });
      const env = new NetworkEnvironment(app, name, { ...props, environment, warn: () => undefined });
      return { app, env };
    });
  const problems = build(outRoot).flatMap(({ env }) =>
    env.problems().map((p) => ({ ...p, resource: { ...p.resource, constructPath: env.ownerPath(p.resource.kind, p.resource.name, p.resource.namespace) } })),
  );
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  if (errors.length === 0) {
    writeDirsAtomically(outRoot, Object.keys(environments), (tmp) => {
      for (const { app } of build(tmp)) app.synth();
    });
  }
  return { errors, warnings };
}

/** Prints a synth result for a person: every problem on its own line, then a summary. */
export function reportSynth(r: SynthEnvironmentsResult, write: (s: string) => void): void {
  for (const p of [...r.errors, ...r.warnings]) write(formatProblem(p) + '\n');
  if (r.errors.length) write(`multihome: synth failed with ${r.errors.length} error(s); nothing was written\n`);
}
