/**
 * Recovery of an interrupted apply: an apply journal (journal.ts) still on disk when an apply
 * starts means the previous one was killed between its batch and its verify/rollback. Its
 * snapshot is restored for everything the journaled plan touched — the rollback machinery
 * (rollback-run.ts) — before the new apply plans anything, so the host passes through the previous
 * state and never stays in between.
 */
import type { IprouteBackend } from './iproute/backend';
import { parseState } from './iproute/read';
import { readJournal, removeJournal } from './journal';
import type { Op } from './plan';
import { rollBack, RollbackOutcome } from './rollback-run';
import { errorMessage as message, Logger } from './types';

/** An interrupted apply found in the journal at the start of an apply, and what restoring it did. */
export interface RecoveryReport {
  /** When the interrupted apply started. */
  readonly startedAt?: string;
  /** `rebooted`: the journal is from another boot (its kernel state is gone); `unreadable`: not a usable journal. Nothing was restored. */
  readonly skipped?: 'rebooted' | 'unreadable';
  /** The restoring plan, one command per line. */
  readonly commands: readonly string[];
  /** True when the read after restoring matches the interrupted apply's snapshot (or nothing was to restore). */
  readonly ok: boolean;
  readonly remaining: readonly string[];
  readonly error?: string;
}

/** What {@link recoverInterruptedApply} works with. */
export interface RecoveryDeps {
  /** The backend the restore reads and writes through. */
  readonly backend: IprouteBackend;
  /** This boot's id; a journal of another boot is dropped. Undefined where unknown (no check). */
  readonly bootId: string | undefined;
  readonly logger: Logger;
}

/**
 * Restores the snapshot of the apply that left `journal` behind and removes the journal;
 * undefined when there is no journal. A journal of another boot is dropped (a reboot already took
 * its kernel state away), one that cannot be used is dropped and reported.
 */
export async function recoverInterruptedApply(journal: string, deps: RecoveryDeps): Promise<RecoveryReport | undefined> {
  const { logger } = deps;
  const found = readJournal(journal);
  if (found.kind === 'none') return undefined;
  const drop = () => {
    try {
      removeJournal(journal);
    } catch (e) {
      logger.error('cannot remove the apply journal', { journal, error: message(e) });
    }
  };
  if (found.kind === 'unreadable') {
    drop();
    logger.error('an interrupted apply left a journal that cannot be used; not restored', { journal, error: found.error });
    return { skipped: 'unreadable', commands: [], ok: false, remaining: [], error: found.error };
  }
  const j = found.journal;
  if (j.bootId && deps.bootId && j.bootId !== deps.bootId) {
    drop();
    return { startedAt: j.startedAt, skipped: 'rebooted', commands: [], ok: true, remaining: [] };
  }
  let outcome: RollbackOutcome;
  try {
    outcome = await rollBack(deps.backend, j.ops as Op[], parseState(j.snapshot), j.intent, j.readOptions);
  } catch (e) {
    outcome = { ok: false, commands: [], remaining: [message(e)], error: message(e), external: [] };
  }
  drop();
  logger.warn('restored the snapshot of an interrupted apply', { startedAt: j.startedAt, ok: outcome.ok, commands: outcome.commands.length });
  return { startedAt: j.startedAt, commands: outcome.commands, ok: outcome.ok, remaining: outcome.remaining, ...(outcome.error ? { error: outcome.error } : {}) };
}
