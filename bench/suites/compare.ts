/**
 * One A/B comparison at one N: both sides as separate worker processes, interleaved, with a
 * warm-up pair whose outputs the caller checks (identical output first, then timing).
 */
import { Figure, figure, paired, ratios, runWorker, Sample, stat, Target, WorkerName } from '../harness';
import { Workspace } from '../workspace';

/** One side of a comparison. */
export interface Side {
  /** Shown in notes, e.g. `NetworkEnvironment → app.synth`. */
  readonly name: string;
  readonly worker: WorkerName;
  /** Worker input; called per run (fresh output directories). */
  readonly input: () => object;
}

/** Options of {@link compare}. */
export interface CompareOptions {
  readonly suite: string;
  readonly n: number;
  readonly a: Side;
  readonly b: Side;
  readonly reps: number;
  readonly warmup: number;
  /** Checks on the first pair (throw to fail the bench: identical output, no errors). */
  readonly onWarmup?: (a: Sample, b: Sample) => void;
  readonly timeTarget?: Target;
  readonly rssTarget?: Target;
  readonly timeoutMs?: number;
}

/** Raw numbers of one side. */
export interface SideData {
  readonly name: string;
  readonly ms: number[];
  readonly wallMs: number[];
  readonly rssMB: number[];
  /** Median of each phase the worker reported. */
  readonly phases: Record<string, number>;
}

/** Raw numbers of a comparison (kept in the JSON report). */
export interface ComparisonData {
  readonly n: number;
  readonly a: SideData;
  readonly b: SideData;
  /** Pair-by-pair a/b ratios. */
  readonly ratio: { readonly ms: number[]; readonly wallMs: number[]; readonly rssMB: number[] };
}

const r1 = (x: number) => Math.round(x * 10) / 10;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

function sideData(name: string, samples: Sample[]): SideData {
  const phases: Record<string, number> = {};
  const keys = new Set(samples.flatMap((s) => Object.keys(s.result.phases ?? {})));
  for (const k of keys) phases[k] = r1(stat(samples.map((s) => s.result.phases?.[k] ?? NaN)).median);
  return {
    name,
    ms: samples.map((s) => r1(s.result.ms)),
    wallMs: samples.map((s) => r1(s.wallMs)),
    rssMB: samples.map((s) => r1(s.result.rssMB)),
    phases,
  };
}

/** Runs the comparison; returns its figures (time, peak RSS) and raw data. */
export function compare(w: Workspace, o: CompareOptions): { figures: Figure[]; data: ComparisonData } {
  const run = (s: Side) => () => runWorker(w.workers[s.worker], s.input(), { timeoutMs: o.timeoutMs });
  const p = paired(run(o.a), run(o.b), o.reps, o.warmup, o.onWarmup);
  const a = sideData(o.a.name, p.a);
  const b = sideData(o.b.name, p.b);
  const data: ComparisonData = {
    n: o.n,
    a,
    b,
    ratio: { ms: ratios(a.ms, b.ms).map(r3), wallMs: ratios(a.wallMs, b.wallMs).map(r3), rssMB: ratios(a.rssMB, b.rssMB).map(r3) },
  };
  const sa = stat(a.ms);
  const sb = stat(b.ms);
  const wa = stat(a.wallMs).median;
  const wb = stat(b.wallMs).median;
  const phases = (d: SideData) => Object.entries(d.phases).map(([k, v]) => `${k} ${Math.round(v)}`).join(' + ');
  const figures: Figure[] = [
    figure({
      suite: o.suite,
      metric: 'time (in-process, median)',
      n: o.n,
      unit: 'ms',
      value: r1(sa.median),
      floor: r1(sb.median),
      ratio: r3(stat(data.ratio.ms).median),
      ...(o.timeTarget ? { target: o.timeTarget } : {}),
      note:
        `${a.name} vs ${b.name}; min ${Math.round(sa.min)} vs ${Math.round(sb.min)} ms; ` +
        `whole process ${Math.round(wa)} vs ${Math.round(wb)} ms (${(stat(data.ratio.wallMs).median).toFixed(2)}×)` +
        (Object.keys(a.phases).length ? `; phases ${phases(a)}` : '') +
        `; n=${sa.n}`,
    }),
    figure({
      suite: o.suite,
      metric: 'peak RSS (median)',
      n: o.n,
      unit: 'MiB',
      value: r1(stat(a.rssMB).median),
      floor: r1(stat(b.rssMB).median),
      ratio: r3(stat(data.ratio.rssMB).median),
      ...(o.rssTarget ? { target: o.rssTarget } : {}),
      note: `${a.name} vs ${b.name}`,
    }),
  ];
  return { figures, data };
}
