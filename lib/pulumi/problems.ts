import * as pulumi from '@pulumi/pulumi';
import { Change, changeNotice, changesToWarn } from '../core/diff';
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

/**
 * The changes against the previous output in `pulumi preview`/`up` diagnostics: those a reviewer
 * must plan for (severity warning or error) as warnings, the rest but cosmetic ones as info, each
 * on the resource `on` picks (the component its object is registered under).
 */
export function reportChanges(changes: readonly Change[], on: (c: Change) => pulumi.Resource): void {
  const warn = new Set(changesToWarn(changes));
  for (const c of changes) {
    if (warn.has(c)) pulumi.log.warn(changeNotice(c), on(c));
    else if (c.class !== 'cosmetic') pulumi.log.info(changeNotice(c), on(c));
  }
}
