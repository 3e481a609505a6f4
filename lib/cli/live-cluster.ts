/**
 * The live cluster read of `multihome preflight --kubeconfig FILE [--context NAME]`: read-only
 * `list`s of Nodes, NodeNetworkStates and (when served) NodeNetworkConfigurationEnactments.
 *
 * @kubernetes/client-node loads the kubeconfig (from the given file only) and turns its context
 * into request options — TLS material, proxy agent, token / exec / auth-provider credentials;
 * the GETs themselves are lib/cli/live-cluster-http.ts, bounded in time and bytes, paginated with
 * `limit`/`continue`. Objects come back as the API server sent them (the typed client would turn
 * them into models), with the apiVersion and kind list items lack.
 *
 * client-node is ESM and not a dependency of the package: this file is left out of the library
 * build (tsconfig.build.json) and bundled with client-node into
 * `dist-agent/multihome-cluster-reader.js` (scripts/build-agent.js); the CLI loads it through
 * lib/cli/live-cluster-loader.ts.
 */
import type * as https from 'https';
import { HttpBudget, httpGet } from './live-cluster-http';
import { LiveClusterError, LiveClusterOptions, LiveClusterRead } from './live-cluster-types';

/** The error every failed read rejects with (the CLI prints `reason` and exits 2). */
export { LiveClusterError } from './live-cluster-types';
/** The options, the result and the reader's signature. */
export type { LiveClusterOptions, LiveClusterRead, ReadLiveCluster } from './live-cluster-types';

/** Items per page (`limit`); the API server hands out a `continue` token for the rest. */
export const PAGE_LIMIT = 500;
/** The whole read's default time limit (ms). */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** The default bound on all answers together (bytes). */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/** The read-only RBAC rules preflight needs, as ClusterRole `rules` YAML. */
export const REQUIRED_RULES = [
  'rules:',
  '- apiGroups: [""]',
  '  resources: ["nodes"]',
  '  verbs: ["get", "list"]',
  '- apiGroups: ["nmstate.io"]',
  '  resources: ["nodenetworkstates", "nodenetworkconfigurationenactments"]',
  '  verbs: ["get", "list"]',
].join('\n');

/** One collection to list. `optional`: a 403/404 is a note, not a failure. */
interface ListSpec {
  readonly path: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly resource: string;
  readonly optional: boolean;
}

const LISTS: readonly ListSpec[] = [
  { path: '/api/v1/nodes', apiVersion: 'v1', kind: 'Node', resource: 'nodes', optional: false },
  { path: '/apis/nmstate.io/v1beta1/nodenetworkstates', apiVersion: 'nmstate.io/v1beta1', kind: 'NodeNetworkState', resource: 'nodenetworkstates.nmstate.io', optional: false },
  { path: '/apis/nmstate.io/v1beta1/nodenetworkconfigurationenactments', apiVersion: 'nmstate.io/v1beta1', kind: 'NodeNetworkConfigurationEnactment', resource: 'nodenetworkconfigurationenactments.nmstate.io', optional: true },
];

/** The API server, how to talk to it, and the credentials no message may contain. */
interface Target {
  readonly server: URL;
  readonly serverText: string;
  readonly source: string;
  readonly request: https.RequestOptions;
  readonly secrets: readonly string[];
}

/** The first line of an error's message (YAML errors append a snippet of the file after it). */
function firstLine(e: unknown): string {
  // by shape, not instanceof: errors from another realm (a jest sandbox, a vm context) are Errors too
  const message = typeof (e as { message?: unknown })?.message === 'string' ? (e as { message: string }).message : String(e);
  return message.split('\n')[0].trim();
}

/** `message` with every credential replaced by `<redacted>`. */
function redact(message: string, secrets: readonly string[]): string {
  let out = message;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('<redacted>');
  return out;
}

/** Checks the options a caller passes (a user's mistake is a reason, not a TypeError). */
function checkOptions(options: LiveClusterOptions): { timeoutMs: number; maxBytes: number } {
  if (typeof options?.kubeconfig !== 'string' || options.kubeconfig === '') throw new LiveClusterError('--kubeconfig needs a file name');
  if (options.context !== undefined && (typeof options.context !== 'string' || options.context === '')) throw new LiveClusterError('--context needs a context name');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new LiveClusterError(`the timeout must be a positive number of milliseconds, not ${String(options.timeoutMs)}`);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!Number.isFinite(maxBytes) || maxBytes <= 0) throw new LiveClusterError(`the size bound must be a positive number of bytes, not ${String(options.maxBytes)}`);
  return { timeoutMs, maxBytes };
}

/** Loads the kubeconfig, selects the context and derives the request options. */
async function connect(options: LiveClusterOptions): Promise<Target> {
  const file = options.kubeconfig;
  const k8s = await import('@kubernetes/client-node');
  const kc = new k8s.KubeConfig();
  try {
    kc.loadFromFile(file);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (typeof err?.code === 'string') throw new LiveClusterError(`cannot read the kubeconfig ${file}: ${firstLine(e)}`);
    if (err?.name === 'YAMLException') throw new LiveClusterError(`the kubeconfig ${file} is not YAML: ${firstLine(e)}`);
    if (e instanceof TypeError) throw new LiveClusterError(`the kubeconfig ${file} is not a kubeconfig (empty, or not a mapping of clusters, contexts and users)`);
    throw new LiveClusterError(`the kubeconfig ${file} is not a valid kubeconfig: ${firstLine(e)}`);
  }
  const secrets = kc.getUsers().flatMap((u) => [u.token, u.password].filter((s): s is string => typeof s === 'string' && s !== ''));
  const known = kc.getContexts().map((c) => c.name);
  const knownText = known.length ? `its contexts: ${known.join(', ')}` : 'it has no contexts';
  const context = options.context ?? kc.getCurrentContext();
  if (!context) throw new LiveClusterError(`the kubeconfig ${file} has no current-context; choose one with --context (${knownText})`);
  if (!known.includes(context)) {
    throw new LiveClusterError(options.context !== undefined ? `context "${context}" is not in the kubeconfig ${file} (${knownText})` : `the kubeconfig ${file} names current-context "${context}" but does not define it; choose one with --context (${knownText})`);
  }
  kc.setCurrentContext(context);
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new LiveClusterError(`context "${context}" of the kubeconfig ${file} names cluster "${kc.getContextObject(context)?.cluster}", which it does not define`);
  let server: URL;
  try {
    server = new URL(cluster.server);
  } catch {
    throw new LiveClusterError(`cluster "${cluster.name}" of the kubeconfig ${file} has no valid server URL ("${cluster.server}")`);
  }
  if (server.protocol !== 'https:' && server.protocol !== 'http:') throw new LiveClusterError(`cluster "${cluster.name}" of the kubeconfig ${file} has server ${cluster.server}: only https:// (or http://) is supported`);
  const request: https.RequestOptions = {};
  try {
    await kc.applyToHTTPSOptions(request);
  } catch (e) {
    const user = kc.getCurrentUser()?.name ?? '(none)';
    throw new LiveClusterError(redact(`cannot use context "${context}" of the kubeconfig ${file} (user "${user}"): ${firstLine(e)}`, secrets));
  }
  const authorization = (request.headers as Record<string, unknown> | undefined)?.Authorization;
  const bearer = typeof authorization === 'string' ? authorization.replace(/^(Bearer|Basic)\s+/i, '') : undefined;
  const serverText = cluster.server.replace(/\/+$/, '');
  return { server, serverText, source: `${serverText} (context ${context})`, request, secrets: bearer ? [...secrets, bearer] : secrets };
}

/** `path` under the server URL (which may itself have a path, behind a proxy), with `query`. */
function urlOf(server: URL, path: string, query: Record<string, string>): URL {
  const url = new URL(server.href);
  url.pathname = `${server.pathname.replace(/\/+$/, '')}${path}`;
  url.search = new URLSearchParams(query).toString();
  return url;
}

/** The `message` of a Kubernetes Status body, shortened, when the body is one. */
function statusMessage(body: Buffer): string {
  try {
    const status = JSON.parse(body.toString('utf8')) as { kind?: unknown; message?: unknown };
    if (status?.kind === 'Status' && typeof status.message === 'string' && status.message) return `: ${status.message.slice(0, 300)}`;
  } catch {
    // not a Status: the HTTP status alone
  }
  return '';
}

/** Every item of one collection (all pages), or a note when an optional collection is not there. */
async function readList(target: Target, list: ListSpec, budget: HttpBudget, maxBytes: number): Promise<{ items: Record<string, unknown>[] } | { note: string }> {
  const items: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  let token = '';
  for (;;) {
    const url = urlOf(target.server, list.path, token ? { limit: String(PAGE_LIMIT), continue: token } : { limit: String(PAGE_LIMIT) });
    const where = `the API server at ${target.serverText}`;
    const answer = await httpGet(url, target.request, budget);
    if (answer.kind === 'unreachable') throw new LiveClusterError(`cannot reach the API server at ${target.serverText}: ${answer.detail}`);
    if (answer.kind === 'too-large') throw new LiveClusterError(`${where} sent more than ${maxBytes} bytes (the bound of one read) while listing ${list.resource}; refusing to read further`);
    const { status, body } = answer;
    if (status === 401) throw new LiveClusterError(`unauthorized (the kubeconfig's credentials were refused) by ${where}`);
    if (status === 403) {
      if (list.optional) return { note: `forbidden: the user cannot list ${list.resource}; enactment status (NNCEs) was not read` };
      throw new LiveClusterError(`forbidden: the user cannot list ${list.resource}; preflight needs get/list on nodes and nodenetworkstates.nmstate.io (read-only), e.g. a ClusterRole with\n${REQUIRED_RULES}`);
    }
    if (status === 404 && list.optional) return { note: `the ${list.kind} API (${list.apiVersion}) is not served; enactment status (NNCEs) was not read` };
    if (status === 404 && list.kind === 'NodeNetworkState') {
      throw new LiveClusterError("the NodeNetworkState API (nmstate.io/v1beta1) is not served: kubernetes-nmstate is not installed; on such clusters use the multihome agent's /state with --state");
    }
    if (status === 410) throw new LiveClusterError(`${where} expired the continue token while listing ${list.resource} (410 Gone: the list changed too much between pages); run again`);
    if (status !== 200) throw new LiveClusterError(redact(`${where} answered GET ${url.pathname} with HTTP ${status}${statusMessage(body)}`, target.secrets));
    let page: { items?: unknown; metadata?: { continue?: unknown } };
    try {
      page = JSON.parse(body.toString('utf8'));
    } catch {
      throw new LiveClusterError(`${where} answered GET ${url.pathname} with a body that is not JSON (${body.length} bytes, content-type "${answer.contentType}")`);
    }
    const pageItems = page?.items ?? [];
    if (typeof page !== 'object' || page === null || !Array.isArray(pageItems)) throw new LiveClusterError(`${where} answered GET ${url.pathname} with JSON that is not a ${list.kind} list (no items array)`);
    for (const item of pageItems) {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new LiveClusterError(`${where} answered GET ${url.pathname} with a list item that is not an object`);
      const rest: Record<string, unknown> = { ...(item as Record<string, unknown>) };
      delete rest.apiVersion;
      delete rest.kind;
      items.push({ apiVersion: list.apiVersion, kind: list.kind, ...rest });
    }
    const next = page.metadata?.continue;
    if (typeof next !== 'string' || next === '') return { items };
    if (seen.has(next)) throw new LiveClusterError(`${where} sent the same continue token twice while listing ${list.resource}`);
    seen.add(next);
    token = next;
  }
}

/** metadata.name of an object ('' when it has none). */
function nameOf(o: Record<string, unknown>): string {
  const name = (o.metadata as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' ? name : '';
}

/**
 * Reads Nodes, NodeNetworkStates and NNCEs (read-only `list`s) from the cluster the kubeconfig's
 * context names. Objects are grouped by kind (Nodes, NNSs, NNCEs) and sorted by name within one.
 * Rejects only with {@link LiveClusterError}.
 */
export async function readLiveCluster(options: LiveClusterOptions): Promise<LiveClusterRead> {
  const { timeoutMs, maxBytes } = checkOptions(options);
  const target = await connect(options);
  const budget: HttpBudget = { deadline: Date.now() + timeoutMs, timeoutMs, bytesLeft: maxBytes };
  const objects: Record<string, unknown>[] = [];
  const notes: string[] = [];
  for (const list of LISTS) {
    const got = await readList(target, list, budget, maxBytes);
    if ('note' in got) notes.push(got.note);
    else objects.push(...got.items.sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0)));
  }
  return { objects, source: target.source, notes };
}
