/** Gateways of IPAM address ranges. */
import { cidrContains, Cidr, formatCidr, Ip, networkAddress } from '../../addr';
import { NadContext } from '../context';

/** A gateway inside the network it routes for; `what` names the network in the message. */
export function checkGatewayInside(ctx: NadContext, gw: Ip, net: Cidr, path: string, what: string): void {
  if (!cidrContains(net, gw)) {
    ctx.add('CNI_IPAM_GATEWAY_OUTSIDE_SUBNET', path, `gateway ${gw.toString()} is outside ${what}; the route via it cannot be installed`, `use a gateway inside ${formatCidr({ ip: networkAddress(net), prefix: net.prefix })}`);
  }
}
