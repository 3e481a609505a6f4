/**
 * Node intents for the multihome agent, rendered from the same NNCP plan as the policies:
 * one agent config per node group, holding every interface of every policy whose nodeSelector
 * the group's nodes satisfy.
 */
import type { DesiredState, Interface, RouteEntry } from '../nmstate/types';
import { NodeGroupSpec, Topology } from './model';
import { planPolicies, PlannedPolicy } from './render-nncp';
import { resolveTopology } from './resolve';

/** `apiVersion`/`kind` of the agent's config document (read by lib/agent/config.ts). */
export const AGENT_CONFIG_KIND = { apiVersion: 'multihome.io/v1alpha1', kind: 'AgentConfig' } as const;

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

/** One node group's agent config. */
export interface NodeGroupAgentConfig {
  readonly nodeGroup: NodeGroupSpec;
  /** The agent config document (YAML-serializable). */
  readonly document: { apiVersion: string; kind: string; desiredState: DesiredState };
}

/** Agent configs of every node group of a topology (node labels = the group's selector). */
export function agentConfigs(t: Topology): NodeGroupAgentConfig[] {
  const policies = planPolicies(resolveTopology(t));
  return t.nodeGroups.map((g) => ({
    nodeGroup: g,
    document: { ...AGENT_CONFIG_KIND, desiredState: nodeDesiredState(policies, g.nodeSelector) },
  }));
}
