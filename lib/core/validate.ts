import { Problem } from './errors';
import { API } from './manifest';
import { isRecord } from './problems';
import { validateNncp } from './nmstate';
import { validateNad, PluginProfile } from './cni';
import { validateVirtualMachine } from './kubevirt';

/** Options of {@link validateManifest}. */
export interface ValidateOptions {
  /**
   * Which CNI plugin build the NADs target (which keys and types exist).
   * @default - the cni module's default profile
   */
  readonly pluginProfile?: PluginProfile;
}

/** Kinds that `validateManifest` checks; every other kind is skipped, not an error. */
export const CHECKED_KINDS: readonly string[] = [API.nncp.kind, API.nad.kind, API.vm.kind, API.vmi.kind];

/**
 * Validates one Kubernetes object the way the component that consumes it would (nmstate for
 * NNCPs, the CNI plugin for NADs, KubeVirt admission for VMs/VMIs) and returns every problem.
 * Kinds multihome does not model return no problems.
 */
export function validateManifest(obj: unknown, options: ValidateOptions = {}): Problem[] {
  if (!isRecord(obj)) return [];
  switch (obj.kind) {
    case API.nncp.kind:
      return validateNncp(obj);
    case API.nad.kind:
      return validateNad(obj, { profile: options.pluginProfile });
    case API.vm.kind:
    case API.vmi.kind:
      return validateVirtualMachine(obj);
    default:
      return [];
  }
}
