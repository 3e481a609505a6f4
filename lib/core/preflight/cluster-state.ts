/**
 * The cluster as pre-flight sees it: NodeNetworkState (nmstate.io/v1beta1) and `v1` Node objects,
 * from files (`kubectl get nns,nodes -o yaml`, the multihome agent's `/state`) or read live,
 * merged by node name (an NNS is named after its node).
 */
import { Problem } from '../errors';
import { isRecord, show } from '../problems';
import { PREFLIGHT_CODES } from './codes';
import { NetworkStateFacts, networkStateFactsOf, NodeFacts, parseVersion } from './node-facts';
import { addTo } from '../multimap';

/** Options of {@link clusterStateOf}. */
export interface ClusterStateOptions {
  /**
   * States older than this (by `lastSuccessfulUpdateTime`) are "unknown". kubernetes-nmstate
   * rewrites an NNS only when the state changes (controllers/handler/node_controller.go skips
   * unchanged states), so an old time alone is weak evidence: the default is a day.
   * @default 86_400_000 (24 h)
   */
  readonly maxStateAgeMs?: number;
  /**
   * The time ages are measured against.
   * @default - the newest `lastSuccessfulUpdateTime` among the states given (a recorded snapshot
   * judges its nodes against each other, not against today)
   */
  readonly now?: Date;
}

/** The nodes known, by name, and what was wrong with the objects describing them. */
export interface ClusterState {
  readonly nodes: ReadonlyMap<string, NodeFacts>;
  /** True when at least one Node object was given (labels are then known). */
  readonly hasNodeObjects: boolean;
  /** Enactments that are Failing or Aborted, by policy name (kubernetes-nmstate's status of each policy on each node). */
  readonly failingEnactments: ReadonlyMap<string, ReadonlyArray<{ readonly node: string; readonly reason: string; readonly object: unknown }>>;
  readonly problems: ReadonlyArray<{ readonly problem: Problem; readonly object: unknown }>;
}

/** Default of {@link ClusterStateOptions.maxStateAgeMs}. */
export const DEFAULT_MAX_STATE_AGE_MS = 24 * 3600 * 1000;

/** True for a NodeNetworkState object (any nmstate.io version). */
export function isNodeNetworkState(o: unknown): o is Record<string, unknown> {
  return isRecord(o) && o.kind === 'NodeNetworkState' && typeof o.apiVersion === 'string' && o.apiVersion.startsWith('nmstate.io/');
}

/** True for a core `v1` Node. */
export function isNode(o: unknown): o is Record<string, unknown> {
  return isRecord(o) && o.kind === 'Node' && o.apiVersion === 'v1';
}

function nameOf(o: Record<string, unknown>): string | undefined {
  const md = isRecord(o.metadata) ? o.metadata : undefined;
  return md && typeof md.name === 'string' && md.name !== '' ? md.name : undefined;
}

function conditionOf(status: Record<string, unknown>, type: string): Record<string, unknown> | undefined {
  const list = Array.isArray(status.conditions) ? status.conditions : [];
  return list.find((c): c is Record<string, unknown> => isRecord(c) && c.type === type);
}

/** Builds the cluster state from NodeNetworkState and Node objects (other kinds are ignored). */
export function clusterStateOf(objects: readonly unknown[], options: ClusterStateOptions = {}): ClusterState {
  const problems: Array<{ problem: Problem; object: unknown }> = [];
  const bad = (object: Record<string, unknown>, path: string, message: string, fix: string) =>
    problems.push({ object, problem: { code: 'PREFLIGHT_STATE_INVALID', severity: PREFLIGHT_CODES.PREFLIGHT_STATE_INVALID.severity, resource: { kind: String(object.kind), name: nameOf(object) }, path, message, fix } });
  const nodeObjects = new Map<string, Record<string, unknown>>();
  const states = new Map<string, { object: Record<string, unknown>; status: Record<string, unknown>; current: Record<string, unknown> }>();
  const failingEnactments = new Map<string, Array<{ node: string; reason: string; object: unknown }>>();
  for (const item of objects) {
    const failing = failingEnactmentOf(item);
    if (failing) {
      addTo(failingEnactments, failing.policy, { node: failing.node, reason: failing.reason, object: item });
      continue;
    }
    if (!isNode(item) && !isNodeNetworkState(item)) continue;
    const o: Record<string, unknown> = item;
    const name = nameOf(o);
    if (name === undefined) {
      bad(o, 'metadata.name', `${o.kind} has no metadata.name`, `give each ${o.kind} its node's name (as kubectl get ${o.kind === 'Node' ? 'nodes' : 'nns'} -o yaml prints it)`);
      continue;
    }
    const duplicate = (kind: string) =>
      problems.push({ object: o, problem: { code: 'PREFLIGHT_STATE_DUPLICATE', severity: PREFLIGHT_CODES.PREFLIGHT_STATE_DUPLICATE.severity, resource: { kind, name }, path: 'metadata.name', message: `a second ${kind} named ${name} was given; the first one read is used and this one ignored`, fix: `give one ${kind} per node (states of different clusters belong in different runs)` } });
    if (o.kind === 'Node') {
      if (nodeObjects.has(name)) duplicate('Node');
      else nodeObjects.set(name, o);
      continue;
    }
    const status = o.status;
    if (!isRecord(status) || !isRecord(status.currentState)) {
      bad(o, 'status.currentState', `NodeNetworkState ${name} has no status.currentState mapping (got ${show(isRecord(status) ? status.currentState : status)})`, 'give the NodeNetworkState as kubectl get nns -o yaml prints it, with status.currentState');
      continue;
    }
    if (status.currentState.interfaces !== undefined && !Array.isArray(status.currentState.interfaces)) {
      bad(o, 'status.currentState.interfaces', `interfaces of NodeNetworkState ${name} is not a list (got ${show(status.currentState.interfaces)})`, 'give status.currentState.interfaces as the list nmstate reports');
      continue;
    }
    if (states.has(name)) duplicate('NodeNetworkState');
    else states.set(name, { object: o, status, current: status.currentState });
  }
  const times = [...states.values()].map((s) => Date.parse(String(s.status.lastSuccessfulUpdateTime ?? ''))).filter((t) => Number.isFinite(t));
  const now = options.now?.getTime() ?? (times.length ? Math.max(...times) : undefined);
  const reference = options.now ? 'now' : 'the newest state read';
  const maxAge = options.maxStateAgeMs ?? DEFAULT_MAX_STATE_AGE_MS;
  const nodes = new Map<string, NodeFacts>();
  for (const name of [...new Set([...nodeObjects.keys(), ...states.keys()])].sort()) {
    const node = nodeObjects.get(name);
    const s = states.get(name);
    let state: NetworkStateFacts | undefined;
    if (s) {
      const lastUpdate = typeof s.status.lastSuccessfulUpdateTime === 'string' ? s.status.lastSuccessfulUpdateTime : undefined;
      state = networkStateFactsOf(s.current, {
        nmstateVersion: parseVersion(s.status.handlerNmstateVersion),
        nmstateVersionText: typeof s.status.handlerNmstateVersion === 'string' ? s.status.handlerNmstateVersion : undefined,
        unknownBecause: unknownBecause(s.status, lastUpdate, now, maxAge, reference),
        lastUpdate,
      });
    }
    nodes.set(name, { name, ...nodeFieldsOf(node), state, sources: { node, state: s?.object } });
  }
  return { nodes, hasNodeObjects: nodeObjects.size > 0, failingEnactments, problems };
}

/**
 * A NodeNetworkConfigurationEnactment whose Failing or Aborted condition is True: its policy and
 * node (labels nmstate.io/policy and nmstate.io/node, else the name `<node>.<policy>`) and why.
 */
function failingEnactmentOf(o: unknown): { policy: string; node: string; reason: string } | undefined {
  if (!isRecord(o) || o.kind !== 'NodeNetworkConfigurationEnactment' || !isRecord(o.status)) return undefined;
  const bad = ['Failing', 'Aborted'].map((t) => conditionOf(o.status as Record<string, unknown>, t)).find((c) => c && c.status === 'True');
  if (!bad) return undefined;
  const md = isRecord(o.metadata) ? o.metadata : {};
  const labels = isRecord(md.labels) ? md.labels : {};
  const name = typeof md.name === 'string' ? md.name : '';
  const node = typeof labels['nmstate.io/node'] === 'string' ? labels['nmstate.io/node'] : name.split('.')[0];
  const policy = typeof labels['nmstate.io/policy'] === 'string' ? labels['nmstate.io/policy'] : name.slice(node.length + 1);
  if (!node || !policy) return undefined;
  const message = typeof bad.message === 'string' ? bad.message.split('\n')[0].slice(0, 300) : '';
  return { policy, node, reason: `${String(bad.type)} (${String(bad.reason ?? 'no reason')})${message ? `: ${message}` : ''}` };
}

/** Why a state cannot be trusted: Failing=True, Available=False, or older than `maxAge`. */
function unknownBecause(status: Record<string, unknown>, lastUpdate: string | undefined, now: number | undefined, maxAge: number, reference: string): NetworkStateFacts['unknownBecause'] {
  // 101-reporting.md: while the query fails the NNS keeps the last good state, Failing=True
  const failing = conditionOf(status, 'Failing');
  if (failing && failing.status === 'True') {
    return { path: 'status.conditions', reason: `its Failing condition is True (${String(failing.reason ?? 'no reason')}: ${String(failing.message ?? '')}); the state shown is the last good one` };
  }
  const available = conditionOf(status, 'Available');
  if (available && available.status === 'False') return { path: 'status.conditions', reason: `its Available condition is False (${String(available.reason ?? 'no reason')})` };
  const t = Date.parse(lastUpdate ?? '');
  if (Number.isFinite(t) && now !== undefined && now - t > maxAge) {
    return { path: 'status.lastSuccessfulUpdateTime', reason: `it was last updated at ${lastUpdate}, ${Math.round((now - t) / 3600_000)} h before ${reference}` };
  }
  return undefined;
}

/** Labels, InternalIPs, readiness and taints of a Node object. */
function nodeFieldsOf(node: Record<string, unknown> | undefined): Omit<NodeFacts, 'name' | 'state' | 'sources'> {
  if (!node) return { internalIps: [], taints: [], unschedulable: false };
  const md = isRecord(node.metadata) ? node.metadata : {};
  const labels: Record<string, string> = {};
  if (isRecord(md.labels)) for (const [k, v] of Object.entries(md.labels)) if (typeof v === 'string') labels[k] = v;
  const status = isRecord(node.status) ? node.status : {};
  const internalIps = (Array.isArray(status.addresses) ? status.addresses : [])
    .filter((a): a is Record<string, unknown> => isRecord(a) && a.type === 'InternalIP' && typeof a.address === 'string')
    .map((a) => String(a.address).toLowerCase());
  const ready = conditionOf(status, 'Ready');
  const spec = isRecord(node.spec) ? node.spec : {};
  const taints = (Array.isArray(spec.taints) ? spec.taints : [])
    .filter((t): t is Record<string, unknown> => isRecord(t) && typeof t.key === 'string' && (t.effect === 'NoSchedule' || t.effect === 'NoExecute'))
    .map((t) => ({ key: String(t.key), value: typeof t.value === 'string' ? t.value : undefined, effect: String(t.effect) }));
  return { labels, internalIps, ready: ready ? ready.status === 'True' : undefined, taints, unschedulable: spec.unschedulable === true };
}
