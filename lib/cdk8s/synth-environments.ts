import * as path from 'path';
import { App } from 'cdk8s';
import { loadSvgRenderer, SvgRenderer } from '../core/diagram';
import { formatProblem, Problem } from '../core/errors';
import { writeEnvironmentDirs } from '../core/render/environment-dirs';
import { environmentNameProblems } from '../core/render/environment-names';
import { Topology } from '../core/topology/model';
import { NetworkEnvironment, NetworkEnvironmentProps } from './network-environment';

/** Result of {@link synthEnvironments}. */
export interface SynthEnvironmentsResult {
  /** Errors of every environment; nothing was written when non-empty. */
  readonly errors: Problem[];
  readonly warnings: Problem[];
}

/** Props of {@link synthEnvironments}: what every environment's {@link NetworkEnvironment} gets, plus the diagram. */
export interface SynthEnvironmentsProps extends Omit<NetworkEnvironmentProps, 'environment'> {
  /**
   * Graphviz renderer (`await loadSvgRenderer()`); when given, each environment's
   * `topology.svg` is written next to its manifests, in the same atomic step.
   * @default - no diagram
   */
  readonly svg?: SvgRenderer;
}

/**
 * Synthesizes environments with cdk8s into `<outRoot>/<env>/` (plus `topology.svg` when
 * `props.svg` is given). Every environment is validated first; if any has errors nothing is
 * written. Output directories are replaced atomically.
 */
export function synthEnvironments(
  environments: Readonly<Record<string, Topology>>,
  outRoot: string,
  props: SynthEnvironmentsProps = {},
): SynthEnvironmentsResult {
  const { svg, ...envProps } = props;
  const badNames = environmentNameProblems(Object.keys(environments));
  if (badNames.length) return { errors: badNames, warnings: [] };
  // Each environment is built once (NetworkEnvironment.build); its chart's objects (cdk8s `toJson`,
  // which runs the app's validation and dependency ordering as `app.synth` does) are written with
  // the cdk8s-identical emitter by the writer `multihome synth` uses.
  const built = Object.entries(environments).map(([name, environment]) => {
    const app = new App({ outdir: path.join(outRoot, name) });
    return { name, env: new NetworkEnvironment(app, name, { ...envProps, environment, warn: () => undefined }) };
  });
  const problems = built.flatMap(({ env }) => env.problems());
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  if (errors.length === 0) {
    writeEnvironmentDirs(outRoot, built.map(({ name, env }) => ({ name, manifests: env.toJson(), problems: env.problems() })), svg);
  }
  return { errors, warnings };
}

/**
 * {@link synthEnvironments} with the topology diagram: loads Graphviz (WASM, asynchronous) first,
 * then synthesizes manifests and `topology.svg` of every environment in one atomic step.
 */
export async function synthEnvironmentsWithDiagrams(
  environments: Readonly<Record<string, Topology>>,
  outRoot: string,
  props: Omit<SynthEnvironmentsProps, 'svg'> = {},
): Promise<SynthEnvironmentsResult> {
  return synthEnvironments(environments, outRoot, { ...props, svg: await loadSvgRenderer() });
}

/** Prints a synth result for a person: every problem on its own line, then a summary. */
export function reportSynth(r: SynthEnvironmentsResult, write: (s: string) => void): void {
  for (const p of [...r.errors, ...r.warnings]) write(formatProblem(p) + '\n');
  if (r.errors.length) write(`multihome: synth failed with ${r.errors.length} error(s); nothing was written\n`);
}
