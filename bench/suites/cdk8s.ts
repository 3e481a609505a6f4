/**
 * Suite `cdk8s`: the cdk8s path (NetworkEnvironment → app.synth) against raw cdk8s ApiObjects of
 * the identical manifests → app.synth, at several N; identical output asserted on the first pair;
 * time and peak RSS per N, and the log-log scaling exponent of both over N.
 */
import * as fs from 'fs';
import { assertSameText, Figure, figure, fitExponent, formatFigure, stat } from '../harness';
import { Workspace } from '../workspace';
import { compare, ComparisonData } from './compare';

/** Targets of the suite (issue 7). */
export const CDK8S_TARGETS = { time: { op: '<=', value: 1.25 }, rss: { op: '<=', value: 1.5 }, exponent: { op: '<=', value: 1.1 } } as const;

/** Options of {@link runCdk8sSuite}. */
export interface Cdk8sSuiteOptions {
  /** Environment sizes, ascending; targets are held at the largest. */
  readonly ns: readonly number[];
  readonly reps: number;
  readonly warmup: number;
}

/** Result of the suite. */
export interface Cdk8sSuiteResult {
  readonly figures: Figure[];
  readonly comparisons: ComparisonData[];
  readonly exponent: { readonly cdk8sPath: number | null; readonly raw: number | null };
}

/** Runs suite `cdk8s`: one comparison per N (targets at the largest), then the scaling fit. */
export function runCdk8sSuite(w: Workspace, o: Cdk8sSuiteOptions, log: (s: string) => void): Cdk8sSuiteResult {
  const figures: Figure[] = [];
  const comparisons: ComparisonData[] = [];
  const largest = Math.max(...o.ns);
  for (const n of o.ns) {
    const files = w.manifestFiles(n);
    const chartId = `bench-${n}`;
    const { figures: f, data } = compare(w, {
      suite: 'cdk8s',
      n,
      a: { name: 'NetworkEnvironment → app.synth', worker: 'cdk8s-env', input: () => ({ n, outdir: w.fresh('cdk8s-env') }) },
      b: { name: 'raw ApiObjects → app.synth', worker: 'cdk8s-raw', input: () => ({ manifestsFile: files.raw, outdir: w.fresh('cdk8s-raw'), chartId }) },
      reps: o.reps,
      warmup: o.warmup,
      onWarmup: (a, b) => {
        const fa = String(a.result.file);
        const fb = String(b.result.file);
        assertSameText(`cdk8s path vs raw ApiObject synth, N=${n}`, fs.readFileSync(fa, 'utf8'), fs.readFileSync(fb, 'utf8'));
        w.setCdk8sFile(n, fa);
        log(`[cdk8s] N=${n}: outputs identical (${fs.statSync(fa).size} bytes, ${files.count} objects)`);
      },
      ...(n === largest ? { timeTarget: CDK8S_TARGETS.time, rssTarget: CDK8S_TARGETS.rss } : {}),
    });
    for (const x of f) log(formatFigure(x));
    figures.push(...f);
    comparisons.push(data);
  }
  const fit = (side: 'a' | 'b') => fitExponent(comparisons.map((c) => [c.n, stat(c[side].ms).median] as const));
  const exponent = { cdk8sPath: round(fit('a')), raw: round(fit('b')) };
  const ex = figure({
    suite: 'cdk8s',
    metric: `scaling exponent (log-log, N=${o.ns.join(',')})`,
    unit: '',
    value: exponent.cdk8sPath,
    target: CDK8S_TARGETS.exponent,
    note: `raw ApiObject synth ${exponent.raw ?? 'n/a'}; in-process medians`,
  });
  log(formatFigure(ex));
  figures.push(ex);
  return { figures, comparisons, exponent };
}

function round(x: number | null): number | null {
  return x === null ? null : Math.round(x * 1000) / 1000;
}
