/**
 * What a lab node takes from a topology, shared by the lab's intents (test/lab/intents.ts) and the
 * agent bench (bench/agent-uml.ts): the desiredState core's agent-config renderer gives a node
 * with given labels, over the NNCP plan — what the node's agent ConfigMap carries.
 */
import type { DesiredState } from '../../lib/core/nmstate/types';
import { agentConfigDocument } from '../../lib/core/topology/agent-config';
import { Topology } from '../../lib/core/topology/model';
import { planPolicies } from '../../lib/core/topology/render-nncp';
import { resolveTopology } from '../../lib/core/topology/resolve';

/** The desiredState a node with `labels` gets from `topology` (optionally only the named policies). */
export function nodeDesiredStateOf(topology: Topology, labels: Readonly<Record<string, string>>, only?: readonly string[]): DesiredState {
  return agentConfigDocument(planPolicies(resolveTopology(topology)), labels, { only }).desiredState;
}
