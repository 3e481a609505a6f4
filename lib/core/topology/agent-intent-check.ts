/**
 * Does each node group's agent accept its intent? The ConfigMap of a group is run through the
 * agent's own normalizer (lib/core/host-intent/normalize.ts — the one definition of the
 * desiredState subset the agent implements) in the group's mode: what it refuses
 * (AGENT_UNSUPPORTED: OVS, DHCP in apply mode, unsupported bridge/bond options, other route
 * tables…) makes that agent report `invalid` and apply nothing, so the deployment warns before
 * anything reaches a cluster. Other agent findings are nmstate rules that the NNCP validation
 * already reports as errors.
 */
import type { AgentMode } from '../agent-defaults';
import { CodeTable } from '../errors';
import { AGENT_CODES } from '../host-intent/codes';
import { normalizeDesiredState } from '../host-intent/normalize';
import { ProblemSink } from '../problems';
import type { AgentConfigDocument } from './agent-config';
import { selectorMatches } from './agent-config';
import type { NodeGroupSpec } from './model';
import type { PlannedPolicy } from './render-nncp';

/** What {@link checkAgentIntents} reads of one node group's deployment. */
export interface AgentIntentOfGroup {
  readonly nodeGroup: NodeGroupSpec;
  readonly mode: AgentMode;
  readonly document: AgentConfigDocument;
}

/**
 * Adds AGENT_DEPLOYMENT_UNSUPPORTED_INTENT (warning) to `sink` for every field of a group's
 * intent its agent refuses in the group's mode, at `nodeGroups.<group>.<field path in the
 * agent config>`, naming the interface and the NNCP it comes from.
 */
export function checkAgentIntents(sink: ProblemSink, groups: readonly AgentIntentOfGroup[], policies: readonly PlannedPolicy[]): void {
  for (const g of groups) {
    const agent = new ProblemSink({ kind: 'AgentConfig', name: g.nodeGroup.name }, AGENT_CODES as CodeTable);
    const ds = g.document.desiredState;
    normalizeDesiredState(ds, agent, 'desiredState', { dynamicAddressing: g.mode === 'observe' ? 'not-compared' : 'refuse' });
    for (const p of agent.problems) {
      if (p.code !== 'AGENT_UNSUPPORTED') continue;
      const index = /^desiredState\.interfaces\[(\d+)\]/.exec(p.path)?.[1];
      const iface = index !== undefined ? ds.interfaces?.[Number(index)]?.name : undefined;
      const policy = iface ? policies.find((x) => selectorMatches(x.nodeSelector, g.nodeGroup.nodeSelector) && x.interfaces.some((i) => i.name === iface))?.name : undefined;
      const from = policy ? ` (from NNCP ${policy})` : '';
      const dynamic = /\.(dhcp|autoconf)$/.test(p.path);
      sink.add(
        'AGENT_DEPLOYMENT_UNSUPPORTED_INTENT',
        `nodeGroups.${g.nodeGroup.name}.${p.path}`,
        `the ${g.mode}-mode agent of node group ${g.nodeGroup.name} refuses its intent${from}: ${p.message}; it would report "invalid" and apply nothing`,
        dynamic
          ? `observe node group ${g.nodeGroup.name} instead (nodeGroupModes), give ${iface ?? 'the interface'} static addresses, or leave ${policy ?? 'that NNCP'} out of the agent config (policies)`
          : `${p.fix}; or leave ${policy ?? 'that NNCP'} out of the agent config (policies)`,
      );
    }
  }
}
