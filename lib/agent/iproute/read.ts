/**
 * iproute2 backend, read side: the commands that dump host state as JSON and the parsers that
 * turn their output into {@link HostState}. One `ip -j -d -batch -` process reads links,
 * addresses and IPv4 routes; IPv6 routes and bridge VLANs cost one more process each and are
 * read only when the intent needs them (every process costs ~33 ms under user-mode-linux).
 */
import * as ipaddr from 'ipaddr.js';
import type { Cidr, Family, HostIntent } from '../../core/host-intent/model';
import { MAIN_TABLE } from '../../core/host-intent/model';
import type { CurrentLink, CurrentRoute, HostState, LinkDetails, PortVlanState } from '../state';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** What to read besides links, addresses and IPv4 routes. */
export interface ReadOptions {
  readonly ipv6Routes: boolean;
  readonly bridgeVlans: boolean;
}

/**
 * What the intent itself needs read besides links, addresses and IPv4 routes: IPv6 routes when it
 * has one; bridge VLANs when a port has a `vlan` block or a bridge asks for VLAN filtering (a
 * bridge the host filters VLANs on is found after the read: read-scope.ts `readForIntent`).
 */
export function readOptionsFor(intent: HostIntent): ReadOptions {
  return {
    ipv6Routes: intent.routes.some((r) => r.family === 6),
    bridgeVlans: intent.links.some((l) => l.bridge?.vlanFiltering === true || (l.bridge?.ports ?? []).some((p) => p.vlan !== undefined)),
  };
}

/** One program run of the read. */
export interface ReadCommand {
  readonly file: 'ip' | 'bridge';
  readonly args: readonly string[];
  readonly input?: string;
  readonly part: 'main' | 'ipv6-routes' | 'bridge-vlans';
}

/** `-n <netns>` when the agent works on a named network namespace (the lab's nodes). */
export function netnsArgs(netns: string | undefined): string[] {
  return netns ? ['-n', netns] : [];
}

/** The lines of the main read (`ip -j -d -batch -`): links with their addresses, then IPv4 routes. */
export const MAIN_READ_LINES = 'addr show\nroute show table main\n';

/** The commands of one state read; the first is always the main read. */
export function readCommands(netns: string | undefined, o: ReadOptions): ReadCommand[] {
  const out: ReadCommand[] = [
    { file: 'ip', args: [...netnsArgs(netns), '-j', '-d', '-batch', '-'], input: MAIN_READ_LINES, part: 'main' },
  ];
  if (o.ipv6Routes) out.push({ file: 'ip', args: [...netnsArgs(netns), '-j', '-6', 'route', 'show', 'table', 'main'], part: 'ipv6-routes' });
  if (o.bridgeVlans) out.push({ file: 'bridge', args: [...netnsArgs(netns), '-j', 'vlan', 'show'], part: 'bridge-vlans' });
  return out;
}

/** Raw JSON of one read, as the commands printed it (kept for reports and fixtures). */
export interface RawState {
  /** `ip -j -d addr show` */
  readonly addr: unknown[];
  /** `ip -j route show table main` */
  readonly route4: unknown[];
  /** `ip -j -6 route show table main`, when read. */
  readonly route6?: unknown[];
  /** `bridge -j vlan show`, when read. */
  readonly vlans?: unknown[];
}

/**
 * Splits concatenated JSON values (what `ip -j -batch` prints: one array per command). iproute2
 * prints each command's value on one line (a JSON string holds no raw newline), so each line is
 * parsed whole, without walking the text character by character in JavaScript (a 500-bridge dump
 * is ~800 KB); any other layout (pretty-printed, two values on a line) falls back to the scanner.
 */
export function splitJsonValues(text: string): unknown[] {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  try {
    return lines.map((l) => JSON.parse(l) as unknown);
  } catch {
    return scanJsonValues(text);
  }
}

/** {@link splitJsonValues} for any layout: tracks depth and strings character by character. */
function scanJsonValues(text: string): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
    }
  }
  return out;
}

type Json = Record<string, unknown>;
/** `valid_life_time` of a permanent address (INFINITY_LIFE_TIME). */
const FOREVER = 4294967295;
const rec = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});

/** Parses raw dumps into the planner's {@link HostState}. */
export function parseState(raw: RawState): HostState {
  const links = new Map<string, CurrentLink>();
  for (const l of raw.addr.map(rec)) {
    const name = String(l.ifname ?? '');
    if (!name) continue;
    const info = rec(l.linkinfo);
    const kind = typeof info.info_kind === 'string' ? info.info_kind : '';
    const data = rec(info.info_data);
    const flags = Array.isArray(l.flags) ? (l.flags as string[]) : [];
    const a4: Cidr[] = [];
    const a6: Cidr[] = [];
    const ll6: Cidr[] = [];
    const dynamic = { 4: false, 6: false };
    for (const a of (Array.isArray(l.addr_info) ? l.addr_info : []).map(rec)) {
      if (typeof a.local !== 'string' || typeof a.prefixlen !== 'number') continue;
      // link-local addresses are only reported (/state), never compared: the kernel's own text
      // (inet_ntop) is kept, which spares parsing one per link on a host of hundreds of bridges
      const reportOnly = a.family === 'inet6' && a.scope === 'link';
      const cidr = `${reportOnly ? a.local : canonicalIp(a.local)}/${a.prefixlen}`;
      const finite = a.dynamic === true || (typeof a.valid_life_time === 'number' && a.valid_life_time !== FOREVER);
      if (a.family === 'inet') {
        a4.push(cidr);
        dynamic[4] ||= finite;
      } else if (a.family === 'inet6') {
        (a.scope === 'link' ? ll6 : a6).push(cidr);
        if (a.scope !== 'link') dynamic[6] ||= finite;
      }
    }
    const permanentMac = typeof l.permaddr === 'string' ? l.permaddr : rec(info.info_slave_data).perm_hwaddr;
    // built field by field (no conditional spreads): hosts carry hundreds of links per read
    const link = { name, index: Number(l.ifindex ?? 0), kind, up: flags.includes('UP'), mtu: Number(l.mtu ?? 0), mac: String(l.address ?? '').toLowerCase() } as Mutable<CurrentLink>;
    if (typeof l.master === 'string') link.master = l.master;
    if (kind === 'vlan') link.vlan = { base: String(l.link ?? ''), id: Number(data.id), protocol: String(data.protocol ?? '802.1Q') };
    if (kind === 'bridge') link.bridge = data;
    if (kind === 'bond') link.bond = data;
    link.addresses = { 4: a4.sort(), 6: a6.sort() };
    const details: Partial<Mutable<LinkDetails>> = {};
    if (typeof l.link_type === 'string') details.linkType = l.link_type;
    if (typeof permanentMac === 'string' && permanentMac) details.permanentMac = permanentMac.toLowerCase();
    if (typeof l.min_mtu === 'number') details.minMtu = l.min_mtu;
    if (typeof l.max_mtu === 'number') details.maxMtu = l.max_mtu;
    if (l.group !== undefined) details.group = String(l.group);
    details.linkLocal6 = ll6.sort();
    details.dynamic = dynamic;
    link.details = details as LinkDetails;
    links.set(name, link);
  }
  const routes = [...parseRoutes(raw.route4, 4), ...(raw.route6 ? parseRoutes(raw.route6, 6) : [])];
  let bridgeVlans: Map<string, PortVlanState[]> | undefined;
  if (raw.vlans) {
    bridgeVlans = new Map();
    for (const p of raw.vlans.map(rec)) {
      const name = String(p.ifname ?? '');
      const entries: PortVlanState[] = [];
      for (const v of (Array.isArray(p.vlans) ? p.vlans : []).map(rec)) {
        const flags = Array.isArray(v.flags) ? (v.flags as string[]) : [];
        const lo = Number(v.vlan);
        const hi = v.vlanEnd !== undefined ? Number(v.vlanEnd) : lo;
        for (let id = lo; id <= hi; id++) entries.push({ id, pvid: flags.includes('PVID'), untagged: flags.includes('Egress Untagged') });
      }
      bridgeVlans.set(name, entries);
    }
  }
  return { links, routes, ...(bridgeVlans ? { bridgeVlans } : {}) };
}

function parseRoutes(list: unknown[], family: Family): CurrentRoute[] {
  const out: CurrentRoute[] = [];
  for (const r of list.map(rec)) {
    if (r.type !== undefined && r.type !== 'unicast') continue;
    const dstRaw = String(r.dst ?? '');
    const dst = dstRaw === 'default' ? (family === 4 ? '0.0.0.0/0' : '::/0') : dstRaw.includes('/') ? canonicalCidr(dstRaw) : `${canonicalIp(dstRaw)}/${family === 4 ? 32 : 128}`;
    if (!dst) continue;
    if (family === 6 && (dst.startsWith('fe80:') || dst.startsWith('ff'))) continue;
    out.push({
      family,
      destination: dst,
      ...(typeof r.gateway === 'string' ? { via: canonicalIp(r.gateway) } : {}),
      ...(typeof r.dev === 'string' ? { dev: r.dev } : {}),
      ...(typeof r.metric === 'number' ? { metric: r.metric } : {}),
      table: MAIN_TABLE,
      ...(typeof r.protocol === 'string' ? { protocol: r.protocol } : {}),
    });
  }
  return out;
}

function canonicalIp(s: string): string {
  return ipaddr.isValid(s) ? ipaddr.parse(s).toString() : s;
}

function canonicalCidr(s: string): string | undefined {
  try {
    const [, len] = ipaddr.parseCIDR(s);
    const net = s.includes(':') ? ipaddr.IPv6.networkAddressFromCIDR(s) : ipaddr.IPv4.networkAddressFromCIDR(s);
    return `${net.toString()}/${len}`;
  } catch {
    return undefined;
  }
}

/** Builds a {@link RawState} from the outputs of {@link readCommands}, in order: each its stdout, or the JSON values already split from it. */
export function rawFromOutputs(cmds: readonly ReadCommand[], outputs: ReadonlyArray<string | readonly unknown[]>): RawState {
  let addr: unknown[] = [];
  let route4: unknown[] = [];
  let route6: unknown[] | undefined;
  let vlans: unknown[] | undefined;
  cmds.forEach((c, i) => {
    const out = outputs[i];
    const values = typeof out === 'string' ? splitJsonValues(out) : out;
    if (c.part === 'main') {
      addr = Array.isArray(values[0]) ? values[0] : [];
      route4 = Array.isArray(values[1]) ? values[1] : [];
    } else if (c.part === 'ipv6-routes') route6 = Array.isArray(values[0]) ? values[0] : [];
    else vlans = Array.isArray(values[0]) ? values[0] : [];
  });
  return { addr, route4, ...(route6 ? { route6 } : {}), ...(vlans ? { vlans } : {}) };
}
