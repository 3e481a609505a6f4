import { hasErrors, Problem, ResourceRef } from '../errors';
import { joinPath } from '../path';
import { isRecord, ProblemSink, show } from '../problems';
import { NMSTATE_CODES } from './codes';
import type { DesiredState, Nncp, NncpSpec } from './types';
import { checkNncpEnvelope, isCaptureTemplate, nncpResource } from './validate';

/**
 * Parsing of upstream YAML (already loaded into plain objects) into the typed nmstate model.
 *
 * The model is wire-shaped, so parsing checks the structure the types rely on (mappings where
 * mappings are expected, interface names) and deep-copies the value; it neither renames aliases
 * (`ports`, `balance-slb`) nor converts numbers given as strings, and it keeps every field it does
 * not know. Rendering the result with `render.ts` gives back an object deep-equal to the input.
 * Content rules (VLAN ids, bond options, …) are left to `validate.ts`.
 *
 * nmpolicy capture templates (`"{{ capture.x.interfaces }}"`) may stand where the types expect a
 * list or a mapping; they are kept verbatim and their paths are listed in `templates`.
 */

/** Result of {@link parseDesiredState}. */
export interface ParsedDesiredState {
  /** The state, when it has no structural error. */
  readonly state?: DesiredState;
  /** Structural problems (errors stop `state` from being returned). */
  readonly problems: Problem[];
  /** Paths of values that are nmpolicy capture templates, resolved only on the node. */
  readonly templates: string[];
}

/** Result of {@link parseNncpSpec}. */
export interface ParsedNncpSpec {
  /** The spec (or nmpolicy file: `capture` + `desiredState`), when it has no structural error. */
  readonly spec?: NncpSpec;
  readonly problems: Problem[];
  readonly templates: string[];
}

/** Result of {@link parseNncp}. */
export interface ParsedNncp {
  /** The policy, when it has no structural error. */
  readonly nncp?: Nncp;
  /** Envelope problems (errors and warnings, e.g. a missing nodeSelector) and structural problems of the desired state. */
  readonly problems: Problem[];
  readonly templates: string[];
}

function collectTemplates(v: unknown, path: string, out: string[]): void {
  if (isCaptureTemplate(v)) out.push(path);
  else if (Array.isArray(v)) v.forEach((x, k) => collectTemplates(x, joinPath(path, k), out));
  else if (isRecord(v)) for (const [k, x] of Object.entries(v)) collectTemplates(x, joinPath(path, k), out);
}

/** Structural checks of a desired state: a mapping, `interfaces` a list of mappings with a name. */
function checkStateShape(obj: unknown, sink: ProblemSink, base: string): void {
  if (!isRecord(obj)) {
    sink.add('NMSTATE_FIELD_TYPE', base, `${base} must be a mapping (an nmstate state), got ${show(obj)}`, 'write the desired state as a YAML mapping with interfaces, routes, dns-resolver, …');
    return;
  }
  const ifaces = obj.interfaces;
  if (ifaces === undefined || ifaces === null || isCaptureTemplate(ifaces)) return;
  if (!Array.isArray(ifaces)) {
    sink.add('NMSTATE_FIELD_TYPE', joinPath(base, 'interfaces'), `interfaces must be a list, got ${show(ifaces)}`, 'write interfaces as a YAML list');
    return;
  }
  ifaces.forEach((i, k) => {
    const p = joinPath(base, 'interfaces', k);
    if (isCaptureTemplate(i)) return;
    if (!isRecord(i)) sink.add('NMSTATE_FIELD_TYPE', p, `interface ${k} must be a mapping, got ${show(i)}`, 'write each interface as a mapping with name, type, state');
    else if (typeof i.name !== 'string') sink.add('NMSTATE_FIELD_TYPE', joinPath(p, 'name'), `interface ${k} has name ${show(i.name)}; a name is required`, 'set the interface name');
  });
}

/**
 * Parses a bare nmstate desired state (the content of `spec.desiredState`, or an nmstate example
 * file). Problems carry paths from `base` and the given resource.
 */
export function parseDesiredState(
  obj: unknown,
  base = 'spec.desiredState',
  resource: ResourceRef = { kind: 'NetworkState' },
): ParsedDesiredState {
  const sink = new ProblemSink(resource, NMSTATE_CODES);
  checkStateShape(obj, sink, base);
  const templates: string[] = [];
  collectTemplates(obj, base, templates);
  const ok = !hasErrors(sink.problems);
  return { ...(ok ? { state: structuredClone(obj) as DesiredState } : {}), problems: sink.problems, templates };
}

/**
 * Parses an NNCP `spec`, which is also the shape of an nmpolicy file (`capture` + `desiredState`,
 * as in nmstate's examples/policy/*.yml).
 */
export function parseNncpSpec(obj: unknown, base = 'spec', resource: ResourceRef = { kind: 'NodeNetworkConfigurationPolicySpec' }): ParsedNncpSpec {
  const sink = new ProblemSink(resource, NMSTATE_CODES);
  const templates: string[] = [];
  if (!isRecord(obj)) {
    sink.add('NMSTATE_NNCP_SHAPE', base, `${base} must be a mapping, got ${show(obj)}`, 'write the spec as a mapping with desiredState');
    return { problems: sink.problems, templates };
  }
  if (obj.capture !== undefined && (!isRecord(obj.capture) || Object.values(obj.capture).some((e) => typeof e !== 'string'))) {
    sink.add('NMSTATE_NNCP_SHAPE', joinPath(base, 'capture'), `capture must map names to nmpolicy expressions (strings), got ${show(obj.capture)}`, 'write capture as {name: "expression", ...}');
  }
  if (!isRecord(obj.desiredState)) {
    sink.add('NMSTATE_NNCP_SHAPE', joinPath(base, 'desiredState'), `desiredState must be a mapping, got ${show(obj.desiredState)}`, 'set desiredState to the nmstate state to apply');
  } else checkStateShape(obj.desiredState, sink, joinPath(base, 'desiredState'));
  collectTemplates(obj.desiredState, joinPath(base, 'desiredState'), templates);
  const ok = !hasErrors(sink.problems);
  return { ...(ok ? { spec: structuredClone(obj) as unknown as NncpSpec } : {}), problems: sink.problems, templates };
}

/**
 * Parses a whole NodeNetworkConfigurationPolicy manifest (`nmstate.io/v1`; `v1beta1` and
 * `v1alpha1` are accepted with a warning). Returns the typed policy when the envelope and the
 * desired state's structure are sound, plus every envelope problem. Unknown fields are kept.
 */
export function parseNncp(obj: unknown, resource?: Partial<ResourceRef>): ParsedNncp {
  const sink = new ProblemSink(nncpResource(obj, resource), NMSTATE_CODES);
  const { desiredState } = checkNncpEnvelope(obj, sink);
  const templates: string[] = [];
  if (desiredState !== undefined) {
    checkStateShape(desiredState, sink, 'spec.desiredState');
    collectTemplates(desiredState, 'spec.desiredState', templates);
  }
  const ok = desiredState !== undefined && !hasErrors(sink.problems);
  return { ...(ok ? { nncp: structuredClone(obj) as Nncp } : {}), problems: sink.problems, templates };
}
