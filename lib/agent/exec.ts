/**
 * The one way the agent runs programs: `execFile` with an argument array (never a shell), input
 * on stdin, a timeout. Injected into the agent so tests can record and script it (STYLE.md #20).
 */
import { execFile } from 'child_process';

/** Outcome of one program run. `code` is 127 when the program could not be started. */
export interface ExecResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of one run. */
export interface ExecOptions {
  /** Written to the program's stdin, which is then closed. */
  readonly input?: string;
  /** @default 60000 */
  readonly timeoutMs?: number;
}

/** Runs `file` with `args`; resolves (never rejects) with the exit code and output. */
export type Exec = (file: string, args: readonly string[], options?: ExecOptions) => Promise<ExecResult>;

/** The production {@link Exec}: `child_process.execFile`, no shell, 256 MiB output cap. */
export const execFileExec: Exec = (file, args, options = {}) =>
  new Promise((resolve) => {
    const child = execFile(
      file,
      [...args],
      { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: options.timeoutMs ?? 60000, shell: false },
      (err, stdout, stderr) => {
        if (!err) return resolve({ code: 0, stdout, stderr });
        const e = err as NodeJS.ErrnoException & { code?: number | string };
        const code = typeof e.code === 'number' ? e.code : e.code === 'ENOENT' ? 127 : 1;
        resolve({ code, stdout: stdout ?? '', stderr: stderr || e.message });
      },
    );
    child.stdin?.on('error', () => undefined);
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });

/** Wraps an {@link Exec} so every run is recorded (the report's process count, tests). */
export function countingExec(inner: Exec): Exec & { readonly calls: Array<{ file: string; args: readonly string[]; input?: string }> } {
  const calls: Array<{ file: string; args: readonly string[]; input?: string }> = [];
  const fn = ((file: string, args: readonly string[], options?: ExecOptions) => {
    calls.push({ file, args, ...(options?.input !== undefined ? { input: options.input } : {}) });
    return inner(file, args, options);
  }) as Exec & { calls: typeof calls };
  fn.calls = calls;
  return fn;
}
