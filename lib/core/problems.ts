import { CodeTable, Problem, ResourceRef } from './errors';
import { quoteJson } from './names';
import { joinPath, PathSegment } from './path';

/**
 * Collects problems for one resource. Severity comes from the code table, so a rule cannot
 * disagree with its own declaration; an undeclared code is a programming error and throws.
 */
export class ProblemSink {
  /** Problems collected so far, in the order found. */
  public readonly problems: Problem[] = [];

  constructor(
    public readonly resource: ResourceRef,
    private readonly codes: CodeTable,
  ) {}

  /** Records a problem with `code` at `path` (already joined). */
  add(code: string, path: string, message: string, fix: string): void {
    const spec = this.codes[code];
    if (!spec) throw new Error(`multihome internal error: problem code ${code} is not declared`);
    this.problems.push({ code, severity: spec.severity, resource: this.resource, path, message, fix });
  }

  /** Records a problem at `base` + `segments`. */
  at(code: string, base: string, segments: PathSegment[], message: string, fix: string): void {
    this.add(code, joinPath(base, ...segments), message, fix);
  }
}

/** True for a plain JSON/YAML mapping (not null, not an array). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Longest rendering of a user's value in a message. */
export const SHOW_MAX = 80;

/**
 * Renders a value the user gave, for messages: strings quoted, objects as compact JSON, at most
 * {@link SHOW_MAX} characters. Bounded: stops walking once the budget is spent, so a huge or
 * alias-expanded value costs no more than a small one.
 */
export function show(v: unknown): string {
  if (v === undefined) return '(missing)';
  const out: string[] = [];
  let budget = SHOW_MAX + 1;
  const emit = (s: string) => {
    if (budget <= 0) return;
    out.push(s.length > budget ? s.slice(0, budget) : s);
    budget -= s.length;
  };
  const walk = (x: unknown, depth: number): void => {
    if (budget <= 0) return;
    if (typeof x === 'string') return emit(quoteJson(x.length > SHOW_MAX ? x.slice(0, SHOW_MAX + 1) : x));
    if (typeof x === 'number') return emit(Number.isFinite(x) ? String(x) : 'null');
    if (typeof x === 'bigint') return emit(String(x));
    if (x === null || typeof x === 'boolean') return emit(String(x));
    if (typeof x !== 'object') return emit(x === undefined ? 'null' : String(x));
    if (depth > 16) return emit('...');
    if (Array.isArray(x)) {
      emit('[');
      for (let i = 0; i < x.length && budget > 0; i++) {
        if (i) emit(',');
        walk(x[i], depth + 1);
      }
      return emit(']');
    }
    emit('{');
    let first = true;
    for (const k in x as Record<string, unknown>) {
      if (budget <= 0) break;
      if (!Object.prototype.hasOwnProperty.call(x, k)) continue;
      const val = (x as Record<string, unknown>)[k];
      if (val === undefined || typeof val === 'function') continue;
      if (!first) emit(',');
      first = false;
      emit(quoteJson(k.length > SHOW_MAX ? k.slice(0, SHOW_MAX + 1) : k) + ':');
      walk(val, depth + 1);
    }
    emit('}');
  };
  if (typeof v === 'function' || typeof v === 'symbol') return String(typeof v);
  walk(v, 0);
  const s = out.join('');
  return s.length > SHOW_MAX ? s.slice(0, SHOW_MAX - 3) + '...' : s;
}
