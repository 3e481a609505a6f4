/**
 * Parent side of the fuzz suite: spawns the runner (test/fuzz/runner.ts) in a child process with
 * a small heap, feeds it a job, kills it when it overruns, and turns what happened into values a
 * test asserts on. The child, not the test process, takes the hostile input: a hang or a memory
 * blow-up fails one test instead of the run.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HOSTILE_CASES, HostileCase, materialize } from './hostile';
import { BEGIN_MARKER, FuzzFailure, FuzzJob, FuzzSummary, SUMMARY_MARKER, TargetName } from './protocol';

/** The repository root (the child's working directory). */
export const ROOT = path.resolve(__dirname, '..', '..');

const RUNNER = path.join(__dirname, 'runner.ts');

/**
 * Heap of the child, MiB. A bomb that escapes the parser's bounds needs gigabytes (the review
 * measured 2.0–2.9 GiB), so it dies here, and the parent sees the abort.
 */
export const CHILD_HEAP_MIB = 512;

/**
 * Bound on the child's peak RSS, MiB. Measured on this machine (2 cores, Node 20, esbuild-register):
 * the runner with the library loaded peaks at ~95 MiB on an empty job; the largest corpus input
 * (a 12.5 MB nested document) at ~PEAK MiB. The agent's container limit is 256 Mi; 400 leaves
 * margin for check's multi-file runs while catching any input that expands past the bounds.
 */
export const RSS_BOUND_MIB = 400;

/** What a runner process did. */
export interface RunResult {
  readonly summary?: FuzzSummary;
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Killed by the parent for overrunning `timeoutMs`. */
  readonly timedOut: boolean;
  /** The input the child had begun last (from its FUZZ-BEGIN lines). */
  readonly lastInput?: string;
  /** The end of the child's stderr (its own failures, an out-of-memory abort). */
  readonly stderrTail: string;
  readonly wallMs: number;
}

let running = 0;
const waiting: Array<() => void> = [];
/** At most two runners at once (2 shared cores). */
async function slot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= 2) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Runs `job` in a fresh runner; kills it after `timeoutMs`. */
export function runJob(job: FuzzJob, timeoutMs: number): Promise<RunResult> {
  return slot(
    () =>
      new Promise<RunResult>((resolve) => {
        const t0 = Date.now();
        const child = spawn(process.execPath, [`--max-old-space-size=${CHILD_HEAP_MIB}`, '-r', 'esbuild-register', RUNNER], {
          cwd: ROOT,
          stdio: ['pipe', 'pipe', 'pipe'],
          env: { ...process.env, NODE_OPTIONS: '' },
        });
        let stdout = '';
        let stderr = '';
        let lastInput: string | undefined;
        let timedOut = false;
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString('utf8');
          for (const line of stderr.split('\n')) if (line.startsWith(BEGIN_MARKER)) lastInput = line.slice(BEGIN_MARKER.length);
          stderr = stderr.slice(-16384);
        });
        const timer = setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
        }, timeoutMs);
        child.on('close', (exitCode, signal) => {
          clearTimeout(timer);
          const line = stdout.split('\n').find((l) => l.startsWith(SUMMARY_MARKER));
          resolve({
            ...(line ? { summary: JSON.parse(line.slice(SUMMARY_MARKER.length)) as FuzzSummary } : {}),
            exitCode,
            signal,
            timedOut,
            ...(lastInput !== undefined ? { lastInput } : {}),
            stderrTail: stderr.split('\n').filter((l) => !l.startsWith(BEGIN_MARKER)).join('\n').slice(-2000),
            wallMs: Date.now() - t0,
          });
        });
        child.stdin.on('error', () => undefined); // the child may die before reading its job
        child.stdin.end(JSON.stringify(job));
      }),
  );
}

/** What a test asserts on: did the runner finish, what failed, how much memory it took. */
export interface Outcome {
  /** 'finished', or why not: a hang (killed), an out-of-memory abort, a runner failure. */
  readonly status: string;
  readonly failures: readonly FuzzFailure[];
  readonly peakRssMiB: number;
}

/** Summarizes a run for assertions; a hang or an abort names the input it happened on. */
export function outcomeOf(r: RunResult, timeoutMs: number): Outcome {
  const on = r.lastInput !== undefined ? ` on input "${r.lastInput}"` : '';
  let status = 'finished';
  if (r.timedOut) status = `hung: killed after ${timeoutMs} ms${on}`;
  else if (/heap out of memory|Allocation failed|ERR_STRING_TOO_LONG|Invalid string length/.test(r.stderrTail)) status = `out of memory (heap ${CHILD_HEAP_MIB} MiB)${on}`;
  else if (!r.summary) status = `runner exited ${r.exitCode ?? r.signal}${on}: ${r.stderrTail.slice(-600)}`;
  return { status, failures: r.summary?.failures ?? [], peakRssMiB: r.summary ? Math.round(r.summary.maxRssKiB / 1024) : Infinity };
}

/** Budgets of corpus runs: per input, and the whole child (start-up included). */
export const CORPUS_BUDGET_MS = 5000;
export const CORPUS_TIMEOUT_MS = 20_000;

/** The corpus cases that apply to `target`. */
export function casesFor(target: Exclude<TargetName, 'topology'>): HostileCase[] {
  return HOSTILE_CASES.filter((c) => c.inputs[target] !== undefined);
}

/**
 * Runs the corpus cases of `target` on demand, one runner per case: `run(name)` starts that case
 * (and the next one, so two cores stay busy) and returns its run. Inputs are written under a
 * temporary directory that `cleanup` removes.
 */
export function corpusRunner(target: Exclude<TargetName, 'topology'>): { run: (name: string) => Promise<RunResult>; settled: () => Promise<unknown>; cleanup: () => void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `multihome-hostile-${target}-`));
  const cases = casesFor(target);
  const runs = new Map<number, Promise<RunResult>>();
  const start = (i: number) => {
    if (i >= cases.length || runs.has(i)) return;
    const c = cases[i];
    const p = materialize(c.inputs[target]!, path.join(root, String(i)), target);
    runs.set(i, runJob({ kind: 'corpus', target, inputs: [{ name: c.name, path: p }], budgetMs: CORPUS_BUDGET_MS }, CORPUS_TIMEOUT_MS));
  };
  return {
    run: (name) => {
      const i = cases.findIndex((c) => c.name === name);
      start(i);
      start(i + 1);
      return runs.get(i)!;
    },
    settled: () => Promise.all(runs.values()),
    cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
