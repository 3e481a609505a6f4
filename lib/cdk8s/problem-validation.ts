import { Construct } from 'constructs';
import { Change, changeNotice, changesToWarn } from '../core/diff';
import { formatProblem, Problem } from '../core/errors';

/** Where warnings go unless a construct is given its own `warn`. */
export const STDERR_WARN = (message: string): void => {
  process.stderr.write(message + '\n');
};

/**
 * Adds a cdk8s validation to `c`: at synth, every error of `problems()` fails synth (cdk8s lists
 * them all, each formatted with its construct path, code and field path) and the warnings are
 * printed once, through `warn`. The one way multihome's constructs report problems.
 */
export function addProblemValidation(c: Construct, problems: () => readonly Problem[], warn: (message: string) => void = STDERR_WARN): void {
  let warned = false;
  c.node.addValidation({
    validate: () => {
      const all = problems();
      if (!warned) {
        warned = true;
        for (const p of all) if (p.severity === 'warning') warn(formatProblem(p));
      }
      return all.filter((p) => p.severity === 'error').map(formatProblem);
    },
  });
}

/** `problems` with `path` as their construct path where they have none. */
export function atConstruct(problems: readonly Problem[], path: string): Problem[] {
  return problems.map((p) => (p.resource.constructPath ? p : { ...p, resource: { ...p.resource, constructPath: path } }));
}

/**
 * Prints, once at synth, the changes against the previous output that a reviewer must plan for
 * (lib/core/diff `changesToWarn`: severity warning or error), each as `multihome change: …`;
 * never fails synth (the errors among them are also problems when they leave state behind).
 */
export function addChangeReport(c: Construct, changes: () => readonly Change[], warn: (message: string) => void = STDERR_WARN): void {
  let printed = false;
  c.node.addValidation({
    validate: () => {
      if (!printed) {
        printed = true;
        for (const ch of changesToWarn(changes())) warn(changeNotice(ch));
      }
      return [];
    },
  });
}
