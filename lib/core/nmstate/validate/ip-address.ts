/** IP address texts as nmstate's Rust parsers read them. */
import * as ipaddr from 'ipaddr.js';

/** Parses an IP address text the way Rust's std::net::IpAddr does (no zone id, no leading zeros). */
export function ipFamily(s: string): 4 | 6 | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(s)) return 4;
  if (!s.includes('%') && ipaddr.IPv6.isValid(s)) return 6;
  return undefined;
}

/** True for a dotted-quad IPv4 text (no leading zeros, four parts). */
export function isIpv4Text(s: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(s);
}
