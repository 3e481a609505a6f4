/**
 * Interface-level keys nmstate does not know. nmstate reads an interface into the struct of its
 * type (rust/src/lib/iface.rs Interface::deserialize), which embeds BaseInterface with
 * `#[serde(flatten)]`; BaseInterface ends in `#[serde(flatten)] _other: serde_json::Map`
 * (rust/src/lib/ifaces/base.rs), so an unknown interface-level key — `vlna:` for `vlan:` — is
 * kept there and ignored: the state applies without what the key meant. Not a refusal, so a
 * warning (NMSTATE_INTERFACE_UNKNOWN_KEY); unknown keys inside the typed sections (`vlan`,
 * `ipv4`, `link-aggregation`, …) are refused by their deny_unknown_fields structs
 * (NMSTATE_UNKNOWN_FIELD).
 */
import { closest } from '../../edit-distance';

/** Keys of BaseInterface (rust/src/lib/ifaces/base.rs), those of newer 2.2 releases included. */
export const BASE_INTERFACE_KEYS: readonly string[] = [
  'name', 'profile-name', 'description', 'type', 'state', 'identifier', 'mac-address', 'permanent-mac-address', 'pci-address', 'mtu', 'min-mtu', 'max-mtu',
  'wait-ip', 'ipv4', 'ipv6', 'mptcp', 'controller', 'accept-all-mac-addresses', 'copy-mac-from', 'ovs-db', '802.1x', 'lldp', 'ethtool', 'dispatch',
];

/** The section each interface type adds to BaseInterface (its struct in rust/src/lib/ifaces/*.rs). */
export const INTERFACE_TYPE_KEYS: Readonly<Record<string, readonly string[]>> = {
  ethernet: ['ethernet', 'veth'],
  veth: ['ethernet', 'veth'],
  'linux-bridge': ['bridge'],
  bond: ['link-aggregation'],
  vlan: ['vlan'],
  vxlan: ['vxlan'],
  dummy: [],
  loopback: [],
  'ovs-interface': ['patch', 'dpdk'],
  'ovs-bridge': ['bridge'],
  'mac-vlan': ['mac-vlan'],
  'mac-vtap': ['mac-vtap'],
  vrf: ['vrf'],
  hsr: ['hsr'],
  infiniband: ['infiniband'],
  macsec: ['macsec'],
  ipsec: ['libreswan'],
  xfrm: ['xfrm'],
  ipvlan: ['ipvlan'],
};

const ALL_TYPE_KEYS: readonly string[] = [...new Set(Object.values(INTERFACE_TYPE_KEYS).flat())];

/**
 * The keys of `raw` nmstate keeps in BaseInterface `_other` for an interface of `type` (any
 * type's section is accepted when the type is not given or not known).
 */
export function unknownInterfaceKeys(raw: Readonly<Record<string, unknown>>, type: string | undefined): string[] {
  const typed = type !== undefined ? INTERFACE_TYPE_KEYS[type] : undefined;
  const allowed = new Set([...BASE_INTERFACE_KEYS, ...(typed ?? ALL_TYPE_KEYS)]);
  return Object.keys(raw).filter((k) => !allowed.has(k));
}

/** The allowed key closest to `key` (at most 2 edits), for a "did you mean". */
export function closestInterfaceKey(key: string, type: string | undefined): string | undefined {
  const typed = type !== undefined ? INTERFACE_TYPE_KEYS[type] : undefined;
  return closest(key, [...(typed ?? ALL_TYPE_KEYS), ...BASE_INTERFACE_KEYS]);
}
