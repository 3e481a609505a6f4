/**
 * Address rules at the prop (issue 12 B2, B15), before anything renders:
 * - TOPOLOGY_ADDRESS_INVALID: every VM address, gateway, route and nameserver, and every host
 *   address (uplinks, their VLANs, bridgeIp), parsed like Go's net.ParseIP / net.ParseCIDR
 *   (lib/core/cni parseIp, parseCidr) and of the field's family. cloud-init's network config v2
 *   takes `addresses` in CIDR notation, `gateway4`/`gateway6`, routes `to`/`via` and nameserver
 *   addresses (canonical/cloud-init doc/rtd/reference/network-config-format-v2.rst); nmstate an
 *   `ip` plus `prefix-length` (nmstate/nmstate rust/src/lib/ip.rs InterfaceIpAddr). The VM render
 *   skips networkData of a VM with such a problem (render-vm.ts), so each mistake is reported once,
 *   here, at the prop.
 * - TOPOLOGY_GATEWAY_OUTSIDE_SUBNET: the gateway (or a route's next hop) of a NIC with static
 *   addresses of its family must lie in one of their subnets. The guest kernel refuses a gateway
 *   route whose next hop is not reachable through a connected route unless the route is `onlink`
 *   (torvalds/linux net/ipv4/fib_semantics.c fib_check_nh_v4_gw, net/ipv6/route.c
 *   ip6_validate_gw); multihome's networkData has no on-link routes. IPv6 link-local next hops
 *   (fe80::/10) are on every link and always accepted.
 * - TOPOLOGY_VM_DEFAULT_GATEWAY_TWICE (warning): two present NICs of one VM with a gateway of the
 *   same family give the guest two default routes (multihome's lint).
 */
import { Cidr, cidrContains, Ip, parseCidr, parseIp } from '../../cni';
import { joinPath } from '../../path';
import { show } from '../../problems';
import { isAddressList, isAddressPool, isPerNodeMap } from '../host-addresses';
import { AttachmentSpec, HostIpSpec, Topology, VmSpec } from '../model';
import { IntentReport } from './intent-vlans';

type Family = 'ipv4' | 'ipv6';
const FAMILIES: readonly Family[] = ['ipv4', 'ipv6'];
const EXAMPLE_CIDR: Readonly<Record<Family, string>> = { ipv4: '10.20.0.12/24', ipv6: 'fd00:20::12/64' };
const EXAMPLE_IP: Readonly<Record<Family, string>> = { ipv4: '10.20.0.1', ipv6: 'fd00:20::1' };
const GATEWAY: Readonly<Record<Family, 'gateway4' | 'gateway6'>> = { ipv4: 'gateway4', ipv6: 'gateway6' };

/** Why `s` is not a CIDR of `family`, or undefined when it is one. */
function cidrError(s: unknown, family: Family): string | undefined {
  if (typeof s !== 'string') return `${show(s)} is not a string`;
  const c = parseCidr(s);
  if (c) return c.ip.kind() === family ? undefined : `${show(s)} is an ${c.ip.kind() === 'ipv4' ? 'IPv4' : 'IPv6'} address in the ${family} list`;
  const ip = parseIp(s);
  if (ip) return `${show(s)} has no prefix length (CIDR notation is address/prefix)`;
  const slash = s.indexOf('/');
  return slash < 0 ? `${show(s)} is not an IP address` : parseIp(s.slice(0, slash)) ? `${show(s)} has an invalid prefix length` : `${show(s.slice(0, slash))} is not an IP address`;
}

/** Why `s` is not a plain address (of `family` when given), or undefined. */
function ipError(s: unknown, family?: Family): string | undefined {
  const ip = parseIp(s);
  if (!ip) return `${show(s)} is not an IP address${typeof s === 'string' && s.includes('/') ? ' (no prefix here)' : ''}`;
  return family && ip.kind() !== family ? `${show(s)} is not an ${family === 'ipv4' ? 'IPv4' : 'IPv6'} address` : undefined;
}

/** Reports every malformed address of one VM attachment at `at` (`vms[0].attachments[1]`, or a function giving it). */
export function checkAttachmentAddresses(a: AttachmentSpec, at: string | (() => string), report: IntentReport): void {
  // the path is built only for a problem (a clean 10 000-VM topology builds none)
  const path = (...segs: Array<string | number>): string => joinPath(typeof at === 'string' ? at : at(), ...segs);
  for (const fam of FAMILIES) {
    (a[fam] ?? []).forEach((addr, k) => {
      const e = cidrError(addr, fam);
      if (e) report(path(fam, k), `address ${e}`, `write an ${fam === 'ipv4' ? 'IPv4' : 'IPv6'} address with its prefix, e.g. ${EXAMPLE_CIDR[fam]}`);
    });
    const gw = a[GATEWAY[fam]];
    const ge = gw === undefined ? undefined : ipError(gw, fam);
    if (ge) report(path(GATEWAY[fam]), `${GATEWAY[fam]} ${ge}`, `give the gateway's address without prefix, e.g. ${EXAMPLE_IP[fam]}`);
  }
  (a.routes ?? []).forEach((r, k) => {
    const te = r.to === 'default' ? undefined : cidrError(r.to, parseIp(String(r.to).split('/')[0])?.kind() ?? 'ipv4');
    if (te) report(path('routes', k, 'to'), `route destination ${te}`, 'write the destination as address/prefix, e.g. 10.30.0.0/16');
    const ve = ipError(r.via);
    if (ve) report(path('routes', k, 'via'), `route next hop ${ve}`, 'give the next hop address without prefix, e.g. 10.20.0.1');
  });
  (a.nameservers ?? []).forEach((ns, k) => {
    const e = ipError(ns);
    if (e) report(path('nameservers', k), `nameserver ${e}`, 'give the DNS server address, e.g. 10.20.0.53');
  });
}

/** True when an attachment of `vm` has an address {@link checkAttachmentAddresses} reports. */
export function vmHasInvalidAddresses(vm: Pick<VmSpec, 'attachments'>): boolean {
  let bad = false;
  for (const a of vm.attachments) {
    checkAttachmentAddresses(a, '', () => (bad = true));
    if (bad) return true;
  }
  return false;
}

/**
 * Host addresses of every form (model.ts HostAddresses): each CIDR of a list or of a per-node map
 * entry, a pool's CIDR and its start address.
 */
function checkHostIp(ip: HostIpSpec | undefined, base: string, report: IntentReport): void {
  for (const fam of FAMILIES) {
    const a = ip?.[fam];
    const fix = `write an ${fam === 'ipv4' ? 'IPv4' : 'IPv6'} address with its prefix, e.g. ${EXAMPLE_CIDR[fam]}`;
    const cidr = (addr: unknown, path: string): void => {
      const e = cidrError(addr, fam);
      if (e) report(path, `host address ${e}`, fix);
    };
    if (isAddressList(a)) a.forEach((addr, k) => cidr(addr, joinPath(base, fam, k)));
    else if (isPerNodeMap(a)) {
      for (const node of Object.keys(a.perNode)) {
        const v = a.perNode[node];
        if (typeof v === 'string') cidr(v, joinPath(base, fam, 'perNode', node));
        else v.forEach((addr, k) => cidr(addr, joinPath(base, fam, 'perNode', node, k)));
      }
    } else if (isAddressPool(a)) {
      const e = cidrError(a.pool, fam);
      if (e) report(joinPath(base, fam, 'pool'), `address pool ${e}`, `write the pool as an ${fam === 'ipv4' ? 'IPv4' : 'IPv6'} subnet with its prefix, e.g. ${fam === 'ipv4' ? '10.50.0.0/24' : 'fd00:50::/64'}`);
      const se = a.start === undefined ? undefined : ipError(a.start, fam);
      if (se) report(joinPath(base, fam, 'start'), `pool start ${se}`, `give the first node's address without prefix, e.g. ${EXAMPLE_IP[fam]}`);
    }
  }
}

/** TOPOLOGY_ADDRESS_INVALID on every VM attachment and host IP of `t`. */
export function checkAddressSyntax(t: Topology, report: IntentReport): void {
  t.uplinks.forEach((u, i) => {
    checkHostIp(u, joinPath('uplinks', i), report);
    (u.vlans ?? []).forEach((v, j) => checkHostIp(v, joinPath('uplinks', i, 'vlans', j), report));
  });
  t.networks.forEach((n, i) => checkHostIp(n.bridgeIp, joinPath('networks', i, 'bridgeIp'), report));
  t.vms.forEach((vm, v) => vm.attachments.forEach((a, j) => checkAttachmentAddresses(a, () => joinPath('vms', v, 'attachments', j), report)));
}

const LINK_LOCAL_V6 = parseCidr('fe80::/10')!;

/** True when `hop` is on the link of one of `own` (same family), or IPv6 link-local. */
function onLink(hop: Ip, own: readonly Cidr[]): boolean {
  if (hop.kind() === 'ipv6' && cidrContains(LINK_LOCAL_V6, hop)) return true;
  return own.some((c) => c.ip.kind() === hop.kind() && cidrContains(c, hop));
}

/** TOPOLOGY_GATEWAY_OUTSIDE_SUBNET and TOPOLOGY_VM_DEFAULT_GATEWAY_TWICE over every VM. */
export function checkGateways(t: Topology, outside: IntentReport, twice: IntentReport): void {
  t.vms.forEach((vm, v) => {
    const first: Partial<Record<Family, number>> = {};
    vm.attachments.forEach((a, j) => {
      // most NICs name no gateway and no route: nothing to parse, no path to build
      if (a.gateway4 === undefined && a.gateway6 === undefined && !(a.routes && a.routes.length)) return;
      const base = joinPath('vms', v, 'attachments', j);
      const own = [...(a.ipv4 ?? []), ...(a.ipv6 ?? [])].map((s) => parseCidr(s)).filter((c): c is Cidr => c !== undefined);
      const hops: Array<{ path: string; text: string; ip: Ip; what: string }> = [];
      for (const fam of FAMILIES) {
        const gw = a[GATEWAY[fam]];
        const ip = parseIp(gw);
        if (ip && ip.kind() === fam) hops.push({ path: joinPath(base, GATEWAY[fam]), text: String(gw), ip, what: GATEWAY[fam] });
        if (gw !== undefined && a.state !== 'absent') {
          const at = first[fam];
          if (at === undefined) first[fam] = j;
          else
            twice(
              joinPath(base, GATEWAY[fam]),
              `VM ${vm.namespace}/${vm.name} sets a default ${fam} gateway on attachments[${at}] and again on attachments[${j}]; the guest gets two default routes and may answer through the wrong NIC`,
              `keep ${GATEWAY[fam]} on one attachment and give the other NIC routes to the subnets it must reach`,
            );
        }
      }
      (a.routes ?? []).forEach((r, k) => {
        const ip = parseIp(r.via);
        if (ip) hops.push({ path: joinPath(base, 'routes', k, 'via'), text: String(r.via), ip, what: 'the route next hop' });
      });
      for (const h of hops) {
        const same = own.filter((c) => c.ip.kind() === h.ip.kind());
        if (same.length === 0 || onLink(h.ip, same)) continue;
        outside(
          h.path,
          `VM ${vm.namespace}/${vm.name}: ${h.what} ${h.text} is outside the NIC's subnets (${same.map((c) => `${c.ip.toString()}/${c.prefix}`).join(', ')}); the guest kernel refuses a route whose next hop is not on the link`,
          `use a gateway inside ${same.map((c) => `${c.ip.toString()}/${c.prefix}`).join(', ')}, or fix the address prefix`,
        );
      }
    });
  });
}
