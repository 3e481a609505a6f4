/**
 * Resolves every default of a {@link Topology} once (STYLE.md #8), so the renderer, the
 * validator, the diagram and the agent config read the same values.
 */
import {
  AttachmentSpec, BridgePlugin, IpamSpec, NetworkPattern, NetworkSpec, NodeGroupSpec, Platform, Topology, UplinkSpec, VmSpec,
} from './model';

/** Default Argo CD sync waves by layer. */
export const DEFAULT_WAVES = { prerequisites: -20, nncp: -10, nad: -5, vm: 0 } as const;

/** Default cniVersion of rendered NADs: the version every seed uses and Debian's v1.1.1 plugins accept. */
export const DEFAULT_CNI_VERSION = '0.3.1';

/** A network with every default resolved and its uplink and node group looked up. */
export interface ResolvedNetwork extends NetworkSpec {
  readonly pattern: NetworkPattern;
  readonly nadName: string;
  readonly cniName: string;
  readonly plugin: BridgePlugin;
  readonly cniVersion: string;
  readonly macspoofchk: boolean;
  readonly tuning: boolean;
  readonly ipam: IpamSpec;
  readonly resourceName: boolean;
  readonly state: 'present' | 'absent';
  /** VLAN sub-interface (vlan-bridge only). */
  readonly vlanInterface?: string;
  readonly policyName: string;
  /** The uplink spec, or undefined when the id is unknown (reported by validation). */
  readonly uplinkSpec?: UplinkSpec;
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

/** A VM with defaults resolved. */
export interface ResolvedVm extends VmSpec {
  readonly podNetwork: 'masquerade' | false;
  readonly podInterfaceName: string;
  readonly runStrategy: string;
  readonly memory: string;
  readonly image: string;
  readonly attachments: readonly ResolvedAttachment[];
}

/** A topology with defaults resolved. */
export interface ResolvedTopology extends Topology {
  readonly platform: Platform;
  readonly networks: readonly ResolvedNetwork[];
  readonly vms: readonly ResolvedVm[];
  readonly waves: Readonly<Record<keyof typeof DEFAULT_WAVES, number>>;
  readonly syncWaves: boolean;
}

/** Name of the pod network inside VM specs. */
export const POD_NETWORK_NAME = 'default';

/** Resolves defaults. Unknown references stay undefined; validation reports them. */
export function resolveTopology(t: Topology): ResolvedTopology {
  const platform = (t.platform ?? Platform.VANILLA) as Platform;
  const groups = new Map(t.nodeGroups.map((g) => [g.name, g]));
  const uplinks = new Map(t.uplinks.map((u) => [u.name, u]));
  const networks = t.networks.map((n) => resolveNetwork(n, platform, uplinks, groups));
  const byName = new Map(networks.map((n) => [n.name, n]));
  const vms = t.vms.map((vm) => resolveVm(vm, byName));
  return {
    ...t,
    platform,
    networks,
    vms,
    waves: { ...DEFAULT_WAVES, ...(t.ordering?.waves ?? {}) },
    syncWaves: t.ordering?.syncWaves ?? true,
  };
}

function resolveNetwork(
  n: NetworkSpec,
  platform: Platform,
  uplinks: Map<string, UplinkSpec>,
  groups: Map<string, NodeGroupSpec>,
): ResolvedNetwork {
  const uplinkSpec = uplinks.get(n.uplink);
  const nodeGroupSpec = uplinkSpec ? groups.get(uplinkSpec.nodeGroup) : undefined;
  const pattern = n.pattern as NetworkPattern;
  const nadName = n.nadName ?? n.name;
  const vlanInterface =
    pattern === NetworkPattern.VLAN_BRIDGE ? n.vlanInterface ?? `${uplinkSpec?.interface ?? n.uplink}.${n.vlan}` : undefined;
  const sharedBridge = pattern === NetworkPattern.TRUNK_BRIDGE || pattern === NetworkPattern.BRIDGE;
  return {
    ...n,
    pattern,
    nadName,
    cniName: n.cniName ?? nadName,
    plugin: (n.plugin ?? (platform === Platform.OPENSHIFT ? BridgePlugin.CNV_BRIDGE : BridgePlugin.BRIDGE)) as BridgePlugin,
    cniVersion: n.cniVersion ?? DEFAULT_CNI_VERSION,
    macspoofchk: n.macspoofchk ?? true,
    tuning: n.tuning ?? false,
    ipam: n.ipam ?? { type: 'none' },
    resourceName: n.resourceName ?? pattern !== NetworkPattern.OVN_LOCALNET,
    state: n.state ?? 'present',
    vlanInterface,
    policyName:
      n.policyName ??
      (sharedBridge ? `${n.bridge}-${uplinkSpec?.interface ?? n.uplink}` : `${n.name}-${uplinkSpec?.nodeGroup ?? 'nodes'}`),
    uplinkSpec,
    nodeGroupSpec,
  };
}

function resolveVm(vm: VmSpec, networks: Map<string, ResolvedNetwork>): ResolvedVm {
  const podNetwork = vm.podNetwork ?? 'masquerade';
  let guestIndex = podNetwork ? 1 : 0;
  const attachments = vm.attachments.map((a): ResolvedAttachment => {
    const guestName = a.guestName ?? `eth${guestIndex}`;
    guestIndex++;
    return {
      ...a,
      name: a.name ?? a.network,
      guestName,
      state: a.state ?? 'present',
      model: a.model ?? 'virtio',
      networkSpec: networks.get(a.network),
    };
  });
  return {
    ...vm,
    podNetwork,
    podInterfaceName: vm.podInterfaceName ?? POD_NETWORK_NAME,
    runStrategy: vm.runStrategy ?? 'Always',
    memory: vm.memory ?? '1Gi',
    image: vm.image ?? 'quay.io/containerdisks/fedora:latest',
    attachments,
  };
}
