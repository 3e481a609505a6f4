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
    vms: [{ name: 'vm1', namespace: 'vms', attachments: [{ network: 'vlan100', ipv4: ['10.100.0.10/24'] }] }],
    namespaces: { vms: {} },
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
  TOPOLOGY_VM_NODE_UNKNOWN: {
    title: 'the VM is pinned to a host that is not in the node group carrying its network',
    topology: { ...base, vms: [{ ...vm0, nodeSelector: { 'kubernetes.io/hostname': 'w9' } }] },
    expected: [{ code: 'TOPOLOGY_VM_NODE_UNKNOWN', path: 'vms[0].nodeSelector["kubernetes.io/hostname"]' }],
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
};
