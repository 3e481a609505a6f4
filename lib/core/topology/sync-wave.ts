/**
 * The Argo CD sync-wave annotation, in a module of its own so that both the renderer
 * (render.ts) and the agent deployment it renders (agent-deployment.ts) can use it without
 * importing each other.
 */

/** Annotation Argo CD orders sync waves by. */
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

/** True when `annotations` carry the sync-wave annotation, whatever it says. */
export function carriesSyncWave(annotations: unknown): boolean {
  return typeof annotations === 'object' && annotations !== null && Object.prototype.hasOwnProperty.call(annotations, SYNC_WAVE_ANNOTATION);
}

/** The wave `annotations` give, when the sync-wave annotation is an integer. */
export function syncWaveOf(annotations: unknown): number | undefined {
  const v = carriesSyncWave(annotations) ? (annotations as Record<string, unknown>)[SYNC_WAVE_ANNOTATION] : undefined;
  return typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : undefined;
}
