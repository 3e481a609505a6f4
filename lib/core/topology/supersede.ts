/**
 * Cross-resource warnings that refine a per-resource one: when both fire on the same resource,
 * only the refined one is reported (it knows the context — a VM uses the NAD, the bridge spans
 * several nodes — and its fix is the more precise).
 */
/** Refined code → the per-resource code it replaces on the same resource. */
export const SUPERSEDES: Readonly<Record<string, string>> = {
  TOPOLOGY_MACSPOOFCHK_OFF: 'CNI_BRIDGE_MACSPOOFCHK_OFF',
  TOPOLOGY_HOST_LOCAL_MULTI_NODE: 'CNI_IPAM_HOST_LOCAL_PER_NODE',
};

/**
 * `kind/namespace/name`; a missing namespace counts as `default` (what the API server assigns),
 * so a manifest without one and the cross-resource rules' view of it match.
 */
export function resourceKey(kind: string, namespace: string | undefined, name: string | undefined): string {
  return `${kind}/${namespace || 'default'}/${name ?? ''}`;
}

/**
 * Drops per-resource items that a refining cross-resource item on the same resource replaces.
 * `resourceOf` and `codeOf` read an item's resource key ({@link resourceKey}) and problem code, so
 * the rule serves problems and records that carry them alike.
 */
export function dropSuperseded<T>(items: readonly T[], resourceOf: (item: T) => string, codeOf: (item: T) => string): T[] {
  const replaced = new Set<string>();
  for (const p of items) {
    const older = SUPERSEDES[codeOf(p)];
    if (older) replaced.add(`${older} ${resourceOf(p)}`);
  }
  if (replaced.size === 0) return [...items];
  return items.filter((p) => !replaced.has(`${codeOf(p)} ${resourceOf(p)}`));
}
