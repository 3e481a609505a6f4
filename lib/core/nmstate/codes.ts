import { CodeTable } from '../errors';

// Upstream files (nmstate/nmstate at 614c66dc, kubernetes-nmstate at c9752755; see
// shared/reference/nmstate.md). Paths of the nmstate library are under rust/src/lib/.
const N = 'nmstate/nmstate rust/src/lib';
const VLAN = `${N}/ifaces/vlan.rs`;
const BR_VLAN = `${N}/ifaces/bridge_vlan.rs`;
const LINUX_BR = `${N}/ifaces/linux_bridge.rs`;
const BOND = `${N}/ifaces/bond.rs`;
const CTRL = `${N}/ifaces/inter_ifaces_controller.rs`;
const BASE = `${N}/ifaces/base.rs`;
const IP = `${N}/ip.rs`;
const ROUTE = `${N}/route.rs`;
const DNS = `${N}/dns.rs`;
const OVN = `${N}/ovn.rs`;
const CRD = 'nmstate/kubernetes-nmstate deploy/crds/nmstate.io_nodenetworkconfigurationpolicies.yaml';
const BONDING_DOC = 'linux Documentation/networking/bonding.rst; linux drivers/net/bonding/bond_options.c (unsuppmodes)';

/**
 * Problem codes of the nmstate area (NNCP envelope and nmstate desiredState), declared once.
 * Severity and the upstream file that enforces each rule live here; `validate.ts` only refers to
 * the code (the {@link ProblemSink} takes the severity from this table). Rule numbers (V1, B3,
 * BO5, C2, I7, R4 …) are those of shared/reference/nmstate.md §2.
 *
 * Severity policy: `error` when nmstate, kubernetes-nmstate, NetworkManager or the kernel rejects
 * the state regardless of the node; `warning` when the outcome depends on the node's current
 * state (nmstate merges the desired state with it) or the state is accepted but does not do what
 * it says.
 */
export const NMSTATE_CODES = {
  // --- NNCP envelope (kubernetes-nmstate) ------------------------------------------------------
  NMSTATE_NNCP_SHAPE: {
    severity: 'error',
    summary: 'the object is not a well-formed NodeNetworkConfigurationPolicy (kind, apiVersion, metadata.name, spec, spec.desiredState, spec.capture must have the CRD types)',
    upstream: `${CRD}; nmstate/kubernetes-nmstate api/shared/nodenetworkconfigurationpolicy_types.go`,
  },
  NMSTATE_NNCP_API_VERSION: {
    severity: 'warning',
    summary: 'apiVersion is an older nmstate.io version (v1beta1 is served but not stored; v1alpha1 is no longer served by current CRDs): use nmstate.io/v1',
    upstream: CRD,
  },
  NMSTATE_NODE_SELECTOR_INVALID: {
    severity: 'error',
    summary: 'spec.nodeSelector must be a map of at most 256 string labels whose keys are qualified names (CEL rule of the CRD)',
    upstream: CRD,
  },
  NMSTATE_NNCP_NO_NODE_SELECTOR: {
    severity: 'warning',
    summary: 'no spec.nodeSelector: the policy is applied to every node running the handler, control-plane nodes included',
    upstream: 'nmstate/kubernetes-nmstate api/shared/nodenetworkconfigurationpolicy_types.go (NodeSelector doc)',
  },
  NMSTATE_MAX_UNAVAILABLE_INVALID: {
    severity: 'error',
    summary: 'spec.maxUnavailable must be an integer or a percentage string "N%"; anything else makes the handler fall back to "50%"',
    upstream: 'nmstate/kubernetes-nmstate pkg/node/nodes.go ScaledMaxUnavailableNodeCount (intstr.GetScaledValueFromIntOrPercent)',
  },

  // --- generic shape (serde) ---------------------------------------------------------------------
  NMSTATE_FIELD_TYPE: {
    severity: 'error',
    summary: 'a field has the wrong type, is out of its integer range or a required field is missing (serde deserialization error)',
    upstream: `${N}/deserializer.rs and the serde structs of ${N}/ifaces/*.rs`,
  },
  NMSTATE_ENUM_INVALID: {
    severity: 'error',
    summary: 'a field takes one of a fixed set of values (state, protocol, mode, wait-ip, route-type, bond option values …) and the value given is not one of them',
    upstream: `${N}/iface.rs InterfaceState; ${VLAN} VlanProtocol; ${BR_VLAN} BridgePortVlanMode; ${BOND} option enums; ${N}/ifaces/mac_vlan.rs MacVlanMode; ${ROUTE} RouteType`,
  },
  // An error: these structs are `#[serde(deny_unknown_fields)]` (e.g. nmstate/nmstate
  // rust/src/lib/ip.rs InterfaceIp `#[serde(rename_all = "kebab-case", deny_unknown_fields)]`),
  // so serde fails the whole desired state on an unknown key. Interface-level keys are not
  // reported here: BaseInterface keeps unknown keys (`#[serde(flatten)] _other`).
  // Interface-level keys too: BaseInterface is deny_unknown_fields and its flattened `_other` map
  // does not consume keys (rust/src/lib/unit_tests/ifaces.rs test_ifaces_deny_unknonw_attribute).
  NMSTATE_UNKNOWN_FIELD: {
    severity: 'error',
    summary: 'a key no nmstate release knows (a typo) in a struct with deny_unknown_fields, an interface of a known type included: nmstate rejects the whole state',
    upstream: `${VLAN} VlanConfig; ${LINUX_BR}; ${BOND} BondConfig/BondOptions; ${IP} InterfaceIp; ${ROUTE} RouteEntry; ${DNS}; ${BASE} BaseInterface; ${N}/net_state.rs NetworkState; ${N}/ifaces/ovs.rs OvsBridgeBondConfig; ${N}/ovs.rs OvsDb*Config`,
  },
  // Keys, enum values and interface types carry the release that added them
  // (lib/core/nmstate/validate/versions.ts, fields.ts, interface-keys.ts).
  NMSTATE_FIELD_NEWER_THAN_TARGET: {
    severity: 'error',
    summary: 'a key, enum value or interface type that nmstate added after the target release (option nmstateVersion): the target nmstate rejects it as unknown',
    upstream: `${N} serde structs per release (git history of nmstate/nmstate; CHANGELOG; docs.rs nmstate 2.2.60/2.2.62 sources)`,
  },

  // --- interfaces (base) ---------------------------------------------------------------------
  NMSTATE_INTERFACE_NAME_INVALID: {
    severity: 'error',
    summary: 'interface name is not a valid kernel name (non-empty, at most 15 bytes, no "/", ":" or whitespace); nmstate does not check, NetworkManager and the kernel reject it at apply time',
    upstream: 'linux net/core/dev.c dev_valid_name',
  },
  NMSTATE_INTERFACE_UNKNOWN_KEY: {
    severity: 'warning',
    summary: 'an interface without a (known) type has a key nmstate does not know: nmstate reads it as UnknownInterface, re-reads it with the type the interface has on the node and then rejects the key (or fails because the interface does not exist)',
    upstream: `${N}/iface.rs UnknownInterface::deserialize; ${N}/ifaces/inter_ifaces.rs resolve_unknown_ifaces`,
  },
  NMSTATE_INTERFACE_TYPE_UNKNOWN: {
    severity: 'warning',
    summary: 'interface type is not one nmstate knows: nmstate logs "Unsupported interface type" and resolves the type from the node, failing when the interface does not exist',
    upstream: `${N}/iface.rs Interface::deserialize; ${N}/ifaces/inter_ifaces.rs resolve_unknown_ifaces`,
  },
  NMSTATE_DUPLICATE_INTERFACE: {
    severity: 'warning',
    summary: 'the same interface is listed twice in one state: nmstate keeps only the last entry and silently drops the others',
    upstream: `${N}/ifaces/inter_ifaces.rs Interfaces::push`,
  },

  // --- VLAN (V1–V3) ------------------------------------------------------------------------------
  // A warning: MergedInterface::post_inter_ifaces_process_vlan fills base-iface from the node's
  // VLAN before sanitize (rust/src/lib/unit_tests/vlan.rs test_vlan_base_iface_optional accepts it).
  NMSTATE_VLAN_BASE_IFACE_MISSING: {
    severity: 'warning',
    summary: "V1: a vlan block without 'base-iface': nmstate takes it from the node when the VLAN exists there and rejects a new VLAN without it",
    upstream: `${VLAN} VlanInterface::sanitize, MergedInterface::post_inter_ifaces_process_vlan`,
  },
  NMSTATE_VLAN_ID_RANGE: {
    severity: 'error',
    summary: 'V2: VLAN id above 4094; nmstate only checks u16 and the kernel rejects ids >= 4095 (0 is valid: priority tagging on the base interface)',
    upstream: 'linux net/8021q/vlan_netlink.c vlan_validate (id >= VLAN_VID_MASK); NetworkManager libnm NMSettingVlan:id (0–4094)',
  },
  NMSTATE_PARENT_ABSENT: {
    severity: 'error',
    summary: 'V3: an interface is up while its parent (vlan/mac-vlan base-iface) is marked absent in the same state',
    upstream: `${N}/ifaces/inter_ifaces.rs mark_orphan_interface_as_absent`,
  },

  // --- Linux bridge (B1–B9) ----------------------------------------------------------------
  NMSTATE_BRIDGE_VLAN_TAG_WITHOUT_NATIVE: {
    severity: 'error',
    summary: 'B1: port vlan mode trunk with a non-zero tag requires enable-native: true',
    upstream: `${BR_VLAN} BridgePortVlanConfig::sanitize`,
  },
  NMSTATE_BRIDGE_VLAN_ACCESS_NATIVE: {
    severity: 'error',
    summary: 'B2: enable-native: true cannot be set in access mode',
    upstream: `${BR_VLAN} BridgePortVlanConfig::sanitize`,
  },
  NMSTATE_BRIDGE_VLAN_ACCESS_TRUNK_TAGS: {
    severity: 'error',
    summary: 'B3: access mode cannot have trunk-tags',
    upstream: `${BR_VLAN} BridgePortVlanConfig::sanitize`,
  },
  NMSTATE_BRIDGE_VLAN_TRUNK_TAGS_MISSING: {
    severity: 'error',
    summary: 'B4: trunk mode requires trunk-tags',
    upstream: `${BR_VLAN} BridgePortVlanConfig::sanitize`,
  },
  NMSTATE_BRIDGE_VLAN_TRUNK_OVERLAP: {
    severity: 'error',
    summary: 'B5: two trunk tags of one port overlap',
    upstream: `${BR_VLAN} validate_overlap_trunk_tags`,
  },
  NMSTATE_BRIDGE_VLAN_TRUNK_TAG_SHAPE: {
    severity: 'error',
    summary: "B6: a trunk tag must be {id: N} or {id-range: {min: N, max: M}}",
    upstream: `${BR_VLAN} BridgePortTrunkTag::deserialize`,
  },
  NMSTATE_BRIDGE_VLAN_ID_RANGE: {
    severity: 'error',
    summary: 'bridge port VLAN ids (trunk tags, id-range bounds, tag) must be 1–4094; nmstate does not check, the kernel bridge rejects them',
    upstream: 'linux net/bridge/br_private.h br_vlan_valid_id',
  },
  NMSTATE_BRIDGE_VLAN_RANGE_INVERTED: {
    severity: 'error',
    summary: 'trunk tag id-range with min > max: nmstate silently expands it to no VLAN at all',
    upstream: `multihome (${BR_VLAN} flatten_vlan_ranges yields nothing)`,
  },
  NMSTATE_BRIDGE_DEFAULT_PVID_WITHOUT_FILTERING: {
    severity: 'error',
    summary: 'B7: vlan-default-pvid other than 1 requires VLAN filtering (some port with a vlan block)',
    upstream: `${LINUX_BR} LinuxBridgeOptions::validate_vlan_default_pvid`,
  },
  NMSTATE_BRIDGE_STP_RANGE: {
    severity: 'error',
    summary: 'B8: STP hello-time 1–10, max-age 6–40, forward-delay 2–30',
    upstream: `${LINUX_BR} LinuxBridgeStpOptions::sanitize`,
  },
  NMSTATE_BRIDGE_GROUP_FORWARD_MASK_CONFLICT: {
    severity: 'error',
    summary: 'B9: group-forward-mask and its alias group-fwd-mask are both set and differ',
    upstream: `${LINUX_BR} LinuxBridgeOptions::sanitize_group_fwd_mask`,
  },

  // --- bond (BO1–BO8, kernel option matrix) ------------------------------------------------------
  NMSTATE_BOND_MODE_MISSING: {
    severity: 'warning',
    summary: 'BO1: an up bond without link-aggregation.mode: nmstate rejects it when the bond does not exist yet on the node',
    upstream: `${BOND} validate_new_iface_with_no_mode`,
  },
  NMSTATE_BOND_MODE_INVALID: {
    severity: 'error',
    summary: 'bond mode is not balance-rr, active-backup, balance-xor, broadcast, 802.3ad, balance-tlb, balance-alb (or their numeric aliases 0–6)',
    upstream: `${BOND} BondMode`,
  },
  NMSTATE_BOND_PORTS_CONFIG_CONFLICT: {
    severity: 'error',
    summary: 'BO2: port and ports-config name different sets of ports',
    upstream: `${BOND} validate_conflict_in_port_and_port_configs`,
  },
  NMSTATE_BOND_QUEUE_ID_SHARED: {
    severity: 'error',
    summary: 'BO3: two bond ports share the same non-zero queue-id',
    upstream: `${BOND} check_overlap_queue_id`,
  },
  NMSTATE_BOND_MIIMON_ARP_INTERVAL: {
    severity: 'error',
    summary: 'BO4: miimon and arp_interval are both > 0',
    upstream: `${BOND} BondOptions::validate_miimon_and_arp_interval`,
  },
  NMSTATE_BOND_AD_ACTOR_SYSTEM_MULTICAST: {
    severity: 'error',
    summary: 'BO5: ad_actor_system is an IANA multicast MAC (01:00:5E…)',
    upstream: `${BOND} BondOptions::validate_ad_actor_system_mac_address`,
  },
  NMSTATE_BOND_BALANCE_SLB: {
    severity: 'error',
    summary: "BO6: balance_slb requires mode balance-xor and xmit_hash_policy 'vlan+srcmac'",
    upstream: `${BOND} BondOptions::validate_balance_slb`,
  },
  NMSTATE_BOND_MAC_WITH_FAIL_OVER_MAC: {
    severity: 'error',
    summary: 'BO7: mac-address on an active-backup bond with fail_over_mac: active',
    upstream: `${BOND} validate_mac_restricted_mode`,
  },
  NMSTATE_BOND_OPTION_MODE: {
    severity: 'warning',
    summary: 'a bond option (or ports-config priority) has no effect in the bond mode: the kernel refuses or ignores it and nmstate only warns at verification (primary: active-backup/tlb/alb; lacp_rate, ad_*: 802.3ad; xmit_hash_policy: xor/802.3ad/tlb/alb; packets_per_slave: balance-rr; arp_interval: not 802.3ad/tlb/alb)',
    upstream: `${BONDING_DOC}; ${BOND} BondPortConfig.priority doc`,
  },

  // --- controllers and ports (C1–C5) ----------------------------------------------------------
  NMSTATE_PORT_OVERBOOKED: {
    severity: 'error',
    summary: 'C1: a port is listed by two controllers (linux-bridge, bond, ovs-bridge, vrf) in the same state',
    upstream: `${CTRL} check_overbook_ports`,
  },
  NMSTATE_DUPLICATE_PORT: {
    severity: 'error',
    summary: 'a port is listed twice by the same controller (nmstate reports it as overbooked by the controller twice)',
    upstream: `${CTRL} check_overbook_ports`,
  },
  NMSTATE_PORT_ABSENT: {
    severity: 'error',
    summary: 'an up controller lists a port that the same state marks absent',
    upstream: 'multihome (the state both attaches and removes the port)',
  },
  NMSTATE_CONTROLLER_NOT_LISTING_PORT: {
    severity: 'error',
    summary: 'C2: an interface has controller: X but the desired port list of X does not contain it',
    upstream: `${CTRL} validate_controller_not_in_port_list`,
  },
  NMSTATE_CONTROLLER_NOT_FOUND: {
    severity: 'warning',
    summary: 'C3: controller: X names an interface that is not in this state: nmstate rejects it unless X already exists on the node',
    upstream: `${CTRL} validate_controller_not_in_port_list / resolve_port_iface_controller_type`,
  },
  NMSTATE_CONTROLLER_DETACH_CONFLICT: {
    severity: 'error',
    summary: 'C4: controller: "" (detach) on an interface still listed as a port of a controller',
    upstream: `${CTRL} validate_controller_in_other_port_list`,
  },
  NMSTATE_CONTROLLER_CONFLICT: {
    severity: 'error',
    summary: 'C5: controller: X on an interface listed as a port of another controller',
    upstream: `${CTRL} validate_controller_in_other_port_list`,
  },

  // --- IP (I1–I9) ----------------------------------------------------------------------------
  NMSTATE_IP_PREFIX_LENGTH: {
    severity: 'error',
    summary: 'I1/I2: prefix-length must be 0–32 for IPv4 and 0–128 for IPv6',
    upstream: `${IP} InterfaceIpv4::sanitize / InterfaceIpv6::sanitize`,
  },
  NMSTATE_IP_FAMILY_MISMATCH: {
    severity: 'error',
    summary: 'I3: an IPv6 address in the ipv4 section or an IPv4 address in the ipv6 section',
    upstream: `${IP} InterfaceIpv4::sanitize / InterfaceIpv6::sanitize`,
  },
  NMSTATE_IP_ADDRESS_INVALID: {
    severity: 'error',
    summary: 'an address (ip) is not a valid IPv4 or IPv6 address text (serde IpAddr)',
    upstream: `${IP} InterfaceIpAddr (std::net::IpAddr)`,
  },
  NMSTATE_IPV6_MTU: {
    severity: 'error',
    summary: 'I7: IPv6 enabled with mtu below 1280',
    upstream: `${BASE} BaseInterface::sanitize (MINIMUM_IPV6_MTU)`,
  },
  NMSTATE_PORT_HAS_IP: {
    severity: 'error',
    summary: 'I8: a port of a linux-bridge, bond or ovs-bridge (other than an ovs-interface) has IPv4 or IPv6 enabled',
    upstream: `${BASE} validate_can_have_ip / BaseInterface::can_have_ip`,
  },
  NMSTATE_WAIT_IP_DISABLED: {
    severity: 'error',
    summary: 'I9: wait-ip names an address family that the interface disables',
    upstream: `${IP} validate_wait_ip`,
  },
  NMSTATE_IPV6_TOKEN_WITHOUT_AUTOCONF: {
    severity: 'error',
    summary: 'ipv6.token (other than "" or "::") with ipv6.autoconf: false',
    upstream: `${IP} InterfaceIpv6::sanitize ("Desired IPv6 token … cannot be applied with IPv6 autoconf disabled")`,
  },
  NMSTATE_MPTCP_FLAGS_CONFLICT: {
    severity: 'error',
    summary: 'mptcp.address-flags has both signal and fullmesh',
    upstream: `${N}/mptcp.rs MergedInterface::post_inter_ifaces_process_mptcp`,
  },
  NMSTATE_IP_DISABLED_WITH_CONFIG: {
    severity: 'warning',
    summary: 'lint: enabled: false together with address/dhcp/autoconf: nmstate silently drops them',
    upstream: `multihome (${IP} sanitize drops dhcp and address when enabled is false)`,
  },

  // --- routes (R1–R7) --------------------------------------------------------------------------
  NMSTATE_ROUTE_NEXT_HOP_ABSENT: {
    severity: 'error',
    summary: 'R1: the next-hop-interface of a route is marked absent in the same state',
    upstream: `${ROUTE} MergedRoutes::new`,
  },
  NMSTATE_ROUTE_NEXT_HOP_FAMILY_DISABLED: {
    severity: 'error',
    summary: "R2: the next-hop-interface disables the route's address family",
    upstream: `${ROUTE} MergedRoutes::new`,
  },
  NMSTATE_ROUTE_NEXT_HOP_INTERFACE_MISSING: {
    severity: 'error',
    summary: 'R3: a unicast route without next-hop-interface (not implemented by nmstate)',
    upstream: `${ROUTE} Routes::validate`,
  },
  NMSTATE_ROUTE_TYPE_WITH_NEXT_HOP: {
    severity: 'error',
    summary: 'R4: a blackhole/unreachable/prohibit route with a next hop',
    upstream: `${ROUTE} Routes::validate`,
  },
  NMSTATE_ROUTE_WEIGHT: {
    severity: 'error',
    summary: 'R5: ECMP weight outside 1–256, or a weight on an IPv6 route',
    upstream: `${ROUTE} RouteEntry::sanitize`,
  },
  NMSTATE_ROUTE_CWND_ZERO: {
    severity: 'error',
    summary: "R6: cwnd cannot be 0",
    upstream: `${ROUTE} RouteEntry::sanitize`,
  },
  NMSTATE_ROUTE_DESTINATION_ZERO_NET: {
    severity: 'error',
    summary: 'R7: a unicast route to 0.0.0.0/8 or a subnet of it (other than the default route 0.0.0.0/0)',
    upstream: `${ROUTE} validate_route_dst`,
  },
  NMSTATE_ROUTE_ADDRESS_INVALID: {
    severity: 'error',
    summary: 'a route destination, next-hop-address or source is not a valid IP address / network (an empty destination included, even on an absent route)',
    upstream: `${ROUTE} RouteEntry::sanitize; ${IP} sanitize_ip_network`,
  },

  // --- DNS ---------------------------------------------------------------------------------------
  NMSTATE_DNS_SERVER_INVALID: {
    severity: 'error',
    summary: 'a dns-resolver server is not an IPv4 or IPv6 address',
    upstream: `${DNS} DnsClientState::sanitize`,
  },
  NMSTATE_DNS_OPTION_UNSUPPORTED: {
    severity: 'error',
    summary: 'a dns-resolver option is not in nmstate\'s supported list (ndots/timeout/attempts take ":n")',
    upstream: `${DNS} DnsClientState::sanitize (SUPPORTED_DNS_OPTS_*)`,
  },
  NMSTATE_DNS_LINK_LOCAL_MULTI_IFACE: {
    severity: 'error',
    summary: 'IPv6 link-local name servers (fe80::…%iface) point to more than one interface (NotImplementedError)',
    upstream: `${DNS} MergedNetworkState::validate_ipv6_link_local_address_dns_srv`,
  },
  NMSTATE_DNS_STATE_ABSENT: {
    severity: 'error',
    summary: 'dns-resolver has no state: absent (unknown field); remove DNS config with config: {} or empty lists',
    upstream: `${DNS} DnsState (deny_unknown_fields)`,
  },

  // --- OVN, OVS, mac-vlan ----------------------------------------------------------------------
  NMSTATE_OVN_DUPLICATE_LOCALNET: {
    severity: 'error',
    summary: 'two ovn.bridge-mappings entries share a localnet',
    upstream: `${OVN} OvnConfiguration::sanitize_unique_localnet_keys`,
  },
  NMSTATE_OVN_MAPPING_BRIDGE_MISSING: {
    severity: 'error',
    summary: 'an ovn bridge mapping that is not absent has no bridge',
    upstream: `${OVN} OvnBridgeMapping::sanitize`,
  },
  NMSTATE_OVS_BRIDGE_MAC_ADDRESS: {
    severity: 'error',
    summary: 'an ovs-bridge cannot hold mac-address (set it on its ovs-interface)',
    upstream: `${N}/ifaces/ovs.rs OvsBridgeInterface::sanitize`,
  },
  NMSTATE_MAC_VLAN_PROMISCUOUS: {
    severity: 'error',
    summary: 'mac-vlan promiscuous: false is only allowed in passthru mode',
    upstream: `${N}/ifaces/mac_vlan.rs MacVlanInterface::sanitize`,
  },
} as const satisfies CodeTable;

/** One code of {@link NMSTATE_CODES}. */
export type NmstateCode = keyof typeof NMSTATE_CODES;
