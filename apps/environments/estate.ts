/**
 * The estate environment: what a platform team runs on an OpenShift cluster with OVN-Kubernetes,
 * as opposed to the seeds' demo shapes (issue 13).
 * - two node groups: three compute nodes (LACP bond `bond0`, jumbo frames) and two storage nodes
 *   (a single 25G NIC `ens3f0`);
 * - the storage VLAN 500 on both groups, with one host address per node: a pool allocated over
 *   the compute nodes in their listed order, an explicit map on the storage nodes (one NNCP per
 *   node after the group's policy);
 * - the application VLAN 200 as a vlan-bridge network on the compute bond, exposed to two
 *   namespaces;
 * - the external VLAN 400 as an OVN localnet on OVN-Kubernetes's own `br-ex`, mapping-only: the
 *   NNCP adds the `ovn.bridge-mappings` entry and never touches the gateway bridge's ports;
 *   `subnets` only check the guests' static addresses (no OVN IPAM);
 * - VMs brought whole (`virtualMachine`): instancetype and preference references, a root disk
 *   cloned from a DataSource and a data disk as dataVolumeTemplates, their labels, eviction
 *   strategy and cloud-init userData. multihome adds only the NICs, their MACs, networkData and
 *   the compute placement.
 */
import { defineEnvironment } from '../../lib/core/topology/define';

/** The compute nodes, in the order the storage address pool is allocated over (append new ones). */
export const COMPUTE_NODES = ['compute-0', 'compute-1', 'compute-2'] as const;

/** The storage nodes. */
export const STORAGE_NODES = ['storage-0', 'storage-1'] as const;

/** cloud-init userData of the VMs: kept byte for byte next to the networkData multihome writes. */
const USER_DATA = `#cloud-config
ssh_pwauth: false
ssh_authorized_keys:
  - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFt0dW1teWtleWZvcmRvY3Vtb25seQ platform@example
packages: [qemu-guest-agent]
runcmd:
  - [systemctl, enable, --now, qemu-guest-agent]
`;

/**
 * A VirtualMachine as the team keeps it in Git: a RHEL 9 root disk cloned from the cluster's
 * DataSource, an empty data disk, an instancetype and a preference instead of cpu/memory, live
 * migration on eviction. No network sections: multihome owns those.
 */
function ownVm(name: string, namespace: string, app: string, instancetype: string, dataDisk: string) {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name, namespace, labels: { app, 'app.kubernetes.io/part-of': 'estate' } },
    spec: {
      runStrategy: 'Always',
      instancetype: { kind: 'VirtualMachineClusterInstancetype', name: instancetype },
      preference: { kind: 'VirtualMachineClusterPreference', name: 'rhel.9' },
      dataVolumeTemplates: [
        {
          metadata: { name: `${name}-root` },
          spec: {
            sourceRef: { kind: 'DataSource', name: 'rhel9', namespace: 'openshift-virtualization-os-images' },
            storage: { resources: { requests: { storage: '40Gi' } }, storageClassName: 'ceph-rbd-virtualization' },
          },
        },
        {
          metadata: { name: `${name}-data` },
          spec: { source: { blank: {} }, storage: { resources: { requests: { storage: dataDisk } }, storageClassName: 'ceph-rbd-virtualization' } },
        },
      ],
      template: {
        metadata: { labels: { app } },
        spec: {
          evictionStrategy: 'LiveMigrate',
          domain: {
            devices: {
              disks: [
                { name: 'root', disk: { bus: 'virtio' }, bootOrder: 1 },
                { name: 'data', disk: { bus: 'virtio' } },
                { name: 'cloudinitdisk', disk: { bus: 'virtio' } },
              ],
            },
          },
          volumes: [
            { name: 'root', dataVolume: { name: `${name}-root` } },
            { name: 'data', dataVolume: { name: `${name}-data` } },
            { name: 'cloudinitdisk', cloudInitNoCloud: { userData: USER_DATA } },
          ],
        },
      },
    },
  };
}

/** The estate as a typed environment. */
export const estate = defineEnvironment({
  name: 'estate',
  platform: 'openshift',
  prerequisites: { nmstate: true },
  namespaces: {
    db: { create: true, labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } },
    web: { create: true, labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } },
  },
  nodeGroups: [
    { name: 'compute', nodeSelector: { 'node-role.kubernetes.io/worker': '' }, nodes: [...COMPUTE_NODES], maxUnavailable: 1 },
    { name: 'storage', nodeSelector: { 'node-role.kubernetes.io/storage': '' }, nodes: [...STORAGE_NODES], maxUnavailable: 1 },
  ],
  uplinks: [
    {
      name: 'bond0',
      nodeGroup: 'compute',
      interface: 'bond0',
      mtu: 9000,
      bond: { mode: '802.3ad', ports: ['ens1f0', 'ens1f1'], options: { lacp_rate: 'fast', xmit_hash_policy: 'layer3+4' } },
      // the storage VLAN: compute-0 .11, compute-1 .12, compute-2 .13 (a new node appended gets .14)
      vlans: [{ id: 500, ipv4: { pool: '10.50.0.0/24', start: '10.50.0.11' } }],
    },
    {
      name: 'ens3f0',
      nodeGroup: 'storage',
      interface: 'ens3f0',
      mtu: 9000,
      vlans: [{ id: 500, ipv4: { perNode: { 'storage-0': '10.50.0.101/24', 'storage-1': '10.50.0.102/24' } } }],
    },
  ],
  networks: [
    { name: 'app-200', pattern: 'vlan-bridge', uplink: 'bond0', vlan: 200, namespaces: ['db', 'web'], subnets: ['10.20.0.0/24'] },
    {
      // mapping-only on br-ex: OVN tags VLAN 400 (NAD vlanID); no uplink of its own, the compute group instead
      name: 'ext-400',
      pattern: 'ovn-localnet',
      nodeGroup: 'compute',
      bridge: 'br-ex',
      existingBridge: true,
      physicalNetworkName: 'physnet-ext',
      vlan: 400,
      namespaces: ['web'],
      subnets: ['10.40.0.0/24'],
    },
  ],
  vms: [
    {
      name: 'db-0',
      namespace: 'db',
      virtualMachine: ownVm('db-0', 'db', 'postgres', 'u1.xlarge', '200Gi'),
      attachments: [{ network: 'app-200', name: 'app', ipv4: ['10.20.0.21/24'] }],
    },
    {
      name: 'db-1',
      namespace: 'db',
      virtualMachine: ownVm('db-1', 'db', 'postgres', 'u1.xlarge', '200Gi'),
      attachments: [{ network: 'app-200', name: 'app', ipv4: ['10.20.0.22/24'] }],
    },
    {
      name: 'web-0',
      namespace: 'web',
      virtualMachine: ownVm('web-0', 'web', 'frontend', 'u1.medium', '20Gi'),
      attachments: [
        { network: 'app-200', name: 'app', ipv4: ['10.20.0.31/24'] },
        // the pod network keeps the default route (DHCP); the external clients' range goes out on VLAN 400
        { network: 'ext-400', name: 'ext', ipv4: ['10.40.0.31/24'], routes: [{ to: '192.0.2.0/24', via: '10.40.0.1' }] },
      ],
    },
  ],
});
