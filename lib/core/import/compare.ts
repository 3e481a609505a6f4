/**
 * Semantic comparison of an input object with the object multihome synthesizes for it: YAML
 * values compared as data (key order ignored), a NAD's `spec.config` parsed as JSON, lists of
 * named entries (NNCP interfaces and bridge ports, VM interfaces, networks, disks, volumes)
 * matched by name with the input's relative order kept, other lists by position.
 */
import { isRecord } from '../problems';

/** One way the synthesized object differs from the input. */
export interface Difference {
  /** Path segments; a named list entry is `[name]`. */
  readonly segments: readonly string[];
  readonly change: 'added' | 'removed' | 'changed' | 'reordered';
  readonly before?: unknown;
  readonly after?: unknown;
}

/** The path of a difference, e.g. `spec.desiredState.interfaces[eth1].ipv4`. */
export function differencePath(d: Pick<Difference, 'segments'>): string {
  let out = '';
  for (const s of d.segments) out += s.startsWith('[') ? s : out === '' ? s : `.${s}`;
  return out;
}

/** Every difference between `input` and `output` (objects of one identity). */
export function compareObjects(input: unknown, output: unknown): Difference[] {
  const out: Difference[] = [];
  walk(input, output, [], out);
  return out;
}

/** True for the field whose string value is JSON compared as data (a NAD's CNI config). */
function isJsonString(segs: readonly string[]): boolean {
  return segs.length === 2 && segs[0] === 'spec' && segs[1] === 'config';
}

function parseJson(s: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(s) };
  } catch {
    return { ok: false };
  }
}

/** Entry names of a list whose entries are all mappings with a distinct string `name`, else undefined. */
function namesOf(list: readonly unknown[]): string[] | undefined {
  const names: string[] = [];
  for (const e of list) {
    if (!isRecord(e) || typeof e.name !== 'string') return undefined;
    names.push(e.name);
  }
  return new Set(names).size === names.length ? names : undefined;
}

function walk(a: unknown, b: unknown, segs: string[], out: Difference[]): void {
  if (typeof a === 'string' && typeof b === 'string' && isJsonString(segs)) {
    const pa = parseJson(a);
    const pb = parseJson(b);
    if (pa.ok && pb.ok) return walk(pa.value, pb.value, segs, out);
  }
  if (Array.isArray(a) && Array.isArray(b)) return walkList(a, b, segs, out);
  if (isRecord(a) && isRecord(b)) {
    for (const k of Object.keys(a)) {
      if (!(k in b) || b[k] === undefined) out.push({ segments: [...segs, k], change: 'removed', before: a[k] });
      else walk(a[k], b[k], [...segs, k], out);
    }
    for (const k of Object.keys(b)) {
      if ((k in a && a[k] !== undefined) || b[k] === undefined) continue;
      // a mapping added whole is reported key by key (each annotation, each selector label)
      if (isRecord(b[k]) && Object.keys(b[k] as object).length) walk({}, b[k], [...segs, k], out);
      else out.push({ segments: [...segs, k], change: 'added', after: b[k] });
    }
    return;
  }
  if (!sameScalar(a, b)) out.push({ segments: segs, change: 'changed', before: a, after: b });
}

function sameScalar(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // a list or mapping against a scalar, or two different scalars
  return JSON.stringify(a) === JSON.stringify(b);
}

function walkList(a: readonly unknown[], b: readonly unknown[], segs: string[], out: Difference[]): void {
  const na = namesOf(a);
  const nb = namesOf(b);
  if (na && nb) {
    const inB = new Map(nb.map((n, i) => [n, i]));
    const inA = new Set(na);
    for (let i = 0; i < a.length; i++) {
      const j = inB.get(na[i]);
      const at = [...segs, `[${na[i]}]`];
      if (j === undefined) out.push({ segments: at, change: 'removed', before: a[i] });
      else walk(a[i], b[j], at, out);
    }
    for (let j = 0; j < b.length; j++) if (!inA.has(nb[j])) out.push({ segments: [...segs, `[${nb[j]}]`], change: 'added', after: b[j] });
    const kept = nb.filter((n) => inA.has(n));
    const given = na.filter((n) => inB.has(n));
    if (kept.join('\u0000') !== given.join('\u0000')) out.push({ segments: segs, change: 'reordered', before: given, after: kept });
    return;
  }
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const at = [...segs, `[${i}]`];
    if (i >= b.length) out.push({ segments: at, change: 'removed', before: a[i] });
    else if (i >= a.length) out.push({ segments: at, change: 'added', after: b[i] });
    else walk(a[i], b[i], at, out);
  }
}
