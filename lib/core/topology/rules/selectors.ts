/**
 * Equality node selectors (the only kind NNCPs and `spec.template.spec.nodeSelector` use) and
 * what can be known about the nodes they select without knowing the nodes.
 */

/** An equality node selector; `{}` selects every node. */
export type Selector = Readonly<Record<string, string>>;

/**
 * True when some node could match both selectors: no label is required with two different
 * values. Used for "may land on the same node" (conflicting NNCPs). Linear in the smaller map.
 */
export function selectorsCompatible(a: Selector, b: Selector): boolean {
  const [small, large] = Object.keys(a).length <= Object.keys(b).length ? [a, b] : [b, a];
  for (const k of Object.keys(small)) if (k in large && large[k] !== small[k]) return false;
  return true;
}

/** True when every node `narrow` selects is also selected by `wide` (`wide`'s labels are all in `narrow`). */
export function selectorImplies(narrow: Selector, wide: Selector): boolean {
  for (const k of Object.keys(wide)) if (narrow[k] !== wide[k]) return false;
  return true;
}

/** Label that pins a selector to one node. */
export const HOSTNAME_LABEL = 'kubernetes.io/hostname';

/** True when the selector certainly matches at most one node (it pins `kubernetes.io/hostname`). */
export function selectsOneNode(s: Selector): boolean {
  return typeof s[HOSTNAME_LABEL] === 'string';
}

/** `{a=1, b=}` for messages; `every node` for `{}`. */
export function formatSelector(s: Selector): string {
  const keys = Object.keys(s);
  if (keys.length === 0) return 'every node';
  return '{' + keys.sort().map((k) => `${k}=${s[k]}`).join(', ') + '}';
}
