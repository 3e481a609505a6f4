/**
 * The host side of the diagram: one cluster per node group (distinct NNCP nodeSelector), in it
 * each policy and the interfaces it declares — NICs and bond ports → bonds → VLANs → bridges →
 * OVN localnets — with edges from the wire towards the bridge.
 */
import { isRecord } from '../problems';
import type { NncpIface, NncpInfo, SetModel } from '../topology/rules/model';
import { formatSelector } from '../topology/rules/selectors';
import { cmp, GraphBuilder } from './graph-builder';
import { diagramId, ID_PREFIX } from './ids';
import { DiagramNodeKind } from './model';

/** Where the host side put things, for the attachment side and for problem placement. */
export interface HostIndex {
  /** Node ids of interfaces by interface name, across node groups. */
  readonly ifacesByName: Map<string, string[]>;
  /** Node ids of OVN localnets by localnet name. */
  readonly localnets: Map<string, string[]>;
  /** Node id of each policy by name (first wins on duplicates). */
  readonly policies: Map<string, string>;
  /** Node id of `interfaces[index]` of each policy, by `policy name/index`. */
  readonly ifaceAt: Map<string, string>;
}

/** Label of a node group: its selector, `every node` when empty. */
export function groupKey(p: NncpInfo): string {
  return formatSelector(p.selector);
}

function kindOf(type: string | undefined): DiagramNodeKind {
  switch (type) {
    case 'bond':
      return 'bond';
    case 'vlan':
      return 'vlan';
    case 'linux-bridge':
    case 'ovs-bridge':
      return 'bridge';
    default:
      return 'ethernet';
  }
}

function ipLines(family: 'ipv4' | 'ipv6', v: unknown): string[] {
  if (!isRecord(v) || v.enabled === false) return [];
  const out: string[] = [];
  if (Array.isArray(v.address)) {
    for (const a of v.address) if (isRecord(a) && a.ip !== undefined) out.push(`${a.ip}/${a['prefix-length']}`);
  }
  if (v.dhcp === true) out.push(family === 'ipv4' ? 'dhcp4' : 'dhcp6');
  if (v.autoconf === true) out.push('autoconf');
  return out;
}

function typeLine(i: NncpIface): string {
  const type = i.type ?? 'interface';
  const la = i.raw['link-aggregation'];
  if (type === 'bond' && isRecord(la) && typeof la.mode === 'string') return `bond ${la.mode}`;
  if (type === 'vlan' && i.vlanId !== undefined) return `vlan ${i.vlanId}`;
  return type;
}

function ifaceLines(i: NncpIface, showPolicy: boolean): string[] {
  const lines = [typeLine(i)];
  if (i.state !== 'up') lines.push(`state ${i.state}`);
  if (i.mtu !== undefined) lines.push(`mtu ${i.mtu}`);
  lines.push(...ipLines('ipv4', i.raw.ipv4), ...ipLines('ipv6', i.raw.ipv6));
  if (showPolicy) lines.push(`NNCP ${i.policy.name}`);
  return lines;
}

function tagList(tags: unknown): string {
  if (!Array.isArray(tags)) return '';
  return tags
    .filter(isRecord)
    .map((t) => (t.id !== undefined ? String(t.id) : isRecord(t['id-range']) ? `${t['id-range'].min}-${t['id-range'].max}` : '?'))
    .join(',');
}

/** Edge label of a bridge port's VLAN settings: `trunk 100,200`, `access 10`, `trunk 100 native 1`. */
export function portVlanLabel(vlan: Record<string, unknown> | undefined): string | undefined {
  if (!vlan) return undefined;
  const mode = typeof vlan.mode === 'string' ? vlan.mode : 'vlan';
  const tags = tagList(vlan['trunk-tags']);
  const native = vlan.tag !== undefined ? (mode === 'access' ? String(vlan.tag) : `native ${vlan.tag}`) : '';
  return [mode, tags, native].filter((s) => s !== '').join(' ');
}

function push(map: Map<string, string[]>, key: string, id: string): void {
  const list = map.get(key);
  if (!list) map.set(key, [id]);
  else if (!list.includes(id)) list.push(id);
}

/** Draws every NNCP of the set, grouped by nodeSelector (groups and policies in name order). */
export function drawHost(g: GraphBuilder, model: SetModel): HostIndex {
  const index: HostIndex = { ifacesByName: new Map(), localnets: new Map(), policies: new Map(), ifaceAt: new Map() };
  const groups = new Map<string, NncpInfo[]>();
  for (const p of model.nncps) groups.set(groupKey(p), [...(groups.get(groupKey(p)) ?? []), p]);
  const keys = [...groups.keys()].sort((a, b) => (a === 'every node' ? -1 : b === 'every node' ? 1 : cmp(a, b)));
  for (const key of keys) {
    const cluster = g.addCluster({ id: diagramId(ID_PREFIX.nodeGroup, key), kind: 'node-group', title: key === 'every node' ? 'every node' : `nodes ${key}` });
    const policies = [...groups.get(key)!].sort((a, b) => cmp(a.name, b.name));
    const ifaceId = (name: string) => diagramId(ID_PREFIX.iface, key, name);
    const ensure = (name: string, why: string): string => {
      const id = ifaceId(name);
      if (!g.has(id)) g.node(id, 'ethernet', name, { cluster, lines: [why], implied: true });
      push(index.ifacesByName, name, id);
      return id;
    };
    for (const p of policies) {
      const pid = diagramId(ID_PREFIX.policy, p.name);
      if (!index.policies.has(p.name)) {
        g.node(pid, 'policy', `NNCP ${p.name}`, { cluster, lines: p.ifaces.length === 0 && p.mappings.length === 0 ? ['(no interfaces)'] : [] });
        index.policies.set(p.name, pid);
      }
      for (const i of p.ifaces) {
        const id = g.node(ifaceId(i.name), kindOf(i.type), i.name, { cluster, lines: ifaceLines(i, policies.length > 1) });
        push(index.ifacesByName, i.name, id);
        if (!index.ifaceAt.has(`${p.name}/${i.index}`)) index.ifaceAt.set(`${p.name}/${i.index}`, id);
      }
    }
    // Edges once every interface of the group exists, so a port declared later is not "implied".
    for (const p of policies) {
      for (const i of p.ifaces) {
        const id = ifaceId(i.name);
        const dashed = i.absent ? 'dashed' : 'solid';
        for (const port of i.ports) g.edge(ensure(port.name, 'port'), id, kindOf(i.type) === 'bridge' ? portVlanLabel(port.vlan) : undefined, dashed);
        if (i.vlanBase !== undefined) g.edge(ensure(i.vlanBase, 'vlan base'), id, i.vlanId !== undefined ? `vlan ${i.vlanId}` : undefined, dashed);
        if (i.controller !== undefined) g.edge(id, ensure(i.controller, 'controller'), undefined, dashed);
      }
      for (const m of p.mappings) {
        const ln = g.node(diagramId(ID_PREFIX.localnet, key, m.localnet), 'localnet', `localnet ${m.localnet}`, { cluster, lines: m.absent ? ['state absent'] : [] });
        push(index.localnets, m.localnet, ln);
        if (m.bridge !== undefined) g.edge(ensure(m.bridge, 'OVS bridge'), ln, 'bridge-mapping', m.absent ? 'dashed' : 'solid');
      }
    }
  }
  return index;
}
