/**
 * The iproute2 backend: reads host state with `ip -j` / `bridge -j` and applies a plan with one
 * `ip -batch -` and one `bridge -batch -` run (input on stdin, no shell, no temp files). The read
 * that verifies an apply rides in the apply's own `ip -j -d -batch` process when there is no
 * bridge batch to run after it: the show lines follow the change lines, so the host is read the
 * moment the last change lands. With a {@link Converse}, the apply's snapshot read is that same
 * process too (a held read): read, plan, change, verify — one `ip` run, like a hand-written batch;
 * each process start saved is ~250 ms from a large agent process under user-mode-linux, where
 * fork copies its page tables.
 */
import type { Conversation, Converse, Exec, ExecResult } from '../exec';
import type { HostState } from '../state';
import { MAIN_READ_LINES, netnsArgs, parseState, rawFromOutputs, RawState, ReadOptions, readCommands, splitJsonValues } from './read';
import { Batches } from './render';

/** A state read: parsed state plus the raw JSON it came from. */
export interface ReadResult {
  readonly state: HostState;
  readonly raw: RawState;
}

/** Outcome of running the batches. */
export interface ApplyBatchesResult {
  readonly ok: boolean;
  /** Which batch failed, and iproute2's message (it names the failing line: `Command failed -:12`). */
  readonly error?: string;
  /** Programs run. */
  readonly processes: number;
  /** The read after the batches, when `readAfter` asked for one and it was taken. */
  readonly after?: ReadResult;
  /** Why the read after the batches failed, when it was asked for and could not be taken. */
  readonly readError?: string;
}

/** Options of {@link IprouteBackend.apply}. */
export interface ApplyBatchesOptions {
  /**
   * Run every line even when one fails (`ip -force -batch`), and the bridge batch even when the
   * ip batch failed: a rollback restores what it can and reports the rest. A forward apply stops
   * at the first failing line instead (and is rolled back).
   * @default false
   */
  readonly continueOnError?: boolean;
  /**
   * Read the host after the batches (as {@link IprouteBackend.read} with these options) when they
   * ran to the end — or always, with `continueOnError`. The main read goes into the `ip` batch
   * itself when there is no bridge batch.
   */
  readonly readAfter?: ReadOptions;
}

/** Options of {@link IprouteBackend.read}. */
export interface ReadHow {
  /**
   * Keep the main read's `ip -batch` process open for the next forward {@link IprouteBackend.apply}
   * (the backend needs a {@link Converse}); {@link IprouteBackend.release} ends it when no apply comes.
   * @default false
   */
  readonly hold?: boolean;
}

/** Backend bound to an exec function and, optionally, a named network namespace. */
export interface IprouteBackend {
  read(options: ReadOptions, how?: ReadHow): Promise<ReadResult>;
  apply(batches: Batches, options?: ApplyBatchesOptions): Promise<ApplyBatchesResult>;
  /** Ends the `ip` process a held read kept open, when no apply used it. Idempotent. */
  release(): Promise<void>;
}

/** How many lines the main read is (what a held process ran before the batch). */
const MAIN_READ_LINE_COUNT = MAIN_READ_LINES.split('\n').length - 1;

/** Thrown when a read command fails (iproute2 missing, netns missing). */
export class HostReadError extends Error {}

/**
 * Creates the iproute2 backend. With `converse`, a held read ({@link ReadHow}) keeps its
 * `ip -j -d -batch -` process open and the next forward apply sends its lines (and the verifying
 * read) to that same process: read, change and verify in one `ip` run, as one hand-written batch is.
 */
export function createIprouteBackend(exec: Exec, netns?: string, converse?: Converse): IprouteBackend {
  const mainArgs = [...netnsArgs(netns), '-j', '-d', '-batch', '-'];
  let held: Conversation | undefined;

  async function release(): Promise<void> {
    const c = held;
    held = undefined;
    if (c) await c.finish();
  }

  /** The main read through a conversation left open; undefined (and nothing left open) when it did not answer as a read. */
  async function heldMainRead(): Promise<readonly unknown[] | undefined> {
    await release();
    const c = converse!('ip', mainArgs);
    c.send(MAIN_READ_LINES);
    const lines = await c.lines(MAIN_READ_LINE_COUNT);
    const values = lines ? mainReadValues(lines.join('\n')) : undefined;
    if (!values) {
      await c.finish();
      return undefined;
    }
    held = c;
    return values;
  }

  /** Runs the read commands, counting them in `runs`; `main` is the main read's JSON values when it was already printed. */
  async function read(options: ReadOptions, main?: readonly unknown[], runs = { n: 0 }): Promise<ReadResult> {
    const cmds = readCommands(netns, options);
    const outputs = await Promise.all(
      cmds.map(async (c, i) => {
        if (i === 0 && main !== undefined) return main;
        runs.n++;
        const r = await exec(c.file, c.args, c.input !== undefined ? { input: c.input } : {});
        if (r.code !== 0) throw new HostReadError(`${c.file} ${c.args.join(' ')} failed (${r.code}): ${r.stderr.trim()}`);
        return r.stdout;
      }),
    );
    const raw = rawFromOutputs(cmds, outputs);
    return { state: parseState(raw), raw };
  }

  /** The read after the batches: `main` when the ip batch printed it whole, else a read of its own. */
  async function readAfter(options: ReadOptions, main: string | undefined, runs: { n: number }): Promise<Pick<ApplyBatchesResult, 'after' | 'readError'>> {
    try {
      return { after: await read(options, main !== undefined ? mainReadValues(main) : undefined, runs) };
    } catch (e) {
      return { readError: (e as Error).message };
    }
  }

  /** Runs the ip batch: in the held process for a forward apply, else in a process of its own. */
  async function runIpBatch(args: string[], input: string, forward: boolean): Promise<{ result: ExecResult; spawned: boolean }> {
    const c = forward ? held : undefined;
    if (!c) {
      await release();
      return { result: await exec('ip', args, { input }), spawned: true };
    }
    held = undefined;
    c.send(input);
    const r = await c.finish();
    // iproute2 names a failing line by its place in stdin (`Command failed -:N`): count from the batch, not the read before it
    const stderr = r.stderr.replace(/Command failed -:(\d+)/g, (_m, n: string) => `Command failed -:${Number(n) - MAIN_READ_LINE_COUNT}`);
    return { result: { ...r, stderr }, spawned: false };
  }

  return {
    async read(options, how = {}) {
      try {
        const main = how.hold && converse ? await heldMainRead() : undefined;
        return await read(options, main);
      } catch (e) {
        await release();
        throw e;
      }
    },
    release,
    async apply(batches, options = {}) {
      const force = options.continueOnError ? ['-force'] : [];
      const rideAlong = options.readAfter !== undefined && batches.ip.length > 0 && batches.bridge.length === 0;
      let processes = 0;
      let main: string | undefined;
      const errors: string[] = [];
      if (batches.ip.length) {
        const json = rideAlong ? ['-j', '-d'] : [];
        const input = batches.ip.join('\n') + '\n' + (rideAlong ? MAIN_READ_LINES : '');
        const { result: r, spawned } = await runIpBatch([...netnsArgs(netns), ...force, ...json, '-batch', '-'], input, !options.continueOnError);
        if (spawned) processes++;
        if (rideAlong) main = r.stdout;
        if (r.code !== 0) {
          errors.push(`ip -batch: ${(r.stderr || r.stdout).trim()}`);
          if (!options.continueOnError) return { ok: false, error: errors[0], processes };
        }
      } else await release();
      if (batches.bridge.length) {
        processes++;
        const r = await exec('bridge', [...netnsArgs(netns), ...force, '-batch', '-'], { input: batches.bridge.join('\n') + '\n' });
        if (r.code !== 0) errors.push(`bridge -batch: ${(r.stderr || r.stdout).trim()}`);
      }
      const done: ApplyBatchesResult = errors.length ? { ok: false, error: errors.join('; '), processes } : { ok: true, processes };
      if (!options.readAfter || (!done.ok && !options.continueOnError)) return done;
      const runs = { n: 0 };
      const after = await readAfter(options.readAfter, main, runs);
      return { ...done, processes: done.processes + runs.n, ...after };
    },
  };
}

/**
 * The main read's JSON values when a batch with its lines appended printed that read whole:
 * exactly one array per line (`addr show`, `route show`). A change line that printed something,
 * or a show line that failed, gives undefined — and the read is taken on its own. Parsed once:
 * the state is built from these values.
 */
function mainReadValues(stdout: string): readonly unknown[] | undefined {
  try {
    const values = splitJsonValues(stdout);
    return values.length === MAIN_READ_LINE_COUNT && values.every(Array.isArray) ? values : undefined;
  } catch {
    return undefined;
  }
}
