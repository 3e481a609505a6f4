import * as pulumi from '@pulumi/pulumi';
import { formatProblem, Problem } from '../core/errors';

/**
 * The one way the Pulumi components report problems: every error at once in one
 * `ResourceError` on `resource` (thrown before any child is registered), warnings logged on the
 * resource `warnOn` picks (default: `resource`).
 */
export function reportProblems(
  what: string,
  problems: readonly Problem[],
  resource: pulumi.Resource,
  warnOn: (p: Problem) => pulumi.Resource = () => resource,
): void {
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new pulumi.ResourceError(`multihome: ${what} has ${errors.length} error(s):\n` + errors.map((p) => '  ' + formatProblem(p)).join('\n'), resource);
  for (const w of problems) if (w.severity === 'warning') pulumi.log.warn(formatProblem(w), warnOn(w));
}
