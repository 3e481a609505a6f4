/**
 * The lab environment: seed 004 (KubeVirt blog "Multiple Network Attachments with bridge CNI").
 * Two nodes, `br0` on `eth1` of each, VLAN 100 exposed as NAD `br0-100-l2` (bridge + tuning),
 * VMs `vma` on node01 and `vmb` on node02 at 10.200.0.1/24 and 10.200.0.2/24 via cloud-init.
 *
 * What the seed forgot and multihome adds: VLAN filtering on br0 (a trunk port carrying VLAN
 * 100 — without it the bridge CNI's `vlan: 100` does not isolate anything on a bridge it did not
 * create), `macspoofchk`, pinned MACs with cloud-init matching on them, the NMState CR that
 * current kubernetes-nmstate needs, sync waves, and the multihome agent observing both nodes.
 */
import { defineEnvironment } from '../../lib/core/topology/define';

const USER_DATA = `#!/bin/bash
echo "fedora" |passwd fedora --stdin
dnf -y install qemu-guest-agent
sudo systemctl enable qemu-guest-agent
sudo systemctl start qemu-guest-agent`;

const vm = (name: string, node: string, address: string) =>
  ({
    name,
    namespace: 'default',
    nodeSelector: { 'kubernetes.io/hostname': node },
    memory: '1024M',
    // the seed's image, pinned to a release tag (untagged means :latest, which moves); an example
    // environment: pin by digest (image@sha256:…) for anything that must not change under you
    image: 'kubevirt/fedora-cloud-container-disk-demo:v0.36.4',
    userData: USER_DATA,
    // the seed's guests call the secondary NIC eth1 (the default guest name would be the interface name)
    attachments: [{ network: 'br0-100' as const, ipv4: [address], guestName: 'eth1' }],
  });

/** Seed 004 as a typed environment. */
export const lab = defineEnvironment({
  name: 'lab',
  platform: 'vanilla',
  prerequisites: {
    nmstate: true,
    // nmstate comes from the NMState CR above: NetworkAddonsConfig has no nmstate component
    networkAddons: { multus: true, linuxBridge: true, imagePullPolicy: 'Always' },
  },
  // The seed's NNCP has no nodeSelector: kubevirtci's two nodes both run VMs.
  nodeGroups: [{ name: 'nodes', nodeSelector: {}, nodes: ['node01', 'node02'] }],
  uplinks: [{ name: 'eth1', nodeGroup: 'nodes', interface: 'eth1' }],
  networks: [
    {
      name: 'br0-100',
      pattern: 'trunk-bridge',
      uplink: 'eth1',
      bridge: 'br0',
      vlan: 100,
      nadName: 'br0-100-l2',
      cniName: 'br0-100-l2-config',
      policyName: 'br0-eth1',
      plugin: 'bridge',
      tuning: true,
      namespaces: ['default'],
      subnets: ['10.200.0.0/24'],
    },
  ],
  vms: [vm('vma', 'node01', '10.200.0.1/24'), vm('vmb', 'node02', '10.200.0.2/24')],
  // kubernetes-nmstate configures both nodes; the agent reports drift of br0 and marks it as node
  // capacity, listening on each node's primary address (the default) with /state off (the default).
  agent: { mode: 'observe' },
  // Seed 004 deliberately targets every node (no nodeSelector on the NNCP) and names its CNI
  // config "br0-100-l2-config" (Multus passes the NAD name anyway); both kept to match the seed.
  silence: ['NMSTATE_NNCP_NO_NODE_SELECTOR', 'NAD_NAME_MISMATCH'],
});
