/** Entry points for whole NodeNetworkConfigurationPolicy manifests. */
import { Problem, ResourceRef } from '../../errors';
import { ProblemSink } from '../../problems';
import { NMSTATE_CODES } from '../codes';
import { NmstateValidationOptions, validateDesiredState } from './desired-state';
import { checkNncpEnvelope, NncpApiVersions, nncpResource } from './nncp-envelope';

/**
 * Options of {@link validateNncp}: overrides of the resource reference, the target nmstate
 * release (`nmstateVersion`) and the NNCP API versions the target kubernetes-nmstate serves.
 */
export type NncpValidationOptions = Partial<ResourceRef> & NmstateValidationOptions & {
  /** @default - v1 to write, v1beta1 and v1alpha1 served (some release serves each) */
  readonly apiVersions?: NncpApiVersions;
};

/**
 * Validates a whole NodeNetworkConfigurationPolicy manifest: the envelope (kubernetes-nmstate
 * CRD and handler) and its desired state (nmstate). Returns every problem (errors and warnings)
 * at once; paths start at the manifest root (`spec.desiredState.interfaces[1].vlan.id`).
 * `nmstateVersion` is the nmstate release the nodes run (default `DEFAULT_NMSTATE_VERSION`, the
 * newest 2.2.x known).
 */
export function validateNncp(obj: unknown, options: NncpValidationOptions = {}): Problem[] {
  const { nmstateVersion, apiVersions, ...ref } = options;
  const sink = new ProblemSink(nncpResource(obj, ref), NMSTATE_CODES);
  const { desiredState } = checkNncpEnvelope(obj, sink, apiVersions);
  if (desiredState !== undefined) validateDesiredState(desiredState, sink, 'spec.desiredState', { nmstateVersion });
  return sink.problems;
}

/** Creates a {@link ProblemSink} for the nmstate area (codes from {@link NMSTATE_CODES}). */
export function nmstateSink(resource: ResourceRef): ProblemSink {
  return new ProblemSink(resource, NMSTATE_CODES);
}
