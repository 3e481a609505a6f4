/**
 * The iproute2 backend: reads host state with `ip -j` / `bridge -j` and applies a plan with one
 * `ip -batch -` and one `bridge -batch -` run (input on stdin, no shell, no temp files).
 */
import type { Exec } from '../exec';
import type { HostState } from '../state';
import { netnsArgs, parseState, rawFromOutputs, RawState, ReadOptions, readCommands } from './read';
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
}

/** Backend bound to an exec function and, optionally, a named network namespace. */
export interface IprouteBackend {
  read(options: ReadOptions): Promise<ReadResult>;
  apply(batches: Batches, options?: ApplyBatchesOptions): Promise<ApplyBatchesResult>;
}

/** Thrown when a read command fails (iproute2 missing, netns missing). */
export class HostReadError extends Error {}

/** Creates the iproute2 backend. */
export function createIprouteBackend(exec: Exec, netns?: string): IprouteBackend {
  return {
    async read(options) {
      const cmds = readCommands(netns, options);
      const results = await Promise.all(cmds.map((c) => exec(c.file, c.args, c.input !== undefined ? { input: c.input } : {})));
      results.forEach((r, i) => {
        if (r.code !== 0) throw new HostReadError(`${cmds[i].file} ${cmds[i].args.join(' ')} failed (${r.code}): ${r.stderr.trim()}`);
      });
      const raw = rawFromOutputs(cmds, results.map((r) => r.stdout));
      return { state: parseState(raw), raw };
    },
    async apply(batches, options = {}) {
      const force = options.continueOnError ? ['-force'] : [];
      let processes = 0;
      const errors: string[] = [];
      if (batches.ip.length) {
        processes++;
        const r = await exec('ip', [...netnsArgs(netns), ...force, '-batch', '-'], { input: batches.ip.join('\n') + '\n' });
        if (r.code !== 0) {
          errors.push(`ip -batch: ${(r.stderr || r.stdout).trim()}`);
          if (!options.continueOnError) return { ok: false, error: errors[0], processes };
        }
      }
      if (batches.bridge.length) {
        processes++;
        const r = await exec('bridge', [...netnsArgs(netns), ...force, '-batch', '-'], { input: batches.bridge.join('\n') + '\n' });
        if (r.code !== 0) errors.push(`bridge -batch: ${(r.stderr || r.stdout).trim()}`);
      }
      return errors.length ? { ok: false, error: errors.join('; '), processes } : { ok: true, processes };
    },
  };
}
