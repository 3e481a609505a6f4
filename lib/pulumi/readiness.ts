/**
 * Readiness and ordering annotations of @pulumi/kubernetes (provider/pkg/metadata/overrides.go):
 * without `pulumi.com/waitFor` custom resources count as ready as soon as they exist, so a NAD
 * and a VM would be created before the node has its bridge.
 */
import { API, Manifest } from '../core/manifest';

/** Annotation keys understood by @pulumi/kubernetes ≥ 4.19. */
export const PULUMI_ANNOTATIONS = {
  waitFor: 'pulumi.com/waitFor',
  timeoutSeconds: 'pulumi.com/timeoutSeconds',
  skipAwait: 'pulumi.com/skipAwait',
} as const;

/** Readiness settings of the Pulumi components. */
export interface ReadinessOptions {
  /** Wait for every NNCP's `Available` condition before creating what depends on it. @default true */
  readonly waitForPolicies?: boolean;
  /** How long to wait for an NNCP. @default 600 */
  readonly policyTimeoutSeconds?: number;
}

/** Adds the readiness annotations for one manifest (NNCPs only; others are left as they are). */
export function withReadiness(m: Manifest, o: ReadinessOptions = {}): Manifest {
  if (m.kind !== API.nncp.kind) return m;
  const wait = o.waitForPolicies ?? true;
  const annotations = {
    ...(m.metadata.annotations ?? {}),
    ...(wait
      ? { [PULUMI_ANNOTATIONS.waitFor]: 'condition=Available', [PULUMI_ANNOTATIONS.timeoutSeconds]: String(o.policyTimeoutSeconds ?? 600) }
      : { [PULUMI_ANNOTATIONS.skipAwait]: 'true' }),
  };
  return { ...m, metadata: { ...m.metadata, annotations } };
}
