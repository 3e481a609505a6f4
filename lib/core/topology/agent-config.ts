/**
 * Node intents for the multihome agent, rendered from the same NNCP plan as the policies:
 * one agent config per node group, holding every interface of every policy whose nodeSelector
 * the group's nodes satisfy, and — in `nodes` — what single known nodes of the group get on top
 * (per-node host addresses). The NetworkAgent construct puts these documents into its ConfigMaps
 * (lib/core/topology/agent-deployment.ts); the agent reads them (lib/agent/config.ts).
 */
import type { DesiredState, Interface, RouteEntry } from '../nmstate/types';
import type { AgentConfigOptions, AgentProbeSpec } from './agent-options';
import { NodeGroupSpec, Topology } from './model';
import { planPoliciesInOrder } from './policy-order';
import { PlannedPolicy } from './render-nncp';
import { resolveTopology } from './resolve';
import { HOSTNAME_LABEL } from './rules/selectors';
import { addTo } from '../multimap';

/** The options' types live apart (agent-options.ts); re-exported here beside their renderer. */
export type { AgentConfigOptions, AgentProbeSpec } from './agent-options';

/** `apiVersion`/`kind` of the agent's config document (read by lib/agent/config.ts). */
export const AGENT_CONFIG_KIND = { apiVersion: 'multihome.io/v1alpha1', kind: 'AgentConfig' } as const;

/**
 * What one known node of a group gets on top of the group's desiredState: the interfaces (and
 * routes) of the policies that select this node by `kubernetes.io/hostname` and not the whole
 * group — the `<policy>-<node>` NNCPs of per-node host addresses, and policies pinned to the node.
 */
export interface AgentNodeConfig {
  /** The node's name (`kubernetes.io/hostname`, the agent's NODE_NAME). */
  readonly name: string;
  /** Complete interface definitions (each re-declares the whole interface) and routes; no other key. */
  readonly desiredState: DesiredState;
}

/**
 * The agent's config document, as the ConfigMap carries it.
 *
 * `nodes` (left out when empty) lists, in the group's `nodes` order, every known node whose state
 * differs from the group's. The agent named `name` (NODE_NAME) overlays its entry on
 * `desiredState`: an interface of the same name is replaced by the node's definition, other
 * interfaces are added, routes are appended. An agent without a node name, or whose node is not
 * listed, applies `desiredState` alone (it never takes another node's addresses) and reports
 * AGENT_CONFIG_NODE_UNKNOWN (a warning).
 */
export interface AgentConfigDocument {
  readonly apiVersion: typeof AGENT_CONFIG_KIND.apiVersion;
  readonly kind: typeof AGENT_CONFIG_KIND.kind;
  readonly desiredState: DesiredState;
  readonly probes?: readonly AgentProbeSpec[];
  /** Ping the default gateway after an apply when no probes are given. @default - the agent's (true) */
  readonly defaultGatewayProbe?: boolean;
  /** Per-node state over `desiredState` (see above). @default - none */
  readonly nodes?: readonly AgentNodeConfig[];
}

/** True when a node with `labels` is selected by an equality-only `selector`. */
export function selectorMatches(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** True when `only` (policy names) keeps `p`; a per-node policy goes with its group policy. */
function kept(p: PlannedPolicy, only: readonly string[] | undefined): boolean {
  return !only || only.includes(p.name) || (p.perNodeOf !== undefined && only.includes(p.perNodeOf));
}

/**
 * The desiredState a node with `labels` receives: the union, in policy order, of the interfaces
 * and routes of every policy selecting it (first definition of an interface name wins, except
 * that a per-node policy's definition replaces its group policy's: it is the complete one).
 */
export function nodeDesiredState(
  policies: readonly PlannedPolicy[],
  labels: Readonly<Record<string, string>>,
  only?: readonly string[],
): DesiredState {
  const interfaces: Interface[] = [];
  const routes: RouteEntry[] = [];
  for (const p of policies) {
    if (!kept(p, only)) continue;
    if (!selectorMatches(p.nodeSelector, labels)) continue;
    for (const i of p.interfaces) {
      const at = interfaces.findIndex((x) => x.name === i.name);
      if (at < 0) interfaces.push(i);
      else if (p.perNodeOf !== undefined) interfaces[at] = i;
    }
    routes.push(...((p.routes ?? []) as RouteEntry[]));
  }
  return { interfaces, ...(routes.length ? { routes: { config: routes } } : {}) };
}

/**
 * The `nodes` section of a group's agent config: for each of `nodes` (the group's known nodes, in
 * order), the state of the policies that select it by hostname but not every node of `groupLabels`;
 * nodes without any are left out. One pass over the policies (large groups stay linear).
 */
export function nodeConfigs(
  policies: readonly PlannedPolicy[],
  groupLabels: Readonly<Record<string, string>>,
  nodes: readonly string[],
  only?: readonly string[],
): AgentNodeConfig[] {
  const known = new Set(nodes);
  const byNode = new Map<string, PlannedPolicy[]>();
  for (const p of policies) {
    const host = p.nodeSelector[HOSTNAME_LABEL];
    if (host === undefined || !known.has(host) || !kept(p, only) || selectorMatches(p.nodeSelector, groupLabels)) continue;
    if (!selectorMatches(p.nodeSelector, { ...groupLabels, [HOSTNAME_LABEL]: host })) continue;
    addTo(byNode, host, p);
  }
  const out: AgentNodeConfig[] = [];
  for (const name of known) {
    const own = byNode.get(name);
    if (!own) continue;
    const desiredState = nodeDesiredState(own, { ...groupLabels, [HOSTNAME_LABEL]: name });
    if (desiredState.interfaces?.length || desiredState.routes) out.push({ name, desiredState });
  }
  return out;
}

/**
 * The agent config document of nodes with `labels` (see {@link nodeDesiredState}), with the
 * `nodes` section of `options.nodes`, the known nodes (see {@link nodeConfigs}).
 */
export function agentConfigDocument(
  policies: readonly PlannedPolicy[],
  labels: Readonly<Record<string, string>>,
  options: {
    readonly only?: readonly string[];
    readonly probes?: readonly AgentProbeSpec[];
    readonly defaultGatewayProbe?: boolean;
    readonly nodes?: readonly string[];
  } = {},
): AgentConfigDocument {
  const nodes = nodeConfigs(policies, labels, options.nodes ?? [], options.only);
  return {
    ...AGENT_CONFIG_KIND,
    desiredState: nodeDesiredState(policies, labels, options.only),
    ...(options.probes?.length ? { probes: options.probes.map((p) => ({ ...p })) } : {}),
    ...(options.defaultGatewayProbe !== undefined ? { defaultGatewayProbe: options.defaultGatewayProbe } : {}),
    ...(nodes.length ? { nodes } : {}),
  };
}

/** One node group's agent config. */
export interface NodeGroupAgentConfig {
  readonly nodeGroup: NodeGroupSpec;
  /** The agent config document (YAML-serializable). */
  readonly document: AgentConfigDocument;
}

/**
 * Agent configs of the node groups of a topology (node labels = the group's selector), in
 * topology order. Names in `options.nodeGroups` that are not groups of the topology are skipped
 * here and reported by `validateAgentDeployment`.
 */
export function agentConfigs(t: Topology, options: AgentConfigOptions = {}): NodeGroupAgentConfig[] {
  return agentConfigsOf(t.nodeGroups, planPoliciesInOrder(resolveTopology(t)).policies, options);
}

/** {@link agentConfigs} from node groups and the policies already planned for them. */
export function agentConfigsOf(nodeGroups: readonly NodeGroupSpec[], policies: readonly PlannedPolicy[], options: AgentConfigOptions = {}): NodeGroupAgentConfig[] {
  const wanted = options.nodeGroups;
  return nodeGroups
    .filter((g) => !wanted || wanted.includes(g.name))
    .map((g) => ({
      nodeGroup: g,
      document: agentConfigDocument(policies, g.nodeSelector, {
        only: options.policies,
        probes: options.probes?.[g.name],
        defaultGatewayProbe: options.defaultGatewayProbe,
        nodes: g.nodes,
      }),
    }));
}
