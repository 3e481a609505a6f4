/**
 * The attachment side of the diagram: one cluster per namespace holding its NADs and VMs. Each
 * NAD hangs off the bridge (or macvlan master, or OVN localnet) it names on every node group
 * that has it; each VM hangs off the NADs its networks name, with its MACs and guest addresses.
 * What the manifests name but do not contain is drawn dashed ("implied").
 */
import type { NadInfo, SetModel, VmInfo, VmNic } from '../topology/rules/model';
import { HOSTNAME_LABEL, formatSelector } from '../topology/rules/selectors';
import { cmp, GraphBuilder } from './graph-builder';
import { guestNics } from './guest';
import { HostIndex } from './host';
import { diagramId, ID_PREFIX } from './ids';

/** Where the attachment side put things, for problem placement. */
export interface AttachIndex {
  /** Node id of each NAD by `namespace/name`. */
  readonly nads: Map<string, string>;
  /** Node id of each VM by `namespace/name`. */
  readonly vms: Map<string, string>;
}

/** Part of an id / key that marks "not on any node group". */
const NOWHERE = '*';

function namespaceCluster(g: GraphBuilder, ns: string): string {
  return g.addCluster({ id: diagramId(ID_PREFIX.namespace, ns), kind: 'namespace', title: `namespace ${ns}` });
}

function nadVlanLabel(n: NadInfo): string | undefined {
  if (n.vlan !== undefined && n.vlan !== 0) return `vlan ${n.vlan}`;
  if (n.vlanTrunk.length) return `trunk ${n.vlanTrunk.join(',')}`;
  return undefined;
}

function nadLines(n: NadInfo): string[] {
  const type = n.main?.type;
  const lines: string[] = [];
  if (!n.config) lines.push('config unreadable');
  else if (n.flavour === 'bridge') lines.push(`${type} on ${n.bridge}`);
  else if (n.flavour === 'macvlan' || n.flavour === 'ipvlan') lines.push(`${type} on ${n.master ?? '(default route NIC)'}${typeof n.main?.mode === 'string' ? ` ${n.main.mode}` : ''}`);
  else if (n.flavour === 'ovn') lines.push(`ovn ${n.ovnTopology ?? '?'}${n.ovnTopology === 'localnet' ? ` ${n.physicalNetwork}` : ''}`);
  else lines.push(String(type ?? 'no type'));
  const vlan = nadVlanLabel(n);
  if (vlan) lines.push(vlan);
  if (n.mtu !== undefined) lines.push(`mtu ${n.mtu}`);
  if (n.ipamType) lines.push(`ipam ${n.ipamType}${n.subnets.length ? ' ' + n.subnets.map((s) => s.text).join(', ') : ''}`);
  return lines;
}

/** Node ids the NAD attaches to, creating a dashed placeholder when the set lacks it. */
function nadSources(g: GraphBuilder, host: HostIndex, n: NadInfo): string[] {
  const implied = (name: string, kind: 'bridge' | 'ethernet' | 'localnet', line: string): string[] => {
    const id = diagramId(kind === 'localnet' ? ID_PREFIX.localnet : ID_PREFIX.iface, NOWHERE, name);
    g.node(id, kind, kind === 'localnet' ? `localnet ${name}` : name, { lines: [line], implied: true });
    return [id];
  };
  if (n.flavour === 'bridge' && n.bridge !== undefined) {
    return host.ifacesByName.get(n.bridge) ?? implied(n.bridge, 'bridge', 'bridge not in these NNCPs');
  }
  if ((n.flavour === 'macvlan' || n.flavour === 'ipvlan') && n.master !== undefined) {
    return host.ifacesByName.get(n.master) ?? implied(n.master, 'ethernet', 'master not in these NNCPs');
  }
  if (n.flavour === 'ovn' && n.ovnTopology === 'localnet' && n.physicalNetwork !== undefined) {
    return host.localnets.get(n.physicalNetwork) ?? implied(n.physicalNetwork, 'localnet', 'no bridge-mapping in these NNCPs');
  }
  return [];
}

function placementLine(vm: VmInfo): string | undefined {
  const s = vm.nodeSelector;
  if (!s) return vm.hasAffinity ? 'placement by affinity' : undefined;
  const keys = Object.keys(s);
  if (keys.length === 1 && keys[0] === HOSTNAME_LABEL) return `node ${s[HOSTNAME_LABEL]}`;
  return `nodes ${formatSelector(s)}`;
}

function nicLines(nic: VmNic, guest: ReturnType<typeof guestNics>): string[] {
  const source = nic.network?.pod ? 'pod' : nic.network?.multus ?? 'no network';
  const head = [`${nic.name}:`, nic.binding ?? 'no binding', nic.network?.pod ? `(${source})` : undefined, nic.mac, nic.absent ? 'absent' : undefined];
  const g = guest.get(nic.name);
  const addr = g ? [...g.addresses, ...g.dhcp] : [];
  return [head.filter((s) => s !== undefined).join(' '), ...(addr.length ? [`  ${addr.join(', ')}`] : [])];
}

/** Draws every NAD and VM of the set into namespace clusters (namespaces and objects in name order). */
export function drawAttachments(g: GraphBuilder, model: SetModel, host: HostIndex): AttachIndex {
  const index: AttachIndex = { nads: new Map(), vms: new Map() };
  const nads = [...model.nads].sort((a, b) => cmp(a.key, b.key));
  const vms = [...model.vms].sort((a, b) => cmp(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`));
  const namespaces = [...new Set([...nads.map((n) => n.namespace), ...vms.map((v) => v.namespace)])].sort(cmp);
  for (const ns of namespaces) namespaceCluster(g, ns);
  for (const n of nads) {
    if (index.nads.has(n.key)) continue;
    const id = g.node(diagramId(ID_PREFIX.nad, n.namespace, n.name), 'nad', `NAD ${n.name}`, { cluster: namespaceCluster(g, n.namespace), lines: nadLines(n) });
    index.nads.set(n.key, id);
    for (const src of nadSources(g, host, n)) g.edge(src, id, nadVlanLabel(n));
  }
  for (const vm of vms) {
    const key = `${vm.namespace}/${vm.name}`;
    if (index.vms.has(key)) continue;
    const guest = guestNics(vm);
    const lines = [placementLine(vm), vm.running ? undefined : 'halted', ...vm.nics.flatMap((nic) => nicLines(nic, guest))].filter((s): s is string => s !== undefined);
    const id = g.node(diagramId(ID_PREFIX.vm, vm.namespace, vm.name), 'vm', `${vm.manifest.kind === 'VirtualMachineInstance' ? 'VMI' : 'VM'} ${vm.name}`, { cluster: namespaceCluster(g, vm.namespace), lines });
    index.vms.set(key, id);
    for (const nic of vm.nics) {
      if (!nic.nadKey) continue;
      let nad = index.nads.get(nic.nadKey);
      if (!nad) {
        const [ns, name] = nic.nadKey.split('/', 2);
        nad = g.node(diagramId(ID_PREFIX.nad, ns, name), 'nad', `NAD ${name}`, { cluster: namespaceCluster(g, ns), lines: ['not in these manifests'], implied: true });
      }
      g.edge(nad, id, nic.name, nic.absent ? 'dashed' : 'solid');
    }
  }
  return index;
}
