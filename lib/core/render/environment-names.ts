/**
 * Names of environments become directory and file names (`<out>/<env>/<env>.k8s.yaml`) and the
 * cdk8s chart id; a name like `..` or `a/b` would point the writer outside `--out` (review S9:
 * `..` deleted the parent of `--out`). They must be DNS-1123 labels, the rule Kubernetes applies
 * to the names it also uses as path segments (namespaces).
 */
import { CodeTable, Problem } from '../errors';
import { dns1123LabelError } from '../kubernetes/names';
import { escapeControl } from '../names';
import { clip } from '../source/bounded-yaml';

/** Problem codes of environment names. */
export const ENVIRONMENT_NAME_CODES: CodeTable = {
  ENVIRONMENT_NAME_INVALID: {
    severity: 'error',
    summary: 'an environment name is not a DNS-1123 label (it names the output directory and file)',
    upstream: 'kubernetes/apimachinery pkg/util/validation/validation.go IsDNS1123Label (multihome uses it for output paths)',
  },
};

/** Why `name` cannot name an environment, or undefined. */
export function environmentNameError(name: string): string | undefined {
  return name.length === 0 ? 'is empty' : dns1123LabelError(name);
}

/** One problem per invalid environment name. */
export function environmentNameProblems(names: readonly string[]): Problem[] {
  const out: Problem[] = [];
  for (const name of names) {
    const why = environmentNameError(name);
    if (!why) continue;
    out.push({
      code: 'ENVIRONMENT_NAME_INVALID',
      severity: 'error',
      resource: { kind: 'Environment', name: escapeControl(clip(name, 80)) },
      path: '',
      message: `environment name ${JSON.stringify(clip(name, 80))} ${why}`,
      fix: 'rename the environment (the key of ENVIRONMENTS, or the topology name), e.g. "lab" or "prod-eu-1"',
    });
  }
  return out;
}
