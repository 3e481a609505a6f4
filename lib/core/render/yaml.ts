/**
 * Deterministic YAML for manifests, byte-identical to what `cdk8s synth` writes for the same
 * objects: keys sorted at every level (cdk8s `sanitizeValue`), `apiVersion`, `kind`,
 * `metadata` first at the top (cdk8s `ApiObject.toJson`), one `yaml` document per object with
 * cdk8s's options (`{ keepUndefined: true, lineWidth: 0, version: '1.1' }`), joined by `---`.
 *
 * cdk8s spends most of its synth time in the `yaml` package's serializer (it builds a node tree
 * per document, then prints it), so manifests are printed here by a direct emitter that writes
 * the same bytes: a port of the parts of `yaml` 2.x `stringify/` that plain JSON data reaches
 * with those options (block maps and sequences, `{}`/`[]` for empty ones, plain / single- /
 * double-quoted / literal-block strings chosen by the same rules, YAML 1.1 implicit types quoted,
 * no line folding because `lineWidth` is 0). Anything outside that domain (null inside a list,
 * a key longer than 1024 characters, non-JSON values, `__proto__`) falls back to `yaml` itself
 * for that document, so the output never depends on which path printed it.
 * test/bench/yaml-emitter.test.ts holds the emitter to `yaml`'s output over the environments, a
 * 10 000-VM one, tricky strings and random documents.
 */
import * as YAML from 'yaml';
import { Manifest } from '../manifest';

/** The options cdk8s `Yaml.stringify` passes to `yaml` for every document. */
export const CDK8S_YAML_OPTIONS = { keepUndefined: true, lineWidth: 0, version: '1.1' } as const;

/** Recursively sorts object keys (UTF-16 order, as `Array.prototype.sort`) and drops null/undefined. */
export function sortKeysDeep(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return v.map(sortKeysDeep);
  if (typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v as object).sort()) {
    const s = sortKeysDeep((v as Record<string, unknown>)[k]);
    if (s !== undefined && s !== null) out[k] = s;
  }
  return out;
}

/** A manifest in cdk8s's canonical key order. */
export function canonicalManifest(m: Manifest): Manifest {
  const sorted = sortKeysDeep(m) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of ['apiVersion', 'kind', 'metadata', ...Object.keys(sorted)]) if (k in sorted && !(k in out)) out[k] = sorted[k];
  return out as Manifest;
}

/** Multi-document YAML of manifests, as cdk8s `Yaml.stringify` writes it. */
export function stringifyManifests(manifests: readonly Manifest[]): string {
  return manifests.map(manifestYaml).join('---\n');
}

/** One manifest as one YAML document, exactly `yaml.stringify(canonicalManifest(m), CDK8S_YAML_OPTIONS)`. */
export function manifestYaml(m: Manifest): string {
  return emitCanonicalDocument(m) ?? manifestYamlReference(m);
}

/** The slow reference path (the `yaml` package), for tests and for documents the emitter does not take. */
export function manifestYamlReference(m: Manifest): string {
  return YAML.stringify(canonicalManifest(m), CDK8S_YAML_OPTIONS);
}

// ---------------------------------------------------------------------------------------------
// The emitter. Names and branches follow yaml/dist/stringify/{stringifyPair,stringifyCollection,
// stringifyString,stringifyNumber}.js (yaml 2.x) so the two can be compared side by side.

/** Thrown inside the emitter when a value is outside its domain; the document goes to `yaml`. */
const UNSUPPORTED = new Error('multihome yaml emitter: value outside the fast path');

const INDENT_STEP = '  ';
/** `doubleQuotedMinMultiLineLength` default. */
const DOUBLE_QUOTED_MIN_MULTILINE = 40;

/**
 * One regular expression matching every string the YAML 1.1 schema would read as something other
 * than a string (bool, null, int, float, timestamp, merge key…), built from the `yaml` package's
 * own tag tests so it follows the package: such strings must be quoted.
 */
const IMPLICIT_TYPE: RegExp = (() => {
  const schema = new YAML.Document(null, { version: '1.1' }).schema as unknown as {
    tags: Array<{ default?: unknown; tag: string; test?: RegExp }>;
    compat?: Array<{ default?: unknown; tag: string; test?: RegExp }>;
  };
  const tests = [...schema.tags, ...(schema.compat ?? [])]
    .filter((t) => t.default && t.tag !== 'tag:yaml.org,2002:str' && t.test)
    .map((t) => t.test as RegExp);
  if (tests.some((r) => r.flags !== '')) {
    // Not expected with yaml 2.x; keep exact semantics by testing one by one.
    return { test: (s: string) => tests.some((r) => r.test(s)) } as unknown as RegExp;
  }
  return new RegExp(tests.map((r) => `(?:${r.source})`).join('|'));
})();

/** `plainString`'s "not allowed as plain" test. */
const PLAIN_UNSAFE = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
/** Characters that force double quotes (control characters, unpaired surrogates). */
const FORCE_DOUBLE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;
const BLOCK_END_NEWLINES = /(^|(?<!\n))\n+(?!\n|$)/g;

/**
 * Where the emitter writes: the pieces of one document, joined once at its end (a flat string
 * per document; concatenating as it goes would leave ropes of millions of pieces for the GC).
 */
const parts: string[] = [];

/**
 * The YAML document of a manifest in canonical order by the direct emitter, or undefined when
 * the emitter does not take it (then {@link manifestYaml} uses `yaml`).
 */
export function emitCanonicalDocument(m: Manifest): string | undefined {
  if (m === null || typeof m !== 'object' || Array.isArray(m)) return undefined;
  const rec = m as unknown as Record<string, unknown>;
  return emitRoot(CANONICAL, rec, () => {
    // canonicalManifest inserts apiVersion, kind, metadata, then the rest (integer-like keys still enumerate first)
    const rest = presentKeys(rec);
    const keys: string[] = rest.filter(isArrayIndex);
    for (const k of ['apiVersion', 'kind', 'metadata']) if (rest.includes(k)) keys.push(k);
    for (const k of rest) if (k !== 'apiVersion' && k !== 'kind' && k !== 'metadata' && !isArrayIndex(k)) keys.push(k);
    return keys;
  });
}

/**
 * Emits one document whose root mapping is `root` with `keys()` (computed under `documentMode`)
 * in that order, or undefined when the emitter declines a value. Saves and restores the
 * module's emitter state, so a document can be emitted while another is in progress.
 */
function emitRoot(documentMode: EmitMode, root: Record<string, unknown>, keys: () => string[]): string | undefined {
  const saved = mode;
  mode = documentMode;
  parts.length = 0;
  try {
    const k = keys();
    // A manifest's root is never empty; `{}` is what yaml writes for an empty one.
    if (k.length) emitMap(root, k, '');
    else parts.push('{}');
    parts.push('\n');
    return parts.join('');
  } catch (e) {
    if (e !== UNSUPPORTED) throw e;
    return undefined;
  } finally {
    parts.length = 0;
    mode = saved;
  }
}

/** Options of {@link emitYamlDocument}. */
export interface EmitYamlOptions {
  /**
   * String values of these keys are written double-quoted (what setting a scalar's type to
   * `QUOTE_DOUBLE` does in `yaml`; cloud-init networkData quotes `macaddress`).
   */
  readonly doubleQuotedKeys?: ReadonlySet<string>;
}

/**
 * A mapping as one YAML 1.1 document, keys in insertion order, exactly as
 * `new YAML.Document(value, { version: '1.1' }).toString({ lineWidth: 0 })` writes it (with the
 * `doubleQuotedKeys` values typed `QUOTE_DOUBLE`) — or undefined when the emitter does not take
 * the value (a null, an object used twice, non-JSON values): then use `yaml`.
 */
export function emitYamlDocument(value: Readonly<Record<string, unknown>>, options: EmitYamlOptions = {}): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  return emitRoot({ sort: false, quote: options.doubleQuotedKeys, seen: new Set() }, o, () => keysOf(o));
}

/**
 * How the emitter reads objects: sorted with null/undefined dropped (a canonical manifest), or
 * in insertion order with undefined dropped (a plain `yaml` Document, which would alias an
 * object met twice — `seen` sends those to `yaml`).
 */
const CANONICAL = { sort: true } as const;
/** How the emitter reads objects (see {@link CANONICAL}). */
type EmitMode = { readonly sort: boolean; readonly quote?: ReadonlySet<string>; readonly seen?: Set<object> };
let mode: EmitMode = CANONICAL;

function keysOf(o: Record<string, unknown>): string[] {
  if (mode.sort) return presentKeys(o);
  const seen = mode.seen!;
  if (seen.has(o)) throw UNSUPPORTED;
  seen.add(o);
  let keys = Object.keys(o);
  let drop = false;
  for (const k of keys) {
    const v = o[k];
    if (v === null || k === '__proto__') throw UNSUPPORTED;
    if (v === undefined) drop = true;
  }
  if (drop) keys = keys.filter((k) => o[k] !== undefined);
  return keys;
}

/** Arrays met twice are aliased by `yaml` too (insertion mode only; canonical copies are fresh). */
function visitArray(a: readonly unknown[]): void {
  if (mode.sort) return;
  if (mode.seen!.has(a)) throw UNSUPPORTED;
  mode.seen!.add(a);
}

/**
 * Keys whose values survive `sortKeysDeep` (not null/undefined), in the order the sorted copy
 * enumerates them: sorted, except that array-index keys ("0", "10") come first in numeric order,
 * as JavaScript enumerates any object's integer-like keys.
 */
function presentKeys(o: Record<string, unknown>): string[] {
  let keys = Object.keys(o).sort();
  let drop = false;
  let index = false;
  for (const k of keys) {
    const v = o[k];
    if (v === null || v === undefined) drop = true;
    else if (k === '__proto__') throw UNSUPPORTED;
    const c = k.charCodeAt(0);
    if (c >= 48 && c <= 57 && isArrayIndex(k)) index = true;
  }
  if (drop) keys = keys.filter((k) => o[k] !== null && o[k] !== undefined);
  if (index) {
    const idx = keys.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b));
    keys = [...idx, ...keys.filter((k) => !isArrayIndex(k))];
  }
  return keys;
}

function isArrayIndex(k: string): boolean {
  return /^(?:0|[1-9][0-9]*)$/.test(k) && Number(k) < 4294967295;
}

/** A block map whose pairs sit at `indent` (the first line carries no indent). */
function emitMap(o: Record<string, unknown>, keys: readonly string[], indent: string): void {
  const inner = indent + INDENT_STEP;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const ks = stringifyString(k, true, inner);
    if (ks.length > 1024) throw UNSUPPORTED; // yaml switches to an explicit `? key`
    if (i > 0) parts.push('\n', indent);
    parts.push(ks, ':');
    const v = o[k];
    if (mode.quote !== undefined && typeof v === 'string' && mode.quote.has(k)) parts.push(' ', doubleQuotedString(v, false, inner));
    else emitValue(v, inner);
  }
}

/** A block sequence whose items sit at `indent`. */
function emitSeq(a: readonly unknown[], indent: string): void {
  const inner = indent + INDENT_STEP;
  for (let i = 0; i < a.length; i++) {
    parts.push(i > 0 ? '\n' + indent + '- ' : '- ');
    emitItem(a[i], inner);
  }
}

/** A pair's value with its separator: ` scalar`, ` {}`, or `\n<indent>` + a block collection. */
function emitValue(v: unknown, indent: string): void {
  switch (typeof v) {
    case 'string':
      parts.push(' ', stringifyString(v, false, indent));
      return;
    case 'number':
      parts.push(' ', stringifyNumber(v));
      return;
    case 'boolean':
      parts.push(v ? ' true' : ' false');
      return;
    case 'object': {
      if (Array.isArray(v)) {
        visitArray(v);
        if (!v.length) parts.push(' []');
        else {
          parts.push('\n', indent);
          emitSeq(v, indent);
        }
        return;
      }
      const o = v as Record<string, unknown>;
      const keys = keysOf(o);
      if (!keys.length) parts.push(' {}');
      else {
        parts.push('\n', indent);
        emitMap(o, keys, indent);
      }
      return;
    }
    default:
      throw UNSUPPORTED;
  }
}

/** A sequence item (after `- `), its own lines at `indent`. */
function emitItem(v: unknown, indent: string): void {
  switch (typeof v) {
    case 'string':
      parts.push(stringifyString(v, false, indent));
      return;
    case 'number':
      parts.push(stringifyNumber(v));
      return;
    case 'boolean':
      parts.push(v ? 'true' : 'false');
      return;
    case 'object': {
      if (v === null) throw UNSUPPORTED; // sortKeysDeep leaves `undefined` in the list; yaml prints it its own way
      if (Array.isArray(v)) {
        visitArray(v);
        if (v.length) emitSeq(v, indent);
        else parts.push('[]');
        return;
      }
      const o = v as Record<string, unknown>;
      const keys = keysOf(o);
      if (keys.length) emitMap(o, keys, indent);
      else parts.push('{}');
      return;
    }
    default:
      throw UNSUPPORTED;
  }
}

/** stringifyNumber.js */
function stringifyNumber(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? '.nan' : n < 0 ? '-.inf' : '.inf';
  return Object.is(n, -0) ? '-0' : JSON.stringify(n);
}

/** stringifyString.js `stringifyString` for an untyped scalar (`defaultStringType: PLAIN`), `actualString`. */
function stringifyString(value: string, implicitKey: boolean, indent: string): string {
  // yaml's YAML 1.1 merge tag claims the string "<<" and prints it bare; leave that to yaml.
  if (value === '<<') throw UNSUPPORTED;
  if (FORCE_DOUBLE.test(value)) return doubleQuotedString(value, implicitKey, indent);
  return plainString(value, implicitKey, indent);
}

function plainString(value: string, implicitKey: boolean, indent: string): string {
  const nl = value.includes('\n');
  if (implicitKey && nl) return quotedString(value, implicitKey, indent);
  if (PLAIN_UNSAFE.test(value)) return implicitKey || !nl ? quotedString(value, implicitKey, indent) : blockString(value, implicitKey, indent);
  if (!implicitKey && nl) return blockString(value, implicitKey, indent);
  if (DOCUMENT_MARKER.test(value)) {
    if (indent === '') throw UNSUPPORTED; // a top-level scalar document; never a manifest
    if (implicitKey && indent === INDENT_STEP) return quotedString(value, implicitKey, indent);
  }
  // No newline can be left here (both newline cases returned above).
  if (IMPLICIT_TYPE.test(value)) return quotedString(value, implicitKey, indent);
  return value;
}

function quotedString(value: string, implicitKey: boolean, indent: string): string {
  // singleQuote: null — single quotes only when the value has double quotes and no single ones.
  const hasDouble = value.includes('"');
  const hasSingle = value.includes("'");
  return hasDouble && !hasSingle ? singleQuotedString(value, implicitKey, indent) : doubleQuotedString(value, implicitKey, indent);
}

function singleQuotedString(value: string, implicitKey: boolean, indent: string): string {
  if ((implicitKey && value.includes('\n')) || /[ \t]\n|\n[ \t]/.test(value)) return doubleQuotedString(value, implicitKey, indent);
  const ind = indent || (DOCUMENT_MARKER.test(value) ? '  ' : '');
  return "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&\n${ind}`) + "'";
}

function doubleQuotedString(value: string, implicitKey: boolean, indent: string): string {
  const json = JSON.stringify(value);
  const ind = indent || (DOCUMENT_MARKER.test(value) ? '  ' : '');
  let str = '';
  let start = 0;
  for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
    if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
      // space before newline needs to be escaped to not be folded
      str += json.slice(start, i) + '\\ ';
      i += 1;
      start = i;
      ch = '\\';
    }
    if (ch === '\\')
      switch (json[i + 1]) {
        case 'u': {
          str += json.slice(start, i);
          const code = json.substr(i + 2, 4);
          switch (code) {
            case '0000':
              str += '\\0';
              break;
            case '0007':
              str += '\\a';
              break;
            case '000b':
              str += '\\v';
              break;
            case '001b':
              str += '\\e';
              break;
            case '0085':
              str += '\\N';
              break;
            case '00a0':
              str += '\\_';
              break;
            case '2028':
              str += '\\L';
              break;
            case '2029':
              str += '\\P';
              break;
            default:
              if (code.substr(0, 2) === '00') str += '\\x' + code.substr(2);
              else str += json.substr(i, 6);
          }
          i += 5;
          start = i + 1;
          break;
        }
        case 'n':
          if (implicitKey || json[i + 2] === '"' || json.length < DOUBLE_QUOTED_MIN_MULTILINE) {
            i += 1;
          } else {
            // folding will eat first newline
            str += json.slice(start, i) + '\n\n';
            while (json[i + 2] === '\\' && json[i + 3] === 'n' && json[i + 4] !== '"') {
              str += '\n';
              i += 2;
            }
            str += ind;
            // space after newline needs to be escaped to not be folded
            if (json[i + 2] === ' ') str += '\\';
            i += 1;
            start = i + 1;
          }
          break;
        default:
          i += 1;
      }
  }
  return start ? str + json.slice(start) : json;
}

/** blockString with `blockQuote: true`, no comment, `lineWidth: 0` (always literal `|`). */
function blockString(value: string, implicitKey: boolean, indent: string): string {
  // 1. Block can't end in whitespace unless the last line is non-empty.
  if (/\n[\t ]+$/.test(value)) return quotedString(value, implicitKey, indent);
  const ind = indent || (DOCUMENT_MARKER.test(value) ? '  ' : '');
  if (!value) return '|\n';
  // determine chomping from whitespace at value end
  let endStart: number;
  for (endStart = value.length; endStart > 0; --endStart) {
    const ch = value[endStart - 1];
    if (ch !== '\n' && ch !== '\t' && ch !== ' ') break;
  }
  let end = value.substring(endStart);
  const endNlPos = end.indexOf('\n');
  let chomp: string;
  if (endNlPos === -1) chomp = '-';
  else if (value === end || endNlPos !== end.length - 1) chomp = '+';
  else chomp = '';
  if (end) {
    value = value.slice(0, -end.length);
    if (end[end.length - 1] === '\n') end = end.slice(0, -1);
    end = end.replace(BLOCK_END_NEWLINES, `$&${ind}`);
  }
  // determine indent indicator from whitespace at value start
  let startWithSpace = false;
  let startEnd: number;
  let startNlPos = -1;
  for (startEnd = 0; startEnd < value.length; ++startEnd) {
    const ch = value[startEnd];
    if (ch === ' ') startWithSpace = true;
    else if (ch === '\n') startNlPos = startEnd;
    else break;
  }
  let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
  if (start) {
    value = value.substring(start.length);
    start = start.replace(/\n+/g, `$&${ind}`);
  }
  const indentSize = ind ? '2' : '1';
  const header = (startWithSpace ? indentSize : '') + chomp;
  value = value.replace(/\n+/g, `$&${ind}`);
  return `|${header}\n${ind}${start}${value}${end}`;
}
