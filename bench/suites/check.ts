/**
 * Suite `check`: `multihome check` (lib/cli/check.ts checkPaths) of `multihome synth`'s N-VM
 * output against js-yaml `loadAll` of the same file; asserts check finds no error and reads as
 * many resources as loadAll.
 */
import { Figure, formatFigure } from '../harness';
import { Workspace } from '../workspace';
import { compare, ComparisonData } from './compare';

/** Target of the suite (issue 7). */
export const CHECK_TARGETS = { time: { op: '<=', value: 1.5 } } as const;

/** Options of {@link runCheckSuite}. */
export interface CheckSuiteOptions {
  readonly n: number;
  readonly reps: number;
  readonly warmup: number;
}

/** Runs suite `check` on `multihome synth`'s output for N. */
export function runCheckSuite(w: Workspace, o: CheckSuiteOptions, log: (s: string) => void): { figures: Figure[]; comparison: ComparisonData } {
  const file = w.synthFile(o.n);
  const { figures, data } = compare(w, {
    suite: 'check',
    n: o.n,
    a: { name: 'multihome check (checkPaths)', worker: 'check', input: () => ({ file }) },
    b: { name: 'js-yaml loadAll', worker: 'load-all', input: () => ({ file }) },
    reps: o.reps,
    warmup: o.warmup,
    onWarmup: (a, b) => {
      if (a.result.exitCode !== 0) throw new Error(`check N=${o.n}: exit ${String(a.result.exitCode)} on multihome's own output: ${JSON.stringify(a.result.firstError)}`);
      if (a.result.resources !== b.result.resources) throw new Error(`check N=${o.n}: read ${String(a.result.resources)} resources, loadAll ${String(b.result.resources)}`);
      log(`[check] N=${o.n}: no problem in ${String(a.result.resources)} resources (loadAll reads ${String(b.result.resources)})`);
    },
    timeTarget: CHECK_TARGETS.time,
  });
  for (const f of figures) log(formatFigure(f));
  return { figures, comparison: data };
}
