import { CodeTable, Problem, ResourceRef } from './errors';
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

/** Renders a value the user gave, for messages: strings quoted, objects as compact JSON. */
export function show(v: unknown): string {
  if (v === undefined) return '(missing)';
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 80 ? s.slice(0, 77) + '...' : s;
}
