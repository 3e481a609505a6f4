/**
 * Address rules: static guest addresses from cloud-init networkData against each other and
 * against the NADs' IPAM subnets, and subnets of different L2 segments against each other.
 *
 * networkData entries are tied to VM interfaces by `match.macaddress` (what multihome renders);
 * entries without it fall back to the `eth<N>` guest name (`id`, `set-name` or `match.name`) as
 * the N-th interface of `domain.devices.interfaces`, the order KubeVirt plugs NICs in (a guess:
 * kubevirt/kubevirt#16693; the kubevirt validator warns about name matching separately).
 */
import { isRecord } from '../../problems';
import { Cidr, cidrContains, ipToBigInt, networkAddress, parseCidr } from '../../cni';
import { normalizeMac, parseNetworkData } from '../../kubevirt';
import { RuleContext } from './context';
import { NadInfo, NadSubnet, VmInfo, VmNic } from './model';
import { who } from './report';

/** One static guest address on one VM NIC. */
interface GuestAddress {
  readonly vm: VmInfo;
  readonly nic: VmNic;
  readonly nad?: NadInfo;
  readonly segment: string;
  readonly cidr: Cidr;
  readonly text: string;
  readonly path: string;
}

function overlap(a: Cidr, b: Cidr): boolean {
  if (a.ip.kind() !== b.ip.kind()) return false;
  return a.prefix <= b.prefix ? cidrContains(a, b.ip) : cidrContains(b, a.ip);
}

const ETH = /^eth(\d+)$/;

/** Static addresses of a VM's NICs, from its networkData (empty when none or unreadable). */
function guestAddresses(ctx: RuleContext, vm: VmInfo): GuestAddress[] {
  const nd = vm.networkData;
  if (!nd || !nd.text.includes('addresses')) return [];
  let parsed;
  try {
    parsed = parseNetworkData(nd.text);
  } catch {
    return []; // the kubevirt validator reports unreadable networkData
  }
  const byMac = new Map<string, VmNic>();
  for (const n of vm.nics) if (n.mac) byMac.set(n.mac, n);
  const out: GuestAddress[] = [];
  for (const e of parsed.ethernets) {
    let nic: VmNic | undefined;
    if (e.macaddress !== undefined) nic = byMac.get(normalizeMac(e.macaddress) ?? '');
    else {
      const m = isRecord(e.raw.match) ? e.raw.match : {};
      const label = [e.setName, typeof m.name === 'string' ? m.name : undefined, e.id].find((s) => s !== undefined && ETH.test(s));
      if (label) nic = vm.nics.find((n) => n.index === Number(ETH.exec(label)![1]));
    }
    if (!nic || nic.absent || !nic.nadKey || !Array.isArray(e.raw.addresses)) continue;
    const nad = ctx.model.nadsByKey.get(nic.nadKey);
    for (const a of e.raw.addresses) {
      const cidr = parseCidr(a);
      if (!cidr) continue;
      out.push({ vm, nic, nad, segment: nad?.segment ?? `nad:${nic.nadKey}`, cidr, text: String(a), path: nd.path });
    }
  }
  return out;
}

function nicLabel(g: GuestAddress): string {
  return `${who(g.vm.ref)} interface ${JSON.stringify(g.nic.name)}`;
}

function segmentLabel(g: GuestAddress): string {
  return g.nad ? `${who(g.nad.ref)} (${g.segment})` : g.segment;
}

/**
 * TOPOLOGY_IP_DUPLICATE, TOPOLOGY_IP_OUTSIDE_SUBNET, TOPOLOGY_VM_SUBNET_OVERLAP. Nothing upstream
 * checks guest addresses: cloud-init applies networkData as given
 * (canonical/cloud-init doc/rtd/reference/network-config-format-v2.rst).
 */
export function checkGuestAddresses(ctx: RuleContext): void {
  const { model, findings } = ctx;
  const seen = new Map<string, GuestAddress>();
  for (const vm of model.vms) {
    const addrs = guestAddresses(ctx, vm);
    for (const g of addrs) {
      const key = `${g.segment}\u0000${g.cidr.ip.toNormalizedString()}`;
      const prev = seen.get(key);
      if (!prev) seen.set(key, g);
      else if (prev.vm !== g.vm || prev.nic !== g.nic) {
        findings.add(
          'TOPOLOGY_IP_DUPLICATE',
          vm.ref,
          g.path,
          `${nicLabel(g)} gets ${g.text} on ${segmentLabel(g)}, the address ${nicLabel(prev)} already has on the same L2 segment`,
          'give each NIC on a segment its own address',
        );
      }
      const family = (g.nad?.subnets ?? []).filter((s) => s.cidr.ip.kind() === g.cidr.ip.kind());
      if (family.length > 0 && !family.some((s) => cidrContains(s.cidr, g.cidr.ip))) {
        findings.add(
          'TOPOLOGY_IP_OUTSIDE_SUBNET',
          vm.ref,
          g.path,
          `${nicLabel(g)} gets ${g.text}, outside the subnet${family.length > 1 ? 's' : ''} ${family.map((s) => s.text).join(', ')} of ${who(g.nad!.ref)} (${family[0].path}); no peer on that segment can reach it`,
          `use an address inside ${family[0].text}, or fix the NAD's IPAM subnet`,
        );
      }
    }
    checkVmSegments(ctx, vm, addrs);
  }
}

/** TOPOLOGY_VM_SUBNET_OVERLAP: two NICs of one VM on different segments with overlapping prefixes (NAD subnets or static addresses). */
function checkVmSegments(ctx: RuleContext, vm: VmInfo, addrs: readonly GuestAddress[]): void {
  const nics: Array<{ nic: VmNic; segment: string; label: string; cidrs: Array<{ cidr: Cidr; text: string }> }> = [];
  for (const nic of vm.nics) {
    if (nic.absent || !nic.nadKey) continue;
    const nad = ctx.model.nadsByKey.get(nic.nadKey);
    const mine = addrs.filter((g) => g.nic === nic);
    const cidrs = [...(nad?.subnets ?? []).map((s) => ({ cidr: s.cidr, text: s.text })), ...mine.map((g) => ({ cidr: g.cidr, text: g.text }))];
    if (cidrs.length === 0) continue;
    const segment = nad?.segment ?? `nad:${nic.nadKey}`;
    nics.push({ nic, segment, label: nad ? `${who(nad.ref)} (${segment})` : segment, cidrs });
  }
  for (let a = 0; a < nics.length; a++) {
    for (let b = a + 1; b < nics.length; b++) {
      const ea = nics[a];
      const eb = nics[b];
      if (ea.segment === eb.segment) continue;
      const hit = ea.cidrs.flatMap((x) => eb.cidrs.filter((y) => overlap(x.cidr, y.cidr)).map((y) => [x, y] as const))[0];
      if (!hit) continue;
      ctx.findings.add(
        'TOPOLOGY_VM_SUBNET_OVERLAP',
        vm.ref,
        eb.nic.network ? eb.nic.network.path : eb.nic.path,
        `interface ${JSON.stringify(eb.nic.name)} (${eb.label}, ${hit[1].text}) and interface ${JSON.stringify(ea.nic.name)} (${ea.label}, ${hit[0].text}) are different L2 segments with overlapping prefixes; the guest gets two connected routes for one prefix and answers through one NIC only`,
        'give the two networks disjoint subnets, or attach the VM to only one of them',
      );
    }
  }
}

interface Span {
  readonly family: string;
  readonly start: bigint;
  readonly end: bigint;
  readonly nad: NadInfo;
  readonly subnet: NadSubnet;
}

/**
 * TOPOLOGY_SUBNET_OVERLAP (warning): subnets of different segments that overlap. A warning, not
 * an error: separate VLANs reusing one private prefix is legitimate multi-tenancy; it breaks only
 * for a VM on both (TOPOLOGY_VM_SUBNET_OVERLAP, an error). One sort and one sweep (tracking the
 * furthest-reaching span and the furthest one of another segment).
 */
export function checkSubnetOverlap(ctx: RuleContext): void {
  const { model, findings } = ctx;
  const spans: Span[] = [];
  const seen = new Set<string>();
  for (const nad of model.nads) {
    for (const s of nad.subnets) {
      const k = `${nad.segment}\u0000${s.text}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const bits = s.cidr.ip.kind() === 'ipv4' ? 32 : 128;
      const start = ipToBigInt(networkAddress(s.cidr));
      spans.push({ family: s.cidr.ip.kind(), start, end: start + (1n << BigInt(bits - s.cidr.prefix)) - 1n, nad, subnet: s });
    }
  }
  spans.sort((a, b) => (a.family !== b.family ? (a.family < b.family ? -1 : 1) : a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  let best: Span | undefined;
  let other: Span | undefined;
  for (const cur of spans) {
    if (best && best.family !== cur.family) best = other = undefined;
    const cand = best && best.nad.segment !== cur.nad.segment ? best : other;
    if (cand && cand.end >= cur.start) {
      findings.add(
        'TOPOLOGY_SUBNET_OVERLAP',
        cur.nad.ref,
        cur.subnet.path,
        `subnet ${cur.subnet.text} (${cur.nad.segment}) overlaps ${cand.subnet.text} of ${who(cand.nad.ref)} (${cand.nad.segment}), a different L2 segment; a VM on both gets ambiguous routes and whereabouts pools may collide`,
        'give each L2 segment its own subnet',
      );
    }
    if (!best || cur.end > best.end) {
      if (best && best.nad.segment !== cur.nad.segment) other = best;
      best = cur;
    } else if (cur.nad.segment !== best.nad.segment && (!other || cur.end > other.end)) other = cur;
  }
}
