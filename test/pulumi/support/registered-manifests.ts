/**
 * What the Pulumi tests compare registered resources with: their inputs without Pulumi's secret
 * envelope, and manifests without the annotations only the Pulumi side adds (readiness).
 */

/** Pulumi's secret envelope (@pulumi/kubernetes marks Secret data secret; the engine encrypts it in state). */
const SECRET_SIG = '4dabf18193072939515e22adb298388d';

/** `v` with every secret envelope replaced by the value it wraps. */
export function unsecret(v: any): any {
  if (Array.isArray(v)) return v.map(unsecret);
  if (v && typeof v === 'object') return v[SECRET_SIG] ? unsecret(v.value) : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unsecret(x)]));
  return v;
}

/** Annotations only the Pulumi side adds (readiness). */
export const PULUMI_ONLY_ANNOTATIONS = ['pulumi.com/waitFor', 'pulumi.com/timeoutSeconds', 'pulumi.com/skipAwait'];

/** A manifest without the Pulumi-only annotations (its `annotations` always present, possibly empty). */
export function withoutReadiness(m: any): any {
  const annotations = Object.fromEntries(Object.entries(m.metadata.annotations ?? {}).filter(([k]) => !PULUMI_ONLY_ANNOTATIONS.includes(k)));
  return { ...m, metadata: { ...m.metadata, annotations } };
}
