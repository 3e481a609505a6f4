/**
 * Intent rules of OVN-Kubernetes localnet networks as OVN-K runs them: how a network names its
 * nodes (an uplink, or the node group of a mapping-only `existingBridge` network), the OVN
 * options only a localnet reads, bridges OVN-Kubernetes owns, and OVN IPAM (`ovnIpam`), which
 * turns on IP port security and so excludes static guest addresses.
 */
import { joinPath } from '../../path';
import { NetworkPattern, NetworkSpec, Topology } from '../model';
import { ResolvedNetwork, ResolvedTopology } from '../resolve';
import type { TopologyCode } from '../codes';

/** Reports one intent problem with its code at a path of the topology. */
export type CodedIntentReport = (code: TopologyCode, path: string, message: string, fix: string) => void;

/**
 * Bridges OVN-Kubernetes owns on its nodes: the gateway bridge holding the node's NIC (`br-ex` on
 * OpenShift, `breth0` upstream; ovn-kubernetes docs/design/external-ip-and-loadbalancer-ingress.md
 * "the external bridge (br-ex or breth0 in most deployments)", go-controller/pkg/util/nicstobridge.go
 * GetBridgeName) and the integration bridge (go-controller/pkg/cni/helper_linux.go plugs every pod
 * port into "br-int").
 */
const GATEWAY_BRIDGES: ReadonlySet<string> = new Set(['br-ex', 'breth0']);
const INTEGRATION_BRIDGE = 'br-int';

/** Options only an ovn-localnet network reads. */
const LOCALNET_OPTIONS = ['existingBridge', 'ovnIpam', 'excludeSubnets', 'allowPersistentIPs'] as const;

function isSet(v: unknown): boolean {
  return v !== undefined && v !== false && !(Array.isArray(v) && v.length === 0);
}

/** Every localnet intent problem of the topology. */
export function checkLocalnetIntent(t: Topology, r: ResolvedTopology, add: CodedIntentReport): void {
  const groups = new Set(t.nodeGroups.map((g) => g.name));
  t.networks.forEach((n, i) => {
    const rn = r.networks[i];
    checkNodes(n, rn, i, groups, add);
    checkBridge(n, rn, i, add);
    if (rn.pattern !== NetworkPattern.OVN_LOCALNET) {
      for (const key of LOCALNET_OPTIONS) {
        if (isSet(n[key])) add('TOPOLOGY_OVN_OPTION_NOT_LOCALNET', joinPath('networks', i, key), `network ${JSON.stringify(n.name)} sets ${key}, which only the ovn-localnet pattern reads; the ${rn.pattern} pattern ignores it`, `drop ${key}, or use pattern ovn-localnet`);
      }
      return;
    }
    checkOvnIpam(n, rn, i, add);
  });
  checkStaticAddresses(t, r, add);
}

/**
 * A network names its nodes through its uplink; only an existingBridge localnet (which adds no
 * port) may name its node group instead, and then not one other than its uplink's.
 */
function checkNodes(n: NetworkSpec, rn: ResolvedNetwork, i: number, groups: ReadonlySet<string>, add: CodedIntentReport): void {
  if (n.uplink === undefined && (!rn.existingBridge || n.nodeGroup === undefined)) {
    add(
      'TOPOLOGY_NETWORK_UPLINK_MISSING',
      joinPath('networks', i, 'uplink'),
      `network ${JSON.stringify(n.name)} names no uplink, so neither its nodes nor the NIC of its bridge are known${rn.existingBridge ? ' (an existingBridge network may name its nodeGroup instead)' : ''}`,
      rn.existingBridge ? 'set nodeGroup (the nodes that have the bridge) or uplink' : 'set uplink to the NIC or bond that carries the network',
    );
  }
  if (n.nodeGroup === undefined) return;
  const at = joinPath('networks', i, 'nodeGroup');
  if (!rn.existingBridge) {
    add('TOPOLOGY_NETWORK_NODE_GROUP_CONFLICT', at, `network ${JSON.stringify(n.name)} sets nodeGroup ${JSON.stringify(n.nodeGroup)}, but only an ovn-localnet network with existingBridge may name its node group; this network's nodes are its uplink's`, 'drop nodeGroup (the uplink decides the nodes), or set existingBridge: true on an ovn-localnet network whose bridge already exists');
  } else if (!groups.has(n.nodeGroup)) {
    add('TOPOLOGY_UNKNOWN_REFERENCE', at, `network ${JSON.stringify(n.name)} names node group ${JSON.stringify(n.nodeGroup)}, which is not declared (known: ${[...groups].join(', ') || 'none'})`, 'declare the node group or fix the name');
  } else if (rn.uplinkSpec && rn.uplinkSpec.nodeGroup !== n.nodeGroup) {
    add('TOPOLOGY_NETWORK_NODE_GROUP_CONFLICT', at, `network ${JSON.stringify(n.name)} names node group ${JSON.stringify(n.nodeGroup)}, but its uplink ${JSON.stringify(n.uplink)} belongs to ${JSON.stringify(rn.uplinkSpec.nodeGroup)}`, 'give either nodeGroup or uplink, not two that disagree');
  }
}

/** br-ex/breth0 (OVN-K's gateway bridge) is never a bridge to create; br-int (OVN's integration bridge) is neither created nor mapped. */
function checkBridge(n: NetworkSpec, rn: ResolvedNetwork, i: number, add: CodedIntentReport): void {
  const at = joinPath('networks', i, n.bridge !== undefined ? 'bridge' : 'name');
  if (rn.bridge === INTEGRATION_BRIDGE) {
    add('TOPOLOGY_OVN_BRIDGE_RESERVED', at, `network ${JSON.stringify(n.name)} uses bridge "br-int", OVN's integration bridge: OVN-Kubernetes plugs every pod port into it and ovn-controller owns its flows; it can be neither created nor mapped to a physical network`, rn.pattern === NetworkPattern.OVN_LOCALNET ? 'map the localnet to the gateway bridge (br-ex with existingBridge: true) or to an OVS bridge of its own' : 'use another bridge name');
    return;
  }
  if (rn.existingBridge || !GATEWAY_BRIDGES.has(rn.bridge)) return;
  add(
    'TOPOLOGY_OVN_BRIDGE_RESERVED',
    at,
    `network ${JSON.stringify(n.name)} would create bridge ${JSON.stringify(rn.bridge)}${rn.pattern === NetworkPattern.OVN_LOCALNET ? ' with its uplink as a port' : ''}, but that is OVN-Kubernetes's gateway bridge, which already holds the node's NIC; redefining it can take the node off the network`,
    rn.pattern === NetworkPattern.OVN_LOCALNET ? 'set existingBridge: true (mapping only: the NNCP adds the ovn.bridge-mappings entry and leaves the bridge alone)' : 'use another bridge name',
  );
}

/**
 * ovnIpam needs subnets (cudn.go LocalnetConfig "Subnets is required with ipam.mode is Enabled");
 * excludeSubnets and allowPersistentIPs need ovnIpam (multi_network.go newLocalnetNetConfInfo
 * rejects excludes outside subnets; multi-homing.md: allowPersistentIPs "Only makes sense if the
 * subnets attribute is also defined"; cudn.go "excludeSubnets must be unset when subnets is unset").
 */
function checkOvnIpam(n: NetworkSpec, rn: ResolvedNetwork, i: number, add: CodedIntentReport): void {
  if (rn.ovnIpam && (n.subnets?.length ?? 0) === 0) {
    add('TOPOLOGY_OVN_IPAM_NO_SUBNETS', joinPath('networks', i, 'ovnIpam'), `network ${JSON.stringify(n.name)} asks for OVN IPAM but declares no subnets to allocate from`, 'set subnets (the CIDRs OVN hands out), or drop ovnIpam');
  }
  if (rn.ovnIpam) return;
  for (const key of ['excludeSubnets', 'allowPersistentIPs'] as const) {
    if (!isSet(n[key])) continue;
    add('TOPOLOGY_OVN_IPAM_REQUIRED', joinPath('networks', i, key), `network ${JSON.stringify(n.name)} sets ${key}, which only means something when OVN allocates the addresses; without ovnIpam the NAD carries no subnets and ${key} is not rendered`, `set ovnIpam: true (with subnets), or drop ${key}`);
  }
}

/**
 * Static guest addresses on an OVN IPAM network: OVN allocates the port's address and enforces IP
 * port security (ovn-kubernetes docs/features/multiple-networks/multi-homing.md: "specifying a
 * static IP address for the pod is only possible when the attachment configuration does not
 * feature subnets"; without subnets "Port security will only prevent MAC spoofing").
 */
function checkStaticAddresses(t: Topology, r: ResolvedTopology, add: CodedIntentReport): void {
  const ipam = new Set(r.networks.filter((n) => n.ovnIpam).map((n) => n.name));
  if (ipam.size === 0) return;
  t.vms.forEach((vm, v) => {
    vm.attachments.forEach((a, j) => {
      if (!ipam.has(a.network)) return;
      for (const fam of ['ipv4', 'ipv6'] as const) {
        if ((a[fam]?.length ?? 0) === 0) continue;
        add(
          'TOPOLOGY_OVN_IPAM_STATIC_ADDRESS',
          joinPath('vms', v, 'attachments', j, fam),
          `VM ${vm.namespace}/${vm.name} gives ${a[fam]!.join(', ')} on network ${JSON.stringify(a.network)}, where OVN allocates the addresses (ovnIpam) and drops traffic from any other address (IP port security)`,
          `drop ${fam} and let the guest take OVN's address by DHCP (dhcp4/dhcp6), or turn ovnIpam off on network ${JSON.stringify(a.network)} to keep static addresses`,
        );
      }
    });
  });
}
