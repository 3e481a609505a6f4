/**
 * One candidate environment from the input objects and what the importer has given up on so far
 * (import.ts): NNCPs that build a network's bridge become that network's uplink, node group and
 * policy (with every NAD on the bridge as its networks), other NNCPs host policies, VMs are
 * brought whole with their NICs on imported networks as attachments, Namespaces and the
 * operator CRs become settings; everything else is passed through as given. Each modeled input
 * object is claimed by the spec that renders it, so the importer can compare and give up on it.
 */
import { API } from '../manifest';
import { isRecord } from '../problems';
import type { AttachmentSpec, HostIpSpec, HostPolicySpec, NamespaceSpec, NetworkSpec, NodeGroupSpec, OrderingSpec, PassThroughObject, PrerequisitesSpec, Topology, UplinkSpec, VmSpec } from '../topology/model';
import type { InputObject } from './objects';
import { SILENCE_ANNOTATION } from '../render/targets';
import { AGENT_DEPLOYMENT_DEFAULTS } from '../topology/agent-deployment';
import { passThroughLayer } from '../topology/pass-through';
import type { Layer } from '../topology/render';
import { SYNC_OPTIONS_ANNOTATION } from '../topology/render';
import { DEFAULT_WAVES } from '../topology/resolve';
import { SYNC_WAVE_ANNOTATION, syncWaveOf } from '../topology/sync-wave';
import { NadReading, NncpReading, NotModeled, readCudn, readNad, readNncp } from './readings';

/** Which spec renders a modeled input object (what to give up on when it does not match). */
export type Claim =
  | { readonly kind: 'network'; readonly nncp: string }
  | { readonly kind: 'hostPolicy'; readonly nncp: string }
  | { readonly kind: 'vm'; readonly key: string; readonly bare: boolean }
  | { readonly kind: 'namespace'; readonly key: string }
  | { readonly kind: 'prerequisites' };

/** What the importer has given up on: objects kept as given, policies that are no network, VMs without attachments. */
export interface ImportDecisions {
  /** Input key → why it is passed through. */
  readonly passThrough: Map<string, string>;
  /** NNCP name → why it is a host policy, not a network's. */
  readonly hostPolicyOnly: Map<string, string>;
  /** VM key → why it is brought without attachments. */
  readonly bareVm: Map<string, string>;
}

/** A candidate environment and who renders what in it. */
export interface Assembly {
  readonly topology: Topology;
  /** Input key → the spec that renders it (absent: passed through). */
  readonly claims: ReadonlyMap<string, Claim>;
  /** Spec origin key (`network:x`, `uplink:y`, `nodeGroup:z`) → the NNCPs whose networks use it. */
  readonly nncpsOf: ReadonlyMap<string, readonly string[]>;
  /** Input key → what it was modeled as, in words. */
  readonly modeledAs: ReadonlyMap<string, string>;
  /** `namespace/name` of each modeled VM → its claim. */
  readonly vmClaims: ReadonlyMap<string, Claim>;
}

/** An object of the node agent's deployment (agent-deployment.ts labels them with its name, part of multihome). */
const isAgentObject = (o: Record<string, unknown>) => {
  const labels = isRecord(o.metadata) && isRecord(o.metadata.labels) ? o.metadata.labels : {};
  return labels['app.kubernetes.io/part-of'] === 'multihome' && labels['app.kubernetes.io/name'] === AGENT_DEPLOYMENT_DEFAULTS.name;
};

/** Reasons that hold whatever else is decided: objects no spec models. */
export function standingReasons(inputs: readonly InputObject[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const i of inputs) {
    const o = i.object;
    if (isAgentObject(o)) out.set(i.key, "the multihome node agent's object: declare `agent` (NetworkAgent) so its config follows the policies");
    else if (o.kind === 'VirtualMachineInstance') out.set(i.key, 'a VirtualMachineInstance: multihome models VirtualMachines');
    else if (![API.nncp.kind, API.nad.kind, 'ClusterUserDefinedNetwork', API.vm.kind, 'Namespace', 'NMState', 'NetworkAddonsConfig'].includes(String(o.kind))) out.set(i.key, `${String(o.kind)} is not a kind multihome models`);
  }
  return out;
}

/** Builds the candidate environment `name` from `inputs` under `decisions`. */
export function assemble(name: string, inputs: readonly InputObject[], decisions: ImportDecisions): Assembly {
  const claims = new Map<string, Claim>();
  const modeledAs = new Map<string, string>();
  const nncpsOf = new Map<string, string[]>();
  const pass = (i: InputObject, reason: string) => {
    if (!decisions.passThrough.has(i.key)) decisions.passThrough.set(i.key, reason);
  };
  const live = inputs.filter((i) => !decisions.passThrough.has(i.key));
  const byKind = (kind: string) => live.filter((i) => i.object.kind === kind);

  // NNCPs and NADs, read once
  const nncps = new Map<string, { input: InputObject; reading: NncpReading }>();
  for (const i of byKind(API.nncp.kind)) {
    const r = readNncp(i.object);
    if ('reason' in r) pass(i, (r as NotModeled).reason);
    else nncps.set(r.name, { input: i, reading: r });
  }
  const nads: Array<{ input: InputObject; reading: NadReading }> = [];
  for (const i of byKind(API.nad.kind)) {
    const r = readNad(i.object);
    if ('reason' in r) pass(i, (r as NotModeled).reason);
    else nads.push({ input: i, reading: r });
  }
  // a Localnet ClusterUserDefinedNetwork reads as the NADs it makes, one per namespace it selects
  for (const i of byKind('ClusterUserDefinedNetwork')) {
    const r = readCudn(i.object);
    if ('reason' in r) pass(i, (r as NotModeled).reason);
    else for (const reading of r) nads.push({ input: i, reading });
  }

  const groups = new NodeGroups();
  const uplinks: UplinkSpec[] = [];
  const uplinkOf = (iface: string, group: string, mtu?: number): string => {
    const found = uplinks.find((u) => u.interface === iface && u.nodeGroup === group);
    if (found) return found.name;
    const uname = uplinks.some((u) => u.name === iface) ? `${iface}-${group}` : iface;
    uplinks.push({ name: uname, nodeGroup: group, interface: iface, ...(mtu ? { mtu } : {}) });
    return uname;
  };
  const networks: NetworkSpec[] = [];
  const hostPolicies: HostPolicySpec[] = [];
  const note = (origin: string, nncp: string) => nncpsOf.set(origin, [...(nncpsOf.get(origin) ?? []), nncp]);

  // uplinks' own policies first (a bond, host VLANs): the networks on them find them by interface
  const uplinkPolicies = new Set<string>();
  for (const { input, reading } of nncps.values()) {
    const u = reading.uplink;
    if (!u || decisions.hostPolicyOnly.has(reading.name)) continue;
    const group = groups.of(reading.nodeSelector, reading.maxUnavailable);
    const uname = uplinks.some((x) => x.name === u.interface) ? `${u.interface}-${group}` : u.interface;
    uplinks.push({
      name: uname, nodeGroup: group, interface: u.interface,
      ...(u.mtu !== undefined ? { mtu: u.mtu } : {}),
      ...(u.ip ?? {}),
      ...(u.bond ? { bond: u.bond } : {}),
      ...(u.vlans.length ? { vlans: u.vlans } : {}),
      ...(reading.name !== `${uname}-${group}` ? { policyName: reading.name } : {}),
    });
    uplinkPolicies.add(reading.name);
    note(`uplink:${uname}`, reading.name);
    note(`nodeGroup:${group}`, reading.name);
    claims.set(input.key, { kind: 'network', nncp: reading.name });
    modeledAs.set(input.key, `the policy of uplink ${uname}${u.bond ? ` (bond of ${u.bond.ports.join(', ')})` : ''}${u.vlans.length ? ` with host VLAN${u.vlans.length > 1 ? 's' : ''} ${u.vlans.map((v) => v.id).join(', ')}` : ''}`);
  }

  // per-node policies of those uplinks (`<policy>-<node>`: one node's addresses on the uplink's host VLANs)
  for (const { input, reading } of nncps.values()) {
    if (uplinkPolicies.has(reading.name) || decisions.hostPolicyOnly.has(reading.name)) continue;
    const at = perNodeOf(reading, uplinks, groups);
    if (!at) continue;
    const { uplink, node, addresses } = at;
    const i = uplinks.indexOf(uplink);
    uplinks[i] = {
      ...uplink,
      vlans: uplink.vlans!.map((v) => {
        const a = addresses.get(v.id);
        if (!a) return v;
        const add = (given: HostIpSpec['ipv4'], cidrs: readonly string[] | undefined) =>
          cidrs ? { perNode: { ...((given as { perNode?: Record<string, string | readonly string[]> } | undefined)?.perNode ?? {}), [node]: cidrs.length === 1 ? cidrs[0] : cidrs } } : given;
        return { ...v, ...(a.ipv4 ? { ipv4: add(v.ipv4, a.ipv4) } : {}), ...(a.ipv6 ? { ipv6: add(v.ipv6, a.ipv6) } : {}) };
      }),
    };
    groups.addNode(uplink.nodeGroup, node);
    uplinkPolicies.add(reading.name);
    note(`uplink:${uplink.name}`, reading.name);
    claims.set(input.key, { kind: 'network', nncp: reading.name });
    modeledAs.set(input.key, `the ${node} addresses of uplink ${uplink.name}'s host VLAN${addresses.size > 1 ? 's' : ''} ${[...addresses.keys()].join(', ')} (perNode)`);
  }

  // each NNCP: the networks on its bridge, or a host policy
  const nadsUsed = new Set<InputObject>();
  for (const { input, reading } of nncps.values()) {
    if (uplinkPolicies.has(reading.name)) continue;
    const host = reading.network;
    const refused = decisions.hostPolicyOnly.get(reading.name);
    const members = host && !refused ? nads.filter((n) => (host.pattern === 'localnet' ? n.reading.kind === 'localnet' && host.localnets.includes(n.reading.localnet!) : n.reading.kind === 'bridge' && n.reading.bridge === host.bridge)) : [];
    const specs = host && members.length ? networksOf(reading, members.map((m) => m.reading)) : undefined;
    if ((!host || !specs) && isRecord(input.object.spec) && isRecord(input.object.spec.desiredState) && input.object.spec.desiredState.ovn !== undefined) {
      pass(input, decisions.hostPolicyOnly.get(reading.name) ?? 'its OVN bridge mappings belong to no imported localnet NAD (a host policy carries no bridge mappings)');
      continue;
    }
    if (!host || !specs) {
      const why = refused ?? (host ? `no imported NAD uses its bridge ${host.bridge}` : 'its interfaces are not one of the network patterns');
      hostPolicies.push({
        name: reading.name,
        ...(reading.maxUnavailable !== undefined ? { nodeGroup: groups.of(reading.nodeSelector, reading.maxUnavailable) } : Object.keys(reading.nodeSelector).length ? { nodeSelector: reading.nodeSelector } : {}),
        interfaces: reading.interfaces as unknown as HostPolicySpec['interfaces'],
        ...(reading.routes ? { routes: reading.routes as unknown as HostPolicySpec['routes'] } : {}),
      });
      claims.set(input.key, { kind: 'hostPolicy', nncp: reading.name });
      modeledAs.set(input.key, `host policy ${reading.name} (${why})`);
      continue;
    }
    const group = groups.of(reading.nodeSelector, reading.maxUnavailable);
    note(`nodeGroup:${group}`, reading.name);
    const uplink = host.pattern === 'localnet' && host.existingBridge ? undefined : uplinkOf(host.uplink!, group, host.pattern === 'localnet' ? undefined : host.bridgeFields.uplinkMtu);
    if (uplink) note(`uplink:${uplink}`, reading.name);
    claims.set(input.key, { kind: 'network', nncp: reading.name });
    modeledAs.set(input.key, `the policy of network${specs.length > 1 ? 's' : ''} ${specs.map((s) => s.spec.name).join(', ')}`);
    for (const s of specs) {
      const spec: NetworkSpec = { ...s.spec, ...(uplink ? { uplink } : { nodeGroup: group }) };
      networks.push(spec);
      note(`network:${spec.name}`, reading.name);
      for (const m of s.members) {
        const i = members.find((x) => x.reading === m)!.input;
        nadsUsed.add(i);
        claims.set(i.key, { kind: 'network', nncp: reading.name });
        modeledAs.set(i.key, `a NAD of network ${spec.name}`);
      }
    }
  }
  for (const n of nads) {
    if (nadsUsed.has(n.input)) continue;
    const b = n.reading.bridge ?? n.reading.localnet;
    const owner = [...nncps.values()].find((x) => x.reading.network && (x.reading.network.bridge === b || (x.reading.network.pattern === 'localnet' && x.reading.network.localnets.includes(b!))));
    pass(n.input, owner ? `its bridge's policy ${owner.reading.name} is kept as a host policy (${decisions.hostPolicyOnly.get(owner.reading.name) ?? 'it is no network policy'})` : `no imported NNCP creates ${n.reading.kind === 'localnet' ? 'the OVN bridge mapping of' : 'bridge'} ${b}: a network needs the policy that builds its bridge`);
  }

  // VMs, brought whole; their NICs on imported networks become attachments
  const nadNetwork = new Map<string, string>();
  for (const n of networks) for (const ns of n.namespaces) nadNetwork.set(`${ns}/${n.nadName ?? n.name}`, n.name);
  const vms: VmSpec[] = [];
  const vmClaims = new Map<string, Claim>();
  for (const i of byKind(API.vm.kind)) {
    const vm = readVm(i, decisions.bareVm.has(i.key) ? new Map() : nadNetwork);
    if ('reason' in vm) {
      pass(i, vm.reason);
      continue;
    }
    vms.push(vm.spec);
    const bare = decisions.bareVm.has(i.key);
    const claim: Claim = { kind: 'vm', key: i.key, bare };
    claims.set(i.key, claim);
    vmClaims.set(`${vm.spec.namespace}/${vm.spec.name}`, claim);
    modeledAs.set(i.key, `VM ${vm.spec.namespace}/${vm.spec.name}, brought whole${vm.spec.attachments.length ? ` with attachments ${vm.spec.attachments.map((a) => a.network).join(', ')}` : ''}${bare ? ` (no attachments: ${decisions.bareVm.get(i.key)})` : ''}`);
  }

  const namespaces = namespacesOf(byKind('Namespace'), claims, modeledAs, pass);
  for (const n of networks) for (const ns of n.namespaces) if (!isBuiltinNamespace(ns) && !namespaces[ns]) namespaces[ns] = {};
  for (const v of vms) if (!isBuiltinNamespace(v.namespace) && !namespaces[v.namespace]) namespaces[v.namespace] = {};
  const prerequisites = prerequisitesOf(byKind('NMState'), byKind('NetworkAddonsConfig'), claims, modeledAs, pass);

  const passThrough = inputs.filter((i) => decisions.passThrough.has(i.key)).map((i) => i.object as unknown as PassThroughObject);
  const ordering = orderingOf(inputs);
  const silence = [...new Set(inputs.flatMap((i) => silenced(i.object)))].sort();
  const platform = networks.some((n) => n.plugin === 'cnv-bridge') || inputs.some((i) => saysOpenShift(i.object)) ? 'openshift' : 'vanilla';
  const topology: Topology = {
    name,
    platform,
    ...(prerequisites ? { prerequisites } : {}),
    ...(Object.keys(namespaces).length ? { namespaces } : {}),
    nodeGroups: groups.list(),
    uplinks,
    networks,
    vms,
    ...(hostPolicies.length ? { hostPolicies } : {}),
    ...(ordering ? { ordering } : {}),
    ...(silence.length ? { silence } : {}),
    ...(passThrough.length ? { passThrough } : {}),
  };
  return { topology, claims, nncpsOf, modeledAs, vmClaims };
}

const HOSTNAME = 'kubernetes.io/hostname';

/**
 * The uplink, node and addresses of a per-node policy as multihome renders one (render-nncp.ts
 * perNodePolicies): named `<uplink policy>-<node>`, selecting the uplink's group plus
 * `kubernetes.io/hostname: <node>`, declaring only host VLANs of the uplink (up, with their id)
 * with that node's static addresses; the uplink's own policy gives those VLANs no addresses.
 */
function perNodeOf(reading: NncpReading, uplinks: readonly UplinkSpec[], groups: NodeGroups): { uplink: UplinkSpec; node: string; addresses: Map<number, { ipv4?: string[]; ipv6?: string[] }> } | undefined {
  const node = reading.nodeSelector[HOSTNAME];
  if (node === undefined || reading.routes || reading.interfaces.length === 0) return undefined;
  const { [HOSTNAME]: _, ...base } = reading.nodeSelector;
  const uplink = uplinks.find((u) => reading.name === `${u.policyName ?? `${u.name}-${u.nodeGroup}`}-${node}` && groups.matches(u.nodeGroup, base, reading.maxUnavailable));
  if (!uplink || !uplink.vlans?.length) return undefined;
  const addresses = new Map<number, { ipv4?: string[]; ipv6?: string[] }>();
  for (const i of reading.interfaces) {
    const vlan = isRecord(i.vlan) ? i.vlan : undefined;
    if (i.type !== 'vlan' || i.state !== 'up' || !vlan || vlan['base-iface'] !== uplink.interface || Object.keys(vlan).some((k) => k !== 'base-iface' && k !== 'id')) return undefined;
    if (Object.keys(i).some((k) => !['name', 'type', 'state', 'vlan', 'ipv4', 'ipv6'].includes(k))) return undefined;
    const spec = uplink.vlans.find((v) => v.id === vlan.id && (v.name ?? `${uplink.interface}.${v.id}`) === i.name);
    if (!spec || Array.isArray(spec.ipv4) || Array.isArray(spec.ipv6) || spec.dhcp4 || spec.dhcp6 || addresses.has(spec.id)) return undefined;
    const a: { ipv4?: string[]; ipv6?: string[] } = {};
    for (const family of ['ipv4', 'ipv6'] as const) {
      const block = i[family];
      if (block === undefined) continue;
      if (!isRecord(block) || block.enabled !== true || block.dhcp === true || Object.keys(block).some((k) => !['enabled', 'dhcp', 'address'].includes(k)) || !Array.isArray(block.address) || block.address.length === 0) return undefined;
      const list: string[] = [];
      for (const x of block.address) {
        if (!isRecord(x) || typeof x.ip !== 'string' || typeof x['prefix-length'] !== 'number' || Object.keys(x).length !== 2) return undefined;
        list.push(`${x.ip}/${x['prefix-length']}`);
      }
      a[family] = list;
    }
    if (!a.ipv4 && !a.ipv6) return undefined;
    addresses.set(spec.id, a);
  }
  return { uplink, node, addresses };
}

const isBuiltinNamespace = (ns: string) => ns === 'default' || ns.startsWith('kube-');

/** The networks of one NNCP's bridge: its NADs grouped by what they say (one network per distinct NAD config). */
function networksOf(reading: NncpReading, nads: readonly NadReading[]): Array<{ spec: NetworkSpec; members: NadReading[] }> | undefined {
  const host = reading.network!;
  const grouped = new Map<string, NadReading[]>();
  for (const n of nads) {
    const key = JSON.stringify([n.name, n.props]);
    grouped.set(key, [...(grouped.get(key) ?? []), n]);
  }
  const out: Array<{ spec: NetworkSpec; members: NadReading[] }> = [];
  const names = new Set<string>();
  for (const members of grouped.values()) {
    const first = members[0];
    const netName = names.has(first.name) ? `${first.name}-${first.namespace}` : first.name;
    names.add(netName);
    const base = { name: netName, ...(netName !== first.name ? { nadName: first.name } : {}), namespaces: members.map((m) => m.namespace), policyName: reading.name, resourceName: true, ...first.props };
    if (host.pattern === 'localnet') {
      out.push({ spec: { ...base, bridge: host.bridge, ...(host.existingBridge ? { existingBridge: true } : {}) }, members });
      continue;
    }
    const f = host.bridgeFields;
    const mtu = first.props.mtu ?? f.mtu;
    const common = { ...base, bridge: host.bridge, ...(mtu !== undefined ? { mtu } : {}), ...(f.description !== undefined ? { description: f.description } : {}), ...(f.bridgeIp ? { bridgeIp: f.bridgeIp } : {}) };
    if (host.pattern === 'vlan-bridge') {
      // the VLAN is the host's; the NAD carries none
      if (first.props.vlan !== undefined) return undefined;
      out.push({ spec: { ...common, pattern: 'vlan-bridge', vlan: host.vlan, ...(host.vlanInterface !== `${host.uplink}.${host.vlan}` ? { vlanInterface: host.vlanInterface } : {}) }, members });
    } else out.push({ spec: { ...common, pattern: first.props.vlan !== undefined ? 'trunk-bridge' : 'bridge' }, members });
  }
  // a VLAN bridge carries one network (its policy is that network's)
  if (host.pattern === 'vlan-bridge' && out.length !== 1) return undefined;
  return out;
}

/** Node groups by node selector (and maxUnavailable), named after what they select. */
class NodeGroups {
  private readonly groups: NodeGroupSpec[] = [];

  of(selector: Readonly<Record<string, string>>, maxUnavailable?: number | string): string {
    const key = JSON.stringify([Object.entries(selector).sort(), maxUnavailable ?? null]);
    const found = this.groups.find((g) => JSON.stringify([Object.entries(g.nodeSelector).sort(), g.maxUnavailable ?? null]) === key);
    if (found) return found.name;
    const entries = Object.entries(selector);
    let base = entries.length === 0 ? 'all-nodes' : 'nodes';
    if (entries.length === 1) {
      const [k, v] = entries[0];
      if (k.startsWith('node-role.kubernetes.io/')) base = k.slice('node-role.kubernetes.io/'.length);
      else if (k === 'kubernetes.io/hostname') base = v;
      else if (/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(v)) base = v;
    }
    let name = base;
    for (let n = 2; this.groups.some((g) => g.name === name); n++) name = `${base}-${n}`;
    this.groups.push({ name, nodeSelector: { ...selector }, ...(maxUnavailable !== undefined ? { maxUnavailable } : {}) });
    return name;
  }

  /** True when group `name` selects exactly `selector` with `maxUnavailable`. */
  matches(name: string, selector: Readonly<Record<string, string>>, maxUnavailable?: number | string): boolean {
    const g = this.groups.find((x) => x.name === name);
    return g !== undefined && JSON.stringify(Object.entries(g.nodeSelector).sort()) === JSON.stringify(Object.entries(selector).sort()) && (g.maxUnavailable ?? null) === (maxUnavailable ?? null);
  }

  /** Lists `node` among the group's nodes (the per-node policies' targets), once, in input order. */
  addNode(name: string, node: string): void {
    const i = this.groups.findIndex((x) => x.name === name);
    const g = this.groups[i];
    if (!(g.nodes ?? []).includes(node)) this.groups[i] = { ...g, nodes: [...(g.nodes ?? []), node] };
  }

  list(): NodeGroupSpec[] {
    return [...this.groups];
  }
}

/** A VirtualMachine as a VM spec: the object whole, its NICs on imported networks as attachments. */
function readVm(i: InputObject, nadNetwork: ReadonlyMap<string, string>): { spec: VmSpec } | NotModeled {
  const o = i.object;
  if (typeof o.apiVersion !== 'string' || !o.apiVersion.startsWith('kubevirt.io/')) return { reason: `apiVersion ${String(o.apiVersion)} is not kubevirt.io` };
  const meta = o.metadata as Record<string, unknown>;
  const extra = Object.keys(meta).find((k) => !['name', 'namespace', 'labels', 'annotations'].includes(k));
  if (extra) return { reason: `metadata.${extra} is not modeled` };
  if (!isRecord(o.spec)) return { reason: 'it has no spec' };
  const extraTop = Object.keys(o).find((k) => !['apiVersion', 'kind', 'metadata', 'spec'].includes(k));
  if (extraTop) return { reason: `${extraTop} is not modeled` };
  const name = String(meta.name);
  const namespace = typeof meta.namespace === 'string' ? meta.namespace : 'default';
  const tspec = isRecord(o.spec.template) && isRecord(o.spec.template.spec) ? o.spec.template.spec : {};
  const devices = isRecord(tspec.domain) && isRecord(tspec.domain.devices) ? tspec.domain.devices : {};
  const ifaces = Array.isArray(devices.interfaces) ? devices.interfaces.filter(isRecord) : [];
  const attachments: AttachmentSpec[] = [];
  for (const n of Array.isArray(tspec.networks) ? tspec.networks : []) {
    if (!isRecord(n) || typeof n.name !== 'string' || !isRecord(n.multus) || typeof n.multus.networkName !== 'string' || n.multus.default === true) continue;
    const ref = n.multus.networkName;
    const full = ref.includes('/') ? ref : `${namespace}/${ref}`;
    const network = full.startsWith(`${namespace}/`) ? nadNetwork.get(full) : undefined;
    const iface = ifaces.find((x) => x.name === n.name);
    if (!network || !iface || !isRecord(iface.bridge) || iface.state !== undefined) continue;
    attachments.push({ network, ...(n.name !== network ? { name: n.name } : {}), ...(typeof iface.model === 'string' && iface.model !== 'virtio' ? { model: iface.model } : {}) });
  }
  const annotations = isRecord(meta.annotations) ? Object.fromEntries(Object.entries(meta.annotations).filter(([k]) => k !== SYNC_WAVE_ANNOTATION && k !== SILENCE_ANNOTATION)) : undefined;
  const metadata = {
    ...(isRecord(meta.labels) ? { labels: meta.labels as Record<string, string> } : {}),
    ...(annotations && Object.keys(annotations).length ? { annotations: annotations as Record<string, string> } : {}),
  };
  const virtualMachine = { ...(Object.keys(metadata).length ? { metadata } : {}), spec: o.spec };
  return { spec: { name, namespace, virtualMachine, attachments } };
}

/** Namespaces created as given (name, labels and annotations only). */
function namespacesOf(list: readonly InputObject[], claims: Map<string, Claim>, modeledAs: Map<string, string>, pass: (i: InputObject, r: string) => void): Record<string, NamespaceSpec> {
  const out: Record<string, NamespaceSpec> = {};
  for (const i of list) {
    const o = i.object;
    const meta = o.metadata as Record<string, unknown>;
    const extra = Object.keys(o).find((k) => !['apiVersion', 'kind', 'metadata'].includes(k)) ?? Object.keys(meta).map((k) => `metadata.${k}`).find((k) => !['metadata.name', 'metadata.labels', 'metadata.annotations'].includes(k));
    if (o.apiVersion !== 'v1' || extra) {
      pass(i, extra ? `${extra} is not modeled (a Namespace the environment creates has labels and annotations)` : `apiVersion ${String(o.apiVersion)} is not v1`);
      continue;
    }
    const annotations = isRecord(meta.annotations) ? Object.fromEntries(Object.entries(meta.annotations).filter(([k]) => k !== SYNC_WAVE_ANNOTATION && k !== SYNC_OPTIONS_ANNOTATION)) : {};
    out[String(meta.name)] = {
      create: true,
      ...(isRecord(meta.labels) ? { labels: meta.labels as Record<string, string> } : {}),
      ...(Object.keys(annotations).length ? { annotations: annotations as Record<string, string> } : {}),
    };
    claims.set(i.key, { kind: 'namespace', key: i.key });
    modeledAs.set(i.key, `namespaces.${String(meta.name)} (created)`);
  }
  return out;
}

/** The NMState CR and CNAO's NetworkAddonsConfig as prerequisites, when they are what multihome renders. */
function prerequisitesOf(nmstates: readonly InputObject[], nacs: readonly InputObject[], claims: Map<string, Claim>, modeledAs: Map<string, string>, pass: (i: InputObject, r: string) => void): PrerequisitesSpec | undefined {
  let nmstate = false;
  for (const i of nmstates) {
    const o = i.object;
    const meta = o.metadata as Record<string, unknown>;
    if (o.apiVersion !== API.nmstate.apiVersion || meta.name !== 'nmstate' || (o.spec !== undefined && !(isRecord(o.spec) && Object.keys(o.spec).length === 0)) || Object.keys(meta).some((k) => k !== 'name' && k !== 'annotations')) {
      pass(i, 'an NMState other than the plain `nmstate` CR multihome renders (prerequisites.nmstate)');
      continue;
    }
    nmstate = true;
    claims.set(i.key, { kind: 'prerequisites' });
    modeledAs.set(i.key, 'prerequisites.nmstate');
  }
  let networkAddons: PrerequisitesSpec['networkAddons'];
  for (const i of nacs) {
    const o = i.object;
    const meta = o.metadata as Record<string, unknown>;
    const spec = isRecord(o.spec) ? o.spec : {};
    const known = ['multus', 'linuxBridge', 'kubeMacPool', 'imagePullPolicy'];
    const extra = Object.keys(spec).find((k) => !known.includes(k));
    const empty = (v: unknown) => v === undefined || (isRecord(v) && Object.keys(v).length === 0);
    const kmp = spec.kubeMacPool;
    const kmpOk = kmp === undefined || (isRecord(kmp) && (Object.keys(kmp).length === 0 || (typeof kmp.rangeStart === 'string' && typeof kmp.rangeEnd === 'string' && Object.keys(kmp).length === 2)));
    if (o.apiVersion !== API.networkAddonsConfig.apiVersion || meta.name !== 'cluster' || extra || !empty(spec.multus) || !empty(spec.linuxBridge) || !kmpOk || Object.keys(meta).some((k) => k !== 'name' && k !== 'annotations')) {
      pass(i, extra ? `spec.${extra} is not a component multihome renders (${extra === 'nmstate' ? 'CNAO has no nmstate component: nmstate comes from the NMState CR' : 'multus, linuxBridge, kubeMacPool, imagePullPolicy'})` : 'a NetworkAddonsConfig other than the one multihome renders');
      continue;
    }
    networkAddons = {
      ...(spec.multus !== undefined ? { multus: true } : {}),
      ...(spec.linuxBridge !== undefined ? { linuxBridge: true } : {}),
      ...(isRecord(kmp) ? { kubeMacPool: Object.keys(kmp).length ? { rangeStart: String(kmp.rangeStart), rangeEnd: String(kmp.rangeEnd) } : true } : {}),
      ...(typeof spec.imagePullPolicy === 'string' ? { imagePullPolicy: spec.imagePullPolicy as 'Always' } : {}),
    };
    claims.set(i.key, { kind: 'prerequisites' });
    modeledAs.set(i.key, 'prerequisites.networkAddons');
  }
  if (!nmstate && !networkAddons) return undefined;
  return { nmstate, ...(networkAddons ? { networkAddons } : {}) };
}

/** True for an object multihome validated for OpenShift (its own output: lib/core/render/targets.ts). */
function saysOpenShift(o: Record<string, unknown>): boolean {
  const a = isRecord(o.metadata) && isRecord(o.metadata.annotations) ? o.metadata.annotations : {};
  return a['multihome.io/plugin-profile'] === 'openshift' || a['multihome.io/isolation'] === 'openshift';
}

/** The warning codes an object says were silenced on it (multihome's own output). */
function silenced(o: Record<string, unknown>): string[] {
  const a = isRecord(o.metadata) && isRecord(o.metadata.annotations) ? o.metadata.annotations[SILENCE_ANNOTATION] : undefined;
  return typeof a === 'string' ? a.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

/** The sync waves the input already uses, per layer, when any object carries one. */
function orderingOf(inputs: readonly InputObject[]): OrderingSpec | undefined {
  const waves: Record<string, number[]> = {};
  for (const i of inputs) {
    const wave = syncWaveOf(isRecord(i.object.metadata) ? i.object.metadata.annotations : undefined);
    if (wave === undefined) continue;
    (waves[passThroughLayer({ kind: String(i.object.kind) })] ??= []).push(wave);
  }
  if (!Object.keys(waves).length) return undefined;
  const chosen: Record<string, number> = {};
  for (const [layer, list] of Object.entries(waves)) {
    const w = Math.min(...list);
    if (w !== DEFAULT_WAVES[layer as Layer]) chosen[layer] = w;
  }
  return Object.keys(chosen).length ? { waves: chosen } : undefined;
}
