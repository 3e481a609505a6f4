/** An interface's `ipv4`/`ipv6` block (rust/src/lib/ip.rs). */
import { joinPath } from '../../path';
import { show } from '../../problems';
import { IP_ADDR_KEYS, IP_KEYS } from './fields';
import { ipFamily } from './ip-address';
import { Iface, State } from './state';

const IP_FLAGS = ['auto-dns', 'auto-gateway', 'auto-routes', 'allow-extra-address', 'dhcp-send-hostname'];
const IP_U32S = ['auto-route-table-id', 'auto-route-metric'];

/**
 * An `ipv4`/`ipv6` block (rust/src/lib/ip.rs InterfaceIpv4::sanitize / InterfaceIpv6::sanitize).
 * Returns the explicit `enabled` value (undefined when not given: nmstate then takes it from the node).
 */
export function validateIp(st: State, i: Iface, fam: 'ipv4' | 'ipv6'): boolean | undefined {
  const { ctx } = st;
  const path = joinPath(i.path, fam);
  const ip = ctx.record(i.raw[fam], path, fam);
  if (!ip) return undefined;
  ctx.unknownKeys(ip, path, IP_KEYS, `InterfaceIp (${fam})`);
  const enabled = ctx.bool(ip.enabled, joinPath(path, 'enabled'), `${fam}.enabled`);
  const dhcp = ctx.bool(ip.dhcp, joinPath(path, 'dhcp'), `${fam}.dhcp`);
  const autoconf = ctx.bool(ip.autoconf, joinPath(path, 'autoconf'), `${fam}.autoconf`);
  for (const k of IP_FLAGS) ctx.bool(ip[k], joinPath(path, k), `${fam}.${k}`);
  for (const k of IP_U32S) ctx.int(ip[k], joinPath(path, k), `${fam}.${k}`, 'u32');
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
  // ip.rs InterfaceIpv6::sanitize: "Desired IPv6 token … cannot be applied with IPv6 autoconf
  // disabled" (tests/integration/dynamic_ip_test.py test_desired_ipv6_token_with_autoconf_off);
  // an empty token or "::" removes the token and is allowed.
  const token = fam === 'ipv6' ? ctx.string(ip.token, joinPath(path, 'token'), 'ipv6.token') : undefined;
  if (token !== undefined && token !== '' && token !== '::' && autoconf === false && enabled !== false) {
    ctx.add('NMSTATE_IPV6_TOKEN_WITHOUT_AUTOCONF', joinPath(path, 'token'), `interface ${show(i.name)} sets ipv6.token ${show(token)} with autoconf: false; the token only shapes SLAAC addresses`, 'enable ipv6.autoconf, or remove the token (or set it to "::")');
  }
  // Lint: rust/src/lib/ip.rs sanitize drops dhcp/autoconf/address when enabled is false.
  if (enabled === false && ((addrs?.length ?? 0) > 0 || dhcp === true || autoconf === true)) {
    ctx.add('NMSTATE_IP_DISABLED_WITH_CONFIG', joinPath(path, 'enabled'), `${fam} of interface ${show(i.name)} is disabled but also sets ${[(addrs?.length ?? 0) > 0 ? 'address' : '', dhcp ? 'dhcp' : '', autoconf ? 'autoconf' : ''].filter(Boolean).join(', ')}; nmstate drops them silently`, `set ${fam}.enabled: true, or remove the address/dhcp/autoconf settings`);
  }
  return enabled;
}
