import * as jsyaml from 'js-yaml';
import { parseJsonFastPath } from './json-fast-path';

/**
 * Parsing YAML/JSON from untrusted files with bounds: every place input enters (`check`, the
 * agent's config, environment files, pre-flight state) goes through here, so a 600-byte alias
 * bomb, a 5 000-deep nesting or a 1 GB file is refused with a clear reason instead of taking
 * the process past its memory limit.
 *
 * - size: the caller's byte budget per document (and per file, see {@link INPUT_LIMITS});
 * - depth: js-yaml's `maxDepth` (collections nested deeper are a parse error, not a stack overflow);
 * - aliases: js-yaml's `maxAliases` per document, and the *expanded* size of the document (a few
 *   aliases of aliases make 10^9 nodes out of 90: counted on the shared graph, in time linear in the
 *   distinct nodes, the way go-yaml refuses "excessive aliasing");
 * - merge keys: js-yaml's `maxTotalMergeKeys`.
 *
 * Plain JSON within the bounds is read by `JSON.parse` (json-fast-path.ts: same value, same verdict).
 */

/** Limits on one parse. */
export interface InputLimits {
  /** Largest file read at all, in bytes. */
  readonly maxFileBytes: number;
  /** Largest single document, in bytes. */
  readonly maxDocumentBytes: number;
  /** Deepest nesting of collections. */
  readonly maxDepth: number;
  /** Most alias nodes (`*ref`) in one document. */
  readonly maxAliases: number;
  /** Most nodes one document may expand to once aliases are followed. */
  readonly maxExpandedNodes: number;
  /** Most keys merged with `<<` in one document. */
  readonly maxMergeKeys: number;
}

/**
 * Defaults. The API server refuses request bodies over 3 MiB (`MaxRequestBodyBytes`,
 * k8s.io/apiserver `server/config.go`: 3 * 1024 * 1024), so no Kubernetes object is larger; a
 * file of many objects may be larger (`check dist/`), up to 64 MiB. Kubernetes manifests nest
 * ~20 levels; 64 leaves room for embedded documents.
 */
export const INPUT_LIMITS: InputLimits = {
  maxFileBytes: 64 * 1024 * 1024,
  maxDocumentBytes: 3 * 1024 * 1024,
  maxDepth: 64,
  maxAliases: 1000,
  maxExpandedNodes: 1_000_000,
  maxMergeKeys: 10_000,
};

/** Why an input was refused: the reason and the fix, in the user's terms. */
export interface InputRefusal {
  readonly reason: string;
  readonly fix: string;
  /** 0-based line inside the text, when the parser knows it. */
  readonly line?: number;
  /** True for a syntax error (as opposed to a limit). */
  readonly syntax: boolean;
  /** Which limit refused the input (absent for a syntax error). */
  readonly limit?: InputLimitKind;
}

/** The limits of {@link InputLimits}, by what they bound. */
export type InputLimitKind = 'size' | 'depth' | 'aliases' | 'expansion' | 'merge';

/** A parsed document or why it was refused. */
export type BoundedParse = { readonly value: unknown; readonly refusal?: undefined } | { readonly value?: undefined; readonly refusal: InputRefusal };

const MIB = 1024 * 1024;
const size = (n: number) => (n >= MIB ? `${(n / MIB).toFixed(1)} MiB` : `${n} bytes`);

/** Refusal for a text over `max` bytes, or undefined. `what` names it ("file", "document"). */
export function sizeRefusal(bytes: number, max: number, what: string): InputRefusal | undefined {
  if (bytes <= max) return undefined;
  return { reason: `${what} is ${size(bytes)}; at most ${size(max)} is read`, fix: `split the ${what} (the Kubernetes API accepts at most 3 MiB per object)`, syntax: false, limit: 'size' };
}

/** Parses one YAML/JSON document within `limits`. */
export function parseYamlBounded(text: string, limits: InputLimits = INPUT_LIMITS): BoundedParse {
  const tooBig = sizeRefusal(Buffer.byteLength(text, 'utf8'), limits.maxDocumentBytes, 'document');
  if (tooBig) return { refusal: tooBig };
  const json = parseJsonFastPath(text, limits);
  if (json) return json;
  let value: unknown;
  try {
    value = jsyaml.load(text, loadOptions(limits));
  } catch (err) {
    return { refusal: parseRefusal(err, limits) };
  }
  const expansion = expansionRefusal(value, limits.maxExpandedNodes);
  return expansion ? { refusal: expansion } : { value };
}

/** Parses every document of a multi-document text within `limits` (per document). */
export function parseAllYamlBounded(text: string, limits: InputLimits = INPUT_LIMITS): { values: unknown[]; refusal?: InputRefusal } {
  const tooBig = sizeRefusal(Buffer.byteLength(text, 'utf8'), limits.maxFileBytes, 'file');
  if (tooBig) return { values: [], refusal: tooBig };
  const json = parseJsonFastPath(text, limits);
  if (json) return { values: [json.value] };
  const values: unknown[] = [];
  try {
    jsyaml.loadAll(text, (doc) => values.push(doc), loadOptions(limits));
  } catch (err) {
    return { values: [], refusal: parseRefusal(err, limits) };
  }
  for (const v of values) {
    const expansion = expansionRefusal(v, limits.maxExpandedNodes);
    if (expansion) return { values: [], refusal: expansion };
  }
  return { values };
}

function loadOptions(limits: InputLimits): jsyaml.LoadOptions {
  return { maxDepth: limits.maxDepth, maxAliases: limits.maxAliases, maxTotalMergeKeys: limits.maxMergeKeys };
}

/** A js-yaml error (or a RangeError from a deep structure) as a refusal, its text bounded. */
export function parseRefusal(err: unknown, limits: InputLimits = INPUT_LIMITS): InputRefusal {
  const e = err as { reason?: string; message?: string; mark?: { line: number } };
  const line = e.mark ? { line: e.mark.line } : {};
  const expand = 'expand the anchors/aliases into plain YAML; Kubernetes manifests need neither';
  if (err instanceof RangeError) return { reason: `the document is nested too deeply to read (at most ${limits.maxDepth} levels)`, fix: 'flatten the structure', syntax: false, limit: 'depth' };
  const raw = e.reason ?? e.message ?? String(err);
  // js-yaml 5.5 (dist/js-yaml.cjs.js, readers of the `maxDepth`/`maxAliases`/`maxTotalMergeKeys` options): "nesting exceeded maxDepth (N)", "aliases exceeded maxAliases (N)",
  // "merge keys exceeded maxTotalMergeKeys (N)"; reworded so the user reads the limit, not the option.
  if (/maxDepth/.test(raw)) return { reason: `collections are nested deeper than ${limits.maxDepth} levels`, fix: 'flatten the structure; Kubernetes objects nest about 20 levels', ...line, syntax: false, limit: 'depth' };
  if (/maxAliases/.test(raw)) return { reason: `the document uses more than ${limits.maxAliases} aliases (*ref)`, fix: expand, ...line, syntax: false, limit: 'aliases' };
  if (/maxTotalMergeKeys/.test(raw)) return { reason: `the document merges more than ${limits.maxMergeKeys} keys with '<<'`, fix: expand, ...line, syntax: false, limit: 'merge' };
  return { reason: clip(raw, 200), fix: 'fix the YAML syntax at this line (indentation, quotes, missing ":")', ...line, syntax: true };
}

/**
 * Refusal when `value`, with every alias followed, has more than `max` nodes, or is cyclic.
 * Counts each distinct object once and multiplies by its references, so a bomb is measured
 * without being walked.
 */
export function expansionRefusal(value: unknown, max: number): InputRefusal | undefined {
  const sizes = new Map<object, number>();
  const open = new Set<object>();
  let cyclic = false;
  const count = (v: unknown): number => {
    if (typeof v !== 'object' || v === null) return 1;
    const known = sizes.get(v);
    if (known !== undefined) return known;
    if (open.has(v)) {
      cyclic = true;
      return Infinity;
    }
    open.add(v);
    let n = 1;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      n += count(child);
      if (n > max) break;
    }
    open.delete(v);
    sizes.set(v, n);
    return n;
  };
  const total = count(value);
  if (cyclic) return { reason: 'the document refers to itself through an alias', fix: 'remove the recursive anchor/alias', syntax: false, limit: 'expansion' };
  if (total > max) return { reason: `the document expands to more than ${max.toLocaleString('en-US')} values once its aliases are followed`, fix: 'expand the anchors/aliases into plain YAML; Kubernetes manifests need neither', syntax: false, limit: 'expansion' };
  return undefined;
}

/** `s` cut to `max` characters, marked when cut. */
export function clip(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 3) + '...';
}
