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
import { API, Manifest } from '../../manifest';
import { isRecord } from '../../problems';
import { namespacesSelectedByName } from '../../ovn/cudn';
import { readNad } from './read-nad';
import type { NadInfo } from './model';
import { refOf } from './refs';

/** True for `k8s.ovn.org/*` ClusterUserDefinedNetwork objects. */
export function isCudn(m: Manifest): boolean {
  return m.kind === 'ClusterUserDefinedNetwork' && typeof m.apiVersion === 'string' && m.apiVersion.startsWith('k8s.ovn.org/');
}

/** The NADs a Localnet (or Layer2/Layer3 secondary) CUDN makes, read like the set's own NADs. */
export function cudnNads(m: Manifest): NadInfo[] {
  const spec = isRecord(m.spec) ? m.spec : {};
  const network = isRecord(spec.network) ? spec.network : {};
  const topology = typeof network.topology === 'string' ? network.topology : '';
  // the topology's own block: Localnet → localnet, Layer2 → layer2
  const blockKey = topology.charAt(0).toLowerCase() + topology.slice(1);
  const block = isRecord(network[blockKey]) ? network[blockKey] : undefined;
  const name = typeof m.metadata?.name === 'string' ? m.metadata.name : '';
  if (!block || !name) return [];
  const ipam = isRecord(block.ipam) ? block.ipam : {};
  const vlan = isRecord(block.vlan) && isRecord(block.vlan.access) ? block.vlan.access.id : undefined;
  const list = (v: unknown) => (Array.isArray(v) && v.length ? v.join(',') : undefined);
  const ref = refOf(m, false);
  const mainPath = `spec.network.${blockKey}`;
  // a selector by other labels selects namespaces the set cannot know: none
  return (namespacesSelectedByName(spec.namespaceSelector) ?? []).map((ns) => {
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
    const nad = readNad({ ...API.nad, metadata: { name, namespace: ns }, spec: { config: JSON.stringify(config) } });
    return { ...nad, manifest: m, ref, mainPath };
  });
}
