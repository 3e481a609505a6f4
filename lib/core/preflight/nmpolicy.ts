/**
 * A small evaluator of nmpolicy (nmstate/nmpolicy), the `capture` language of NNCPs, so a policy
 * that captures the default-gateway interface is checked with the values it will have on each
 * node. Grammar and semantics follow nmstate/nmpolicy docs/user-guide/102-policy-syntax.md and
 * nmpolicy/internal/resolver (filter.go: a filter keeps the list items whose path equals the value
 * and returns the state down to that list; replace.go: `:=` sets the path on every item; a capture
 * reference `capture.<id>.<path>` reads an earlier entry). Supported: path, `==`, `!=`, `:=`,
 * `capture.<id> | <expression>`, string/number/boolean literals and capture paths as values.
 */
import { isRecord } from '../problems';

/** An nmstate state as nmpolicy reads it (a NodeNetworkState's `status.currentState`). */
export type NmstateState = Record<string, unknown>;
type Step = string | number;

/** Result of resolving a policy's captures and templates on one node. */
export type CaptureResult = { readonly ok: true; readonly desiredState: unknown } | { readonly ok: false; readonly reason: string };

/** `"{{ capture.x.y }}"` → `capture.x.y`. */
const TEMPLATE = /^\s*\{\{\s*(capture\.[^{}]+?)\s*\}\}\s*$/;

class NmpolicyError extends Error {}

/** Returns a capture entry's result by id (evaluating it on first use), or throws when it is not defined. */
export type CaptureLookup = (id: string) => unknown;

interface Token {
  readonly kind: 'path' | 'string' | 'number' | 'boolean' | 'null' | 'op' | 'pipe';
  readonly text: string;
}

function tokenize(expr: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      const end = expr.indexOf('"', i + 1);
      if (end < 0) throw new NmpolicyError(`unterminated string in ${JSON.stringify(expr)}`);
      out.push({ kind: 'string', text: expr.slice(i + 1, end) });
      i = end + 1;
    } else if (expr.startsWith('==', i) || expr.startsWith('!=', i) || expr.startsWith(':=', i)) {
      out.push({ kind: 'op', text: expr.slice(i, i + 2) });
      i += 2;
    } else if (c === '|') {
      out.push({ kind: 'pipe', text: c });
      i++;
    } else {
      const m = /^[A-Za-z0-9_.\-]+/.exec(expr.slice(i));
      if (!m) throw new NmpolicyError(`unexpected ${JSON.stringify(c)} in ${JSON.stringify(expr)}`);
      const text = m[0];
      const kind = /^\d+$/.test(text) ? 'number' : text === 'true' || text === 'false' ? 'boolean' : text === 'null' ? 'null' : 'path';
      out.push({ kind, text });
      i += text.length;
    }
  }
  return out;
}

function stepsOf(path: string): Step[] {
  return path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** Reads `steps` from `value` (map keys, list indexes); undefined when absent. */
export function readPath(value: unknown, steps: readonly Step[]): unknown {
  let v = value;
  for (const s of steps) {
    if (typeof s === 'number') v = Array.isArray(v) ? v[s] : undefined;
    else v = isRecord(v) ? v[s] : undefined;
    if (v === undefined) return undefined;
  }
  return v;
}

/** filter.go: walks maps; at the first list keeps the items matching the rest of the path. */
function filterState(value: unknown, steps: readonly Step[], test: (v: unknown) => boolean): unknown {
  if (steps.length === 0) return undefined;
  const [head, ...rest] = steps;
  if (Array.isArray(value)) {
    const kept = value.filter((item) => filterState(item, steps, test) !== undefined);
    return kept.length ? kept : undefined;
  }
  if (!isRecord(value) || typeof head !== 'string' || !(head in value)) return undefined;
  const inner = value[head];
  if (rest.length === 0) {
    if (isRecord(inner) || Array.isArray(inner)) throw new NmpolicyError(`cannot compare ${head}: it is not a single value`);
    return test(inner) ? value : undefined;
  }
  const sub = filterState(inner, rest, test);
  return sub === undefined ? undefined : { [head]: sub };
}

/** The path filter (`dns-resolver.running`): the state down to `steps`. */
function pathState(value: unknown, steps: readonly Step[]): unknown {
  if (steps.length === 0) return value;
  const [head, ...rest] = steps;
  const inner = readPath(value, [head]);
  if (inner === undefined) return undefined;
  const sub = pathState(inner, rest);
  return sub === undefined ? undefined : typeof head === 'number' ? [sub] : { [head]: sub };
}

/**
 * replace.go: a copy of `value` with `steps` set to `to` on every item of the lists crossed;
 * missing maps on the way are created, and `null` removes the field (nmstate
 * examples/policy/enable_lldp: `interfaces.ethernet := null`).
 */
function replaceState(value: unknown, steps: readonly Step[], to: unknown): unknown {
  if (steps.length === 0) return to;
  if (Array.isArray(value)) return value.map((item) => replaceState(item, steps, to));
  const [head, ...rest] = steps;
  if (typeof head !== 'string' || (value !== undefined && !isRecord(value))) return value;
  const base = value ?? {};
  if (rest.length === 0 && to === null) {
    const { [head]: _removed, ...kept } = base;
    return kept;
  }
  return { ...base, [head]: replaceState(base[head], rest, to) };
}

function valueOf(t: Token | undefined, captures: CaptureLookup): unknown {
  if (!t) throw new NmpolicyError('missing value after the operator');
  if (t.kind === 'string') return t.text;
  if (t.kind === 'number') return Number(t.text);
  if (t.kind === 'boolean') return t.text === 'true';
  if (t.kind === 'null') return null;
  if (t.kind === 'path' && t.text.startsWith('capture.')) return captureRef(t.text, captures);
  throw new NmpolicyError(`${t.text} is not a value (a string, number, boolean or capture path)`);
}

function captureRef(path: string, captures: CaptureLookup): unknown {
  const [, id, ...rest] = stepsOf(path);
  if (typeof id !== 'string') throw new NmpolicyError(`${path} does not name a capture entry`);
  const v = readPath(captures(id), rest);
  if (v === undefined) throw new NmpolicyError(`${path} has no value`);
  return v;
}

/** Evaluates one capture expression against the current state and the captures so far. */
export function evaluateCapture(expr: string, current: NmstateState, captures: CaptureLookup): unknown {
  let tokens = tokenize(expr);
  let input: unknown = current;
  const pipe = tokens.findIndex((t) => t.kind === 'pipe');
  if (pipe >= 0) {
    const source = tokens.slice(0, pipe);
    if (source.length !== 1 || source[0].kind !== 'path' || !source[0].text.startsWith('capture.')) throw new NmpolicyError('only a capture path can be piped');
    input = captureRef(source[0].text, captures);
    tokens = tokens.slice(pipe + 1);
  }
  const [path, op, value, ...extra] = tokens;
  if (!path || path.kind !== 'path' || extra.length) throw new NmpolicyError(`cannot parse ${JSON.stringify(expr)}`);
  if (path.text.startsWith('capture.') && !op) return captureRef(path.text, captures);
  let steps = stepsOf(path.text);
  if (steps[0] === 'capture') {
    // `capture.<id>.<path> == value`: the filter runs on that capture's state (nmstate examples/policy/search_route_on_mac)
    if (pipe >= 0 || typeof steps[1] !== 'string') throw new NmpolicyError(`cannot parse ${JSON.stringify(expr)}`);
    input = captures(steps[1]);
    steps = steps.slice(2);
  }
  if (!op) return pathState(input, steps) ?? {};
  const expected = valueOf(value, captures);
  if (op.text === ':=') return replaceState(input, steps, expected);
  const test = op.text === '==' ? (v: unknown) => v === expected : (v: unknown) => v !== expected;
  return filterState(input, steps, test) ?? {};
}

/** Resolves `{{ capture.… }}` templates in `desired` from the captured states. */
function substitute(desired: unknown, captures: CaptureLookup): unknown {
  if (typeof desired === 'string') {
    const m = TEMPLATE.exec(desired);
    return m ? captureRef(m[1], captures) : desired;
  }
  if (Array.isArray(desired)) return desired.map((d) => substitute(d, captures));
  if (isRecord(desired)) return Object.fromEntries(Object.entries(desired).map(([k, v]) => [k, substitute(v, captures)]));
  return desired;
}

/** True when the spec uses captures (then it is resolved per node). */
export function usesCapture(spec: Readonly<Record<string, unknown>>): boolean {
  return isRecord(spec.capture) && Object.keys(spec.capture).length > 0;
}

/**
 * Evaluates a policy's `capture` entries in order against one node's current state and resolves
 * the templates of its `desiredState`, as kubernetes-nmstate does before applying
 * (pkg/nmpolicy/generate.go).
 */
export function resolveCaptures(spec: Readonly<Record<string, unknown>>, current: NmstateState): CaptureResult {
  const expressions = isRecord(spec.capture) ? spec.capture : {};
  const done = new Map<string, unknown>();
  const resolving = new Set<string>();
  // an entry may reference one declared after it (nmpolicy resolves references on demand)
  const lookup: CaptureLookup = (id) => {
    if (done.has(id)) return done.get(id);
    const expr = expressions[id];
    if (typeof expr !== 'string') throw new NmpolicyError(`capture.${id} is not defined`);
    if (resolving.has(id)) throw new NmpolicyError(`capture.${id} refers to itself`);
    resolving.add(id);
    const value = evaluateCapture(expr, current, lookup);
    resolving.delete(id);
    done.set(id, value);
    return value;
  };
  try {
    for (const id of Object.keys(expressions)) lookup(id);
    return { ok: true, desiredState: substitute(spec.desiredState, lookup) };
  } catch (e) {
    if (e instanceof NmpolicyError) return { ok: false, reason: e.message };
    throw e;
  }
}
