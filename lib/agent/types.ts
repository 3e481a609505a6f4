/**
 * Side effects the agent receives instead of reaching for globals (STYLE.md #20): time, sleep,
 * logging. The exec function lives in exec.ts.
 */

/** Time source and timer. */
export interface Clock {
  /** Milliseconds (monotonic enough for durations). */
  now(): number;
  /** Wall-clock time for reports. */
  wallTime(): Date;
  sleep(ms: number): Promise<void>;
}

/**
 * The real clock. `sleep` is awaited by an operation in flight (probe retries), so its timer is
 * NOT unref()ed — an unref()ed await would let node exit mid-apply; the background timers of
 * `run` (interval, debounce) are the ones that are unref()ed.
 */
export const systemClock: Clock = {
  now: () => performance.now(),
  wallTime: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Namespaced logger. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(namespace: string): Logger;
}

/** A logger writing JSON lines to a stream (stderr by default), namespaced `multihome:agent:<ns>`. */
export function jsonLogger(write: (line: string) => void = (l) => process.stderr.write(l), namespace = 'multihome:agent'): Logger {
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    write(JSON.stringify({ time: new Date().toISOString(), level, ns: namespace, message, ...(fields ?? {}) }) + '\n');
  return {
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: (ns) => jsonLogger(write, `${namespace}:${ns}`),
  };
}

/** A logger that drops everything (tests, one-shot CLI runs that print a report instead). */
export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined, child: () => silentLogger };

/** The message of a thrown value (an Error's message, anything else stringified), at most 500 characters. */
export function errorMessage(e: unknown): string {
  const s = e instanceof Error ? e.message : String(e);
  return s.length <= 500 ? s : s.slice(0, 497) + '...';
}
