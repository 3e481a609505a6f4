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

/**
 * One way a VM may be placed: the labels a node must carry, as the allowed values of each key
 * (`null` = the key must merely exist). A VM's placement is the OR of its alternatives — one per
 * required node-affinity term, each ANDed with `spec.nodeSelector` (kube-scheduler semantics).
 */
export interface PlacementAlternative {
  /** Field path of the term (or of `nodeSelector` when there is no affinity). */
  readonly path: string;
  readonly labels: ReadonlyMap<string, readonly string[] | null>;
}

/**
 * True when every node the alternative admits is certainly selected by `selector`. Only
 * equality, `In` and `Exists` can establish a label value; other operators only narrow further
 * and are ignored (never a reason to report). `Exists` satisfies a required empty value
 * (`node-role.kubernetes.io/worker: ""`): role labels carry no value.
 */
export function alternativeImplies(alt: PlacementAlternative, selector: Selector): boolean {
  for (const k of Object.keys(selector)) {
    const allowed = alt.labels.get(k);
    if (allowed === undefined) return false;
    if (allowed === null) {
      if (selector[k] !== '') return false;
    } else if (allowed.length === 0 || allowed.some((v) => v !== selector[k])) return false;
  }
  return true;
}

/** `{a=1, b in (x,y), c exists}` for messages. */
export function formatAlternative(alt: PlacementAlternative): string {
  if (alt.labels.size === 0) return 'every node';
  const parts = [...alt.labels.keys()].sort().map((k) => {
    const v = alt.labels.get(k);
    if (v === null || v === undefined) return `${k} exists`;
    return v.length === 1 ? `${k}=${v[0]}` : `${k} in (${v.join(',')})`;
  });
  return '{' + parts.join(', ') + '}';
}

/** True when no node the alternative admits can match `selector` (a required label with only other values). */
export function alternativeContradicts(alt: PlacementAlternative, selector: Selector): boolean {
  return Object.keys(selector).some((k) => {
    const allowed = alt.labels.get(k);
    return Array.isArray(allowed) && !allowed.includes(selector[k]);
  });
}

/** True when the alternative pins one node by `kubernetes.io/hostname` (whose other labels are unknown here). */
export function alternativePinsNode(alt: PlacementAlternative): boolean {
  const v = alt.labels.get(HOSTNAME_LABEL);
  return Array.isArray(v) && v.length === 1;
}
