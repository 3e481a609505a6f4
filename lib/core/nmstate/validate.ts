import * as ipaddr from 'ipaddr.js';
import { Problem, ResourceRef } from '../errors';
import { API } from '../manifest';
import { interfaceNameError } from '../names';
import { joinPath } from '../path';
import { isRecord, ProblemSink, show } from '../problems';
import { NMSTATE_CODES, NmstateCode } from './codes';
import { InterfaceType, KNOWN_INTERFACE_TYPES } from './types';

/*
 * Validation of NNCP manifests and nmstate desired states, rule for rule as nmstate 2.2.37
 * (nmstate/nmstate 614c66dc) and kubernetes-nmstate (c9752755) check them; every rule cites the
 * upstream file and function it mirrors. Rules nmstate leaves to NetworkManager or the kernel
 * (name length, VLAN id range) cite the kernel; multihome's own lints say `multihome`.
 *
 * Like nmstate, a desired state is a partial edit: whatever depends on the node's current state
 * (does the bond exist already? is IPv4 enabled on an interface not mentioned here?) is either
 * skipped or reported as a warning, never as an error. Values that are nmpolicy capture templates
 * (`"{{ capture.x.interfaces.0.name }}"`) are resolved on the node and are not checked.
 */

// ---------------------------------------------------------------------------------------------
// small readers
// ---------------------------------------------------------------------------------------------

type Rec = Record<string, unknown>;

/** True for an nmpolicy capture reference such as `"{{ capture.base-iface.interfaces.0.name }}"`. */
export function isCaptureTemplate(v: unknown): v is string {
  return typeof v === 'string' && /\{\{[^]*\}\}/.test(v);
}

const INT_RANGES = {
  u8: [0, 255],
  u16: [0, 65535],
  u32: [0, 4294967295],
  u64: [0, Number.MAX_SAFE_INTEGER],
  i32: [-2147483648, 2147483647],
  i64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
} as const;
type IntKind = keyof typeof INT_RANGES;

const TRUE_STRINGS = ['1', 'true', 'yes', 'on', 'y'];
const FALSE_STRINGS = ['0', 'false', 'no', 'off', 'n'];

/** The validation context of one resource: the sink plus small typed readers that report serde errors. */
class Ctx {
  constructor(readonly sink: ProblemSink) {}

  add(code: NmstateCode, path: string, message: string, fix: string): void {
    this.sink.add(code, path, message, fix);
  }

  /** A mapping, or undefined (missing / capture template / wrong type, the latter reported). */
  record(v: unknown, path: string, what: string): Rec | undefined {
    if (v === undefined || v === null || isCaptureTemplate(v)) return undefined;
    if (isRecord(v)) return v;
    this.add('NMSTATE_FIELD_TYPE', path, `${path} (${what}) must be a mapping, got ${show(v)}`, `write ${what} as a YAML mapping`);
    return undefined;
  }

  /** A list, or undefined (missing / capture template / wrong type, the latter reported). */
  list(v: unknown, path: string, what: string): unknown[] | undefined {
    if (v === undefined || v === null || isCaptureTemplate(v)) return undefined;
    if (Array.isArray(v)) return v;
    this.add('NMSTATE_FIELD_TYPE', path, `${path} (${what}) must be a list, got ${show(v)}`, `write ${what} as a YAML list`);
    return undefined;
  }

  /** A string, or undefined (missing / template / wrong type, the latter reported). */
  string(v: unknown, path: string, what: string, required = false): string | undefined {
    if (v === undefined || v === null) {
      if (required) this.add('NMSTATE_FIELD_TYPE', path, `${path} (${what}) is required`, `set ${what}`);
      return undefined;
    }
    if (isCaptureTemplate(v)) return undefined;
    if (typeof v === 'string') return v;
    this.add('NMSTATE_FIELD_TYPE', path, `${path} (${what}) must be a string, got ${show(v)}`, `write ${what} as a string`);
    return undefined;
  }

  /**
   * An integer as nmstate's `*_or_string` deserializers read it (a number or a decimal string),
   * within the range of its Rust type; undefined when missing, a template or invalid (reported).
   */
  int(v: unknown, path: string, what: string, kind: IntKind, required = false): number | undefined {
    if (v === undefined || v === null) {
      if (required) this.add('NMSTATE_FIELD_TYPE', path, `${path} (${what}) is required`, `set ${what}`);
      return undefined;
    }
    if (isCaptureTemplate(v)) return undefined;
    let n: number | undefined;
    if (typeof v === 'number' && Number.isInteger(v)) n = v;
    else if (typeof v === 'string' && /^\s*[-+]?\d+\s*$/.test(v)) n = Number(v.trim());
    const [min, max] = INT_RANGES[kind];
    if (n === undefined || n < min || n > max) {
      this.add('NMSTATE_FIELD_TYPE', path, `${path} (${what}) must be an integer in ${min}–${max} (${kind}), got ${show(v)}`, `set ${what} to an integer in ${min}–${max}`);
      return undefined;
    }
    return n;
  }

  /** A boolean as nmstate's `option_bool_or_string` reads it (true/false, 1/0, "yes"/"no", …). */
  bool(v: unknown, path: string, what: string): boolean | undefined {
    if (v === undefined || v === null || isCaptureTemplate(v)) return undefined;
    if (typeof v === 'boolean') return v;
    if (v === 1 || v === 0) return v === 1;
    if (typeof v === 'string') {
      const s = v.toLowerCase();
      if (TRUE_STRINGS.includes(s)) return true;
      if (FALSE_STRINGS.includes(s)) return false;
    }
    this.add('NMSTATE_FIELD_TYPE', path, `${path} (${what}) must be a boolean (true|false|1|0|yes|no|on|off|y|n), got ${show(v)}`, `set ${what} to true or false`);
    return undefined;
  }

  /**
   * One of `allowed` (wire strings); `aliases` maps accepted alternative spellings (numeric
   * aliases of bond options, for instance) to the canonical value. Numbers are read as strings,
   * like nmstate's `NumberAsString`. Returns the canonical value, or undefined (reported).
   */
  enumOf(v: unknown, path: string, what: string, allowed: readonly string[], aliases: Readonly<Record<string, string>> = {}): string | undefined {
    if (v === undefined || v === null || isCaptureTemplate(v)) return undefined;
    const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v : undefined;
    if (s !== undefined) {
      if (allowed.includes(s)) return s;
      if (s in aliases) return aliases[s];
    }
    this.add('NMSTATE_ENUM_INVALID', path, `${path} (${what}) is ${show(v)}; allowed: ${allowed.join(', ')}`, `set ${what} to one of ${allowed.join(', ')}`);
    return undefined;
  }

  /** Warns about keys a deny_unknown_fields struct of nmstate 2.2.37 does not know. */
  unknownKeys(obj: Rec, path: string, known: readonly string[], struct: string): void {
    for (const k of Object.keys(obj)) {
      if (known.includes(k)) continue;
      this.add('NMSTATE_UNKNOWN_FIELD', joinPath(path, k), `${joinPath(path, k)}: ${struct} has no field ${show(k)}; known fields: ${known.join(', ')}`, `remove ${show(k)} or fix its spelling (nmstate rejects unknown fields of ${struct})`);
    }
  }

  /** Reports an invalid kernel interface name (linux net/core/dev.c dev_valid_name). */
  ifname(v: unknown, path: string, what: string): void {
    if (typeof v !== 'string' || isCaptureTemplate(v)) return;
    const err = interfaceNameError(v);
    if (err) this.add('NMSTATE_INTERFACE_NAME_INVALID', path, `${path} (${what}) ${show(v)} ${err}`, 'use a name of at most 15 bytes without "/", ":" or whitespace (for generated names like <base>.<vlan>, shorten the base or pick an explicit name)');
  }
}

function assertNever(x: never): never {
  throw new Error(`multihome internal error: unhandled interface kind ${String(x)}`);
}

/** Parses an IP address text the way Rust's std::net::IpAddr does (no zone id, no leading zeros). */
function ipFamily(s: string): 4 | 6 | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(s)) return 4;
  if (!s.includes('%') && ipaddr.IPv6.isValid(s)) return 6;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// known keys of nmstate's deny_unknown_fields structs (nmstate 2.2.37, 614c66dc)
// ---------------------------------------------------------------------------------------------

// rust/src/lib/ifaces/vlan.rs VlanConfig
const VLAN_KEYS = ['base-iface', 'id', 'protocol', 'registration-protocol', 'reorder-headers', 'loose-binding'];
// rust/src/lib/ifaces/bridge_vlan.rs BridgePortVlanConfig
const PORT_VLAN_KEYS = ['enable-native', 'mode', 'tag', 'trunk-tags'];
// rust/src/lib/ifaces/linux_bridge.rs LinuxBridgeConfig / LinuxBridgePortConfig / LinuxBridgeStpOptions / LinuxBridgeOptions
const LINUX_BRIDGE_KEYS = ['options', 'port', 'ports'];
const LINUX_BRIDGE_PORT_KEYS = ['name', 'stp-hairpin-mode', 'stp-path-cost', 'stp-priority', 'vlan'];
const STP_KEYS = ['enabled', 'forward-delay', 'hello-time', 'max-age', 'priority'];
const LINUX_BRIDGE_OPTION_KEYS = [
  'gc-timer', 'group-addr', 'group-forward-mask', 'group-fwd-mask', 'hash-max', 'hello-timer', 'mac-ageing-time',
  'multicast-last-member-count', 'multicast-last-member-interval', 'multicast-membership-interval', 'multicast-querier',
  'multicast-querier-interval', 'multicast-query-interval', 'multicast-query-response-interval', 'multicast-query-use-ifaddr',
  'multicast-router', 'multicast-snooping', 'multicast-startup-query-count', 'multicast-startup-query-interval', 'stp',
  'vlan-protocol', 'vlan-default-pvid',
];
// rust/src/lib/ifaces/bond.rs BondConfig / BondOptions (snake_case kernel names; alias balance-slb)
const BOND_KEYS = ['mode', 'options', 'port', 'ports', 'ports-config'];
const BOND_OPTION_KEYS = [
  'ad_actor_sys_prio', 'ad_actor_system', 'ad_select', 'ad_user_port_key', 'all_slaves_active', 'arp_all_targets',
  'arp_interval', 'arp_ip_target', 'arp_validate', 'downdelay', 'fail_over_mac', 'lacp_rate', 'lp_interval', 'miimon',
  'min_links', 'num_grat_arp', 'num_unsol_na', 'packets_per_slave', 'primary', 'primary_reselect', 'resend_igmp',
  'tlb_dynamic_lb', 'updelay', 'use_carrier', 'xmit_hash_policy', 'balance_slb', 'balance-slb', 'arp_missed_max',
];
// rust/src/lib/ip.rs InterfaceIp (+ `forwarding`, added by nmstate 2.2.4x and used by kubernetes-nmstate examples)
const IP_KEYS = [
  'enabled', 'dhcp', 'autoconf', 'dhcp-client-id', 'dhcp-duid', 'address', 'auto-dns', 'auto-gateway', 'auto-routes',
  'auto-route-table-id', 'auto-route-metric', 'addr-gen-mode', 'allow-extra-address', 'token', 'dhcp-send-hostname',
  'dhcp-custom-hostname', 'forwarding',
];
// rust/src/lib/ip.rs InterfaceIpAddr (with aliases)
const IP_ADDR_KEYS = ['ip', 'prefix-length', 'mptcp-flags', 'valid-life-time', 'valid-left', 'valid-lft', 'preferred-life-time', 'preferred-left', 'preferred-lft'];
// rust/src/lib/route.rs Routes / RouteEntry
const ROUTES_KEYS = ['running', 'config'];
const ROUTE_KEYS = ['state', 'destination', 'next-hop-interface', 'next-hop-address', 'metric', 'table-id', 'weight', 'route-type', 'cwnd', 'source'];
// rust/src/lib/dns.rs DnsState / DnsClientState
const DNS_KEYS = ['running', 'config'];
const DNS_CONFIG_KEYS = ['server', 'search', 'options'];
// rust/src/lib/ifaces/mac_vlan.rs MacVlanConfig
const MAC_VLAN_KEYS = ['base-iface', 'mode', 'promiscuous', 'accept-all-mac'];

// enums
const IFACE_STATES = ['up', 'down', 'absent', 'ignore', 'unknown']; // rust/src/lib/iface.rs InterfaceState
const VLAN_PROTOCOLS = ['802.1q', '802.1ad']; // vlan.rs VlanProtocol
const VLAN_REG_PROTOCOLS = ['gvrp', 'mvrp', 'none']; // vlan.rs VlanRegistrationProtocol
const PORT_VLAN_MODES = ['trunk', 'access']; // bridge_vlan.rs BridgePortVlanMode
const MULTICAST_ROUTER = ['auto', 'disabled', 'enabled']; // linux_bridge.rs de_multicast_router (also 1, 0, 2)
const MULTICAST_ROUTER_ALIASES = { '0': 'disabled', '1': 'auto', '2': 'enabled' };
const MAC_VLAN_MODES = ['vepa', 'bridge', 'private', 'passthru', 'source']; // mac_vlan.rs MacVlanMode
const WAIT_IP = ['any', 'ipv4', 'ipv6', 'ipv4+ipv6']; // ip.rs WaitIp
const ROUTE_TYPES = ['blackhole', 'unreachable', 'prohibit']; // route.rs RouteType
const OVS_BOND_MODES = ['active-backup', 'balance-slb', 'balance-tcp', 'lacp']; // ovs.rs OvsBridgeBondMode
const OVN_MAPPING_STATES = ['present', 'absent']; // ovn.rs OvnBridgeMappingState
const BOND_MODES = ['balance-rr', 'active-backup', 'balance-xor', 'broadcast', '802.3ad', 'balance-tlb', 'balance-alb'];

/** Enum-valued bond options; numeric aliases are the index (bond.rs `#[serde(alias = "N")]`). */
const BOND_OPTION_ENUMS: Readonly<Record<string, readonly string[]>> = {
  ad_select: ['stable', 'bandwidth', 'count'],
  all_slaves_active: ['dropped', 'delivered'],
  arp_all_targets: ['any', 'all'],
  arp_validate: ['none', 'active', 'backup', 'all', 'filter', 'filter_active', 'filter_backup'],
  fail_over_mac: ['none', 'active', 'follow'],
  lacp_rate: ['slow', 'fast'],
  primary_reselect: ['always', 'better', 'failure'],
  xmit_hash_policy: ['layer2', 'layer3+4', 'layer2+3', 'encap2+3', 'encap3+4', 'vlan+srcmac'],
};
const BOND_OPTION_INTS: Readonly<Record<string, IntKind>> = {
  ad_actor_sys_prio: 'u16', ad_user_port_key: 'u16', arp_interval: 'u32', downdelay: 'u32', lp_interval: 'u32',
  miimon: 'u32', min_links: 'u32', num_grat_arp: 'u8', num_unsol_na: 'u8', packets_per_slave: 'u32',
  resend_igmp: 'u32', updelay: 'u32', arp_missed_max: 'u8',
};

/**
 * Kernel per-mode bond option matrix: the modes in which each option has an effect.
 * linux Documentation/networking/bonding.rst and drivers/net/bonding/bond_options.c (`unsuppmodes`).
 * nmstate has no such matrix: it passes the options to NetworkManager and only warns when
 * verification finds them missing (rust/src/lib/ifaces/bond.rs BondConfig doc).
 */
const BOND_OPTION_MODES: Readonly<Record<string, readonly string[]>> = {
  primary: ['active-backup', 'balance-tlb', 'balance-alb'],
  lacp_rate: ['802.3ad'],
  ad_select: ['802.3ad'],
  ad_actor_sys_prio: ['802.3ad'],
  ad_actor_system: ['802.3ad'],
  ad_user_port_key: ['802.3ad'],
  xmit_hash_policy: ['balance-xor', '802.3ad', 'balance-tlb', 'balance-alb'],
  packets_per_slave: ['balance-rr'],
  arp_interval: ['balance-rr', 'active-backup', 'balance-xor', 'broadcast'],
};

// DNS options nmstate supports (rust/src/lib/dns.rs SUPPORTED_DNS_OPTS_NO_VALUE / _WITH_VALUE)
const DNS_OPTS_NO_VALUE = [
  'debug', 'edns0', 'inet6', 'ip6-bytestring', 'ip6-dotint', 'no-aaaa', 'no-check-names', 'no-ip6-dotint', 'no-reload',
  'no-tld-query', 'rotate', 'single-request', 'single-request-reopen', 'trust-ad', 'use-vc',
];
const DNS_OPTS_WITH_VALUE = ['ndots', 'timeout', 'attempts'];

// ---------------------------------------------------------------------------------------------
// interfaces
// ---------------------------------------------------------------------------------------------

/** The kinds with their own validator; every other type string is `other` (base fields only). */
type Kind = InterfaceType | 'other';
const TYPED_KINDS: readonly string[] = Object.values(InterfaceType);

/** nmstate's userspace types are keyed by (name, type); kernel ones by name (rust/src/lib/iface.rs is_userspace). */
function isUserspaceType(t: string | undefined): boolean {
  return t !== undefined && (t === 'ovs-bridge' || t === 'ipsec' || !KNOWN_INTERFACE_TYPES.includes(t));
}

interface Iface {
  readonly path: string;
  readonly raw: Rec;
  /** undefined when missing, not a string or a capture template. */
  readonly name?: string;
  /** undefined when missing (nmstate: `unknown`, resolved from the node) or not a plain string. */
  readonly type?: string;
  readonly kind: Kind;
  /** canonical state; `up` when omitted; undefined when invalid. */
  readonly state?: string;
}

function isUp(i: Iface): boolean {
  return i.state === 'up';
}

interface PortRef {
  readonly name?: string;
  readonly path: string;
}

interface State {
  readonly ctx: Ctx;
  readonly base: string;
  readonly ifaces: Iface[];
  /** Interfaces by name, in document order (duplicates included). */
  readonly byName: Map<string, Iface[]>;
}

function find(st: State, name: string, pred: (i: Iface) => boolean = () => true): Iface | undefined {
  const all = st.byName.get(name) ?? [];
  // nmstate keeps the last entry of a duplicate (Interfaces::push), so search from the end.
  for (let k = all.length - 1; k >= 0; k--) if (pred(all[k])) return all[k];
  return undefined;
}

/** A kernel interface of this name (nmstate `kernel_ifaces`). */
function findKernel(st: State, name: string): Iface | undefined {
  return find(st, name, (i) => !isUserspaceType(i.type));
}

/**
 * The port list of a controller as nmstate's `Interface::ports()` returns it: undefined when the
 * interface is no controller or its desired state does not mention ports (or they are a capture
 * template); empty for an absent controller.
 */
function portsOf(i: Iface): PortRef[] | undefined {
  const isController = i.type === 'bond' || i.type === 'linux-bridge' || i.type === 'ovs-bridge' || i.type === 'vrf';
  if (!isController) return undefined;
  if (i.state === 'absent') return [];
  const out: PortRef[] = [];
  const nameOf = (v: unknown): string | undefined => (typeof v === 'string' && !isCaptureTemplate(v) ? v : undefined);
  if (i.type === 'bond') {
    const la = i.raw['link-aggregation'];
    if (!isRecord(la)) return undefined;
    const key = la.port !== undefined ? 'port' : la.ports !== undefined ? 'ports' : undefined;
    if (key !== undefined) {
      if (!Array.isArray(la[key])) return undefined;
      (la[key] as unknown[]).forEach((p, k) => out.push({ name: nameOf(p), path: joinPath(i.path, 'link-aggregation', key, k) }));
      return out;
    }
    if (!Array.isArray(la['ports-config'])) return undefined;
    (la['ports-config'] as unknown[]).forEach((p, k) =>
      out.push({ name: isRecord(p) ? nameOf(p.name) : undefined, path: joinPath(i.path, 'link-aggregation', 'ports-config', k, 'name') }),
    );
    return out;
  }
  if (i.type === 'vrf') {
    const vrf = i.raw.vrf;
    if (!isRecord(vrf) || !Array.isArray(vrf.port)) return undefined;
    vrf.port.forEach((p, k) => out.push({ name: nameOf(p), path: joinPath(i.path, 'vrf', 'port', k) }));
    return out;
  }
  const br = i.raw.bridge;
  if (!isRecord(br)) return undefined;
  const key = br.port !== undefined ? 'port' : br.ports !== undefined ? 'ports' : undefined;
  if (key === undefined || !Array.isArray(br[key])) return undefined;
  (br[key] as unknown[]).forEach((p, k) => {
    const pp = joinPath(i.path, 'bridge', key, k);
    if (!isRecord(p)) return;
    // rust/src/lib/ifaces/ovs.rs OvsBridgeInterface::ports(): the ports of an OVS bond are ports of the bridge.
    const la = i.type === 'ovs-bridge' ? p['link-aggregation'] : undefined;
    if (isRecord(la)) {
      if (Array.isArray(la.port)) la.port.forEach((bp, m) => out.push({ name: isRecord(bp) ? nameOf(bp.name) : undefined, path: joinPath(pp, 'link-aggregation', 'port', m, 'name') }));
    } else out.push({ name: nameOf(p.name), path: joinPath(pp, 'name') });
  });
  return out;
}

/** Base fields every interface has (rust/src/lib/ifaces/base.rs BaseInterface::sanitize). */
function validateBase(st: State, i: Iface): void {
  const { ctx } = st;
  const r = i.raw;
  const mtu = ctx.int(r.mtu, joinPath(i.path, 'mtu'), 'mtu', 'u64');
  ctx.string(r['mac-address'], joinPath(i.path, 'mac-address'), 'mac-address');
  ctx.string(r.description, joinPath(i.path, 'description'), 'description');
  const controller = ctx.string(r.controller, joinPath(i.path, 'controller'), 'controller');
  if (controller) ctx.ifname(controller, joinPath(i.path, 'controller'), 'controller');

  const v4 = validateIp(st, i, 'ipv4');
  const v6 = validateIp(st, i, 'ipv6');

  // I7: rust/src/lib/ifaces/base.rs BaseInterface::sanitize — IPv6 enabled requires mtu >= 1280 (MINIMUM_IPV6_MTU).
  if (v6 === true && mtu !== undefined && mtu < 1280) {
    ctx.add('NMSTATE_IPV6_MTU', joinPath(i.path, 'mtu'), `interface ${show(i.name)} has IPv6 enabled and mtu ${mtu}; IPv6 needs mtu >= 1280`, 'raise mtu to at least 1280, or set ipv6.enabled: false');
  }

  // I9: rust/src/lib/ip.rs validate_wait_ip — checked on the state merged with the node, so only
  // an explicit `enabled: false` in the desired state is certain to fail.
  const waitIp = ctx.enumOf(r['wait-ip'], joinPath(i.path, 'wait-ip'), 'wait-ip', WAIT_IP);
  if (waitIp) {
    const needs4 = waitIp === 'ipv4' || waitIp === 'ipv4+ipv6';
    const needs6 = waitIp === 'ipv6' || waitIp === 'ipv4+ipv6';
    for (const [needs, fam, enabled] of [[needs4, 'ipv4', v4], [needs6, 'ipv6', v6]] as const) {
      if (needs && enabled === false) {
        ctx.add('NMSTATE_WAIT_IP_DISABLED', joinPath(i.path, 'wait-ip'), `interface ${show(i.name)} has wait-ip: ${waitIp} but ${fam}.enabled is false`, `enable ${fam} or change wait-ip`);
      }
    }
  }
}

/**
 * An `ipv4`/`ipv6` block (rust/src/lib/ip.rs InterfaceIpv4::sanitize / InterfaceIpv6::sanitize).
 * Returns the explicit `enabled` value (undefined when not given: nmstate then takes it from the node).
 */
function validateIp(st: State, i: Iface, fam: 'ipv4' | 'ipv6'): boolean | undefined {
  const { ctx } = st;
  const path = joinPath(i.path, fam);
  const ip = ctx.record(i.raw[fam], path, fam);
  if (!ip) return undefined;
  ctx.unknownKeys(ip, path, IP_KEYS, `InterfaceIp (${fam})`);
  const enabled = ctx.bool(ip.enabled, joinPath(path, 'enabled'), `${fam}.enabled`);
  const dhcp = ctx.bool(ip.dhcp, joinPath(path, 'dhcp'), `${fam}.dhcp`);
  const autoconf = ctx.bool(ip.autoconf, joinPath(path, 'autoconf'), `${fam}.autoconf`);
  for (const k of ['auto-dns', 'auto-gateway', 'auto-routes', 'allow-extra-address', 'dhcp-send-hostname']) ctx.bool(ip[k], joinPath(path, k), `${fam}.${k}`);
  for (const k of ['auto-route-table-id', 'auto-route-metric']) ctx.int(ip[k], joinPath(path, k), `${fam}.${k}`, 'u32');
  const addrs = ctx.list(ip.address, joinPath(path, 'address'), `${fam}.address`);
  const want = fam === 'ipv4' ? 4 : 6;
  const maxPrefix = fam === 'ipv4' ? 32 : 128;
  (addrs ?? []).forEach((a, k) => {
    const ap = joinPath(path, 'address', k);
    const rec = ctx.record(a, ap, `${fam}.address[${k}]`);
    if (!rec) return;
    ctx.unknownKeys(rec, ap, IP_ADDR_KEYS, 'InterfaceIpAddr');
    const text = ctx.string(rec.ip, joinPath(ap, 'ip'), 'ip', true);
    const prefix = ctx.int(rec['prefix-length'], joinPath(ap, 'prefix-length'), 'prefix-length', 'u8', true);
    let family: 4 | 6 | undefined;
    if (text !== undefined) {
      family = ipFamily(text);
      // serde of std::net::IpAddr in rust/src/lib/ip.rs InterfaceIpAddr.
      if (family === undefined) {
        ctx.add('NMSTATE_IP_ADDRESS_INVALID', joinPath(ap, 'ip'), `${fam} address ${show(text)} of interface ${show(i.name)} is not a valid IP address (give the address only, prefix in prefix-length)`, `write the address as ${fam === 'ipv4' ? '192.0.2.10' : '2001:db8::10'} and its prefix in prefix-length`);
      } else if (family !== want) {
        // I3: "Got IPv6 address … in ipv4 config section" / "Got IPv4 address … in ipv6 config section".
        ctx.add('NMSTATE_IP_FAMILY_MISMATCH', joinPath(ap, 'ip'), `${fam} section of interface ${show(i.name)} holds the IPv${family} address ${show(text)}`, `move the address to the ipv${family} section`);
      }
    }
    // I1/I2: prefix length within the family (checked against the section, as nmstate does).
    if (prefix !== undefined && prefix > maxPrefix) {
      ctx.add('NMSTATE_IP_PREFIX_LENGTH', joinPath(ap, 'prefix-length'), `${fam} prefix-length ${prefix} of interface ${show(i.name)} is out of range; allowed 0–${maxPrefix}`, `set prefix-length to 0–${maxPrefix}`);
    }
  });
  // Lint: rust/src/lib/ip.rs sanitize drops dhcp/autoconf/address when enabled is false.
  if (enabled === false && ((addrs?.length ?? 0) > 0 || dhcp === true || autoconf === true)) {
    ctx.add('NMSTATE_IP_DISABLED_WITH_CONFIG', joinPath(path, 'enabled'), `${fam} of interface ${show(i.name)} is disabled but also sets ${[(addrs?.length ?? 0) > 0 ? 'address' : '', dhcp ? 'dhcp' : '', autoconf ? 'autoconf' : ''].filter(Boolean).join(', ')}; nmstate drops them silently`, `set ${fam}.enabled: true, or remove the address/dhcp/autoconf settings`);
  }
  return enabled;
}

function validateVlan(st: State, i: Iface): void {
  const { ctx } = st;
  const path = joinPath(i.path, 'vlan');
  const vlan = ctx.record(i.raw.vlan, path, 'vlan');
  if (!vlan) return;
  ctx.unknownKeys(vlan, path, VLAN_KEYS, 'VlanConfig');
  // V1: rust/src/lib/ifaces/vlan.rs VlanInterface::sanitize — "Missing 'vlan.base-iface' for interface".
  if (vlan['base-iface'] === undefined || vlan['base-iface'] === null) {
    ctx.add('NMSTATE_VLAN_BASE_IFACE_MISSING', joinPath(path, 'base-iface'), `VLAN ${show(i.name)} has no vlan.base-iface`, 'set vlan.base-iface to the parent interface (NIC or bond)');
  } else {
    const base = ctx.string(vlan['base-iface'], joinPath(path, 'base-iface'), 'vlan.base-iface');
    if (base !== undefined) ctx.ifname(base, joinPath(path, 'base-iface'), 'vlan.base-iface');
  }
  // V2: nmstate only deserializes a u16 (vlan.rs `u16_or_string`); the kernel rejects id >= 4095
  // (linux net/8021q/vlan_netlink.c vlan_validate) and 0 means priority-tagged, not a VLAN.
  const id = ctx.int(vlan.id, joinPath(path, 'id'), 'vlan.id', 'u16', true);
  if (id !== undefined && (id < 1 || id > 4094)) {
    ctx.add('NMSTATE_VLAN_ID_RANGE', joinPath(path, 'id'), `VLAN ${show(i.name)} has vlan.id ${id}; allowed 1–4094 (nmstate passes larger ids on and the kernel rejects them at apply time)`, 'use a VLAN id between 1 and 4094');
  }
  // V4: rust/src/lib/ifaces/vlan.rs VlanProtocol / VlanRegistrationProtocol (serde).
  ctx.enumOf(vlan.protocol, joinPath(path, 'protocol'), 'vlan.protocol', VLAN_PROTOCOLS);
  ctx.enumOf(vlan['registration-protocol'], joinPath(path, 'registration-protocol'), 'vlan.registration-protocol', VLAN_REG_PROTOCOLS);
  ctx.bool(vlan['reorder-headers'], joinPath(path, 'reorder-headers'), 'vlan.reorder-headers');
  ctx.bool(vlan['loose-binding'], joinPath(path, 'loose-binding'), 'vlan.loose-binding');
}

/** Port VLAN filtering (rust/src/lib/ifaces/bridge_vlan.rs BridgePortVlanConfig::sanitize), linux and OVS bridges. */
function validatePortVlan(st: State, bridge: Iface, port: string | undefined, vlanValue: unknown, path: string): void {
  const { ctx } = st;
  const vlan = ctx.record(vlanValue, path, 'port vlan');
  if (!vlan) return;
  const where = `port ${show(port)} of bridge ${show(bridge.name)}`;
  ctx.unknownKeys(vlan, path, PORT_VLAN_KEYS, 'BridgePortVlanConfig');
  const mode = ctx.enumOf(vlan.mode, joinPath(path, 'mode'), 'vlan.mode', PORT_VLAN_MODES);
  const native = ctx.bool(vlan['enable-native'], joinPath(path, 'enable-native'), 'vlan.enable-native');
  const tag = ctx.int(vlan.tag, joinPath(path, 'tag'), 'vlan.tag', 'u16');
  const tagsGiven = vlan['trunk-tags'] !== undefined && vlan['trunk-tags'] !== null;
  const tags = ctx.list(vlan['trunk-tags'], joinPath(path, 'trunk-tags'), 'vlan.trunk-tags');

  // B1: "Bridge VLAN filtering `tag` cannot be use in trunk mode without `enable-native`".
  if (mode === 'trunk' && tag !== undefined && tag !== 0 && native !== true) {
    ctx.add('NMSTATE_BRIDGE_VLAN_TAG_WITHOUT_NATIVE', joinPath(path, 'tag'), `${where}: trunk mode with tag ${tag} requires enable-native: true`, 'set enable-native: true to send the tag untagged (native VLAN), or remove tag');
  }
  // B2: "Bridge VLAN filtering `enable-native: true` cannot be set in access mode".
  if (mode === 'access' && native === true) {
    ctx.add('NMSTATE_BRIDGE_VLAN_ACCESS_NATIVE', joinPath(path, 'enable-native'), `${where}: enable-native: true is not allowed in access mode`, 'remove enable-native, or use mode: trunk');
  }
  // B3: "Bridge VLAN filtering access mode cannot have trunk-tags defined".
  if (mode === 'access' && tags !== undefined && tags.length > 0) {
    ctx.add('NMSTATE_BRIDGE_VLAN_ACCESS_TRUNK_TAGS', joinPath(path, 'trunk-tags'), `${where}: access mode cannot have trunk-tags (got ${tags.length})`, 'remove trunk-tags, or use mode: trunk');
  }
  // B4: "Bridge VLAN filtering trunk mode cannot have empty trunk-tags" (trunk-tags: None).
  if (mode === 'trunk' && !tagsGiven) {
    ctx.add('NMSTATE_BRIDGE_VLAN_TRUNK_TAGS_MISSING', joinPath(path, 'trunk-tags'), `${where}: trunk mode without trunk-tags`, 'list the VLANs the trunk carries in trunk-tags, e.g. [{id-range: {min: 2, max: 4094}}]');
  }
  if (tag !== undefined && tag > 4094) {
    ctx.add('NMSTATE_BRIDGE_VLAN_ID_RANGE', joinPath(path, 'tag'), `${where}: vlan.tag ${tag} is not a VLAN id; allowed 1–4094 (0 = none)`, 'use a VLAN id between 1 and 4094');
  }

  // B5/B6 and kernel ranges over trunk tags (bridge_vlan.rs BridgePortTrunkTag::deserialize, validate_overlap_trunk_tags).
  const found = new Map<number, string>();
  (tags ?? []).forEach((t, k) => {
    const tp = joinPath(path, 'trunk-tags', k);
    if (isCaptureTemplate(t)) return;
    let lo: number | undefined;
    let hi: number | undefined;
    let label: string;
    if (isRecord(t) && t.id !== undefined) {
      lo = hi = ctx.int(t.id, joinPath(tp, 'id'), 'trunk tag id', 'u16');
      label = `id=${show(t.id)}`;
      if (lo !== undefined && (lo < 1 || lo > 4094)) {
        ctx.add('NMSTATE_BRIDGE_VLAN_ID_RANGE', joinPath(tp, 'id'), `${where}: trunk tag id ${lo} is not a VLAN id; allowed 1–4094 (the kernel bridge rejects it)`, 'use VLAN ids between 1 and 4094');
        return;
      }
    } else if (isRecord(t) && t['id-range'] !== undefined) {
      const rp = joinPath(tp, 'id-range');
      const range = ctx.record(t['id-range'], rp, 'trunk tag id-range');
      if (!range) return;
      lo = ctx.int(range.min, joinPath(rp, 'min'), 'id-range.min', 'u16', true);
      hi = ctx.int(range.max, joinPath(rp, 'max'), 'id-range.max', 'u16', true);
      label = `id-range=[${show(range.min)},${show(range.max)}]`;
      let bad = false;
      for (const [v, key] of [[lo, 'min'], [hi, 'max']] as const) {
        if (v !== undefined && (v < 1 || v > 4094)) {
          ctx.add('NMSTATE_BRIDGE_VLAN_ID_RANGE', joinPath(rp, key), `${where}: id-range.${key} ${v} is not a VLAN id; allowed 1–4094 (the kernel bridge rejects it)`, 'keep trunk ranges within 1–4094');
          bad = true;
        }
      }
      if (lo !== undefined && hi !== undefined && lo > hi) {
        ctx.add('NMSTATE_BRIDGE_VLAN_RANGE_INVERTED', rp, `${where}: id-range min ${lo} is greater than max ${hi}; nmstate expands it to no VLAN at all`, 'swap min and max');
        return;
      }
      if (bad) return;
    } else {
      ctx.add('NMSTATE_BRIDGE_VLAN_TRUNK_TAG_SHAPE', tp, `${where}: trunk tag ${show(t)} is neither {id: N} nor {id-range: {min, max}}`, 'write each trunk tag as {id: N} or {id-range: {min: N, max: M}}');
      return;
    }
    if (lo === undefined || hi === undefined) return;
    // B5: "Bridge VLAN trunk tag {tag} is overlapping with other tag {existing}".
    for (let v = lo; v <= hi; v++) {
      const prev = found.get(v);
      if (prev !== undefined) {
        ctx.add('NMSTATE_BRIDGE_VLAN_TRUNK_OVERLAP', tp, `${where}: trunk tag ${label} overlaps with trunk tag ${prev} (VLAN ${v})`, 'list every VLAN once: merge or split the overlapping tags');
        return;
      }
    }
    for (let v = lo; v <= hi; v++) found.set(v, label);
  });
}

function validateLinuxBridge(st: State, i: Iface): void {
  const { ctx } = st;
  const path = joinPath(i.path, 'bridge');
  const br = ctx.record(i.raw.bridge, path, 'bridge');
  if (!br) return;
  ctx.unknownKeys(br, path, LINUX_BRIDGE_KEYS, 'LinuxBridgeConfig');
  const portKey = br.port !== undefined ? 'port' : 'ports';
  const ports = ctx.list(br[portKey], joinPath(path, portKey), `bridge.${portKey}`);
  let filtering = false;
  (ports ?? []).forEach((p, k) => {
    const pp = joinPath(path, portKey, k);
    const rec = ctx.record(p, pp, 'bridge port');
    if (!rec) return;
    ctx.unknownKeys(rec, pp, LINUX_BRIDGE_PORT_KEYS, 'LinuxBridgePortConfig');
    const name = ctx.string(rec.name, joinPath(pp, 'name'), 'port name', true);
    if (name !== undefined) ctx.ifname(name, joinPath(pp, 'name'), 'port name');
    ctx.bool(rec['stp-hairpin-mode'], joinPath(pp, 'stp-hairpin-mode'), 'stp-hairpin-mode');
    ctx.int(rec['stp-path-cost'], joinPath(pp, 'stp-path-cost'), 'stp-path-cost', 'u32');
    ctx.int(rec['stp-priority'], joinPath(pp, 'stp-priority'), 'stp-priority', 'u16');
    if (rec.vlan !== undefined && rec.vlan !== null) {
      // linux_bridge.rs vlan_filtering_is_enabled(): a port vlan block different from the default.
      if (!isRecord(rec.vlan) || PORT_VLAN_KEYS.some((key) => rec.vlan !== null && (rec.vlan as Rec)[key] !== undefined)) filtering = true;
      validatePortVlan(st, i, name, rec.vlan, joinPath(pp, 'vlan'));
    }
  });

  const op = joinPath(path, 'options');
  const opts = ctx.record(br.options, op, 'bridge.options');
  if (!opts) return;
  ctx.unknownKeys(opts, op, LINUX_BRIDGE_OPTION_KEYS, 'LinuxBridgeOptions');
  ctx.enumOf(opts['vlan-protocol'], joinPath(op, 'vlan-protocol'), 'bridge.options.vlan-protocol', VLAN_PROTOCOLS);
  ctx.enumOf(opts['multicast-router'], joinPath(op, 'multicast-router'), 'bridge.options.multicast-router', MULTICAST_ROUTER, MULTICAST_ROUTER_ALIASES);
  ctx.bool(opts['multicast-snooping'], joinPath(op, 'multicast-snooping'), 'multicast-snooping');
  ctx.int(opts['mac-ageing-time'], joinPath(op, 'mac-ageing-time'), 'mac-ageing-time', 'u32');

  // B7: linux_bridge.rs LinuxBridgeOptions::validate_vlan_default_pvid.
  const pvid = ctx.int(opts['vlan-default-pvid'], joinPath(op, 'vlan-default-pvid'), 'vlan-default-pvid', 'u16');
  if (pvid !== undefined && pvid !== 1 && !filtering && !isCaptureTemplate(br[portKey])) {
    ctx.add('NMSTATE_BRIDGE_DEFAULT_PVID_WITHOUT_FILTERING', joinPath(op, 'vlan-default-pvid'), `linux bridge ${show(i.name)} has vlan-default-pvid ${pvid} but VLAN filtering is not enabled (no port has a vlan block)`, 'give at least one port a vlan block (mode trunk/access), or remove vlan-default-pvid');
  }

  // B9: linux_bridge.rs LinuxBridgeOptions::sanitize_group_fwd_mask.
  const m1 = ctx.int(opts['group-forward-mask'], joinPath(op, 'group-forward-mask'), 'group-forward-mask', 'u16');
  const m2 = ctx.int(opts['group-fwd-mask'], joinPath(op, 'group-fwd-mask'), 'group-fwd-mask', 'u16');
  if (m1 !== undefined && m2 !== undefined && m1 !== m2) {
    ctx.add('NMSTATE_BRIDGE_GROUP_FORWARD_MASK_CONFLICT', joinPath(op, 'group-fwd-mask'), `linux bridge ${show(i.name)} has group-forward-mask ${m1} and group-fwd-mask ${m2}; they are the same setting`, 'keep only group-fwd-mask');
  }

  // B8: linux_bridge.rs LinuxBridgeStpOptions::sanitize (hello 1–10, max-age 6–40, forward-delay 2–30).
  const sp = joinPath(op, 'stp');
  const stp = ctx.record(opts.stp, sp, 'bridge.options.stp');
  if (!stp) return;
  ctx.unknownKeys(stp, sp, STP_KEYS, 'LinuxBridgeStpOptions');
  ctx.bool(stp.enabled, joinPath(sp, 'enabled'), 'stp.enabled');
  ctx.int(stp.priority, joinPath(sp, 'priority'), 'stp.priority', 'u16');
  for (const [key, min, max] of [['hello-time', 1, 10], ['max-age', 6, 40], ['forward-delay', 2, 30]] as const) {
    const v = ctx.int(stp[key], joinPath(sp, key), `stp.${key}`, 'u8');
    if (v !== undefined && (v < min || v > max)) {
      ctx.add('NMSTATE_BRIDGE_STP_RANGE', joinPath(sp, key), `linux bridge ${show(i.name)} has stp.${key} ${v}; allowed ${min}–${max}`, `set stp.${key} within ${min}–${max}`);
    }
  }
}

function validateBond(st: State, i: Iface): void {
  const { ctx } = st;
  const path = joinPath(i.path, 'link-aggregation');
  if (isCaptureTemplate(i.raw['link-aggregation'])) return;
  const la = ctx.record(i.raw['link-aggregation'], path, 'link-aggregation') ?? {};
  ctx.unknownKeys(la, path, BOND_KEYS, 'BondConfig');

  // BO1: bond.rs validate_new_iface_with_no_mode — only an error when the bond is new on the node.
  let mode: string | undefined;
  if (la.mode === undefined || la.mode === null) {
    if (isUp(i)) {
      ctx.add('NMSTATE_BOND_MODE_MISSING', joinPath(path, 'mode'), `bond ${show(i.name)} has no link-aggregation.mode; nmstate rejects it on nodes where the bond does not exist yet`, `set mode (${BOND_MODES.join(', ')})`);
    }
  } else if (!isCaptureTemplate(la.mode)) {
    // bond.rs BondMode: names or numeric aliases "0".."6" (NumberAsString).
    const s = typeof la.mode === 'number' || typeof la.mode === 'string' ? String(la.mode) : '';
    mode = BOND_MODES.includes(s) ? s : /^[0-6]$/.test(s) ? BOND_MODES[Number(s)] : undefined;
    if (mode === undefined) {
      ctx.add('NMSTATE_BOND_MODE_INVALID', joinPath(path, 'mode'), `bond ${show(i.name)} has mode ${show(la.mode)}; allowed: ${BOND_MODES.join(', ')} (or 0–6)`, 'use one of the bond mode names');
    }
  }

  // port list (alias ports) and ports-config.
  const portKey = la.port !== undefined ? 'port' : 'ports';
  const ports = ctx.list(la[portKey], joinPath(path, portKey), `link-aggregation.${portKey}`);
  const portNames: Array<string | undefined> = (ports ?? []).map((p, k) => {
    const n = ctx.string(p, joinPath(path, portKey, k), 'bond port', true);
    if (n !== undefined) ctx.ifname(n, joinPath(path, portKey, k), 'bond port');
    return n;
  });
  const cfg = ctx.list(la['ports-config'], joinPath(path, 'ports-config'), 'link-aggregation.ports-config');
  const cfgNames: Array<string | undefined> = [];
  const qids = new Map<number, string>();
  (cfg ?? []).forEach((c, k) => {
    const cp = joinPath(path, 'ports-config', k);
    const rec = ctx.record(c, cp, 'ports-config entry');
    if (!rec) return cfgNames.push(undefined);
    const n = ctx.string(rec.name, joinPath(cp, 'name'), 'ports-config name', true);
    cfgNames.push(n);
    const priority = ctx.int(rec.priority, joinPath(cp, 'priority'), 'ports-config priority', 'i32');
    // BO8: bond.rs BondPortConfig.priority — only verified in active-backup, balance-tlb, balance-alb.
    if (priority !== undefined && mode !== undefined && !['active-backup', 'balance-tlb', 'balance-alb'].includes(mode)) {
      ctx.add('NMSTATE_BOND_OPTION_MODE', joinPath(cp, 'priority'), `bond ${show(i.name)} in mode ${mode}: ports-config priority of ${show(n)} has no effect (only active-backup, balance-tlb, balance-alb) and fails verification`, 'remove priority, or use a mode that supports it');
    }
    // BO3: bond.rs check_overlap_queue_id.
    const q = ctx.int(rec['queue-id'], joinPath(cp, 'queue-id'), 'queue-id', 'u16');
    if (q !== undefined && q !== 0) {
      const prev = qids.get(q);
      if (prev !== undefined) {
        ctx.add('NMSTATE_BOND_QUEUE_ID_SHARED', joinPath(cp, 'queue-id'), `ports ${show(prev)} and ${show(n)} of bond ${show(i.name)} share queue-id ${q}; the kernel allows each non-zero queue-id once`, 'give each port a different queue-id (or 0)');
      } else qids.set(q, n ?? '?');
    }
    return undefined;
  });
  // BO2: bond.rs validate_conflict_in_port_and_port_configs (sorted lists must match).
  if (ports !== undefined && cfg !== undefined && !portNames.includes(undefined) && !cfgNames.includes(undefined)) {
    const a = [...(portNames as string[])].sort();
    const b = [...(cfgNames as string[])].sort();
    if (a.length !== b.length || a.some((x, k) => x !== b[k])) {
      ctx.add('NMSTATE_BOND_PORTS_CONFIG_CONFLICT', joinPath(path, 'ports-config'), `bond ${show(i.name)}: ${portKey} ${show(a)} and ports-config ${show(b)} name different ports`, 'list the same ports in both, or drop port and keep ports-config');
    }
  }

  // options (snake_case kernel names, BondOptions deny_unknown_fields).
  const op = joinPath(path, 'options');
  const opts = ctx.record(la.options, op, 'link-aggregation.options');
  if (!opts) return;
  ctx.unknownKeys(opts, op, BOND_OPTION_KEYS, 'BondOptions');
  const val: Record<string, unknown> = {};
  for (const [k, values] of Object.entries(BOND_OPTION_ENUMS)) {
    const aliases = Object.fromEntries(values.map((v, n) => [String(n), v]));
    val[k] = ctx.enumOf(opts[k], joinPath(op, k), k, values, aliases);
  }
  for (const [k, kind] of Object.entries(BOND_OPTION_INTS)) val[k] = ctx.int(opts[k], joinPath(op, k), k, kind);
  for (const k of ['tlb_dynamic_lb', 'use_carrier']) ctx.bool(opts[k], joinPath(op, k), k);
  const slbKey = opts.balance_slb !== undefined ? 'balance_slb' : 'balance-slb';
  const slb = ctx.bool(opts[slbKey], joinPath(op, slbKey), 'balance_slb');
  const actor = ctx.string(opts.ad_actor_system, joinPath(op, 'ad_actor_system'), 'ad_actor_system');
  ctx.string(opts.primary, joinPath(op, 'primary'), 'primary');
  ctx.string(opts.arp_ip_target, joinPath(op, 'arp_ip_target'), 'arp_ip_target');

  // BO4: bond.rs BondOptions::validate_miimon_and_arp_interval.
  const miimon = val.miimon as number | undefined;
  const arp = val.arp_interval as number | undefined;
  if (miimon !== undefined && arp !== undefined && miimon > 0 && arp > 0) {
    ctx.add('NMSTATE_BOND_MIIMON_ARP_INTERVAL', joinPath(op, 'arp_interval'), `bond ${show(i.name)} sets miimon ${miimon} and arp_interval ${arp}; the two link monitors exclude each other`, 'keep either miimon or arp_interval (set the other to 0 or remove it)');
  }
  // BO5: bond.rs BondOptions::validate_ad_actor_system_mac_address.
  if (actor !== undefined && actor.toUpperCase().startsWith('01:00:5E')) {
    ctx.add('NMSTATE_BOND_AD_ACTOR_SYSTEM_MULTICAST', joinPath(op, 'ad_actor_system'), `bond ${show(i.name)} has ad_actor_system ${show(actor)}, an IANA multicast MAC (01:00:5E…)`, 'use a unicast MAC address for ad_actor_system');
  }
  // BO6: bond.rs BondOptions::validate_balance_slb (needs the mode; skipped when it comes from the node).
  if (slb === true && mode !== undefined && (mode !== 'balance-xor' || val.xmit_hash_policy !== 'vlan+srcmac')) {
    ctx.add('NMSTATE_BOND_BALANCE_SLB', joinPath(op, slbKey), `bond ${show(i.name)} enables balance_slb with mode ${mode} and xmit_hash_policy ${show(val.xmit_hash_policy)}; it needs mode balance-xor and xmit_hash_policy vlan+srcmac`, "set mode: balance-xor and xmit_hash_policy: 'vlan+srcmac', or remove balance_slb");
  }
  // BO7: bond.rs validate_mac_restricted_mode.
  if (mode === 'active-backup' && val.fail_over_mac === 'active' && i.raw['mac-address'] !== undefined && i.raw['mac-address'] !== null) {
    ctx.add('NMSTATE_BOND_MAC_WITH_FAIL_OVER_MAC', joinPath(i.path, 'mac-address'), `bond ${show(i.name)} sets mac-address ${show(i.raw['mac-address'])} with active-backup and fail_over_mac: active, where the bond takes the active port's MAC`, 'remove mac-address, or use fail_over_mac none/follow');
  }
  // Kernel per-mode option matrix (bonding.rst, bond_options.c unsuppmodes): warnings.
  if (mode !== undefined) {
    for (const [k, modes] of Object.entries(BOND_OPTION_MODES)) {
      if (opts[k] === undefined || opts[k] === null || modes.includes(mode)) continue;
      if (k === 'arp_interval' && !(arp !== undefined && arp > 0)) continue;
      ctx.add('NMSTATE_BOND_OPTION_MODE', joinPath(op, k), `bond ${show(i.name)} in mode ${mode} sets ${k}, which only applies to ${modes.join(', ')}; the kernel refuses or ignores it`, `remove ${k}, or use a mode where it applies`);
    }
  }
}

function validateMacVlan(st: State, i: Iface): void {
  const { ctx } = st;
  const path = joinPath(i.path, 'mac-vlan');
  const mv = ctx.record(i.raw['mac-vlan'], path, 'mac-vlan');
  if (!mv) return;
  ctx.unknownKeys(mv, path, MAC_VLAN_KEYS, 'MacVlanConfig');
  const base = ctx.string(mv['base-iface'], joinPath(path, 'base-iface'), 'mac-vlan.base-iface', true);
  if (base !== undefined) ctx.ifname(base, joinPath(path, 'base-iface'), 'mac-vlan.base-iface');
  if (mv.mode === undefined || mv.mode === null) ctx.string(mv.mode, joinPath(path, 'mode'), 'mac-vlan.mode', true);
  const mode = ctx.enumOf(mv.mode, joinPath(path, 'mode'), 'mac-vlan.mode', MAC_VLAN_MODES);
  const promKey = mv.promiscuous !== undefined ? 'promiscuous' : 'accept-all-mac';
  const prom = ctx.bool(mv[promKey], joinPath(path, promKey), `mac-vlan.${promKey}`);
  // mac_vlan.rs MacVlanInterface::sanitize: "Disable accept-all-mac-addresses(promiscuous) is only allowed on passthru mode".
  if (prom === false && mode !== undefined && mode !== 'passthru') {
    ctx.add('NMSTATE_MAC_VLAN_PROMISCUOUS', joinPath(path, promKey), `mac-vlan ${show(i.name)} sets ${promKey}: false in mode ${mode}; only passthru mode may disable it`, 'remove promiscuous: false, or use mode: passthru');
  }
}

function validateOvsBridge(st: State, i: Iface): void {
  const { ctx } = st;
  // ovs.rs OvsBridgeInterface::sanitize: "OVS Bridge … can not hold MAC address".
  const mac = i.raw['mac-address'];
  if (typeof mac === 'string' && mac !== '') {
    ctx.add('NMSTATE_OVS_BRIDGE_MAC_ADDRESS', joinPath(i.path, 'mac-address'), `ovs-bridge ${show(i.name)} sets mac-address ${show(mac)}; an OVS bridge cannot hold a MAC address`, 'set mac-address on the ovs-interface of the bridge instead');
  }
  const path = joinPath(i.path, 'bridge');
  const br = ctx.record(i.raw.bridge, path, 'bridge');
  if (!br) return;
  const portKey = br.port !== undefined ? 'port' : 'ports';
  const ports = ctx.list(br[portKey], joinPath(path, portKey), `bridge.${portKey}`);
  (ports ?? []).forEach((p, k) => {
    const pp = joinPath(path, portKey, k);
    const rec = ctx.record(p, pp, 'ovs bridge port');
    if (!rec) return;
    const name = ctx.string(rec.name, joinPath(pp, 'name'), 'port name', true);
    const la = ctx.record(rec['link-aggregation'], joinPath(pp, 'link-aggregation'), 'ovs bond');
    if (la) {
      // ovs.rs OvsBridgeBondMode: "Unsupported OVS Bond mode".
      ctx.enumOf(la.mode, joinPath(pp, 'link-aggregation', 'mode'), 'ovs bond mode', OVS_BOND_MODES);
      const bps = ctx.list(la.port, joinPath(pp, 'link-aggregation', 'port'), 'ovs bond ports');
      (bps ?? []).forEach((bp, m) => {
        const bpp = joinPath(pp, 'link-aggregation', 'port', m);
        const bprec = ctx.record(bp, bpp, 'ovs bond port');
        if (!bprec) return;
        const n = ctx.string(bprec.name, joinPath(bpp, 'name'), 'ovs bond port name', true);
        if (n !== undefined) ctx.ifname(n, joinPath(bpp, 'name'), 'ovs bond port name');
      });
    } else if (name !== undefined) ctx.ifname(name, joinPath(pp, 'name'), 'port name');
    if (rec.vlan !== undefined && rec.vlan !== null) validatePortVlan(st, i, name, rec.vlan, joinPath(pp, 'vlan'));
  });
}

/** Type-specific validation: one validator per typed kind; `other` types get base checks only. */
function validateKind(st: State, i: Iface): void {
  const kind = i.kind;
  switch (kind) {
    case InterfaceType.ETHERNET:
      return; // ethernet.rs: the only rule (NIC must exist) is node-dependent.
    case InterfaceType.VLAN:
      return validateVlan(st, i);
    case InterfaceType.LINUX_BRIDGE:
      return validateLinuxBridge(st, i);
    case InterfaceType.BOND:
      return validateBond(st, i);
    case InterfaceType.MAC_VLAN:
      return validateMacVlan(st, i);
    case InterfaceType.OVS_BRIDGE:
      return validateOvsBridge(st, i);
    case InterfaceType.OVS_INTERFACE:
      return; // ovs.rs OvsInterface::sanitize: patch/dpdk rules are not modelled yet.
    case 'other':
      return;
    default:
      return assertNever(kind);
  }
}

/** Reads the interface list into {@link Iface} records and runs the per-interface checks. */
function readInterfaces(st: State, list: unknown[]): void {
  const { ctx } = st;
  const seen = new Map<string, string>();
  list.forEach((v, k) => {
    const path = joinPath(st.base, 'interfaces', k);
    const raw = ctx.record(v, path, 'interface');
    if (!raw) return;
    const name = ctx.string(raw.name, joinPath(path, 'name'), 'name', true);
    let type: string | undefined;
    if (raw.type !== undefined && raw.type !== null && !isCaptureTemplate(raw.type)) {
      type = ctx.string(raw.type, joinPath(path, 'type'), 'type');
      // iface.rs Interface::deserialize: an unknown type string is logged and resolved from the node.
      if (type !== undefined && !KNOWN_INTERFACE_TYPES.includes(type)) {
        ctx.add('NMSTATE_INTERFACE_TYPE_UNKNOWN', joinPath(path, 'type'), `interface ${show(name)} has type ${show(type)}, which nmstate does not know; known: ${KNOWN_INTERFACE_TYPES.join(', ')}`, 'fix the type (e.g. linux-bridge, not linux_bridge), or omit it to use the type the interface has on the node');
      }
    }
    const state = raw.state === undefined || raw.state === null ? 'up' : ctx.enumOf(raw.state, joinPath(path, 'state'), 'state', IFACE_STATES);
    const kind: Kind = type !== undefined && TYPED_KINDS.includes(type) ? (type as InterfaceType) : 'other';
    const iface: Iface = { path, raw, name, type, kind, state };
    st.ifaces.push(iface);
    if (name !== undefined) {
      st.byName.set(name, [...(st.byName.get(name) ?? []), iface]);
      if (type !== 'ipsec') ctx.ifname(name, joinPath(path, 'name'), 'interface name');
      // inter_ifaces.rs Interfaces::push: kernel interfaces keyed by name, userspace by (name, type); the last wins.
      const key = isUserspaceType(type) ? `${name}\u0000${type}` : name;
      const prev = seen.get(key);
      if (prev !== undefined) {
        ctx.add('NMSTATE_DUPLICATE_INTERFACE', path, `interface ${show(name)} is listed again (first at ${prev}); nmstate keeps only the last entry`, 'merge the two entries into one');
      } else seen.set(key, path);
    }
    // iface.rs Interface::deserialize: "Ignore all properties except type if state: absent".
    if (state === 'absent') return;
    validateBase(st, iface);
    validateKind(st, iface);
  });
}

/** C1–C5, duplicate and absent ports, I8 (rust/src/lib/ifaces/inter_ifaces_controller.rs, base.rs). */
function validateControllers(st: State): void {
  const { ctx } = st;
  const upControllers = st.ifaces.filter((i) => isUp(i) && i.name !== undefined && portsOf(i) !== undefined);

  // C1 + duplicate ports: inter_ifaces_controller.rs check_overbook_ports / is_port_overbook.
  const owner = new Map<string, Iface>();
  for (const c of upControllers) {
    const mine = new Set<string>();
    for (const p of portsOf(c) ?? []) {
      if (p.name === undefined) continue;
      if (mine.has(p.name)) {
        ctx.add('NMSTATE_DUPLICATE_PORT', p.path, `port ${show(p.name)} is listed twice by ${c.type} ${show(c.name)}`, 'list each port once');
        continue;
      }
      mine.add(p.name);
      const prev = owner.get(p.name);
      if (prev !== undefined && prev !== c) {
        ctx.add('NMSTATE_PORT_OVERBOOKED', p.path, `port ${show(p.name)} is listed by ${c.type} ${show(c.name)} and by ${prev.type} ${show(prev.name)}; an interface has one controller`, `remove ${show(p.name)} from one of the two port lists`);
      } else owner.set(p.name, c);
      // multihome: the same state attaches and removes the port.
      const portIface = findKernel(st, p.name);
      if (portIface?.state === 'absent') {
        ctx.add('NMSTATE_PORT_ABSENT', p.path, `${c.type} ${show(c.name)} lists port ${show(p.name)}, which this state marks absent (${portIface.path})`, `remove ${show(p.name)} from the port list, or do not mark it absent`);
      }
    }
  }

  for (const p of st.ifaces) {
    if (p.name === undefined || !isUp(p)) continue;
    const ctrl = p.raw.controller;
    if (typeof ctrl !== 'string' || isCaptureTemplate(ctrl)) continue;
    const cpath = joinPath(p.path, 'controller');
    const listedBy = owner.get(p.name);
    if (ctrl !== '') {
      // C2/C3: validate_controller_not_in_port_list (user_ifaces (X, ovs-bridge) first, then kernel X).
      const x = find(st, ctrl, (i) => i.type === 'ovs-bridge') ?? findKernel(st, ctrl);
      if (x === undefined) {
        ctx.add('NMSTATE_CONTROLLER_NOT_FOUND', cpath, `interface ${show(p.name)} has controller ${show(ctrl)}, which is not in this state; nmstate fails unless ${show(ctrl)} exists on the node`, `add ${show(ctrl)} to the state with ${show(p.name)} in its port list, or fix the name`);
      } else {
        const ports = portsOf(x);
        if (ports !== undefined && !ports.some((q) => q.name === p.name || q.name === undefined)) {
          ctx.add('NMSTATE_CONTROLLER_NOT_LISTING_PORT', cpath, `interface ${show(p.name)} has controller ${show(ctrl)} but is not in the port list of ${show(ctrl)}`, `add ${show(p.name)} to the ports of ${show(ctrl)}, or remove controller`);
        }
      }
    }
    // C4/C5: validate_controller_in_other_port_list (kernel interfaces only).
    if (!isUserspaceType(p.type) && listedBy !== undefined && listedBy.name !== ctrl) {
      if (ctrl === '') {
        ctx.add('NMSTATE_CONTROLLER_DETACH_CONFLICT', cpath, `interface ${show(p.name)} sets controller: "" (detach) but is still a port of ${listedBy.type} ${show(listedBy.name)}`, `remove ${show(p.name)} from the ports of ${show(listedBy.name)}, or drop controller: ""`);
      } else {
        ctx.add('NMSTATE_CONTROLLER_CONFLICT', cpath, `interface ${show(p.name)} has controller ${show(ctrl)} but is a port of ${listedBy.type} ${show(listedBy.name)}`, `make controller and port list agree (controller: ${show(listedBy.name)}, or move the port)`);
      }
    }
  }

  // I8: base.rs validate_can_have_ip — ports of bridge/bond/ovs-bridge (not ovs-interface, not vrf) carry no IP.
  for (const p of st.ifaces) {
    if (p.name === undefined || !isUp(p) || p.type === 'ovs-interface') continue;
    const ctrlField = typeof p.raw.controller === 'string' && !isCaptureTemplate(p.raw.controller) ? p.raw.controller : undefined;
    if (ctrlField === '') continue;
    const ctrl = ctrlField !== undefined ? find(st, ctrlField, (i) => i.type === 'ovs-bridge') ?? findKernel(st, ctrlField) : owner.get(p.name);
    if (ctrl === undefined || ctrl.type === 'vrf' || !['linux-bridge', 'bond', 'ovs-bridge'].includes(ctrl.type ?? '')) continue;
    for (const fam of ['ipv4', 'ipv6'] as const) {
      const ip = p.raw[fam];
      if (!isRecord(ip) || isCaptureTemplate(ip.enabled)) continue;
      const en = ip.enabled;
      if (en === true || en === 1 || (typeof en === 'string' && TRUE_STRINGS.includes(en.toLowerCase()))) {
        ctx.add('NMSTATE_PORT_HAS_IP', joinPath(p.path, fam, 'enabled'), `interface ${show(p.name)} is a port of ${ctrl.type} ${show(ctrl.name)} and has ${fam} enabled; ports of a ${ctrl.type} cannot hold IP`, `set ${fam}: {enabled: false} on the port and put the address on ${show(ctrl.name)}`);
      }
    }
  }
}

/** V3: inter_ifaces.rs mark_orphan_interface_as_absent (an absent parent other than ethernet/veth). */
function validateParents(st: State): void {
  const parentKeys: Record<string, string> = { vlan: 'vlan', 'mac-vlan': 'mac-vlan', 'mac-vtap': 'mac-vtap', vxlan: 'vxlan', infiniband: 'infiniband', macsec: 'macsec' };
  for (const i of st.ifaces) {
    if (!isUp(i) || i.type === undefined || !(i.type in parentKeys)) continue;
    const block = i.raw[parentKeys[i.type]];
    if (!isRecord(block) || typeof block['base-iface'] !== 'string') continue;
    const parentName = block['base-iface'];
    const parent = findKernel(st, parentName);
    if (parent?.state === 'absent' && parent.type !== undefined && parent.type !== 'ethernet' && parent.type !== 'veth') {
      st.ctx.add('NMSTATE_PARENT_ABSENT', joinPath(i.path, parentKeys[i.type], 'base-iface'), `interface ${show(i.name)} is up but its parent ${show(parentName)} is marked absent in the same state`, `mark ${show(i.name)} absent too, or keep ${show(parentName)}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// routes, DNS, OVN
// ---------------------------------------------------------------------------------------------

/** Parses `ip` or `ip/prefix` as rust/src/lib/ip.rs sanitize_ip_network does; returns the family or an error text. */
function parseNetwork(s: string): { family: 4 | 6 } | { error: string } {
  const parts = s.split('/');
  if (parts.length > 2) return { error: "expecting 'ip/prefix' or 'ip'" };
  const family = ipFamily(parts[0]);
  if (family === undefined) return { error: `${show(parts[0])} is not an IP address` };
  if (parts.length === 2) {
    if (!/^\d+$/.test(parts[1])) return { error: `prefix length ${show(parts[1])} is not a number` };
    const max = family === 4 ? 32 : 128;
    if (Number(parts[1]) > max) return { error: `prefix length ${parts[1]} is larger than ${max}` };
  }
  return { family };
}

function validateRoutes(st: State, v: unknown): void {
  const { ctx } = st;
  const path = joinPath(st.base, 'routes');
  const routes = ctx.record(v, path, 'routes');
  if (!routes) return;
  ctx.unknownKeys(routes, path, ROUTES_KEYS, 'Routes');
  // `running` is query only and ignored when applying.
  const list = ctx.list(routes.config, joinPath(path, 'config'), 'routes.config');
  (list ?? []).forEach((r, k) => {
    const rp = joinPath(path, 'config', k);
    const rt = ctx.record(r, rp, 'route');
    if (!rt) return;
    ctx.unknownKeys(rt, rp, ROUTE_KEYS, 'RouteEntry');
    const absent = ctx.enumOf(rt.state, joinPath(rp, 'state'), 'route state', ['absent']) === 'absent';
    const dst = ctx.string(rt.destination, joinPath(rp, 'destination'), 'destination');
    const via = ctx.string(rt['next-hop-interface'], joinPath(rp, 'next-hop-interface'), 'next-hop-interface');
    const gw = ctx.string(rt['next-hop-address'], joinPath(rp, 'next-hop-address'), 'next-hop-address');
    const src = ctx.string(rt.source, joinPath(rp, 'source'), 'source');
    const type = ctx.enumOf(rt['route-type'], joinPath(rp, 'route-type'), 'route-type', ROUTE_TYPES);
    const typeGiven = rt['route-type'] !== undefined && rt['route-type'] !== null;
    ctx.int(rt.metric, joinPath(rp, 'metric'), 'metric', 'i64');
    ctx.int(rt['table-id'], joinPath(rp, 'table-id'), 'table-id', 'u32');
    const weight = ctx.int(rt.weight, joinPath(rp, 'weight'), 'weight', 'u16');
    const cwnd = ctx.int(rt.cwnd, joinPath(rp, 'cwnd'), 'cwnd', 'u32');
    const viaTemplate = isCaptureTemplate(rt['next-hop-interface']);
    const gwGiven = rt['next-hop-address'] !== undefined && rt['next-hop-address'] !== null;
    const desc = `route ${k} (${dst ?? 'no destination'}${via ? ` via ${via}` : ''})`;

    if (!absent) {
      // R4: route.rs Routes::validate — "A {type} Route cannot have a next hop".
      if (typeGiven && type !== undefined && ((via !== undefined && via !== 'lo') || gwGiven)) {
        ctx.add('NMSTATE_ROUTE_TYPE_WITH_NEXT_HOP', joinPath(rp, 'route-type'), `${desc} has route-type ${type} and a next hop (${[via !== undefined && via !== 'lo' ? `next-hop-interface ${show(via)}` : '', gwGiven ? `next-hop-address ${show(rt['next-hop-address'])}` : ''].filter(Boolean).join(', ')})`, 'remove next-hop-interface and next-hop-address from the route, or remove route-type');
      } else if (!typeGiven && via === undefined && !viaTemplate) {
        // R3: route.rs Routes::validate — "Route with empty next hop interface is not supported".
        ctx.add('NMSTATE_ROUTE_NEXT_HOP_INTERFACE_MISSING', joinPath(rp, 'next-hop-interface'), `${desc} has no next-hop-interface; nmstate does not support unicast routes without one`, 'set next-hop-interface to the interface the route leaves through');
      }
    }
    // Addresses: route.rs RouteEntry::sanitize / ip.rs sanitize_ip_network.
    let family: 4 | 6 | undefined;
    if (dst !== undefined && dst !== '') {
      const n = parseNetwork(dst);
      if ('error' in n) ctx.add('NMSTATE_ROUTE_ADDRESS_INVALID', joinPath(rp, 'destination'), `${desc}: destination ${show(dst)} is not a valid network: ${n.error}`, 'write the destination as 198.51.100.0/24 or 2001:db8::/64');
      else family = n.family;
    }
    for (const [val, key] of [[gw, 'next-hop-address'], [src, 'source']] as const) {
      if (val !== undefined && ipFamily(val) === undefined) {
        ctx.add('NMSTATE_ROUTE_ADDRESS_INVALID', joinPath(rp, key), `${desc}: ${key} ${show(val)} is not a valid IP address`, `set ${key} to an IPv4 or IPv6 address`);
      }
    }
    // R7: route.rs validate_route_dst — unicast into 0.0.0.0/8 (not /0–/7).
    if (dst !== undefined && family === 4 && !typeGiven && dst.split('.')[0] === '0') {
      const prefix = dst.includes('/') ? Number(dst.split('/')[1]) : 32;
      if (prefix >= 8) {
        ctx.add('NMSTATE_ROUTE_DESTINATION_ZERO_NET', joinPath(rp, 'destination'), `${desc}: destination ${show(dst)} lies in 0.0.0.0/8, which cannot be a unicast route destination`, 'use the default route 0.0.0.0/0, or the real destination network');
      }
    }
    // R5: route.rs RouteEntry::sanitize — weight 1–256, IPv4 only.
    if (weight !== undefined) {
      if (weight < 1 || weight > 256) {
        ctx.add('NMSTATE_ROUTE_WEIGHT', joinPath(rp, 'weight'), `${desc}: ECMP weight ${weight}; allowed 1–256`, 'set weight within 1–256');
      } else if (dst !== undefined && dst.includes(':')) {
        ctx.add('NMSTATE_ROUTE_WEIGHT', joinPath(rp, 'weight'), `${desc}: IPv6 ECMP routes with weight are not supported by nmstate`, 'remove weight from the IPv6 route');
      }
    }
    // R6: route.rs RouteEntry::sanitize — "The value of 'cwnd' cannot be 0".
    if (cwnd === 0) ctx.add('NMSTATE_ROUTE_CWND_ZERO', joinPath(rp, 'cwnd'), `${desc}: cwnd is 0`, 'remove cwnd or set it to a positive value');

    // R1/R2: route.rs MergedRoutes::new (next hop interface absent / family disabled in this state).
    if (!absent && via !== undefined) {
      const iface = findKernel(st, via);
      if (iface?.state === 'absent') {
        ctx.add('NMSTATE_ROUTE_NEXT_HOP_ABSENT', joinPath(rp, 'next-hop-interface'), `${desc}: next-hop-interface ${show(via)} is marked absent in this state`, 'remove the route (or mark it absent), or keep the interface');
      } else if (iface !== undefined) {
        const fam = dst !== undefined && dst.includes(':') ? 'ipv6' : 'ipv4';
        const ip = iface.raw[fam];
        if (isRecord(ip) && (ip.enabled === false || ip.enabled === 0 || (typeof ip.enabled === 'string' && FALSE_STRINGS.includes(ip.enabled.toLowerCase())))) {
          ctx.add('NMSTATE_ROUTE_NEXT_HOP_FAMILY_DISABLED', joinPath(rp, 'next-hop-interface'), `${desc}: next-hop-interface ${show(via)} has ${fam} disabled (${iface.path})`, `enable ${fam} on ${show(via)}, or route through another interface`);
        }
      }
    }
  });
}

function validateDns(st: State, v: unknown): void {
  const { ctx } = st;
  const path = joinPath(st.base, 'dns-resolver');
  const dns = ctx.record(v, path, 'dns-resolver');
  if (!dns) return;
  const stateAbsent = (obj: Rec, p: string): void => {
    if (obj.state !== undefined) {
      ctx.add('NMSTATE_DNS_STATE_ABSENT', joinPath(p, 'state'), `${joinPath(p, 'state')} is ${show(obj.state)}; dns-resolver has no state field`, 'remove DNS settings with config: {} (or empty server/search lists) instead');
    }
  };
  stateAbsent(dns, path);
  ctx.unknownKeys(Object.fromEntries(Object.entries(dns).filter(([k]) => k !== 'state')), path, DNS_KEYS, 'DnsState');
  const cp = joinPath(path, 'config');
  const cfg = ctx.record(dns.config, cp, 'dns-resolver.config');
  if (!cfg) return;
  stateAbsent(cfg, cp);
  ctx.unknownKeys(Object.fromEntries(Object.entries(cfg).filter(([k]) => k !== 'state')), cp, DNS_CONFIG_KEYS, 'DnsClientState');
  const servers = ctx.list(cfg.server, joinPath(cp, 'server'), 'dns server');
  (servers ?? []).forEach((s, k) => {
    const sp = joinPath(cp, 'server', k);
    const srv = ctx.string(s, sp, 'dns server');
    if (srv === undefined) return;
    // dns.rs DnsClientState::sanitize: "Invalid DNS server string" (an IPv6 with %scope is not checked).
    const ok = srv.includes(':') ? srv.split('%').length === 2 || ipFamily(srv) === 6 : ipaddr.IPv4.isValidFourPartDecimal(srv);
    if (!ok) ctx.add('NMSTATE_DNS_SERVER_INVALID', sp, `DNS server ${show(srv)} is not an IPv4 or IPv6 address`, 'give name servers as IP addresses, e.g. 192.0.2.53 or 2001:db8::53');
  });
  (ctx.list(cfg.search, joinPath(cp, 'search'), 'dns search') ?? []).forEach((s, k) => ctx.string(s, joinPath(cp, 'search', k), 'dns search domain'));
  const options = ctx.list(cfg.options, joinPath(cp, 'options'), 'dns options');
  (options ?? []).forEach((o, k) => {
    const op = joinPath(cp, 'options', k);
    const opt = ctx.string(o, op, 'dns option');
    if (opt === undefined) return;
    // dns.rs DnsClientState::sanitize: SUPPORTED_DNS_OPTS_NO_VALUE / SUPPORTED_DNS_OPTS_WITH_VALUE.
    const i = opt.indexOf(':');
    const ok = i >= 0 ? DNS_OPTS_WITH_VALUE.includes(opt.slice(0, i)) : DNS_OPTS_NO_VALUE.includes(opt);
    if (!ok) ctx.add('NMSTATE_DNS_OPTION_UNSUPPORTED', op, `DNS option ${show(opt)} is not supported; allowed: ${DNS_OPTS_NO_VALUE.join(', ')}, and with a value: ${DNS_OPTS_WITH_VALUE.map((x) => `${x}:n`).join(', ')}`, 'remove the option or use a supported one');
  });
}

function validateOvn(st: State, v: unknown): void {
  const { ctx } = st;
  const path = joinPath(st.base, 'ovn');
  const ovn = ctx.record(v, path, 'ovn');
  if (!ovn) return;
  ctx.unknownKeys(ovn, path, ['bridge-mappings'], 'OvnConfiguration');
  const maps = ctx.list(ovn['bridge-mappings'], joinPath(path, 'bridge-mappings'), 'ovn.bridge-mappings');
  const seen = new Map<string, string>();
  (maps ?? []).forEach((m, k) => {
    const mp = joinPath(path, 'bridge-mappings', k);
    const rec = ctx.record(m, mp, 'bridge mapping');
    if (!rec) return;
    const localnet = ctx.string(rec.localnet, joinPath(mp, 'localnet'), 'localnet', true);
    const bridge = ctx.string(rec.bridge, joinPath(mp, 'bridge'), 'bridge');
    const state = ctx.enumOf(rec.state, joinPath(mp, 'state'), 'bridge mapping state', OVN_MAPPING_STATES);
    if (localnet !== undefined) {
      // ovn.rs OvnConfiguration::sanitize_unique_localnet_keys: "Found duplicate `localnet` key".
      const prev = seen.get(localnet);
      if (prev !== undefined) ctx.add('NMSTATE_OVN_DUPLICATE_LOCALNET', joinPath(mp, 'localnet'), `localnet ${show(localnet)} is mapped twice (first at ${prev})`, 'keep one mapping per localnet');
      else seen.set(localnet, mp);
    }
    // ovn.rs OvnBridgeMapping::sanitize: "mapping for `localnet` key … missing the `bridge` attribute".
    if (state !== 'absent' && (rec.bridge === undefined || rec.bridge === null)) {
      ctx.add('NMSTATE_OVN_MAPPING_BRIDGE_MISSING', joinPath(mp, 'bridge'), `bridge mapping for localnet ${show(rec.localnet)} has no bridge`, 'set bridge to the OVS bridge of the localnet, or state: absent to remove the mapping');
    } else if (bridge !== undefined) ctx.ifname(bridge, joinPath(mp, 'bridge'), 'bridge');
  });
}

// ---------------------------------------------------------------------------------------------
// entry points
// ---------------------------------------------------------------------------------------------

/**
 * Validates an nmstate desired state the way nmstate would at apply time, adding every problem to
 * `sink` (paths start at `base`). Interfaces of types this model does not type are checked for
 * their base fields only; values that are nmpolicy capture templates are skipped.
 */
export function validateDesiredState(state: unknown, sink: ProblemSink, base = 'spec.desiredState'): void {
  const ctx = new Ctx(sink);
  const root = ctx.record(state, base, 'desiredState');
  if (!root) return;
  const st: State = { ctx, base, ifaces: [], byName: new Map() };
  const list = ctx.list(root.interfaces, joinPath(base, 'interfaces'), 'interfaces');
  if (list) readInterfaces(st, list);
  validateParents(st);
  validateControllers(st);
  if (root.routes !== undefined) validateRoutes(st, root.routes);
  if (root['dns-resolver'] !== undefined) validateDns(st, root['dns-resolver']);
  if (root.ovn !== undefined) validateOvn(st, root.ovn);
}

/** API versions of nmstate.io the NNCP CRD serves or served (only v1 is the storage version). */
const OLD_API_VERSIONS = ['nmstate.io/v1beta1', 'nmstate.io/v1alpha1'];

// k8s.io/apimachinery validation IsQualifiedName (the CRD's `format.qualifiedName()` CEL rule).
const QNAME_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Returns why `key` is not a Kubernetes qualified name, or undefined. */
function qualifiedNameError(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return 'has more than one "/"';
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    const prefix = parts[0];
    if (prefix.length === 0 || prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)) return `has prefix ${show(prefix)}, which is not a DNS subdomain`;
  }
  if (name.length === 0 || name.length > 63) return 'has a name part that is empty or longer than 63 characters';
  if (!QNAME_NAME.test(name)) return `has name part ${show(name)}, which must be alphanumerics, "-", "_" or "." and start and end with an alphanumeric`;
  return undefined;
}

/**
 * Checks the NNCP envelope (everything but the desired state's content): kind, apiVersion,
 * metadata.name, spec, nodeSelector, maxUnavailable, capture. Returns the spec's desiredState
 * when the envelope is usable. Shared by {@link validateNncp} and `parseNncp`.
 */
export function checkNncpEnvelope(obj: unknown, sink: ProblemSink): { desiredState?: Rec } {
  const ctx = new Ctx(sink);
  if (!isRecord(obj)) {
    ctx.add('NMSTATE_NNCP_SHAPE', '', `the manifest must be a mapping, got ${show(obj)}`, 'give one NodeNetworkConfigurationPolicy object');
    return {};
  }
  // kubernetes-nmstate CRD: group nmstate.io, versions v1 (storage) and v1beta1.
  if (obj.kind !== API.nncp.kind) {
    ctx.add('NMSTATE_NNCP_SHAPE', 'kind', `kind is ${show(obj.kind)}; expected ${API.nncp.kind}`, `set kind: ${API.nncp.kind}`);
  }
  if (typeof obj.apiVersion === 'string' && OLD_API_VERSIONS.includes(obj.apiVersion)) {
    ctx.add('NMSTATE_NNCP_API_VERSION', 'apiVersion', `apiVersion is ${obj.apiVersion}; current clusters store ${API.nncp.apiVersion}${obj.apiVersion.endsWith('v1alpha1') ? ' and no longer serve v1alpha1' : ''}`, `set apiVersion: ${API.nncp.apiVersion}`);
  } else if (obj.apiVersion !== API.nncp.apiVersion) {
    ctx.add('NMSTATE_NNCP_SHAPE', 'apiVersion', `apiVersion is ${show(obj.apiVersion)}; expected ${API.nncp.apiVersion}`, `set apiVersion: ${API.nncp.apiVersion}`);
  }
  const meta = obj.metadata;
  if (!isRecord(meta) || typeof meta.name !== 'string' || meta.name === '') {
    ctx.add('NMSTATE_NNCP_SHAPE', 'metadata.name', `metadata.name is ${show(isRecord(meta) ? meta.name : undefined)}; an NNCP needs a name`, 'set metadata.name (the policy is cluster-scoped, so the name must be unique in the cluster)');
  }
  if (!isRecord(obj.spec)) {
    ctx.add('NMSTATE_NNCP_SHAPE', 'spec', `spec is ${show(obj.spec)}; an NNCP needs a spec with a desiredState`, 'add spec.desiredState');
    return {};
  }
  const spec = obj.spec;

  // nodeSelector: map[string]string, maxProperties 256, keys must be qualified names (CRD CEL rule).
  const ns = spec.nodeSelector;
  if (ns === undefined || ns === null || (isRecord(ns) && Object.keys(ns).length === 0)) {
    ctx.add('NMSTATE_NNCP_NO_NODE_SELECTOR', 'spec.nodeSelector', 'spec.nodeSelector is empty: the policy applies to every node running the nmstate handler, control-plane nodes included', 'select the nodes, e.g. nodeSelector: {node-role.kubernetes.io/worker: ""}');
  } else if (!isRecord(ns)) {
    ctx.add('NMSTATE_NODE_SELECTOR_INVALID', 'spec.nodeSelector', `spec.nodeSelector must be a map of label key to value, got ${show(ns)} (matchLabels/matchExpressions are not supported)`, 'write nodeSelector as {label-key: "value", ...}');
  } else {
    const keys = Object.keys(ns);
    if (keys.length > 256) ctx.add('NMSTATE_NODE_SELECTOR_INVALID', 'spec.nodeSelector', `spec.nodeSelector has ${keys.length} labels; at most 256 are allowed`, 'select with fewer labels');
    for (const k of keys) {
      const p = joinPath('spec.nodeSelector', k);
      const err = qualifiedNameError(k);
      if (err) ctx.add('NMSTATE_NODE_SELECTOR_INVALID', p, `nodeSelector key ${show(k)} ${err}`, 'use a label key such as kubernetes.io/hostname or node-role.kubernetes.io/worker');
      if (typeof ns[k] !== 'string') ctx.add('NMSTATE_NODE_SELECTOR_INVALID', p, `nodeSelector value of ${show(k)} must be a string, got ${show(ns[k])}`, 'quote the label value (e.g. "" or "true")');
    }
  }

  // maxUnavailable: IntOrString; strings must be "N%" (pkg/node/nodes.go → intstr.GetScaledValueFromIntOrPercent).
  const mu = spec.maxUnavailable;
  if (mu !== undefined && mu !== null) {
    const ok = (typeof mu === 'number' && Number.isInteger(mu)) || (typeof mu === 'string' && /^-?\d+%$/.test(mu));
    if (!ok) ctx.add('NMSTATE_MAX_UNAVAILABLE_INVALID', 'spec.maxUnavailable', `spec.maxUnavailable is ${show(mu)}; allowed: an integer (nodes) or a percentage string like "50%"`, 'write maxUnavailable as 2 or "25%"');
  }

  // capture: map[string]string of nmpolicy expressions.
  const cap = spec.capture;
  if (cap !== undefined && cap !== null) {
    if (!isRecord(cap)) ctx.add('NMSTATE_NNCP_SHAPE', 'spec.capture', `spec.capture must be a map of name to nmpolicy expression, got ${show(cap)}`, 'write capture as {name: "expression", ...}');
    else for (const [k, e] of Object.entries(cap)) if (typeof e !== 'string') ctx.add('NMSTATE_NNCP_SHAPE', joinPath('spec.capture', k), `capture ${show(k)} must be a string expression, got ${show(e)}`, 'quote the nmpolicy expression');
  }

  if (!isRecord(spec.desiredState)) {
    ctx.add('NMSTATE_NNCP_SHAPE', 'spec.desiredState', `spec.desiredState is ${show(spec.desiredState)}; it must be a mapping (an nmstate state)`, 'set spec.desiredState to the nmstate state to apply');
    return {};
  }
  return { desiredState: spec.desiredState };
}

/** The resource reference of an NNCP manifest (kind + metadata.name), overridable by the caller. */
export function nncpResource(obj: unknown, resource?: Partial<ResourceRef>): ResourceRef {
  const name = isRecord(obj) && isRecord(obj.metadata) && typeof obj.metadata.name === 'string' ? obj.metadata.name : undefined;
  return { kind: API.nncp.kind, ...(name !== undefined ? { name } : {}), ...resource };
}

/**
 * Validates a whole NodeNetworkConfigurationPolicy manifest: the envelope (kubernetes-nmstate
 * CRD and handler) and its desired state (nmstate). Returns every problem (errors and warnings)
 * at once; paths start at the manifest root (`spec.desiredState.interfaces[1].vlan.id`).
 */
export function validateNncp(obj: unknown, resource?: Partial<ResourceRef>): Problem[] {
  const sink = new ProblemSink(nncpResource(obj, resource), NMSTATE_CODES);
  const { desiredState } = checkNncpEnvelope(obj, sink);
  if (desiredState !== undefined) validateDesiredState(desiredState, sink, 'spec.desiredState');
  return sink.problems;
}

/** Creates a {@link ProblemSink} for the nmstate area (codes from {@link NMSTATE_CODES}). */
export function nmstateSink(resource: ResourceRef): ProblemSink {
  return new ProblemSink(resource, NMSTATE_CODES);
}

