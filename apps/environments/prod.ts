/**
 * The prod environment: seeds 000–002 together.
 * - seed 000: `br1` on `ens4` of the workers (DHCP on the bridge), NAD `br1-bridge-network`
 *   (cnv-bridge, macspoofchk), VM `vm-fedora` with the pod network and `secondary_nic`;
 * - seed 001: c7000 nodes, `eno49` → `eno49.1085` → `bridge-1085`, NAD `nad-1085` in several
 *   namespaces, a PXE VM on it;
 * - seed 002: the NMState CR, `bond0` active-backup over `ens161`/`ens256` with VLANs 144/145
 *   dual-stack on node 10-6-185-30, node02's static `eth1` address and `eth1.102` (DHCP) on
 *   every node;
 * - the multihome agent observing every node group.
 */
import { defineEnvironment } from '../../lib/core/topology/define';

/** Namespaces that get the VLAN 1085 NAD (seed 001's `@namespace@`). */
export const VLAN1085_NAMESPACES = ['vms', 'pxe', 'infra'] as const;

/**
 * containerDisk of the VMs: a Fedora release tag instead of the default `:latest`, which moves
 * with every release (S10). An example environment: pin by digest (`image@sha256:…`) for
 * anything that must not change under you.
 */
export const FEDORA_IMAGE = 'quay.io/containerdisks/fedora:43';

/** Seeds 000–002 as a typed environment. */
export const prod = defineEnvironment({
  name: 'prod',
  platform: 'openshift',
  prerequisites: { nmstate: true },
  // the VMs' namespace is the environment's own; the other NAD namespaces belong to other teams
  namespaces: { vms: { create: true }, pxe: {}, infra: {} },
  nodeGroups: [
    { name: 'workers', nodeSelector: { 'node-role.kubernetes.io/worker': '' } },
    { name: 'c7000', nodeSelector: { hardware: 'c7000' } },
    { name: 'node-10-6-185-30', nodeSelector: { 'kubernetes.io/hostname': '10-6-185-30' }, nodes: ['10-6-185-30'] },
    { name: 'node02', nodeSelector: { 'kubernetes.io/hostname': 'node02' }, nodes: ['node02'] },
    { name: 'all', nodeSelector: {} },
  ],
  uplinks: [
    { name: 'ens4', nodeGroup: 'workers', interface: 'ens4' },
    { name: 'eno49', nodeGroup: 'c7000', interface: 'eno49' },
    {
      name: 'bond0',
      nodeGroup: 'node-10-6-185-30',
      interface: 'bond0',
      policyName: 'bond-vlan30',
      bond: { mode: 'active-backup', ports: ['ens161', 'ens256'] },
      ipv4: ['172.39.0.30/16'],
      ipv6: ['fc00:172:39::30/64'],
      vlans: [
        { id: 144, ipv4: ['172.144.185.30/16'], ipv6: ['fd00:144::172:144:185:30/64'] },
        { id: 145, ipv4: ['172.145.185.30/16'], ipv6: ['fd00:145::172:144:185:30/64'] },
      ],
    },
  ],
  networks: [
    {
      name: 'br1',
      pattern: 'bridge',
      uplink: 'ens4',
      bridge: 'br1',
      nadName: 'br1-bridge-network',
      policyName: 'br1-policy',
      bridgeIp: { dhcp4: true },
      namespaces: ['vms'],
    },
    {
      name: 'vlan-1085',
      pattern: 'vlan-bridge',
      uplink: 'eno49',
      vlan: 1085,
      bridge: 'bridge-1085',
      nadName: 'nad-1085',
      policyName: 'vlan-1085-policy-c7000',
      namespaces: [...VLAN1085_NAMESPACES],
      subnets: ['10.6.85.0/24'],
    },
  ],
  vms: [
    {
      name: 'vm-fedora',
      namespace: 'vms',
      image: FEDORA_IMAGE,
      podInterfaceName: 'defaultnetwork',
      // seed 000's guest sees the NIC as eth1 (the default guest name would be the interface name)
      attachments: [{ network: 'br1', name: 'secondary_nic', dhcp4: true, guestName: 'eth1' }],
    },
    {
      name: 'pxe-vm',
      namespace: 'vms',
      image: FEDORA_IMAGE,
      podNetwork: false,
      attachments: [{ network: 'vlan-1085', name: 'nic-pxe1', ipv4: ['10.6.85.20/24'], guestName: 'eth0' }],
    },
  ],
  // The agent observes every node group (all of them run kubernetes-nmstate, seed 002's bond node
  // included: it has a NodeNetworkState), on the node's primary address only: /state carries each
  // node's intent and the nodes have addresses on VM-facing networks (br1, bond0.144/145).
  // Why not apply mode on node-10-6-185-30: docs/decisions.md.
  agent: { mode: 'observe', listenAddress: 'node-ip' },
  hostPolicies: [
    {
      name: 'static-ip',
      nodeGroup: 'node02',
      interfaces: [
        { name: 'eth1', type: 'ethernet', state: 'up', ipv4: { address: [{ ip: '10.244.0.2', 'prefix-length': 24 }], dhcp: false, enabled: true } },
      ],
    },
    {
      name: 'vlan',
      nodeGroup: 'all',
      interfaces: [{ name: 'eth1.102', type: 'vlan', state: 'up', vlan: { id: 102, 'base-iface': 'eth1' }, ipv4: { dhcp: true, enabled: true } }],
    },
  ],
  // Seed 002's `vlan` policy deliberately puts eth1.102 on every node (no nodeSelector); kept to
  // match the seed. The silenced code travels with the YAML (multihome.io/silence), so
  // `multihome check dist/prod` agrees.
  silence: ['NMSTATE_NNCP_NO_NODE_SELECTOR'],
});
