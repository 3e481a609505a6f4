/**
 * Verifying an apply on what it changed: after the batch the host is read again and the intent,
 * restricted to the links the plan touched, is planned against that read; the apply landed when
 * that plan is empty. Links the plan did not touch were converged in the snapshot (their plan was
 * empty), so planning them again costs time (the port scan of every bridge is quadratic on a host
 * with hundreds of bridges) and proves nothing about this apply — except when one is gone or has
 * appeared against the intent, which is checked for every link (a map lookup each) and pulls the
 * link into the verification. Routes are few: every route of the intent is verified.
 */
import type { HostIntent } from '../core/host-intent/model';
import { formatBatches, renderBatches } from './iproute/render';
import { Op, planChanges } from './plan';
import { touchedBy } from './rollback';
import type { HostState } from './state';

/**
 * `intent` restricted to what `ops` (with `cascade`, the links the kernel removes with a deleted
 * base) touched, as seen in `now`: the touched links; the intent's links among the ports `now`
 * shows in a touched bridge or bond (so a port the intent names elsewhere is still told from a
 * CNI port); and every link whose existence in `now` disagrees with the intent. All routes.
 */
export function touchedIntent(intent: HostIntent, ops: readonly Op[], cascade: readonly string[], now: HostState): HostIntent {
  const names = new Set<string>(cascade);
  for (const op of ops) {
    for (const n of touchedBy(op)) names.add(n);
    if ((op.op === 'route-add' || op.op === 'route-del') && op.route.dev) names.add(op.route.dev);
  }
  for (const c of now.links.values()) if (c.master !== undefined && names.has(c.master)) names.add(c.name);
  const links = intent.links.filter((l) => names.has(l.name) || (l.state === 'absent') === now.links.has(l.name));
  return { ...intent, links };
}

/** The commands still needed after an apply of `ops`: empty when everything it touched converged. */
export function remainingAfterApply(intent: HostIntent, ops: readonly Op[], cascade: readonly string[], now: HostState): string[] {
  return formatBatches(renderBatches(planChanges(touchedIntent(intent, ops, cascade, now), now).ops));
}
