/**
 * Resolves every default of a {@link Topology} once (STYLE.md #8), so the renderer, the
 * validator, the diagram, the agent config and both adapters read the same values. Nothing else
 * computes a default name: policy names, bridge names, patterns and NAD names are decided here.
 */
import {
  AttachmentSpec, BridgePlugin, IpamSpec, NetworkPattern, NetworkSpec, NodeGroupSpec, Platform, Topology, UplinkSpec, VmSpec,
} from './model';
import { resolveTarget, Target, TargetResolution } from '../target';
import { JsonMap, userHasMemory, userHasPodNetwork, userHasRunStrategy, userInterfaceMac, userPodNetworkName, userVirtualMachine } from './vm-source';
import { defaultGuestName } from './guest-name';
import { hasHostIp } from './host-addresses';

/** Default Argo CD sync waves by layer. */
export const DEFAULT_WAVES = { prerequisites: -20, nncp: -10, nad: -5, vm: 0 } as const;

/** Default cniVersion of rendered NADs: the version every seed uses and Debian's v1.1.1 plugins accept. */
export const DEFAULT_CNI_VERSION = '0.3.1';

/** Name of the pod network inside VM specs. */
export const POD_NETWORK_NAME = 'default';

/** Patterns whose networks share one bridge (and its NNCP) on an uplink. */
const SHARED_BRIDGE_PATTERNS: ReadonlySet<NetworkPattern> = new Set([NetworkPattern.TRUNK_BRIDGE, NetworkPattern.BRIDGE, NetworkPattern.OVN_LOCALNET]);

/** An uplink with its policy name resolved and its node group looked up. */
export interface ResolvedUplink extends UplinkSpec {
  /** Name of the NNCP the uplink renders when it has a bond or host VLANs. */
  readonly policyName: string;
  /**
   * True when the uplink renders an NNCP of its own: a bond, host VLANs, or a NIC whose `mtu` no
   * present network's policy sets (B4: the MTU must reach a policy).
   */
  readonly rendersPolicy: boolean;
  readonly state: 'present' | 'absent';
  /** The node group spec, or undefined when the id is unknown (reported by validation). */
  readonly nodeGroupSpec?: NodeGroupSpec;
}

/** A network with every default resolved and its uplink and node group looked up. */
export interface ResolvedNetwork extends NetworkSpec {
  readonly pattern: NetworkPattern;
  readonly bridge: string;
  readonly nadName: string;
  readonly cniName: string;
  readonly plugin: BridgePlugin;
  readonly cniVersion: string;
  readonly macspoofchk: boolean;
  readonly tuning: boolean;
  readonly ipam: IpamSpec;
  readonly resourceName: boolean;
  readonly state: 'present' | 'absent';
  /** ovn-localnet on a bridge the nodes already have: the policy only maps it. */
  readonly existingBridge: boolean;
  /** ovn-localnet: `subnets` go into the NAD and OVN allocates the addresses. */
  readonly ovnIpam: boolean;
  /** VLAN sub-interface (vlan-bridge only). */
  readonly vlanInterface?: string;
  readonly policyName: string;
  /**
   * Identity of the bridge this network shares with others on the same uplink (trunk-bridge,
   * bridge, ovn-localnet): networks with the same key render one NNCP. Undefined for vlan-bridge
   * networks, which own their bridge.
   */
  readonly sharedBridgeKey?: string;
  /** The uplink spec, or undefined when the id is unknown (reported by validation). */
  readonly uplinkSpec?: ResolvedUplink;
  readonly nodeGroupSpec?: NodeGroupSpec;
}

/** An attachment with its interface name and guest name resolved. */
export interface ResolvedAttachment extends AttachmentSpec {
  readonly name: string;
  readonly guestName: string;
  readonly state: 'present' | 'absent';
  readonly model: string;
  readonly networkSpec?: ResolvedNetwork;
}

/**
 * A VM with defaults resolved. The defaults follow the user's VirtualMachine when there is one
 * (vm-merge.ts): pod network and its name, MACs of same-named interfaces, memory and run
 * strategy only where the VM has none; no image unless one is given.
 */
export interface ResolvedVm extends VmSpec {
  /** The VM has the pod network (its own, or the one multihome adds). */
  readonly podNetwork: 'masquerade' | 'passt' | false;
  readonly podInterfaceName: string;
  /** Undefined when the user's VM says how it runs. */
  readonly runStrategy?: string;
  /** Undefined when the user's VM sizes its memory. */
  readonly memory?: string;
  readonly image?: string;
  readonly attachments: readonly ResolvedAttachment[];
  /** The user's VirtualMachine as plain JSON, templateExtra merged in (vm-source.ts); undefined when the VM gives none. */
  readonly userVm?: JsonMap;
}

/** A topology with defaults resolved. */
export interface ResolvedTopology extends Topology {
  readonly platform: Platform;
  /** `target` resolved (the platform's default when absent or unusable; intent rules report why). */
  readonly resolvedTarget: Target;
  readonly uplinks: readonly ResolvedUplink[];
  readonly networks: readonly ResolvedNetwork[];
  readonly vms: readonly ResolvedVm[];
  readonly waves: Readonly<Record<keyof typeof DEFAULT_WAVES, number>>;
  readonly syncWaves: boolean;
}

/** The NNCP name of an uplink that renders one: `<uplink>-<nodeGroup>` unless given. */
export function uplinkPolicyName(u: Pick<UplinkSpec, 'name' | 'nodeGroup' | 'policyName'>): string {
  return u.policyName ?? `${u.name}-${u.nodeGroup}`;
}

/** The pattern of a network: given, else trunk-bridge with a VLAN id and a plain bridge without. */
export function networkPattern(n: Pick<NetworkSpec, 'pattern' | 'vlan'>): NetworkPattern {
  return (n.pattern ?? (n.vlan ? NetworkPattern.TRUNK_BRIDGE : NetworkPattern.BRIDGE)) as NetworkPattern;
}

/** Resolves defaults. Unknown references stay undefined; validation reports them. */
export function resolveTopology(t: Topology): ResolvedTopology {
  const platform = (t.platform ?? Platform.VANILLA) as Platform;
  const groups = new Map(t.nodeGroups.map((g) => [g.name, g]));
  const carried = new Set<string>();
  // uplinks a present network builds on (a mapping-only localnet touches no uplink), and those
  // whose NIC a bridge enslaves itself (every pattern but vlan-bridge, which enslaves a VLAN)
  const enslaved = new Set<string>();
  for (const n of t.networks) {
    if (n.state === 'absent' || n.uplink === undefined || n.existingBridge) continue;
    carried.add(n.uplink);
    if (networkPattern(n) !== NetworkPattern.VLAN_BRIDGE) enslaved.add(n.uplink);
  }
  const uplinkList = t.uplinks.map((u) => resolveUplink(u, groups, carried, enslaved));
  const uplinks = new Map(uplinkList.map((u) => [u.name, u]));
  const networks = t.networks.map((n) => resolveNetwork(n, platform, uplinks, groups));
  const byName = new Map(networks.map((n) => [n.name, n]));
  const vms = t.vms.map((vm) => resolveVm(vm, byName));
  return {
    ...t,
    platform,
    resolvedTarget: topologyTarget(t).target,
    uplinks: uplinkList,
    networks,
    vms,
    waves: { ...DEFAULT_WAVES, ...(t.ordering?.waves ?? {}) },
    syncWaves: t.ordering?.syncWaves ?? true,
  };
}

function resolveUplink(u: UplinkSpec, groups: Map<string, NodeGroupSpec>, carried: ReadonlySet<string>, enslaved: ReadonlySet<string>): ResolvedUplink {
  // A NIC renders its own policy for its MTU when no network builds on it (the networks' policies
  // set it otherwise, B4), and for its host addresses unless a bridge enslaves it (a port keeps no
  // address: TOPOLOGY_UPLINK_ADDRESS_ON_PORT).
  const nicOwnPolicy =
    u.bond === undefined && u.state !== 'absent' && ((u.mtu !== undefined && u.mtu > 0 && !carried.has(u.name)) || (hasHostIp(u) && !enslaved.has(u.name)));
  return {
    ...u,
    policyName: uplinkPolicyName(u),
    rendersPolicy: u.bond !== undefined || (u.vlans?.length ?? 0) > 0 || nicOwnPolicy,
    state: u.state ?? 'present',
    nodeGroupSpec: groups.get(u.nodeGroup),
  };
}

function defaultBridge(n: NetworkSpec, pattern: NetworkPattern): string {
  if (pattern === NetworkPattern.VLAN_BRIDGE) return `br${n.vlan}`;
  if (pattern === NetworkPattern.TRUNK_BRIDGE) return 'br0';
  return n.name;
}

function resolveNetwork(n: NetworkSpec, platform: Platform, uplinks: Map<string, ResolvedUplink>, groups: Map<string, NodeGroupSpec>): ResolvedNetwork {
  const uplinkSpec = n.uplink !== undefined ? uplinks.get(n.uplink) : undefined;
  // an existingBridge localnet may name its node group instead of an uplink (validation reports a mismatch of the two)
  const nodeGroupSpec = uplinkSpec?.nodeGroupSpec ?? (n.nodeGroup !== undefined ? groups.get(n.nodeGroup) : undefined);
  const pattern = networkPattern(n);
  const bridge = n.bridge ?? defaultBridge(n, pattern);
  const nadName = n.nadName ?? n.name;
  const nic = uplinkSpec?.interface ?? n.uplink;
  const vlanInterface = pattern === NetworkPattern.VLAN_BRIDGE ? n.vlanInterface ?? `${nic}.${n.vlan}` : undefined;
  const shared = SHARED_BRIDGE_PATTERNS.has(pattern);
  const existingBridge = pattern === NetworkPattern.OVN_LOCALNET && n.existingBridge === true;
  // a mapping-only policy belongs to the node group, whichever way the network names it: `<bridge>-<group>`
  const group = uplinkSpec?.nodeGroup ?? n.nodeGroup ?? 'nodes';
  const sharedBridgeKey = existingBridge ? `existing\u0000${group}\u0000${bridge}` : `${n.uplink}\u0000${bridge}`;
  const plainPolicyName = existingBridge ? `${bridge}-${group}` : shared ? `${bridge}-${nic}` : `${n.name}-${uplinkSpec?.nodeGroup ?? 'nodes'}`;
  return {
    ...n,
    pattern,
    bridge,
    nadName,
    cniName: n.cniName ?? nadName,
    plugin: (n.plugin ?? (platform === Platform.OPENSHIFT ? BridgePlugin.CNV_BRIDGE : BridgePlugin.BRIDGE)) as BridgePlugin,
    cniVersion: n.cniVersion ?? DEFAULT_CNI_VERSION,
    macspoofchk: n.macspoofchk ?? true,
    tuning: n.tuning ?? false,
    ipam: n.ipam ?? { type: 'none' },
    resourceName: n.resourceName ?? pattern !== NetworkPattern.OVN_LOCALNET,
    // a namespace listed twice gets one NAD (TOPOLOGY_NAMESPACE_LISTED_TWICE says so)
    namespaces: [...new Set(n.namespaces)],
    state: n.state ?? 'present',
    existingBridge,
    ovnIpam: pattern === NetworkPattern.OVN_LOCALNET && n.ovnIpam === true,
    vlanInterface,
    policyName: n.policyName ?? (existingBridge ? plainPolicyName : defaultNetworkPolicyName(plainPolicyName, uplinkSpec)),
    ...(shared ? { sharedBridgeKey } : {}),
    uplinkSpec,
    nodeGroupSpec,
  };
}

/**
 * The default NNCP name of a network: `plain`, unless the network builds on its uplink's bond
 * policy and `plain` sorts before that policy's name — then `<uplink policy>-<plain>`, which sorts
 * after it. kubernetes-nmstate re-applies a node's policies in name order when the node's labels
 * change (nmstate/kubernetes-nmstate controllers/handler/nodenetworkconfigurationpolicy_controller.go
 * `allPolicies`: sort.Slice by Name, one reconcile worker), so a generated name never asks for a
 * policy before the bond it uses. Byte order, as Go compares strings (names are ASCII).
 */
function defaultNetworkPolicyName(plain: string, uplink: ResolvedUplink | undefined): string {
  if (!uplink?.bond || uplink.state === 'absent' || plain >= uplink.policyName) return plain;
  return `${uplink.policyName}-${plain}`;
}

/*
 * Object.assign rather than object spread in the two functions below: they run once per VM and
 * per NIC, and V8 (Node 20) copies with spread several times slower here (10 000 VMs: ~150 ms vs
 * ~20 ms, measured with bench/generate's environment).
 */
function resolveVm(vm: VmSpec, networks: Map<string, ResolvedNetwork>): ResolvedVm {
  const userVm = userVirtualMachine(vm);
  const podNetwork = vm.podNetwork ?? (userHasPodNetwork(userVm) ? 'masquerade' : false);
  const attachments = vm.attachments.map((a): ResolvedAttachment => {
    const name = a.name ?? a.network;
    const resolved: { -readonly [K in keyof ResolvedAttachment]: ResolvedAttachment[K] } = Object.assign({}, a, {
      name,
      guestName: a.guestName ?? defaultGuestName(name),
      state: a.state ?? ('present' as const),
      model: a.model ?? 'virtio',
      networkSpec: networks.get(a.network),
    });
    // an existing VM keeps its MACs: the user VM's MAC of the same interface, when the attachment gives none
    const mac = userVm && a.macAddress === undefined ? userInterfaceMac(userVm, name) : undefined;
    if (mac !== undefined) resolved.macAddress = mac;
    return resolved;
  });
  return Object.assign({}, vm, {
    podNetwork,
    podInterfaceName: vm.podInterfaceName ?? userPodNetworkName(userVm) ?? POD_NETWORK_NAME,
    runStrategy: vm.runStrategy ?? (userHasRunStrategy(userVm) ? undefined : 'Always'),
    memory: vm.memory ?? (userHasMemory(userVm) ? undefined : '1Gi'),
    image: vm.image,
    attachments,
    userVm,
  });
}

/** An environment's `target` resolved over its platform's default, with the problems at `target…`. */
export function topologyTarget(t: Pick<Topology, 'target' | 'platform' | 'name'>): TargetResolution {
  return resolveTarget(t.target, { platform: t.platform === Platform.OPENSHIFT ? 'openshift' : 'vanilla', resource: { kind: 'Environment', name: t.name }, path: 'target' });
}
