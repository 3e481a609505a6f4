/**
 * Deterministic YAML for manifests, byte-identical to what `cdk8s synth` writes for the same
 * objects: keys sorted at every level (cdk8s `sanitizeValue`), `apiVersion`, `kind`,
 * `metadata` first at the top (cdk8s `ApiObject.toJson`), one `yaml` document per object with
 * cdk8s's options, joined by `---`.
 */
import * as YAML from 'yaml';
import { Manifest } from '../manifest';

/** Recursively sorts object keys (UTF-16 order, as `Array.prototype.sort`) and drops null/undefined. */
export function sortKeysDeep(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return v.map(sortKeysDeep);
  if (typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v as object).sort()) {
    const s = sortKeysDeep((v as Record<string, unknown>)[k]);
    if (s !== undefined && s !== null) out[k] = s;
  }
  return out;
}

/** A manifest in cdk8s's canonical key order. */
export function canonicalManifest(m: Manifest): Manifest {
  const sorted = sortKeysDeep(m) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of ['apiVersion', 'kind', 'metadata', ...Object.keys(sorted)]) if (k in sorted && !(k in out)) out[k] = sorted[k];
  return out as Manifest;
}

/** Multi-document YAML of manifests, as cdk8s `Yaml.stringify` writes it. */
export function stringifyManifests(manifests: readonly Manifest[]): string {
  return manifests
    .map((m) => YAML.stringify(canonicalManifest(m), { keepUndefined: true, lineWidth: 0, version: '1.1' }))
    .join('---\n');
}
