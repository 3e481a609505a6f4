/**
 * The HTTP endpoints of `agent run`: `/healthz`, `/readyz`, `/metrics` and, only when asked for
 * (`--serve-state`), `/state`. `/state` (a NodeNetworkState, node-network-state.ts) shows the
 * host's interfaces and routes, the node's whole intent, the last plan and error texts; on a
 * host-network pod it is reachable from every network the node is on, so it is off by
 * default and can require a bearer token read from a file (a mounted Secret, re-read on every
 * request so a rotated Secret takes effect without a restart).
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import type * as http from 'http';

/** Largest token file read (a bearer token is a few hundred bytes). */
export const STATE_TOKEN_MAX_BYTES = 4096;

/** The agent's health for `/healthz` and `/readyz`: `ok`, or why the node is not at its intent. */
export interface AgentHealth {
  readonly ok: boolean;
  /** One line: `ok`, or `degraded: <why>`. */
  readonly text: string;
}

/** What the handler serves. */
export interface AgentHttpOptions {
  /**
   * The health: `/healthz` (liveness) answers 200 while the process serves — a rejected config or
   * a rolled-back apply is no reason to restart it — with `degraded: …` in the body; `/readyz`
   * (readiness) answers 503 while degraded, so the pod shows NotReady.
   * @default - always ok
   */
  readonly health?: () => AgentHealth;
  /** Serve `/state`. @default false */
  readonly serveState: boolean;
  /** File holding the bearer token `/state` requires. @default - no token required */
  readonly stateTokenFile?: string;
  /** Prometheus text of the metrics. */
  readonly metrics: () => string;
  /** The `/state` document. */
  readonly state: () => unknown;
  /** Reads the token file; undefined when it cannot be read. @default {@link readTokenFile} */
  readonly readToken?: (path: string) => string | undefined;
}

/**
 * Reads a token file: a regular file of at most {@link STATE_TOKEN_MAX_BYTES}, opened
 * non-blocking (a FIFO cannot stall the server), content trimmed. Undefined when unreadable or empty.
 */
export function readTokenFile(p: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(p, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    const st = fs.fstatSync(fd);
    if (!st.isFile() || st.size > STATE_TOKEN_MAX_BYTES) return undefined;
    const buf = Buffer.alloc(STATE_TOKEN_MAX_BYTES + 1);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    if (n > STATE_TOKEN_MAX_BYTES) return undefined;
    const token = buf.subarray(0, n).toString('utf8').trim();
    return token || undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** True when `header` is `Bearer <token>` with exactly `token` (constant time for equal lengths). */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer +(\S+)\s*$/i.exec(header ?? '');
  if (!m) return false;
  const given = Buffer.from(m[1], 'utf8');
  const want = Buffer.from(token, 'utf8');
  return given.length === want.length && crypto.timingSafeEqual(given, want);
}

/** The request handler of `agent run`. */
export function agentHttpHandler(o: AgentHttpOptions): http.RequestListener {
  const readToken = o.readToken ?? readTokenFile;
  return (req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    const health = o.health?.() ?? { ok: true, text: 'ok' };
    if (url === '/healthz') res.writeHead(200, { 'content-type': 'text/plain' }).end(`${health.text}\n`);
    else if (url === '/readyz') res.writeHead(health.ok ? 200 : 503, { 'content-type': 'text/plain' }).end(`${health.text}\n`);
    else if (url === '/metrics') res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(o.metrics());
    else if (url === '/state') {
      if (!o.serveState) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('/state is off; start the agent with --serve-state (and --state-token-file <path> to require a bearer token)\n');
        return;
      }
      if (o.stateTokenFile !== undefined) {
        const token = readToken(o.stateTokenFile);
        if (token === undefined) {
          res.writeHead(503, { 'content-type': 'text/plain' }).end('/state is unavailable: the state token file cannot be read\n');
          return;
        }
        if (!bearerMatches(req.headers.authorization, token)) {
          res.writeHead(401, { 'www-authenticate': 'Bearer', 'content-type': 'text/plain' }).end('unauthorized\n');
          return;
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(o.state(), null, 2) + '\n');
    } else res.writeHead(404).end();
  };
}
