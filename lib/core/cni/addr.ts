import * as ipaddr from 'ipaddr.js';

/**
 * Address helpers with Go `net.ParseIP` / `net.ParseCIDR` strictness (dotted-quad IPv4 only, no
 * zone, decimal prefix), on top of ipaddr.js. The CNI plugins and IPAMs parse with those Go
 * functions, so anything they would reject must be rejected here too.
 */

/** A parsed IP address. */
export type Ip = ipaddr.IPv4 | ipaddr.IPv6;

/** A parsed CIDR: the address as written (host bits kept) and the prefix length. */
export interface Cidr {
  readonly ip: Ip;
  readonly prefix: number;
}

/** Parses an IP like Go's `net.ParseIP`; undefined when invalid. */
export function parseIp(s: unknown): Ip | undefined {
  if (typeof s !== 'string' || s.trim() !== s || s === '') return undefined;
  if (s.includes(':')) {
    if (s.includes('%') || !ipaddr.IPv6.isValid(s)) return undefined;
    return ipaddr.IPv6.parse(s);
  }
  return ipaddr.IPv4.isValidFourPartDecimal(s) ? ipaddr.IPv4.parse(s) : undefined;
}

/** Parses `<ip>/<prefix>` like Go's `net.ParseCIDR`; undefined when invalid. */
export function parseCidr(s: unknown): Cidr | undefined {
  if (typeof s !== 'string') return undefined;
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIp(s.slice(0, slash));
  const p = s.slice(slash + 1);
  if (!ip || !/^[0-9]{1,3}$/.test(p)) return undefined;
  const prefix = Number(p);
  if (prefix > (ip.kind() === 'ipv4' ? 32 : 128)) return undefined;
  return { ip, prefix };
}

function bytes(ip: Ip): number[] {
  return ip.toByteArray();
}

/** Compares two addresses of the same family (negative, 0, positive); NaN for different families. */
export function compareIps(a: Ip, b: Ip): number {
  if (a.kind() !== b.kind()) return NaN;
  const x = bytes(a);
  const y = bytes(b);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/** True when `ip` lies inside `net` (same family). */
export function cidrContains(net: Cidr, ip: Ip): boolean {
  if (net.ip.kind() !== ip.kind()) return false;
  return (ip as ipaddr.IPv4).match(net.ip as ipaddr.IPv4, net.prefix);
}

/** True when `inner` lies entirely inside `outer`. */
export function cidrContainsCidr(outer: Cidr, inner: Cidr): boolean {
  return inner.prefix >= outer.prefix && cidrContains(outer, inner.ip);
}

/** An address as an unsigned integer (for arithmetic on ranges and pools). */
export function ipToBigInt(ip: Ip): bigint {
  let v = 0n;
  for (const b of bytes(ip)) v = (v << 8n) | BigInt(b);
  return v;
}

/** The address of family `kind` whose integer value is `v` (the inverse of {@link ipToBigInt}). */
export function bigIntToIp(v: bigint, kind: 'ipv4' | 'ipv6'): Ip {
  const out: number[] = new Array(kind === 'ipv6' ? 16 : 4);
  for (let i = out.length - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return ipaddr.fromByteArray(out) as Ip;
}

/** The network address of a CIDR (host bits cleared). */
export function networkAddress(c: Cidr): Ip {
  const b = bytes(c.ip);
  for (let i = 0; i < b.length; i++) {
    const keep = Math.max(0, Math.min(8, c.prefix - i * 8));
    b[i] &= (0xff << (8 - keep)) & 0xff;
  }
  return ipaddr.fromByteArray(b) as Ip;
}

/** True when the CIDR has host bits set (`10.0.0.5/24`). */
export function hasHostBits(c: Cidr): boolean {
  return compareIps(c.ip, networkAddress(c)) !== 0;
}

/** Renders a CIDR in canonical form. */
export function formatCidr(c: Cidr): string {
  return `${c.ip.toString()}/${c.prefix}`;
}
