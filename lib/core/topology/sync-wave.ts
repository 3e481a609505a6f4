/**
 * The Argo CD sync-wave annotation, in a module of its own so that both the renderer
 * (render.ts) and the agent deployment it renders (agent-deployment.ts) can use it without
 * importing each other.
 */

/** Annotation Argo CD orders sync waves by. */
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';
