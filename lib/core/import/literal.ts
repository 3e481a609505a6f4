/**
 * TypeScript source for plain data: the object literals of a generated module. Keys that are
 * identifiers stay bare, strings are single-quoted with every character TypeScript would not
 * read back as itself escaped, and a value that fits on one line stays on it.
 */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const WIDTH = 100;

/** A string as a single-quoted TypeScript literal (control characters, quotes, line separators escaped). */
export function tsString(s: string): string {
  let out = "'";
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === "'") out += "\\'";
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f || c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + "'";
}

/**
 * A property key: bare when it is an identifier, quoted otherwise; `__proto__` computed, the one
 * spelling that defines an own property rather than setting the object's prototype (ECMA-262
 * PropertyDefinitionEvaluation: only a non-computed `__proto__` is the prototype setter).
 */
export function tsKey(k: string): string {
  if (k === '__proto__') return `[${tsString(k)}]`;
  return IDENTIFIER.test(k) ? k : tsString(k);
}

/**
 * A JSON-like value (objects, arrays, strings, finite numbers, booleans, null) as a TypeScript
 * expression, indented for a position `indent` spaces deep. Keys whose value is undefined are
 * left out, as JSON does.
 */
export function tsLiteral(value: unknown, indent = 0): string {
  const flat = flatLiteral(value);
  if (flat.length + indent <= WIDTH) return flat;
  const pad = ' '.repeat(indent + 2);
  const end = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => `${pad}${tsLiteral(v ?? null, indent + 2)},\n`).join('')}${end}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${pad}${tsKey(k)}: ${tsLiteral(v, indent + 2)},\n`).join('')}${end}}`;
  }
  return scalar(value);
}

/** The value on one line. */
function flatLiteral(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => flatLiteral(v ?? null)).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${tsKey(k)}: ${flatLiteral(v)}`).join(', ')} }`;
  }
  return scalar(value);
}

function scalar(value: unknown): string {
  if (typeof value === 'string') return tsString(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`not a finite number: ${value}`);
    return Object.is(value, -0) ? '0' : String(value);
  }
  if (typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  throw new TypeError(`not plain data: ${typeof value}`);
}

/** A camelCase identifier from a Kubernetes name (`br0-100-l2` → `br0100L2`), never starting with a digit. */
export function identifierOf(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const id = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  if (id === '') return 'x';
  return /^[0-9]/.test(id) ? `n${id}` : id;
}
