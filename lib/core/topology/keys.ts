/**
 * Which manifests each part of a topology renders, known without rendering: the cdk8s adapter
 * creates one ApiObject per key when a construct is added (cdk8s needs objects before synth);
 * the renderer fills them at synth. A test asserts that the keys equal the rendered set.
 */
import { API, Manifest } from '../manifest';
import { NetworkSpec, Topology, UplinkSpec, VmSpec, HostPolicySpec } from './model';
import { resolveTopology } from './resolve';

/** Identity of one rendered manifest. */
export interface ManifestKey {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/** The key of a rendered manifest. */
export function manifestKey(m: Manifest): ManifestKey {
  return { apiVersion: m.apiVersion, kind: m.kind, name: m.metadata.name, namespace: m.metadata.namespace };
}

/** `Kind/namespace/name` (namespace omitted when cluster-scoped). */
export function keyString(k: { kind: string; name: string; namespace?: string }): string {
  return k.namespace ? `${k.kind}/${k.namespace}/${k.name}` : `${k.kind}/${k.name}`;
}

/** Keys of the prerequisite CRs. */
export function prerequisiteKeys(t: Pick<Topology, 'prerequisites'>): ManifestKey[] {
  const out: ManifestKey[] = [];
  if (!t.prerequisites) return out;
  if (t.prerequisites.nmstate ?? true) out.push({ ...API.nmstate, name: 'nmstate' });
  if (t.prerequisites?.networkAddons) out.push({ ...API.networkAddonsConfig, name: 'cluster' });
  return out;
}

/** Key of the NNCP an uplink renders (bond or host VLANs), if any. */
export function uplinkKeys(u: UplinkSpec): ManifestKey[] {
  if (!u.bond && !(u.vlans?.length ?? 0)) return [];
  return [{ ...API.nncp, name: u.policyName ?? `${u.name}-${u.nodeGroup}` }];
}

/** Key of a host policy. */
export function hostPolicyKeys(h: HostPolicySpec): ManifestKey[] {
  return [{ ...API.nncp, name: h.name }];
}

/** Keys of a network: its (possibly shared) NNCP and one NAD per namespace when present. */
export function networkKeys(t: Topology, n: NetworkSpec): ManifestKey[] {
  const r = resolveTopology({ ...t, networks: [n], vms: [] }).networks[0];
  const out: ManifestKey[] = [{ ...API.nncp, name: r.policyName }];
  if (r.state !== 'absent') for (const ns of r.namespaces) out.push({ ...API.nad, name: r.nadName, namespace: ns });
  return out;
}

/** Keys of a VM. */
export function vmKeys(vm: VmSpec): ManifestKey[] {
  return [{ ...API.vm, name: vm.name, namespace: vm.namespace }];
}
