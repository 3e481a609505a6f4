/**
 * Grouping values by key in a `Map<K, V[]>` (ports by controller, policies by node, …): the one
 * helper for the get-or-create-then-push the codebase does in many places.
 */

/** Appends `value` to the list `map` holds for `key`, creating the list on first use. */
export function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
