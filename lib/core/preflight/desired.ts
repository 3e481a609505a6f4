/**
 * A policy's desired state (after captures are resolved) as pre-flight reads it: interfaces with
 * their ports, base, MTU and L3, routes, DNS servers and OVN bridge mappings, each with the field
 * path it came from. Tolerant: values of the wrong type count as absent (`multihome check`
 * reports them).
 */
import { joinPath } from '../path';
import { countOf, stringOf } from '../field-reader';
import { isRecord } from '../problems';
import { canonicalMac } from './mac';

/** Interface types nmstate creates (everything else must already exist on the node). */
export const VIRTUAL_TYPES: ReadonlySet<string> = new Set([
  'linux-bridge', 'ovs-bridge', 'ovs-interface', 'bond', 'vlan', 'vxlan', 'macvlan', 'macvtap', 'vrf', 'dummy', 'veth',
  'ipvlan', 'team', 'hsr', 'macsec', 'ipsec', 'loopback', 'ipip', 'sit', 'gre', 'xfrm', 'vti', 'bridge-port',
]);

/** One reference to another interface (a port, a VLAN base) and where it is written. */
export interface InterfaceRef {
  readonly name: string;
  readonly path: string;
}

/** One desired interface. */
export interface DesiredInterface {
  readonly path: string;
  readonly name: string;
  readonly type?: string;
  /** `up` unless given. */
  readonly state: string;
  readonly identifier?: string;
  readonly mac?: string;
  readonly pciAddress?: string;
  readonly mtu?: number;
  /** Ports, when the entry lists them (`undefined` leaves the current ports as they are). */
  readonly ports?: readonly InterfaceRef[];
  readonly controller?: InterfaceRef;
  readonly vlanBase?: InterfaceRef;
  readonly ipv4?: unknown;
  readonly ipv6?: unknown;
  readonly totalVfs?: number;
  readonly raw: Readonly<Record<string, unknown>>;
}

/** One route of `routes.config`. */
export interface DesiredRoute {
  readonly path: string;
  readonly destination?: string;
  readonly nextHopInterface?: string;
  readonly state?: string;
  readonly raw: Readonly<Record<string, unknown>>;
}

/** One `ovn.bridge-mappings` entry. */
export interface DesiredMapping {
  readonly path: string;
  readonly localnet: string;
  readonly bridge?: string;
  readonly state?: string;
}

/** A desired state, read. */
export interface DesiredState {
  readonly interfaces: readonly DesiredInterface[];
  readonly routes: readonly DesiredRoute[];
  /** `dns-resolver.config.server`, with its path; undefined when the policy leaves DNS alone. */
  readonly dnsServers?: { readonly path: string; readonly servers: readonly string[] };
  readonly bridgeMappings: readonly DesiredMapping[];
}

/** Where the ports of a bridge/bond entry are listed: nmstate 2 `port`, its `ports` alias, nmstate 1 `slaves`. */
const PORT_SECTIONS = ['bridge', 'link-aggregation', 'bond'] as const;
const PORT_KEYS = ['port', 'ports', 'slaves'] as const;

/** Visits each port of a bridge/bond entry: its name, section, key and index. */
function eachPort(raw: Readonly<Record<string, unknown>>, visit: (name: string, section: string, key: string, i: number, bare: boolean) => void): boolean {
  let found = false;
  for (const section of PORT_SECTIONS) {
    const s = raw[section];
    if (!isRecord(s)) continue;
    for (const key of PORT_KEYS) {
      const list = s[key];
      if (!Array.isArray(list)) continue;
      found = true;
      list.forEach((p, i) => {
        const name = typeof p === 'string' ? p : isRecord(p) ? stringOf(p.name) : undefined;
        if (name !== undefined) visit(name, section, key, i, typeof p === 'string');
      });
    }
  }
  return found;
}

/** Port references of a bridge/bond entry, with their paths under `base`; undefined when it lists none. */
export function portsOf(raw: Readonly<Record<string, unknown>>, base: string): InterfaceRef[] | undefined {
  const out: InterfaceRef[] = [];
  const found = eachPort(raw, (name, section, key, i, bare) => out.push({ name, path: bare ? joinPath(base, section, key, i) : joinPath(base, section, key, i, 'name') }));
  return found ? out : undefined;
}

/** The names of the ports of a bridge/bond entry (a current state's: no paths needed). */
export function portNamesOf(raw: Readonly<Record<string, unknown>>): string[] {
  const out: string[] = [];
  eachPort(raw, (name) => out.push(name));
  return out;
}

/** Reads a desired state at `base` (`spec.desiredState`). */
export function desiredStateOf(desired: unknown, base: string): DesiredState {
  const d = isRecord(desired) ? desired : {};
  const interfaces: DesiredInterface[] = [];
  (Array.isArray(d.interfaces) ? d.interfaces : []).forEach((raw, i) => {
    if (!isRecord(raw) || typeof raw.name !== 'string') return;
    const path = joinPath(base, 'interfaces', i);
    const vlan = isRecord(raw.vlan) ? raw.vlan : undefined;
    const ethernet = isRecord(raw.ethernet) ? raw.ethernet : undefined;
    const sriov = ethernet && isRecord(ethernet['sr-iov']) ? ethernet['sr-iov'] : undefined;
    interfaces.push({
      path,
      name: raw.name,
      type: stringOf(raw.type),
      state: stringOf(raw.state) ?? 'up',
      identifier: stringOf(raw.identifier),
      mac: canonicalMac(raw['mac-address']),
      pciAddress: stringOf(raw['pci-address'])?.toLowerCase(),
      mtu: countOf(raw.mtu),
      ports: portsOf(raw, path),
      controller: typeof raw.controller === 'string' && raw.controller !== '' ? { name: raw.controller, path: joinPath(path, 'controller') } : undefined,
      vlanBase: vlan && typeof vlan['base-iface'] === 'string' ? { name: vlan['base-iface'], path: joinPath(path, 'vlan', 'base-iface') } : undefined,
      ipv4: raw.ipv4,
      ipv6: raw.ipv6,
      totalVfs: sriov ? countOf(sriov['total-vfs']) : undefined,
      raw,
    });
  });
  const routesSection = isRecord(d.routes) ? d.routes : {};
  const routes: DesiredRoute[] = [];
  (Array.isArray(routesSection.config) ? routesSection.config : []).forEach((r, i) => {
    if (!isRecord(r)) return;
    routes.push({ path: joinPath(base, 'routes', 'config', i), destination: stringOf(r.destination), nextHopInterface: stringOf(r['next-hop-interface']), state: stringOf(r.state), raw: r });
  });
  const dns = isRecord(d['dns-resolver']) && isRecord(d['dns-resolver'].config) ? d['dns-resolver'].config : undefined;
  const dnsServers = dns && Array.isArray(dns.server) ? { path: joinPath(base, 'dns-resolver', 'config', 'server'), servers: dns.server.filter((s): s is string => typeof s === 'string') } : undefined;
  const bridgeMappings: DesiredMapping[] = [];
  const ovn = isRecord(d.ovn) ? d.ovn : {};
  (Array.isArray(ovn['bridge-mappings']) ? ovn['bridge-mappings'] : []).forEach((m, i) => {
    if (isRecord(m) && typeof m.localnet === 'string') bridgeMappings.push({ path: joinPath(base, 'ovn', 'bridge-mappings', i), localnet: m.localnet, bridge: stringOf(m.bridge), state: stringOf(m.state) });
  });
  return { interfaces, routes, dnsServers, bridgeMappings };
}

/** True when the entry removes or downs its interface. */
export function isRemoval(i: Pick<DesiredInterface, 'state'>): boolean {
  return i.state === 'absent' || i.state === 'down';
}
