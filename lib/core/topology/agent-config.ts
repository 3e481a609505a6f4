/**
 * Node intents for the multihome agent, rendered from the same NNCP plan as the policies:
 * one agent config per node group, holding every interface of every policy whose nodeSelector
 * the group's nodes satisfy. The NetworkAgent construct puts these documents into its ConfigMaps
 * (lib/core/topology/agent-deployment.ts); the agent reads them (lib/agent/config.ts).
 */
import type { DesiredState, Interface, RouteEntry } from '../nmstate/types';
import type { AgentConfigOptions, AgentProbeSpec } from './agent-options';
import { NodeGroupSpec, Topology } from './model';
import { planPoliciesInOrder } from './policy-order';
import { PlannedPolicy } from './render-nncp';
import { resolveTopology } from './resolve';

/** The options' types live apart (agent-options.ts); re-exported here beside their renderer. */
export type { AgentConfigOptions, AgentProbeSpec } from './agent-options';

/** `apiVersion`/`kind` of the agent's config document (read by lib/agent/config.ts). */
export const AGENT_CONFIG_KIND = { apiVersion: 'multihome.io/v1alpha1', kind: 'AgentConfig' } as const;

/** The agent's config document, as the ConfigMap carries it. */
export interface AgentConfigDocument {
  readonly apiVersion: typeof AGENT_CONFIG_KIND.apiVersion;
  readonly kind: typeof AGENT_CONFIG_KIND.kind;
  readonly desiredState: DesiredState;
  readonly probes?: readonly AgentProbeSpec[];
  /** Ping the default gateway after an apply when no probes are given. @default - the agent's (true) */
  readonly defaultGatewayProbe?: boolean;
}

/** True when a node with `labels` is selected by an equality-only `selector`. */
export function selectorMatches(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/**
 * The desiredState a node with `labels` receives: the union, in policy order, of the interfaces
 * and routes of every policy selecting it (first definition of an interface name wins).
 */
export function nodeDesiredState(
  policies: readonly PlannedPolicy[],
  labels: Readonly<Record<string, string>>,
  only?: readonly string[],
): DesiredState {
  const interfaces: Interface[] = [];
  const routes: RouteEntry[] = [];
  for (const p of policies) {
    if (only && !only.includes(p.name)) continue;
    if (!selectorMatches(p.nodeSelector, labels)) continue;
    for (const i of p.interfaces) if (!interfaces.some((x) => x.name === i.name)) interfaces.push(i);
    routes.push(...((p.routes ?? []) as RouteEntry[]));
  }
  return { interfaces, ...(routes.length ? { routes: { config: routes } } : {}) };
}

/** The agent config document of a node with `labels` (see {@link nodeDesiredState}). */
export function agentConfigDocument(
  policies: readonly PlannedPolicy[],
  labels: Readonly<Record<string, string>>,
  options: { readonly only?: readonly string[]; readonly probes?: readonly AgentProbeSpec[]; readonly defaultGatewayProbe?: boolean } = {},
): AgentConfigDocument {
  return {
    ...AGENT_CONFIG_KIND,
    desiredState: nodeDesiredState(policies, labels, options.only),
    ...(options.probes?.length ? { probes: options.probes.map((p) => ({ ...p })) } : {}),
    ...(options.defaultGatewayProbe !== undefined ? { defaultGatewayProbe: options.defaultGatewayProbe } : {}),
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
      }),
    }));
}
