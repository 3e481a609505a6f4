/**
 * A fast path for JSON input to the bounded YAML parser (bounded-yaml.ts). JSON is YAML, and most
 * machine-written inputs — the agent's config, `ip -j` captures, NodeNetworkStates saved with
 * `kubectl -o json` — are JSON; V8's `JSON.parse` reads them an order of magnitude faster than
 * js-yaml's event parser and allocates far less (which matters most on a loaded node, and ~30× in
 * the user-mode-linux lab, where every fresh page faults through the host).
 *
 * It returns a value only where js-yaml would return the same one, so every verdict stays
 * js-yaml's: one object or array that `JSON.parse` accepts, with no key given twice in one
 * mapping (js-yaml refuses "duplicated mapping key", `JSON.parse` keeps the last), nested less
 * deeply than the depth limit and with fewer values than the expansion limit. Anything else —
 * YAML, several documents, a BOM, a duplicate key, a text near a limit — returns undefined, and
 * js-yaml parses it with its bounds and line-numbered errors.
 */
import type { InputLimits } from './bounded-yaml';

/** The value of `text` when it is plain JSON within `limits` that js-yaml would read the same; else undefined. */
export function parseJsonFastPath(text: string, limits: InputLimits): { readonly value: unknown } | undefined {
  const first = firstNonSpace(text);
  if (first !== 0x7b && first !== 0x5b) return undefined; // '{' or '['
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const shape = measure(value, limits);
  if (shape === undefined) return undefined;
  // JSON.parse keeps the last of two equal keys; the mapping then has fewer keys than the text names
  return keysInText(text) === shape.keys ? { value } : undefined;
}

function firstNonSpace(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return c;
  }
  return -1;
}

/**
 * Keys and nesting of a parsed JSON value, walked without recursion; undefined when a collection
 * sits `limits.maxDepth - 1` levels deep or more (js-yaml counts the document and a mapping's
 * values towards its depth: 9 nested arrays pass `maxDepth: 10`, 9 nested mappings of a scalar do
 * not; this margin leaves every case near the limit to js-yaml) or it holds more values than
 * `limits.maxExpandedNodes`.
 */
function measure(value: unknown, limits: InputLimits): { keys: number } | undefined {
  let keys = 0;
  let nodes = 1;
  const values: object[] = [];
  const depths: number[] = [];
  if (typeof value === 'object' && value !== null) {
    values.push(value);
    depths.push(1);
  }
  while (values.length) {
    const v = values.pop()!;
    const depth = depths.pop()!;
    if (depth >= limits.maxDepth - 1) return undefined;
    const children: unknown[] = Array.isArray(v) ? v : Object.values(v);
    if (!Array.isArray(v)) keys += children.length;
    nodes += children.length;
    if (nodes > limits.maxExpandedNodes) return undefined;
    for (let i = 0; i < children.length; i++) {
      const c = children[i];
      if (typeof c !== 'object' || c === null) continue;
      values.push(c);
      depths.push(depth + 1);
    }
  }
  return { keys };
}

/**
 * How many mapping keys a JSON text names: strings followed by ':' (outside strings a ':' only
 * ever follows a key). One pass over the characters, nothing allocated.
 */
function keysInText(s: string): number {
  let keys = 0;
  const n = s.length;
  let i = 0;
  while (i < n) {
    if (s.charCodeAt(i) !== 0x22) {
      i++;
      continue;
    }
    i++;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 0x5c) i += 2; // backslash: skip the escaped character
      else if (c === 0x22) break;
      else i++;
    }
    i++;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
    if (s.charCodeAt(i) === 0x3a) keys++;
  }
  return keys;
}
