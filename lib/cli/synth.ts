import * as fs from 'fs';
import * as path from 'path';
import { SvgRenderer } from '../core/diagram';
import { changeNotice, changesToWarn } from '../core/diff';
import { Problem } from '../core/errors';
import { writeEnvironmentDirs } from '../core/render/environment-dirs';
import { environmentNameProblems } from '../core/render/environment-names';
import { Topology } from '../core/topology/model';
import { buildEnvironment } from '../core/topology/build';
import { EnvironmentValidationOptions } from '../core/topology/validate-environment';
import { PreviousOutput } from '../core/topology/previous-output';
import { UserError } from './environments';
import { readCommittedOutput } from './git-output';
import { resolveCommit } from './git';

/** Options of {@link synthDirect}. */
export interface DirectSynthOptions extends EnvironmentValidationOptions {
  /**
   * Graphviz renderer (`await loadSvgRenderer()`); when given, `<out>/<env>/topology.svg` is
   * written with the manifests, in the same atomic step.
   * @default - no diagram
   */
  readonly svg?: SvgRenderer;
  /**
   * The previous output of each environment (by name), overriding `previous` for it: what
   * `synth --previous` found under `DIR/<env>` or at `REF:<out>/<env>`.
   * @default - `previous` for every environment
   */
  readonly previousByEnvironment?: Readonly<Record<string, PreviousOutput>>;
}

/** Result of {@link synthDirect}. */
export interface DirectSynthResult {
  readonly errors: Problem[];
  readonly warnings: Problem[];
  /** Files written (empty when there were errors). */
  readonly files: string[];
  /**
   * What applying each environment's output changes against its previous output, as the lines a
   * reviewer must plan for (`multihome change: …`, lib/core/diff `changesToWarn`), per
   * environment in order; empty without previous outputs.
   */
  readonly changes: string[];
}

/**
 * `multihome synth`: renders environments through lib/core alone (no cdk8s, no CLI app) into
 * `<out>/<env>/<env>.k8s.yaml` (and `topology.svg` when `options.svg` is given), byte-identical
 * to `npx cdk8s synth`. Validates everything first; writes nothing when there is an error.
 */
export function synthDirect(environments: Readonly<Record<string, Topology>>, out: string, options: DirectSynthOptions = {}): DirectSynthResult {
  const { svg, previousByEnvironment, ...validation } = options;
  const badNames = environmentNameProblems(Object.keys(environments));
  if (badNames.length) return { errors: badNames, warnings: [], files: [], changes: [] };
  const built = Object.entries(environments).map(([name, t]) => ({ name, build: buildEnvironment(t, previousByEnvironment && name in previousByEnvironment ? { ...validation, previous: previousByEnvironment[name] } : validation) }));
  const errors = built.flatMap((b) => b.build.errors);
  const warnings = built.flatMap((b) => b.build.warnings);
  const changes = built.flatMap(({ build }) => changesToWarn(build.changes).map(changeNotice));
  if (errors.length) return { errors, warnings, files: [], changes };
  const outputs = built.map(({ name, build }) => ({ name, manifests: build.manifests.map((m) => m.manifest), problems: build.problems }));
  return { errors, warnings, files: writeOrExplain(out, () => writeEnvironmentDirs(out, outputs, svg)), changes };
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

/** The previous output of each environment `synth --previous` names, and the problems reading it. */
export interface PreviousOutputs {
  /** By environment; an environment without a previous output is left out. */
  readonly byEnvironment: Record<string, PreviousOutput>;
  readonly problems: Problem[];
  /** Where each environment left out was looked for (`DIR/<env>`, `REF:<out>/<env>/`). */
  readonly missing: ReadonlyArray<{ readonly environment: string; readonly where: string }>;
}

/**
 * `synth --previous DIR|REF`: an existing path is a previous output root laid out like `--out`
 * (`DIR/<env>/`; an environment missing there has no previous output); anything else is a git
 * ref whose commit has `<out>/<env>/`. Neither is a {@link UserError} (exit 2).
 */
export function previousOutputs(previous: string, out: string, names: readonly string[]): PreviousOutputs {
  const byEnvironment: Record<string, PreviousOutput> = {};
  const missing: Array<{ environment: string; where: string }> = [];
  if (fs.existsSync(previous)) {
    if (!fs.statSync(previous).isDirectory()) throw new UserError(`--previous ${previous} is not a directory; give the previous output root (laid out like --out: <dir>/<env>/*.yaml) or a git ref`);
    for (const name of names) {
      const dir = path.join(previous, name);
      if (fs.existsSync(dir)) byEnvironment[name] = dir;
      else missing.push({ environment: name, where: dir });
    }
    return { byEnvironment, problems: [], missing };
  }
  const commit = resolveCommit(previous);
  if (!commit) throw new UserError(`--previous ${previous} is neither an existing directory nor a git commit here (git rev-parse --verify ${previous}^{commit} found none)`);
  const problems: Problem[] = [];
  for (const name of names) {
    const read = readCommittedOutput(commit, path.join(out, name));
    problems.push(...read.problems);
    if (read.manifests) byEnvironment[name] = read.manifests;
    else missing.push({ environment: name, where: `${previous}:${path.join(out, name)}/` });
  }
  return { byEnvironment, problems, missing };
}
