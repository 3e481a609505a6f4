import { Construct } from 'constructs';
import { formatProblem, Problem } from '../core/errors';
import { Manifest } from '../core/manifest';
import { validateManifest, ValidateOptions } from '../core/validate';

/**
 * Validation of a standalone L2 construct (outside a NetworkEnvironment): the resource is
 * checked as its consumer would check it; errors fail synth with the construct path, warnings
 * are printed once.
 */
export function addResourceValidation(
  c: Construct,
  manifest: () => Manifest,
  options: ValidateOptions & { warn?: (m: string) => void } = {},
): () => Problem[] {
  const problems = () => validateManifest(manifest(), options).map((p) => ({ ...p, resource: { ...p.resource, constructPath: c.node.path } }));
  let warned = false;
  c.node.addValidation({
    validate: () => {
      const all = problems();
      if (!warned) {
        warned = true;
        const warn = options.warn ?? ((m: string) => process.stderr.write(m + '\n'));
        for (const p of all) if (p.severity === 'warning') warn(formatProblem(p));
      }
      return all.filter((p) => p.severity === 'error').map(formatProblem);
    },
  });
  return problems;
}
