/**
 * Stable, collision-free diagram ids. Every id is `<prefix>__<part>__<part>...` where each part is
 * encoded so that only `[A-Za-z0-9_]` remains: letters and digits stay, every other character
 * (the `_` included) becomes `_` plus its code point in hex and `_`. Separators (`__`) can then
 * never be produced by a part, so different inputs always give different ids, and the same
 * object gets the same id on every run. The charset is safe unquoted in DOT and Mermaid, and a
 * prefix keeps ids away from keywords (`end`, `graph`, `subgraph`).
 */

/** Id prefixes, declared once. */
export const ID_PREFIX = {
  nodeGroup: 'grp',
  namespace: 'ns',
  policy: 'nncp',
  iface: 'if',
  localnet: 'ln',
  nad: 'nad',
  vm: 'vm',
  problems: 'problems',
} as const;

/** An id prefix. */
export type IdPrefix = (typeof ID_PREFIX)[keyof typeof ID_PREFIX];

/** Encodes one id part (see the module comment). */
export function encodeIdPart(s: string): string {
  let out = '';
  for (const ch of s) {
    out += /^[A-Za-z0-9]$/.test(ch) ? ch : `_${ch.codePointAt(0)!.toString(16)}_`;
  }
  return out;
}

/** The id of an object: `prefix` and its identifying parts (e.g. node group and interface name). */
export function diagramId(prefix: IdPrefix, ...parts: readonly string[]): string {
  return [prefix, ...parts.map(encodeIdPart)].join('__');
}
