/**
 * The host-local IPAM plugin (containernetworking/plugins plugins/ipam/host-local, read at
 * v1.9.1 adc3e6b5): main.go, backend/allocator/config.go, range.go, range_set.go.
 */
import { Rec } from '../../../field-reader';
import { joinPath } from '../../../path';
import { isRecord, show } from '../../../problems';
import { bigIntToIp, Cidr, cidrContains, compareIps, hasHostBits, Ip, ipToBigInt, networkAddress, parseCidr, parseIp } from '../../addr';
import { NadContext } from '../context';
import { goField, goKey } from '../raw-json';
import { checkGatewayInside } from './gateway';

/** A range after Range.Canonicalize: its subnet and the first and last allocatable address. */
interface CanonicalRange {
  readonly subnet: Cidr;
  readonly start: Ip;
  readonly end: Ip;
  readonly path: string;
}

/** range.go Range.Contains: same family, inside the subnet, between start and end. */
function contains(r: CanonicalRange, a: Ip): boolean {
  return a.kind() === r.start.kind() && cidrContains(r.subnet, a) && compareIps(a, r.start) >= 0 && compareIps(a, r.end) <= 0;
}

/** range.go Range.Overlaps. */
function overlaps(a: CanonicalRange, b: CanonicalRange): boolean {
  if (a.start.kind() !== b.start.kind()) return false;
  return contains(a, b.start) || contains(a, b.end) || contains(b, a.start) || contains(b, a.end);
}

const show2 = (r: CanonicalRange): string => `${r.start.toString()}-${r.end.toString()}`;

/**
 * host-local IPAM: per-node allocation (warning), then the range sets of `subnet`/`ranges` as
 * LoadIPAMConfig builds and checks them, and the IPs the config itself requests.
 */
export function checkHostLocal(ctx: NadContext, ipam: Rec, ip: string, plugin: Rec, pluginPath: string): void {
  // Per-node allocation state (backend/disk): duplicates across nodes (kubevirt/kubevirt#7967).
  ctx.add('CNI_IPAM_HOST_LOCAL_PER_NODE', joinPath(ip, 'type'), 'host-local allocates per node: on an L2 network that spans nodes two pods/VMs can get the same address, and a VM gets a new one after migration', 'use "ipam": {} with addresses set in the guest, static IPAM with per-VM ips, or whereabouts');
  // config.go LoadIPAMConfig: the old-style single range (when it has a subnet) is range set 0,
  // then every `ranges` entry is a set.
  const sets: Array<{ path: string; ranges: Array<{ r: Rec; path: string }> }> = [];
  if (ipam.subnet !== undefined) sets.push({ path: ip, ranges: [{ r: ipam, path: ip }] });
  if (Array.isArray(ipam.ranges)) {
    ipam.ranges.forEach((set, i) => {
      if (Array.isArray(set)) sets.push({ path: joinPath(ip, 'ranges', i), ranges: set.flatMap((r, j) => (isRecord(r) ? [{ r, path: joinPath(ip, 'ranges', i, j) }] : [])) });
    });
  }
  const caps = isRecord(plugin.capabilities) ? plugin.capabilities : {};
  // config.go LoadIPAMConfig "no IP ranges specified" (unless runtimeConfig ipRanges).
  if (sets.length === 0 && caps.ipRanges !== true) {
    ctx.add('CNI_IPAM_HOST_LOCAL_RANGE_INVALID', joinPath(ip, 'subnet'), 'host-local has neither subnet nor ranges; the plugin fails with "no IP ranges specified"', 'set ipam.subnet (e.g. "10.1.0.0/24")');
    return;
  }
  const canonical: CanonicalRange[][] = [];
  let allValid = true;
  for (const set of sets) {
    // range_set.go RangeSet.Canonicalize "empty range set".
    if (set.ranges.length === 0) {
      ctx.add('CNI_IPAM_HOST_LOCAL_RANGE_SET_INVALID', set.path, 'the range set is empty; host-local fails with "invalid range set N: empty range set"', 'put at least one {"subnet": ...} in the set or drop it');
      allValid = false;
      continue;
    }
    const rs = set.ranges.map(({ r, path }) => checkHostLocalRange(ctx, r, path));
    if (rs.some((r) => r === undefined)) {
      allValid = false;
      continue;
    }
    const ranges = rs as CanonicalRange[];
    // RangeSet.Canonicalize "mixed address families".
    const mixed = ranges.find((r) => r.start.kind() !== ranges[0].start.kind());
    if (mixed) {
      ctx.add('CNI_IPAM_HOST_LOCAL_RANGE_SET_INVALID', joinPath(mixed.path, 'subnet'), `range set mixes IPv4 and IPv6 (${formatSubnet(ranges[0])} and ${formatSubnet(mixed)}); host-local fails with "mixed address families"`, 'put IPv4 and IPv6 ranges in separate range sets (one set per family)');
      allValid = false;
      continue;
    }
    // RangeSet.Canonicalize "subnets %s and %s overlap".
    let setOk = true;
    ranges.forEach((a, i) =>
      ranges.slice(i + 1).forEach((b) => {
        if (overlaps(a, b)) {
          ctx.add('CNI_IPAM_HOST_LOCAL_RANGE_SET_INVALID', joinPath(b.path, 'subnet'), `ranges ${show2(a)} and ${show2(b)} of one range set overlap; host-local fails with "subnets … overlap"`, 'make the ranges of a set disjoint (or drop the contained one)');
          setOk = false;
        }
      }),
    );
    if (!setOk) allValid = false;
    canonical.push(ranges);
  }
  // config.go LoadIPAMConfig: "range set %d overlaps with %d" (sets compared pairwise).
  canonical.forEach((s1, i) =>
    canonical.slice(i + 1).forEach((s2, d) => {
      const hit = s2.find((b) => s1.some((a) => overlaps(a, b)));
      if (hit) {
        ctx.add('CNI_IPAM_HOST_LOCAL_RANGE_SET_INVALID', joinPath(hit.path, 'subnet'), `range set ${i + d + 1} overlaps range set ${i} (${show2(hit)}); host-local fails with "range set ${i} overlaps with ${i + d + 1}"`, 'give each range set its own addresses');
        allValid = false;
      }
    }),
  );
  // config.go LoadIPAMConfig: "CNI version %v does not support more than 1 address per family".
  if (ctx.isPre030 && canonical.length === sets.length) {
    for (const kind of ['ipv4', 'ipv6'] as const) {
      const n = canonical.filter((s) => s[0].start.kind() === kind).length;
      if (n > 1) {
        ctx.add('CNI_VERSION_MULTIPLE_ADDRESSES', Array.isArray(ipam.ranges) ? joinPath(ip, 'ranges') : ip, `cniVersion ${ctx.cniVersion} allows one ${kind === 'ipv4' ? 'IPv4' : 'IPv6'} address, but host-local has ${n} ${kind === 'ipv4' ? 'IPv4' : 'IPv6'} range sets; it fails with "CNI version ${ctx.cniVersion} does not support more than 1 address per family"`, 'set "cniVersion": "1.0.0", or keep one range set per family');
      }
    }
  }
  if (allValid && caps.ipRanges !== true) checkRequestedIps(ctx, plugin, pluginPath, canonical);
}

function formatSubnet(r: CanonicalRange): string {
  return `${r.subnet.ip.toString()}/${r.subnet.prefix}`;
}

/**
 * IPs the config requests (pkg/ip IP: an IP or a CIDR; IP.UnmarshalText "invalid IP address",
 * config.go "cannot understand ip"). Those of `args.cni.ips` are the config's own: main.go
 * cmdAdd gives each range set the first requested IP inside it and fails with "failed to
 * allocate all requested IPs" when one is left over — outside every range (rangeStart..rangeEnd)
 * or a second one in the same set. A static `runtimeConfig.ips` is only decoded: it is the `ips`
 * capability's slot, which the runtime fills per pod (libcni injectRuntimeConfig), and
 * config_test.go "Should parse custom IPs from runtime configuration" accepts IPs outside the
 * ranges there. Placement is not judged when a static runtimeConfig.ipRanges adds range sets.
 */
function checkRequestedIps(ctx: NadContext, plugin: Rec, pluginPath: string, sets: CanonicalRange[][]): void {
  const decode = (holder: unknown, holderPath: string): Array<{ a: Ip; path: string }> => {
    if (!isRecord(holder)) return [];
    const k = goKey(holder, 'ips');
    const list = k === undefined ? undefined : holder[k];
    if (!Array.isArray(list)) return [];
    return list.flatMap((v, i) => {
      const at = joinPath(holderPath, k!, i);
      const a = typeof v === 'string' && v.includes('/') ? parseCidr(v)?.ip : parseIp(v);
      if (a) return [{ a, path: at }];
      ctx.add('CNI_IPAM_HOST_LOCAL_REQUESTED_IP_INVALID', at, `requested IP ${show(v)} is not an IP address; host-local cannot decode the config ("invalid IP address")`, 'write the IP as "10.1.2.88" (or a CIDR)');
      return [];
    });
  };
  const rcKey = goKey(plugin, 'runtimeConfig');
  const rc = rcKey === undefined ? undefined : goField(plugin, 'runtimeConfig');
  decode(rc, joinPath(pluginPath, rcKey ?? 'runtimeConfig'));
  const argsKey = goKey(plugin, 'args');
  const args = argsKey === undefined ? undefined : plugin[argsKey];
  const cniKey = isRecord(args) ? goKey(args, 'cni') : undefined;
  const requested = cniKey === undefined ? [] : decode((args as Rec)[cniKey], joinPath(pluginPath, argsKey!, cniKey));
  if (isRecord(rc) && goKey(rc, 'ipRanges') !== undefined) return;
  const taken = new Map<number, string>();
  const seen = new Set<string>();
  for (const { a, path } of requested) {
    const key = a.toString();
    if (seen.has(key)) continue; // main.go keys requestedIPs by ip.String()
    seen.add(key);
    const set = sets.findIndex((s) => s.some((r) => contains(r, a)));
    if (set < 0) {
      ctx.add('CNI_IPAM_HOST_LOCAL_REQUESTED_IP_INVALID', path, `requested IP ${key} is in no range set (subnet and rangeStart..rangeEnd); host-local fails with "failed to allocate all requested IPs: ${key}"`, 'request an address inside one of the ranges, or widen the range');
    } else if (taken.has(set)) {
      ctx.add('CNI_IPAM_HOST_LOCAL_REQUESTED_IP_INVALID', path, `requested IP ${key} is in range set ${set} like ${taken.get(set)}; host-local takes one IP per range set and fails with "failed to allocate all requested IPs"`, 'request at most one IP per range set (add a range set for the second address)');
    } else taken.set(set, key);
  }
}

/**
 * One host-local range: subnet, rangeStart/rangeEnd, gateway (backend/allocator/range.go
 * Range.Canonicalize); returns the canonical range when valid.
 */
function checkHostLocalRange(ctx: NadContext, r: Rec, path: string): CanonicalRange | undefined {
  const bad = (key: string, msg: string, fix: string): void => ctx.add('CNI_IPAM_HOST_LOCAL_RANGE_INVALID', joinPath(path, key), msg, fix);
  // backend/allocator/range.go Range.Canonicalize.
  const subnet = parseCidr(r.subnet);
  if (!subnet) {
    bad('subnet', `subnet is ${show(r.subnet)}; allowed: a network in CIDR notation such as 10.1.0.0/24`, 'write the subnet as a CIDR');
    return undefined;
  }
  const bits = subnet.ip.kind() === 'ipv4' ? 32 : 128;
  if (subnet.prefix > bits - 2) {
    bad('subnet', `subnet ${show(r.subnet)} is too small to allocate from (/${subnet.prefix})`, `use a prefix of at most /${bits - 2}`);
    return undefined;
  }
  if (hasHostBits(subnet)) {
    bad('subnet', `subnet ${show(r.subnet)} has host bits set; the network address is ${networkAddress(subnet).toString()}`, `write "${networkAddress(subnet).toString()}/${subnet.prefix}"`);
    return undefined;
  }
  /** A bound: absent (ok, default), valid (ok, its address) or invalid (reported, not ok). */
  const bound = (key: 'rangeStart' | 'rangeEnd'): { a?: Ip; ok: boolean } => {
    if (r[key] === undefined || r[key] === null) return { ok: true };
    const a = parseIp(r[key]);
    if (!a) bad(key, `${key} is ${show(r[key])}; allowed: an IP address`, `write ${key} as an IP inside ${show(r.subnet)}`);
    else if (!cidrContains(subnet, a)) bad(key, `${key} ${a.toString()} is not in network ${show(r.subnet)}`, `use an address inside ${show(r.subnet)}`);
    else return { a, ok: true };
    return { ok: false };
  };
  const startOk = bound('rangeStart');
  const endOk = bound('rangeEnd');
  // range.go: RangeEnd is checked with Contains once RangeStart is set, so start > end fails
  // ("RangeStart … not in network" in range_test.go, as Contains also checks the end).
  if (startOk.a && endOk.a && compareIps(startOk.a, endOk.a) > 0) {
    bad('rangeStart', `rangeStart ${startOk.a.toString()} is after rangeEnd ${endOk.a.toString()}; no address can be allocated`, 'swap rangeStart and rangeEnd');
    return undefined;
  }
  if (r.gateway !== undefined && r.gateway !== null) {
    const gw = parseIp(r.gateway);
    if (!gw) {
      bad('gateway', `gateway is ${show(r.gateway)}; allowed: an IP address`, 'write the gateway as an IP');
      return undefined;
    }
    checkGatewayInside(ctx, gw, subnet, joinPath(path, 'gateway'), `subnet ${show(r.subnet)}`);
  }
  if (!startOk.ok || !endOk.ok) return undefined;
  // Defaults: RangeStart = network + 1, RangeEnd = lastIP (IPv4: broadcast − 1; IPv6: all ones).
  const net = ipToBigInt(networkAddress(subnet));
  const size = 1n << BigInt(bits - subnet.prefix);
  const kind = subnet.ip.kind() as 'ipv4' | 'ipv6';
  const start = startOk.a ?? bigIntToIp(net + 1n, kind);
  const end = endOk.a ?? bigIntToIp(net + size - (kind === 'ipv4' ? 2n : 1n), kind);
  return { subnet, start, end, path };
}
