import type { Manifest } from '../manifest';
import { isRecord } from '../problems';
import type { DesiredState, Interface, Nncp, NncpSpec } from './types';

/**
 * Rendering of the nmstate model to plain JSON objects with a canonical key order, so the same
 * model always serializes to byte-identical YAML. Values are copied, never shared with the input;
 * unknown fields and nmpolicy capture templates (`"{{ capture.x }}"`) are kept as they are;
 * `undefined` values are dropped.
 *
 * Key order: an interface starts with `name`, `type`, `state`; an NNCP with `apiVersion`, `kind`,
 * `metadata`, `spec`; metadata with `name`; any other object with `name` when it has one; all
 * remaining keys follow in code-point order. Array order is never changed (it is meaningful in
 * nmstate: interface order gives activation order, port order is what the user wrote).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const INTERFACE_FIRST = ['name', 'type', 'state'];
const NNCP_FIRST = ['apiVersion', 'kind', 'metadata', 'spec'];
const SPEC_FIRST = ['nodeSelector', 'maxUnavailable', 'capture', 'desiredState'];
const STATE_FIRST = ['interfaces', 'routes', 'route-rules', 'dns-resolver', 'ovn', 'ovs-db', 'hostname'];
const DEFAULT_FIRST = ['name'];

function orderedKeys(obj: Record<string, unknown>, first: readonly string[]): string[] {
  const head = first.filter((k) => k in obj);
  const rest = Object.keys(obj)
    .filter((k) => !first.includes(k))
    .sort();
  return [...head, ...rest];
}

/** Deep-copies `value` with canonical key order (`first` for this object, `name` first below). */
function canon(value: unknown, first: readonly string[] = DEFAULT_FIRST): Json | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return value;
  if (Array.isArray(value)) return value.map((v) => canon(v) ?? null);
  if (isRecord(value)) {
    const out: { [key: string]: Json } = {};
    for (const k of orderedKeys(value, first)) {
      const v = canon(value[k]);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  // bigint, function, symbol: not JSON; render their string form so output stays JSON.
  return String(value);
}

/** Renders one interface: `name`, `type`, `state` first, then the other keys sorted. */
export function renderInterface(iface: Interface): Record<string, unknown> {
  return canon(iface, INTERFACE_FIRST) as Record<string, unknown>;
}

/**
 * Renders a desired state as a plain JSON object: top-level keys in the order interfaces, routes,
 * route-rules, dns-resolver, ovn, ovs-db, hostname, then the rest; each interface via
 * {@link renderInterface}. A capture template in place of the interface list is kept.
 */
export function renderDesiredState(state: DesiredState): Record<string, unknown> {
  const out = canon(state, STATE_FIRST) as Record<string, Json>;
  if (Array.isArray(state.interfaces)) {
    out.interfaces = state.interfaces.map((i) => (isRecord(i) ? (renderInterface(i) as Json) : (canon(i) ?? null)));
  }
  return out;
}

/** Renders an NNCP `spec` (also the shape of an nmpolicy file: `capture` + `desiredState`). */
export function renderNncpSpec(spec: Partial<NncpSpec>): Record<string, unknown> {
  const out = canon(spec, SPEC_FIRST) as Record<string, Json>;
  if (isRecord(spec.desiredState)) out.desiredState = renderDesiredState(spec.desiredState) as Json;
  return out;
}

/** Renders a whole NodeNetworkConfigurationPolicy as a plain JSON manifest. */
export function renderNncp(nncp: Nncp): Manifest {
  const out = canon(nncp, NNCP_FIRST) as Record<string, Json>;
  if (isRecord(nncp.spec)) out.spec = renderNncpSpec(nncp.spec) as Json;
  return out as unknown as Manifest;
}
