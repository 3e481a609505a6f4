/** The host-local IPAM plugin (plugins/ipam/host-local). */
import { Rec } from '../../../field-reader';
import { joinPath } from '../../../path';
import { isRecord, show } from '../../../problems';
import { cidrContains, compareIps, hasHostBits, Ip, networkAddress, parseCidr, parseIp } from '../../addr';
import { NadContext } from '../context';
import { checkGatewayInside } from './gateway';

/** host-local IPAM: per-node allocation (warning), then `subnet`/`ranges` (plugins/ipam/host-local). */
export function checkHostLocal(ctx: NadContext, ipam: Rec, ip: string, plugin: Rec): void {
  // Per-node allocation state (backend/disk): duplicates across nodes (kubevirt/kubevirt#7967).
  ctx.add('CNI_IPAM_HOST_LOCAL_PER_NODE', joinPath(ip, 'type'), 'host-local allocates per node: on an L2 network that spans nodes two pods/VMs can get the same address, and a VM gets a new one after migration', 'use "ipam": {} with addresses set in the guest, static IPAM with per-VM ips, or whereabouts');
  const ranges: Array<{ r: Rec; path: string }> = [];
  if (ipam.subnet !== undefined) ranges.push({ r: ipam, path: ip });
  if (Array.isArray(ipam.ranges)) {
    ipam.ranges.forEach((set, i) => {
      if (Array.isArray(set)) set.forEach((r, j) => isRecord(r) && ranges.push({ r, path: joinPath(ip, 'ranges', i, j) }));
    });
  }
  const caps = isRecord(plugin.capabilities) ? plugin.capabilities : {};
  // allocator/config.go LoadIPAMConfig "no IP ranges specified" (unless runtimeConfig ipRanges).
  if (ranges.length === 0 && caps.ipRanges !== true) {
    ctx.add('CNI_IPAM_HOST_LOCAL_RANGE_INVALID', joinPath(ip, 'subnet'), 'host-local has neither subnet nor ranges; the plugin fails with "no IP ranges specified"', 'set ipam.subnet (e.g. "10.1.0.0/24")');
    return;
  }
  for (const { r, path } of ranges) checkHostLocalRange(ctx, r, path);
}

/** One host-local range: subnet, rangeStart/rangeEnd, gateway (backend/allocator/range.go Range.Canonicalize). */
function checkHostLocalRange(ctx: NadContext, r: Rec, path: string): void {
  const bad = (key: string, msg: string, fix: string): void => ctx.add('CNI_IPAM_HOST_LOCAL_RANGE_INVALID', joinPath(path, key), msg, fix);
  // backend/allocator/range.go Range.Canonicalize.
  const subnet = parseCidr(r.subnet);
  if (!subnet) {
    bad('subnet', `subnet is ${show(r.subnet)}; allowed: a network in CIDR notation such as 10.1.0.0/24`, 'write the subnet as a CIDR');
    return;
  }
  const bits = subnet.ip.kind() === 'ipv4' ? 32 : 128;
  if (subnet.prefix > bits - 2) {
    bad('subnet', `subnet ${show(r.subnet)} is too small to allocate from (/${subnet.prefix})`, `use a prefix of at most /${bits - 2}`);
    return;
  }
  if (hasHostBits(subnet)) {
    bad('subnet', `subnet ${show(r.subnet)} has host bits set; the network address is ${networkAddress(subnet).toString()}`, `write "${networkAddress(subnet).toString()}/${subnet.prefix}"`);
    return;
  }
  const bound = (key: 'rangeStart' | 'rangeEnd'): Ip | undefined => {
    if (r[key] === undefined || r[key] === null) return undefined;
    const a = parseIp(r[key]);
    if (!a) bad(key, `${key} is ${show(r[key])}; allowed: an IP address`, `write ${key} as an IP inside ${show(r.subnet)}`);
    else if (!cidrContains(subnet, a)) bad(key, `${key} ${a.toString()} is not in network ${show(r.subnet)}`, `use an address inside ${show(r.subnet)}`);
    else return a;
    return undefined;
  };
  const start = bound('rangeStart');
  const end = bound('rangeEnd');
  // range_set.go / allocator.go iterate from rangeStart to rangeEnd: start > end leaves nothing.
  if (start && end && compareIps(start, end) > 0) bad('rangeStart', `rangeStart ${start.toString()} is after rangeEnd ${end.toString()}; no address can be allocated`, 'swap rangeStart and rangeEnd');
  if (r.gateway !== undefined && r.gateway !== null) {
    const gw = parseIp(r.gateway);
    if (!gw) bad('gateway', `gateway is ${show(r.gateway)}; allowed: an IP address`, 'write the gateway as an IP');
    else checkGatewayInside(ctx, gw, subnet, joinPath(path, 'gateway'), `subnet ${show(r.subnet)}`);
  }
}
