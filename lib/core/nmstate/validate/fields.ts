/**
 * The fields nmstate deserializes: known keys of its deny_unknown_fields structs and the values of
 * its enums, each next to the Rust type it mirrors, read at nmstate/nmstate 614c66dc (v2.2.37+8)
 * and extended to the newest 2.2.x (see versions.ts). Keys added after 2.2.0 carry the release
 * that introduced them, so a state can be validated for the nmstate release its nodes run.
 * Lists that types.ts declares as enums are derived from them.
 */
import { IntKind } from '../../field-reader';
import {
  BOND_OPTION_NAMES, BondLacpRate, BondOptionName, BondXmitHashPolicy, BridgePortVlanMode, InterfaceState, MacVlanMode, RouteType, VlanProtocol, WaitIp,
} from '../types';
import { AFTER_2_2_37, versioned, Versioned } from './versions';

// --- known keys ----------------------------------------------------------------------------------
// `since` releases: `git describe --contains` of the commit that added the serde field (mirror of
// nmstate/nmstate at 614c66dc) or, after 2.2.37, the CHANGELOG entry / docs.rs crate source.

/** rust/src/lib/ifaces/vlan.rs VlanConfig (flags 5780fccc = 2.2.21; QoS maps: CHANGELOG 2.2.43, docs.rs 2.2.60 nispor/vlan.rs ingress_qos_map). */
export const VLAN_KEYS: Versioned = versioned(['base-iface', 'id', 'protocol'], {
  'registration-protocol': '2.2.21', 'reorder-headers': '2.2.21', 'loose-binding': '2.2.21',
  'ingress-qos-map': '2.2.43', 'egress-qos-map': '2.2.43',
});
/** rust/src/lib/ifaces/bridge_vlan.rs BridgePortVlanConfig */
export const PORT_VLAN_KEYS: Versioned = versioned(['enable-native', 'mode', 'tag', 'trunk-tags']);
/** rust/src/lib/ifaces/linux_bridge.rs LinuxBridgeConfig */
export const LINUX_BRIDGE_KEYS: Versioned = versioned(['options', 'port', 'ports']);
/** rust/src/lib/ifaces/linux_bridge.rs LinuxBridgePortConfig */
export const LINUX_BRIDGE_PORT_KEYS: Versioned = versioned(['name', 'stp-hairpin-mode', 'stp-path-cost', 'stp-priority', 'vlan']);
/** rust/src/lib/ifaces/linux_bridge.rs LinuxBridgeStpOptions */
export const STP_KEYS: Versioned = versioned(['enabled', 'forward-delay', 'hello-time', 'max-age', 'priority']);
/** rust/src/lib/ifaces/linux_bridge.rs LinuxBridgeOptions (vlan-default-pvid: CHANGELOG 2.2.12, e73b147) */
export const LINUX_BRIDGE_OPTION_KEYS: Versioned = versioned([
  'gc-timer', 'group-addr', 'group-forward-mask', 'group-fwd-mask', 'hash-max', 'hello-timer', 'mac-ageing-time',
  'multicast-last-member-count', 'multicast-last-member-interval', 'multicast-membership-interval', 'multicast-querier',
  'multicast-querier-interval', 'multicast-query-interval', 'multicast-query-response-interval', 'multicast-query-use-ifaddr',
  'multicast-router', 'multicast-snooping', 'multicast-startup-query-count', 'multicast-startup-query-interval', 'stp',
  'vlan-protocol',
], { 'vlan-default-pvid': '2.2.12' });
/** rust/src/lib/ifaces/bond.rs BondConfig (ports-config 4538b0a1 = 2.2.17) */
export const BOND_KEYS: Versioned = versioned(['mode', 'options', 'port', 'ports'], { 'ports-config': '2.2.17' });
/** rust/src/lib/ifaces/bond.rs BondOptions (snake_case kernel names; alias balance-slb; arp_missed_max aeae2f7d = 2.2.13) */
export const BOND_OPTION_KEYS: Versioned = versioned(BOND_OPTION_NAMES.filter((k) => k !== 'arp_missed_max'), { arp_missed_max: '2.2.13' });
/** rust/src/lib/ifaces/ovs.rs OvsBridgeBondConfig (`ports` is an alias of `port`) */
export const OVS_BOND_KEYS: Versioned = versioned(['mode', 'port', 'ports', 'bond-downdelay', 'bond-updelay', 'ovs-db']);
/** rust/src/lib/ovs.rs OvsDbIfaceConfig / OvsDbGlobalConfig */
export const OVSDB_KEYS: Versioned = versioned(['external_ids', 'other_config']);
/**
 * rust/src/lib/ip.rs InterfaceIp (token 91f8e45c = 2.2.6, dhcp-send-hostname/dhcp-custom-hostname
 * ebe3fc86 = 2.2.10; `forwarding`: after 2.2.37, used by kubernetes-nmstate docs/examples/per-interface-ipv4-forwarding.yaml)
 */
export const IP_KEYS: Versioned = versioned([
  'enabled', 'dhcp', 'autoconf', 'dhcp-client-id', 'dhcp-duid', 'address', 'auto-dns', 'auto-gateway', 'auto-routes',
  'auto-route-table-id', 'auto-route-metric', 'addr-gen-mode', 'allow-extra-address',
], { token: '2.2.6', 'dhcp-send-hostname': '2.2.10', 'dhcp-custom-hostname': '2.2.10', forwarding: AFTER_2_2_37 });
/** rust/src/lib/ip.rs InterfaceIpAddr (with aliases) */
export const IP_ADDR_KEYS: Versioned = versioned(['ip', 'prefix-length', 'mptcp-flags', 'valid-life-time', 'valid-left', 'valid-lft', 'preferred-life-time', 'preferred-left', 'preferred-lft']);
/** rust/src/lib/route.rs Routes */
export const ROUTES_KEYS: Versioned = versioned(['running', 'config']);
/**
 * rust/src/lib/route.rs RouteEntry (weight b1b275cd = 2.2.5, route-type f8c57a88 = 2.2.20, cwnd
 * 59f99632 = 2.2.27, source d4487de1 = 2.2.36; initcwnd, initrwnd, mtu, quickack, advmss and
 * vrf-name: after 2.2.37, in docs.rs nmstate latest RouteEntry)
 */
export const ROUTE_KEYS: Versioned = versioned(['state', 'destination', 'next-hop-interface', 'next-hop-address', 'metric', 'table-id'], {
  weight: '2.2.5', 'route-type': '2.2.20', cwnd: '2.2.27', source: '2.2.36',
  initcwnd: AFTER_2_2_37, initrwnd: AFTER_2_2_37, mtu: AFTER_2_2_37, quickack: AFTER_2_2_37, advmss: AFTER_2_2_37, 'vrf-name': AFTER_2_2_37,
});
/** rust/src/lib/dns.rs DnsState */
export const DNS_KEYS: Versioned = versioned(['running', 'config']);
/** rust/src/lib/dns.rs DnsClientState (options: CHANGELOG 2.2.16, b77a1883) */
export const DNS_CONFIG_KEYS: Versioned = versioned(['server', 'search'], { options: '2.2.16' });
/** rust/src/lib/ifaces/mac_vlan.rs MacVlanConfig */
export const MAC_VLAN_KEYS: Versioned = versioned(['base-iface', 'mode', 'promiscuous', 'accept-all-mac']);
/** rust/src/lib/ovn.rs OvnConfiguration */
export const OVN_KEYS: Versioned = versioned(['bridge-mappings']);
/** rust/src/lib/net_state.rs NetworkState (deny_unknown_fields; ovn 72b54fd9 = 2.2.13) */
export const NETWORK_STATE_KEYS: Versioned = versioned(['description', 'hostname', 'dns-resolver', 'route-rules', 'routes', 'interfaces', 'ovs-db'], { ovn: '2.2.13' });

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
/** route.rs RouteState (`ignore`: CHANGELOG 2.2.50) */
export const ROUTE_STATES: Versioned = versioned(['absent'], { ignore: '2.2.50' });
/** base.rs InterfaceIdentifier (mac-address 508bbe74 = 2.2.10; pci-address: 2.2.47, nmstate.io/features/pci_identifier.html) */
export const INTERFACE_IDENTIFIERS: Versioned = versioned(['name'], { 'mac-address': '2.2.10', 'pci-address': '2.2.47' });
/** bond.rs BondMode aliases: `lacp` for 802.3ad (2.2.47, landscape-2026 §nmstate / nmstate#2937). */
export const BOND_MODE_ALIASES: Versioned = versioned([], { lacp: '2.2.47' });
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
