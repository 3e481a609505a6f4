/**
 * The agent's memory of its host reads, for the NodeNetworkState of `/state`: the last good
 * state and when it was read, the last attempt and whether it failed, and when the outcome last
 * changed. A failed read keeps the last good state, as kubernetes-nmstate keeps the last
 * currentState and sets `Failing` (nmstate/kubernetes-nmstate api/shared/condition_types.go
 * `ConditionList.Set`: lastTransitionTime moves only when the status changes).
 */
import type { IprouteBackend } from './iproute/backend';
import type { HostState } from './state';
import { errorMessage } from './types';

/** What the agent has read so far. Empty before the first read. */
export interface HostReads {
  /** The last successful read. */
  readonly good?: { readonly state: HostState; readonly at: Date };
  /** The last read attempt; `error` when it failed. */
  readonly last?: { readonly at: Date; readonly error?: string };
  /** When the outcome (succeeded ↔ failed) last changed, or the first read. */
  readonly since?: Date;
}

/** Outcome of one read. */
export type ReadOutcome = { readonly state: HostState } | { readonly error: string };

/** The log after one more read at `at` (pure). */
export function recordRead(reads: HostReads, at: Date, outcome: ReadOutcome): HostReads {
  const failed = 'error' in outcome;
  const wasFailed = reads.last ? reads.last.error !== undefined : undefined;
  const since = wasFailed === failed && reads.since ? reads.since : at;
  return {
    ...(failed ? (reads.good ? { good: reads.good } : {}) : { good: { state: outcome.state, at } }),
    last: failed ? { at, error: outcome.error } : { at },
    since,
  };
}

/**
 * `backend` with every read — the snapshot, the verifying read, the rollback's reads, also those
 * riding in a batch (`readAfter`) — passed to `onRead` (success or failure) before it returns or throws.
 */
export function recordingBackend(backend: IprouteBackend, onRead: (outcome: ReadOutcome) => void): IprouteBackend {
  return {
    async apply(batches, options) {
      const r = await backend.apply(batches, options);
      if (r.after) onRead({ state: r.after.state });
      else if (r.readError !== undefined) onRead({ error: r.readError });
      return r;
    },
    release: () => backend.release(),
    async read(options, how) {
      try {
        const r = await backend.read(options, how);
        onRead({ state: r.state });
        return r;
      } catch (e) {
        onRead({ error: errorMessage(e) });
        throw e;
      }
    },
  };
}
