/**
 * What pre-flight knows about one node: its labels, addresses and readiness (from the `Node`
 * object) and its network state (from the `NodeNetworkState`), indexed once so every rule is a
 * map lookup. Reading is tolerant: a field of the wrong type counts as absent; malformed
 * objects are reported by {@link ../preflight/cluster-state}.
 */
import { countOf, stringOf } from '../field-reader';
import { isRecord } from '../problems';
import { portNamesOf } from './desired';
import { canonicalMac } from './mac';

/** One interface of a node's current state (nmstate `show` output), the fields pre-flight reads. */
export interface CurrentInterface {
  readonly name: string;
  readonly type: string;
  readonly state: string;
  /** Lower-case, `:`-separated. */
  readonly mac?: string;
  readonly permanentMac?: string;
  readonly pciAddress?: string;
  readonly mtu?: number;
  readonly maxMtu?: number;
  /** The controller (bridge, bond) this interface is a port of. */
  readonly controller?: string;
  /** Ports, for a bridge or bond. */
  readonly ports: readonly string[];
  readonly vlanBase?: string;
  readonly ipv4: CurrentIp;
  readonly ipv6: CurrentIp;
  readonly maxVfs?: number;
  /** The interface as published, for rules that read more. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** The L3 configuration of an interface. */
export interface CurrentIp {
  readonly enabled: boolean;
  readonly dhcp: boolean;
  readonly autoconf: boolean;
  /** `ip/prefix`, link-local IPv6 excluded. */
  readonly addresses: readonly string[];
}

/** One running route. */
export interface CurrentRoute {
  readonly destination: string;
  readonly nextHopInterface?: string;
  readonly nextHopAddress?: string;
  readonly tableId: number;
}

/** The parts of a NodeNetworkState pre-flight uses. */
export interface NetworkStateFacts {
  readonly interfaces: ReadonlyMap<string, CurrentInterface>;
  /** Interfaces by MAC: permanent MACs and NICs' MACs first, then bridges' and bonds' (which copy a port's). */
  readonly byMac: ReadonlyMap<string, CurrentInterface>;
  /** Interfaces by `pci-address` (nmstate ≥ 2.2.47). */
  readonly byPci: ReadonlyMap<string, CurrentInterface>;
  readonly routes: readonly CurrentRoute[];
  /** The running default routes of the main table with their interface (what probes.go defaultGw picks from). */
  readonly defaultRoutes: readonly CurrentRoute[];
  readonly dnsServers: readonly string[];
  /** `ovn.bridge-mappings`: localnet name → bridge. */
  readonly bridgeMappings: ReadonlyMap<string, string>;
  /** `[major, minor, patch]` of `handlerNmstateVersion`, when given. */
  readonly nmstateVersion?: readonly [number, number, number];
  readonly nmstateVersionText?: string;
  /** Why the verdict for this node is unknown (failing, stale), if it is. */
  readonly unknownBecause?: { readonly path: string; readonly reason: string };
  /** RFC 3339 `lastSuccessfulUpdateTime`, as published. */
  readonly lastUpdate?: string;
  /** `status.currentState` as published (nmpolicy captures are evaluated against it). */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** Everything known about one node. */
export interface NodeFacts {
  readonly name: string;
  /** Labels of the Node object; undefined when no Node object was given for it. */
  readonly labels?: Readonly<Record<string, string>>;
  readonly internalIps: readonly string[];
  /** False when the Node's Ready condition is not True; undefined when unknown. */
  readonly ready?: boolean;
  /** NoSchedule/NoExecute taints of the Node. */
  readonly taints: ReadonlyArray<{ readonly key: string; readonly value?: string; readonly effect: string }>;
  readonly unschedulable: boolean;
  readonly state?: NetworkStateFacts;
  /** The objects this was read from (for locating problems about the node). */
  readonly sources: { readonly node?: unknown; readonly state?: unknown };
}

/** Reads the L3 block of an interface (`ipv4`/`ipv6`). */
export function ipOf(v: unknown, family: 4 | 6): CurrentIp {
  if (!isRecord(v)) return { enabled: false, dhcp: false, autoconf: false, addresses: [] };
  const addresses: string[] = [];
  if (Array.isArray(v.address)) {
    for (const a of v.address) {
      if (!isRecord(a) || typeof a.ip !== 'string') continue;
      if (family === 6 && a.ip.toLowerCase().startsWith('fe80')) continue;
      addresses.push(`${a.ip.toLowerCase()}/${countOf(a['prefix-length']) ?? (family === 4 ? 32 : 128)}`);
    }
  }
  return { enabled: v.enabled !== false, dhcp: v.dhcp === true, autoconf: v.autoconf === true, addresses };
}

/** Reads one interface of a current state. */
export function currentInterfaceOf(raw: Readonly<Record<string, unknown>>): CurrentInterface | undefined {
  const name = stringOf(raw.name);
  if (name === undefined) return undefined;
  const ethernet = isRecord(raw.ethernet) ? raw.ethernet : undefined;
  const sriov = ethernet && isRecord(ethernet['sr-iov']) ? ethernet['sr-iov'] : undefined;
  const vlan = isRecord(raw.vlan) ? raw.vlan : undefined;
  return {
    name,
    type: stringOf(raw.type) ?? 'unknown',
    state: stringOf(raw.state) ?? 'up',
    mac: canonicalMac(raw['mac-address']),
    permanentMac: canonicalMac(raw['permanent-mac-address']),
    pciAddress: stringOf(raw['pci-address'])?.toLowerCase(),
    mtu: countOf(raw.mtu),
    maxMtu: countOf(raw['max-mtu']),
    controller: stringOf(raw.controller),
    ports: portNamesOf(raw),
    vlanBase: vlan ? stringOf(vlan['base-iface']) : undefined,
    ipv4: ipOf(raw.ipv4, 4),
    ipv6: ipOf(raw.ipv6, 6),
    maxVfs: sriov ? countOf(sriov['max-vfs']) : undefined,
    raw,
  };
}

/**
 * OVS publishes a bridge and its internal interface under one name (`br-ex` as `ovs-bridge` and
 * as `ovs-interface`): one entry with the bridge's ports and the interface's MAC and addresses.
 */
function mergeSameName(a: CurrentInterface, b: CurrentInterface): CurrentInterface {
  const [bridge, other] = a.type === 'ovs-bridge' ? [a, b] : [b, a];
  const controller = other.controller === other.name ? bridge.controller : other.controller ?? bridge.controller;
  return { ...other, type: bridge.type, controller, ports: [...new Set([...bridge.ports, ...other.ports])].filter((p) => p !== other.name), mac: other.mac ?? bridge.mac };
}

/** Parses `2.2.47`, `nmstate 2.2.47-1.el9`, `2.2.47.alpha` into a comparable triple. */
export function parseVersion(v: unknown): [number, number, number] | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(v);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

/** Compares two version triples (negative, zero, positive). */
export function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/** Builds the indexes of one `status.currentState`. */
export function networkStateFactsOf(
  currentState: Readonly<Record<string, unknown>>,
  meta: Pick<NetworkStateFacts, 'nmstateVersion' | 'nmstateVersionText' | 'unknownBecause' | 'lastUpdate'> = {},
): NetworkStateFacts {
  const interfaces = new Map<string, CurrentInterface>();
  const byMac = new Map<string, CurrentInterface>();
  const byPci = new Map<string, CurrentInterface>();
  const list = Array.isArray(currentState.interfaces) ? currentState.interfaces : [];
  for (const raw of list) {
    if (!isRecord(raw)) continue;
    const iface = currentInterfaceOf(raw);
    if (!iface) continue;
    const same = interfaces.get(iface.name);
    interfaces.set(iface.name, same ? mergeSameName(same, iface) : iface);
  }
  // ports known only from the controller's list get their controller too (nmstate 1.x has no `controller`)
  const controllerOf = new Map<string, string>();
  const otherMacs: CurrentInterface[] = [];
  for (const iface of interfaces.values()) for (const p of iface.ports) if (p !== iface.name) controllerOf.set(p, iface.name);
  for (const [name, iface] of interfaces) {
    const own = iface.controller === name ? undefined : iface.controller;
    const controller = own ?? controllerOf.get(name);
    const withController = controller !== iface.controller ? { ...iface, controller } : iface;
    interfaces.set(name, withController);
    // a physical NIC's MAC identifies it; bridges/bonds/VLANs copy their ports' MACs
    if (withController.permanentMac && !byMac.has(withController.permanentMac)) byMac.set(withController.permanentMac, withController);
    if (withController.mac && withController.type === 'ethernet' && !byMac.has(withController.mac)) byMac.set(withController.mac, withController);
    if (withController.mac) otherMacs.push(withController);
    if (withController.pciAddress && !byPci.has(withController.pciAddress)) byPci.set(withController.pciAddress, withController);
  }
  // a MAC no NIC has may still be a bridge's or a bond's (identifier: mac-address matches any interface)
  for (const i of otherMacs) if (!byMac.has(i.mac!)) byMac.set(i.mac!, i);
  const routesSection = isRecord(currentState.routes) ? currentState.routes : {};
  const routes: CurrentRoute[] = [];
  for (const r of Array.isArray(routesSection.running) ? routesSection.running : []) {
    if (!isRecord(r) || typeof r.destination !== 'string') continue;
    const hop = stringOf(r['next-hop-address']);
    routes.push({ destination: r.destination, nextHopInterface: stringOf(r['next-hop-interface']), nextHopAddress: hop === '' ? undefined : hop, tableId: countOf(r['table-id']) ?? MAIN_TABLE });
  }
  const dns = isRecord(currentState['dns-resolver']) ? currentState['dns-resolver'] : {};
  const running = isRecord(dns.running) ? dns.running : isRecord(dns.config) ? dns.config : {};
  const dnsServers = Array.isArray(running.server) ? running.server.filter((s): s is string => typeof s === 'string') : [];
  const bridgeMappings = new Map<string, string>();
  const ovn = isRecord(currentState.ovn) ? currentState.ovn : {};
  for (const m of Array.isArray(ovn['bridge-mappings']) ? ovn['bridge-mappings'] : []) {
    if (isRecord(m) && typeof m.localnet === 'string' && typeof m.bridge === 'string') bridgeMappings.set(m.localnet, m.bridge);
  }
  // pkg/probe/probes.go defaultGw: destination 0.0.0.0/0 or ::/0 in table-id 254 (main)
  const defaultRoutes = routes.filter((r) => isDefaultDestination(r.destination) && r.tableId === MAIN_TABLE && r.nextHopInterface);
  return { interfaces, byMac, byPci, routes, defaultRoutes, dnsServers, bridgeMappings, ...meta, raw: currentState };
}

/** The main routing table (`table-id` 254), the one kubernetes-nmstate's ping probe reads. */
export const MAIN_TABLE = 254;

/** True for an IPv4 or IPv6 default destination. */
export function isDefaultDestination(d: string): boolean {
  return d === '0.0.0.0/0' || d === '::/0';
}

/** The interfaces holding a default route of the main table, with the first such route of each. */
export function defaultRouteInterfaces(state: NetworkStateFacts): Map<string, CurrentRoute> {
  const out = new Map<string, CurrentRoute>();
  for (const r of state.defaultRoutes) if (!out.has(r.nextHopInterface!)) out.set(r.nextHopInterface!, r);
  return out;
}
