/**
 * The one way the agent runs programs: `execFile` with an argument array (never a shell), input
 * on stdin, a timeout. Injected into the agent so tests can record and script it (STYLE.md #20).
 */
import { execFile, spawn } from 'child_process';

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
 * to 384 Mi (lib/core/topology/agent-deployment.ts AGENT_RESOURCES); an `ip -j` dump is held as a
 * string (up to twice its bytes in memory) and then parsed into objects (several times more), so the cap must
 * sit well below the limit: a larger dump (a full Internet routing table in the main table) is
 * refused with a clear error instead of getting the pod OOM-killed. 16 MiB of `ip -j` is some
 * 100 000 routes.
 */
export const EXEC_MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

/** Why a run was stopped for printing more than `cap` bytes. */
function overCap(file: string, cap: number): string {
  return `${file} printed more than ${cap} bytes, the agent's output cap (EXEC_MAX_OUTPUT_BYTES); it was stopped`;
}

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
            return resolve({ code: 1, stdout: '', stderr: overCap(file, maxBuffer) });
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

/**
 * A program the agent talks to line by line, stdin left open between turns: the apply's
 * `ip -j -d -batch -` reads the host, waits while the agent plans, then runs the changes and the
 * verifying read (iproute2's JSON writer flushes stdout at the end of every show command,
 * json_writer.c `jsonw_destroy`, so each answer arrives while stdin is still open). One process
 * instead of two: under user-mode-linux a fork of the agent's process costs ~250 ms.
 */
export interface Conversation {
  /** Writes `text` to the program's stdin (ignored once it has exited). */
  send(text: string): void;
  /** The next `n` non-empty stdout lines; undefined when the program exits (or is stopped) first. */
  lines(n: number): Promise<string[] | undefined>;
  /** Closes stdin and waits for the exit: the code, the stdout `lines` did not take, stderr. Never rejects. */
  finish(): Promise<ExecResult>;
}

/** Starts a {@link Conversation} with `file` (no shell). */
export type Converse = (file: string, args: readonly string[], options?: { readonly timeoutMs?: number }) => Conversation;

/** What a started program reports to its conversation ({@link Launch}). */
export interface LaunchEvents {
  /** A piece of stdout, decoded as UTF-8 (a character split across pieces is kept whole). */
  stdout(chunk: string): void;
  /** A piece of stderr, decoded as UTF-8. */
  stderr(chunk: string): void;
  /** The program could not be started (or was lost): the conversation's result. */
  failed(result: ExecResult): void;
  /** The program exited (`code` 1 when a signal ended it) and its stdout and stderr are read to the end. */
  closed(code: number): void;
}

/** A program started by a {@link Launch}: its stdin, and a way to stop it. */
export interface Launched {
  /** Writes to the program's stdin. */
  write(text: string): void;
  /** Closes the program's stdin. */
  end(): void;
  /** Stops the program (SIGKILL). */
  kill(): void;
}

/**
 * Starts `file` with `args` (no shell), stdin, stdout and stderr piped, and reports through
 * `events`. The agent's own process forks it ({@link spawnLaunch}), or its spawn helper does
 * (spawn-helper.ts: the long-running agent never forks its own heap).
 */
export type Launch = (file: string, args: readonly string[], events: LaunchEvents) => Launched;

/** The {@link Launch} of `child_process.spawn` from the agent's own process. */
export const spawnLaunch: Launch = (file, args, events) => {
  let child: ReturnType<typeof spawn>;
  try {
    child = spawn(file, [...args], { stdio: ['pipe', 'pipe', 'pipe'], shell: false });
  } catch (e) {
    events.failed({ code: 1, stdout: '', stderr: `cannot run ${file}: ${(e as Error).message}` });
    return { write: () => undefined, end: () => undefined, kill: () => undefined };
  }
  child.stdin!.on('error', () => undefined);
  child.stdout!.setEncoding('utf8').on('data', (d: string) => events.stdout(d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => events.stderr(d));
  child.on('error', (e: NodeJS.ErrnoException) => events.failed({ code: e.code === 'ENOENT' ? 127 : 1, stdout: '', stderr: `cannot run ${file}: ${e.message}` }));
  child.on('close', (code) => events.closed(code ?? 1));
  return {
    write: (text) => void child.stdin!.write(text),
    end: () => void child.stdin!.end(),
    kill: () => void child.kill('SIGKILL'),
  };
};

/** Options of {@link createSpawnConverse}. */
export interface ConverseOptions extends ExecFileOptions {
  /** How programs are started. @default {@link spawnLaunch} */
  readonly launch?: Launch;
}

/**
 * The production {@link Converse}: no shell, stdout and stderr capped at `maxOutputBytes` (the
 * program is stopped and the conversation fails with a message naming the cap), stopped after
 * `timeoutMs` (default 60 s) in all. Programs start through `launch` (by default
 * `child_process.spawn` from this process).
 */
export function createSpawnConverse(o: ConverseOptions = {}): Converse {
  const cap = o.maxOutputBytes ?? EXEC_MAX_OUTPUT_BYTES;
  const launch = o.launch ?? spawnLaunch;
  return (file, args, options = {}) => {
    // stdout not taken yet, as the chunks arrived (a JSON dump is one line of hundreds of KB in
    // 4 KB pipe writes: appending to one string and searching it for '\n' per chunk copies the
    // whole rope each time, quadratic), how many complete non-blank lines they hold, and whether
    // the incomplete last line has text yet
    let chunks: string[] = [];
    let complete = 0;
    let partialHasText = false;
    const pending = (): string => {
      if (chunks.length > 1) chunks = [chunks.join('')];
      return chunks[0] ?? '';
    };
    let err = '';
    let bytes = 0;
    let exited: ExecResult | undefined;
    const waiting: Array<() => void> = [];
    const wake = () => waiting.splice(0).forEach((w) => w());
    const done = (r: ExecResult) => {
      if (exited) return;
      exited = r;
      clearTimeout(timer);
      wake();
    };
    const stop = (why: string) => {
      program.kill();
      done({ code: 1, stdout: '', stderr: why });
    };
    const timer = setTimeout(() => stop(`${file} did not finish within ${options.timeoutMs ?? 60000} ms; it was stopped`), options.timeoutMs ?? 60000);
    const program = launch(file, args, {
      stdout(d) {
        if (exited) return;
        bytes += Buffer.byteLength(d);
        if (bytes > cap) return stop(overCap(file, cap));
        chunks.push(d);
        let from = 0;
        for (let nl = d.indexOf('\n'); nl >= 0; nl = d.indexOf('\n', from)) {
          if (partialHasText || d.slice(from, nl).trim() !== '') complete++;
          partialHasText = false;
          from = nl + 1;
        }
        partialHasText ||= d.slice(from).trim() !== '';
        if (complete > 0) wake();
      },
      stderr(d) {
        if (err.length < cap) err += d;
      },
      failed: done,
      closed: (code) => done({ code, stdout: pending(), stderr: err }),
    });
    /** Takes the first `n` non-empty complete lines of stdout, or undefined when there are fewer. */
    const take = (n: number): string[] | undefined => {
      if (complete < n) return undefined; // fewer complete lines than asked for: nothing to join yet
      const out = pending();
      const got: string[] = [];
      let at = 0;
      while (got.length < n) {
        const nl = out.indexOf('\n', at);
        if (nl < 0) return undefined; // (the count says there are enough)
        const line = out.slice(at, nl);
        at = nl + 1;
        if (line.trim() !== '') got.push(line);
      }
      chunks = at < out.length ? [out.slice(at)] : [];
      complete -= n;
      return got;
    };
    return {
      send(text) {
        if (!exited) program.write(text);
      },
      lines(n) {
        return new Promise((resolve) => {
          const attempt = () => {
            const got = take(n);
            if (got) return resolve(got);
            if (exited) return resolve(undefined);
            waiting.push(attempt);
          };
          attempt();
        });
      },
      finish() {
        if (!exited) program.end();
        return new Promise((resolve) => {
          // the output not taken yet (none when the program was stopped: `exited` says why)
          const attempt = () => (exited ? resolve({ ...exited, stdout: exited.stdout === '' ? '' : pending() }) : waiting.push(attempt));
          attempt();
        });
      },
    };
  };
}

/** Wraps a {@link Converse} so every conversation is recorded with the runs of `calls` (the report's process count). */
export function countingConverse(inner: Converse, calls: Array<{ file: string; args: readonly string[]; input?: string }>): Converse {
  return (file, args, options) => {
    calls.push({ file, args });
    return inner(file, args, options);
  };
}

/** An {@link Exec} over a {@link Converse}: `input` written to stdin, stdin closed, the conversation's result. */
export function execOverConverse(converse: Converse): Exec {
  return (file, args, options = {}) => {
    const c = converse(file, args, options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {});
    if (options.input !== undefined) c.send(options.input);
    return c.finish();
  };
}
