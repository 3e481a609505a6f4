/** The static IPAM plugin (plugins/ipam/static/main.go). */
import { Rec } from '../../../field-reader';
import { joinPath } from '../../../path';
import { isRecord, show } from '../../../problems';
import { parseCidr, parseIp } from '../../addr';
import { NadContext } from '../context';
import { checkGatewayInside } from './gateway';

/** Static IPAM `addresses`: CIDR addresses, IP gateways inside them (plugins/ipam/static/main.go). */
export function checkStatic(ctx: NadContext, ipam: Rec, ip: string): void {
  // plugins/ipam/static/main.go LoadIPAMConfig: "the 'address' field is expected to be in CIDR
  // notation"; Address.Gateway is a net.IP (decoding fails on a non-IP).
  if (!Array.isArray(ipam.addresses)) return;
  ipam.addresses.forEach((a, i) => {
    const ap = joinPath(ip, 'addresses', i);
    if (!isRecord(a)) {
      ctx.add('CNI_IPAM_STATIC_ADDRESS_INVALID', ap, `addresses[${i}] is ${show(a)}; allowed: {"address": CIDR, "gateway": IP}`, 'write the entry as an object');
      return;
    }
    const c = parseCidr(a.address);
    if (!c) {
      ctx.add('CNI_IPAM_STATIC_ADDRESS_INVALID', joinPath(ap, 'address'), `addresses[${i}].address is ${show(a.address)}; allowed: an address in CIDR notation such as 10.1.1.5/24`, 'add the prefix length (e.g. /24)');
    }
    if (a.gateway !== undefined && a.gateway !== null) {
      const gw = parseIp(a.gateway);
      if (!gw) ctx.add('CNI_IPAM_STATIC_ADDRESS_INVALID', joinPath(ap, 'gateway'), `addresses[${i}].gateway is ${show(a.gateway)}; allowed: an IP address`, 'write the gateway as an IP');
      else if (c) checkGatewayInside(ctx, gw, c, joinPath(ap, 'gateway'), `addresses[${i}].address ${show(a.address)}`);
    }
  });
}
