/**
 * Everything the real-kernel lab applies, synthesized by multihome itself — never hand-written:
 * node agent configs are the ConfigMaps the NetworkAgent deployment renders for a typed
 * environment (`renderAgentDeployment`, read back from the ConfigMap's YAML exactly as the
 * DaemonSet mounts it); the lab "VMs" are taken from the rendered VirtualMachines: each NIC's
 * pinned MAC, the CNI config of the NetworkAttachmentDefinition it names (`spec.config`), and the
 * cloud-init `networkData` entry the guest would apply to that NIC.
 *
 * {@link labIntents} is the single entry point: to move the lab to other environments (the
 * synthesized `lab`/`prod`), change the environments it derives from here and nothing else.
 */
import * as YAML from 'yaml';
import type { AgentConfigDocument, ProbeSpec } from '../../lib/agent/config';
import { renderTopology } from '../../lib/core';
import { selectorMatches } from '../../lib/core/topology/agent-config';
import { AGENT_CONFIG_MOUNT, NODE_GROUP_LABEL, renderAgentDeployment } from '../../lib/core/topology/agent-deployment';
import { isAddressList } from '../../lib/core/topology/host-addresses';
import { HostAddresses, NetworkSpec, Topology, UplinkSpec } from '../../lib/core/topology/model';
import { lab } from '../../apps/environments/lab';
import { prod } from '../../apps/environments/prod';

/** The addresses of the plain list form (prod's seed 002 bond node uses only that form). */
const listed = (a: HostAddresses | undefined): readonly string[] => (isAddressList(a) ? a : []);

/** A CNI config or conflist as multihome renders it into a NAD. */
export type CniConfig = Record<string, unknown>;

/** One VM NIC the lab plugs with the real bridge plugin, as multihome rendered it. */
export interface LabVm {
  readonly name: string;
  /** Lab node (network namespace) the VM runs on, from the VM's nodeSelector. */
  readonly node: string;
  /** The Multus network the NIC names (`networks[].multus.networkName`). */
  readonly network: string;
  /** That NAD's `spec.config`, parsed. */
  readonly cni: CniConfig;
  /** The NIC's pinned MAC (`domain.devices.interfaces[].macAddress`): Multus hands it to the plugin. */
  readonly mac: string;
  /** The cloud-init `networkData` ethernet the guest applies: to the NIC whose MAC is `match`. */
  readonly networkData: { readonly name: string; readonly match: string; readonly addresses: readonly string[] };
}

/** The agent config of one lab node. */
export interface LabNode {
  /** Lab namespace name. */
  readonly netns: string;
  /** The node's labels; the node group's nodeSelector (its DaemonSet's) matches them. */
  readonly labels: Readonly<Record<string, string>>;
  /** Node group whose agent ConfigMap this node mounts. */
  readonly nodeGroup: string;
  /** The ConfigMap's agent config, parsed back from its YAML. */
  readonly config: AgentConfigDocument;
}

/** Every input of the lab, per scenario. */
export interface LabIntents {
  /** Seed 004: `br0` trunk on eth1 of node01/node02, VLAN 100 (vma, vmb) and VLAN 200 (vmc, vmd) for isolation. */
  readonly seed004: { readonly nodes: readonly LabNode[]; readonly vms: readonly LabVm[]; readonly decommission: readonly LabNode[] };
  /** Seed 001: eno49 → eno49.1085 → bridge-1085 on a c7000 node; pxe-vm reaches the VLAN 1085 gateway. */
  readonly seed001: { readonly node: LabNode; readonly vms: readonly LabVm[]; readonly gateway: string; readonly vlan: number; readonly decommission: LabNode };
  /** Seed 002: bond0 active-backup over ens161/ens256, VLANs 144/145 dual-stack. */
  readonly seed002: {
    readonly node: LabNode;
    readonly ports: readonly string[];
    /** Per VLAN (0 = untagged on the bond): the node's addresses and the switch gateway's. */
    readonly segments: ReadonlyArray<{ readonly vlan: number; readonly node: readonly string[]; readonly gateway: readonly string[] }>;
    readonly decommission: LabNode;
  };
  /** Rollback: a bond intent with a wrong subnet on bond0.144 (and a new VLAN 146) that breaks the probe. */
  readonly rollback: { readonly breaking: LabNode };
}

/** What one lab node takes from the agent deployment of a topology. */
export interface NodeOptions {
  /** Only these NNCPs (the agent refuses DHCP, which other prod policies use). */
  readonly policies?: readonly string[];
  readonly probes?: readonly ProbeSpec[];
}

/**
 * A lab node running the agent of `nodeGroup`: its config is the ConfigMap the NetworkAgent
 * deployment renders for that group (apply mode), parsed back from the YAML the DaemonSet mounts.
 */
export function node(netns: string, labels: Record<string, string>, nodeGroup: string, topology: Topology, options: NodeOptions = {}): LabNode {
  const group = topology.nodeGroups.find((g) => g.name === nodeGroup);
  if (!group || !selectorMatches(group.nodeSelector, labels)) throw new Error(`lab: node ${netns} ${JSON.stringify(labels)} is not in node group ${nodeGroup}`);
  const manifests = renderAgentDeployment(topology, {
    mode: 'apply',
    nodeGroups: [nodeGroup],
    policies: options.policies,
    probes: options.probes ? { [nodeGroup]: options.probes } : undefined,
  });
  const cm = manifests.find((m) => m.kind === 'ConfigMap' && m.metadata.labels?.[NODE_GROUP_LABEL] === nodeGroup);
  if (!cm) throw new Error(`lab: the agent deployment of ${topology.name} renders no ConfigMap for node group ${nodeGroup}`);
  const config = YAML.parse((cm.data as Record<string, string>)[AGENT_CONFIG_MOUNT.key]) as AgentConfigDocument;
  return { netns, labels, nodeGroup, config };
}

/** The parts of a rendered VirtualMachine the lab reads. */
interface RenderedVm {
  metadata: { name: string; namespace?: string };
  spec: {
    template: {
      spec: {
        nodeSelector?: Record<string, string>;
        domain: { devices: { interfaces: Array<{ name: string; bridge?: object; masquerade?: object; macAddress?: string }> } };
        networks: Array<{ name: string; pod?: object; multus?: { networkName: string } }>;
        volumes: Array<{ cloudInitNoCloud?: { networkData?: string } }>;
      };
    };
  };
}

/**
 * The bridge-bound Multus NIC of each VirtualMachine multihome renders for `topology` (the lab
 * plugs one per VM, as `net1`), placed on a lab node by its nodeSelector: the MAC from the VM
 * spec, the CNI config from the NAD the NIC names, and the VM's one cloud-init ethernet besides the
 * pod NIC's (the lab has no pod network; that entry matches the masquerade NIC's MAC). Whether
 * that ethernet's `match.macaddress` really is the NIC's MAC is left to the lab to find out: the
 * driver configures the guest interface that carries it, as cloud-init would.
 */
export function vmsOf(topology: Topology, nodeOf: (nodeSelector: Readonly<Record<string, string>>) => string): LabVm[] {
  const manifests = renderTopology(topology);
  const nads = new Map(manifests.filter((m) => m.kind === 'NetworkAttachmentDefinition').map((m) => [`${m.metadata.namespace}/${m.metadata.name}`, m]));
  return manifests
    .filter((m) => m.kind === 'VirtualMachine')
    .flatMap((m) => {
      const vm = m as unknown as RenderedVm;
      const spec = vm.spec.template.spec;
      const ns = vm.metadata.namespace ?? 'default';
      const networkData = YAML.parse(spec.volumes.find((v) => v.cloudInitNoCloud)?.cloudInitNoCloud?.networkData ?? '{}') as {
        ethernets?: Record<string, { match?: { macaddress?: string }; addresses?: string[] }>;
      };
      const nics = spec.domain.devices.interfaces.filter((i) => i.bridge && spec.networks.find((n) => n.name === i.name)?.multus);
      const podMacs = spec.domain.devices.interfaces.filter((i) => spec.networks.find((n) => n.name === i.name)?.pod).map((i) => i.macAddress);
      const ethernets = Object.entries(networkData.ethernets ?? {}).filter(([, eth]) => !podMacs.includes(eth.match?.macaddress));
      if (nics.length !== 1 || ethernets.length !== 1) throw new Error(`lab: VM ${ns}/${vm.metadata.name} has ${nics.length} bridge NIC(s) and ${ethernets.length} cloud-init ethernet(s); the lab plugs exactly one`);
      return nics.map((iface) => {
        const multus = spec.networks.find((n) => n.name === iface.name)!.multus!;
        const [nadNs, nadName] = multus.networkName.includes('/') ? multus.networkName.split('/') : [ns, multus.networkName];
        const nad = nads.get(`${nadNs}/${nadName}`);
        if (!nad || !iface.macAddress) throw new Error(`lab: VM ${ns}/${vm.metadata.name} NIC ${iface.name}: no rendered NAD ${nadNs}/${nadName} or no MAC`);
        const [name, eth] = ethernets[0];
        return {
          name: vm.metadata.name,
          node: nodeOf(spec.nodeSelector ?? {}),
          network: multus.networkName,
          cni: JSON.parse((nad.spec as { config: string }).config) as CniConfig,
          mac: iface.macAddress,
          networkData: { name, match: eth.match?.macaddress ?? '(no match.macaddress)', addresses: eth.addresses ?? [] },
        };
      });
    });
}

/** `t` with the named networks marked absent and no VMs (the decommission step). */
export const absentNetworks = (t: Topology, names: readonly string[]): Topology => ({
  ...t,
  networks: t.networks.map((n) => (names.includes(n.name) ? { ...n, state: 'absent' as const } : n)),
  vms: [],
});

/** The lab's intents. */
export function labIntents(): LabIntents {
  // ---- seed 004: the lab environment plus a second VLAN on the same trunk for the isolation check
  const vlan100 = lab.networks.find((n) => n.name === 'br0-100')!;
  const vlan200: NetworkSpec = { ...vlan100, name: 'br0-200', vlan: 200, nadName: 'br0-200-l2', cniName: 'br0-200-l2-config', subnets: ['10.200.0.0/24'] };
  const lab004: Topology = {
    ...lab,
    networks: [...lab.networks, vlan200],
    vms: [
      ...lab.vms,
      { name: 'vmc', namespace: 'default', nodeSelector: { 'kubernetes.io/hostname': 'node02' }, attachments: [{ network: 'br0-200', ipv4: ['10.200.0.3/24'] }] },
      { name: 'vmd', namespace: 'default', nodeSelector: { 'kubernetes.io/hostname': 'node01' }, attachments: [{ network: 'br0-200', ipv4: ['10.200.0.4/24'] }] },
    ],
  };
  const host = (name: string) => ({ 'kubernetes.io/hostname': name });
  const seed004Nodes = ['node01', 'node02'].map((n) => node(n, host(n), 'nodes', lab004));
  const seed004Vms = vmsOf(lab004, (sel) => sel['kubernetes.io/hostname'] ?? 'node01');
  const lab004Absent = absentNetworks(lab004, ['br0-100', 'br0-200']);

  // ---- seed 001: prod's VLAN 1085 per-VLAN bridge on a c7000 node
  const c7000 = { hardware: 'c7000' };
  const net1085 = prod.networks.find((n) => n.name === 'vlan-1085')!;
  const seed001Policy = ['vlan-1085-policy-c7000'];
  const seed001Vms = vmsOf({ ...prod, vms: prod.vms.filter((v) => v.attachments.some((a) => a.network === 'vlan-1085')) }, () => 'c7000');
  const gw1085 = net1085.subnets![0].replace(/\.0\/(\d+)$/, '.1/$1');

  // ---- seed 002: prod's bonded uplink on node 10-6-185-30
  const bondHost = host('10-6-185-30');
  const bond = prod.uplinks.find((u) => u.name === 'bond0')!;
  const seed002Policy = [bond.policyName!];
  const bondGroup = bond.nodeGroup;
  const probe: ProbeSpec = { name: 'vlan144-gateway', target: '172.144.0.1', interface: 'bond0.144', timeoutSeconds: 3 };
  const segments = [
    { vlan: 0, node: [...listed(bond.ipv4), ...listed(bond.ipv6)], gateway: ['172.39.0.1/16', 'fc00:172:39::1/64'] },
    ...(bond.vlans ?? []).map((v) => ({
      vlan: v.id,
      node: [...listed(v.ipv4), ...listed(v.ipv6)],
      gateway: [`172.${v.id}.0.1/16`, `fd00:${v.id}::1/64`],
    })),
  ];
  const withUplink = (u: UplinkSpec): Topology => ({ ...prod, uplinks: prod.uplinks.map((x) => (x.name === u.name ? u : x)) });
  // the breaking change: a typo'd subnet on VLAN 144 (the probe's path) plus a new VLAN 146
  const breaking = withUplink({
    ...bond,
    vlans: [
      ...(bond.vlans ?? []).map((v) => (v.id === 144 ? { ...v, ipv4: ['172.146.185.30/16'] } : v)),
      { id: 146, ipv4: ['172.146.0.30/16'] },
    ],
  });

  return {
    seed004: {
      nodes: seed004Nodes,
      vms: seed004Vms,
      decommission: ['node01', 'node02'].map((n) => node(n, host(n), 'nodes', lab004Absent)),
    },
    seed001: {
      node: node('c7000', c7000, 'c7000', prod, { policies: seed001Policy }),
      vms: seed001Vms,
      gateway: gw1085,
      vlan: net1085.vlan!,
      decommission: node('c7000', c7000, 'c7000', absentNetworks(prod, ['vlan-1085']), { policies: seed001Policy }),
    },
    seed002: {
      node: node('bondnode', bondHost, bondGroup, prod, { policies: seed002Policy, probes: [probe] }),
      ports: bond.bond!.ports,
      segments,
      decommission: node('bondnode', bondHost, bondGroup, withUplink({ ...bond, state: 'absent' }), { policies: seed002Policy }),
    },
    rollback: { breaking: node('bondnode', bondHost, bondGroup, breaking, { policies: seed002Policy, probes: [probe] }) },
  };
}
