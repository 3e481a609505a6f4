/**
 * Where two parsed YAML/JSON values differ, as field paths: objects by key (order ignored),
 * arrays by index. The semantic diff reports these paths when no rule knows the field.
 */
import { joinPath } from '../path';
import { isRecord, show } from '../problems';
import { canonicalJson } from '../topology/rules/canonical';

/** True when the two values are equal as data (key order ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * Paths under `base` where `a` and `b` differ, at most `limit` of them, the shallowest that
 * explain the difference (a key only on one side is reported once, not its leaves).
 */
export function differingPaths(a: unknown, b: unknown, base = '', limit = 20): string[] {
  const out: string[] = [];
  const walk = (x: unknown, y: unknown, path: string): void => {
    if (out.length >= limit || sameValue(x, y)) return;
    if (isRecord(x) && isRecord(y)) {
      for (const k of [...new Set([...Object.keys(x), ...Object.keys(y)])].sort()) walk(x[k], y[k], joinPath(path, k));
      return;
    }
    if (Array.isArray(x) && Array.isArray(y) && x.length === y.length) {
      x.forEach((v, i) => walk(v, y[i], joinPath(path, i)));
      return;
    }
    out.push(path);
  };
  walk(a, b, base);
  return out;
}

/** `v` without the keys in `omit` (shallow), for comparing the rest of an object. */
export function without(v: unknown, omit: readonly string[]): unknown {
  if (!isRecord(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (!omit.includes(k)) out[k] = x;
  return out;
}

/** A value for messages: strings quoted, objects as compact JSON, bounded (problems.ts `show`); `unset` when missing. */
export function shown(v: unknown): string {
  return v === undefined ? 'unset' : show(v);
}

/** A scalar as text (a string as is), anything else as {@link shown}: never throws on odd objects. */
export function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return shown(v);
}
