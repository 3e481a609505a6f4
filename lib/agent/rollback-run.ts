/**
 * Running a rollback: plan the snapshot back (rollback.ts), apply it — the links it deletes in one
 * kernel call ({@link groupDeletionFor}) — read the host again in the same `ip` process and check
 * it against the snapshot (rollback-check.ts). `ok` is true only when that read agrees; any
 * failure on the way — a read, the planner, the batch — is reported, never swallowed.
 */
import type { HostIntent } from '../core/host-intent/model';
import type { IprouteBackend, ReadResult } from './iproute/backend';
import { ReadOptions, readOptionsFor } from './iproute/read';
import { formatBatches, GroupDeletion, renderBatches } from './iproute/render';
import { AGENT_LINK_KINDS, Op, planChanges } from './plan';
import { restoreIntent } from './rollback';
import { externalLinks, snapshotDifferences } from './rollback-check';
import type { HostState } from './state';
import { errorMessage } from './types';

/** What a rollback did. */
export interface RollbackOutcome {
  /** True only when the host read after the rollback matches the snapshot. */
  readonly ok: boolean;
  /** The rollback plan, one command per line. */
  readonly commands: string[];
  /** What still differs from the snapshot, and why the rollback failed. */
  readonly remaining: string[];
  /** Why the rollback failed, when a step of it failed. */
  readonly error?: string;
  /** Links changed by someone else during the apply (rollback-check.ts externalLinks): left alone, not a failure. */
  readonly external: string[];
}

/**
 * Restores `snapshot` for everything `forwardOps` touched. `after` (the verifying read of the
 * failed apply, when there was one) saves a read when it covers what the rollback needs.
 */
export async function rollBack(
  backend: IprouteBackend, forwardOps: readonly Op[], snapshot: HostState, forward: HostIntent, readOpts: ReadOptions, after?: ReadResult,
): Promise<RollbackOutcome> {
  let commands: string[] = [];
  let external: string[] = [];
  let stage = 'planning the rollback';
  try {
    const full = restoreIntent(forwardOps, snapshot, forward);
    const needed = readOptionsFor(full);
    const rbRead: ReadOptions = { ipv6Routes: needed.ipv6Routes || readOpts.ipv6Routes, bridgeVlans: needed.bridgeVlans || readOpts.bridgeVlans };
    const reuse = after && rbRead.ipv6Routes === readOpts.ipv6Routes && rbRead.bridgeVlans === readOpts.bridgeVlans;
    stage = 'reading the host before the rollback';
    const now = reuse ? after : await backend.read(rbRead);
    external = externalLinks(snapshot, now.state, forwardOps);
    const restore = withoutLinks(full, external);
    stage = 'planning the rollback';
    const rbPlan = planChanges(restore, now.state);
    const planErrors = rbPlan.problems.filter((p) => p.severity === 'error').map((p) => `[${p.code}] ${p.path}: ${p.message}`);
    const rbBatches = renderBatches(rbPlan.ops, groupDeletionFor(rbPlan.ops, now.state));
    commands = formatBatches(rbBatches);
    stage = 'the rollback batch';
    // the check read rides in the rollback's ip batch (backend.ts), after every line ran (-force)
    const r = await backend.apply(rbBatches, { continueOnError: true, readAfter: rbRead });
    stage = 'the read after the rollback';
    if (!r.after) throw new Error(r.readError ?? 'no read');
    const check = r.after;
    const planRemaining = formatBatches(renderBatches(planChanges(restore, check.state).ops));
    const differences = snapshotDifferences(snapshot, check.state, [...forwardOps, ...rbPlan.ops], readOpts.ipv6Routes);
    const remaining = [...(r.ok ? [] : [r.error ?? 'rollback batch failed']), ...planErrors, ...planRemaining, ...differences];
    return { ok: r.ok && remaining.length === 0, commands, remaining, ...(r.ok ? {} : { error: r.error ?? 'rollback batch failed' }), external };
  } catch (e) {
    const msg = `${stage} failed: ${errorMessage(e)}`;
    return { ok: false, commands, remaining: [msg], error: msg, external };
  }
}

/**
 * The first link group the rollback may use: "mh" in the high bytes, far from the small numbers
 * people give /etc/iproute2/group entries. A link already in it moves the choice up.
 */
export const ROLLBACK_LINK_GROUP = 0x6d680000;

/**
 * How the rollback deletes its links in one kernel call (render.ts {@link GroupDeletion}): the
 * links it deletes that are of a kind the agent creates, and a group no link on the host is in.
 * Undefined — one `link del` per link — when a link's group is a name (its number is in
 * /etc/iproute2/group, which the read does not map back), so an unused group cannot be proven.
 */
export function groupDeletionFor(ops: readonly Op[], now: HostState): GroupDeletion | undefined {
  const devs = new Set<string>();
  for (const op of ops) if (op.op === 'link-del' && AGENT_LINK_KINDS.has(now.links.get(op.dev)?.kind ?? '')) devs.add(op.dev);
  if (devs.size < 2) return undefined;
  const used = new Set<number>();
  for (const l of now.links.values()) {
    const g = l.details?.group;
    if (g === undefined || g === 'default') continue;
    if (!/^\d+$/.test(g)) return undefined;
    used.add(Number(g));
  }
  let group = ROLLBACK_LINK_GROUP;
  while (used.has(group)) group++;
  return { group, devs };
}

/** The restore intent without the links in `gone`, also as bridge or bond ports (a vanished NIC cannot be restored or enslaved). */
function withoutLinks(intent: HostIntent, gone: readonly string[]): HostIntent {
  if (gone.length === 0) return intent;
  const out = new Set(gone);
  return {
    ...intent,
    links: intent.links
      .filter((l) => !out.has(l.name))
      .map((l) => ({
        ...l,
        ...(l.bridge?.ports ? { bridge: { ...l.bridge, ports: l.bridge.ports.filter((p) => !out.has(p.name)) } } : {}),
        ...(l.bond?.ports ? { bond: { ...l.bond, ports: l.bond.ports.filter((p) => !out.has(p)) } } : {}),
      })),
  };
}
