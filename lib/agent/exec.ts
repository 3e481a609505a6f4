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

/**
 * Largest output (stdout or stderr) of one program run, 16 MiB. The agent's container is limited
 * to 256 Mi (lib/core/topology/agent-deployment.ts); an `ip -j` dump is held as a string (up to
 * twice its bytes in memory) and then parsed into objects (several times more), so the cap must
 * sit well below the limit: a larger dump (a full Internet routing table in the main table) is
 * refused with a clear error instead of getting the pod OOM-killed. 16 MiB of `ip -j` is some
 * 100 000 routes.
 */
export const EXEC_MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

/** Options of {@link createExecFileExec}. */
export interface ExecFileOptions {
  /** @default {@link EXEC_MAX_OUTPUT_BYTES} */
  readonly maxOutputBytes?: number;
}

/**
 * An {@link Exec} over `child_process.execFile`: no shell, output capped at `maxOutputBytes`
 * (a run over the cap is killed and reported with exit code 1 and a message naming the cap).
 * Arguments execFile refuses (a NUL byte) resolve with code 1 too: it never rejects.
 */
export function createExecFileExec(o: ExecFileOptions = {}): Exec {
  const maxBuffer = o.maxOutputBytes ?? EXEC_MAX_OUTPUT_BYTES;
  return (file, args, options = {}) =>
    new Promise((resolve) => {
      let child;
      try {
        child = execFile(file, [...args], { encoding: 'utf8', maxBuffer, timeout: options.timeoutMs ?? 60000, shell: false }, (err, stdout, stderr) => {
          if (!err) return resolve({ code: 0, stdout, stderr });
          const e = err as NodeJS.ErrnoException & { code?: number | string };
          if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER')
            return resolve({ code: 1, stdout: '', stderr: `${file} printed more than ${maxBuffer} bytes, the agent's output cap (EXEC_MAX_OUTPUT_BYTES); it was stopped` });
          const code = typeof e.code === 'number' ? e.code : e.code === 'ENOENT' ? 127 : 1;
          resolve({ code, stdout: stdout ?? '', stderr: stderr || e.message });
        });
      } catch (e) {
        resolve({ code: 1, stdout: '', stderr: `cannot run ${file}: ${(e as Error).message}` });
        return;
      }
      child.stdin?.on('error', () => undefined);
      if (options.input !== undefined) child.stdin?.end(options.input);
      else child.stdin?.end();
    });
}

/** The production {@link Exec}: `child_process.execFile`, no shell, {@link EXEC_MAX_OUTPUT_BYTES} output cap. */
export const execFileExec: Exec = createExecFileExec();

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
