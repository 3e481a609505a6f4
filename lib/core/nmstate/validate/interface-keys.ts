/**
 * Interface-level keys nmstate does not know. nmstate reads an interface into the struct of its
 * type (rust/src/lib/iface.rs Interface::deserialize), which embeds BaseInterface with
 * `#[serde(flatten)]`. BaseInterface is `deny_unknown_fields` and ends in a flattened
 * `_other` map that does not consume the keys it sees, so serde fails on any interface-level key
 * the type does not know: nmstate/nmstate rust/src/lib/unit_tests/ifaces.rs
 * test_ifaces_deny_unknonw_attribute asserts "unknown field `foo`" (commit 6143fd48 "rust: Deny
 * unknown attributes", v2.1.0). For a known type that is NMSTATE_UNKNOWN_FIELD (an error); an
 * interface without a type (or with a type nmstate does not know) is read as UnknownInterface,
 * which keeps every key, and only re-read with the type of the node's interface
 * (inter_ifaces.rs resolve_unknown_ifaces), so there it is a warning
 * (NMSTATE_INTERFACE_UNKNOWN_KEY).
 */
import { closest } from '../../edit-distance';
import { knownAt, versioned, Versioned } from './versions';

/**
 * Keys of BaseInterface (rust/src/lib/ifaces/base.rs), with the release that added each newer one:
 * profile-name and identifier 508bbe74 (2.2.10), dispatch 1bd1151d (2.2.17), driver 67817c23
 * (2.2.27), pci-address 2.2.47 (nmstate.io/features/pci_identifier.html).
 */
export const BASE_INTERFACE_KEYS: Versioned = versioned(
  ['name', 'description', 'type', 'state', 'mac-address', 'permanent-mac-address', 'mtu', 'min-mtu', 'max-mtu',
    'wait-ip', 'ipv4', 'ipv6', 'mptcp', 'controller', 'accept-all-mac-addresses', 'copy-mac-from', 'ovs-db', '802.1x', 'lldp', 'ethtool'],
  { 'profile-name': '2.2.10', identifier: '2.2.10', dispatch: '2.2.17', driver: '2.2.27', 'pci-address': '2.2.47' },
);

/**
 * The section each interface type adds to BaseInterface (its struct in rust/src/lib/ifaces/*.rs);
 * `bond` is accepted as an alias of `link-aggregation` since 2.2.47 (landscape-2026 §nmstate).
 */
export const INTERFACE_TYPE_KEYS: Readonly<Record<string, Versioned>> = {
  ethernet: versioned(['ethernet', 'veth']),
  veth: versioned(['ethernet', 'veth']),
  'linux-bridge': versioned(['bridge']),
  bond: versioned(['link-aggregation'], { bond: '2.2.47' }),
  vlan: versioned(['vlan']),
  vxlan: versioned(['vxlan']),
  dummy: versioned([]),
  loopback: versioned([]),
  'ovs-interface': versioned(['patch', 'dpdk']),
  'ovs-bridge': versioned(['bridge']),
  'mac-vlan': versioned(['mac-vlan']),
  'mac-vtap': versioned(['mac-vtap']),
  vrf: versioned(['vrf']),
  hsr: versioned(['hsr']),
  infiniband: versioned(['infiniband']),
  macsec: versioned(['macsec']),
  ipsec: versioned(['libreswan']),
  xfrm: versioned(['xfrm']),
  ipvlan: versioned(['ipvlan']),
  tun: versioned(['tun']),
};

/**
 * Interface types nmstate added after 2.2.0 (iface.rs InterfaceType): macsec 14d307f2 (2.2.16),
 * ipsec 4a88d33d (2.2.19), xfrm c81fa8a0 (2.2.21), hsr b23da648 (2.2.22), ipvlan 50c267c9 (2.2.37).
 */
export const INTERFACE_TYPE_SINCE: Versioned = versioned(Object.keys(INTERFACE_TYPE_KEYS).filter((t) => !['macsec', 'ipsec', 'xfrm', 'hsr', 'ipvlan'].includes(t)), {
  macsec: '2.2.16', ipsec: '2.2.19', xfrm: '2.2.21', hsr: '2.2.22', ipvlan: '2.2.37',
});

const ALL_TYPE_KEYS: Versioned = versioned([...new Set(Object.values(INTERFACE_TYPE_KEYS).flatMap((t) => t.all))], Object.assign({}, ...Object.values(INTERFACE_TYPE_KEYS).map((t) => t.since)));

/** {@link interfaceKeys} by type, built once per type (a policy of 500 interfaces asks 500 times). */
const KEYS_BY_TYPE = new Map<string | undefined, { readonly keys: Versioned; readonly allowed: ReadonlySet<string> }>();

function keysOf(type: string | undefined): { readonly keys: Versioned; readonly allowed: ReadonlySet<string> } {
  const known = type !== undefined && Object.prototype.hasOwnProperty.call(INTERFACE_TYPE_KEYS, type) ? type : undefined;
  let entry = KEYS_BY_TYPE.get(known);
  if (!entry) {
    const typed = known !== undefined ? INTERFACE_TYPE_KEYS[known] : ALL_TYPE_KEYS;
    const keys: Versioned = Object.freeze({ all: Object.freeze([...BASE_INTERFACE_KEYS.all, ...typed.all]), since: Object.freeze({ ...BASE_INTERFACE_KEYS.since, ...typed.since }) });
    entry = { keys, allowed: new Set(keys.all) };
    KEYS_BY_TYPE.set(known, entry);
  }
  return entry;
}

/** The keys an interface of `type` may have (base keys plus its section; any section when the type is not given or not known). */
export function interfaceKeys(type: string | undefined): Versioned {
  return keysOf(type).keys;
}

/** The keys of `raw` no nmstate release knows for an interface of `type`. */
export function unknownInterfaceKeys(raw: Readonly<Record<string, unknown>>, type: string | undefined): string[] {
  const { allowed } = keysOf(type);
  return Object.keys(raw).filter((k) => !allowed.has(k));
}

/** The key closest to `key` (at most 2 edits) that nmstate `version` knows, for a "did you mean". */
export function closestInterfaceKey(key: string, type: string | undefined, version: string): string | undefined {
  return closest(key, knownAt(interfaceKeys(type), version));
}
