/** Entry points for whole NodeNetworkConfigurationPolicy manifests. */
import { Problem, ResourceRef } from '../../errors';
import { ProblemSink } from '../../problems';
import { NMSTATE_CODES } from '../codes';
import { NmstateValidationOptions, validateDesiredState } from './desired-state';
import { checkNncpEnvelope, nncpResource } from './nncp-envelope';

/**
 * The second argument of {@link validateNncp}: overrides of the resource reference and/or the
 * target nmstate release (`{ nmstateVersion: '2.2.37' }`).
 */
export type NncpValidationOptions = Partial<ResourceRef> & NmstateValidationOptions;

/**
 * Validates a whole NodeNetworkConfigurationPolicy manifest: the envelope (kubernetes-nmstate
 * CRD and handler) and its desired state (nmstate). Returns every problem (errors and warnings)
 * at once; paths start at the manifest root (`spec.desiredState.interfaces[1].vlan.id`).
 * `nmstateVersion` (in `resource` or `options`; `options` wins) is the nmstate release the nodes
 * run (default `DEFAULT_NMSTATE_VERSION`, the newest 2.2.x known).
 */
export function validateNncp(obj: unknown, resource?: NncpValidationOptions, options: NmstateValidationOptions = {}): Problem[] {
  const { nmstateVersion, ...ref } = resource ?? {};
  const sink = new ProblemSink(nncpResource(obj, ref), NMSTATE_CODES);
  const { desiredState } = checkNncpEnvelope(obj, sink);
  if (desiredState !== undefined) validateDesiredState(desiredState, sink, 'spec.desiredState', { nmstateVersion: options.nmstateVersion ?? nmstateVersion });
  return sink.problems;
}

/** Creates a {@link ProblemSink} for the nmstate area (codes from {@link NMSTATE_CODES}). */
export function nmstateSink(resource: ResourceRef): ProblemSink {
  return new ProblemSink(resource, NMSTATE_CODES);
}
