/**
 * Reads a NodeNetworkConfigurationPolicy for the cross-resource rules (leniently: entries that
 * are not interface objects with a name are skipped; the nmstate validator reports them).
 */
import { Manifest } from '../../manifest';
import { joinPath } from '../../path';
import { isRecord } from '../../problems';
import type { NncpIface, NncpInfo } from './model';
import { num, refOf, str, stringMap } from './refs';

function ipEnabled(v: unknown): boolean {
  if (!isRecord(v) || v.enabled === false) return false;
  return v.dhcp === true || v.autoconf === true || (Array.isArray(v.address) && v.address.length > 0);
}

function readPorts(i: Record<string, unknown>, path: string): NncpIface['ports'] {
  const out: Array<{ name: string; path: string; vlan?: Record<string, unknown> }> = [];
  const list = (arr: unknown, p: string): void => {
    if (!Array.isArray(arr)) return;
    arr.forEach((x, k) => {
      if (typeof x === 'string') out.push({ name: x, path: joinPath(p, k) });
      else if (isRecord(x) && typeof x.name === 'string') out.push({ name: x.name, path: joinPath(p, k), ...(isRecord(x.vlan) ? { vlan: x.vlan } : {}) });
    });
  };
  if (isRecord(i.bridge)) {
    const key = i.bridge.port !== undefined ? 'port' : 'ports';
    list(i.bridge[key], joinPath(path, 'bridge', key));
  }
  const la = i['link-aggregation'];
  if (isRecord(la)) {
    const key = la.port !== undefined ? 'port' : 'ports';
    list(la[key], joinPath(path, 'link-aggregation', key));
  }
  return out;
}

/** Reads one NNCP: its interface entries (with ports, VLAN, MTU, IP facts) and OVN mappings. */
export function readNncp(m: Manifest): NncpInfo | undefined {
  const spec = isRecord(m.spec) ? m.spec : undefined;
  const ds = spec && isRecord(spec.desiredState) ? spec.desiredState : undefined;
  const policy: NncpInfo = {
    manifest: m,
    ref: refOf(m, false),
    name: str(m.metadata?.name) ?? '',
    selector: stringMap(spec?.nodeSelector) ?? {},
    ifaces: [],
    mappings: [],
  };
  const base = 'spec.desiredState';
  if (ds && Array.isArray(ds.interfaces)) {
    ds.interfaces.forEach((i, index) => {
      if (!isRecord(i) || typeof i.name !== 'string') return;
      const path = joinPath(base, 'interfaces', index);
      const state = str(i.state) ?? 'up';
      const vlan = isRecord(i.vlan) ? i.vlan : undefined;
      policy.ifaces.push({
        policy,
        index,
        path,
        name: i.name,
        type: str(i.type),
        state,
        absent: state === 'absent',
        mtu: num(i.mtu),
        ports: readPorts(i, path),
        vlanBase: vlan ? str(vlan['base-iface']) : undefined,
        vlanId: vlan ? num(vlan.id) : undefined,
        controller: str(i.controller),
        hasIp: ipEnabled(i.ipv4) || ipEnabled(i.ipv6),
        raw: i,
      });
    });
  }
  const ovn = ds && isRecord(ds.ovn) ? ds.ovn : undefined;
  const maps = ovn ? ovn['bridge-mappings'] : undefined;
  if (Array.isArray(maps)) {
    maps.forEach((x, k) => {
      if (!isRecord(x) || typeof x.localnet !== 'string') return;
      policy.mappings.push({ policy, path: joinPath(base, 'ovn', 'bridge-mappings', k), localnet: x.localnet, bridge: str(x.bridge), absent: x.state === 'absent' });
    });
  }
  return policy;
}


/** The fields that identify a route: an absent route matches on them, the rest are wildcards (nmstate rust/src/lib/route.rs `RouteEntry::is_match`). */
export const ROUTE_IDENTITY_FIELDS = ['destination', 'next-hop-interface', 'next-hop-address', 'table-id', 'route-type'] as const;

/** The `routes.config[]` entries of an NNCP manifest that are objects, with their index. */
export function nncpRoutes(m: Manifest): Array<{ readonly index: number; readonly route: Record<string, unknown> }> {
  const spec = isRecord(m.spec) ? m.spec : undefined;
  const ds = spec && isRecord(spec.desiredState) ? spec.desiredState : undefined;
  const routes = ds && isRecord(ds.routes) ? ds.routes.config : undefined;
  if (!Array.isArray(routes)) return [];
  return routes.flatMap((route, index) => (isRecord(route) ? [{ index, route }] : []));
}

/**
 * The identity of a route across policies and outputs ({@link ROUTE_IDENTITY_FIELDS}); an unset or
 * 0 `table-id` is the main table, 254, as nmstate reads it.
 */
export function routeIdentity(r: Record<string, unknown>): string {
  return JSON.stringify(ROUTE_IDENTITY_FIELDS.map((k) => (k === 'table-id' && (r[k] === undefined || r[k] === 0) ? 254 : r[k] ?? null)));
}
