import { Problem } from './errors';
import { API } from './manifest';
import { isRecord } from './problems';
import { validateNncp } from './nmstate';
import { validateNad, PluginProfile } from './cni';
import { validateVirtualMachine } from './kubevirt';
import { apiGroupOf } from './kubernetes/metadata';
import { OVN_UDN_API, validateCudn, validateUdn } from './ovn';
import { objectTargets, targetAnnotationProblems } from './render/targets';
import { defaultTarget, Target, targetProblems } from './target';

/** Options of {@link validateManifest}. */
export interface ValidateOptions {
  /**
   * Which CNI plugin build the NADs target (which keys and types exist).
   * @default - each NAD's `multihome.io/plugin-profile` annotation, else the cni module's default profile
   */
  readonly pluginProfile?: PluginProfile;
  /**
   * The versions the objects are judged against (lib/core/target): the NNCP apiVersion and fields
   * its kubernetes-nmstate serves, the nmstate fields its handler knows, the KubeVirt API, the CNI
   * plugin build (unless `pluginProfile` names one), whether OVN-Kubernetes serves CUDN Localnet.
   * @default - each object's `multihome.io/target` annotation, else the default target
   */
  readonly target?: Target;
}

/** Kinds that `validateManifest` checks; every other kind is skipped, not an error. */
export const CHECKED_KINDS: readonly string[] = [API.nncp.kind, API.nad.kind, API.vm.kind, API.vmi.kind, OVN_UDN_API.cudnKind, OVN_UDN_API.udnKind];

/**
 * Kinds whose own validator already reports a missing name (NAD_SHAPE, NMSTATE_NNCP_SHAPE): the
 * metadata rules (`objectMetaProblems`) leave that one to them, `requireName: false`.
 */
export const NAME_REQUIRED_ELSEWHERE: readonly string[] = [API.nad.kind, API.nncp.kind];

/**
 * Validates one Kubernetes object the way the component that consumes it would (nmstate for
 * NNCPs, the CNI plugin for NADs, KubeVirt admission for VMs/VMIs, the OVN-Kubernetes CRDs for
 * ClusterUserDefinedNetworks/UserDefinedNetworks) and returns every problem.
 * Kinds multihome does not model return no problems.
 */
export function validateManifest(obj: unknown, options: ValidateOptions = {}): Problem[] {
  if (!isRecord(obj)) return [];
  const targets = targetAnnotationProblems(obj);
  const own = validateByKind(obj, options);
  return targets.length ? [...targets, ...own] : own;
}

function validateByKind(obj: Record<string, unknown>, options: ValidateOptions): Problem[] {
  const annotated = objectTargets(obj);
  // the target synth judged against, when the caller names none (render/targets.ts)
  const target = options.target ?? annotated.target ?? defaultTarget();
  switch (obj.kind) {
    case API.nncp.kind:
      return [...targetProblems(obj, target), ...validateNncp(obj, { nmstateVersion: target.versions.nmstate, apiVersions: target.nncpApiVersions })];
    case API.nad.kind:
      return validateNad(obj, { profile: options.pluginProfile ?? options.target?.pluginProfile ?? annotated.pluginProfile });
    case API.vm.kind:
    case API.vmi.kind:
      return validateVirtualMachine(obj, { kubevirtVersion: target.versions.kubevirt });
    // OVN-Kubernetes user-defined networks (any version of the k8s.ovn.org group; the CRD serves v1 only)
    case OVN_UDN_API.cudnKind:
      return apiGroupOf(obj.apiVersion) === OVN_UDN_API.group ? [...targetProblems(obj, target), ...validateCudn(obj)] : [];
    case OVN_UDN_API.udnKind:
      return apiGroupOf(obj.apiVersion) === OVN_UDN_API.group ? [...targetProblems(obj, target), ...validateUdn(obj)] : [];
    default:
      return [];
  }
}

