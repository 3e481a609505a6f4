/**
 * Is the host back at its snapshot after a rollback? The rollback planner only looks at what
 * its restore intent names, so a change that landed somewhere else (a route on another device,
 * the S2 case of the security review: `ip -batch` cut a line at a NUL and added
 * `10.99.0.0/16 dev lo` instead of `dev lo\0junk`) leaves its plan empty. This compares the state
 * read after the rollback with the snapshot directly, around everything the forward plan touched:
 * a rollback is reported as done only when both agree.
 */
import { escapeControl } from '../core/names';
import type { Op } from './plan';
import { touchedBy } from './rollback';
import type { CurrentRoute, HostState } from './state';

/** Link kinds the agent creates; one of these appearing during an apply is the apply's doing. */
const CREATED_KINDS = new Set(['bridge', 'vlan', 'bond']);

function routeText(r: CurrentRoute): string {
  return escapeControl(`${r.destination}${r.via ? ` via ${r.via}` : ''}${r.dev ? ` dev ${r.dev}` : ''}${r.metric !== undefined ? ` metric ${r.metric}` : ''}`);
}

/**
 * Differences between `snapshot` and `now` that `ops` (the forward and rollback plans) could have
 * caused, as sentences; empty when the host is back where it was. Compared: the existence of every
 * link an op named; links of a kind the agent creates that were not there before; and the main-table
 * routes to every destination an op named or through every link an op named. IPv6 routes only when
 * both reads included them (`ipv6Routes`).
 */
export function snapshotDifferences(snapshot: HostState, now: HostState, ops: readonly Op[], ipv6Routes: boolean): string[] {
  const out: string[] = [];
  const links = new Set<string>();
  const destinations = new Set<string>();
  for (const op of ops) {
    for (const n of touchedBy(op)) links.add(n);
    if (op.op === 'route-add' || op.op === 'route-del') {
      destinations.add(`${op.route.family} ${op.route.destination}`);
      if (op.route.dev) links.add(op.route.dev);
    }
  }
  const external = new Set(vanishedNics(snapshot, now));
  for (const n of [...links].sort()) {
    const was = snapshot.links.has(n);
    const is = now.links.has(n);
    if (was && !is && !external.has(n)) out.push(`link ${escapeControl(n)} was in the snapshot and is gone`);
    if (!was && is) out.push(`link ${escapeControl(n)} is on the host and was not in the snapshot`);
  }
  for (const l of now.links.values())
    if (!links.has(l.name) && !snapshot.links.has(l.name) && CREATED_KINDS.has(l.kind)) out.push(`${l.kind} ${escapeControl(l.name)} is on the host and was not in the snapshot`);
  const relevant = (r: CurrentRoute) =>
    (r.family === 4 || ipv6Routes) && !(r.dev !== undefined && external.has(r.dev)) && (destinations.has(`${r.family} ${r.destination}`) || (r.dev !== undefined && links.has(r.dev)));
  const key = (r: CurrentRoute) => `${r.family} ${r.destination} ${r.via ?? ''} ${r.dev ?? ''} ${r.metric ?? ''}`;
  const before = new Map(snapshot.routes.filter(relevant).map((r) => [key(r), r]));
  const after = new Map(now.routes.filter(relevant).map((r) => [key(r), r]));
  for (const [k, r] of after) if (!before.has(k)) out.push(`route ${routeText(r)} is on the host and was not in the snapshot`);
  for (const [k, r] of before) if (!after.has(k)) out.push(`route ${routeText(r)} was in the snapshot and is gone`);
  return out;
}

/**
 * Links of the snapshot that are gone now and that the agent never deletes (NICs: anything but
 * the bridges, VLANs and bonds it creates — `absent` only downs a NIC): a NIC unplugged, or a
 * veth removed by someone else, while the apply ran. Nobody can restore them, so they are
 * reported apart (`rollback.external`) and not counted as a failed rollback.
 */
export function vanishedNics(snapshot: HostState, now: HostState): string[] {
  return [...snapshot.links.values()].filter((l) => !CREATED_KINDS.has(l.kind) && !now.links.has(l.name)).map((l) => l.name).sort();
}
