/** `routes:` (rust/src/lib/route.rs Routes / RouteEntry). */
import { isCaptureTemplate, isFalseFlag } from '../../field-reader';
import { joinPath } from '../../path';
import { isRecord, show } from '../../problems';
import { ROUTE_KEYS, ROUTE_STATES, ROUTE_TYPES, ROUTES_KEYS } from './fields';
import { ipFamily } from './ip-address';
import { findKernel, State } from './state';

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

/** `routes.config`: next hops, route types, addresses, weight and cwnd (route.rs Routes::validate, RouteEntry::sanitize). */
export function validateRoutes(st: State, v: unknown): void {
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
    // route.rs RouteState: absent; ignore since 2.2.50 (an ignored route is left alone, like an absent one it needs no next hop).
    const routeState = ctx.oneOfAt(rt.state, joinPath(rp, 'state'), 'route state', ROUTE_STATES);
    const absent = routeState === 'absent' || routeState === 'ignore';
    const dst = ctx.string(rt.destination, joinPath(rp, 'destination'), 'destination');
    const via = ctx.string(rt['next-hop-interface'], joinPath(rp, 'next-hop-interface'), 'next-hop-interface');
    const gw = ctx.string(rt['next-hop-address'], joinPath(rp, 'next-hop-address'), 'next-hop-address');
    const src = ctx.string(rt.source, joinPath(rp, 'source'), 'source');
    const type = ctx.oneOf(rt['route-type'], joinPath(rp, 'route-type'), 'route-type', ROUTE_TYPES);
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
    // route.rs Routes::validate → ip.rs sanitize_ip_network(""): "Invalid IP address" even for an
    // absent route (unit_tests/route.rs test_route_not_allowing_empty_dst).
    if (dst === '') {
      ctx.add('NMSTATE_ROUTE_ADDRESS_INVALID', joinPath(rp, 'destination'), `${desc}: destination is an empty string, which nmstate rejects ("Invalid IP address")`, 'remove destination (an absent route without it matches every destination), or give a network');
    } else if (dst !== undefined) {
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
        if (isRecord(ip) && isFalseFlag(ip.enabled)) {
          ctx.add('NMSTATE_ROUTE_NEXT_HOP_FAMILY_DISABLED', joinPath(rp, 'next-hop-interface'), `${desc}: next-hop-interface ${show(via)} has ${fam} disabled (${iface.path})`, `enable ${fam} on ${show(via)}, or route through another interface`);
        }
      }
    }
  });
}
