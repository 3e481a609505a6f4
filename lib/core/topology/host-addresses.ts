/**
 * Host addresses per node ({@link HostAddresses}): which form a family uses, which nodes get a
 * per-node policy, and the deterministic allocation of a pool over a node group's `nodes`. Shared
 * by the renderer (render-nncp.ts) and the intent rules (rules/intent-host-addresses.ts), so both
 * see the same addresses.
 */
import { bigIntToIp, Cidr as ParsedCidr, cidrContains, ipToBigInt, networkAddress, parseCidr, parseIp } from '../cni';
import type { AddressPool, Cidr, HostAddresses, HostIpSpec, PerNodeAddresses } from './model';
import { HOSTNAME_LABEL, Selector } from './rules/selectors';

/** The two address families of a {@link HostIpSpec}. */
export const HOST_FAMILIES: readonly ['ipv4', 'ipv6'] = ['ipv4', 'ipv6'];

/** True for the plain list form (the same addresses on every selected node). */
export function isAddressList(a: HostAddresses | undefined): a is readonly Cidr[] {
  return Array.isArray(a);
}

/** True for the explicit node → addresses form. */
export function isPerNodeMap(a: HostAddresses | undefined): a is PerNodeAddresses {
  return a !== undefined && !Array.isArray(a) && typeof a === 'object' && 'perNode' in a;
}

/** True for the pool form. */
export function isAddressPool(a: HostAddresses | undefined): a is AddressPool {
  return a !== undefined && !Array.isArray(a) && typeof a === 'object' && 'pool' in a && !('perNode' in a);
}

/** True when `ip` asks for any host address or DHCP (a list, a per-node map or a pool in either family). */
export function hasHostIp(ip: HostIpSpec | undefined): boolean {
  if (!ip) return false;
  const given = (a: HostAddresses | undefined) => a !== undefined && (!isAddressList(a) || a.length > 0);
  return given(ip.ipv4) || given(ip.ipv6) || ip.dhcp4 === true || ip.dhcp6 === true;
}

/** True for a family given per node (a map or a pool): per-node policies set it. */
export function isPerNodeForm(a: HostAddresses | undefined): boolean {
  return a !== undefined && !isAddressList(a);
}

/** True when a family of `ip` is given per node (a map or a pool). */
export function hasPerNodeAddresses(ip: HostIpSpec | undefined): boolean {
  return ip !== undefined && (isPerNodeForm(ip.ipv4) || isPerNodeForm(ip.ipv6));
}

/**
 * The nodes that get per-node policies: the group's `nodes` in their listed order, only the pinned
 * one when the policy's selector names a `kubernetes.io/hostname`.
 */
export function perNodeTargets(nodes: readonly string[] | undefined, selector: Selector): string[] {
  const pinned = selector[HOSTNAME_LABEL];
  const all = nodes ?? [];
  return pinned === undefined ? [...all] : all.filter((n) => n === pinned);
}

/** Why a pool hands out nothing, at its `pool` or `start` field. */
export interface PoolError {
  readonly field: 'pool' | 'start';
  /** `invalid`: not parseable (TOPOLOGY_ADDRESS_INVALID); `outside`: start not in the pool; `reserved`: start is the network or broadcast address. */
  readonly kind: 'invalid' | 'outside' | 'reserved';
}

/** The allocation of a pool over a list of nodes. */
export interface PoolAllocation {
  /** Address (CIDR with the pool's prefix) of each node by index; undefined once the pool is exhausted. */
  readonly addresses: ReadonlyArray<Cidr | undefined>;
  /** Set when the pool or start is unusable (then no node gets an address). */
  readonly error?: PoolError;
  /** The last address the pool may hand out (for messages). */
  readonly last?: string;
}

/**
 * The first and last address a pool may hand out: the network address is never used (IPv4: the
 * network address, IPv6: the subnet-router anycast address, RFC 4291 §2.6.1), nor the IPv4
 * broadcast address; /31 and /32 (and IPv6 /127, /128) have no reserved addresses (RFC 3021).
 */
function usableRange(c: ParsedCidr): { first: bigint; last: bigint } {
  const v6 = c.ip.kind() === 'ipv6';
  const bits = v6 ? 128 : 32;
  const net = ipToBigInt(networkAddress(c));
  const size = 1n << BigInt(bits - c.prefix);
  const top = net + size - 1n;
  if (bits - c.prefix <= 1) return { first: net, last: top };
  return { first: net + 1n, last: v6 ? top : top - 1n };
}

/** Allocates `pool` over `count` nodes: node i gets start + i, with the pool's prefix length. */
export function allocatePool(pool: AddressPool, count: number): PoolAllocation {
  const c = parseCidr(pool.pool);
  if (!c) return { addresses: [], error: { field: 'pool', kind: 'invalid' } };
  const { first, last } = usableRange(c);
  let start = first;
  if (pool.start !== undefined) {
    const s = parseIp(pool.start);
    if (!s || s.kind() !== c.ip.kind()) return { addresses: [], error: { field: 'start', kind: 'invalid' } };
    if (!cidrContains(c, s)) return { addresses: [], error: { field: 'start', kind: 'outside' } };
    start = ipToBigInt(s);
    if (start < first || start > last) return { addresses: [], error: { field: 'start', kind: 'reserved' } };
  }
  const addresses: Array<Cidr | undefined> = [];
  for (let i = 0; i < count; i++) {
    const v = start + BigInt(i);
    addresses.push(v > last ? undefined : `${bigIntToIp(v, c.ip.kind()).toString()}/${c.prefix}`);
  }
  return { addresses, last: bigIntToIp(last, c.ip.kind()).toString() };
}

/** The addresses node `node` gets from a per-node form (none for the list form or an unknown node). */
export function nodeAddresses(a: HostAddresses | undefined, nodes: readonly string[], node: string): Cidr[] {
  if (isPerNodeMap(a)) {
    const v = Object.prototype.hasOwnProperty.call(a.perNode, node) ? a.perNode[node] : undefined;
    return v === undefined ? [] : typeof v === 'string' ? [v] : [...v];
  }
  if (isAddressPool(a)) {
    const i = nodes.indexOf(node);
    const got = i < 0 ? undefined : allocatePool(a, i + 1).addresses[i];
    return got === undefined ? [] : [got];
  }
  return [];
}
