/**
 * Where an apply left the host and what `/healthz` and `/readyz` say about the last reconcile,
 * both read off a report.
 */
import { escapeControl } from '../core/names';
import type { AgentReport, ReportResult } from './agent';
import type { AgentHealth } from './http';

/**
 * Where an apply left the host: `new-state` (applied, or already converged), `previous-state`
 * (nothing applied, or rolled back and verified), `mixed-state` (a rollback that did not restore
 * the snapshot: `rollback.remaining` says what differs).
 */
export type EndedIn = 'new-state' | 'previous-state' | 'mixed-state';

/**
 * The health `/healthz` and `/readyz` report for the last reconcile: degraded while the config is
 * rejected (the host keeps its last good state), the host lacks what the intent needs, or the last
 * apply failed or was rolled back.
 */
export function healthOf(r: AgentReport | undefined): AgentHealth {
  if (!r) return { ok: true, text: 'ok' };
  const why: Partial<Record<ReportResult, string>> = {
    invalid: 'config rejected; nothing applied, the host keeps its last good state',
    unsatisfiable: 'the host lacks what the config needs; nothing applied',
    'rolled-back': 'the last apply failed and was rolled back to the previous state',
    failed: r.endedIn === 'mixed-state' ? 'the last apply failed and its rollback is incomplete' : 'the last reconcile failed',
  };
  const reason = why[r.result];
  if (!reason) return { ok: true, text: 'ok' };
  const detail = r.problems?.[0] ?? r.error;
  return { ok: false, text: escapeControl(`degraded: ${reason}${detail ? ` (${detail})` : ''}`) };
}

/** Where an apply report leaves the host ({@link EndedIn}). */
export function endedInOf(r: Pick<AgentReport, 'result' | 'rollback' | 'recovered'>): EndedIn {
  if (r.result === 'applied' || r.result === 'converged') return 'new-state';
  if ((r.rollback && !r.rollback.ok) || (r.recovered && !r.recovered.ok)) return 'mixed-state';
  return 'previous-state';
}

