import { Problem, ResourceRef } from '../errors';
import { PREFLIGHT_CODES } from './codes';

/** One pre-flight verdict: a problem, the node it is about (if any) and the object it is in. */
export interface PreflightFinding {
  readonly problem: Problem;
  /** The node the verdict is about; undefined for verdicts about the intent alone. */
  readonly node?: string;
  /** The input object the problem's path points into (for file and line). */
  readonly object: unknown;
}

/** Collects findings; severity comes from {@link PREFLIGHT_CODES}. */
export class FindingSink {
  /** Findings so far, in the order found. */
  readonly findings: PreflightFinding[] = [];

  /** Records a finding with `code` on `resource` at `path`. */
  add(code: keyof typeof PREFLIGHT_CODES & string, at: { resource: ResourceRef; object: unknown; node?: string }, path: string, message: string, fix: string): void {
    const spec = PREFLIGHT_CODES[code];
    if (!spec) throw new Error(`multihome internal error: problem code ${code} is not declared`);
    this.findings.push({ problem: { code, severity: spec.severity, resource: at.resource, path, message, fix }, node: at.node, object: at.object });
  }
}
