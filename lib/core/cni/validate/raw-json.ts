/**
 * What JSON.parse hides from the rules: the keys of an object in the order written, duplicates
 * included (Go's encoding/json keeps the last value too, but a plugin may decode the raw bytes
 * again to refuse duplicates — plugins/meta/tuning/tuning.go validateSysctlConflictingKeys).
 * The text has already been accepted by JSON.parse (nad.ts), so the scanner does not validate.
 */
import { Rec } from '../../field-reader';

/** A JSON value with every object member kept in order. */
export type RawNode =
  | { readonly kind: 'object'; readonly members: ReadonlyArray<readonly [string, RawNode]> }
  | { readonly kind: 'array'; readonly items: readonly RawNode[] }
  | { readonly kind: 'scalar' };

/** Parses JSON text that JSON.parse accepts into {@link RawNode}s; undefined on malformed text. */
export function parseRawJson(text: string): RawNode | undefined {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const str = (): string => {
    const start = i;
    i++; // opening quote
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (): RawNode => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const members: Array<[string, RawNode]> = [];
      ws();
      if (text[i] === '}') {
        i++;
        return { kind: 'object', members };
      }
      for (;;) {
        ws();
        const k = str();
        ws();
        i++; // ':'
        members.push([k, value()]);
        ws();
        if (text[i++] === '}') return { kind: 'object', members };
      }
    }
    if (c === '[') {
      i++;
      const items: RawNode[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return { kind: 'array', items };
      }
      for (;;) {
        items.push(value());
        ws();
        if (text[i++] === ']') return { kind: 'array', items };
      }
    }
    if (c === '"') {
      str();
      return { kind: 'scalar' };
    }
    while (i < text.length && !',]} \t\n\r'.includes(text[i])) i++;
    return { kind: 'scalar' };
  };
  try {
    return value();
  } catch {
    return undefined;
  }
}

/** The members of `node` named `key` the way Go's decoder matches a field (exact, else case-insensitive). */
export function rawMembers(node: RawNode | undefined, key: string): RawNode[] {
  if (node?.kind !== 'object') return [];
  const exact = node.members.filter(([k]) => k === key);
  const found = exact.length > 0 ? exact : node.members.filter(([k]) => k.toLowerCase() === key.toLowerCase());
  return found.map(([, v]) => v);
}

/** Keys that occur more than once in object `node`, in order of their second occurrence. */
export function duplicateKeys(node: RawNode | undefined): string[] {
  if (node?.kind !== 'object') return [];
  const seen = new Set<string>();
  const dups: string[] = [];
  for (const [k] of node.members) {
    if (seen.has(k) && !dups.includes(k)) dups.push(k);
    seen.add(k);
  }
  return dups;
}

/**
 * The value of field `key` of a decoded config object the way Go's encoding/json finds it: the
 * exact key first, else any key equal ignoring case (the last such key, as Go keeps the last).
 */
export function goField(obj: Rec, key: string): unknown {
  const k = goKey(obj, key);
  return k === undefined ? undefined : obj[k];
}

/** The key under which Go's encoding/json finds field `key` in `obj` (see {@link goField}). */
export function goKey(obj: Rec, key: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(obj, key)) return key;
  let found: string | undefined;
  for (const k of Object.keys(obj)) if (k.toLowerCase() === key.toLowerCase()) found = k;
  return found;
}
