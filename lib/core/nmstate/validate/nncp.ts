/** Entry points for whole NodeNetworkConfigurationPolicy manifests. */
import { Problem, ResourceRef } from '../../errors';
import { ProblemSink } from '../../problems';
import { NMSTATE_CODES } from '../codes';
import { validateDesiredState } from './desired-state';
import { checkNncpEnvelope, nncpResource } from './nncp-envelope';

/**
 * Validates a whole NodeNetworkConfigurationPolicy manifest: the envelope (kubernetes-nmstate
 * CRD and handler) and its desired state (nmstate). Returns every problem (errors and warnings)
 * at once; paths start at the manifest root (`spec.desiredState.interfaces[1].vlan.id`).
 */
export function validateNncp(obj: unknown, resource?: Partial<ResourceRef>): Problem[] {
  const sink = new ProblemSink(nncpResource(obj, resource), NMSTATE_CODES);
  const { desiredState } = checkNncpEnvelope(obj, sink);
  if (desiredState !== undefined) validateDesiredState(desiredState, sink, 'spec.desiredState');
  return sink.problems;
}

/** Creates a {@link ProblemSink} for the nmstate area (codes from {@link NMSTATE_CODES}). */
export function nmstateSink(resource: ResourceRef): ProblemSink {
  return new ProblemSink(resource, NMSTATE_CODES);
}
