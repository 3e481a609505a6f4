/**
 * The `ipam` block of a plugin (containernetworking/cni pkg/types/types.go IPAM): its type
 * against the profile, its keys and routes, then the rules of its type (static, host-local,
 * whereabouts).
 */
import { Rec } from '../../../field-reader';
import { joinPath } from '../../../path';
import { isRecord, show } from '../../../problems';
import { parseCidr, parseIp } from '../../addr';
import { PluginProfile } from '../../profiles';
import { NadContext } from '../context';
import { checkKeys } from '../keys';
import { checkHostLocal } from './host-local';
import { checkStatic } from './static';
import { checkWhereabouts } from './whereabouts';

/** Checks the ipam block of a plugin; returns its type when it has one. */
export function checkIpam(ctx: NadContext, p: Rec, path: string): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(p, 'ipam') || p.ipam === null) return undefined;
  const ip = joinPath(path, 'ipam');
  const ipam = p.ipam;
  // containernetworking/cni pkg/types/types.go IPAM{Type string}: a non-object fails decoding.
  if (!isRecord(ipam)) {
    ctx.add('CNI_IPAM_INVALID', ip, `ipam is ${show(ipam)}; allowed: a JSON object ({} for no IPAM)`, 'write "ipam": {} or an IPAM block with "type"');
    return undefined;
  }
  const type = ipam.type;
  if (type === undefined || type === '') {
    const keys = Object.keys(ipam).filter((k) => k !== 'type');
    // bridge.go: isLayer3 := n.IPAM.Type != "" — settings without a type are ignored.
    if (keys.length > 0) {
      ctx.add('CNI_IPAM_INVALID', joinPath(ip, 'type'), `ipam has ${keys.join(', ')} but no type; the plugin runs without IPAM and ignores them`, 'set ipam.type (static, host-local, whereabouts, dhcp) or use "ipam": {}');
    }
    return undefined;
  }
  if (typeof type !== 'string') {
    ctx.add('CNI_IPAM_INVALID', joinPath(ip, 'type'), `ipam.type is ${show(type)}; allowed: a string naming the IPAM plugin`, 'set ipam.type to static, host-local, whereabouts or dhcp');
    return undefined;
  }
  if (!ctx.profile.hasIpam(type)) {
    const known = PluginProfile.isKnownIpam(type);
    ctx.add('CNI_TYPE_NOT_IN_PROFILE', joinPath(ip, 'type'), known ? `IPAM type ${show(type)} is not shipped by plugin profile ${ctx.profile.name}` : `IPAM type ${show(type)} is not an IPAM plugin multihome knows; profile ${ctx.profile.name} does not ship it`, known ? `install ${type} on every node or use another IPAM` : 'check the spelling, and that the binary is installed on every node');
  }
  checkKeys(ctx, ipam, ip, ctx.profile.ipamKeys(type), `the ${type} IPAM plugin`, type);
  checkRoutes(ctx, ipam, ip);
  switch (type) {
    case 'static':
      checkStatic(ctx, ipam, ip, p, path);
      break;
    case 'host-local':
      checkHostLocal(ctx, ipam, ip, p, path);
      break;
    case 'whereabouts':
      checkWhereabouts(ctx, ipam, ip);
      break;
    default:
      break;
  }
  return type;
}

/** `ipam.routes` entries (containernetworking/cni pkg/types/types.go Route). */
function checkRoutes(ctx: NadContext, ipam: Rec, ip: string): void {
  // containernetworking/cni pkg/types/types.go Route.UnmarshalJSON: dst is a CIDR, gw an IP.
  if (!Array.isArray(ipam.routes)) return;
  ipam.routes.forEach((r, i) => {
    const rp = joinPath(ip, 'routes', i);
    if (!isRecord(r)) {
      ctx.add('CNI_IPAM_INVALID', rp, `routes[${i}] is ${show(r)}; allowed: {"dst": CIDR, "gw": IP}`, 'write the route as an object');
      return;
    }
    if (!parseCidr(r.dst)) ctx.add('CNI_IPAM_INVALID', joinPath(rp, 'dst'), `routes[${i}].dst is ${show(r.dst)}; allowed: a CIDR such as 0.0.0.0/0`, 'write dst as a CIDR');
    if (r.gw !== undefined && r.gw !== null && !parseIp(r.gw)) ctx.add('CNI_IPAM_INVALID', joinPath(rp, 'gw'), `routes[${i}].gw is ${show(r.gw)}; allowed: an IP address`, 'write gw as an IP');
  });
}
