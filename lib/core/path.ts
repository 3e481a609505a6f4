/**
 * Field paths inside a resource, in the form users read in kubectl and jq:
 * `spec.desiredState.interfaces[1].vlan.id`, `metadata.annotations["k8s.v1.cni.cncf.io/resourceName"]`.
 */

import { quoteJson } from './names';

/** One step of a path: an object key or an array index. */
export type PathSegment = string | number;

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Appends segments to a path, quoting keys that are not plain identifiers. Validators call it for
 * every field they read, so the first segments are parameters and the rest are walked by index:
 * code run once per reconcile is never optimized by V8, and there a `for…of` over a rest array
 * allocated an iterator result per segment (~2.5 MB of short-lived objects per 514-interface
 * config in the agent's converge, where each page of them faults under user-mode-linux).
 */
export function joinPath(base: string, a?: PathSegment, b?: PathSegment, ...more: PathSegment[]): string {
  let out = base;
  if (a !== undefined) out = appendSegment(out, a);
  if (b !== undefined) out = appendSegment(out, b);
  for (let i = 0; i < more.length; i++) out = appendSegment(out, more[i]);
  return out;
}

function appendSegment(out: string, s: PathSegment): string {
  if (typeof s === 'number') return `${out}[${s}]`;
  if (IDENT.test(s)) return out === '' ? s : `${out}.${s}`;
  return `${out}[${quoteJson(s)}]`;
}

/** Renders a segment list as a path string. */
export function formatPath(segments: readonly PathSegment[]): string {
  return joinPath('', ...segments);
}

/** Parses a path produced by {@link joinPath} back into segments. */
export function parsePath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  let i = 0;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      i++;
      continue;
    }
    if (c === '[') {
      const end = path[i + 1] === '"' ? findQuoteEnd(path, i + 1) + 1 : path.indexOf(']', i);
      const inner = path.slice(i + 1, end);
      out.push(inner.startsWith('"') ? (JSON.parse(inner) as string) : Number(inner));
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
    out.push(path.slice(i, j));
    i = j;
  }
  return out;
}

function findQuoteEnd(s: string, start: number): number {
  for (let k = start + 1; k < s.length; k++) {
    if (s[k] === '\\') k++;
    else if (s[k] === '"') return k;
  }
  return s.length - 1;
}

/** The value at `path` inside `root` (undefined when the path does not lead anywhere). */
export function valueAt(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const seg of path ? parsePath(path) : []) {
    if (Array.isArray(cur) && typeof seg === 'number') cur = cur[seg];
    else if (typeof cur === 'object' && cur !== null && !Array.isArray(cur)) cur = (cur as Record<string, unknown>)[String(seg)];
    else return undefined;
  }
  return cur;
}
