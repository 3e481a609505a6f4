/**
 * The static IPAM plugin (containernetworking/plugins plugins/ipam/static/main.go, read at v1.9.1
 * adc3e6b5).
 */
import { Rec } from '../../../field-reader';
import { joinPath } from '../../../path';
import { isRecord, show } from '../../../problems';
import { Cidr, parseCidr, parseIp } from '../../addr';
import { NadContext } from '../context';
import { goKey } from '../raw-json';
import { checkGatewayInside } from './gateway';

/**
 * Static IPAM as LoadIPAMConfig reads it: `ipam.addresses` (CIDR addresses, IP gateways inside
 * them), replaced by the plugin's `args.cni.ips`, in turn replaced by a static
 * `runtimeConfig.ips` (each a CIDR); with cniVersion 0.1.0/0.2.0 at most one address per family.
 */
export function checkStatic(ctx: NadContext, ipam: Rec, ip: string, plugin: Rec, pluginPath: string): void {
  let effective: { path: string; cidrs: Cidr[] } | undefined;
  // plugins/ipam/static/main.go LoadIPAMConfig: "the 'address' field is expected to be in CIDR
  // notation"; Address.Gateway is a net.IP (decoding fails on a non-IP).
  if (Array.isArray(ipam.addresses)) {
    const cidrs: Cidr[] = [];
    ipam.addresses.forEach((a, i) => {
      const ap = joinPath(ip, 'addresses', i);
      if (!isRecord(a)) {
        ctx.add('CNI_IPAM_STATIC_ADDRESS_INVALID', ap, `addresses[${i}] is ${show(a)}; allowed: {"address": CIDR, "gateway": IP}`, 'write the entry as an object');
        return;
      }
      const c = parseCidr(a.address);
      if (!c) {
        ctx.add('CNI_IPAM_STATIC_ADDRESS_INVALID', joinPath(ap, 'address'), `addresses[${i}].address is ${show(a.address)}; allowed: an address in CIDR notation such as 10.1.1.5/24`, 'add the prefix length (e.g. /24)');
      } else cidrs.push(c);
      if (a.gateway !== undefined && a.gateway !== null) {
        const gw = parseIp(a.gateway);
        if (!gw) ctx.add('CNI_IPAM_STATIC_ADDRESS_INVALID', joinPath(ap, 'gateway'), `addresses[${i}].gateway is ${show(a.gateway)}; allowed: an IP address`, 'write the gateway as an IP');
        else if (c) checkGatewayInside(ctx, gw, c, joinPath(ap, 'gateway'), `addresses[${i}].address ${show(a.address)}`);
      }
    });
    if (cidrs.length > 0) effective = { path: joinPath(ip, 'addresses'), cidrs };
  }
  // LoadIPAMConfig: "an entry in the 'ips' field is NOT in CIDR notation, got: '%s'" for
  // args.cni.ips, then for runtimeConfig.ips; each non-empty list replaces the addresses.
  const ips = (holder: unknown, holderPath: string): void => {
    const k = isRecord(holder) ? goKey(holder, 'ips') : undefined;
    const list = k === undefined ? undefined : (holder as Rec)[k];
    if (!Array.isArray(list) || list.length === 0) return;
    const cidrs: Cidr[] = [];
    list.forEach((v, i) => {
      const c = parseCidr(v);
      if (c) cidrs.push(c);
      else ctx.add('CNI_IPAM_STATIC_ADDRESS_INVALID', joinPath(holderPath, k!, i), `ips[${i}] is ${show(v)}; static IPAM needs a CIDR ("an entry in the 'ips' field is NOT in CIDR notation")`, 'add the prefix length (e.g. "10.10.0.1/24")');
    });
    effective = { path: joinPath(holderPath, k!), cidrs };
  };
  const argsKey = goKey(plugin, 'args');
  const args = argsKey === undefined ? undefined : plugin[argsKey];
  const cniKey = isRecord(args) ? goKey(args, 'cni') : undefined;
  if (cniKey !== undefined) ips((args as Rec)[cniKey], joinPath(pluginPath, argsKey!, cniKey));
  const rcKey = goKey(plugin, 'runtimeConfig');
  if (rcKey !== undefined) ips(plugin[rcKey], joinPath(pluginPath, rcKey));
  // LoadIPAMConfig: "CNI version %v does not support more than 1 address per family".
  if (ctx.isPre030 && effective) {
    for (const kind of ['ipv4', 'ipv6'] as const) {
      const n = effective.cidrs.filter((c) => c.ip.kind() === kind).length;
      if (n > 1) {
        ctx.add('CNI_VERSION_MULTIPLE_ADDRESSES', effective.path, `cniVersion ${ctx.cniVersion} allows one ${kind === 'ipv4' ? 'IPv4' : 'IPv6'} address, but static IPAM has ${n}; it fails with "CNI version ${ctx.cniVersion} does not support more than 1 address per family"`, 'set "cniVersion": "1.0.0", or keep one address per family');
      }
    }
  }
}
