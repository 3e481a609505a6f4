/**
 * The one validation of a set of manifests, shared by `multihome check` (hand-written YAML) and
 * every environment build (rendered output): each object as its consumer checks it
 * (`validateManifest`: nmstate, the CNI plugin, KubeVirt admission), then the set across
 * resources (`validateManifestSet`), then refined problems replace the per-resource ones they
 * refine (supersede.ts). Each problem comes with the manifest it is about, so callers can point
 * at its file and line or at the construct that declared it.
 */
import { Problem } from '../errors';
import { forgetNetworkDataParses } from '../kubevirt/cloud-init';
import { Manifest } from '../manifest';
import { validateManifest, ValidateOptions } from '../validate';
import { dropSuperseded, resourceKey } from './supersede';
import { manifestOfProblem, ManifestSetOptions, validateManifestSet } from './validate-set';

/** Options of {@link validateManifests}. */
export interface ManifestsValidationOptions extends ValidateOptions, ManifestSetOptions {}

/** A problem and the manifest it is reported on (undefined when it is about none of them). */
export interface LocatedProblem {
  readonly problem: Problem;
  readonly manifest?: Manifest;
}

/** Every problem of `manifests`, alone and together, in report order: per resource, then across resources. */
export function validateManifests(manifests: readonly Manifest[], options: ManifestsValidationOptions = {}): LocatedProblem[] {
  const out: LocatedProblem[] = [];
  try {
    for (const manifest of manifests) for (const problem of validateManifest(manifest, options)) out.push({ problem, manifest });
    for (const problem of validateManifestSet(manifests, options)) out.push({ problem, manifest: manifestOfProblem(problem) });
  } finally {
    // the parses the per-VM rules and the set rules shared are not needed past this run
    forgetNetworkDataParses();
  }
  return dropSuperseded(out, (l) => resourceKey(l.problem.resource.kind, l.problem.resource.namespace, l.problem.resource.name), (l) => l.problem.code);
}
