/**
 * Node side of a topology: one NNCP per bonded uplink (bond + host VLANs), per VLAN network
 * (VLAN sub-interface + bridge) and per shared bridge (trunk or plain bridge on a NIC, its
 * trunk-tags computed from every network that shares it), plus host policies.
 */
import type { BridgePortVlanConfig, Interface, LinuxBridgeInterface } from '../nmstate/types';
import { Manifest, API } from '../manifest';
import { hostIpBlocks } from './host-ip';
import { NetworkPattern, NodeGroupSpec, UplinkSpec } from './model';
import { ResolvedNetwork, ResolvedTopology } from './resolve';

/** One NNCP of the topology, before it becomes a manifest, with what it was made from. */
export interface PlannedPolicy {
  readonly name: string;
  readonly nodeGroup?: string;
  readonly nodeSelector: Record<string, string>;
  readonly maxUnavailable?: number | string;
  readonly interfaces: Interface[];
  readonly routes?: unknown[];
  readonly ovnMappings?: Array<{ localnet: string; bridge?: string; state?: string }>;
  readonly dnsResolver?: Record<string, unknown>;
  readonly capture?: Record<string, string>;
  readonly annotations?: Record<string, string>;
  /** Networks rendered into this policy. */
  readonly networks: readonly string[];
}

const up = (absent: boolean) => (absent ? 'absent' : 'up');

/** All NNCPs of a topology, in render order: host policies, bonds, then networks. */
export function planPolicies(t: ResolvedTopology): PlannedPolicy[] {
  const groups = new Map(t.nodeGroups.map((g) => [g.name, g]));
  const out: PlannedPolicy[] = [];
  for (const h of t.hostPolicies ?? []) {
    const g = h.nodeGroup ? groups.get(h.nodeGroup) : undefined;
    out.push({
      name: h.name,
      nodeGroup: h.nodeGroup,
      nodeSelector: { ...(g?.nodeSelector ?? {}), ...(h.nodeSelector ?? {}) },
      maxUnavailable: g?.maxUnavailable,
      interfaces: h.interfaces.map((i) => ({ ...i })),
      routes: h.routes ? [...h.routes] : undefined,
      networks: [],
    });
  }
  for (const u of t.uplinks) {
    if (u.bond || (u.vlans?.length ?? 0) > 0) out.push(uplinkPolicy(u, groups.get(u.nodeGroup)));
  }
  const shared = new Map<string, ResolvedNetwork[]>();
  for (const n of t.networks) {
    if (n.pattern === NetworkPattern.TRUNK_BRIDGE || n.pattern === NetworkPattern.BRIDGE || n.pattern === NetworkPattern.OVN_LOCALNET) {
      const key = `${n.uplink}\u0000${n.bridge}`;
      if (!shared.has(key)) shared.set(key, []);
      shared.get(key)!.push(n);
    }
  }
  const emitted = new Set<string>();
  for (const n of t.networks) {
    if (n.pattern === NetworkPattern.VLAN_BRIDGE) {
      out.push(vlanBridgePolicy(n));
      continue;
    }
    const key = `${n.uplink}\u0000${n.bridge}`;
    if (emitted.has(key)) continue;
    emitted.add(key);
    const members = shared.get(key)!;
    out.push(members[0].pattern === NetworkPattern.OVN_LOCALNET ? localnetPolicy(members) : sharedBridgePolicy(members));
  }
  return out;
}

function selectorOf(n: { uplinkSpec?: UplinkSpec; nodeGroupSpec?: NodeGroupSpec }): Record<string, string> {
  return { ...(n.nodeGroupSpec?.nodeSelector ?? {}), ...(n.uplinkSpec?.nodeSelector ?? {}) };
}

function uplinkPolicy(u: UplinkSpec, g: NodeGroupSpec | undefined): PlannedPolicy {
  const absent = u.state === 'absent';
  const interfaces: Interface[] = [];
  if (u.bond) {
    const options: Record<string, unknown> = { miimon: u.bond.miimon ?? 100, ...(u.bond.options ?? {}) };
    if (u.bond.primary) options.primary = u.bond.primary;
    interfaces.push({
      name: u.interface,
      type: 'bond',
      state: up(absent),
      ...(absent ? {} : hostIpBlocks(u)),
      ...(u.mtu && !absent ? { mtu: u.mtu } : {}),
      ...(absent ? {} : { 'link-aggregation': { mode: u.bond.mode, port: [...u.bond.ports], options } }),
    });
  }
  for (const v of u.vlans ?? []) {
    interfaces.push({
      name: v.name ?? `${u.interface}.${v.id}`,
      type: 'vlan',
      state: up(absent),
      ...(absent ? {} : { ...hostIpBlocks(v), vlan: { 'base-iface': u.interface, id: v.id } }),
    });
  }
  if (absent) interfaces.reverse();
  return {
    name: u.policyName ?? `${u.name}-${u.nodeGroup}`,
    nodeGroup: u.nodeGroup,
    nodeSelector: { ...(g?.nodeSelector ?? {}), ...(u.nodeSelector ?? {}) },
    maxUnavailable: g?.maxUnavailable,
    interfaces,
    networks: [],
  };
}

function stp(): { options: { stp: { enabled: boolean } } } {
  return { options: { stp: { enabled: false } } };
}

function nicUp(n: ResolvedNetwork): Interface[] {
  const u = n.uplinkSpec;
  if (!u || u.bond) return [];
  return [{ name: u.interface, type: 'ethernet', state: 'up', ...(u.mtu ? { mtu: u.mtu } : {}) }];
}

function vlanBridgePolicy(n: ResolvedNetwork): PlannedPolicy {
  const absent = n.state === 'absent';
  const base = n.uplinkSpec?.interface ?? n.uplink;
  const vlanIf = n.vlanInterface!;
  const vlan: Interface = {
    name: vlanIf,
    type: 'vlan',
    state: up(absent),
    ...(absent ? {} : { description: `VLAN using ${base}`, vlan: { 'base-iface': base, id: n.vlan! }, ...(n.mtu ? { mtu: n.mtu } : {}) }),
  };
  const bridge: Interface = {
    name: n.bridge,
    type: 'linux-bridge',
    state: up(absent),
    ...(absent
      ? {}
      : {
          description: n.description ?? `Linux bridge with ${vlanIf} as a port`,
          ...hostIpBlocks(n.bridgeIp),
          ...(n.mtu ? { mtu: n.mtu } : {}),
          bridge: { ...stp(), port: [{ name: vlanIf }] },
        }),
  };
  return {
    name: n.policyName,
    nodeGroup: n.uplinkSpec?.nodeGroup,
    nodeSelector: selectorOf(n),
    maxUnavailable: n.nodeGroupSpec?.maxUnavailable,
    // Removal tears down the bridge before the VLAN it holds.
    interfaces: absent ? [bridge, vlan] : [...nicUp(n), vlan, bridge],
    networks: [n.name],
  };
}

/** Trunk tags of a shared bridge: every present member's VLAN, as sorted single ids. */
export function trunkTags(members: readonly ResolvedNetwork[]): number[] {
  const ids = new Set<number>();
  for (const m of members) if (m.state !== 'absent' && m.vlan !== undefined && m.vlan > 0) ids.add(m.vlan);
  return [...ids].sort((a, b) => a - b);
}

function sharedBridgePolicy(members: readonly ResolvedNetwork[]): PlannedPolicy {
  const first = members[0];
  const nic = first.uplinkSpec?.interface ?? first.uplink;
  const absent = members.every((m) => m.state === 'absent');
  const trunk = members.some((m) => m.pattern === NetworkPattern.TRUNK_BRIDGE);
  const tags = trunkTags(members);
  const portVlan: BridgePortVlanConfig | undefined =
    trunk && tags.length > 0 ? { mode: 'trunk', 'trunk-tags': tags.map((id) => ({ id })) } : undefined;
  const ip = members.find((m) => m.bridgeIp)?.bridgeIp;
  const mtu = members.find((m) => m.mtu)?.mtu;
  const bridge: LinuxBridgeInterface = {
    name: first.bridge,
    type: 'linux-bridge',
    state: up(absent),
    ...(absent
      ? {}
      : {
          description: first.description ?? `Linux bridge with ${nic} as a port`,
          ...hostIpBlocks(ip),
          ...(mtu ? { mtu } : {}),
          bridge: { ...stp(), port: [{ name: nic, ...(portVlan ? { vlan: portVlan } : {}) }] },
        }),
  };
  return {
    name: first.policyName,
    nodeGroup: first.uplinkSpec?.nodeGroup,
    nodeSelector: selectorOf(first),
    maxUnavailable: first.nodeGroupSpec?.maxUnavailable,
    interfaces: absent ? [bridge] : [...nicUp(first), bridge],
    networks: members.map((m) => m.name),
  };
}

function localnetPolicy(members: readonly ResolvedNetwork[]): PlannedPolicy {
  const first = members[0];
  const nic = first.uplinkSpec?.interface ?? first.uplink;
  const absent = members.every((m) => m.state === 'absent');
  const bridge: Interface = {
    name: first.bridge,
    type: 'ovs-bridge',
    state: up(absent),
    ...(absent ? {} : { bridge: { options: { stp: false }, port: [{ name: nic }] } }),
  };
  const mappings = new Map<string, { localnet: string; bridge?: string; state?: string }>();
  for (const m of members) {
    const localnet = m.physicalNetworkName ?? m.name;
    if (!mappings.has(localnet)) mappings.set(localnet, m.state === 'absent' ? { localnet, state: 'absent' } : { localnet, bridge: m.bridge });
  }
  return {
    name: first.policyName,
    nodeGroup: first.uplinkSpec?.nodeGroup,
    nodeSelector: selectorOf(first),
    maxUnavailable: first.nodeGroupSpec?.maxUnavailable,
    interfaces: absent ? [bridge] : [...nicUp(first), bridge],
    ovnMappings: [...mappings.values()],
    networks: members.map((m) => m.name),
  };
}

/** Renders a planned policy (or any NNCP description) as an NNCP manifest. */
export function policyManifest(p: PlannedPolicy): Manifest {
  const desiredState: Record<string, unknown> = { interfaces: p.interfaces };
  if (p.routes && p.routes.length) desiredState.routes = { config: p.routes };
  if (p.dnsResolver) desiredState['dns-resolver'] = p.dnsResolver;
  if (p.ovnMappings && p.ovnMappings.length) desiredState.ovn = { 'bridge-mappings': p.ovnMappings };
  return {
    ...API.nncp,
    metadata: { name: p.name, ...(p.annotations ? { annotations: { ...p.annotations } } : {}) },
    spec: {
      ...(Object.keys(p.nodeSelector).length ? { nodeSelector: p.nodeSelector } : {}),
      ...(p.maxUnavailable !== undefined ? { maxUnavailable: p.maxUnavailable } : {}),
      ...(p.capture ? { capture: p.capture } : {}),
      desiredState,
    },
  };
}
