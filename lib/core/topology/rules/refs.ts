/**
 * References to the manifests of a set, and the small readers every per-kind reader shares.
 */
import { ResourceRef } from '../../errors';
import { Manifest } from '../../manifest';
import { isRecord } from '../../problems';

/** Namespace of a namespaced object without `metadata.namespace` (what `kubectl apply` uses by default). */
export const DEFAULT_NAMESPACE = 'default';

const SOURCES = new WeakMap<ResourceRef, Manifest>();

/**
 * `Kind/namespace/name` reference of a manifest. The reference is a fresh object remembered
 * with its manifest, so a problem reported on it leads back to the document (see
 * {@link manifestOfRef}) even when two documents share kind, namespace and name.
 */
export function refOf(m: Manifest, namespaced: boolean): ResourceRef {
  const meta = isRecord(m.metadata) ? m.metadata : ({} as Record<string, unknown>);
  const name = typeof meta.name === 'string' ? meta.name : undefined;
  const ns = typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : namespaced ? DEFAULT_NAMESPACE : undefined;
  const ref: ResourceRef = { kind: m.kind, ...(name !== undefined ? { name } : {}), ...(ns !== undefined ? { namespace: ns } : {}) };
  SOURCES.set(ref, m);
  return ref;
}

/** The manifest a reference made by {@link refOf} was read from. */
export function manifestOfRef(ref: ResourceRef): Manifest | undefined {
  return SOURCES.get(ref);
}

/** A finite number, or undefined. */
export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** A string, or undefined. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** A label map with every value as a string (`null` → `""`), or undefined when not a mapping. */
export function stringMap(v: unknown): Record<string, string> | undefined {
  if (!isRecord(v)) return undefined;
  const out: Record<string, string> = {};
  // a mapping or list value (which the per-resource rules report) as its JSON: String() throws on an object whose toString is no function
  for (const [k, x] of Object.entries(v)) out[k] = x === null || x === undefined ? '' : typeof x === 'object' ? JSON.stringify(x) : String(x);
  return out;
}
