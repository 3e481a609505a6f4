/**
 * Where a rendered manifest or a problem comes from in an environment's intent: the spec (node
 * group, uplink, network, VM, …) it belongs to, by kind and id. The cdk8s and Pulumi adapters
 * map an origin to the construct or component that declared it — the only link between a
 * manifest and its owner; nothing predicts manifests ahead of the render.
 */

/** Kinds of specs a manifest or problem can come from. */
export type OriginKind = 'environment' | 'prerequisites' | 'agent' | 'nodeGroup' | 'hostPolicy' | 'uplink' | 'network' | 'vm';

/** One spec of a topology. */
export interface Origin {
  readonly kind: OriginKind;
  /** The spec's id: its name; `<namespace>/<name>` for VMs; the environment's name otherwise. */
  readonly name: string;
}

/** A string identifying an origin (`network:vlan100`, `vm:default/vma`), for maps. */
export function originKey(o: Origin): string {
  return `${o.kind}:${o.name}`;
}

/** The origin of a VM spec. */
export function vmOrigin(vm: { readonly namespace: string; readonly name: string }): Origin {
  return { kind: 'vm', name: `${vm.namespace}/${vm.name}` };
}

/** The origin of the operator CRs (one per environment). */
export const PREREQUISITES_ORIGIN: Origin = { kind: 'prerequisites', name: 'prerequisites' };

/** The origin of the node agent's objects and options (one agent per environment). */
export const AGENT_ORIGIN: Origin = { kind: 'agent', name: 'agent' };
