/**
 * One bounded GET for the live cluster reader (lib/cli/live-cluster.ts): Node's own http/https
 * with the request options @kubernetes/client-node derived from the kubeconfig (TLS material,
 * proxy agent, Authorization header). Bounded in time (a deadline shared by every request of one
 * read) and in size (a byte budget shared likewise); redirects are not followed. Nothing here
 * formats a message with a header value, so no credential can leak into one.
 */
import * as http from 'http';
import * as https from 'https';

/** What one read may still spend; `httpGet` lowers `bytesLeft` by what it received. */
export interface HttpBudget {
  /** `Date.now()` after which no request is started and running ones are ended. */
  readonly deadline: number;
  /** The time the whole read was given (ms), for the message when it runs out. */
  readonly timeoutMs: number;
  /** Bytes every answer from now on may have together. */
  bytesLeft: number;
}

/** An HTTP answer, or why there is none. */
export type HttpAnswer =
  | { readonly kind: 'answer'; readonly status: number; readonly contentType: string; readonly body: Buffer }
  | { readonly kind: 'unreachable'; readonly detail: string }
  | { readonly kind: 'too-large' };

/** `url` with its brackets-free host, for http.request (which wants `::1`, not `[::1]`). */
function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/** GETs `url` with `base` (client-node's request options); never rejects. */
export function httpGet(url: URL, base: https.RequestOptions, budget: HttpBudget): Promise<HttpAnswer> {
  const remaining = budget.deadline - Date.now();
  if (remaining <= 0) return Promise.resolve({ kind: 'unreachable', detail: `no answer within ${budget.timeoutMs} ms` });
  const get = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (a: HttpAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(a);
    };
    const req = get({
      ...base,
      method: 'GET',
      protocol: url.protocol,
      hostname: hostOf(url),
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      headers: { ...(base.headers ?? {}), Accept: 'application/json', 'User-Agent': 'multihome-preflight' },
      timeout: undefined,
    });
    const timer = setTimeout(() => {
      settle({ kind: 'unreachable', detail: `no answer within ${budget.timeoutMs} ms` });
      req.destroy();
    }, remaining);
    req.on('error', (e: NodeJS.ErrnoException) => settle({ kind: 'unreachable', detail: e.message || e.code || String(e) }));
    req.on('response', (res) => {
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > budget.bytesLeft) {
        settle({ kind: 'too-large' });
        req.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => {
        budget.bytesLeft -= chunk.length;
        if (budget.bytesLeft < 0) {
          settle({ kind: 'too-large' });
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', (e) => settle({ kind: 'unreachable', detail: e.message }));
      res.on('end', () => settle({ kind: 'answer', status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks) }));
    });
    req.end();
  });
}
