/** The keys of a plugin or IPAM object against the profile's build of it. */
import { Rec } from '../../field-reader';
import { joinPath } from '../../path';
import { FieldKind } from '../profiles';
import { NadContext } from './context';

/** Known keys of a build, lower-cased to their spelling (Go matches keys case-insensitively). */
const LOWER = new WeakMap<ReadonlyMap<string, FieldKind>, ReadonlyMap<string, string>>();

function lowerCased(keys: ReadonlyMap<string, FieldKind>): ReadonlyMap<string, string> {
  let lower = LOWER.get(keys);
  if (!lower) {
    const m = new Map<string, string>();
    for (const k of keys.keys()) m.set(k.toLowerCase(), k);
    LOWER.set(keys, (lower = m));
  }
  return lower;
}

/** True when the build decodes `key` (always true when its keys are not modelled). */
export function decodesKey(keys: ReadonlyMap<string, FieldKind> | undefined, key: string): boolean {
  return keys === undefined || keys.has(key);
}

/**
 * Unknown keys (warning: Go's encoding/json drops them — bridge.go NetConf et al.) and wrong
 * JSON types of known keys (error: json.Unmarshal fails in loadNetConf). Go matches keys
 * case-insensitively, so `"VLAN"` is the `vlan` field. `keys` undefined: not modelled, nothing
 * is checked.
 */
export function checkKeys(ctx: NadContext, obj: Rec, path: string, keys: ReadonlyMap<string, FieldKind> | undefined, what: string, type: string): void {
  if (!keys) return;
  const lower = lowerCased(keys);
  for (const [k, v] of Object.entries(obj)) {
    const field = keys.has(k) ? k : lower.get(k.toLowerCase());
    const kp = joinPath(path, k);
    if (field === undefined) {
      const since = ctx.profile.keyIntroducedIn(type, k);
      ctx.add(
        'CNI_UNKNOWN_KEY',
        kp,
        since
          ? `${k} is ignored by ${what}: the key exists only from containernetworking/plugins v${since} (this build is v${ctx.profile.pluginsVersion}); Go's JSON decoding drops it silently`
          : `${k} is not a key of ${what}; Go's JSON decoding drops it silently`,
        since ? `remove ${k}, or target nodes with plugins ≥ v${since}` : `remove ${k} or fix its spelling`,
      );
      continue;
    }
    ctx.read.ofKind(v, kp, k, keys.get(field)!);
  }
}
