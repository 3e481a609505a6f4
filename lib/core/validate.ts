import { Problem } from './errors';
import { API } from './manifest';
import { isRecord } from './problems';
import { validateNncp } from './nmstate';
import { validateNad, PluginProfile } from './cni';
import { validateVirtualMachine } from './kubevirt';
import { objectTargets, targetAnnotationProblems } from './render/targets';

/** Options of {@link validateManifest}. */
export interface ValidateOptions {
  /**
   * Which CNI plugin build the NADs target (which keys and types exist).
   * @default - each NAD's `multihome.io/plugin-profile` annotation, else the cni module's default profile
   */
  readonly pluginProfile?: PluginProfile;
}

/** Kinds that `validateManifest` checks; every other kind is skipped, not an error. */
export const CHECKED_KINDS: readonly string[] = [API.nncp.kind, API.nad.kind, API.vm.kind, API.vmi.kind];

/**
 * Kinds whose own validator already reports a missing name (NAD_SHAPE, NMSTATE_NNCP_SHAPE): the
 * metadata rules (`objectMetaProblems`) leave that one to them, `requireName: false`.
 */
export const NAME_REQUIRED_ELSEWHERE: readonly string[] = [API.nad.kind, API.nncp.kind];

/**
 * Validates one Kubernetes object the way the component that consumes it would (nmstate for
 * NNCPs, the CNI plugin for NADs, KubeVirt admission for VMs/VMIs) and returns every problem.
 * Kinds multihome does not model return no problems.
 */
export function validateManifest(obj: unknown, options: ValidateOptions = {}): Problem[] {
  if (!isRecord(obj)) return [];
  const targets = targetAnnotationProblems(obj);
  const own = validateByKind(obj, options);
  return targets.length ? [...targets, ...own] : own;
}

function validateByKind(obj: Record<string, unknown>, options: ValidateOptions): Problem[] {
  switch (obj.kind) {
    case API.nncp.kind:
      return validateNncp(obj);
    case API.nad.kind:
      // the profile synth validated against, when the caller names none (render/targets.ts)
      return validateNad(obj, { profile: options.pluginProfile ?? objectTargets(obj).pluginProfile });
    case API.vm.kind:
    case API.vmi.kind:
      return validateVirtualMachine(obj);
    default:
      return [];
  }
}
