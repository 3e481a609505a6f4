/**
 * Suite `synth`: `multihome synth` (lib/cli/synth.ts synthDirect: render, validate, core YAML,
 * write; no cdk8s) against the plain-objects + js-yaml dump floor of the same manifests. Its output
 * is asserted byte-identical to the cdk8s path's, and the floor's to hold the same content.
 */
import * as fs from 'fs';
import * as jsyaml from 'js-yaml';
import { isDeepStrictEqual } from 'util';
import { assertSameText, Figure, formatFigure, runWorker } from '../harness';
import { Workspace } from '../workspace';
import { compare, ComparisonData } from './compare';

/** Target of the suite (issue 7). */
export const SYNTH_TARGETS = { time: { op: '<=', value: 1.5 } } as const;

/** Options of {@link runSynthSuite}. */
export interface SynthSuiteOptions {
  readonly n: number;
  readonly reps: number;
  readonly warmup: number;
}

/** Result of the suite. */
export interface SynthSuiteResult {
  readonly figures: Figure[];
  readonly comparison: ComparisonData;
  /** Where `multihome synth`'s time goes (one diagnostic run of the same core steps), ms. */
  readonly phases: Record<string, number>;
}

/** Runs suite `synth` at N, plus one diagnostic run that splits `multihome synth` into its steps. */
export function runSynthSuite(w: Workspace, o: SynthSuiteOptions, log: (s: string) => void): SynthSuiteResult {
  const { n } = o;
  const files = w.manifestFiles(n);
  const { figures, data } = compare(w, {
    suite: 'synth',
    n,
    a: { name: 'multihome synth (synthDirect)', worker: 'synth-direct', input: () => ({ n, outRoot: w.fresh('synth') }) },
    b: { name: 'plain objects + js-yaml dump', worker: 'yaml-floor', input: () => ({ manifestsFile: files.canonical, outFile: w.fresh('floor') + '.yaml' }) },
    reps: o.reps,
    warmup: o.warmup,
    onWarmup: (a, b) => {
      const mine = fs.readFileSync(String(a.result.file), 'utf8');
      assertSameText(`multihome synth vs cdk8s path, N=${n}`, mine, fs.readFileSync(w.cdk8sFile(n), 'utf8'));
      w.setSynthFile(n, String(a.result.file));
      const floor = fs.readFileSync(String(b.result.file), 'utf8');
      if (!isDeepStrictEqual(jsyaml.loadAll(mine), jsyaml.loadAll(floor))) throw new Error(`synth floor N=${n}: js-yaml dump does not hold the same objects as multihome synth`);
      log(`[synth] N=${n}: multihome synth byte-identical to the cdk8s path (${Buffer.byteLength(mine)} bytes); js-yaml floor holds the same objects (${Buffer.byteLength(floor)} bytes)`);
    },
    timeTarget: SYNTH_TARGETS.time,
  });
  for (const f of figures) log(formatFigure(f));
  const diag = runWorker(w.workers['synth-direct'], { n, outRoot: w.fresh('synth-phases'), phases: true });
  const phases = { ...(diag.result.phases ?? {}) };
  log(`[synth] N=${n} where the time goes (one run): ${Object.entries(phases).map(([k, v]) => `${k} ${Math.round(v)} ms`).join(', ')}`);
  return { figures, comparison: data, phases };
}
