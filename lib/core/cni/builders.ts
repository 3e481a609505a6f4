import { API, Manifest } from '../manifest';
import { Ipam } from './ipam';
import { renderNadConfig } from './json';
import { DEFAULT_PLUGIN_PROFILE, PluginProfile } from './profiles';
import {
  BRIDGE_RESOURCE_PREFIX,
  BridgePluginConfig,
  ConfList,
  HostDevicePluginConfig,
  isBridgeConfig,
  MacvlanPluginConfig,
  NadConfig,
  OvnOverlayPluginConfig,
  OvnTopology,
  PluginConfig,
  pluginsOf,
  RESOURCE_NAME_ANNOTATION,
  SriovPluginConfig,
  TuningPluginConfig,
  VlanTrunkEntry,
} from './types';

/**
 * The cniVersion builders write unless told otherwise: 1.0.0 is accepted by every profile
 * (Debian's v1.1.1 and CNAO's v1.5.1 builds stop at 1.0.0; libcni `pkg/version/version.go`).
 */
export const DEFAULT_CNI_VERSION = '1.0.0';

function compact<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

/** Options shared by the single-plugin builders. */
export interface PluginBuildOptions {
  /** CNI network name; should equal the NAD's metadata.name. */
  readonly name: string;
  /** @default DEFAULT_CNI_VERSION ("1.0.0") */
  readonly cniVersion?: string;
  /** @default Ipam.none() — `"ipam": {}`, L2 only */
  readonly ipam?: Ipam;
}

/** Options of {@link bridgeConfig}. */
export interface BridgeConfigOptions extends PluginBuildOptions {
  /** Host Linux bridge (must exist on the node — the plugin would otherwise create an isolated one). */
  readonly bridge: string;
  /** Access VLAN on the pod's bridge port, 1..4094. @default - untagged */
  readonly vlan?: number;
  /** Trunk VLANs on the port (plugins ≥ v1.3.0). @default - none */
  readonly vlanTrunk?: readonly VlanTrunkEntry[];
  /** Keep VLAN 1 on the port (plugins ≥ v1.3.0). @default - the plugin's default */
  readonly preserveDefaultVlan?: boolean;
  /**
   * Limit the pod's source MAC to its own (nftables). A security default.
   * @default true
   */
  readonly macspoofchk?: boolean;
  /** Leave the pod-side veth down; KubeVirt raises it (plugins ≥ v1.4.1, not with IPAM). @default - not set */
  readonly disableContainerInterface?: boolean;
  /** MTU of the veth (and of the bridge when the plugin creates it). @default - kernel default */
  readonly mtu?: number;
  /** Chain a `tuning` plugin after the bridge (a conflist). @default false */
  readonly tuning?: boolean;
  /**
   * Target build: decides `bridge` vs `cnv-bridge` (OPENSHIFT) and `tuning` vs `cnv-tuning`.
   * @default DEFAULT_PLUGIN_PROFILE (PluginProfile.UPSTREAM)
   */
  readonly profile?: PluginProfile;
}

/**
 * A Linux-bridge attachment (`bridge`, or `cnv-bridge` on the OPENSHIFT profile), single config or
 * — with `tuning: true` — a conflist bridge → tuning. `macspoofchk` defaults to true.
 * @see https://www.cni.dev/plugins/current/main/bridge/
 */
export function bridgeConfig(options: BridgeConfigOptions): NadConfig {
  const profile = options.profile ?? DEFAULT_PLUGIN_PROFILE;
  const type = profile.hasPlugin('cnv-bridge') ? 'cnv-bridge' : 'bridge';
  const bridge: BridgePluginConfig = compact({
    cniVersion: options.cniVersion ?? DEFAULT_CNI_VERSION,
    name: options.name,
    type,
    bridge: options.bridge,
    vlan: options.vlan,
    vlanTrunk: options.vlanTrunk?.map((t) => compact({ id: t.id, minID: t.minID, maxID: t.maxID })),
    preserveDefaultVlan: options.preserveDefaultVlan,
    macspoofchk: options.macspoofchk ?? true,
    disableContainerInterface: options.disableContainerInterface,
    mtu: options.mtu,
    ipam: (options.ipam ?? Ipam.none()).toConfig(),
  });
  if (!options.tuning) return bridge;
  return conflist(options.name, [bridge, tuningConfig({ type: profile.hasPlugin('cnv-tuning') ? 'cnv-tuning' : 'tuning' })], bridge.cniVersion);
}

/** Options of {@link macvlanConfig}. */
export interface MacvlanConfigOptions extends PluginBuildOptions {
  /** Host interface the macvlan hangs off. @default - the interface of the default route */
  readonly master?: string;
  /** @default "bridge" (the plugin's default) */
  readonly mode?: 'bridge' | 'private' | 'vepa' | 'passthru';
  /** @default - master's MTU */
  readonly mtu?: number;
}

/**
 * A macvlan attachment. Not usable behind KubeVirt `bridge` binding (kubevirt/kubevirt#5483).
 * @see https://www.cni.dev/plugins/current/main/macvlan/
 */
export function macvlanConfig(options: MacvlanConfigOptions): MacvlanPluginConfig {
  return compact({
    cniVersion: options.cniVersion ?? DEFAULT_CNI_VERSION,
    name: options.name,
    type: 'macvlan',
    master: options.master,
    mode: options.mode,
    mtu: options.mtu,
    ipam: (options.ipam ?? Ipam.none()).toConfig(),
  });
}

/** Options shared by the OVN-Kubernetes builders. */
export interface OvnConfigOptions {
  /** Network name (cluster-global: every NAD with this name must carry the same config). */
  readonly name: string;
  /** `<namespace>/<nad name>` of the NAD this config goes into (see {@link netAttachDefName}). */
  readonly netAttachDefName: string;
  /** Subnets OVN-K allocates from. @default - none: pure L2, static IPs only */
  readonly subnets?: readonly string[];
  /** Addresses never allocated (inside `subnets`). @default - none */
  readonly excludeSubnets?: readonly string[];
  /** @default - the cluster MTU */
  readonly mtu?: number;
  /** Keep IPs across VM restart/migration via IPAMClaims. @default false */
  readonly allowPersistentIPs?: boolean;
  /** @default DEFAULT_CNI_VERSION */
  readonly cniVersion?: string;
}

/** Options of {@link ovnLocalnetConfig}. */
export interface OvnLocalnetConfigOptions extends OvnConfigOptions {
  /** OVN tags the traffic with this VLAN. @default - untagged */
  readonly vlanID?: number;
  /** `localnet` key of the nmstate `ovn.bridge-mappings` entry. @default - the network `name` */
  readonly physicalNetworkName?: string;
}

/** Options of {@link ovnLayer2Config}. */
export interface OvnLayer2ConfigOptions extends OvnConfigOptions {
  /** @default "secondary" (not written) */
  readonly role?: 'primary' | 'secondary';
  /** Primary UDN join subnet(s). @default - OVN-K's default */
  readonly joinSubnet?: readonly string[];
}

/** `<namespace>/<name>`, the value `netAttachDefName` must have in an ovn-k8s-cni-overlay NAD. */
export function netAttachDefName(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

function ovnBase(options: OvnConfigOptions, topology: OvnTopology): OvnOverlayPluginConfig {
  return compact({
    cniVersion: options.cniVersion ?? DEFAULT_CNI_VERSION,
    name: options.name,
    type: 'ovn-k8s-cni-overlay',
    topology,
    netAttachDefName: options.netAttachDefName,
    subnets: options.subnets && options.subnets.length > 0 ? options.subnets.join(',') : undefined,
    excludeSubnets: options.excludeSubnets && options.excludeSubnets.length > 0 ? options.excludeSubnets.join(',') : undefined,
    mtu: options.mtu,
    allowPersistentIPs: options.allowPersistentIPs,
  });
}

/**
 * An OVN-Kubernetes localnet attachment: a logical switch bridged to the physical network named
 * by an nmstate `ovn.bridge-mappings` entry.
 * @see ovn-kubernetes/ovn-kubernetes docs/features/multiple-networks/multi-homing.md
 */
export function ovnLocalnetConfig(options: OvnLocalnetConfigOptions): OvnOverlayPluginConfig {
  return compact({ ...ovnBase(options, OvnTopology.LOCALNET), vlanID: options.vlanID, physicalNetworkName: options.physicalNetworkName });
}

/** An OVN-Kubernetes layer2 attachment: one cluster-wide logical switch. */
export function ovnLayer2Config(options: OvnLayer2ConfigOptions): OvnOverlayPluginConfig {
  return compact({
    ...ovnBase(options, OvnTopology.LAYER2),
    role: options.role,
    joinSubnet: options.joinSubnet && options.joinSubnet.length > 0 ? options.joinSubnet.join(',') : undefined,
  });
}

/** Options of {@link sriovConfig}. */
export interface SriovConfigOptions extends PluginBuildOptions {
  /** VF VLAN 0..4094. @default - untagged */
  readonly vlan?: number;
  /** VLAN priority 0..7 (needs a non-zero vlan). @default - 0 */
  readonly vlanQoS?: number;
  /** VF MAC spoof check. @default - the VF's current setting */
  readonly spoofchk?: boolean;
  /** VF trust. @default - the VF's current setting */
  readonly trust?: boolean;
  /** @default - the VF's current setting */
  readonly linkState?: 'auto' | 'enable' | 'disable';
  /** Mbps; 0 disables. @default - unlimited */
  readonly minTxRate?: number;
  /** Mbps; 0 disables. @default - unlimited */
  readonly maxTxRate?: number;
}

/**
 * An SR-IOV VF attachment (k8snetworkplumbingwg/sriov-cni). The NAD needs a `resourceName` of a
 * vfio-pci pool for KubeVirt (pass it to {@link nadManifest}); IPAM is meaningless for the guest.
 */
export function sriovConfig(options: SriovConfigOptions): SriovPluginConfig {
  const onOff = (b: boolean | undefined): 'on' | 'off' | undefined => (b === undefined ? undefined : b ? 'on' : 'off');
  return compact({
    cniVersion: options.cniVersion ?? DEFAULT_CNI_VERSION,
    name: options.name,
    type: 'sriov',
    vlan: options.vlan,
    vlanQoS: options.vlanQoS,
    spoofchk: onOff(options.spoofchk),
    trust: onOff(options.trust),
    link_state: options.linkState,
    min_tx_rate: options.minTxRate,
    max_tx_rate: options.maxTxRate,
    ipam: (options.ipam ?? Ipam.none()).toConfig(),
  });
}

/** Options of {@link hostDeviceConfig}: exactly one selector, or none when a resourceName injects the device. */
export interface HostDeviceConfigOptions extends PluginBuildOptions {
  /** @default - none */
  readonly device?: string;
  /** @default - none */
  readonly hwaddr?: string;
  /** @default - none */
  readonly kernelpath?: string;
  /** @default - none */
  readonly pciBusID?: string;
}

/** Moves a host network device into the pod (plugins/main/host-device). */
export function hostDeviceConfig(options: HostDeviceConfigOptions): HostDevicePluginConfig {
  return compact({
    cniVersion: options.cniVersion ?? DEFAULT_CNI_VERSION,
    name: options.name,
    type: 'host-device',
    device: options.device,
    hwaddr: options.hwaddr,
    kernelpath: options.kernelpath,
    pciBusID: options.pciBusID,
    ipam: (options.ipam ?? Ipam.none()).toConfig(),
  });
}

/** Options of {@link tuningConfig}. */
export interface TuningConfigOptions {
  /** @default "tuning" */
  readonly type?: 'tuning' | 'cnv-tuning';
  /** Interface-scoped sysctls, e.g. `{"net.ipv4.conf.IFNAME.arp_notify": "1"}`. @default - none */
  readonly sysctl?: Readonly<Record<string, string>>;
  /** @default - unchanged */
  readonly mac?: string;
  /** @default - unchanged */
  readonly promisc?: boolean;
  /** @default - unchanged */
  readonly mtu?: number;
  /** @default - unchanged */
  readonly allmulti?: boolean;
  /** plugins ≥ v1.4.0. @default - unchanged */
  readonly txQLen?: number;
  /** Accept the MAC requested in the selection element (`capabilities.mac`). @default false */
  readonly macCapability?: boolean;
}

/** The `tuning` meta plugin, for use after a main plugin in a {@link conflist}. */
export function tuningConfig(options: TuningConfigOptions = {}): TuningPluginConfig {
  return compact({
    type: options.type ?? 'tuning',
    capabilities: options.macCapability ? { mac: true } : undefined,
    sysctl: options.sysctl ? { ...options.sysctl } : undefined,
    mac: options.mac,
    promisc: options.promisc,
    mtu: options.mtu,
    allmulti: options.allmulti,
    txQLen: options.txQLen,
  });
}

/**
 * A conflist `{cniVersion, name, plugins}`. `name` and `cniVersion` are taken off the plugins
 * (libcni injects the list's values into each plugin); the list's cniVersion is the argument, or
 * the first plugin's, or {@link DEFAULT_CNI_VERSION}.
 */
export function conflist(name: string, plugins: readonly PluginConfig[], cniVersion?: string): ConfList {
  const version = cniVersion ?? plugins.find((p) => typeof p.cniVersion === 'string')?.cniVersion ?? DEFAULT_CNI_VERSION;
  return {
    cniVersion: version,
    name,
    plugins: plugins.map((p) => {
      const { name: _n, cniVersion: _v, ...rest } = p;
      void _n;
      void _v;
      return rest as PluginConfig;
    }),
  };
}

/** `bridge.network.kubevirt.io/<bridge>`: the resource bridge-marker reports for a node's Linux bridge. */
export function bridgeResourceName(bridge: string): string {
  return `${BRIDGE_RESOURCE_PREFIX}${bridge}`;
}

/** Props of {@link nadManifest}. */
export interface NadManifestProps {
  /** metadata.name. */
  readonly name: string;
  /** metadata.namespace. @default - none (the namespace of the apply) */
  readonly namespace?: string;
  /** The CNI config (single plugin or conflist). */
  readonly config: NadConfig;
  /**
   * Annotation `k8s.v1.cni.cncf.io/resourceName`; `null` writes none.
   * @default - `bridge.network.kubevirt.io/<bridge>` when the first plugin is bridge/cnv-bridge, none otherwise
   */
  readonly resourceName?: string | null;
  /** Extra annotations. @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
  /** Labels. @default - none */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * A NetworkAttachmentDefinition manifest whose `spec.config` is {@link renderNadConfig} of the
 * config (deterministic JSON). Linux-bridge NADs get the bridge-marker resourceName by default.
 */
export function nadManifest(props: NadManifestProps): Manifest {
  const first = pluginsOf(props.config)[0];
  const defaultResource = first && isBridgeConfig(first) && typeof first.bridge === 'string' ? bridgeResourceName(first.bridge) : undefined;
  const resourceName = props.resourceName === null ? undefined : (props.resourceName ?? defaultResource);
  const annotations: Record<string, string> = { ...(props.annotations ?? {}) };
  if (resourceName !== undefined) annotations[RESOURCE_NAME_ANNOTATION] = resourceName;
  const sorted = Object.fromEntries(Object.keys(annotations).sort().map((k) => [k, annotations[k]]));
  return {
    apiVersion: API.nad.apiVersion,
    kind: API.nad.kind,
    metadata: compact({
      name: props.name,
      namespace: props.namespace,
      labels: props.labels ? { ...props.labels } : undefined,
      annotations: Object.keys(sorted).length > 0 ? sorted : undefined,
    }),
    spec: { config: renderNadConfig(props.config) },
  };
}
