/**
 * Node side of a topology: one NNCP per host policy, per uplink with a bond or host VLANs, per
 * VLAN network (VLAN sub-interface + bridge) and per shared bridge (trunk, plain bridge on a NIC
 * or OVN localnet, its trunk-tags computed from every network that shares it). Interfaces and
 * policies are written by the typed nmstate builders (lib/core/nmstate/builders.ts), the one way
 * to write them.
 */
import {
  absent, bond, desiredState, ethernet, linuxBridge, nncp, ovnBridgeMapping, ovnBridgeMappingAbsent, ovsBridge, trunkPortVlan, vlan, vlanName,
} from '../nmstate/builders';
import { BondMode, Interface, OvnBridgeMapping, RouteEntry } from '../nmstate/types';
import { Manifest } from '../manifest';
import { hostIpBlocks } from './host-ip';
import { NetworkPattern } from './model';
import { Origin } from './origin';
import { ResolvedNetwork, ResolvedTopology, ResolvedUplink } from './resolve';

/** One NNCP of the topology, before it becomes a manifest, with what it was made from. */
export interface PlannedPolicy {
  readonly name: string;
  /** The spec the policy belongs to (for a shared bridge: the first network on it). */
  readonly origin: Origin;
  readonly nodeSelector: Readonly<Record<string, string>>;
  readonly maxUnavailable?: number | string;
  readonly interfaces: readonly Interface[];
  readonly routes?: readonly RouteEntry[];
  readonly ovnMappings?: readonly OvnBridgeMapping[];
  /** Networks rendered into this policy. */
  readonly networks: readonly string[];
}

/** All NNCPs of a topology: host policies, uplinks, then networks (render.ts orders them by dependency depth (policy-order.ts), then name). */
export function planPolicies(t: ResolvedTopology): PlannedPolicy[] {
  const groups = new Map(t.nodeGroups.map((g) => [g.name, g]));
  const out: PlannedPolicy[] = [];
  for (const h of t.hostPolicies ?? []) {
    const g = h.nodeGroup ? groups.get(h.nodeGroup) : undefined;
    out.push({
      name: h.name,
      origin: { kind: 'hostPolicy', name: h.name },
      nodeSelector: { ...(g?.nodeSelector ?? {}), ...(h.nodeSelector ?? {}) },
      maxUnavailable: g?.maxUnavailable,
      interfaces: h.interfaces.map((i) => ({ ...i })),
      routes: h.routes ? [...h.routes] : undefined,
      networks: [],
    });
  }
  for (const u of t.uplinks) if (u.rendersPolicy) out.push(uplinkPolicy(u));
  const shared = new Map<string, ResolvedNetwork[]>();
  for (const n of t.networks) {
    if (n.sharedBridgeKey === undefined) continue;
    const members = shared.get(n.sharedBridgeKey);
    if (members) members.push(n);
    else shared.set(n.sharedBridgeKey, [n]);
  }
  const emitted = new Set<string>();
  for (const n of t.networks) {
    if (n.sharedBridgeKey === undefined) {
      out.push(vlanBridgePolicy(n));
      continue;
    }
    if (emitted.has(n.sharedBridgeKey)) continue;
    emitted.add(n.sharedBridgeKey);
    const members = shared.get(n.sharedBridgeKey)!;
    out.push(members[0].pattern === NetworkPattern.OVN_LOCALNET ? localnetPolicy(members) : sharedBridgePolicy(members));
  }
  return out;
}

/** The NNCP manifest of a planned policy. */
export function policyNncp(p: PlannedPolicy): Manifest {
  return nncp({
    name: p.name,
    nodeSelector: Object.keys(p.nodeSelector).length ? p.nodeSelector : undefined,
    maxUnavailable: p.maxUnavailable,
    desiredState: desiredState({
      // a mapping-only policy (existingBridge localnet) declares no interface at all
      interfaces: p.interfaces.length || !p.ovnMappings?.length ? p.interfaces : undefined,
      routes: p.routes?.length ? p.routes : undefined,
      ovnBridgeMappings: p.ovnMappings?.length ? p.ovnMappings : undefined,
    }),
  }) as unknown as Manifest;
}

/** Head of a network's policy: its name, origin, node selection. */
function networkPolicyHead(first: ResolvedNetwork, members: readonly ResolvedNetwork[]): Pick<PlannedPolicy, 'name' | 'origin' | 'nodeSelector' | 'maxUnavailable' | 'networks'> {
  const u = first.uplinkSpec;
  return {
    name: first.policyName,
    origin: { kind: 'network', name: first.name },
    nodeSelector: { ...(first.nodeGroupSpec?.nodeSelector ?? {}), ...(u?.nodeSelector ?? {}) },
    maxUnavailable: first.nodeGroupSpec?.maxUnavailable,
    networks: members.map((m) => m.name),
  };
}

function uplinkPolicy(u: ResolvedUplink): PlannedPolicy {
  const gone = u.state === 'absent';
  const interfaces: Interface[] = [];
  if (u.bond) {
    interfaces.push(
      gone
        ? absent(u.interface, 'bond')
        : bond({
            name: u.interface,
            mode: u.bond.mode as BondMode,
            ports: u.bond.ports,
            // a miimon in the bond's options wins over the miimon field; 100 when neither is given
            miimon: (u.bond.options?.miimon as number | undefined) ?? u.bond.miimon ?? 100,
            options: u.bond.options,
            primary: u.bond.primary,
            mtu: u.mtu || undefined,
            ...hostIpBlocks(u),
          }),
    );
  }
  for (const v of u.vlans ?? []) {
    const name = v.name ?? vlanName(u.interface, v.id);
    interfaces.push(gone ? absent(name, 'vlan') : vlan({ name, baseIface: u.interface, id: v.id, ...hostIpBlocks(v) }));
  }
  // removal tears down the VLANs before the bond they hang off
  if (gone) interfaces.reverse();
  return {
    name: u.policyName,
    origin: { kind: 'uplink', name: u.name },
    nodeSelector: { ...(u.nodeGroupSpec?.nodeSelector ?? {}), ...(u.nodeSelector ?? {}) },
    maxUnavailable: u.nodeGroupSpec?.maxUnavailable,
    interfaces,
    networks: [],
  };
}

/** The uplink NIC, up (and its MTU), in front of the interfaces a network builds on it; none for a bond. */
function nicUp(n: ResolvedNetwork): Interface[] {
  const u = n.uplinkSpec;
  if (!u || u.bond) return [];
  return [ethernet({ name: u.interface, mtu: u.mtu || undefined })];
}

function vlanBridgePolicy(n: ResolvedNetwork): PlannedPolicy {
  const gone = n.state === 'absent';
  const base = n.uplinkSpec?.interface ?? n.uplink ?? '';
  const vlanIf = n.vlanInterface!;
  const mtu = n.mtu || undefined;
  const vlanIface = gone ? absent(vlanIf, 'vlan') : vlan({ name: vlanIf, baseIface: base, id: n.vlan!, description: `VLAN using ${base}`, mtu });
  const bridge = gone
    ? absent(n.bridge, 'linux-bridge')
    : linuxBridge({ name: n.bridge, description: n.description ?? `Linux bridge with ${vlanIf} as a port`, ...hostIpBlocks(n.bridgeIp), mtu, ports: [vlanIf], stp: false });
  return {
    ...networkPolicyHead(n, [n]),
    // removal tears down the bridge before the VLAN it holds
    interfaces: gone ? [bridge, vlanIface] : [...nicUp(n), vlanIface, bridge],
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
  const nic = first.uplinkSpec?.interface ?? first.uplink ?? '';
  const gone = members.every((m) => m.state === 'absent');
  const trunk = members.some((m) => m.pattern === NetworkPattern.TRUNK_BRIDGE);
  const tags = trunkTags(members);
  const bridge = gone
    ? absent(first.bridge, 'linux-bridge')
    : linuxBridge({
        name: first.bridge,
        description: first.description ?? `Linux bridge with ${nic} as a port`,
        ...hostIpBlocks(members.find((m) => m.bridgeIp)?.bridgeIp),
        mtu: members.find((m) => m.mtu)?.mtu,
        ports: [{ name: nic, vlan: trunk && tags.length > 0 ? trunkPortVlan(tags) : undefined }],
        stp: false,
      });
  return { ...networkPolicyHead(first, members), interfaces: gone ? [bridge] : [...nicUp(first), bridge] };
}

/**
 * The OVS bridge of a localnet with the uplink as its port, and one `ovn.bridge-mappings` entry per
 * physical network (`state: absent` once every network of it is absent: nmstate/nmstate
 * rust/src/lib/ovn.rs merges entries by localnet key, an absent one needs no bridge). An
 * `existingBridge` network (OVN-Kubernetes's `br-ex`) renders the mappings only: no interface,
 * so the policy never redefines the bridge or its ports.
 */
function localnetPolicy(members: readonly ResolvedNetwork[]): PlannedPolicy {
  const first = members[0];
  const gone = members.every((m) => m.state === 'absent');
  const mappings = new Map<string, OvnBridgeMapping>();
  for (const m of members) {
    const localnet = m.physicalNetworkName ?? m.name;
    if (!mappings.has(localnet)) mappings.set(localnet, m.state === 'absent' ? ovnBridgeMappingAbsent(localnet) : ovnBridgeMapping(localnet, m.bridge));
  }
  const head = { ...networkPolicyHead(first, members), ovnMappings: [...mappings.values()] };
  if (first.existingBridge) return { ...head, interfaces: [] };
  const nic = first.uplinkSpec?.interface ?? first.uplink;
  // a network without uplink is TOPOLOGY_NETWORK_UPLINK_MISSING; its bridge gets no port rather than an unnamed one
  const bridge = gone ? absent(first.bridge, 'ovs-bridge') : ovsBridge({ name: first.bridge, ports: nic ? [nic] : [] });
  return { ...head, interfaces: gone ? [bridge] : [...nicUp(first), bridge] };
}
