/**
 * The NADs OVN-Kubernetes writes for a ClusterUserDefinedNetwork, so the set rules (a VM's NAD
 * exists, the localnet has a bridge mapping, isolation, MTU, subnets) see a CUDN's networks as
 * they will exist: one NAD named like the CUDN in each namespace its selector names, config as
 * go-controller/pkg/clustermanager/userdefinednetwork/template/net-attach-def-template.go
 * renderCNINetworkConfig writes it (ovn-kubernetes 8871cd9c): network name `cluster_udn_<name>`
 * (util.GenerateCUDNNetworkName, types.CUDNPrefix), `netAttachDefName` `<ns>/<name>`, topology,
 * role, mtu, subnets, allowPersistentIPs (IPAM lifecycle Persistent), physicalNetworkName,
 * excludeSubnets, vlanID (VLAN access id). Problems found on them are reported on the CUDN, under
 * `spec.network.localnet` (their `mainPath`).
 */
import { Manifest } from '../../manifest';
import { isRecord } from '../../problems';
import { readNad } from './read-nad';
import type { NadInfo } from './model';
import { refOf } from './refs';

const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** True for `k8s.ovn.org/*` ClusterUserDefinedNetwork objects. */
export function isCudn(m: Manifest): boolean {
  return m.kind === 'ClusterUserDefinedNetwork' && typeof m.apiVersion === 'string' && m.apiVersion.startsWith('k8s.ovn.org/');
}

/**
 * The namespaces a CUDN selector names by `kubernetes.io/metadata.name` (matchLabels, or a
 * matchExpressions `In`); a selector by other labels selects namespaces the set cannot know: none.
 */
function selectedNamespaces(selector: unknown): string[] {
  if (!isRecord(selector)) return [];
  const labels = isRecord(selector.matchLabels) ? selector.matchLabels : {};
  const exprs = Array.isArray(selector.matchExpressions) ? selector.matchExpressions.filter(isRecord) : [];
  if (Object.keys(labels).some((k) => k !== NAMESPACE_NAME_LABEL) || exprs.some((e) => e.key !== NAMESPACE_NAME_LABEL || e.operator !== 'In')) return [];
  let names: string[] | undefined = typeof labels[NAMESPACE_NAME_LABEL] === 'string' ? [labels[NAMESPACE_NAME_LABEL] as string] : undefined;
  for (const e of exprs) {
    const values = Array.isArray(e.values) ? e.values.filter((v): v is string => typeof v === 'string') : [];
    names = names ? names.filter((n) => values.includes(n)) : values;
  }
  return [...new Set(names ?? [])].sort();
}

/** The NADs a Localnet (or Layer2/Layer3 secondary) CUDN makes, read like the set's own NADs. */
export function cudnNads(m: Manifest): NadInfo[] {
  const spec = isRecord(m.spec) ? m.spec : {};
  const network = isRecord(spec.network) ? spec.network : {};
  const topology = typeof network.topology === 'string' ? network.topology : '';
  const block = isRecord(network[topology.charAt(0).toLowerCase() + topology.slice(1)]) ? (network[topology.charAt(0).toLowerCase() + topology.slice(1)] as Record<string, unknown>) : undefined;
  const name = typeof m.metadata?.name === 'string' ? m.metadata.name : '';
  if (!block || !name) return [];
  const ipam = isRecord(block.ipam) ? block.ipam : {};
  const vlan = isRecord(block.vlan) && isRecord(block.vlan.access) ? block.vlan.access.id : undefined;
  const list = (v: unknown) => (Array.isArray(v) && v.length ? v.join(',') : undefined);
  const ref = refOf(m, false);
  const mainPath = `spec.network.${topology.charAt(0).toLowerCase() + topology.slice(1)}`;
  return selectedNamespaces(spec.namespaceSelector).map((ns) => {
    const config: Record<string, unknown> = {
      cniVersion: '1.1.0',
      type: 'ovn-k8s-cni-overlay',
      name: `cluster_udn_${name}`,
      netAttachDefName: `${ns}/${name}`,
      topology: topology.toLowerCase(),
      role: typeof block.role === 'string' ? block.role.toLowerCase() : undefined,
      mtu: block.mtu,
      subnets: list(block.subnets),
      allowPersistentIPs: ipam.lifecycle === 'Persistent' || undefined,
      physicalNetworkName: block.physicalNetworkName,
      excludeSubnets: list(block.excludeSubnets),
      vlanID: vlan,
    };
    for (const k of Object.keys(config)) if (config[k] === undefined) delete config[k];
    const nad = readNad({ apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name, namespace: ns }, spec: { config: JSON.stringify(config) } });
    return { ...nad, manifest: m, ref, mainPath };
  });
}
