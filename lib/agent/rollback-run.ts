/**
 * Running a rollback: plan the snapshot back (rollback.ts), apply it, read the host again and
 * check it against the snapshot (rollback-check.ts). `ok` is true only when that read agrees; any
 * failure on the way — a read, the planner, the batch — is reported, never swallowed.
 */
import type { HostIntent } from '../core/host-intent/model';
import type { IprouteBackend, ReadResult } from './iproute/backend';
import { ReadOptions, readOptionsFor } from './iproute/read';
import { formatBatches, renderBatches } from './iproute/render';
import { Op, planChanges } from './plan';
import { restoreIntent } from './rollback';
import { snapshotDifferences, vanishedNics } from './rollback-check';
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
  /** NICs that disappeared during the apply (rollback-check.ts vanishedNics): not restorable, not a failure. */
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
    external = vanishedNics(snapshot, now.state);
    const restore = withoutLinks(full, external);
    stage = 'planning the rollback';
    const rbPlan = planChanges(restore, now.state);
    const planErrors = rbPlan.problems.filter((p) => p.severity === 'error').map((p) => `[${p.code}] ${p.path}: ${p.message}`);
    const rbBatches = renderBatches(rbPlan.ops);
    commands = formatBatches(rbBatches);
    stage = 'the rollback batch';
    const r = await backend.apply(rbBatches, { continueOnError: true });
    stage = 'the read after the rollback';
    const check = await backend.read(rbRead);
    const planRemaining = formatBatches(renderBatches(planChanges(restore, check.state).ops));
    const differences = snapshotDifferences(snapshot, check.state, [...forwardOps, ...rbPlan.ops], readOpts.ipv6Routes);
    const remaining = [...(r.ok ? [] : [r.error ?? 'rollback batch failed']), ...planErrors, ...planRemaining, ...differences];
    return { ok: r.ok && remaining.length === 0, commands, remaining, ...(r.ok ? {} : { error: r.error ?? 'rollback batch failed' }), external };
  } catch (e) {
    const msg = `${stage} failed: ${errorMessage(e)}`;
    return { ok: false, commands, remaining: [msg], error: msg, external };
  }
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
