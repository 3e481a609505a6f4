/**
 * Fields the API server refuses to change: a change is a replacement (delete, then create).
 * The semantic diff classifies such a change as `replace`, and the Pulumi components register
 * the objects with `replaceOnChanges` on the same fields — one table for both.
 *
 * - NNCP `spec.capture`: kubernetes-nmstate's ValidatingAdmissionPolicy
 *   (nmstate/kubernetes-nmstate deploy/handler/operator.yaml, 2026: an UPDATE must keep
 *   `spec.capture` absent or equal — "invalid policy operation: capture field cannot be
 *   modified"; earlier the update webhook in pkg/webhook/nodenetworkconfigurationpolicy).
 * - OVN-Kubernetes ClusterUserDefinedNetwork / UserDefinedNetwork (k8s.ovn.org/v1): CEL
 *   `self == oldSelf` on the topology, the Layer2 and Localnet configs, the transport, uplinks,
 *   and on Layer3's role, MTU and join subnets (ovn-kubernetes/ovn-kubernetes
 *   go-controller/pkg/crd/userdefinednetwork/v1/cudn.go, udn.go, shared.go at 8871cd9, Aug 2026:
 *   "Topology is immutable", "Localnet is immutable", "mtu is immutable", …).
 */
import { API } from '../manifest';

/** Kind → dotted paths of its immutable fields. */
export const IMMUTABLE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  [API.nncp.kind]: ['spec.capture'],
  ClusterUserDefinedNetwork: [
    'spec.network.topology',
    'spec.network.layer2',
    'spec.network.localnet',
    'spec.network.transport',
    'spec.network.noOverlay',
    'spec.network.layer3.role',
    'spec.network.layer3.mtu',
    'spec.network.layer3.joinSubnets',
    'spec.uplinks',
  ],
  UserDefinedNetwork: ['spec.topology', 'spec.layer2', 'spec.layer3.role', 'spec.layer3.mtu', 'spec.layer3.joinSubnets'],
};

/** The value at a dotted path of {@link IMMUTABLE_FIELDS} (undefined where a segment is missing). */
export function fieldAt(obj: unknown, dotted: string): unknown {
  let v = obj;
  for (const k of dotted.split('.')) v = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

/** The immutable fields of `kind` whose values differ between two versions of an object. */
export function changedImmutableFields(kind: string, before: unknown, after: unknown, same: (a: unknown, b: unknown) => boolean): string[] {
  // own keys only: a kind named like an Object.prototype member (`__proto__`) has no immutable fields
  return (Object.prototype.hasOwnProperty.call(IMMUTABLE_FIELDS, kind) ? IMMUTABLE_FIELDS[kind] : []).filter((f) => !same(fieldAt(before, f), fieldAt(after, f)));
}
