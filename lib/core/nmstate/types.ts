/**
 * Typed nmstate `desiredState`, in the wire shape nmstate reads (kebab-case keys, bond options in
 * snake_case), mirroring nmstate's serde structs in `rust/src/lib/` (nmstate/nmstate). Objects
 * keep fields this model does not know (`[key: string]: unknown`), so parse ⇄ render round-trips
 * upstream YAML unchanged.
 */

/** Fields the model does not type are kept as they are. */
export interface Extra {
  [key: string]: unknown;
}

/** `state` of an interface (`rust/src/lib/iface.rs` InterfaceState). */
export enum InterfaceState {
  UP = 'up',
  DOWN = 'down',
  ABSENT = 'absent',
  IGNORE = 'ignore',
}

/** Interface kinds this model types; others are kept as {@link OtherInterface} (`rust/src/lib/iface.rs` InterfaceType). */
export enum InterfaceType {
  ETHERNET = 'ethernet',
  VLAN = 'vlan',
  LINUX_BRIDGE = 'linux-bridge',
  BOND = 'bond',
  MAC_VLAN = 'mac-vlan',
  OVS_BRIDGE = 'ovs-bridge',
  OVS_INTERFACE = 'ovs-interface',
}

/** Every `type` string nmstate knows (`rust/src/lib/iface.rs`), typed or not by this model. */
export const KNOWN_INTERFACE_TYPES: readonly string[] = [
  'ethernet', 'vlan', 'linux-bridge', 'bond', 'ovs-bridge', 'ovs-interface', 'mac-vlan', 'mac-vtap',
  'dummy', 'veth', 'vrf', 'vxlan', 'infiniband', 'loopback', 'hsr', 'macsec', 'ipsec', 'xfrm',
  'ipvlan', 'tun', 'unknown',
];

/** One static address (`rust/src/lib/ip.rs` InterfaceIpAddr). */
export interface IpAddress extends Extra {
  ip: string;
  'prefix-length': number;
}

/** `ipv4` / `ipv6` block (`rust/src/lib/ip.rs` InterfaceIpv4 / InterfaceIpv6). */
export interface IpConfig extends Extra {
  enabled?: boolean;
  dhcp?: boolean;
  /** IPv6 only. */
  autoconf?: boolean;
  address?: IpAddress[];
  'auto-dns'?: boolean;
  'auto-gateway'?: boolean;
  'auto-routes'?: boolean;
}

/** Fields common to every interface (`rust/src/lib/ifaces/base.rs` BaseInterface). */
export interface BaseInterface extends Extra {
  name: string;
  type?: string;
  state?: `${InterfaceState}` | string;
  description?: string;
  'mac-address'?: string;
  mtu?: number;
  controller?: string;
  ipv4?: IpConfig;
  ipv6?: IpConfig;
}

/** `type: ethernet` (`rust/src/lib/ifaces/ethernet.rs`). */
export interface EthernetInterface extends BaseInterface {
  type: 'ethernet';
  ethernet?: Extra;
}

/** `vlan:` block (`rust/src/lib/ifaces/vlan.rs` VlanConfig). */
export interface VlanConfig extends Extra {
  'base-iface'?: string;
  id?: number;
  protocol?: '802.1q' | '802.1ad' | string;
  'registration-protocol'?: 'gvrp' | 'mvrp' | 'none' | string;
  'reorder-headers'?: boolean;
  'loose-binding'?: boolean;
}

/** `type: vlan`. */
export interface VlanInterface extends BaseInterface {
  type: 'vlan';
  vlan?: VlanConfig;
}

/** A trunk tag: a single id or a range (`rust/src/lib/ifaces/bridge_vlan.rs` BridgePortTrunkTag). */
export type TrunkTag = { id: number } | { 'id-range': { min: number; max: number } };

/** Port VLAN filtering config (`rust/src/lib/ifaces/bridge_vlan.rs` BridgePortVlanConfig). */
export interface BridgePortVlanConfig extends Extra {
  mode?: 'trunk' | 'access' | string;
  'trunk-tags'?: TrunkTag[];
  tag?: number;
  'enable-native'?: boolean;
}

/** One linux-bridge port (`rust/src/lib/ifaces/linux_bridge.rs` LinuxBridgePortConfig). */
export interface LinuxBridgePort extends Extra {
  name: string;
  'stp-hairpin-mode'?: boolean;
  'stp-path-cost'?: number;
  'stp-priority'?: number;
  vlan?: BridgePortVlanConfig;
}

/** STP options (`LinuxBridgeStpOptions`). */
export interface StpOptions extends Extra {
  enabled?: boolean;
  'forward-delay'?: number;
  'hello-time'?: number;
  'max-age'?: number;
  priority?: number;
}

/** `bridge.options` of a linux bridge (`LinuxBridgeOptions`). */
export interface LinuxBridgeOptions extends Extra {
  stp?: StpOptions;
  'vlan-protocol'?: '802.1q' | '802.1ad' | string;
  'vlan-default-pvid'?: number;
  'mac-ageing-time'?: number;
  'multicast-snooping'?: boolean;
  'group-forward-mask'?: number;
}

/** `type: linux-bridge`. */
export interface LinuxBridgeInterface extends BaseInterface {
  type: 'linux-bridge';
  bridge?: Extra & { options?: LinuxBridgeOptions; port?: LinuxBridgePort[] };
}

/** Bond modes with their wire names (`rust/src/lib/ifaces/bond.rs` BondMode). */
export enum BondMode {
  BALANCE_RR = 'balance-rr',
  ACTIVE_BACKUP = 'active-backup',
  BALANCE_XOR = 'balance-xor',
  BROADCAST = 'broadcast',
  LACP = '802.3ad',
  BALANCE_TLB = 'balance-tlb',
  BALANCE_ALB = 'balance-alb',
}

/** Every bond mode, in the order of its numeric alias `"0"` … `"6"` (bond.rs `#[serde(alias = "N")]`). */
export const BOND_MODES: readonly BondMode[] = Object.values(BondMode);

/**
 * The fields of `link-aggregation.options` (`rust/src/lib/ifaces/bond.rs` BondOptions, a
 * deny_unknown_fields struct with kernel snake_case names; `balance-slb` is an alias).
 */
export const BOND_OPTION_NAMES = [
  'ad_actor_sys_prio', 'ad_actor_system', 'ad_select', 'ad_user_port_key', 'all_slaves_active', 'arp_all_targets',
  'arp_interval', 'arp_ip_target', 'arp_validate', 'downdelay', 'fail_over_mac', 'lacp_rate', 'lp_interval', 'miimon',
  'min_links', 'num_grat_arp', 'num_unsol_na', 'packets_per_slave', 'primary', 'primary_reselect', 'resend_igmp',
  'tlb_dynamic_lb', 'updelay', 'use_carrier', 'xmit_hash_policy', 'balance_slb', 'balance-slb', 'arp_missed_max',
] as const;

/** One bond option name (see {@link BOND_OPTION_NAMES}). */
export type BondOptionName = (typeof BOND_OPTION_NAMES)[number];

/** `link-aggregation:` of a bond (`BondConfig`); options keep kernel (snake_case) names. */
export interface BondConfig extends Extra {
  mode?: `${BondMode}` | string;
  port?: string[];
  'ports-config'?: Array<Extra & { name: string; priority?: number; 'queue-id'?: number }>;
  options?: Extra & { miimon?: number; primary?: string; arp_interval?: number };
}

/** `type: bond`. */
export interface BondInterface extends BaseInterface {
  type: 'bond';
  'link-aggregation'?: BondConfig;
}

/** `type: mac-vlan` (`rust/src/lib/ifaces/mac_vlan.rs`). */
export interface MacVlanInterface extends BaseInterface {
  type: 'mac-vlan';
  'mac-vlan'?: Extra & { 'base-iface'?: string; mode?: string; promiscuous?: boolean };
}

/** `type: ovs-bridge` (`rust/src/lib/ifaces/ovs.rs`), typed enough to round-trip and find ports. */
export interface OvsBridgeInterface extends BaseInterface {
  type: 'ovs-bridge';
  bridge?: Extra & { options?: Extra; port?: Array<Extra & { name: string; 'link-aggregation'?: Extra & { mode?: string; port?: Array<{ name: string }> } }> };
}

/** `type: ovs-interface`. */
export interface OvsInterface extends BaseInterface {
  type: 'ovs-interface';
}

/** Any interface whose type this model does not type (kept verbatim). */
export interface OtherInterface extends BaseInterface {}

/** One interface of any kind. */
export type Interface =
  | EthernetInterface
  | VlanInterface
  | LinuxBridgeInterface
  | BondInterface
  | MacVlanInterface
  | OvsBridgeInterface
  | OvsInterface
  | OtherInterface;

/** One route (`rust/src/lib/route.rs` RouteEntry). */
export interface RouteEntry extends Extra {
  destination?: string;
  'next-hop-address'?: string;
  'next-hop-interface'?: string;
  metric?: number;
  'table-id'?: number;
  weight?: number;
  'route-type'?: 'blackhole' | 'unreachable' | 'prohibit' | string;
  cwnd?: number;
  state?: 'absent' | string;
}

/** `routes:` (`config` is desired; `running` is query only). */
export interface Routes extends Extra {
  config?: RouteEntry[];
}

/** `dns-resolver:` (`rust/src/lib/dns.rs`). */
export interface DnsResolver extends Extra {
  config?: Extra & { server?: string[]; search?: string[]; options?: string[] };
}

/** One OVN bridge mapping (`rust/src/lib/ovn.rs`). */
export interface OvnBridgeMapping extends Extra {
  localnet: string;
  bridge?: string;
  state?: 'present' | 'absent' | string;
}

/** A whole nmstate desired state (`rust/src/lib/net_state.rs` NetworkState). */
export interface DesiredState extends Extra {
  interfaces?: Interface[];
  routes?: Routes;
  'dns-resolver'?: DnsResolver;
  ovn?: Extra & { 'bridge-mappings'?: OvnBridgeMapping[] };
}

/** `spec` of a NodeNetworkConfigurationPolicy (kubernetes-nmstate `api/shared/nodenetworkconfigurationpolicy_types.go`). */
export interface NncpSpec extends Extra {
  nodeSelector?: Record<string, string>;
  maxUnavailable?: number | string;
  capture?: Record<string, string>;
  desiredState: DesiredState;
}

// ---------------------------------------------------------------------------------------------
// Additions for parse/render/builders (lib/core/nmstate). Existing names above are unchanged.
// ---------------------------------------------------------------------------------------------

/** VLAN protocol (`rust/src/lib/ifaces/vlan.rs` VlanProtocol); also the linux-bridge `vlan-protocol`. */
export enum VlanProtocol {
  IEEE_802_1Q = '802.1q',
  IEEE_802_1AD = '802.1ad',
}

/** Bridge port VLAN filtering mode (`rust/src/lib/ifaces/bridge_vlan.rs` BridgePortVlanMode). @default access */
export enum BridgePortVlanMode {
  TRUNK = 'trunk',
  ACCESS = 'access',
}

/** mac-vlan mode (`rust/src/lib/ifaces/mac_vlan.rs` MacVlanMode). */
export enum MacVlanMode {
  VEPA = 'vepa',
  BRIDGE = 'bridge',
  PRIVATE = 'private',
  PASSTHRU = 'passthru',
  SOURCE = 'source',
}

/** Special route types (`rust/src/lib/route.rs` RouteType); a route without one is unicast. */
export enum RouteType {
  BLACKHOLE = 'blackhole',
  UNREACHABLE = 'unreachable',
  PROHIBIT = 'prohibit',
}

/** `wait-ip` of an interface (`rust/src/lib/ip.rs` WaitIp). */
export enum WaitIp {
  ANY = 'any',
  IPV4 = 'ipv4',
  IPV6 = 'ipv6',
  IPV4_AND_IPV6 = 'ipv4+ipv6',
}

/** Bond `xmit_hash_policy` (`rust/src/lib/ifaces/bond.rs` BondXmitHashPolicy). */
export enum BondXmitHashPolicy {
  LAYER2 = 'layer2',
  LAYER3_4 = 'layer3+4',
  LAYER2_3 = 'layer2+3',
  ENCAP2_3 = 'encap2+3',
  ENCAP3_4 = 'encap3+4',
  VLAN_SRCMAC = 'vlan+srcmac',
}

/** Bond `lacp_rate` (`rust/src/lib/ifaces/bond.rs` BondLacpRate). */
export enum BondLacpRate {
  SLOW = 'slow',
  FAST = 'fast',
}

/** `type: vrf` (`rust/src/lib/ifaces/vrf.rs`): a controller whose ports keep their IP. */
export interface VrfInterface extends BaseInterface {
  type: 'vrf';
  vrf?: Extra & { port?: string[]; 'route-table-id'?: number };
}

/** `metadata` of an NNCP (cluster-scoped: no namespace). */
export interface NncpMetadata extends Extra {
  name: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/**
 * A whole NodeNetworkConfigurationPolicy (`nmstate.io/v1`, cluster-scoped), as parsed from YAML
 * or built in code. Unknown fields are kept.
 */
export interface Nncp extends Extra {
  apiVersion: string;
  kind: 'NodeNetworkConfigurationPolicy';
  metadata: NncpMetadata;
  spec: NncpSpec;
}
