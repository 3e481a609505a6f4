/**
 * Structural mutations of parsed documents, driven by numbers fast-check draws: a walk (child
 * indexes, taken modulo the container's size) picks a node, an operation changes it. Plain data
 * in, a mutated deep copy out; the input is never changed.
 */

/** One mutation: where (a walk of child indexes) and what. */
export interface Mutation {
  readonly walk: readonly number[];
  readonly op: 'replace' | 'insert' | 'delete' | 'duplicate' | 'wrap';
  readonly key: string;
  readonly value: unknown;
}

type Container = Record<string, unknown> | unknown[];
const isContainer = (v: unknown): v is Container => typeof v === 'object' && v !== null;

/** A deep copy of plain data (what YAML/JSON can hold, plus NaN/Infinity/-0). */
export function copy<T>(v: T): T {
  if (!isContainer(v)) return v;
  if (Array.isArray(v)) return v.map(copy) as T;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) Object.defineProperty(out, k, { value: copy((v as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true });
  return out as T;
}

/** Applies `m` to a copy of `doc` and returns it. */
export function mutate(doc: unknown, m: Mutation): unknown {
  const root = { root: copy(doc) } as Record<string, unknown>;
  let parent: Container = root;
  let key: string | number = 'root';
  for (const step of m.walk) {
    const node: unknown = (parent as Record<string, unknown>)[key as string];
    if (!isContainer(node)) break;
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (keys.length === 0) break;
    parent = node;
    key = keys[step % keys.length];
  }
  const target: unknown = (parent as Record<string, unknown>)[key as string];
  const set = (c: Container, k: string | number, v: unknown) => Object.defineProperty(c, k, { value: v, enumerable: true, writable: true, configurable: true });
  switch (m.op) {
    case 'replace':
      set(parent, key, m.value);
      break;
    case 'wrap':
      set(parent, key, Array.isArray(m.value) ? [target] : { [m.key]: target });
      break;
    case 'insert':
      if (Array.isArray(target)) target.push(m.value);
      else if (isContainer(target)) set(target, m.key, m.value);
      else set(parent, key, m.value);
      break;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else if (parent !== root) delete (parent as Record<string, unknown>)[key as string];
      break;
    case 'duplicate':
      if (Array.isArray(parent)) parent.splice(key as number, 0, copy(target));
      else if (Array.isArray(target) && target.length) target.push(copy(target[0]));
      break;
  }
  return root.root;
}

/** Keys whose string values are closed sets (enums) in a typed topology: kept by {@link mutateTyped}. */
const ENUM_KEYS = new Set(['pattern', 'plugin', 'platform', 'mode', 'type', 'state', 'imagePullPolicy', 'podNetwork', 'family', 'binding', 'model']);

/**
 * A mutation that keeps every value's JavaScript type (what the TypeScript types of a topology
 * allow, short of literal unions): strings stay strings, numbers numbers, booleans flip, arrays
 * lose, repeat or empty their entries. `pick` chooses among the candidate replacements.
 */
export function mutateTyped(doc: unknown, walk: readonly number[], strings: readonly string[], numbers: readonly number[], pick: number): unknown {
  const root = copy(doc);
  let node: unknown = root;
  let parent: Container | undefined;
  let key: string | number | undefined;
  for (const step of walk) {
    if (!isContainer(node)) break;
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (keys.length === 0) break;
    parent = node;
    key = keys[step % keys.length];
    node = (node as Record<string, unknown>)[key as string];
  }
  if (parent === undefined || key === undefined) return root;
  const p = parent as Record<string | number, unknown>;
  if (typeof node === 'string' && !(typeof key === 'string' && ENUM_KEYS.has(key))) p[key] = strings[pick % strings.length];
  else if (typeof node === 'number') p[key] = numbers[pick % numbers.length];
  else if (typeof node === 'boolean') p[key] = !node;
  else if (Array.isArray(node)) {
    const choice = pick % 3;
    if (choice === 0) node.length = 0;
    else if (choice === 1 && node.length) node.push(copy(node[pick % node.length]));
    else node.splice(pick % Math.max(node.length, 1), 1);
  }
  return root;
}
