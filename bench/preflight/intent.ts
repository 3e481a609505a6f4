/**
 * Synthetic intent for the pre-flight benchmark: NNCPs, NADs and VMs against the nodes of
 * ./cluster.ts. The policies are a mix as a platform team writes them:
 * - node-group policies selecting a rack label (10 % of the nodes each): a VLAN bridge on bond0;
 *   every fifth one instead maps an OVN localnet network to br-ex on every worker;
 * - per-node host policies selecting `kubernetes.io/hostname`: a storage VLAN with a static
 *   address, a NIC's MTU and SR-IOV VFs, a migration bridge, static routes, a dummy VIP;
 * - per-node policies bridging the default-gateway NIC by nmpolicy capture (kubernetes-nmstate's
 *   default_bridged_network_with_nmpolicy_test.go / nmstate's bridge-on-default-gw-no-dhcp).
 * Some are wrong the way real ones are: a NIC-MTU policy names ens1f2, which nodes with two NICs
 * do not have (PREFLIGHT_INTERFACE_MISSING), so the run also locates findings.
 */
import { MIN_NODE_VLANS, nicCount, NODE_LOCALNETS, NODE_VLAN_BASE, nodeName, RACKS } from './cluster';

type Obj = Record<string, unknown>;

/** How the policies are split. */
export interface IntentCounts {
  readonly groupPolicies: number;
  readonly capturePolicies: number;
  readonly hostPolicies: number;
  readonly nads: number;
  readonly vms: number;
}

/** The split of `policies` policies (6 % node-group, 4 % capture, the rest per host; VMs = policies / 5) and the NADs. */
export function intentCounts(policies: number): IntentCounts {
  const groupPolicies = Math.max(1, Math.round(policies * 0.06));
  const capturePolicies = Math.min(Math.max(0, policies - groupPolicies), Math.max(1, Math.round(policies * 0.04)));
  const hostPolicies = Math.max(0, policies - groupPolicies - capturePolicies);
  // one NAD per node-group policy (its bridge or its localnet), one per bridge every node has, one per mapped localnet
  return { groupPolicies, capturePolicies, hostPolicies, nads: groupPolicies + MIN_NODE_VLANS + NODE_LOCALNETS.length, vms: Math.max(1, Math.round(policies / 5)) };
}

const isMappingGroup = (g: number) => g % 5 === 4;
const GROUP_VLAN_BASE = 300;
const NAMESPACES = 5;
const ns = (k: number) => `tenant-${k % NAMESPACES}`;

function nncp(name: string, nodeSelector: Record<string, string>, desiredState: Obj, extra: Obj = {}): Obj {
  return { apiVersion: 'nmstate.io/v1', kind: 'NodeNetworkConfigurationPolicy', metadata: { name }, spec: { nodeSelector, ...extra, desiredState } };
}

const noIp = { enabled: false };
const stpOff = { stp: { enabled: false } };

/** Node-group policy g: a VLAN bridge on bond0 for one rack, or an OVN localnet mapping for every worker. */
function groupPolicy(g: number): Obj {
  if (isMappingGroup(g)) {
    return nncp(`localnet-tenant-${g}`, { 'node-role.kubernetes.io/worker': '' }, { ovn: { 'bridge-mappings': [{ localnet: `tenant-${g}`, bridge: 'br-ex', state: 'present' }] } }, { maxUnavailable: '10%' });
  }
  const id = GROUP_VLAN_BASE + g;
  return nncp(`vlan-${id}-rack-${g % RACKS}`, { 'multihome.io/rack': `rack-${g % RACKS}` }, {
    interfaces: [
      { name: `bond0.${id}`, type: 'vlan', state: 'up', vlan: { 'base-iface': 'bond0', id }, ipv4: noIp, ipv6: noIp },
      { name: `br${id}`, type: 'linux-bridge', state: 'up', description: `VLAN ${id} for VMs`, ipv4: noIp, ipv6: noIp, bridge: { options: stpOff, port: [{ name: `bond0.${id}` }] } },
    ],
  }, { maxUnavailable: 1 });
}

/** Per-node capture policy: bridge the default-gateway NIC keeping its MAC, addresses and routes. */
function capturePolicy(node: string, k: number): Obj {
  return nncp(`${node}-br-mgmt-${k}`, { 'kubernetes.io/hostname': node }, {
    interfaces: [{
      name: 'br-mgmt',
      description: 'Linux bridge with the default-gateway NIC as a port',
      type: 'linux-bridge',
      state: 'up',
      'mac-address': '{{ capture.base-iface.interfaces.0.mac-address }}',
      ipv4: '{{ capture.base-iface.interfaces.0.ipv4 }}',
      ipv6: '{{ capture.base-iface.interfaces.0.ipv6 }}',
      bridge: { options: stpOff, port: [{ name: '{{ capture.base-iface.interfaces.0.name }}' }] },
    }],
    routes: { config: '{{ capture.bridge-routes.routes.running }}' },
  }, {
    capture: {
      'default-gw': 'routes.running.destination=="0.0.0.0/0"',
      'base-iface': 'interfaces.name==capture.default-gw.routes.running.0.next-hop-interface',
      'base-iface-routes': 'routes.running.next-hop-interface==capture.base-iface.interfaces.0.name',
      'bridge-routes': 'capture.base-iface-routes | routes.running.next-hop-interface:="br-mgmt"',
    },
  });
}

/** Kind of host policy h: 0 storage VLAN, 1 NIC MTU + SR-IOV on ens1f2, 2 migration bridge, 3 static routes, 4 dummy VIP. */
const hostKind = (h: number, nodes: number) => Math.floor(h / nodes) % 5;

/** Per-node host policy h (of kind {@link hostKind}) on node index i. */
function hostPolicy(h: number, i: number, kind: number): Obj {
  const node = nodeName(i);
  const sel = { 'kubernetes.io/hostname': node };
  const hostOctet = `${1 + Math.floor(i / 250)}.${10 + (i % 250)}`;
  switch (kind) {
    case 0:
      return nncp(`${node}-storage-${h}`, sel, {
        interfaces: [{ name: 'bond0.200', type: 'vlan', state: 'up', mtu: 9000, vlan: { 'base-iface': 'bond0', id: 200 }, ipv4: { enabled: true, dhcp: false, address: [{ ip: `10.20.${hostOctet}`, 'prefix-length': 16 }] }, ipv6: noIp }],
      });
    case 1:
      return nncp(`${node}-sriov-${h}`, sel, {
        interfaces: [{ name: 'ens1f2', type: 'ethernet', state: 'up', mtu: 9000, ethernet: { 'sr-iov': { 'total-vfs': 16 } } }],
      });
    case 2:
      return nncp(`${node}-migration-${h}`, sel, {
        interfaces: [
          { name: 'bond0.250', type: 'vlan', state: 'up', vlan: { 'base-iface': 'bond0', id: 250 } },
          { name: 'br-migration', type: 'linux-bridge', state: 'up', ipv4: { enabled: true, dhcp: false, address: [{ ip: `10.25.${hostOctet}`, 'prefix-length': 16 }] }, ipv6: noIp, bridge: { options: stpOff, port: [{ name: 'bond0.250' }] } },
        ],
      });
    case 3:
      return nncp(`${node}-routes-${h}`, sel, {
        routes: { config: Array.from({ length: 4 }, (_, k) => ({ destination: `10.210.${(h * 4 + k) & 255}.0/24`, 'next-hop-address': '10.0.0.254', 'next-hop-interface': 'eth0', metric: 150, 'table-id': 254 })) },
      });
    default:
      return nncp(`${node}-vip-${h}`, sel, {
        interfaces: [{ name: `vip${h % 1000}`, type: 'dummy', state: 'up', ipv4: { enabled: true, dhcp: false, address: [{ ip: `192.168.${h & 255}.${10 + (i % 240)}`, 'prefix-length': 32 }] }, ipv6: noIp }],
      });
  }
}

function bridgeNad(name: string, namespace: string, bridge: string): Obj {
  const config = { cniVersion: '0.3.1', name, plugins: [{ type: 'bridge', bridge, mtu: 1500, ipam: {} }, { type: 'tuning' }] };
  return { apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name, namespace, annotations: { 'k8s.v1.cni.cncf.io/resourceName': `bridge.network.kubevirt.io/${bridge}` } }, spec: { config: JSON.stringify(config) } };
}

function localnetNad(localnet: string, namespace: string, vlan: number): Obj {
  const config = { cniVersion: '0.3.1', name: localnet, type: 'ovn-k8s-cni-overlay', topology: 'localnet', netAttachDefName: `${namespace}/${localnet}`, vlanID: vlan };
  return { apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name: localnet, namespace }, spec: { config: JSON.stringify(config) } };
}

function vm(j: number, nad: Obj, rack: string | undefined): Obj {
  const md = nad.metadata as { name: string; namespace: string };
  const mac = `02:6d:68:${((j >> 8) & 255).toString(16).padStart(2, '0')}:${(j & 255).toString(16).padStart(2, '0')}:01`;
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name: `vm-${String(j).padStart(4, '0')}`, namespace: md.namespace },
    spec: {
      runStrategy: 'Always',
      template: {
        spec: {
          ...(rack ? { nodeSelector: { 'multihome.io/rack': rack } } : {}),
          domain: { devices: { interfaces: [{ name: 'default', masquerade: {} }, { name: 'net1', bridge: {}, macAddress: mac }] }, resources: { requests: { memory: '2Gi' } } },
          networks: [{ name: 'default', pod: {} }, { name: 'net1', multus: { networkName: md.name } }],
          volumes: [{ name: 'rootdisk', containerDisk: { image: 'quay.io/containerdisks/fedora:40' } }],
        },
      },
    },
  };
}

/** Policies, NADs and VMs for `nodes` nodes and `policies` policies, in document order. */
export function generateIntent(nodes: number, policies: number): Obj[] {
  const c = intentCounts(policies);
  const out: Obj[] = [];
  for (let g = 0; g < c.groupPolicies; g++) out.push(groupPolicy(g));
  for (let k = 0; k < c.capturePolicies; k++) out.push(capturePolicy(nodeName((k * 7) % nodes), k));
  for (let h = 0; h < c.hostPolicies; h++) out.push(hostPolicy(h, h % nodes, hostKind(h, nodes)));
  const nads: Array<{ nad: Obj; rack?: string }> = [];
  for (let g = 0; g < c.groupPolicies; g++) {
    if (isMappingGroup(g)) nads.push({ nad: localnetNad(`tenant-${g}`, ns(g), 1000 + g) });
    else nads.push({ nad: bridgeNad(`vlan-${GROUP_VLAN_BASE + g}`, ns(g), `br${GROUP_VLAN_BASE + g}`), rack: `rack-${g % RACKS}` });
  }
  for (let v = 0; v < MIN_NODE_VLANS; v++) nads.push({ nad: bridgeNad(`vlan-${NODE_VLAN_BASE + v}`, ns(v), `br${NODE_VLAN_BASE + v}`) });
  NODE_LOCALNETS.forEach((l, k) => nads.push({ nad: localnetNad(l, ns(k), 2000 + k) }));
  out.push(...nads.map((n) => n.nad));
  for (let j = 0; j < c.vms; j++) {
    const n = nads[j % nads.length];
    out.push(vm(j, n.nad, n.rack));
  }
  return out;
}

/**
 * The findings pre-flight must report on these inputs, by code: the planted mistakes (an ens1f2
 * policy on each node with two NICs; a rack policy for a rack no node is in, when there are fewer
 * nodes than racks). Everything else is meant to be clean.
 */
export function expectedFindings(nodes: number, policies: number): Record<string, number> {
  const c = intentCounts(policies);
  let missing = 0;
  for (let h = 0; h < c.hostPolicies; h++) if (hostKind(h, nodes) === 1 && nicCount(h % nodes) < 3) missing++;
  let noNode = 0;
  for (let g = 0; g < c.groupPolicies; g++) if (!isMappingGroup(g) && g % RACKS >= nodes) noNode++;
  const out: Record<string, number> = {};
  if (missing) out.PREFLIGHT_INTERFACE_MISSING = missing;
  if (noNode) out.PREFLIGHT_POLICY_SELECTS_NO_NODE = noNode;
  return out;
}
