/**
 * The `multihome` CLI driven in-process, as the tests of its commands run it: `runCli` (the entry
 * `bin/multihome.js` calls) with both streams captured.
 */
import { runCli } from '../../lib/cli/main';

/** What one CLI run produced. */
export interface CliRun {
  /** Exit code (`runCli`'s contract: 0 clean, 1 problems found, 2 usage/input error, 3 internal error). */
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `multihome ...argv` in-process and captures stdout and stderr. */
export async function cli(...argv: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}
