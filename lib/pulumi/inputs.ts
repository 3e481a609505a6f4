/**
 * Values of the components' props that come from other resources (`pulumi.Input`s: a namespace's
 * `metadata.name`, a label value, an image, a whole VirtualMachine spec). The environment renders
 * once, after every Input has settled:
 *
 * 1. {@link extractInputs} replaces each Input in the topology with a placeholder token that is a
 *    valid value in any of those places (a DNS-1123 label), so the topology keeps its shape;
 * 2. {@link settleInputs} waits for each Input: its value, or — during `pulumi preview`, for an
 *    Output of a resource not created yet — unknown;
 * 3. {@link substituteInputs} puts the known values back; an unknown one stays a token, and the
 *    problems and manifests that mention a token are the ones that depend on an unknown value:
 *    their checks run at the update, when the value is known, never as a false problem now.
 */
import * as pulumi from '@pulumi/pulumi';

/** Placeholder tokens: `multihome-input-<n>`. */
const TOKEN_PREFIX = 'multihome-input-';
const TOKEN_PATTERN = /multihome-input-\d+(?![\d])/g;

/** True for a value that is not there yet: an Output or a promise. */
export function isInput(v: unknown): v is pulumi.Output<unknown> | Promise<unknown> {
  return pulumi.Output.isInstance(v) || (typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function');
}

/** A plain object or array (what a topology is made of), as opposed to class instances such as resources. */
function isPlain(v: unknown): v is Record<string, unknown> | unknown[] {
  if (Array.isArray(v)) return true;
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** True when `v` holds an Input anywhere inside. */
export function containsInputs(v: unknown): boolean {
  if (isInput(v)) return true;
  if (Array.isArray(v)) return v.some(containsInputs);
  if (isPlain(v)) return Object.values(v).some(containsInputs);
  return false;
}

/** One Input found in a topology, with its token and where it was (an intent path). */
export interface FoundInput {
  readonly token: string;
  readonly input: pulumi.Input<unknown>;
  readonly path: string;
}

/** A value with every Input replaced by its token, and the Inputs found. */
export interface Extracted<T> {
  readonly template: T;
  readonly inputs: readonly FoundInput[];
}

/** Replaces every Input inside `value` (plain objects and arrays) by a token; the rest is kept as it is. */
export function extractInputs<T>(value: T): Extracted<T> {
  const inputs: FoundInput[] = [];
  const walk = (v: unknown, path: string): unknown => {
    if (isInput(v)) {
      const token = `${TOKEN_PREFIX}${inputs.length}`;
      inputs.push({ token, input: v, path });
      return token;
    }
    if (Array.isArray(v)) return v.some(containsInputs) ? v.map((x, i) => walk(x, `${path}[${i}]`)) : v;
    if (isPlain(v) && Object.values(v).some(containsInputs)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x, path ? `${path}.${k}` : k);
      return out;
    }
    return v;
  };
  return { template: walk(value, '') as T, inputs };
}

/** An Input once settled: its value, or unknown (preview only). */
export type Settled = { readonly known: true; readonly value: unknown } | { readonly known: false };

/** The runtime side of an Output the SDK keeps internal: its value with unknowns left in. */
interface OutputInternals {
  promise(withUnknowns?: boolean): Promise<unknown>;
  isKnown: Promise<boolean>;
}

/**
 * Waits for one Input. An Output's value is read with its unknowns left in (the SDK's own
 * `promise(withUnknowns)`, what its output proxies use): `apply` would never call back for an
 * unknown, and the environment must know that it is unknown rather than wait for ever.
 */
export async function settleInput(input: pulumi.Input<unknown>): Promise<Settled> {
  let value: unknown = input;
  for (let depth = 0; depth < 8 && isInput(value); depth++) {
    if (pulumi.Output.isInstance(value)) {
      const o = value as unknown as OutputInternals;
      const [v, known] = await Promise.all([o.promise(true), o.isKnown]);
      if (!known || pulumi.containsUnknowns(v)) return { known: false };
      value = v;
    } else {
      value = await value;
    }
  }
  if (containsInputs(value)) {
    // an Output of an object that itself holds Outputs
    const inner = await settleInput(pulumi.output(value));
    return inner;
  }
  return { known: true, value };
}

/** Settles every Input, in parallel. */
export function settleInputs(inputs: readonly FoundInput[]): Promise<Settled[]> {
  return Promise.all(inputs.map((i) => settleInput(i.input)));
}

/**
 * The template with the known values in place of their tokens (a token that is a whole string is
 * replaced by the value, whatever its type); unknown tokens stay. `normalize(path, value)` may
 * turn a value into what the topology wants at that path (a brought VM into plain JSON).
 */
export function substituteInputs<T>(template: T, inputs: readonly FoundInput[], settled: readonly Settled[], normalize: (path: string, value: unknown) => unknown = (_p, v) => v): T {
  const known = new Map<string, { path: string; value: unknown }>();
  inputs.forEach((i, n) => {
    const s = settled[n];
    if (s.known) known.set(i.token, { path: i.path, value: s.value });
  });
  if (!known.size) return template;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const k = known.get(v);
      return k ? normalize(k.path, k.value) : v;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (isPlain(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(template) as T;
}

/** The tokens a text mentions (a JSON-serialized manifest or problem). */
export function tokensIn(text: string): string[] {
  return text.match(TOKEN_PATTERN) ?? [];
}
