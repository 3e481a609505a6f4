/**
 * One failing Topology per intent-only code (`validateTopology`), each a small edit of
 * {@link baseTopology}, with the problems it must yield (code and path; the resource is always
 * `Environment/<topology name>`). Shared by intent.test.ts and codes.test.ts.
 */
import { Topology } from '../../../lib/core/topology/model';

/** A clean topology modelled on apps/environments/lab.ts: workers, a trunk bridge on eth1, one VM. */
export function baseTopology(): Topology {
  return {
    name: 'fixture',
    platform: 'vanilla',
    nodeGroups: [{ name: 'workers', nodeSelector: { 'node-role.kubernetes.io/worker': '' }, nodes: ['w1', 'w2'] }],
    uplinks: [{ name: 'eth1', nodeGroup: 'workers', interface: 'eth1' }],
    networks: [{ name: 'vlan100', pattern: 'trunk-bridge', uplink: 'eth1', bridge: 'br0', vlan: 100, namespaces: ['vms'], subnets: ['10.100.0.0/24'] }],
    vms: [{ name: 'vm1', namespace: 'vms', image: 'quay.io/containerdisks/fedora:40', attachments: [{ network: 'vlan100', ipv4: ['10.100.0.10/24'] }] }],
    namespaces: { vms: {} },
    // CNAO's linuxBridge (bridge-marker) publishes the bridge resource the NADs request
    prerequisites: { nmstate: false, networkAddons: { linuxBridge: true } },
  };
}

/** One intent case. */
export interface IntentCase {
  /** What is wrong, in words. */
  readonly title: string;
  readonly topology: Topology;
  readonly expected: ReadonlyArray<{ readonly code: string; readonly path: string }>;
}

const base = baseTopology();
const net0 = base.networks[0];
const workers = base.nodeGroups[0];
const eth1 = base.uplinks[0];
const vm0 = base.vms[0];

/** Keyed by the code each case must produce. */
export const INTENT_CASES: Readonly<Record<string, IntentCase>> = {
  TOPOLOGY_UNKNOWN_REFERENCE: {
    title: 'an attachment names a network the topology does not declare',
    topology: { ...base, vms: [{ ...vm0, attachments: [{ network: 'vlan-100', ipv4: ['10.100.0.10/24'] }] }] },
    expected: [{ code: 'TOPOLOGY_UNKNOWN_REFERENCE', path: 'vms[0].attachments[0].network' }],
  },
  TOPOLOGY_DUPLICATE_NAME: {
    title: 'two VMs of one namespace have the same name',
    topology: { ...base, vms: [vm0, { ...vm0, attachments: [{ network: 'vlan100', ipv4: ['10.100.0.11/24'] }] }] },
    expected: [{ code: 'TOPOLOGY_DUPLICATE_NAME', path: 'vms[1].name' }],
  },
  TOPOLOGY_VLAN_MISSING: {
    title: 'a trunk-bridge network without a VLAN id',
    topology: { ...base, networks: [{ ...net0, vlan: undefined }] },
    expected: [{ code: 'TOPOLOGY_VLAN_MISSING', path: 'networks[0].vlan' }],
  },
  TOPOLOGY_VLAN_CLAIMED_TWICE: {
    title: 'a vlan-bridge network takes VLAN 100 of eth1, which the trunk bridge br0 already carries',
    topology: {
      ...base,
      networks: [net0, { name: 'legacy', pattern: 'vlan-bridge', uplink: 'eth1', bridge: 'br100', vlan: 100, namespaces: ['legacy'] }],
      namespaces: { ...base.namespaces, legacy: {} },
    },
    expected: [{ code: 'TOPOLOGY_VLAN_CLAIMED_TWICE', path: 'networks[1].vlan' }],
  },
  TOPOLOGY_VLAN_IGNORED: {
    title: 'a plain bridge network sets a VLAN the pattern does not render',
    topology: {
      ...base,
      uplinks: [...base.uplinks, { name: 'eth2', nodeGroup: 'workers', interface: 'eth2' }],
      networks: [net0, { name: 'plain', pattern: 'bridge', uplink: 'eth2', bridge: 'br2', vlan: 5, namespaces: ['vms'] }],
    },
    expected: [{ code: 'TOPOLOGY_VLAN_IGNORED', path: 'networks[1].vlan' }],
  },
  TOPOLOGY_ADDRESS_OUTSIDE_SUBNETS: {
    title: "a VM address outside the network's declared subnets",
    topology: { ...base, vms: [{ ...vm0, attachments: [{ network: 'vlan100', ipv4: ['10.200.0.10/24'] }] }] },
    expected: [{ code: 'TOPOLOGY_ADDRESS_OUTSIDE_SUBNETS', path: 'vms[0].attachments[0].ipv4[0]' }],
  },
  TOPOLOGY_SHARED_BRIDGE_MISMATCH: {
    title: 'two networks on trunk bridge br0 ask for different MTUs',
    topology: {
      ...base,
      networks: [{ ...net0, mtu: 1500 }, { ...net0, name: 'vlan200', vlan: 200, mtu: 9000, subnets: ['10.200.0.0/24'] }],
    },
    expected: [{ code: 'TOPOLOGY_SHARED_BRIDGE_MISMATCH', path: 'networks[1].mtu' }],
  },
  TOPOLOGY_ATTACHMENT_ABSENT_NETWORK: {
    title: 'the NIC is unplugged in the same step that removes its network',
    topology: {
      ...base,
      networks: [{ ...net0, state: 'absent' }],
      vms: [{ ...vm0, attachments: [{ network: 'vlan100', state: 'absent' }] }],
    },
    expected: [{ code: 'TOPOLOGY_ATTACHMENT_ABSENT_NETWORK', path: 'vms[0].attachments[0].state' }],
  },
  TOPOLOGY_ATTACHMENT_ON_ABSENT_NETWORK: {
    title: 'a present NIC on a network being removed',
    topology: { ...base, networks: [{ ...net0, state: 'absent' }] },
    expected: [{ code: 'TOPOLOGY_ATTACHMENT_ON_ABSENT_NETWORK', path: 'vms[0].attachments[0].network' }],
  },
  TOPOLOGY_VM_NAME_INVALID: {
    // the review's T1-2 case: a 64-character name (a valid DNS subdomain) as the kubevirt.io/vm label value
    title: 'the VM name is longer than a label value (64 characters), so its VMI is refused',
    topology: { ...base, vms: [{ ...vm0, name: 'v'.repeat(64) }] },
    expected: [{ code: 'TOPOLOGY_VM_NAME_INVALID', path: 'vms[0].name' }],
  },
  TOPOLOGY_NETWORK_ADDONS_NMSTATE: {
    // the review's T1-1 case: apps/environments/lab.ts as it was
    title: 'networkAddons asks CNAO for an nmstate component its CRD does not have',
    topology: { ...base, prerequisites: { nmstate: true, networkAddons: { multus: true, linuxBridge: true, nmstate: true } } },
    expected: [{ code: 'TOPOLOGY_NETWORK_ADDONS_NMSTATE', path: 'prerequisites.networkAddons.nmstate' }],
  },
  TOPOLOGY_LOCALNET_FORM: {
    title: 'a localnet network asks for a form multihome does not write',
    topology: { ...base, networks: [{ ...net0, localnetAs: 'udn' as never }] },
    expected: [{ code: 'TOPOLOGY_LOCALNET_FORM', path: 'networks[0].localnetAs' }],
  },
  TOPOLOGY_POD_NETWORK_BINDING: {
    title: 'passt on the pod network of a KubeVirt that has no passt binding, and a binding multihome does not know',
    topology: {
      ...base,
      target: { kubevirt: '1.0' },
      vms: [{ ...vm0, podNetwork: 'passt' }, { ...vm0, name: 'vm2', attachments: [], podNetwork: 'slirp' as never }],
    },
    expected: [
      { code: 'TOPOLOGY_POD_NETWORK_BINDING', path: 'vms[0].podNetwork' },
      { code: 'TOPOLOGY_POD_NETWORK_BINDING', path: 'vms[1].podNetwork' },
    ],
  },
  TOPOLOGY_VM_NODE_UNKNOWN: {
    title: 'the VM is pinned to a host that is not in the node group carrying its network',
    topology: { ...base, vms: [{ ...vm0, nodeSelector: { 'kubernetes.io/hostname': 'w9' } }] },
    expected: [{ code: 'TOPOLOGY_VM_NODE_UNKNOWN', path: 'vms[0].nodeSelector["kubernetes.io/hostname"]' }],
  },
  // --- issue 12 §1 ------------------------------------------------------------------------------
  TOPOLOGY_SHAPE: {
    title: 'values TypeScript never saw: an address string where a list belongs, and a misspelled gateway key',
    topology: { ...base, vms: [{ ...vm0, attachments: [{ network: 'vlan100', ipv4: '10.100.0.10/24', gatway4: '10.100.0.1' } as never] }] },
    expected: [
      { code: 'TOPOLOGY_SHAPE', path: 'vms[0].attachments[0].ipv4' },
      { code: 'TOPOLOGY_SHAPE', path: 'vms[0].attachments[0].gatway4' },
    ],
  },
  TOPOLOGY_ADDRESS_INVALID: {
    title: 'an octet above 255, an address without prefix, and an IPv6 address in the ipv4 list',
    topology: { ...base, vms: [{ ...vm0, attachments: [{ network: 'vlan100', ipv4: ['10.100.0.300/24', '10.100.0.12', 'fd00::1/64'] }] }] },
    expected: [
      { code: 'TOPOLOGY_ADDRESS_INVALID', path: 'vms[0].attachments[0].ipv4[0]' },
      { code: 'TOPOLOGY_ADDRESS_INVALID', path: 'vms[0].attachments[0].ipv4[1]' },
      { code: 'TOPOLOGY_ADDRESS_INVALID', path: 'vms[0].attachments[0].ipv4[2]' },
    ],
  },
  TOPOLOGY_GATEWAY_OUTSIDE_SUBNET: {
    title: "the NIC's gateway is not in the subnet of its address (mistakes.ts gateway-outside-subnet)",
    topology: { ...base, vms: [{ ...vm0, attachments: [{ network: 'vlan100', ipv4: ['10.100.0.10/24'], gateway4: '10.30.0.1' }] }] },
    expected: [{ code: 'TOPOLOGY_GATEWAY_OUTSIDE_SUBNET', path: 'vms[0].attachments[0].gateway4' }],
  },
  TOPOLOGY_VM_DEFAULT_GATEWAY_TWICE: {
    title: 'two NICs of one VM each set gateway4 (mistakes.ts two-default-gateways)',
    topology: {
      ...base,
      networks: [net0, { ...net0, name: 'vlan200', vlan: 200, subnets: ['10.200.0.0/24'] }],
      vms: [{ ...vm0, attachments: [{ network: 'vlan100', ipv4: ['10.100.0.10/24'], gateway4: '10.100.0.1' }, { network: 'vlan200', ipv4: ['10.200.0.10/24'], gateway4: '10.200.0.1' }] }],
    },
    expected: [{ code: 'TOPOLOGY_VM_DEFAULT_GATEWAY_TWICE', path: 'vms[0].attachments[1].gateway4' }],
  },
  TOPOLOGY_GUEST_NAME_INVALID: {
    title: 'a guestName longer than a Linux interface name (16 characters)',
    topology: { ...base, vms: [{ ...vm0, attachments: [{ network: 'vlan100', ipv4: ['10.100.0.10/24'], guestName: 'storage-network0' }] }] },
    expected: [{ code: 'TOPOLOGY_GUEST_NAME_INVALID', path: 'vms[0].attachments[0].guestName' }],
  },
  TOPOLOGY_GUEST_NAME_DUPLICATE: {
    title: 'a second NIC whose guestName is the first NIC\'s default guest name (its interface name)',
    topology: {
      ...base,
      vms: [{ ...vm0, attachments: [{ network: 'vlan100', ipv4: ['10.100.0.10/24'] }, { network: 'vlan100', name: 'second', guestName: 'vlan100', ipv4: ['10.100.0.11/24'] }] }],
    },
    expected: [{ code: 'TOPOLOGY_GUEST_NAME_DUPLICATE', path: 'vms[0].attachments[1].guestName' }],
  },
  TOPOLOGY_BRIDGE_MARKER_MISSING: {
    title: 'NADs requesting the bridge resource on vanilla Kubernetes with neither CNAO linuxBridge nor the agent',
    topology: { ...base, prerequisites: undefined },
    expected: [{ code: 'TOPOLOGY_BRIDGE_MARKER_MISSING', path: 'networks[0].resourceName' }],
  },
  TOPOLOGY_VM_UNSCHEDULABLE: {
    title: 'a VM on networks of two node groups whose known nodes do not overlap (mistakes.ts vm-on-networks-of-disjoint-groups)',
    topology: {
      ...base,
      nodeGroups: [...base.nodeGroups, { name: 'storage', nodeSelector: { 'node-role.kubernetes.io/storage': '' }, nodes: ['s1'] }],
      uplinks: [...base.uplinks, { name: 'ens3', nodeGroup: 'storage', interface: 'ens3' }],
      networks: [net0, { name: 'stor', pattern: 'trunk-bridge', uplink: 'ens3', bridge: 'br1', vlan: 500, namespaces: ['vms'] }],
      vms: [{ ...vm0, attachments: [...vm0.attachments, { network: 'stor' }] }],
    },
    expected: [{ code: 'TOPOLOGY_VM_UNSCHEDULABLE', path: 'vms[0].attachments[1].network' }],
  },
  TOPOLOGY_NAMESPACE_LISTED_TWICE: {
    title: 'a network that lists its namespace twice (mistakes.ts expose-twice)',
    topology: { ...base, networks: [{ ...net0, namespaces: [...net0.namespaces, ...net0.namespaces] }] },
    expected: [{ code: 'TOPOLOGY_NAMESPACE_LISTED_TWICE', path: `networks[0].namespaces[${net0.namespaces.length}]` }],
  },
  TOPOLOGY_NAME_INVALID: {
    title: 'a network named VLAN_201 (NAD and NNCP name) and a namespace Team_A',
    topology: { ...base, networks: [{ ...net0, name: 'VLAN_201', namespaces: ['Team_A'] }], vms: [] },
    expected: [
      { code: 'TOPOLOGY_NAME_INVALID', path: 'networks[0].name' },
      { code: 'TOPOLOGY_NAME_INVALID', path: 'networks[0].namespaces[0]' },
    ],
  },
  TOPOLOGY_BASE_INTERFACE_UNDECLARED: {
    title: 'a host policy VLAN on bnod0 while the environment declares bond0 (mistakes.ts host-vlan-base-typo)',
    topology: {
      ...base,
      uplinks: [{ name: 'bond0', nodeGroup: 'workers', interface: 'bond0', bond: { mode: '802.3ad', ports: ['ens1f0', 'ens1f1'] } }],
      networks: [{ ...net0, uplink: 'bond0' }],
      hostPolicies: [{ name: 'mgmt', nodeGroup: 'workers', interfaces: [{ name: 'bnod0.100', type: 'vlan', state: 'up', vlan: { 'base-iface': 'bnod0', id: 100 } }] }],
    },
    expected: [{ code: 'TOPOLOGY_BASE_INTERFACE_UNDECLARED', path: 'hostPolicies[0].interfaces[0].vlan.base-iface' }],
  },
  TOPOLOGY_POLICY_NAME_ORDER: {
    title: 'host policy "a-mgmt" puts a VLAN on bond0, which "z-bond" creates, and sorts before it',
    topology: {
      ...base,
      hostPolicies: [
        { name: 'z-bond', nodeGroup: 'workers', interfaces: [{ name: 'bond0', type: 'bond', state: 'up', 'link-aggregation': { mode: 'active-backup', port: ['eth2', 'eth3'] } }] },
        { name: 'a-mgmt', nodeGroup: 'workers', interfaces: [{ name: 'bond0.10', type: 'vlan', state: 'up', vlan: { 'base-iface': 'bond0', id: 10 } }] },
      ],
    },
    expected: [{ code: 'TOPOLOGY_POLICY_NAME_ORDER', path: 'hostPolicies[1].name' }],
  },
  TOPOLOGY_POLICY_CYCLE: {
    title: 'one host policy creates bond1 and bridge br1 on bond1.5, the other creates bond1.5 on bond1',
    topology: {
      ...base,
      hostPolicies: [
        {
          name: 'p-bridge',
          nodeGroup: 'workers',
          interfaces: [
            { name: 'bond1', type: 'bond', state: 'up', 'link-aggregation': { mode: 'active-backup', port: ['eth2', 'eth3'] } },
            { name: 'br1', type: 'linux-bridge', state: 'up', bridge: { port: [{ name: 'bond1.5' }] } },
          ],
        },
        { name: 'p-vlan', nodeGroup: 'workers', interfaces: [{ name: 'bond1.5', type: 'vlan', state: 'up', vlan: { 'base-iface': 'bond1', id: 5 } }] },
      ],
    },
    expected: [{ code: 'TOPOLOGY_POLICY_CYCLE', path: 'hostPolicies[0].name' }],
  },
  TOPOLOGY_NAMESPACE_UNDECLARED: {
    title: 'the VM is in namespace "apps", which the environment neither creates nor declares',
    topology: { ...base, vms: [{ ...vm0, namespace: 'apps' }] },
    expected: [{ code: 'TOPOLOGY_NAMESPACE_UNDECLARED', path: 'vms[0].namespace' }],
  },
  // --- OVN localnet (rules/intent-localnet.ts) ---------------------------------------------------
  TOPOLOGY_OVN_BRIDGE_RESERVED: {
    title: 'an ovn-localnet network would create br-ex (OVN-K\'s gateway bridge) with eth1 as a port (trial B10)',
    topology: { ...base, networks: [net0, { name: 'ln', pattern: 'ovn-localnet', uplink: 'eth1', bridge: 'br-ex', vlan: 400, namespaces: ['vms'] }] },
    expected: [{ code: 'TOPOLOGY_OVN_BRIDGE_RESERVED', path: 'networks[1].bridge' }],
  },
  TOPOLOGY_OVN_OPTION_NOT_LOCALNET: {
    title: 'a trunk-bridge network asks for OVN IPAM',
    topology: { ...base, networks: [{ ...net0, ovnIpam: true }] },
    expected: [{ code: 'TOPOLOGY_OVN_OPTION_NOT_LOCALNET', path: 'networks[0].ovnIpam' }],
  },
  TOPOLOGY_OVN_IPAM_NO_SUBNETS: {
    title: 'a localnet asks for OVN IPAM without subnets',
    topology: { ...base, networks: [net0, { name: 'ln', pattern: 'ovn-localnet', uplink: 'eth1', bridge: 'ovs-br1', namespaces: ['vms'], ovnIpam: true }] },
    expected: [{ code: 'TOPOLOGY_OVN_IPAM_NO_SUBNETS', path: 'networks[1].ovnIpam' }],
  },
  TOPOLOGY_OVN_IPAM_REQUIRED: {
    title: 'a localnet sets allowPersistentIPs without OVN IPAM',
    topology: { ...base, networks: [net0, { name: 'ln', pattern: 'ovn-localnet', uplink: 'eth1', bridge: 'ovs-br1', namespaces: ['vms'], subnets: ['10.40.0.0/24'], allowPersistentIPs: true }] },
    expected: [{ code: 'TOPOLOGY_OVN_IPAM_REQUIRED', path: 'networks[1].allowPersistentIPs' }],
  },
  TOPOLOGY_OVN_IPAM_STATIC_ADDRESS: {
    title: 'a VM gives a static address on a localnet where OVN allocates the addresses (trial B9 with ovnIpam)',
    topology: {
      ...base,
      networks: [net0, { name: 'ln', pattern: 'ovn-localnet', uplink: 'eth1', bridge: 'ovs-br1', namespaces: ['vms'], subnets: ['10.40.0.0/24'], ovnIpam: true }],
      vms: [{ ...vm0, attachments: [...vm0.attachments, { network: 'ln', ipv4: ['10.40.0.21/24'] }] }],
    },
    expected: [{ code: 'TOPOLOGY_OVN_IPAM_STATIC_ADDRESS', path: 'vms[0].attachments[1].ipv4' }],
  },
  TOPOLOGY_NETWORK_UPLINK_MISSING: {
    title: 'a trunk-bridge network names no uplink',
    topology: { ...base, networks: [{ ...net0, uplink: undefined }] },
    expected: [{ code: 'TOPOLOGY_NETWORK_UPLINK_MISSING', path: 'networks[0].uplink' }],
  },
  TOPOLOGY_NETWORK_NODE_GROUP_CONFLICT: {
    title: 'a trunk-bridge network names a node group (only a mapping-only localnet may)',
    topology: { ...base, networks: [{ ...net0, nodeGroup: 'workers' }] },
    expected: [{ code: 'TOPOLOGY_NETWORK_NODE_GROUP_CONFLICT', path: 'networks[0].nodeGroup' }],
  },
  // --- issue 13 §2: per-node host addresses ---------------------------------------------------
  TOPOLOGY_HOST_ADDRESS_MULTI_NODE: {
    title: 'one static address on a host VLAN of a group of two nodes (trial B5: the same address on every node)',
    topology: { ...base, uplinks: [{ ...eth1, vlans: [{ id: 200, ipv4: ['10.200.0.11/24'] }] }] },
    expected: [{ code: 'TOPOLOGY_HOST_ADDRESS_MULTI_NODE', path: 'uplinks[0].vlans[0].ipv4' }],
  },
  TOPOLOGY_HOST_ADDRESS_NODES_UNKNOWN: {
    title: 'one static address on a host VLAN of a group that lists no nodes and pins no hostname',
    topology: { ...base, nodeGroups: [{ ...workers, nodes: undefined }], uplinks: [{ ...eth1, vlans: [{ id: 200, ipv4: ['10.200.0.11/24'] }] }] },
    expected: [{ code: 'TOPOLOGY_HOST_ADDRESS_NODES_UNKNOWN', path: 'uplinks[0].vlans[0].ipv4' }],
  },
  TOPOLOGY_HOST_ADDRESS_NEEDS_NODES: {
    title: 'a pool of host VLAN addresses on a group that lists no nodes',
    topology: { ...base, nodeGroups: [{ ...workers, nodes: undefined }], uplinks: [{ ...eth1, vlans: [{ id: 200, ipv4: { pool: '10.200.0.0/24' } }] }] },
    expected: [{ code: 'TOPOLOGY_HOST_ADDRESS_NEEDS_NODES', path: 'uplinks[0].vlans[0].ipv4' }],
  },
  TOPOLOGY_HOST_ADDRESS_NODE_UNKNOWN: {
    title: 'a per-node address for "w3", which is not a node of the group (w1, w2)',
    topology: { ...base, uplinks: [{ ...eth1, vlans: [{ id: 200, ipv4: { perNode: { w1: '10.200.0.11/24', w3: '10.200.0.13/24' } } }] }] },
    expected: [{ code: 'TOPOLOGY_HOST_ADDRESS_NODE_UNKNOWN', path: 'uplinks[0].vlans[0].ipv4.perNode.w3' }],
  },
  TOPOLOGY_HOST_ADDRESS_DUPLICATE: {
    title: 'a per-node map gives w1 and w2 the same address',
    topology: { ...base, uplinks: [{ ...eth1, vlans: [{ id: 200, ipv4: { perNode: { w1: '10.200.0.11/24', w2: ['10.200.0.11/24'] } } }] }] },
    expected: [{ code: 'TOPOLOGY_HOST_ADDRESS_DUPLICATE', path: 'uplinks[0].vlans[0].ipv4.perNode.w2' }],
  },
  TOPOLOGY_HOST_ADDRESS_POOL_INVALID: {
    title: "a pool's start outside the pool",
    topology: { ...base, uplinks: [{ ...eth1, vlans: [{ id: 200, ipv4: { pool: '10.200.0.0/24', start: '10.201.0.11' } }] }] },
    expected: [{ code: 'TOPOLOGY_HOST_ADDRESS_POOL_INVALID', path: 'uplinks[0].vlans[0].ipv4.start' }],
  },
  TOPOLOGY_UPLINK_ADDRESS_ON_PORT: {
    title: 'a host address on NIC eth1, which the trunk bridge br0 enslaves (a bridge port keeps no IP)',
    topology: { ...base, nodeGroups: [{ ...workers, nodes: ['w1'] }], uplinks: [{ ...eth1, ipv4: ['10.9.0.11/24'] }] },
    expected: [{ code: 'TOPOLOGY_UPLINK_ADDRESS_ON_PORT', path: 'uplinks[0].ipv4' }],
  },
  TOPOLOGY_HOST_ADDRESS_POOL_EXHAUSTED: {
    title: 'a /30 pool starting at its last host address has one address for two nodes (the next is the broadcast address)',
    topology: { ...base, uplinks: [{ ...eth1, vlans: [{ id: 200, ipv4: { pool: '10.200.0.0/30', start: '10.200.0.2' } }] }] },
    expected: [{ code: 'TOPOLOGY_HOST_ADDRESS_POOL_EXHAUSTED', path: 'uplinks[0].vlans[0].ipv4.pool' }],
  },
};
