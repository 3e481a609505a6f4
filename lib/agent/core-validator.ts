/**
 * The core nmstate validator (lib/core/nmstate `validateDesiredState`, nmstate's own rules) as an
 * agent {@link DesiredStateValidator}: `createAgent` runs it on the merged desiredState by default,
 * so an intent nmstate would reject is refused with every problem listed and nothing is applied —
 * the same verdict `multihome check` gives before anything reaches a cluster.
 */
import { nmstateSink, validateDesiredState } from '../core/nmstate/validate';
import { AGENT_CONFIG_API, DesiredStateValidator } from './config';

/** Runs lib/core's nmstate validation; problems keep their NMSTATE_* codes and field paths. */
export const coreNmstateValidator: DesiredStateValidator = (state, base) => {
  const sink = nmstateSink({ kind: AGENT_CONFIG_API.kind, name: base });
  validateDesiredState(state, sink, base);
  return sink.problems;
};

/** Validators `createAgent` uses when `deps.validators` is not given. */
export const DEFAULT_VALIDATORS: readonly DesiredStateValidator[] = [coreNmstateValidator];
