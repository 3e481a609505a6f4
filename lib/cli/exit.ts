/**
 * Exiting a command line process without losing output: `process.exit()` right after writing
 * drops what a pipe has not taken yet (`multihome check --format json | jq` read JSON cut at
 * 64 KiB when jq started late). Each stream's empty write calls back once everything before it
 * has been handed to the OS.
 */

/** Exits with `code` once standard output and standard error are flushed. */
export async function exitWhenFlushed(code: number): Promise<never> {
  const flushed = (stream: NodeJS.WriteStream): Promise<void> => new Promise((resolve) => stream.write('', () => resolve()));
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  return process.exit(code);
}
