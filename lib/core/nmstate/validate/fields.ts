/**
 * The fields nmstate 2.2.37 (nmstate/nmstate 614c66dc) deserializes: known keys of its
 * deny_unknown_fields structs and the values of its enums, each next to the Rust type it mirrors.
 * Lists that types.ts declares as enums are derived from them.
 */
import { IntKind } from '../../field-reader';
import {
  BOND_OPTION_NAMES, BondLacpRate, BondOptionName, BondXmitHashPolicy, BridgePortVlanMode, InterfaceState, MacVlanMode, RouteType, VlanProtocol, WaitIp,
} from '../types';

// --- known keys ----------------------------------------------------------------------------------

/** rust/src/lib/ifaces/vlan.rs VlanConfig */
export const VLAN_KEYS = ['base-iface', 'id', 'protocol', 'registration-protocol', 'reorder-headers', 'loose-binding'];
/** rust/src/lib/ifaces/bridge_vlan.rs BridgePortVlanConfig */
export const PORT_VLAN_KEYS = ['enable-native', 'mode', 'tag', 'trunk-tags'];
/** rust/src/lib/ifaces/linux_bridge.rs LinuxBridgeConfig */
export const LINUX_BRIDGE_KEYS = ['options', 'port', 'ports'];
/** rust/src/lib/ifaces/linux_bridge.rs LinuxBridgePortConfig */
export const LINUX_BRIDGE_PORT_KEYS = ['name', 'stp-hairpin-mode', 'stp-path-cost', 'stp-priority', 'vlan'];
/** rust/src/lib/ifaces/linux_bridge.rs LinuxBridgeStpOptions */
export const STP_KEYS = ['enabled', 'forward-delay', 'hello-time', 'max-age', 'priority'];
/** rust/src/lib/ifaces/linux_bridge.rs LinuxBridgeOptions */
export const LINUX_BRIDGE_OPTION_KEYS = [
  'gc-timer', 'group-addr', 'group-forward-mask', 'group-fwd-mask', 'hash-max', 'hello-timer', 'mac-ageing-time',
  'multicast-last-member-count', 'multicast-last-member-interval', 'multicast-membership-interval', 'multicast-querier',
  'multicast-querier-interval', 'multicast-query-interval', 'multicast-query-response-interval', 'multicast-query-use-ifaddr',
  'multicast-router', 'multicast-snooping', 'multicast-startup-query-count', 'multicast-startup-query-interval', 'stp',
  'vlan-protocol', 'vlan-default-pvid',
];
/** rust/src/lib/ifaces/bond.rs BondConfig */
export const BOND_KEYS = ['mode', 'options', 'port', 'ports', 'ports-config'];
/** rust/src/lib/ifaces/bond.rs BondOptions (snake_case kernel names; alias balance-slb) */
export const BOND_OPTION_KEYS: readonly string[] = BOND_OPTION_NAMES;
/** rust/src/lib/ip.rs InterfaceIp (+ `forwarding`, added by nmstate 2.2.4x and used by kubernetes-nmstate examples) */
export const IP_KEYS = [
  'enabled', 'dhcp', 'autoconf', 'dhcp-client-id', 'dhcp-duid', 'address', 'auto-dns', 'auto-gateway', 'auto-routes',
  'auto-route-table-id', 'auto-route-metric', 'addr-gen-mode', 'allow-extra-address', 'token', 'dhcp-send-hostname',
  'dhcp-custom-hostname', 'forwarding',
];
/** rust/src/lib/ip.rs InterfaceIpAddr (with aliases) */
export const IP_ADDR_KEYS = ['ip', 'prefix-length', 'mptcp-flags', 'valid-life-time', 'valid-left', 'valid-lft', 'preferred-life-time', 'preferred-left', 'preferred-lft'];
/** rust/src/lib/route.rs Routes */
export const ROUTES_KEYS = ['running', 'config'];
/** rust/src/lib/route.rs RouteEntry */
export const ROUTE_KEYS = ['state', 'destination', 'next-hop-interface', 'next-hop-address', 'metric', 'table-id', 'weight', 'route-type', 'cwnd', 'source'];
/** rust/src/lib/dns.rs DnsState */
export const DNS_KEYS = ['running', 'config'];
/** rust/src/lib/dns.rs DnsClientState */
export const DNS_CONFIG_KEYS = ['server', 'search', 'options'];
/** rust/src/lib/ifaces/mac_vlan.rs MacVlanConfig */
export const MAC_VLAN_KEYS = ['base-iface', 'mode', 'promiscuous', 'accept-all-mac'];
/** rust/src/lib/ovn.rs OvnConfiguration */
export const OVN_KEYS = ['bridge-mappings'];

// --- enums ---------------------------------------------------------------------------------------

/** rust/src/lib/iface.rs InterfaceState */
export const IFACE_STATES: readonly string[] = [...Object.values(InterfaceState), 'unknown'];
/** vlan.rs VlanProtocol */
export const VLAN_PROTOCOLS: readonly string[] = Object.values(VlanProtocol);
/** vlan.rs VlanRegistrationProtocol */
export const VLAN_REG_PROTOCOLS = ['gvrp', 'mvrp', 'none'];
/** bridge_vlan.rs BridgePortVlanMode */
export const PORT_VLAN_MODES: readonly string[] = Object.values(BridgePortVlanMode);
/** linux_bridge.rs de_multicast_router (also 1, 0, 2) */
export const MULTICAST_ROUTER = ['auto', 'disabled', 'enabled'];
/** The numeric spellings of {@link MULTICAST_ROUTER}. */
export const MULTICAST_ROUTER_ALIASES = { '0': 'disabled', '1': 'auto', '2': 'enabled' };
/** mac_vlan.rs MacVlanMode */
export const MAC_VLAN_MODES: readonly string[] = Object.values(MacVlanMode);
/** ip.rs WaitIp */
export const WAIT_IP: readonly string[] = Object.values(WaitIp);
/** route.rs RouteType */
export const ROUTE_TYPES: readonly string[] = Object.values(RouteType);
/** ovs.rs OvsBridgeBondMode */
export const OVS_BOND_MODES = ['active-backup', 'balance-slb', 'balance-tcp', 'lacp'];
/** ovn.rs OvnBridgeMappingState */
export const OVN_MAPPING_STATES = ['present', 'absent'];

/** Enum-valued bond options (bond.rs), with their values in the order of their numeric aliases. */
export const BOND_OPTION_ENUMS: Readonly<Record<string, readonly string[]>> = {
  ad_select: ['stable', 'bandwidth', 'count'],
  all_slaves_active: ['dropped', 'delivered'],
  arp_all_targets: ['any', 'all'],
  arp_validate: ['none', 'active', 'backup', 'all', 'filter', 'filter_active', 'filter_backup'],
  fail_over_mac: ['none', 'active', 'follow'],
  lacp_rate: Object.values(BondLacpRate),
  primary_reselect: ['always', 'better', 'failure'],
  xmit_hash_policy: Object.values(BondXmitHashPolicy),
} satisfies Partial<Record<BondOptionName, readonly string[]>>;

/** Numeric aliases of {@link BOND_OPTION_ENUMS}: the index (bond.rs `#[serde(alias = "N")]`). */
export const BOND_OPTION_ENUM_ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = Object.fromEntries(
  Object.entries(BOND_OPTION_ENUMS).map(([k, values]) => [k, Object.fromEntries(values.map((v, n) => [String(n), v]))]),
);

/** Integer-valued bond options with the Rust type of each (bond.rs BondOptions). */
export const BOND_OPTION_INTS: Readonly<Record<string, IntKind>> = {
  ad_actor_sys_prio: 'u16', ad_user_port_key: 'u16', arp_interval: 'u32', downdelay: 'u32', lp_interval: 'u32',
  miimon: 'u32', min_links: 'u32', num_grat_arp: 'u8', num_unsol_na: 'u8', packets_per_slave: 'u32',
  resend_igmp: 'u32', updelay: 'u32', arp_missed_max: 'u8',
} satisfies Partial<Record<BondOptionName, IntKind>>;
