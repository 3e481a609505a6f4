/**
 * NADs of a topology: one per network and namespace, their CNI config built by the CNI model's
 * builders (lib/core/cni) from the same network object as the NNCP, so bridge names and VLAN ids
 * cannot diverge and there is one way to write a NAD.
 */
import { bridgeConfig, bridgeResourceName, Ipam, nadManifest, NadConfig, netAttachDefName, ovnLocalnetConfig, PluginProfile } from '../cni';
import { Manifest } from '../manifest';
import { buildLocalnetCudn } from '../ovn/cudn';
import { defaultTarget, Target } from '../target';
import { BridgePlugin, IpamSpec, NetworkPattern } from './model';
import { ResolvedNetwork } from './resolve';

/** The CNI model's IPAM for a network's IPAM spec (`{}` = L2 only). */
export function networkIpam(ipam: IpamSpec): Ipam {
  switch (ipam.type) {
    case 'none':
      return Ipam.none();
    case 'static':
      return Ipam.static();
    case 'dhcp':
      return Ipam.dhcp();
    case 'host-local':
      return Ipam.hostLocal({ subnet: ipam.subnet, rangeStart: ipam.rangeStart, rangeEnd: ipam.rangeEnd, gateway: ipam.gateway });
    case 'whereabouts':
      return Ipam.whereabouts(ipam.range, { rangeStart: ipam.rangeStart, rangeEnd: ipam.rangeEnd, exclude: ipam.exclude, gateway: ipam.gateway });
  }
}

/** The CNI config of a network's NAD in `namespace`. */
export function networkCniConfig(n: ResolvedNetwork, namespace: string): NadConfig {
  if (n.pattern === NetworkPattern.OVN_LOCALNET) {
    return ovnLocalnetConfig({
      cniVersion: n.cniVersion,
      name: n.cniName,
      netAttachDefName: netAttachDefName(namespace, n.nadName),
      physicalNetworkName: n.physicalNetworkName,
      vlanID: n.vlan || undefined,
      mtu: n.mtu,
      // subnets turn on OVN IPAM (and IP port security); without ovnIpam they only check VM addresses
      // (ovn-kubernetes docs/features/multiple-networks/multi-homing.md, localnet Network Configuration reference)
      ...(n.ovnIpam ? { subnets: n.subnets, excludeSubnets: n.excludeSubnets, allowPersistentIPs: n.allowPersistentIPs || undefined } : {}),
    });
  }
  return bridgeConfig({
    cniVersion: n.cniVersion,
    name: n.cniName,
    bridge: n.bridge,
    vlan: n.pattern === NetworkPattern.TRUNK_BRIDGE && n.vlan ? n.vlan : undefined,
    mtu: n.mtu,
    macspoofchk: n.macspoofchk,
    tuning: n.tuning,
    ipam: networkIpam(n.ipam),
    // the profile only decides the plugin names: cnv-bridge/cnv-tuning (OpenShift) or bridge/tuning
    profile: n.plugin === BridgePlugin.CNV_BRIDGE ? PluginProfile.OPENSHIFT : PluginProfile.UPSTREAM,
  });
}

/**
 * Every NAD of a present network, one per namespace; on a target whose OVN-Kubernetes serves
 * ClusterUserDefinedNetwork Localnet (Target.localnetAsCudn), an OVN localnet network is one
 * CUDN instead, from which OVN-Kubernetes writes the same-named NAD in each of its namespaces
 * (go-controller/pkg/clustermanager/userdefinednetwork/template/net-attach-def-template.go).
 * Absent networks render none.
 */
export function networkNads(n: ResolvedNetwork, target: Target = defaultTarget()): Manifest[] {
  if (n.state === 'absent') return [];
  if (n.pattern === NetworkPattern.OVN_LOCALNET && (n.localnetAs ?? (target.localnetAsCudn ? 'cudn' : 'nad')) === 'cudn') return [networkCudn(n)];
  const resourceName = n.resourceName && n.pattern !== NetworkPattern.OVN_LOCALNET ? bridgeResourceName(n.bridge) : null;
  return n.namespaces.map((ns) => nadManifest({ name: n.nadName, namespace: ns, config: networkCniConfig(n, ns), resourceName }));
}

/**
 * The ClusterUserDefinedNetwork of an OVN localnet network: named like its NADs, selecting its
 * namespaces, on the same `physicalNetworkName` as the NNCP's bridge mapping, access VLAN, MTU;
 * OVN IPAM (persistent IPs) over the subnets when the network asks for it (`ovnIpam`), else IPAM
 * disabled (the subnets then only check VM addresses, as with the NAD).
 */
export function networkCudn(n: ResolvedNetwork): Manifest {
  return buildLocalnetCudn({
    name: n.nadName,
    namespaces: n.namespaces,
    // the localnet name of the NNCP's bridge mapping (render-nncp.ts localnetPolicy)
    physicalNetworkName: n.physicalNetworkName ?? n.name,
    vlanId: n.vlan || undefined,
    mtu: n.mtu,
    ...(n.ovnIpam ? { subnets: n.subnets, excludeSubnets: n.excludeSubnets } : {}),
  });
}
