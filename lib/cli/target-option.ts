/**
 * `--target` of check, preflight and diff: a preset (`openshift-4.19`), or `component=version`
 * pairs over the default preset (`kubevirt=1.8,nmstate=2.2.59`), optionally over another preset
 * (`preset=openshift-4.19,kubevirt=1.5`). A value that does not resolve is a Problem at
 * `--target` (exit 1), like an environment's `target` prop.
 */
import { Option } from 'commander';
import { MultihomeError } from '../core/errors';
import { Target, resolveTarget, targetSpecOfText, TARGET_PRESETS } from '../core/target';

/** The `--target` option, with the presets in its help. */
export function targetOption(): Option {
  return new Option(
    '--target <preset|versions>',
    `versions the cluster runs: a preset (${Object.keys(TARGET_PRESETS).join(', ')}) or component=version pairs (kubevirt, nmstate, kubernetesNmstate, cni, ovnKubernetes, openshift; preset=NAME to start from another preset); default: each object's multihome.io/target annotation, else ${Object.keys(TARGET_PRESETS)[0]}`,
  );
}

/** Resolves a `--target` value; throws the problems (printed, exit 1) when it does not resolve. */
export function parseTargetOption(value: string | undefined): Target | undefined {
  if (value === undefined) return undefined;
  const { target, problems } = resolveTarget(targetSpecOfText(value), { resource: { kind: 'Option', name: '--target' }, path: '--target' });
  if (problems.length) throw new MultihomeError(problems, 'multihome: --target does not name a target');
  return target;
}
