/**
 * Wire-shaped types of the CNI JSON carried in a NetworkAttachmentDefinition's `spec.config`.
 *
 * Every config is a plain JSON object: the typed interfaces below name the keys multihome reads
 * and writes, and the index signature keeps every other key, so parse → render never drops
 * anything (ARCHITECTURE.md "Parse ⇄ render round trip"). Narrow with the `isXxxConfig` guards.
 *
 * Field lists follow the Go structs upstream: containernetworking/plugins
 * `plugins/main/bridge/bridge.go` (NetConf), `plugins/main/macvlan/macvlan.go`,
 * `plugins/main/ipvlan/ipvlan.go`, `plugins/main/host-device/host-device.go`,
 * `plugins/meta/tuning/tuning.go`, `plugins/ipam/{static,host-local,dhcp}`;
 * k8snetworkplumbingwg/sriov-cni `pkg/types/types.go`; ovn-kubernetes/ovn-kubernetes
 * `go-controller/pkg/cni/types/types.go`; k8snetworkplumbingwg/whereabouts `pkg/types/types.go`.
 */

/** A JSON value as `JSON.parse` returns it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** CNI spec versions known to libcni (containernetworking/cni `pkg/version/version.go` `All`). */
export const CNI_SPEC_VERSIONS = ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0'] as const;

/** A CNI spec version string. */
export type CniSpecVersion = (typeof CNI_SPEC_VERSIONS)[number];

/** Key of the NAD annotation naming the extended resource a pod must request. */
export const RESOURCE_NAME_ANNOTATION = 'k8s.v1.cni.cncf.io/resourceName';

/** Prefix bridge-marker uses for the node capacity of a Linux bridge (`bridge.network.kubevirt.io/<bridge>`). */
export const BRIDGE_RESOURCE_PREFIX = 'bridge.network.kubevirt.io/';

// --- IPAM ---------------------------------------------------------------------------------------

/** Keys shared by every IPAM block. `{}` (no `type`) means "no IPAM" — an L2-only attachment. */
export interface IpamConfigBase {
  type?: string;
  routes?: Array<{ dst: string; gw?: string; [key: string]: JsonValue | undefined }>;
  [key: string]: unknown;
}

/** One `addresses[]` entry of static IPAM. */
export interface StaticAddress {
  /** CIDR, e.g. `10.1.1.5/24`. */
  address: string;
  gateway?: string;
  [key: string]: unknown;
}

/** Static IPAM (`plugins/ipam/static/main.go`). */
export interface StaticIpamConfig extends IpamConfigBase {
  type: 'static';
  addresses?: StaticAddress[];
  dns?: JsonObject;
}

/** One range of host-local IPAM (`backend/allocator/config.go` `Range`). */
export interface HostLocalRange {
  subnet: string;
  rangeStart?: string;
  rangeEnd?: string;
  gateway?: string;
  [key: string]: unknown;
}

/** host-local IPAM, single-range form or `ranges: [[range, …], …]`. */
export interface HostLocalIpamConfig extends IpamConfigBase {
  type: 'host-local';
  subnet?: string;
  rangeStart?: string;
  rangeEnd?: string;
  gateway?: string;
  ranges?: HostLocalRange[][];
  dataDir?: string;
  resolvConf?: string;
}

/** whereabouts IPAM (`pkg/types/types.go` `IPAMConfig`). */
export interface WhereaboutsIpamConfig extends IpamConfigBase {
  type: 'whereabouts';
  range?: string;
  range_start?: string;
  range_end?: string;
  exclude?: string[];
  gateway?: string;
  ipRanges?: Array<{ range: string; range_start?: string; range_end?: string; exclude?: string[]; [key: string]: JsonValue | undefined }>;
  network_name?: string;
  enable_overlapping_ranges?: boolean;
}

/** dhcp IPAM (`plugins/ipam/dhcp/main.go`); needs the dhcp daemon on every node. */
export interface DhcpIpamConfig extends IpamConfigBase {
  type: 'dhcp';
  daemonSocketPath?: string;
}

/** Any IPAM block. Unknown IPAM types keep all their keys. */
export type IpamConfig = IpamConfigBase;

// --- plugins ------------------------------------------------------------------------------------

/** Keys shared by every plugin config (containernetworking/cni `pkg/types/types.go` `PluginConf`). */
export interface PluginConfigBase {
  type: string;
  cniVersion?: string;
  name?: string;
  capabilities?: { [capability: string]: boolean };
  ipam?: IpamConfig;
  dns?: JsonObject;
  args?: JsonObject;
  runtimeConfig?: JsonObject;
  [key: string]: unknown;
}

/** One `vlanTrunk[]` entry of the bridge plugin: a single `id` or a `minID`..`maxID` range. */
export interface VlanTrunkEntry {
  id?: number;
  minID?: number;
  maxID?: number;
}

/** bridge / cnv-bridge (`plugins/main/bridge/bridge.go` NetConf). */
export interface BridgePluginConfig extends PluginConfigBase {
  type: 'bridge' | 'cnv-bridge';
  /** @default "cni0" — created (without uplink) when missing. */
  bridge?: string;
  isGateway?: boolean;
  isDefaultGateway?: boolean;
  forceAddress?: boolean;
  ipMasq?: boolean;
  ipMasqBackend?: 'iptables' | 'nftables';
  mtu?: number;
  hairpinMode?: boolean;
  promiscMode?: boolean;
  vlan?: number;
  vlanTrunk?: VlanTrunkEntry[];
  preserveDefaultVlan?: boolean;
  macspoofchk?: boolean;
  enabledad?: boolean;
  disableContainerInterface?: boolean;
  portIsolation?: boolean;
}

/** macvlan (`plugins/main/macvlan/macvlan.go`). */
export interface MacvlanPluginConfig extends PluginConfigBase {
  type: 'macvlan';
  master?: string;
  mode?: 'bridge' | 'private' | 'vepa' | 'passthru';
  mtu?: number;
  mac?: string;
  linkInContainer?: boolean;
  bcqueuelen?: number;
}

/** ipvlan (`plugins/main/ipvlan/ipvlan.go`). */
export interface IpvlanPluginConfig extends PluginConfigBase {
  type: 'ipvlan';
  master?: string;
  mode?: 'l2' | 'l3' | 'l3s';
  mtu?: number;
  linkInContainer?: boolean;
}

/** host-device (`plugins/main/host-device/host-device.go`); one selector. */
export interface HostDevicePluginConfig extends PluginConfigBase {
  type: 'host-device';
  device?: string;
  hwaddr?: string;
  kernelpath?: string;
  pciBusID?: string;
}

/** sriov (k8snetworkplumbingwg/sriov-cni `pkg/types/types.go`). */
export interface SriovPluginConfig extends PluginConfigBase {
  type: 'sriov';
  deviceID?: string;
  vlan?: number;
  vlanQoS?: number;
  vlanProto?: string;
  spoofchk?: 'on' | 'off';
  trust?: 'on' | 'off';
  link_state?: 'auto' | 'enable' | 'disable';
  min_tx_rate?: number;
  max_tx_rate?: number;
  mac?: string;
}

/** OVN-Kubernetes topologies of `ovn-k8s-cni-overlay`. */
export enum OvnTopology {
  LAYER3 = 'layer3',
  LAYER2 = 'layer2',
  LOCALNET = 'localnet',
}

/** ovn-k8s-cni-overlay (ovn-kubernetes/ovn-kubernetes `go-controller/pkg/cni/types/types.go` NetConf). */
export interface OvnOverlayPluginConfig extends PluginConfigBase {
  type: 'ovn-k8s-cni-overlay';
  topology?: string;
  netAttachDefName?: string;
  role?: 'primary' | 'secondary';
  mtu?: number;
  subnets?: string;
  excludeSubnets?: string;
  joinSubnet?: string;
  vlanID?: number;
  allowPersistentIPs?: boolean;
  physicalNetworkName?: string;
}

/** tuning (`plugins/meta/tuning/tuning.go`), also shipped as `cnv-tuning` by CNAO. */
export interface TuningPluginConfig extends PluginConfigBase {
  type: 'tuning' | 'cnv-tuning';
  sysctl?: { [key: string]: string };
  mac?: string;
  promisc?: boolean;
  mtu?: number;
  txQLen?: number;
  allmulti?: boolean;
  dataDir?: string;
}

/** Any plugin config; types multihome does not model keep all their keys. */
export type PluginConfig = PluginConfigBase;

/** A single-plugin NAD config (`{"cniVersion", "name", "type", …}`). */
export type SinglePluginConfig = PluginConfigBase;

/** A conflist NAD config (`{"cniVersion", "name", "plugins": […]}`). */
export interface ConfList {
  cniVersion?: string;
  cniVersions?: string[];
  name?: string;
  disableCheck?: boolean;
  disableGC?: boolean;
  plugins: PluginConfig[];
  [key: string]: unknown;
}

/** What `spec.config` holds: one plugin config or a conflist. */
export type NadConfig = SinglePluginConfig | ConfList;

/** True when the config is a conflist (has a `plugins` key, as libcni and Multus decide). */
export function isConfList(c: NadConfig): c is ConfList {
  return Object.prototype.hasOwnProperty.call(c, 'plugins');
}

/** The plugins of a config: the list of a conflist, or the config itself. */
export function pluginsOf(c: NadConfig): PluginConfig[] {
  if (isConfList(c)) return Array.isArray(c.plugins) ? c.plugins : [];
  return [c as PluginConfig];
}

/** True for a bridge or cnv-bridge plugin config. */
export function isBridgeConfig(p: PluginConfig): p is BridgePluginConfig {
  return p.type === 'bridge' || p.type === 'cnv-bridge';
}

/** True for a macvlan plugin config. */
export function isMacvlanConfig(p: PluginConfig): p is MacvlanPluginConfig {
  return p.type === 'macvlan';
}

/** True for an ipvlan plugin config. */
export function isIpvlanConfig(p: PluginConfig): p is IpvlanPluginConfig {
  return p.type === 'ipvlan';
}

/** True for a host-device plugin config. */
export function isHostDeviceConfig(p: PluginConfig): p is HostDevicePluginConfig {
  return p.type === 'host-device';
}

/** True for an sriov plugin config. */
export function isSriovConfig(p: PluginConfig): p is SriovPluginConfig {
  return p.type === 'sriov';
}

/** True for an ovn-k8s-cni-overlay plugin config. */
export function isOvnOverlayConfig(p: PluginConfig): p is OvnOverlayPluginConfig {
  return p.type === 'ovn-k8s-cni-overlay';
}

/** True for a tuning or cnv-tuning plugin config. */
export function isTuningConfig(p: PluginConfig): p is TuningPluginConfig {
  return p.type === 'tuning' || p.type === 'cnv-tuning';
}
