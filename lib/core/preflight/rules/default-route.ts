/**
 * The node's lifeline: the interfaces holding its default route or its InternalIP, and the NICs
 * under them. A policy that enslaves, re-addresses or takes one down cuts the node off
 * (kubernetes-nmstate issues 1063, 1274, 714) unless it moves MAC and addresses onto the new
 * controller the way kubernetes-nmstate's own example does
 * (test/e2e/handler/default_bridged_network_with_nmpolicy_test.go: the bridge copies the NIC's
 * `mac-address` by capture and keeps DHCP). After the change kubernetes-nmstate probes the default
 * gateway and DNS and rolls back when they fail (pkg/probe/probes.go).
 */
import * as ipaddr from 'ipaddr.js';
import { joinPath } from '../../path';
import { isRecord } from '../../problems';
import { DesiredInterface, isRemoval } from '../desired';
import { FindingSink } from '../finding';
import { CurrentInterface, CurrentIp, defaultRouteInterfaces, ipOf, isDefaultDestination, NetworkStateFacts, NodeFacts } from '../node-facts';
import { PolicyOnNode } from '../policy-on-node';
import { at } from './interfaces';

/** The interfaces a node cannot lose, and why. */
export interface Lifeline {
  /** Holders of a default route or an InternalIP → why. */
  readonly holders: ReadonlyMap<string, string>;
  /** NICs under a holder (its ports, its VLAN base, recursively) → the holder. */
  readonly lowers: ReadonlyMap<string, string>;
}

const lifelines = new WeakMap<NetworkStateFacts, Lifeline>();

/** The node's {@link Lifeline}, computed once per state. */
export function lifelineOf(node: NodeFacts, state: NetworkStateFacts): Lifeline {
  const known = lifelines.get(state);
  if (known) return known;
  const holders = new Map<string, string>();
  for (const [name, r] of defaultRouteInterfaces(state)) holders.set(name, `holds the default route ${r.destination}${r.nextHopAddress ? ` via ${r.nextHopAddress}` : ''}`);
  if (node.internalIps.length) {
    const internal = new Set(node.internalIps.map(canonicalIp));
    for (const iface of state.interfaces.values()) {
      const ip = [...iface.ipv4.addresses, ...iface.ipv6.addresses].map((a) => canonicalIp(a.split('/')[0])).find((a) => internal.has(a));
      if (ip && !holders.has(iface.name)) holders.set(iface.name, `holds the node's InternalIP ${ip}`);
    }
  }
  const lowers = new Map<string, string>();
  for (const holder of holders.keys()) {
    const queue = [holder];
    while (queue.length) {
      const iface = state.interfaces.get(queue.shift()!);
      if (!iface) continue;
      for (const lower of [...iface.ports, ...(iface.vlanBase ? [iface.vlanBase] : [])]) {
        if (lower === iface.name || holders.has(lower) || lowers.has(lower)) continue;
        lowers.set(lower, holder);
        queue.push(lower);
      }
    }
  }
  const result = { holders, lowers };
  lifelines.set(state, result);
  return result;
}

/** One spelling per address (`2001:DB8:0::1` and `2001:db8::1` alike); the text itself when it is none. */
function canonicalIp(s: string): string {
  return ipaddr.isValid(s) ? ipaddr.parse(s).toString() : s;
}

/** True when `want` (a desired ipv4/ipv6 block) keeps what `cur` has; `raw` undefined keeps everything. */
function keepsL3(raw: unknown, cur: CurrentIp, family: 4 | 6): boolean {
  const has = cur.enabled && (cur.dhcp || cur.autoconf || cur.addresses.length > 0);
  if (!has || raw === undefined) return true;
  if (!isRecord(raw)) return true; // an unresolved template: not judged
  const want = ipOf(raw, family);
  if (raw.enabled === false) return false;
  const statics = Array.isArray(raw.address) ? want.addresses : undefined;
  const keepsAddresses = statics !== undefined && cur.addresses.every((a) => statics.includes(a));
  if (cur.dhcp && 'dhcp' in raw && !want.dhcp) return keepsAddresses;
  if (!cur.dhcp && cur.addresses.length) return statics === undefined || keepsAddresses;
  return true;
}

/** True when controller entry `c` copies `y`'s MAC and L3 (the takeover kubernetes-nmstate's example does). */
function copiesIdentity(c: DesiredInterface, y: CurrentInterface): boolean {
  const macOk = (y.mac === undefined && y.permanentMac === undefined) || (c.mac !== undefined && (c.mac === y.mac || c.mac === y.permanentMac));
  const l3 = (raw: unknown, cur: CurrentIp, f: 4 | 6) => (cur.enabled && (cur.dhcp || cur.autoconf || cur.addresses.length > 0) ? raw !== undefined && keepsL3(raw, cur, f) : true);
  return macOk && l3(c.ipv4, y.ipv4, 4) && l3(c.ipv6, y.ipv6, 6);
}

/** Controllers of the policy that take `cur` as a new port (it is not their port today). */
function newControllersOf(p: PolicyOnNode, cur: CurrentInterface): Array<{ controller: DesiredInterface; path: string }> {
  const out: Array<{ controller: DesiredInterface; path: string }> = [];
  for (const c of p.desired.interfaces) {
    if (isRemoval(c) || c.name === cur.controller) continue;
    const port = c.ports?.find((q) => p.currentByName(q.name) === cur);
    if (port) out.push({ controller: c, path: port.path });
  }
  for (const d of p.desired.interfaces) {
    if (d.controller && d.controller.name !== cur.controller && p.current(d) === cur) {
      const c = p.declared.get(d.controller.name);
      if (c) out.push({ controller: c, path: d.controller.path });
    }
  }
  return out;
}

/** PREFLIGHT_DEFAULT_ROUTE_INTERFACE; returns true when it reported something. */
export function checkDefaultRouteInterface(p: PolicyOnNode, sink: FindingSink): boolean {
  const life = lifelineOf(p.node, p.state);
  if (!life.holders.size) return false;
  const before = sink.findings.length;
  const report = (path: string, message: string, fix: string) => sink.add('PREFLIGHT_DEFAULT_ROUTE_INTERFACE', at(p), path, message, fix);
  const takeoverFix = (name: string) => `to move ${name}'s role to a bridge, copy its MAC and addresses with nmpolicy capture as kubernetes-nmstate's example does (mac-address: "{{ capture.base-iface.interfaces.0.mac-address }}", the same DHCP or addresses, routes moved); otherwise use another NIC (Uplink interface) for the VM networks`;
  for (const d of p.desired.interfaces) {
    const cur = p.current(d);
    if (!cur) continue;
    const holder = life.holders.get(cur.name);
    const under = life.lowers.get(cur.name);
    if ((holder || under) && isRemoval(d)) {
      report(joinPath(d.path, 'state'), `the policy sets ${cur.name} ${d.state} on node ${p.node.name}; ${holder ? `${cur.name} ${holder}` : `it carries ${under}, which ${life.holders.get(under!)}`}`, `leave ${cur.name} up; take it out of the policy or narrow the nodeSelector`);
      continue;
    }
    if (holder) {
      for (const f of [4, 6] as const) {
        const raw = f === 4 ? d.ipv4 : d.ipv6;
        if (keepsL3(raw, f === 4 ? cur.ipv4 : cur.ipv6, f)) continue;
        report(joinPath(d.path, f === 4 ? 'ipv4' : 'ipv6'), `the policy changes the IPv${f} configuration of ${cur.name} on node ${p.node.name}, which ${holder}; the node loses its address (kubernetes-nmstate issue 1274)`, `keep ${cur.name}'s current addresses (or DHCP) in the policy, or change them out of band on one node at a time`);
      }
    }
  }
  for (const [name, why] of [...life.holders, ...[...life.lowers].map(([n, h]) => [n, `carries ${h}, which ${life.holders.get(h)}`] as const)]) {
    const cur = p.state.interfaces.get(name);
    if (!cur) continue;
    for (const { controller, path } of newControllersOf(p, cur)) {
      if (life.holders.has(name) && copiesIdentity(controller, cur)) continue;
      report(path, `the policy makes ${name} a port of ${controller.name} on node ${p.node.name}; ${name} ${why}, and ${controller.name} does not take over its MAC and addresses, so the node drops off the network (kubernetes-nmstate issues 1063, 714)`, takeoverFix(name));
    }
  }
  return sink.findings.length > before;
}

/** PREFLIGHT_PROBE_ROLLBACK: the default gateway (ping probe) and the DNS servers (DNS probe) after the change. */
export function checkProbes(p: PolicyOnNode, sink: FindingSink): void {
  const defaults = p.state.defaultRoutes;
  if (!defaults.length && !p.desired.dnsServers) return;
  const survives = { 4: false, 6: false };
  let killer: string | undefined;
  const addsDefault = (f: 4 | 6, via?: string) =>
    p.desired.routes.some((r) => r.state !== 'absent' && r.destination !== undefined && isDefaultDestination(r.destination) && familyOf(r.destination) === f && (via === undefined || r.nextHopInterface === via));
  for (const r of defaults) {
    const f = familyOf(r.destination);
    const x = p.state.interfaces.get(r.nextHopInterface!);
    const absent = p.desired.routes.find((c) => c.state === 'absent' && (c.destination === undefined || c.destination === r.destination) && (c.nextHopInterface === undefined || c.nextHopInterface === r.nextHopInterface));
    if (absent) {
      killer ??= absent.path;
      continue;
    }
    if (!x) continue;
    const entry = p.desired.interfaces.find((d) => p.current(d) === x);
    const takers = newControllersOf(p, x);
    if (takers.length) {
      const c = takers[0].controller;
      const raw = f === 4 ? c.ipv4 : c.ipv6;
      if ((isRecord(raw) && (ipOf(raw, f).dhcp || ipOf(raw, f).autoconf) && (f === 4 ? x.ipv4.dhcp : x.ipv6.dhcp || x.ipv6.autoconf)) || addsDefault(f, c.name)) survives[f] = true;
      else killer ??= takers[0].path;
      continue;
    }
    if (entry) {
      const raw = f === 4 ? entry.ipv4 : entry.ipv6;
      const cur = f === 4 ? x.ipv4 : x.ipv6;
      const dhcpDropped = isRecord(raw) && cur.dhcp && 'dhcp' in raw && raw.dhcp !== true;
      if (dhcpDropped && !addsDefault(f, x.name)) {
        killer ??= joinPath(entry.path, f === 4 ? 'ipv4' : 'ipv6', 'dhcp');
        continue;
      }
    }
    survives[f] = true;
  }
  for (const f of [4, 6] as const) if (addsDefault(f)) survives[f] = true;
  if (defaults.length && !survives[4] && !survives[6]) {
    sink.add('PREFLIGHT_PROBE_ROLLBACK', at(p), killer ?? 'spec.desiredState', `after this change node ${p.node.name} has no default gateway; kubernetes-nmstate's ping probe fails and the change is rolled back (pkg/probe/probes.go defaultGw)`, 'keep a default route: add it to routes.config via the interface that takes over, keep DHCP on it, or do not remove it');
  }
  const dns = p.desired.dnsServers;
  if (!dns || !dns.servers.length) return;
  // probes.go runDNS: the probe passes as soon as one server answers
  const subnets = connectedSubnets(p);
  const reachable = dns.servers.some((server) => {
    const ip = server.split('%')[0];
    if (!ipaddr.isValid(ip)) return true; // not an address: check's business, not a verdict here
    const parsed = ipaddr.parse(ip);
    if (survives[parsed.kind() === 'ipv4' ? 4 : 6]) return true;
    return subnets.some(([net, len]) => net.kind() === parsed.kind() && parsed.match(net, len));
  });
  if (reachable) return;
  sink.add('PREFLIGHT_PROBE_ROLLBACK', at(p), dns.path, `none of the DNS servers ${dns.servers.join(', ')} is reachable from node ${p.node.name} after this change (no default route of its family and not on a connected subnet); kubernetes-nmstate's DNS probe fails and the change is rolled back (kubernetes-nmstate issue 1360)`, 'list at least one DNS server the node can reach (on a connected subnet or behind its default gateway)');
}

function familyOf(destination: string): 4 | 6 {
  return destination.includes(':') ? 6 : 4;
}

/** Subnets connected after the change: current addresses of interfaces the policy leaves alone, plus the policy's static ones. */
function connectedSubnets(p: PolicyOnNode): Array<[ipaddr.IPv4 | ipaddr.IPv6, number]> {
  const touched = new Set(p.desired.interfaces.map((d) => p.current(d)?.name).filter((n): n is string => n !== undefined));
  const cidrs: string[] = [];
  for (const i of p.state.interfaces.values()) if (!touched.has(i.name)) cidrs.push(...i.ipv4.addresses, ...i.ipv6.addresses);
  for (const d of p.desired.interfaces) if (!isRemoval(d)) cidrs.push(...ipOf(d.ipv4, 4).addresses, ...ipOf(d.ipv6, 6).addresses);
  const out: Array<[ipaddr.IPv4 | ipaddr.IPv6, number]> = [];
  for (const c of cidrs) {
    try {
      out.push(ipaddr.parseCIDR(c));
    } catch {
      // not an address (a template): skipped
    }
  }
  return out;
}
