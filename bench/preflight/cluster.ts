/**
 * Synthetic cluster state for the pre-flight benchmark: one NodeNetworkState per node, as
 * `kubectl get nns NAME -o yaml` prints it (nmstate 2.2 `show` output, the shape of
 * test/fixtures/preflight/nns/*.yaml), and the nodes' `v1` Node objects. Each node has lo, eth0
 * (DHCP, the default route and the InternalIP), 2–4 NICs (two bonded as bond0, SR-IOV capable),
 * 6–13 VLANs on bond0 each under a Linux bridge, OVN's br-ex/br-int/ovn-k8s-mp0/genev_sys_6081
 * and no veths (kubernetes-nmstate filters them out of the NNS): 22–38 interface entries, ~50 running
 * routes, DNS and `ovn.bridge-mappings`. Deterministic: node i is always the same.
 */

/** Racks the nodes are spread over (label `multihome.io/rack`, selected by node-group policies). */
export const RACKS = 10;

/** First VLAN id present on every node (bond0.100 … under br100 …). */
export const NODE_VLAN_BASE = 100;

/** VLANs every node has at least (so NADs on br100…br105 find their bridge everywhere). */
export const MIN_NODE_VLANS = 6;

/** The localnet networks every node maps to br-ex. */
export const NODE_LOCALNETS = ['physnet', 'tenant-blue'] as const;

/** Name of node i. */
export function nodeName(i: number): string {
  return `worker-${String(i).padStart(3, '0')}`;
}

/** NICs of node i besides eth0: ens1f0 … (2, 3 or 4). */
export function nicCount(i: number): number {
  return 2 + (i % 3);
}

/** VLANs (bond0.<id> + br<id>) of node i. */
export function vlanCount(i: number): number {
  return MIN_NODE_VLANS + (i % 8);
}

/** Rack label value of node i. */
export function rackOf(i: number): string {
  return `rack-${i % RACKS}`;
}

const hex = (x: number) => (x & 255).toString(16).padStart(2, '0').toUpperCase();

/** MAC of interface slot `j` of node i (upper case, as nmstate prints it). */
export function macOf(i: number, j: number): string {
  return `52:54:00:${hex(i >> 8)}:${hex(i)}:${hex(j)}`;
}

/** InternalIP (eth0's address) of node i, in 10.0.0.0/16. */
export function internalIpOf(i: number): string {
  return `10.0.${1 + Math.floor(i / 250)}.${10 + (i % 250)}`;
}

type Obj = Record<string, unknown>;

const disabled = { enabled: false };
const linkLocal = (i: number, j: number) => ({ address: [{ ip: `fe80::5054:ff:fe${hex(i).toLowerCase()}:${hex(j).toLowerCase()}00`, 'prefix-length': 64 }], autoconf: false, dhcp: false, enabled: true });

function nic(i: number, k: number, controller?: string): Obj {
  const slot = 1 + k;
  return {
    name: `ens1f${k}`,
    type: 'ethernet',
    state: 'up',
    'mac-address': macOf(i, slot),
    'permanent-mac-address': macOf(i, slot),
    mtu: controller ? 9000 : 1500,
    'min-mtu': 68,
    'max-mtu': 9216,
    ...(controller ? { controller } : {}),
    'pci-address': `0000:3b:00.${k}`,
    ethernet: { 'auto-negotiation': true, duplex: 'full', speed: 25000, 'sr-iov': { 'total-vfs': 0, 'max-vfs': 64, vfs: [] } },
    ipv4: disabled,
    ipv6: disabled,
    lldp: { enabled: false },
  };
}

/** `status.currentState` of node i. */
export function currentStateOf(i: number): Obj {
  const nics = nicCount(i);
  const vlans = vlanCount(i);
  const ip = internalIpOf(i);
  const interfaces: Obj[] = [
    { name: 'lo', type: 'loopback', state: 'up', 'mac-address': '00:00:00:00:00:00', mtu: 65536, ipv4: { address: [{ ip: '127.0.0.1', 'prefix-length': 8 }], enabled: true }, ipv6: { address: [{ ip: '::1', 'prefix-length': 128 }], enabled: true } },
    {
      name: 'eth0',
      type: 'ethernet',
      state: 'up',
      'mac-address': macOf(i, 0),
      'permanent-mac-address': macOf(i, 0),
      mtu: 1500,
      'min-mtu': 68,
      'max-mtu': 9216,
      'pci-address': '0000:01:00.0',
      ethernet: { 'auto-negotiation': true, duplex: 'full', speed: 10000 },
      ipv4: { address: [{ ip, 'prefix-length': 16 }], 'auto-dns': true, 'auto-gateway': true, 'auto-routes': true, dhcp: true, enabled: true },
      ipv6: { ...linkLocal(i, 0), autoconf: true, dhcp: true },
      lldp: { enabled: false },
    },
  ];
  for (let k = 0; k < nics; k++) interfaces.push(nic(i, k, k < 2 ? 'bond0' : k === 3 ? 'br-ex' : undefined));
  interfaces.push({
    name: 'bond0',
    type: 'bond',
    state: 'up',
    'mac-address': macOf(i, 1),
    mtu: 9000,
    'link-aggregation': { mode: '802.3ad', options: { miimon: 100, 'lacp-rate': 'fast', 'xmit-hash-policy': 'layer3+4' }, port: ['ens1f0', 'ens1f1'] },
    ipv4: disabled,
    ipv6: disabled,
  });
  for (let v = 0; v < vlans; v++) {
    const id = NODE_VLAN_BASE + v;
    interfaces.push({ name: `bond0.${id}`, type: 'vlan', state: 'up', 'mac-address': macOf(i, 1), mtu: 9000, controller: `br${id}`, vlan: { 'base-iface': 'bond0', id, protocol: '802.1q' }, ipv4: disabled, ipv6: disabled });
    interfaces.push({
      name: `br${id}`,
      type: 'linux-bridge',
      state: 'up',
      'mac-address': macOf(i, 1),
      mtu: 9000,
      bridge: { options: { 'group-forward-mask': 0, 'mac-ageing-time': 300, 'multicast-snooping': true, stp: { enabled: false, 'forward-delay': 15, 'hello-time': 2, 'max-age': 20, priority: 32768 } }, port: [{ name: `bond0.${id}`, 'stp-hairpin-mode': false, 'stp-path-cost': 100, 'stp-priority': 32, vlan: {} }] },
      ipv4: disabled,
      ipv6: disabled,
    });
  }
  const brExPorts = [{ name: 'br-ex' }, ...(nics > 3 ? [{ name: 'ens1f3' }] : [])];
  interfaces.push(
    { name: 'br-ex', type: 'ovs-bridge', state: 'up', bridge: { options: { 'fail-mode': '', 'mcast-snooping-enable': false, rstp: false, stp: false }, port: brExPorts } },
    { name: 'br-ex', type: 'ovs-interface', state: 'up', 'mac-address': macOf(i, 0x20), mtu: 1500, controller: 'br-ex', ipv4: disabled, ipv6: disabled },
    { name: 'br-int', type: 'ovs-interface', state: 'down', 'mac-address': macOf(i, 0x21), mtu: 1400, ipv4: disabled, ipv6: disabled },
    { name: 'ovn-k8s-mp0', type: 'ovs-interface', state: 'up', 'mac-address': macOf(i, 0x22), mtu: 1400, ipv4: { address: [{ ip: `10.128.${i}.2`, 'prefix-length': 23 }], dhcp: false, enabled: true }, ipv6: linkLocal(i, 0x22) },
    { name: 'genev_sys_6081', type: 'unknown', state: 'up', 'mac-address': macOf(i, 0x23), mtu: 65000, ipv4: disabled, ipv6: linkLocal(i, 0x23) },
  );
  const siteRoutes = Array.from({ length: 36 }, (_, k) => ({ destination: `10.200.${k}.0/24`, metric: 150, 'next-hop-address': '10.0.0.254', 'next-hop-interface': 'eth0', 'table-id': 254 }));
  const running = [
    { destination: '0.0.0.0/0', metric: 100, 'next-hop-address': '10.0.0.1', 'next-hop-interface': 'eth0', 'table-id': 254 },
    { destination: '10.0.0.0/16', metric: 100, 'next-hop-address': '', 'next-hop-interface': 'eth0', 'table-id': 254 },
    { destination: '10.128.0.0/14', metric: 0, 'next-hop-address': `10.128.${i}.1`, 'next-hop-interface': 'ovn-k8s-mp0', 'table-id': 254 },
    { destination: `10.128.${i}.0/23`, metric: 0, 'next-hop-address': '', 'next-hop-interface': 'ovn-k8s-mp0', 'table-id': 254 },
    ...siteRoutes,
    { destination: '::/0', metric: 100, 'next-hop-address': 'fe80::1', 'next-hop-interface': 'eth0', 'table-id': 254 },
    ...['eth0', 'ovn-k8s-mp0', 'genev_sys_6081'].flatMap((dev) => [
      { destination: 'fe80::/64', metric: 256, 'next-hop-address': '', 'next-hop-interface': dev, 'table-id': 254 },
      { destination: 'ff00::/8', metric: 256, 'next-hop-address': '', 'next-hop-interface': dev, 'table-id': 255 },
    ]),
  ];
  const dns = { search: ['cluster.example.com'], server: ['10.0.0.53', '10.0.0.54'] };
  return {
    'dns-resolver': { config: dns, running: dns },
    interfaces,
    ovn: { 'bridge-mappings': NODE_LOCALNETS.map((localnet) => ({ localnet, bridge: 'br-ex' })) },
    'route-rules': { config: [] },
    routes: { config: siteRoutes, running },
  };
}

const uid = (kind: number, i: number) => `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${String(i).padStart(12, '0')}`;
const at = (i: number) => `2026-03-02T10:${String(10 + (i % 40)).padStart(2, '0')}:05Z`;

/** NodeNetworkState of node i, as `kubectl get nns NAME -o yaml` prints it. */
export function nodeNetworkStateOf(i: number): Obj {
  const name = nodeName(i);
  const heartbeat = { lastHeartbeatTime: at(i), lastTransitionTime: '2026-03-01T08:00:00Z' };
  return {
    apiVersion: 'nmstate.io/v1beta1',
    kind: 'NodeNetworkState',
    metadata: {
      creationTimestamp: '2026-03-01T08:00:00Z',
      generation: 1,
      name,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: uid(1, i) }],
      resourceVersion: String(100000 + i),
      uid: uid(2, i),
    },
    status: {
      conditions: [
        { ...heartbeat, message: 'Successfully retrieved the current state', reason: 'QuerySucceeded', status: 'True', type: 'Available' },
        { ...heartbeat, reason: 'QuerySucceeded', status: 'False', type: 'Failing' },
      ],
      currentState: currentStateOf(i),
      handlerNetworkManagerVersion: '1.46.0',
      handlerNmstateVersion: 'nmstatectl 2.2.37',
      hostNetworkManagerVersion: '1.46.0',
      lastSuccessfulUpdateTime: at(i),
    },
  };
}

/** Node object of node i, as `kubectl get nodes -o yaml` prints it. */
export function nodeOf(i: number): Obj {
  const name = nodeName(i);
  const cond = (type: string, status: string, reason: string, message: string) => ({ lastHeartbeatTime: at(i), lastTransitionTime: '2026-03-01T08:00:00Z', message, reason, status, type });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      annotations: { 'k8s.ovn.org/node-primary-ifaddr': JSON.stringify({ ipv4: `${internalIpOf(i)}/16` }), 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
      creationTimestamp: '2026-03-01T07:50:00Z',
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'multihome.io/rack': rackOf(i),
        'node-role.kubernetes.io/worker': '',
        'topology.kubernetes.io/zone': `zone-${i % 3}`,
      },
      name,
      resourceVersion: String(200000 + i),
      uid: uid(1, i),
    },
    spec: { podCIDR: `10.128.${i}.0/23`, providerID: `baremetalhost:///machines/${name}` },
    status: {
      addresses: [{ address: internalIpOf(i), type: 'InternalIP' }, { address: name, type: 'Hostname' }],
      allocatable: { cpu: '63500m', 'ephemeral-storage': '857276346648', memory: '262432412Ki', pods: '250' },
      capacity: { cpu: '64', 'ephemeral-storage': '930208524Ki', memory: '263583388Ki', pods: '250' },
      conditions: [
        cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      nodeInfo: { architecture: 'amd64', containerRuntimeVersion: 'cri-o://1.29.2', kernelVersion: '5.14.0-427.el9.x86_64', kubeletVersion: 'v1.29.3', operatingSystem: 'linux', osImage: 'Red Hat Enterprise Linux CoreOS 416' },
    },
  };
}
