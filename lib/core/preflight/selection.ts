/**
 * Which nodes a policy selects, and how many may change at once — as kubernetes-nmstate decides:
 * `nodeSelector` is an equality match on Node labels (pkg/selectors/labels.go unmatchingLabels;
 * empty selects every node) and `maxUnavailable` is scaled with rounding up, default "50%",
 * at least 1 (pkg/node/nodes.go ScaledMaxUnavailableNodeCount).
 */
import { isRecord } from '../problems';
import { NodeFacts } from './node-facts';
import { addTo } from '../multimap';

/** The label kubelet sets to the node name; matched on the name when no Node object was given. */
export const HOSTNAME_LABEL = 'kubernetes.io/hostname';

/** Nodes a selector selects, and the nodes whose labels are unknown for it. */
export interface Selection {
  readonly selected: readonly NodeFacts[];
  readonly unknown: readonly NodeFacts[];
}

/** The string entries of a nodeSelector. */
export function selectorOf(spec: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  if (isRecord(spec.nodeSelector)) for (const [k, v] of Object.entries(spec.nodeSelector)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** Nodes by their `kubernetes.io/hostname` label (the name when no Node object was given). */
export function hostnameIndex(nodes: Iterable<NodeFacts>): ReadonlyMap<string, readonly NodeFacts[]> {
  const out = new Map<string, NodeFacts[]>();
  for (const node of nodes) {
    const key = node.labels ? node.labels[HOSTNAME_LABEL] : node.name;
    if (key === undefined) continue;
    addTo(out, key, node);
  }
  return out;
}

/**
 * Applies a nodeSelector to the nodes. Without a Node object only `kubernetes.io/hostname` can be
 * matched (on the name). With `byHostname` ({@link hostnameIndex} of the same nodes), a selector
 * naming a hostname looks its nodes up instead of scanning them all (per-node policies).
 */
export function selectNodes(selector: Readonly<Record<string, string>>, nodes: readonly NodeFacts[], byHostname?: ReadonlyMap<string, readonly NodeFacts[]>): Selection {
  const selected: NodeFacts[] = [];
  const unknown: NodeFacts[] = [];
  const entries = Object.entries(selector);
  const host = selector[HOSTNAME_LABEL];
  // nodes without labels are matched on their name (in the index) unless other keys make them unknown
  const unlabeled = entries.some(([k]) => k !== HOSTNAME_LABEL) ? nodes.filter((n) => !n.labels) : [];
  const candidates = host !== undefined && byHostname ? [...(byHostname.get(host) ?? []).filter((n) => n.labels || entries.length === 1), ...unlabeled] : nodes;
  for (const node of candidates) {
    if (node.labels) {
      if (entries.every(([k, v]) => node.labels![k] === v)) selected.push(node);
    } else if (entries.every(([k]) => k === HOSTNAME_LABEL)) {
      if (entries.every(([, v]) => v === node.name)) selected.push(node);
    } else unknown.push(node);
  }
  return { selected, unknown };
}

/** kubernetes-nmstate's DefaultMaxunavailable. */
export const DEFAULT_MAX_UNAVAILABLE = '50%';

/** How many of `matching` nodes may apply at once; undefined when `value` is not an int or percentage. */
export function scaledMaxUnavailable(value: unknown, matching: number): number | undefined {
  let n: number | undefined;
  // apimachinery intstr.GetScaledValueFromIntOrPercent(…, roundUp=true)
  if (typeof value === 'number' && Number.isInteger(value)) n = value;
  else if (typeof value === 'string' && /^\d+%$/.test(value)) n = Math.ceil((Number(value.slice(0, -1)) * matching) / 100);
  else if (typeof value === 'string' && /^\d+$/.test(value)) n = undefined; // a string without % is an error upstream
  if (n === undefined) return undefined;
  return n < 1 ? 1 : n;
}
