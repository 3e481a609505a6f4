/**
 * Order-independent comparison of parsed YAML/JSON values, for rules that ask "is this the same
 * object?" (identical duplicates, NADs of one OVN network, VM interfaces before and after).
 */
import { isRecord } from '../../problems';

/** JSON text of `v` with object keys sorted at every level and the keys in `omit` left out. */
export function canonicalJson(v: unknown, omit: ReadonlySet<string> = new Set()): string {
  return JSON.stringify(sortKeys(v, omit));
}

function sortKeys(v: unknown, omit: ReadonlySet<string>): unknown {
  if (Array.isArray(v)) return v.map((x) => sortKeys(x, omit));
  if (!isRecord(v)) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) if (!omit.has(k)) out[k] = sortKeys(v[k], omit);
  return out;
}
