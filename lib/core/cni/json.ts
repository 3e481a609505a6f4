import { isRecord } from '../problems';
import { JsonValue, NadConfig } from './types';

/** Where and why a `spec.config` string is not valid JSON. Lines and columns are 1-based. */
export interface JsonSyntaxError {
  /** The JavaScript engine's message, e.g. `Expected ',' or '}' after property value in JSON`. */
  readonly message: string;
  /** 0-based character offset inside the config string. */
  readonly offset: number;
  /** 1-based line inside the config string. */
  readonly line: number;
  /** 1-based column inside that line. */
  readonly column: number;
}

/** Result of {@link parseNadConfig}: the config, or the syntax error / shape error that stops it. */
export type ParseConfigResult =
  | { readonly ok: true; readonly config: NadConfig }
  | { readonly ok: false; readonly syntax: JsonSyntaxError; readonly value?: undefined }
  | { readonly ok: false; readonly syntax?: undefined; readonly value: JsonValue };

/**
 * Parses the JSON text of a NAD's `spec.config`. Returns the config object with every key kept,
 * a syntax error with its line/column inside the string, or — for valid JSON that is not an
 * object (array, string, null…) — the value itself so the caller can report its shape.
 */
export function parseNadConfig(json: string): ParseConfigResult {
  let value: JsonValue;
  try {
    value = JSON.parse(json) as JsonValue;
  } catch (e) {
    return { ok: false, syntax: locateSyntaxError(json, (e as Error).message) };
  }
  if (!isRecord(value)) return { ok: false, value };
  return { ok: true, config: value as NadConfig };
}

/**
 * Locates a JSON syntax error. V8 (Node 20) only sometimes prints `at position N` (never for
 * "Unexpected token"), so the offset is found by a small scanner that stops at the first
 * character that cannot continue a JSON text; the engine's position wins when it gives one.
 */
export function locateSyntaxError(json: string, engineMessage: string): JsonSyntaxError {
  const m = /at position (\d+)/.exec(engineMessage);
  const offset = m ? Number(m[1]) : firstErrorOffset(json);
  const before = json.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  const message = engineMessage.replace(/\s*(in JSON )?at position \d+.*$/, '').replace(/, ".*" is not valid JSON$/s, '');
  return { message, offset, line, column };
}

/** Offset of the first character that makes `s` invalid JSON (s.length when the text ends early). */
export function firstErrorOffset(s: string): number {
  let i = 0;
  class Stop {
    constructor(readonly at: number) {}
  }
  const ws = (): void => {
    while (i < s.length && ' \t\n\r'.includes(s[i])) i++;
  };
  const fail = (): never => {
    throw new Stop(i);
  };
  const literal = (word: string): void => {
    for (const ch of word) {
      if (s[i] !== ch) fail();
      i++;
    }
  };
  const str = (): void => {
    if (s[i] !== '"') fail();
    i++;
    while (i < s.length) {
      const c = s[i];
      if (c === '"') {
        i++;
        return;
      }
      if (c < ' ') fail();
      if (c === '\\') {
        i++;
        const e = s[i];
        if (e === 'u') {
          for (let k = 1; k <= 4; k++) {
            if (!/[0-9a-fA-F]/.test(s[i + k] ?? '')) {
              i += k;
              fail();
            }
          }
          i += 5;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) fail();
      }
      i++;
    }
    fail();
  };
  const num = (): void => {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(s.slice(i));
    if (!m || m[0] === '' || m[0] === '-') fail();
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = s[i];
    if (c === '{') {
      i++;
      ws();
      if (s[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        str();
        ws();
        if (s[i] !== ':') fail();
        i++;
        value();
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === '}') {
          i++;
          return;
        }
        fail();
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (s[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === ']') {
          i++;
          return;
        }
        fail();
      }
    }
    if (c === '"') return str();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    num();
  };
  try {
    value();
    ws();
    return i < s.length ? i : s.length;
  } catch (e) {
    if (e instanceof Stop) return e.at;
    throw e;
  }
}

/** Keys rendered first, in this order, at every object level; the rest follow sorted. */
const LEADING_KEYS = ['cniVersion', 'name', 'type'];

/** Deep copy of a JSON value with object keys in the stable order of {@link renderNadConfig}. */
export function sortJsonKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortJsonKeys);
  if (!isRecord(v)) return v;
  const keys = Object.keys(v).filter((k) => v[k] !== undefined);
  const lead = LEADING_KEYS.filter((k) => keys.includes(k));
  const rest = keys.filter((k) => !LEADING_KEYS.includes(k)).sort();
  const out: Record<string, unknown> = {};
  for (const k of [...lead, ...rest]) out[k] = sortJsonKeys(v[k]);
  return out;
}

/**
 * Renders a NAD config as deterministic JSON text: at every object level `cniVersion`, `name`,
 * `type` first, then the other keys sorted; arrays keep their order; 2-space indent. Same input,
 * same bytes — GitOps diffs show only real changes.
 */
export function renderNadConfig(cfg: NadConfig): string {
  return JSON.stringify(sortJsonKeys(cfg), null, 2);
}
