/**
 * `currentState.interfaces` of a NodeNetworkState from a {@link HostState}, as nmstate's kernel
 * reader (nispor) reports them. Followed, in nmstate/nmstate (mirror HEAD 614c66dc):
 * - rust/src/lib/nispor/base_iface.rs — kernel kind → type, state up/down, upper-case MAC,
 *   permanent MAC (a bond port's `perm_hwaddr`), mtu, min-mtu, max-mtu, controller;
 * - rust/src/lib/nispor/show.rs — a `veth` is reported with type `veth`;
 * - rust/src/lib/nispor/ip.rs — a family is `enabled` when it has an address (IPv6 link-local
 *   included); an address of finite lifetime sets `dhcp` (IPv4) / `autoconf` (IPv6);
 * - rust/src/lib/nispor/linux_bridge.rs — bridge options and ports; port `vlan` only with VLAN
 *   filtering, from linux_bridge_port_vlan.rs;
 * - rust/src/lib/nispor/bond.rs — bond mode and options, ports;
 * - rust/src/lib/nispor/vlan.rs — base-iface, id, protocol (`802.1q`/`802.1ad`).
 * Interfaces are sorted by name and ports by name (nmstate's own order is not promised).
 */
import { BOND_OPTIONS } from '../core/host-intent/normalize';
import { portVlanOf, NnsPortVlan } from './nns-port-vlan';
import type { CurrentLink, HostState } from './state';

/** One address of `ipv4.address` / `ipv6.address`. */
export interface NnsAddress {
  readonly ip: string;
  readonly 'prefix-length': number;
}

/** `ipv4` / `ipv6` of an interface; `{enabled: false}` alone when the family has no address. */
export interface NnsIp {
  readonly enabled: boolean;
  readonly address?: readonly NnsAddress[];
  readonly dhcp?: boolean;
  readonly autoconf?: boolean;
}

/** One interface of `currentState.interfaces`. */
export interface NnsInterface {
  readonly name: string;
  readonly type: string;
  readonly state: 'up' | 'down';
  readonly 'mac-address'?: string;
  readonly 'permanent-mac-address'?: string;
  readonly mtu: number;
  readonly 'min-mtu'?: number;
  readonly 'max-mtu'?: number;
  readonly controller?: string;
  readonly ipv4: NnsIp;
  readonly ipv6: NnsIp;
  readonly bridge?: { readonly options: Readonly<Record<string, unknown>>; readonly port: ReadonlyArray<{ readonly name: string; readonly vlan?: NnsPortVlan }> };
  readonly 'link-aggregation'?: { readonly mode: string; readonly options: Readonly<Record<string, unknown>>; readonly port: readonly string[] };
  readonly vlan?: { readonly 'base-iface': string; readonly id: number; readonly protocol?: string };
}

/** Kernel `info_kind` → nmstate type (base_iface.rs `np_iface_type_to_nmstate`). */
const TYPE_OF_KIND: Readonly<Record<string, string>> = {
  bond: 'bond', bridge: 'linux-bridge', dummy: 'dummy', hsr: 'hsr', macsec: 'macsec', macvlan: 'mac-vlan', macvtap: 'mac-vtap',
  openvswitch: 'ovs-interface', veth: 'veth', vlan: 'vlan', vrf: 'vrf', vxlan: 'vxlan', ipoib: 'infiniband', tun: 'tun', xfrm: 'xfrm', ipvlan: 'ipvlan',
};

/** Bond modes nmstate prints (bond.rs); the kernel's names are the same. */
const BOND_MODES = new Set(['balance-rr', 'active-backup', 'balance-xor', 'broadcast', '802.3ad', 'balance-tlb', 'balance-alb']);

/** Kernel bridge times are in USER_HZ (1/100 s); nmstate prints seconds (linux_bridge.rs `devide_by_user_hz`). */
const USER_HZ = 100;

/** nmstate's type of a link: its kernel kind; without one, `loopback` or `ethernet` by link type; else `unknown`. */
export function nmstateTypeOf(l: CurrentLink): string {
  if (l.kind) return TYPE_OF_KIND[l.kind] ?? 'unknown';
  const linkType = l.details?.linkType ?? 'ether';
  return linkType === 'loopback' ? 'loopback' : linkType === 'ether' ? 'ethernet' : 'unknown';
}

/** `currentState.interfaces` of a host state. */
export function nmstateInterfacesOf(state: HostState): NnsInterface[] {
  const links = [...state.links.values()].sort((a, b) => cmp(a.name, b.name));
  const portsOf = (controller: string) => links.filter((l) => l.master === controller).map((l) => l.name);
  return links.map((l) => {
    const type = nmstateTypeOf(l);
    const d = l.details;
    const iface: NnsInterface = {
      name: l.name,
      type,
      state: l.up ? 'up' : 'down',
      ...(l.mac ? { 'mac-address': l.mac.toUpperCase() } : {}),
      ...(d?.permanentMac ? { 'permanent-mac-address': d.permanentMac.toUpperCase() } : {}),
      mtu: l.mtu,
      ...(d?.minMtu !== undefined ? { 'min-mtu': d.minMtu } : {}),
      ...(d?.maxMtu !== undefined ? { 'max-mtu': d.maxMtu } : {}),
      ...(l.master ? { controller: l.master } : {}),
      ipv4: ipOf(l.addresses[4], { dhcp: d?.dynamic[4] ?? false }),
      ipv6: ipOf([...l.addresses[6], ...(d?.linkLocal6 ?? [])], { dhcp: false, autoconf: d?.dynamic[6] ?? false }),
    };
    if (type === 'linux-bridge') return { ...iface, bridge: bridgeOf(l, portsOf(l.name), state) };
    if (type === 'bond') return { ...iface, 'link-aggregation': bondOf(l, portsOf(l.name)) };
    if (type === 'vlan' && l.vlan) return { ...iface, vlan: { 'base-iface': l.vlan.base, id: l.vlan.id, ...(l.vlan.protocol ? { protocol: l.vlan.protocol.toLowerCase() } : {}) } };
    return iface;
  });
}

function ipOf(cidrs: readonly string[], flags: { dhcp: boolean; autoconf?: boolean }): NnsIp {
  if (!cidrs.length) return { enabled: false };
  const address = cidrs.map((c) => {
    const slash = c.lastIndexOf('/');
    return { ip: c.slice(0, slash), 'prefix-length': Number(c.slice(slash + 1)) };
  });
  return { enabled: true, address, ...flags };
}

function bridgeOf(l: CurrentLink, ports: readonly string[], state: HostState): NonNullable<NnsInterface['bridge']> {
  const a = l.bridge ?? {};
  const num = (k: string) => (typeof a[k] === 'number' ? (a[k] as number) : typeof a[k] === 'string' && a[k] !== '' && !isNaN(Number(a[k])) ? Number(a[k]) : undefined);
  const stpState = num('stp_state');
  const seconds = (k: string) => (num(k) !== undefined ? Math.floor(num(k)! / USER_HZ) : undefined);
  const stp = { enabled: stpState === 1 || stpState === 2, ...defined({ 'forward-delay': seconds('forward_delay'), 'hello-time': seconds('hello_time'), 'max-age': seconds('max_age'), priority: num('priority') }) };
  const options = {
    stp,
    ...defined({
      'mac-ageing-time': seconds('ageing_time'),
      'group-forward-mask': num('group_fwd_mask'),
      'multicast-snooping': num('mcast_snooping') !== undefined ? num('mcast_snooping') === 1 : undefined,
      'vlan-protocol': typeof a.vlan_protocol === 'string' ? a.vlan_protocol.toLowerCase() : undefined,
      'vlan-default-pvid': num('vlan_default_pvid'),
    }),
  };
  const filtering = num('vlan_filtering') === 1;
  const pvid = num('vlan_default_pvid') ?? 1;
  const port = ports.map((name) => {
    const entries = filtering ? state.bridgeVlans?.get(name) : undefined;
    const vlan = entries ? portVlanOf(entries, pvid) : undefined;
    return { name, ...(vlan ? { vlan } : {}) };
  });
  return { options, port };
}

function bondOf(l: CurrentLink, ports: readonly string[]): NonNullable<NnsInterface['link-aggregation']> {
  const a = l.bond ?? {};
  const mode = typeof a.mode === 'string' && BOND_MODES.has(a.mode) ? a.mode : 'unknown';
  const options: Record<string, unknown> = {};
  for (const [name, kernel] of Object.entries(BOND_OPTIONS).sort(([x], [y]) => cmp(x, y))) {
    const v = a[kernel];
    if (v === null || v === undefined || v === '') continue;
    if (name === 'use_carrier') options[name] = Number(v) === 1;
    else if (name === 'all_slaves_active') options[name] = Number(v) === 1 ? 'delivered' : 'dropped';
    else if (typeof v === 'number' || typeof v === 'string') options[name] = v;
  }
  return { mode, options, port: [...ports] };
}

/** The entries whose value is not undefined. */
function defined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
