/**
 * Rollback: the snapshot taken before an apply, restricted to what the plan touched, expressed
 * as an intent. Planning that intent against the host after the failed apply gives the ops that
 * restore the snapshot (recreating deleted links, deleting created ones, restoring addresses,
 * ports, port VLANs and routes) — the same planner, so rollback cannot drift from apply.
 */
import type { BondIntent, BridgeIntent, BridgePortIntent, HostIntent, LinkIntent, PortVlanIntent, RouteIntent } from '../core/host-intent/model';
import { MAIN_TABLE } from '../core/host-intent/model';
import { BOND_OPTIONS } from '../core/host-intent/normalize';
import type { Op } from './plan';
import type { CurrentLink, HostState } from './state';

/** Names of the links an op changes (none for a route op). */
export function touchedBy(op: Op): string[] {
  switch (op.op) {
    case 'route-add':
    case 'route-del':
      return [];
    case 'set-master':
      return [op.dev, op.master];
    case 'link-add':
      return op.vlan ? [op.dev, op.vlan.base] : [op.dev];
    default:
      return [op.dev];
  }
}

/** Builds the intent that restores `snapshot` for everything `ops` touch. */
export function restoreIntent(ops: readonly Op[], snapshot: HostState, forward: HostIntent): HostIntent {
  const touched = new Set<string>();
  for (const op of ops) for (const n of touchedBy(op)) touched.add(n);
  // closure: a touched port's old controller, and VLANs the kernel deletes with their base
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of snapshot.links.values()) {
      const add = (n: string) => {
        if (!touched.has(n)) {
          touched.add(n);
          grew = true;
        }
      };
      if (touched.has(c.name) && c.master) add(c.master);
      if (c.vlan && touched.has(c.vlan.base) && ops.some((o) => o.op === 'link-del' && o.dev === c.vlan!.base)) add(c.name);
    }
  }
  const forwardBond = new Map(forward.links.filter((l) => l.bond).map((l) => [l.name, l.bond!]));
  const links: LinkIntent[] = [];
  for (const name of touched) {
    const s = snapshot.links.get(name);
    if (!s) {
      links.push({ name, kind: 'any', state: 'absent' });
      continue;
    }
    links.push(linkFromSnapshot(s, snapshot, forwardBond.get(name)));
  }
  const routes: RouteIntent[] = [];
  for (const op of ops) {
    if (op.op === 'route-add') routes.push({ ...op.route, state: 'absent' });
    if (op.op === 'route-del') {
      const r = op.route;
      routes.push({
        family: r.family,
        destination: r.destination,
        ...(r.via ? { via: r.via } : {}),
        ...(r.dev ? { dev: r.dev } : {}),
        ...(r.metric !== undefined ? { metric: r.metric } : {}),
        table: MAIN_TABLE,
        state: 'present',
      });
    }
  }
  return { links, routes };
}

function linkFromSnapshot(s: CurrentLink, snap: HostState, forwardBond: BondIntent | undefined): LinkIntent {
  const ports = [...snap.links.values()].filter((p) => p.master === s.name);
  const base = {
    name: s.name,
    state: s.up ? ('up' as const) : ('down' as const),
    mtu: s.mtu,
    ...(s.kind === 'vlan' ? {} : { mac: s.mac }),
    ipv4: { enabled: true, addresses: [...s.addresses[4]] },
    ipv6: { enabled: true, addresses: [...s.addresses[6]] },
  };
  if (s.kind === 'vlan' && s.vlan) {
    return { ...base, kind: 'vlan', vlan: { base: s.vlan.base, id: s.vlan.id, protocol: s.vlan.protocol.toLowerCase() === '802.1ad' ? '802.1ad' : '802.1Q' } };
  }
  if (s.kind === 'bridge') {
    const b = s.bridge ?? {};
    const bridge: BridgeIntent = {
      ports: ports.map((p): BridgePortIntent => {
        const v = snap.bridgeVlans?.get(p.name);
        return v ? { name: p.name, vlan: exactVlans(v) } : { name: p.name };
      }),
      stp: Number(b.stp_state ?? 0) !== 0,
      vlanFiltering: Number(b.vlan_filtering ?? 0) !== 0,
      ...(b.vlan_default_pvid !== undefined ? { defaultPvid: Number(b.vlan_default_pvid) } : {}),
      ...(b.vlan_protocol !== undefined ? { vlanProtocol: String(b.vlan_protocol).toLowerCase() === '802.1ad' ? '802.1ad' : '802.1Q' } : {}),
      ...(b.mcast_snooping !== undefined ? { multicastSnooping: Number(b.mcast_snooping) !== 0 } : {}),
    };
    return { ...base, kind: 'bridge', bridge };
  }
  if (s.kind === 'bond') {
    const data = s.bond ?? {};
    const options: Record<string, string | number> = {};
    for (const k of Object.keys(forwardBond?.options ?? {})) {
      const v = data[BOND_OPTIONS[k] ?? k];
      if (v !== undefined && v !== null) options[k] = typeof v === 'number' ? v : String(v);
    }
    return { ...base, kind: 'bond', bond: { mode: String(data.mode ?? 'balance-rr'), ports: ports.map((p) => p.name), options } };
  }
  return { ...base, kind: 'ethernet' };
}

function exactVlans(entries: ReadonlyArray<{ id: number; pvid: boolean; untagged: boolean }>): PortVlanIntent {
  const pvid = entries.find((e) => e.pvid)?.id;
  return {
    mode: 'trunk',
    trunk: entries.filter((e) => !e.untagged && !e.pvid).map((e) => e.id),
    ...(pvid !== undefined ? { pvid } : {}),
    untagged: entries.filter((e) => e.untagged && !e.pvid).map((e) => e.id),
  };
}
