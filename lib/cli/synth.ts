import { SvgRenderer } from '../core/diagram';
import { Problem } from '../core/errors';
import { writeEnvironmentDirs } from '../core/render/environment-dirs';
import { environmentNameProblems } from '../core/render/environment-names';
import { Topology } from '../core/topology/model';
import { buildEnvironment } from '../core/topology/build';
import { EnvironmentValidationOptions } from '../core/topology/validate-environment';
import { UserError } from './environments';

/** Options of {@link synthDirect}. */
export interface DirectSynthOptions extends EnvironmentValidationOptions {
  /**
   * Graphviz renderer (`await loadSvgRenderer()`); when given, `<out>/<env>/topology.svg` is
   * written with the manifests, in the same atomic step.
   * @default - no diagram
   */
  readonly svg?: SvgRenderer;
}

/** Result of {@link synthDirect}. */
export interface DirectSynthResult {
  readonly errors: Problem[];
  readonly warnings: Problem[];
  /** Files written (empty when there were errors). */
  readonly files: string[];
}

/**
 * `multihome synth`: renders environments through lib/core alone (no cdk8s, no CLI app) into
 * `<out>/<env>/<env>.k8s.yaml` (and `topology.svg` when `options.svg` is given), byte-identical
 * to `npx cdk8s synth`. Validates everything first; writes nothing when there is an error.
 */
export function synthDirect(environments: Readonly<Record<string, Topology>>, out: string, options: DirectSynthOptions = {}): DirectSynthResult {
  const { svg, ...validation } = options;
  const badNames = environmentNameProblems(Object.keys(environments));
  if (badNames.length) return { errors: badNames, warnings: [], files: [] };
  const built = Object.entries(environments).map(([name, t]) => ({ name, build: buildEnvironment(t, validation) }));
  const errors = built.flatMap((b) => b.build.errors);
  const warnings = built.flatMap((b) => b.build.warnings);
  if (errors.length) return { errors, warnings, files: [] };
  const outputs = built.map(({ name, build }) => ({ name, manifests: build.manifests.map((m) => m.manifest), problems: build.problems }));
  return { errors, warnings, files: writeOrExplain(out, () => writeEnvironmentDirs(out, outputs, svg)) };
}

/** Runs the writer; a file-system refusal (a file where a directory goes, no permission, a full disk) is a {@link UserError} naming `out`. */
function writeOrExplain(out: string, write: () => string[]): string[] {
  try {
    return write();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException | undefined)?.code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) throw new UserError(`cannot write ${out}: ${(e as Error).message}`);
    throw e;
  }
}
