/**
 * What the fuzz runner (a child process, test/fuzz/runner.ts) is asked to do and what it answers.
 * The parent (test/fuzz/harness.ts) writes a {@link FuzzJob} to the child's stdin and reads one
 * {@link FuzzSummary} line, prefixed with {@link SUMMARY_MARKER}, from its stdout.
 */

/** The entry points the suite drives. */
export type TargetName = 'check' | 'agent' | 'environment' | 'topology';

/** Inputs given as paths on disk (the hostile corpus: files, directories, FIFOs, symlinks). */
export interface CorpusJob {
  readonly kind: 'corpus';
  readonly target: Exclude<TargetName, 'topology'>;
  readonly inputs: ReadonlyArray<{ readonly name: string; readonly path: string }>;
  /** Longest one input may take, in milliseconds. */
  readonly budgetMs: number;
}

/** Inputs drawn by fast-check from a named generator with a fixed seed. */
export interface GeneratedJob {
  readonly kind: 'generated';
  readonly target: TargetName;
  /** A key of GENERATORS (test/fuzz/generators.ts) for the target. */
  readonly generator: string;
  readonly seed: number;
  readonly numRuns: number;
  readonly budgetMs: number;
}

/** One job for the runner. */
export type FuzzJob = CorpusJob | GeneratedJob;

/**
 * How one input ended. `ok` and `problems` are the two acceptable outcomes; the rest are defects:
 * - crash: an exception other than the library's documented user-error type escaped;
 * - trace: a stack trace appeared in what a user sees;
 * - control: raw control characters (ESC, BEL, NUL, ...) in what a user sees (S15);
 * - unbounded: one message longer than {@link MAX_MESSAGE_CHARS} (a value echoed whole);
 * - slow: the input took longer than its budget.
 */
export type Verdict = 'ok' | 'problems' | 'crash' | 'trace' | 'control' | 'unbounded' | 'slow';

/** Longest single problem message (message + fix) the suite accepts: values are shown bounded (show()/clip). */
export const MAX_MESSAGE_CHARS = 4096;

/** An input whose verdict is a defect. */
export interface FuzzFailure {
  readonly input: string;
  readonly verdict: Verdict;
  readonly detail: string;
  readonly elapsedMs: number;
}

/** The runner's answer. */
export interface FuzzSummary {
  readonly target: TargetName;
  readonly inputs: number;
  readonly verdicts: Partial<Record<Verdict, number>>;
  /** Verdict of each input by name (corpus jobs only). */
  readonly byInput: Record<string, Verdict>;
  readonly failures: FuzzFailure[];
  readonly maxElapsedMs: number;
  /** `process.resourceUsage().maxRSS` at the end, KiB. */
  readonly maxRssKiB: number;
  /** Which environment loader ran (environment target): the lead's module or none yet. */
  readonly loader?: string;
}

/** Prefix of the summary line on the runner's stdout. */
export const SUMMARY_MARKER = 'FUZZ-SUMMARY ';

/** Prefix of the per-input result lines of corpus jobs on the runner's stdout ({@link InputResult}). */
export const RESULT_MARKER = 'FUZZ-RESULT ';

/** One corpus input's result, streamed as it completes. */
export interface InputResult {
  readonly name: string;
  readonly verdict: Verdict;
  readonly detail: string;
  readonly elapsedMs: number;
  /** Peak RSS of the runner so far, KiB. */
  readonly rssKiB: number;
}

/** Prefix of the progress lines on the runner's stderr (the input about to run), so a hang is attributed. */
export const BEGIN_MARKER = 'FUZZ-BEGIN ';

/** A Node.js stack frame line (`    at fn (/path/file.js:1:2)`): never part of what a user sees. */
export const STACK_FRAME = /(^|\n)\s*at \S[^\n]*:\d+:\d+\)?[ \t]*(?=\n|$)/;

/** Control characters that must never reach a terminal raw (tab and newline are fine). */
export const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
