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
import { AGENT_RESOURCES } from '../../lib/core/topology/agent-deployment';
import { HOSTILE_CASES, HostileCase, materialize } from './hostile';
import { BEGIN_MARKER, FuzzFailure, FuzzJob, FuzzSummary, InputResult, RESULT_MARKER, SUMMARY_MARKER, TargetName, Verdict } from './protocol';

/** The repository root (the child's working directory). */
export const ROOT = path.resolve(__dirname, '..', '..');

const RUNNER = path.join(__dirname, 'runner.ts');

/**
 * Heap of the child, MiB. A bomb that escapes the parser's bounds needs gigabytes (the review
 * measured 2.0–2.9 GiB), so it dies here, and the parent sees the abort.
 */
export const CHILD_HEAP_MIB = 512;

/**
 * Bound on a runner's peak RSS, MiB. Measured on this machine (2 cores, Node 20, esbuild-register,
 * 2026-12): a corpus runner with the library loaded peaks at ~96 MiB on an empty file; the largest
 * corpus peaks were 219 MiB (check: `[` x100000, whose 100 KB message is itself a finding), 159
 * (check: block nesting 5000 deep, run alone) and 179 (agent: 100000 empty documents); generated
 * runs (fast-check and the corpora loaded too) 205–267 MiB over 1500 inputs. An input that escapes
 * the parser's bounds needs gigabytes, so 320 leaves margin for noise while catching it.
 */
export const RSS_BOUND_MIB = 320;

/**
 * The agent's corpus bound: its container's memory limit (256 Mi, `AGENT_RESOURCES`),
 * since an agent above it is OOM-killed and crash-loops (review S1). Measured peak: 179 MiB.
 */
export const AGENT_RSS_BOUND_MIB = AGENT_RESOURCES.memoryLimitMebibytes;

/** The RSS bound of `target`'s corpus runs. */
export function rssBoundMiB(target: TargetName): number {
  return target === 'agent' ? AGENT_RSS_BOUND_MIB : RSS_BOUND_MIB;
}

/** What a runner process did. */
export interface RunResult {
  readonly summary?: FuzzSummary;
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Killed by the parent for overrunning `timeoutMs`. */
  readonly timedOut: boolean;
  /** Killed by the parent because `onResult` asked (an input's RSS over the bound). */
  readonly stopped: boolean;
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

/** Options of {@link runJob}. */
export interface RunOptions {
  /** Kill the child after this long in all. */
  readonly timeoutMs: number;
  /** Kill the child when one input runs longer than this (reset at every FUZZ-BEGIN). @default - none */
  readonly inputTimeoutMs?: number;
  /** Called with each corpus input's result as it arrives; return true to kill the child (e.g. RSS over the bound). */
  readonly onResult?: (r: InputResult) => boolean | void;
}

/** Runs `job` in a fresh runner; kills it when it overruns. */
export function runJob(job: FuzzJob, options: RunOptions | number): Promise<RunResult> {
  const { timeoutMs, inputTimeoutMs, onResult } = typeof options === 'number' ? ({ timeoutMs: options } as RunOptions) : options;
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
        let pending = '';
        let stderr = '';
        let lastInput: string | undefined;
        let timedOut = false;
        let stopped = false;
        const kill = () => child.kill('SIGKILL');
        let inputTimer: NodeJS.Timeout | undefined;
        child.stdout.on('data', (d: Buffer) => {
          pending += d.toString('utf8');
          const lines = pending.split('\n');
          pending = lines.pop()!;
          for (const line of lines) {
            if (line.startsWith(RESULT_MARKER)) {
              if (inputTimer) clearTimeout(inputTimer);
              if (onResult?.(JSON.parse(line.slice(RESULT_MARKER.length)) as InputResult)) {
                stopped = true;
                kill();
              }
            } else stdout += line + '\n';
          }
        });
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString('utf8');
          for (const line of stderr.split('\n'))
            if (line.startsWith(BEGIN_MARKER)) {
              lastInput = line.slice(BEGIN_MARKER.length);
              if (inputTimeoutMs !== undefined) {
                if (inputTimer) clearTimeout(inputTimer);
                inputTimer = setTimeout(() => ((timedOut = true), kill()), inputTimeoutMs);
              }
            }
          stderr = stderr.split('\n').filter((l) => !l.startsWith(BEGIN_MARKER)).join('\n').slice(-16384);
        });
        const timer = setTimeout(() => ((timedOut = true), kill()), timeoutMs);
        child.on('close', (exitCode, signal) => {
          clearTimeout(timer);
          if (inputTimer) clearTimeout(inputTimer);
          const line = (stdout + pending).split('\n').find((l) => l.startsWith(SUMMARY_MARKER));
          resolve({
            ...(line ? { summary: JSON.parse(line.slice(SUMMARY_MARKER.length)) as FuzzSummary } : {}),
            exitCode,
            signal,
            timedOut,
            stopped,
            ...(lastInput !== undefined ? { lastInput } : {}),
            stderrTail: stderr.slice(-2000),
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

/** Per-input budget of corpus inputs. */
export const CORPUS_BUDGET_MS = 5000;
/** A corpus input still running after this long is a hang: its runner is killed (start-up of the first input included). */
export const CORPUS_INPUT_TIMEOUT_MS = 15_000;

/** The corpus cases that apply to `target`. */
export function casesFor(target: Exclude<TargetName, 'topology'>): HostileCase[] {
  return HOSTILE_CASES.filter((c) => c.inputs[target] !== undefined);
}

/** One corpus case's result. */
export interface CaseResult {
  /** What the test asserts on ({@link Outcome}). */
  readonly outcome: Outcome;
  /** The input's verdict when it completed. */
  readonly verdict?: Verdict;
}

/** Inputs larger than this (bytes on disk) run in a runner of their own. */
const ISOLATE_BYTES = 512 * 1024;

/** Bytes of a file, or of the regular files directly in a directory (the agent's ConfigMap mount). */
function sizeOf(p: string): number {
  const st = fs.lstatSync(p);
  if (st.isFile()) return st.size;
  if (!st.isDirectory()) return 0;
  return fs.readdirSync(p).reduce((n, f) => {
    const e = fs.lstatSync(path.join(p, f));
    return n + (e.isFile() ? e.size : 0);
  }, 0);
}

/** Runs `group` in one runner, and a fresh one after each input that hangs, aborts or breaks the RSS bound. */
async function runGroup(target: Exclude<TargetName, 'topology'>, group: ReadonlyArray<{ name: string; path: string }>, results: Map<string, CaseResult>): Promise<void> {
  let remaining = group;
  while (remaining.length) {
    const r = await runJob(
      { kind: 'corpus', target, inputs: remaining, budgetMs: CORPUS_BUDGET_MS },
      {
        timeoutMs: CORPUS_INPUT_TIMEOUT_MS * remaining.length,
        inputTimeoutMs: CORPUS_INPUT_TIMEOUT_MS,
        onResult: (x) => {
          const failures = x.verdict === 'ok' || x.verdict === 'problems' ? [] : [{ input: x.name, verdict: x.verdict, detail: x.detail, elapsedMs: x.elapsedMs }];
          const peakRssMiB = Math.round(x.rssKiB / 1024);
          results.set(x.name, { outcome: { status: 'finished', failures, peakRssMiB }, verdict: x.verdict });
          return peakRssMiB >= rssBoundMiB(target); // a fresh runner for the rest: peaks are per process
        },
      },
    );
    if (r.summary) {
      // a runner that finished normally ran everything it could; what it did not run is reported as such
      const why = r.summary.loader === 'missing' ? 'not run: the environment loader (parseEnvironmentText) is missing' : 'not run by the runner';
      for (const c of remaining) if (!results.has(c.name)) results.set(c.name, { outcome: { status: why, failures: [], peakRssMiB: Math.round(r.summary.maxRssKiB / 1024) } });
    } else if (!r.stopped) {
      // the runner died on the input it had begun: charge that one (or the first not done, if none began)
      const culprit = remaining.find((c) => c.name === r.lastInput && !results.has(c.name)) ?? remaining.find((c) => !results.has(c.name));
      if (culprit) results.set(culprit.name, { outcome: outcomeOf({ ...r, lastInput: culprit.name }, CORPUS_INPUT_TIMEOUT_MS) });
    }
    remaining = remaining.filter((c) => !results.has(c.name));
  }
}

/**
 * Runs every corpus case of `target` in as few runners as it can: one runner takes the cases in
 * order; when an input hangs, aborts the runner (out of memory) or pushes its peak RSS over
 * {@link RSS_BOUND_MIB}, that case is charged with it and a fresh runner goes on with the next
 * case; inputs over 512 KiB run alone. Inputs are written under a temporary directory, removed at the end.
 */
export async function runCorpus(target: Exclude<TargetName, 'topology'>): Promise<Map<string, CaseResult>> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `multihome-hostile-${target}-`));
  const results = new Map<string, CaseResult>();
  try {
    const inputs = casesFor(target).map((c, i) => ({ name: c.name, path: materialize(c.inputs[target]!, path.join(root, String(i)), target) }));
    // big inputs get a runner each: a process's peak RSS is its own, so the bound is checked per input
    const groups: Array<typeof inputs> = [];
    for (const input of inputs) {
      if (sizeOf(input.path) > ISOLATE_BYTES) groups.push([input], []);
      else if (groups.length === 0) groups.push([input]);
      else groups[groups.length - 1].push(input);
    }
    for (const group of groups) await runGroup(target, group, results);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  return results;
}
