/**
 * Shared by the bench workers: each is one measured process that reads its input from argv[2]
 * (JSON), does one piece of work and prints one JSON line — the in-process time of the work, its
 * phases and the process's peak RSS (getrusage maxRSS) — as its last stdout line.
 */
import { performance } from 'perf_hooks';

/** The worker's input. */
export function input<T>(): T {
  const raw = process.argv[2];
  if (!raw) throw new Error('bench worker: pass its input as JSON in argv[2]');
  return JSON.parse(raw) as T;
}

/** Milliseconds since an arbitrary origin. */
export const now = (): number => performance.now();

/** Prints the result line (adds peak RSS). */
export function report(result: { ms: number; phases?: Record<string, number>; [k: string]: unknown }): void {
  const round = (x: number) => Math.round(x * 10) / 10;
  const phases = result.phases ? Object.fromEntries(Object.entries(result.phases).map(([k, v]) => [k, round(v)])) : undefined;
  process.stdout.write(JSON.stringify({ ...result, ms: round(result.ms), ...(phases ? { phases } : {}), rssMB: round(process.resourceUsage().maxRSS / 1024) }) + '\n');
}

/** Runs an async main, exiting non-zero with the error on failure. */
export function main(fn: () => Promise<void> | void): void {
  Promise.resolve()
    .then(fn)
    .catch((e: unknown) => {
      process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
      process.exit(1);
    });
}
