/**
 * Inputs of the fault lab (test/lab/faults.test.ts), synthesized by multihome like the main lab's
 * (test/lab/intents.ts): every agent config is the ConfigMap the NetworkAgent deployment renders
 * for a typed environment — prod's seed 001 VLAN bridge (c7000, eno49), seed 002 bond (bond0 over
 * ens161/ens256 with VLANs 144/145) and the lab's seed 004 trunk (br0 on eth1) — or a small
 * variation of that typed environment built here (an added VLAN, a changed address, a route, a
 * failing probe, K VLAN bridges); never hand-written agent YAML.
 */
import type { ProbeSpec } from '../../lib/agent/config';
import type { NetworkSpec, Topology, UplinkSpec } from '../../lib/core/topology/model';
import { lab } from '../../apps/environments/lab';
import { prod } from '../../apps/environments/prod';
import { absentNetworks, LabNode, LabVm, node, vmsOf } from './intents';

/** A probe that never answers (TEST-NET-1: no route to it anywhere in the lab). */
export const UNREACHABLE_PROBE: ProbeSpec = { name: 'unreachable', target: '192.0.2.1', timeoutSeconds: 1 };

/** Every input of the fault lab. */
export interface FaultIntents {
  /** Seed 001: eno49 → eno49.1085 → bridge-1085 on a c7000 node. */
  readonly vlanBridge: {
    readonly node: LabNode;
    /** The same with VLAN 1086 (network vlan-1086) added. */
    readonly plus1086: LabNode;
    /** The same with VLANs 1086 and 1087 added. */
    readonly plus1087: LabNode;
    /** VLAN 1086 added and a probe that never answers (the apply rolls back). */
    readonly plus1086Failing: LabNode;
    /** VLAN 1086 added and vlan-1085's MTU raised to 9000, above its base's 1500 (the kernel would refuse it: ERANGE). */
    readonly plus1086Mtu9000: LabNode;
    /** vlan-1085 absent (decommission). */
    readonly absent: LabNode;
    /** vlan-1085 absent with a probe that never answers: the rollback must re-create it. */
    readonly absentFailing: LabNode;
    /** The c7000 uplink eno49 with MTU 65535 (above the lab NIC's max_mtu). */
    readonly mtu65535: LabNode;
    readonly nic: string;
    readonly vlan: number;
    /** pxe-vm as rendered (MAC, NAD config, cloud-init addresses). */
    readonly vm: LabVm;
    /** The VLAN 1085 gateway in the switch, CIDR. */
    readonly gateway: string;
  };
  /** Seed 002: bond0 active-backup over ens161/ens256, VLANs 144/145 dual-stack, probe on bond0.144. */
  readonly bond: {
    readonly node: LabNode;
    readonly ports: readonly string[];
    /** Per VLAN (0 = untagged): the node's addresses and the switch gateway's. */
    readonly segments: ReadonlyArray<{ readonly vlan: number; readonly node: readonly string[]; readonly gateway: readonly string[] }>;
    /** bond0.145's IPv6 address changed to the switch gateway's (DAD fails). */
    readonly dadConflict: LabNode;
    /** The duplicated IPv6 address. */
    readonly duplicate: string;
    /** VLAN 146 added (172.146.0.30/16). */
    readonly plus146: LabNode;
    /** The bond plus a route 10.99.0.0/16 via the VLAN 144 gateway, probed at 10.99.0.1. */
    readonly routed: LabNode;
    /** The same with that route removed: the probe cannot reach 10.99.0.1 any more. */
    readonly routeRemoved: LabNode;
    readonly route: { readonly destination: string; readonly via: string; readonly dev: string; readonly probe: string };
  };
  /** Seed 004: br0 trunk (VLANs 100, 200) on eth1; vma on VLAN 100. */
  readonly trunk: { readonly node: LabNode; readonly nic: string; readonly vm: LabVm; readonly vlan: number; readonly gateway: string };
  /** prod's `vlan` host policy: eth1.102 with DHCP (the agent refuses DHCP in apply mode). */
  readonly dhcp: { readonly node: LabNode; readonly nic: string };
  /** K VLAN bridges (vlan-bridge pattern) on eth1, K = {@link BIG_K}. */
  readonly big: { readonly node: LabNode; readonly k: number; readonly nic: string };
  /** Fewer VLAN bridges on eth1 with a probe that never answers for 3 s (a window for SIGTERM). */
  readonly slowFailing: { readonly node: LabNode; readonly k: number; readonly nic: string };
}

/** VLAN bridges of the interrupted apply. */
export const BIG_K = 128;

/** `k` vlan-bridge networks on uplink `nic` of node group `nodes` (the bench's shape). */
function vlanBridges(k: number, nic: string): Topology {
  const networks: NetworkSpec[] = Array.from({ length: k }, (_, i) => ({
    name: `v${100 + i}`, pattern: 'vlan-bridge', uplink: nic, vlan: 100 + i, bridge: `br${100 + i}`, namespaces: ['default'],
  }));
  return { name: 'faults', nodeGroups: [{ name: 'nodes', nodeSelector: {} }], uplinks: [{ name: nic, nodeGroup: 'nodes', interface: nic }], networks, vms: [] };
}

/** The fault lab's intents. */
export function faultIntents(): FaultIntents {
  // ---- seed 001 and its variations
  const c7000 = { hardware: 'c7000' };
  const net1085 = prod.networks.find((n) => n.name === 'vlan-1085')!;
  const policy1085 = 'vlan-1085-policy-c7000';
  const sibling = (vlan: number): NetworkSpec => ({ ...net1085, name: `vlan-${vlan}`, vlan, bridge: undefined, nadName: undefined, cniName: undefined, subnets: [`10.6.${vlan - 1000}.0/24`] });
  const policyOf = (vlan: number) => policy1085.replace('1085', String(vlan));
  const withNets = (extra: NetworkSpec[], change: (n: NetworkSpec) => NetworkSpec = (n) => n): Topology => ({
    ...prod, networks: [...prod.networks.map((n) => (n.name === net1085.name ? change(n) : n)), ...extra],
  });
  const c7 = (t: Topology, extra: number[] = [], probes?: ProbeSpec[]) =>
    node('c7000', c7000, 'c7000', t, { policies: [policy1085, ...extra.map(policyOf)], ...(probes ? { probes } : {}) });
  const seed001Vm = vmsOf({ ...prod, vms: prod.vms.filter((v) => v.attachments.some((a) => a.network === 'vlan-1085')) }, () => 'c7000')[0];
  const eno49 = prod.uplinks.find((u) => u.interface === 'eno49')!;

  // ---- seed 002 and its variations
  const bondHost = { 'kubernetes.io/hostname': '10-6-185-30' };
  const bond = prod.uplinks.find((u) => u.name === 'bond0')!;
  const bondPolicy = bond.policyName!;
  const probe: ProbeSpec = { name: 'vlan144-gateway', target: '172.144.0.1', interface: 'bond0.144', timeoutSeconds: 3 };
  const withUplink = (u: UplinkSpec, t: Topology = prod): Topology => ({ ...t, uplinks: t.uplinks.map((x) => (x.name === u.name ? u : x)) });
  const bondNode = (t: Topology, policies: string[] = [bondPolicy], probes: ProbeSpec[] = [probe]) => node('bondnode', bondHost, bond.nodeGroup, t, { policies, probes });
  const segments = [
    { vlan: 0, node: [...(bond.ipv4 as string[]), ...(bond.ipv6 as string[])], gateway: ['172.39.0.1/16', 'fc00:172:39::1/64'] },
    ...(bond.vlans ?? []).map((v) => ({ vlan: v.id, node: [...(v.ipv4 as string[]), ...(v.ipv6 as string[])], gateway: [`172.${v.id}.0.1/16`, `fd00:${v.id}::1/64`] })),
  ];
  const duplicate = 'fd00:145::1/64';
  const dadConflict = withUplink({ ...bond, vlans: (bond.vlans ?? []).map((v) => (v.id === 145 ? { ...v, ipv6: [duplicate] } : v)) });
  const plus146 = withUplink({ ...bond, vlans: [...(bond.vlans ?? []), { id: 146, ipv4: ['172.146.0.30/16'] }] });
  const route = { destination: '10.99.0.0/16', via: '172.144.0.1', dev: 'bond0.144', probe: '10.99.0.1' };
  const routePolicy = (state?: 'absent'): Topology => ({
    ...prod,
    hostPolicies: [
      ...(prod.hostPolicies ?? []),
      {
        name: 'lab-routes', nodeGroup: bond.nodeGroup, interfaces: [],
        routes: [{ destination: route.destination, 'next-hop-address': route.via, 'next-hop-interface': route.dev, ...(state ? { state } : {}) }],
      },
    ],
  });
  const routedProbe: ProbeSpec = { name: 'routed', target: route.probe, timeoutSeconds: 2 };

  // ---- seed 004
  const vlan100 = lab.networks.find((n) => n.name === 'br0-100')!;
  const vlan200: NetworkSpec = { ...vlan100, name: 'br0-200', vlan: 200, nadName: 'br0-200-l2', cniName: 'br0-200-l2-config', subnets: ['10.200.0.0/24'] };
  const lab004: Topology = { ...lab, networks: [...lab.networks, vlan200] };
  const trunkVm = vmsOf(lab, (sel) => sel['kubernetes.io/hostname'] ?? 'node01').find((v) => v.node === 'node01')!;

  const slowK = 16;
  return {
    vlanBridge: {
      node: c7(prod),
      plus1086: c7(withNets([sibling(1086)]), [1086]),
      plus1087: c7(withNets([sibling(1086), sibling(1087)]), [1086, 1087]),
      plus1086Failing: c7(withNets([sibling(1086)]), [1086], [UNREACHABLE_PROBE]),
      plus1086Mtu9000: c7(withNets([sibling(1086)], (n) => ({ ...n, mtu: 9000 })), [1086]),
      absent: c7(absentNetworks(prod, ['vlan-1085'])),
      absentFailing: c7(absentNetworks(prod, ['vlan-1085']), [], [UNREACHABLE_PROBE]),
      mtu65535: c7(withUplink({ ...eno49, mtu: 65535 })),
      nic: eno49.interface,
      vlan: net1085.vlan!,
      vm: seed001Vm,
      gateway: net1085.subnets![0].replace(/\.0\/(\d+)$/, '.1/$1'),
    },
    bond: {
      node: bondNode(prod),
      ports: bond.bond!.ports,
      segments,
      dadConflict: bondNode(dadConflict),
      duplicate,
      plus146: bondNode(plus146),
      routed: bondNode(routePolicy(), [bondPolicy, 'lab-routes'], [probe, routedProbe]),
      routeRemoved: bondNode(routePolicy('absent'), [bondPolicy, 'lab-routes'], [probe, routedProbe]),
      route,
    },
    trunk: { node: node('node01', { 'kubernetes.io/hostname': 'node01' }, 'nodes', lab004), nic: 'eth1', vm: trunkVm, vlan: vlan100.vlan!, gateway: '10.200.0.254/24' },
    dhcp: { node: node('dhcpnode', { 'kubernetes.io/hostname': 'dhcpnode' }, 'all', prod, { policies: ['vlan'] }), nic: 'eth1' },
    big: { node: node('big', {}, 'nodes', vlanBridges(BIG_K, 'eth1')), k: BIG_K, nic: 'eth1' },
    slowFailing: { node: node('slow', {}, 'nodes', vlanBridges(slowK, 'eth1'), { probes: [{ ...UNREACHABLE_PROBE, timeoutSeconds: 3 }] }), k: slowK, nic: 'eth1' },
  };
}
