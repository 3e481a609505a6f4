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
import type { Target } from '../target';
import { hasHostIp, hasPerNodeAddresses, nodeAddresses, perNodeTargets } from './host-addresses';
import { HostIpBlocks, hostIpBlocks, nodeIpBlocks } from './host-ip';
import { HostIpSpec, NetworkPattern, NodeGroupSpec } from './model';
import { Origin } from './origin';
import { ResolvedNetwork, ResolvedTopology, ResolvedUplink } from './resolve';
import { HOSTNAME_LABEL } from './rules/selectors';

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
  /** A per-node policy's group policy (its definitions complete that policy's interfaces for one node). */
  readonly perNodeOf?: string;
}

/**
 * An interface of a group policy whose addresses are given per node: its host IP spec and how to
 * write its full definition with given IP blocks (the per-node policy declares it again, so it
 * works on its own).
 */
interface PerNodeInterface {
  readonly ip: HostIpSpec;
  readonly define: (ip: HostIpBlocks) => Interface;
}

/** A group policy with the interfaces it leaves to per-node policies. */
interface GroupPolicy {
  readonly policy: PlannedPolicy;
  readonly perNode: readonly PerNodeInterface[];
}

/**
 * The per-node policies of a group policy: one per node of the group (`nodes`, only the pinned one
 * when the selector names a hostname) that gets an address, named `<policy>-<node>` (sorts after the
 * group policy, which kubernetes-nmstate re-applies first), selecting that node by hostname.
 * None when the group policy removes its interfaces.
 */
function perNodePolicies(g: GroupPolicy, group: NodeGroupSpec | undefined): PlannedPolicy[] {
  if (g.perNode.length === 0) return [];
  const nodes = group?.nodes ?? [];
  const out: PlannedPolicy[] = [];
  for (const node of perNodeTargets(nodes, g.policy.nodeSelector)) {
    const interfaces: Interface[] = [];
    for (const x of g.perNode) {
      const ipv4 = nodeAddresses(x.ip.ipv4, nodes, node);
      const ipv6 = nodeAddresses(x.ip.ipv6, nodes, node);
      if (ipv4.length > 0 || ipv6.length > 0) interfaces.push(x.define(nodeIpBlocks(x.ip, { ipv4, ipv6 })));
    }
    if (interfaces.length === 0) continue;
    out.push({
      name: `${g.policy.name}-${node}`,
      origin: g.policy.origin,
      nodeSelector: { ...g.policy.nodeSelector, [HOSTNAME_LABEL]: node },
      maxUnavailable: g.policy.maxUnavailable,
      interfaces,
      networks: [],
      perNodeOf: g.policy.name,
    });
  }
  return out;
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
  const push = (g: GroupPolicy, group: NodeGroupSpec | undefined): void => {
    out.push(g.policy, ...perNodePolicies(g, group));
  };
  for (const u of t.uplinks) if (u.rendersPolicy) push(uplinkPolicy(u), u.nodeGroupSpec);
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
      push(vlanBridgePolicy(n), n.nodeGroupSpec);
      continue;
    }
    if (emitted.has(n.sharedBridgeKey)) continue;
    emitted.add(n.sharedBridgeKey);
    const members = shared.get(n.sharedBridgeKey)!;
    if (members[0].pattern === NetworkPattern.OVN_LOCALNET) out.push(localnetPolicy(members));
    else push(sharedBridgePolicy(members), members[0].nodeGroupSpec);
  }
  return out;
}

/**
 * The NNCP manifest of a planned policy, for the target's kubernetes-nmstate: its served
 * apiVersion, and `maxUnavailable` written out (the operator's default when the node group sets
 * none) so the output says how many nodes apply it at once whatever the operator's default is.
 */
export function policyNncp(p: PlannedPolicy, target: Target): Manifest {
  const policy = nncp({
    name: p.name,
    nodeSelector: Object.keys(p.nodeSelector).length ? p.nodeSelector : undefined,
    maxUnavailable: p.maxUnavailable ?? target.defaultMaxUnavailable,
    desiredState: desiredState({
      // a mapping-only policy (existingBridge localnet) declares no interface at all
      interfaces: p.interfaces.length || !p.ovnMappings?.length ? p.interfaces : undefined,
      routes: p.routes?.length ? p.routes : undefined,
      ovnBridgeMappings: p.ovnMappings?.length ? p.ovnMappings : undefined,
    }),
  }) as unknown as Manifest;
  return target.nncpApiVersion === policy.apiVersion ? policy : { ...policy, apiVersion: target.nncpApiVersion };
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

/**
 * The uplink's own policy: its bond (with the bond's host addresses) or, for a NIC with an `mtu`
 * or host addresses, the NIC up with them (so they reach the node when no network uses the NIC,
 * B4), then its host VLANs. Addresses given per node go to the per-node policies.
 */
function uplinkPolicy(u: ResolvedUplink): GroupPolicy {
  const gone = u.state === 'absent';
  const interfaces: Interface[] = [];
  const perNode: PerNodeInterface[] = [];
  // a present interface: the group policy's definition, and the per-node ones when it has per-node addresses
  const add = (ip: HostIpSpec, define: PerNodeInterface['define']): void => {
    interfaces.push(define(hostIpBlocks(ip)));
    if (hasPerNodeAddresses(ip)) perNode.push({ ip, define });
  };
  if (u.bond) {
    const b = u.bond;
    if (gone) interfaces.push(absent(u.interface, 'bond'));
    else
      add(u, (ip) =>
        bond({
          name: u.interface,
          mode: b.mode as BondMode,
          ports: b.ports,
          // a miimon in the bond's options wins over the miimon field; 100 when neither is given
          miimon: (b.options?.miimon as number | undefined) ?? b.miimon ?? 100,
          options: b.options,
          primary: b.primary,
          mtu: u.mtu || undefined,
          ...ip,
        }),
      );
  } else if (!gone && (u.mtu || hasHostIp(u))) {
    // the NIC exists on the node: only its MTU, link state and host addresses are set; never
    // removed. Without addresses of its own no ipv4/ipv6 block is written: the NIC keeps its IP.
    if (hasHostIp(u)) add(u, (ip) => ethernet({ name: u.interface, mtu: u.mtu || undefined, ...ip }));
    else interfaces.push(ethernet({ name: u.interface, mtu: u.mtu }));
  }
  for (const v of u.vlans ?? []) {
    const name = v.name ?? vlanName(u.interface, v.id);
    if (gone) interfaces.push(absent(name, 'vlan'));
    else add(v, (ip) => vlan({ name, baseIface: u.interface, id: v.id, ...ip }));
  }
  // removal tears down the VLANs before the bond they hang off
  if (gone) interfaces.reverse();
  return {
    policy: {
      name: u.policyName,
      origin: { kind: 'uplink', name: u.name },
      nodeSelector: { ...(u.nodeGroupSpec?.nodeSelector ?? {}), ...(u.nodeSelector ?? {}) },
      maxUnavailable: u.nodeGroupSpec?.maxUnavailable,
      interfaces,
      networks: [],
    },
    perNode,
  };
}

/** The uplink NIC, up (and its MTU), in front of the interfaces a network builds on it; none for a bond. */
function nicUp(n: ResolvedNetwork): Interface[] {
  const u = n.uplinkSpec;
  if (!u || u.bond) return [];
  return [ethernet({ name: u.interface, mtu: u.mtu || undefined })];
}

function vlanBridgePolicy(n: ResolvedNetwork): GroupPolicy {
  const gone = n.state === 'absent';
  const base = n.uplinkSpec?.interface ?? n.uplink ?? '';
  const vlanIf = n.vlanInterface!;
  const mtu = n.mtu || undefined;
  const vlanIface = gone ? absent(vlanIf, 'vlan') : vlan({ name: vlanIf, baseIface: base, id: n.vlan!, description: `VLAN using ${base}`, mtu });
  const define = (ip: HostIpBlocks): Interface =>
    linuxBridge({ name: n.bridge, description: n.description ?? `Linux bridge with ${vlanIf} as a port`, ...ip, mtu, ports: [vlanIf], stp: false });
  const bridge = gone ? absent(n.bridge, 'linux-bridge') : define(hostIpBlocks(n.bridgeIp));
  return {
    policy: {
      ...networkPolicyHead(n, [n]),
      // removal tears down the bridge before the VLAN it holds
      interfaces: gone ? [bridge, vlanIface] : [...nicUp(n), vlanIface, bridge],
    },
    perNode: !gone && n.bridgeIp && hasPerNodeAddresses(n.bridgeIp) ? [{ ip: n.bridgeIp, define }] : [],
  };
}

/** Trunk tags of a shared bridge: every present member's VLAN, as sorted single ids. */
export function trunkTags(members: readonly ResolvedNetwork[]): number[] {
  const ids = new Set<number>();
  for (const m of members) if (m.state !== 'absent' && m.vlan !== undefined && m.vlan > 0) ids.add(m.vlan);
  return [...ids].sort((a, b) => a - b);
}

function sharedBridgePolicy(members: readonly ResolvedNetwork[]): GroupPolicy {
  const first = members[0];
  const nic = first.uplinkSpec?.interface ?? first.uplink ?? '';
  const gone = members.every((m) => m.state === 'absent');
  const trunk = members.some((m) => m.pattern === NetworkPattern.TRUNK_BRIDGE);
  const tags = trunkTags(members);
  const bridgeIp = members.find((m) => m.bridgeIp)?.bridgeIp;
  const define = (ip: HostIpBlocks): Interface =>
    linuxBridge({
      name: first.bridge,
      description: first.description ?? `Linux bridge with ${nic} as a port`,
      ...ip,
      mtu: members.find((m) => m.mtu)?.mtu,
      ports: [{ name: nic, vlan: trunk && tags.length > 0 ? trunkPortVlan(tags) : undefined }],
      stp: false,
    });
  const bridge = gone ? absent(first.bridge, 'linux-bridge') : define(hostIpBlocks(bridgeIp));
  return {
    policy: { ...networkPolicyHead(first, members), interfaces: gone ? [bridge] : [...nicUp(first), bridge] },
    perNode: !gone && bridgeIp && hasPerNodeAddresses(bridgeIp) ? [{ ip: bridgeIp, define }] : [],
  };
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
