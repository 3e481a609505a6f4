/**
 * Bridge capacity marking, as kubevirt/bridge-marker does it (`pkg/marker/marker.go`): every
 * Linux bridge on the node becomes the extended resource `bridge.network.kubevirt.io/<bridge>`
 * with capacity "1000" through a JSON patch of the Node's `status` subresource; resources of
 * bridges that are gone are removed. NADs annotated with
 * `k8s.v1.cni.cncf.io/resourceName: bridge.network.kubevirt.io/<bridge>` then schedule VMs only
 * where the bridge exists.
 *
 * Several agents can mark one node at once (overlapping node groups). Every `remove` is preceded
 * by a `test` of the value it removes (RFC 6902 §4.6: a failed test fails the whole patch, which the
 * API server answers with 422), so a patch computed from a stale read changes nothing; the marker
 * then reads the node again and retries once. `add` needs no test: adding the same capacity twice
 * is idempotent.
 *
 * The Kubernetes client is @kubernetes/client-node (loaded lazily: it is ESM and only `agent run`
 * needs it). Tests exercise it against a local HTTP server that checks the exact requests — not
 * an API server.
 */

/** Resource prefix bridge-marker uses. */
export const BRIDGE_RESOURCE_PREFIX = 'bridge.network.kubevirt.io/';

/** Capacity bridge-marker reports for every bridge ("assume that 1000 connections is enough"). */
export const BRIDGE_RESOURCE_CAPACITY = '1000';

/** One RFC 6902 operation. */
export interface JsonPatchOp {
  readonly op: 'add' | 'remove' | 'test';
  readonly path: string;
  readonly value?: string;
}

/** The two Node API calls the marker needs. */
export interface NodeStatusApi {
  readCapacity(nodeName: string): Promise<Readonly<Record<string, string>>>;
  /** Rejects with an error carrying the HTTP status as `code` (client-node's ApiException) when the API server refuses. */
  patchStatus(nodeName: string, ops: readonly JsonPatchOp[]): Promise<void>;
}

/** HTTP statuses that mean "the node changed since it was read": 409 Conflict, 422 (a failed `test` op). */
const STALE_READ = new Set([409, 422]);

/** JSON-pointer escaping of one path segment (RFC 6901: `~` → `~0`, `/` → `~1`). */
function pointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The patch that makes the node's bridge resources equal `bridges` (empty when nothing differs). */
export function bridgeCapacityPatch(capacity: Readonly<Record<string, string>>, bridges: readonly string[]): JsonPatchOp[] {
  const reported = new Set(Object.keys(capacity).filter((k) => k.startsWith(BRIDGE_RESOURCE_PREFIX)).map((k) => k.slice(BRIDGE_RESOURCE_PREFIX.length)));
  const available = new Set(bridges);
  const ops: JsonPatchOp[] = [];
  for (const b of [...reported].sort())
    if (!available.has(b)) {
      const path = `/status/capacity/${pointer(BRIDGE_RESOURCE_PREFIX + b)}`;
      ops.push({ op: 'test', path, value: capacity[BRIDGE_RESOURCE_PREFIX + b] }, { op: 'remove', path });
    }
  for (const b of [...available].sort())
    if (!reported.has(b)) ops.push({ op: 'add', path: `/status/capacity/${pointer(BRIDGE_RESOURCE_PREFIX + b)}`, value: BRIDGE_RESOURCE_CAPACITY });
  return ops;
}

/**
 * Reads the node, patches its status when bridges changed; returns the patch that was accepted
 * (possibly empty). A 409/422 (the node changed since the read) makes it read again and retry once.
 */
export async function markBridges(api: NodeStatusApi, nodeName: string, bridges: readonly string[]): Promise<JsonPatchOp[]> {
  for (let attempt = 0; ; attempt++) {
    const capacity = await api.readCapacity(nodeName);
    const ops = bridgeCapacityPatch(capacity, bridges);
    if (!ops.length) return ops;
    try {
      await api.patchStatus(nodeName, ops);
      return ops;
    } catch (e) {
      const status = (e as { code?: unknown }).code;
      if (attempt > 0 || typeof status !== 'number' || !STALE_READ.has(status)) throw e;
    }
  }
}

/**
 * {@link NodeStatusApi} over @kubernetes/client-node: kubeconfig from the default chain
 * (in-cluster service account in the DaemonSet, `KUBECONFIG` elsewhere).
 */
export async function kubeNodeStatusApi(): Promise<NodeStatusApi> {
  const k8s = await import('@kubernetes/client-node');
  const kc = new k8s.KubeConfig();
  kc.loadFromDefault();
  const core = kc.makeApiClient(k8s.CoreV1Api);
  return {
    async readCapacity(name) {
      const node = await core.readNode({ name });
      return (node.status?.capacity ?? {}) as Record<string, string>;
    },
    async patchStatus(name, ops) {
      await core.patchNodeStatus({ name, body: ops }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.JsonPatch));
    },
  };
}
