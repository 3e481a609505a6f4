/** The whereabouts IPAM plugin (k8snetworkplumbingwg/whereabouts). */
import { Rec } from '../../../field-reader';
import { joinPath } from '../../../path';
import { isRecord, show } from '../../../problems';
import { cidrContains, Cidr, compareIps, formatCidr, Ip, parseCidr, parseIp } from '../../addr';
import { NadContext } from '../context';

/** whereabouts IPAM: range/ipRanges, bounds, excludes and gateway (k8snetworkplumbingwg/whereabouts pkg/config/config.go). */
export function checkWhereabouts(ctx: NadContext, ipam: Rec, ip: string): void {
  const entries: Array<{ r: Rec; path: string }> = [];
  if (ipam.range !== undefined && ipam.range !== '') entries.push({ r: ipam, path: ip });
  if (Array.isArray(ipam.ipRanges)) ipam.ipRanges.forEach((r, i) => isRecord(r) && entries.push({ r, path: joinPath(ip, 'ipRanges', i) }));
  const bad = (path: string, msg: string, fix: string): void => ctx.add('CNI_IPAM_WHEREABOUTS_RANGE_INVALID', path, msg, fix);
  if (entries.length === 0) {
    bad(joinPath(ip, 'range'), 'whereabouts has neither range nor ipRanges; it has nothing to allocate from', 'set ipam.range (e.g. "192.168.2.0/24")');
  }
  // whereabouts pkg/config/config.go LoadIPAMConfig: range is "<start>-<CIDR>" or a CIDR.
  for (const { r, path } of entries) {
    const raw = r.range;
    let net: Cidr | undefined;
    let embeddedStart: Ip | undefined;
    if (typeof raw === 'string' && raw.includes('-')) {
      const [a, b] = raw.split('-', 2);
      embeddedStart = parseIp(a);
      net = parseCidr(b);
      if (!embeddedStart) bad(joinPath(path, 'range'), `range ${show(raw)} has an invalid start IP ${show(a)}`, 'write "<start IP>-<CIDR>" or a CIDR');
      else if (!net) bad(joinPath(path, 'range'), `range ${show(raw)}: ${show(b)} is not a CIDR`, 'write "<start IP>-<CIDR>" or a CIDR');
      else if (!cidrContains(net, embeddedStart)) bad(joinPath(path, 'range'), `range ${show(raw)}: start ${embeddedStart.toString()} is outside ${formatCidr(net)}`, 'use a start inside the CIDR');
      if (!embeddedStart || !net || !cidrContains(net, embeddedStart)) net = undefined;
    } else {
      net = parseCidr(raw);
      if (!net) bad(joinPath(path, 'range'), `range is ${show(raw)}; allowed: a CIDR such as 192.168.2.0/24 (a host address inside it marks the start)`, 'write range as a CIDR');
    }
    // RangeStart/RangeEnd/gateway are net.IP: invalid text fails decoding (UnmarshalText);
    // iphelpers.go GetIPRange ignores bounds outside the range.
    const bound = (key: 'range_start' | 'range_end'): Ip | undefined => {
      if (r[key] === undefined || r[key] === null) return undefined;
      const a = parseIp(r[key]);
      if (!a) {
        bad(joinPath(path, key), `${key} is ${show(r[key])}; allowed: an IP address`, `write ${key} as an IP`);
        return undefined;
      }
      if (net && !cidrContains(net, a)) {
        ctx.add('CNI_IPAM_WHEREABOUTS_BOUND_IGNORED', joinPath(path, key), `${key} ${a.toString()} is outside range ${formatCidr(net)}; whereabouts ignores it and uses the whole range`, `use an address inside ${formatCidr(net)}`);
        return undefined;
      }
      return a;
    };
    const start = bound('range_start');
    const end = bound('range_end');
    if (start && end && compareIps(start, end) > 0) {
      ctx.add('CNI_IPAM_WHEREABOUTS_BOUND_IGNORED', joinPath(path, 'range_start'), `range_start ${start.toString()} is after range_end ${end.toString()}; no address can be allocated`, 'swap range_start and range_end');
    }
    // allocate.go parseExcludedRange: a CIDR or a single IP.
    if (Array.isArray(r.exclude)) {
      r.exclude.forEach((e, i) => {
        if (!parseCidr(e) && !parseIp(e)) bad(joinPath(path, 'exclude', i), `exclude[${i}] is ${show(e)}; allowed: a CIDR or an IP address`, 'write the excluded range as a CIDR (e.g. 192.168.2.224/30)');
      });
    }
  }
  // config.go LoadIPAMConfig "couldn't parse gateway IP".
  if (typeof ipam.gateway === 'string' && ipam.gateway !== '' && !parseIp(ipam.gateway)) {
    bad(joinPath(ip, 'gateway'), `gateway is ${show(ipam.gateway)}; allowed: an IP address`, 'write the gateway as an IP');
  }
}
