/**
 * NADs of a topology: one per network and namespace, their CNI config derived from the same
 * network object as the NNCP, so bridge names and VLAN ids cannot diverge.
 */
import { Manifest } from '../manifest';
import { NetworkPattern } from './model';
import { ResolvedNetwork } from './resolve';
import { nadManifest, CniConfig, ipamConfig } from './cni-adapter';

/** Annotation that makes Multus/KubeVirt request the bridge as a node resource (bridge-marker). */
export const RESOURCE_NAME_ANNOTATION = 'k8s.v1.cni.cncf.io/resourceName';

/** The bridge-marker resource of a Linux bridge. */
export function bridgeResource(bridge: string): string {
  return `bridge.network.kubevirt.io/${bridge}`;
}

/** The CNI config of a network's NAD in `namespace`. */
export function networkCniConfig(n: ResolvedNetwork, namespace: string): CniConfig {
  if (n.pattern === NetworkPattern.OVN_LOCALNET) {
    return {
      cniVersion: n.cniVersion,
      name: n.cniName,
      type: 'ovn-k8s-cni-overlay',
      topology: 'localnet',
      netAttachDefName: `${namespace}/${n.nadName}`,
      ...(n.physicalNetworkName ? { physicalNetworkName: n.physicalNetworkName } : {}),
      ...(n.vlan ? { vlanID: n.vlan } : {}),
      ...(n.mtu ? { mtu: n.mtu } : {}),
      ...(n.subnets?.length ? { subnets: n.subnets.join(',') } : {}),
    };
  }
  const bridge: Record<string, unknown> = {
    type: n.plugin,
    bridge: n.bridge,
    ...(n.pattern === NetworkPattern.TRUNK_BRIDGE && n.vlan ? { vlan: n.vlan } : {}),
    ...(n.mtu ? { mtu: n.mtu } : {}),
    macspoofchk: n.macspoofchk,
    ipam: ipamConfig(n.ipam),
  };
  if (!n.tuning) return { cniVersion: n.cniVersion, name: n.cniName, ...bridge };
  return { cniVersion: n.cniVersion, name: n.cniName, plugins: [bridge, { type: n.plugin === 'cnv-bridge' ? 'cnv-tuning' : 'tuning' }] };
}

/** Every NAD of a present network, one per namespace. Absent networks render none. */
export function networkNads(n: ResolvedNetwork): Manifest[] {
  if (n.state === 'absent') return [];
  return n.namespaces.map((ns) =>
    nadManifest({
      name: n.nadName,
      namespace: ns,
      config: networkCniConfig(n, ns),
      annotations: n.resourceName && n.pattern !== NetworkPattern.OVN_LOCALNET ? { [RESOURCE_NAME_ANNOTATION]: bridgeResource(n.bridge) } : undefined,
    }),
  );
}
