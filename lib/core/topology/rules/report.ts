/**
 * Collects the problems of the cross-resource rules. Severity comes from {@link TOPOLOGY_CODES}
 * (as {@link ProblemSink} does for one resource); an undeclared code is a programming error.
 */
import { formatResource, Problem, ResourceRef } from '../../errors';
import { TOPOLOGY_CODES, TopologyCode } from '../codes';

/** Problems found so far, across resources. */
export class Findings {
  /** In the order found. */
  public readonly problems: Problem[] = [];

  /** Records `code` on `resource` at `path`. */
  add(code: TopologyCode, resource: ResourceRef, path: string, message: string, fix: string): void {
    const spec = TOPOLOGY_CODES[code];
    if (!spec) throw new Error(`multihome internal error: problem code ${code} is not declared`);
    this.problems.push({ code, severity: spec.severity, resource, path, message, fix });
  }
}

/** `Kind/namespace/name` of another resource, for messages. */
export function who(r: ResourceRef): string {
  return formatResource(r);
}
