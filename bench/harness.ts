/**
 * Benchmark machinery shared by the suites: bundles the worker entry points (bench/workers/*.ts)
 * with esbuild so a measured process runs plain JavaScript like the shipped bundles do (no
 * ts-node compile in the figures), runs each measured path in its own `node` process (so peak
 * RSS is separable), interleaves the two sides of a comparison (A B, B A, …) so machine drift
 * cancels, and turns samples into figures: min / median, pair-by-pair ratios, log-log slopes.
 * Conventions follow shared/reference/baseline.md.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Repository root. */
export const ROOT = path.join(__dirname, '..');

/** Where worker bundles go (inside the repository so their bare imports resolve to node_modules). */
export const BUILD_ROOT = path.join(ROOT, 'node_modules', '.cache', 'multihome-bench');

/** Worker entry points, by name (bench/workers/<name>.ts). */
export const WORKERS = [
  'cdk8s-env',
  'cdk8s-raw',
  'synth-direct',
  'yaml-floor',
  'check',
  'load-all',
  'pulumi-env',
  'pulumi-raw',
  'preflight',
  'preflight-core',
  'preflight-floor',
] as const;
export type WorkerName = (typeof WORKERS)[number];

/** What every worker prints as its last stdout line. */
export interface WorkerResult {
  /** In-process time of the measured work (input already in memory → output written), ms. */
  readonly ms: number;
  /** Peak RSS of the worker process (getrusage maxRSS), MiB. */
  readonly rssMB: number;
  /** Time split of the measured work, ms (worker-specific). */
  readonly phases?: Readonly<Record<string, number>>;
  /** Anything else the worker reports (bytes, counts). */
  readonly [k: string]: unknown;
}

/** One measured process run. */
export interface Sample {
  /** Whole-process wall time (spawn → exit, node startup and module load included), ms. */
  readonly wallMs: number;
  readonly result: WorkerResult;
}

/** Worker bundles of one bench run. */
export interface WorkerBundles {
  /** Bundle path by worker name. */
  readonly workers: Record<WorkerName, string>;
  /** Removes the bundles. */
  dispose(): void;
}

/**
 * Bundles every worker into a directory of its own (concurrent runs do not share files); fast
 * (esbuild), done once per run.
 */
export async function buildWorkers(): Promise<WorkerBundles> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  fs.mkdirSync(BUILD_ROOT, { recursive: true });
  const outdir = fs.mkdtempSync(path.join(BUILD_ROOT, `${process.pid}-`));
  await esbuild.build({
    entryPoints: WORKERS.map((w) => path.join(ROOT, 'bench', 'workers', `${w}.ts`)),
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: false,
    logLevel: 'warning',
  });
  return {
    workers: Object.fromEntries(WORKERS.map((w) => [w, path.join(outdir, `${w}.js`)])) as Record<WorkerName, string>,
    dispose: () => cleanup(outdir),
  };
}

/** Runs one worker process with `input` (JSON on argv) and returns its result and wall time. */
export function runWorker(file: string, input: object, options: { timeoutMs?: number; nodeArgs?: string[] } = {}): Sample {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...(options.nodeArgs ?? []), file, JSON.stringify(input)], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    timeout: options.timeoutMs ?? 600000,
    env: workerEnv(),
  });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw new Error(`bench worker ${path.basename(file)}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`bench worker ${path.basename(file)} exited ${r.status ?? r.signal}:\n${(r.stderr || r.stdout).slice(-4000)}`);
  const last = r.stdout.trim().split('\n').pop() ?? '';
  let result: WorkerResult;
  try {
    result = JSON.parse(last) as WorkerResult;
  } catch {
    throw new Error(`bench worker ${path.basename(file)} printed no result line:\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`);
  }
  return { wallMs, result };
}

/** The workers' environment: ours, minus switches that would change what is measured. */
function workerEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.CDK8S_DISABLE_SORT;
  delete env.NODE_OPTIONS;
  return env;
}

/** Samples of both sides of a comparison, taken interleaved in the same call. */
export interface PairedSamples {
  readonly a: Sample[];
  readonly b: Sample[];
}

/**
 * Runs `warmup` uncounted then `reps` counted pairs, alternating which side goes first, so
 * A/B ratios can be taken pair by pair. `onWarmup` sees the first pair (identity checks).
 */
export function paired(a: () => Sample, b: () => Sample, reps: number, warmup: number, onWarmup?: (a: Sample, b: Sample) => void): PairedSamples {
  const out: PairedSamples = { a: [], b: [] };
  for (let i = 0; i < warmup + reps; i++) {
    let sa: Sample;
    let sb: Sample;
    if (i % 2 === 0) {
      sa = a();
      sb = b();
    } else {
      sb = b();
      sa = a();
    }
    if (i === 0 && onWarmup) onWarmup(sa, sb);
    if (i >= warmup) {
      out.a.push(sa);
      out.b.push(sb);
    }
  }
  return out;
}

/** min / median / n of a list. */
export interface Stat {
  readonly min: number;
  readonly median: number;
  readonly n: number;
}

/** min / median of `xs` (empty → NaN). */
export function stat(xs: readonly number[]): Stat {
  const s = [...xs].sort((x, y) => x - y);
  if (!s.length) return { min: NaN, median: NaN, n: 0 };
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { min: s[0], median, n: s.length };
}

/** Pair-by-pair ratios a[i]/b[i]. */
export function ratios(a: readonly number[], b: readonly number[]): number[] {
  return a.map((x, i) => x / b[i]);
}

/**
 * Least-squares slope of log(t) against log(n) — the scaling exponent (1 = linear). Null with
 * fewer than two distinct n.
 */
export function fitExponent(points: ReadonlyArray<readonly [number, number]>): number | null {
  const pts = points.filter(([n, t]) => n > 0 && t > 0);
  if (new Set(pts.map(([n]) => n)).size < 2) return null;
  const xs = pts.map(([n]) => Math.log(n));
  const ys = pts.map(([, t]) => Math.log(t));
  const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
  const my = ys.reduce((s, y) => s + y, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i] - my);
    sxx += (x - mx) ** 2;
  });
  return sxy / sxx;
}

/** A target a figure is held against. */
export interface Target {
  readonly op: '<=' | '>=';
  readonly value: number;
}

/** One reported figure: a value, what it is compared with, and whether the target is met. */
export interface Figure {
  /** Suite: cdk8s | synth | check | pulumi | agent. */
  readonly suite: string;
  /** What is measured, e.g. `time`, `peak RSS`, `scaling exponent`. */
  readonly metric: string;
  /** Environment size, when it applies. */
  readonly n?: number;
  readonly unit: 'ms' | 'MiB' | 'x' | '';
  /** multihome's value (median unless said otherwise). */
  readonly value: number | null;
  /** The floor's value, when the figure is a comparison. */
  readonly floor?: number | null;
  /** Median of pair-by-pair value/floor ratios (or value/floor when not paired). */
  readonly ratio?: number | null;
  /** What `ratio` (or `value` when there is no floor) must satisfy. */
  readonly target?: Target;
  readonly met?: boolean;
  /** Context: names of the two sides, min values, whole-process figures. */
  readonly note?: string;
}

/** Checks a target. */
export function meets(x: number | null | undefined, t: Target | undefined): boolean | undefined {
  if (!t) return undefined;
  if (x === null || x === undefined || !Number.isFinite(x)) return false;
  return t.op === '<=' ? x <= t.value : x >= t.value;
}

/** Builds a figure and fills `met` from its target (ratio when there is one, else value). */
export function figure(f: Omit<Figure, 'met'>): Figure {
  const checked = f.ratio !== undefined ? f.ratio : f.value;
  return { ...f, ...(f.target ? { met: meets(checked, f.target) } : {}) };
}

const fmt = (x: number | null | undefined, unit: Figure['unit']): string => {
  if (x === null || x === undefined || !Number.isFinite(x)) return 'n/a';
  if (unit === 'ms') return x >= 10000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 1 : 0)} ms`;
  if (unit === 'MiB') return `${x.toFixed(1)} MiB`;
  if (unit === 'x') return `${x.toFixed(2)}×`;
  return x.toFixed(3);
};

/** One human line per figure: value vs floor, ratio, target, met. */
export function formatFigure(f: Figure): string {
  const n = f.n !== undefined ? ` N=${f.n}` : '';
  const cmp = f.floor !== undefined ? `${fmt(f.value, f.unit)} vs ${fmt(f.floor, f.unit)}` : fmt(f.value, f.unit);
  const ratio = f.ratio !== undefined ? `  ratio ${f.ratio === null ? 'n/a' : f.ratio.toFixed(2) + '×'}` : '';
  const target = f.target ? `  target ${f.target.op === '<=' ? '≤' : '≥'} ${f.target.value}${f.ratio !== undefined ? '×' : ''}  ${f.met ? 'MET' : 'MISSED'}` : '';
  const note = f.note ? `  (${f.note})` : '';
  return `[${f.suite}]${n} ${f.metric}: ${cmp}${ratio}${target}${note}`;
}

/** A fresh temp directory (removed by {@link cleanup}). */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Removes a temp directory, ignoring errors. */
export function cleanup(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Throws with a short diff location when two texts differ. */
export function assertSameText(what: string, a: string, b: string): void {
  if (a === b) return;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const line = a.slice(0, i).split('\n').length;
  const ctx = (s: string) => JSON.stringify(s.slice(Math.max(0, i - 80), i + 80));
  throw new Error(`${what}: outputs differ (${a.length} vs ${b.length} bytes) first at byte ${i}, line ${line}:\n  A ${ctx(a)}\n  B ${ctx(b)}`);
}
