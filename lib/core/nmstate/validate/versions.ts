/**
 * Which nmstate release a desired state is validated for. Keys, enum values and interface types
 * that nmstate added after 2.2.0 carry the release that introduced them (`since`), like the CNI
 * key tables of lib/core/cni/profiles.ts; a value newer than the target release is reported as
 * NMSTATE_FIELD_NEWER_THAN_TARGET (the older nmstate's serde rejects it), one known at the target
 * is accepted.
 *
 * Releases were read from nmstate/nmstate (mirror at 614c66dc = v2.2.37+8: `git log -S` on the
 * serde structs and CHANGELOG) and, after 2.2.37, from the nmstate 2.2.60/2.2.62 crate sources
 * published on docs.rs and the CHANGELOG notes in shared/reference/landscape-2026.md §nmstate.
 * Where the release after 2.2.37 that added a key could not be pinned, the entry says so
 * (`pinned: false`) and the message names "after 2.2.37".
 */
import { compareVersions } from '../../cni/profiles';

/**
 * The nmstate release validation targets when the caller gives none: the newest 2.2.x published
 * (nmstate 2.2.62, 2026-08-25, crates.io / docs.rs).
 */
export const DEFAULT_NMSTATE_VERSION = '2.2.62';

/** The release whose sources the rules were written against (nmstate/nmstate 614c66dc, v2.2.37+8). */
export const RULES_READ_AT_VERSION = '2.2.37';

/** When a key, enum value or interface type appeared in nmstate. */
export interface Since {
  /** First nmstate release that deserializes it. */
  readonly version: string;
  /**
   * false when only "some release after 2.2.37" is known (`version` is then 2.2.38): the message
   * says "after 2.2.37" instead of naming a release.
   * @default true
   */
  readonly pinned?: boolean;
}

/** Shorthand for a key added after 2.2.37 in a release that could not be pinned. */
export const AFTER_2_2_37: Since = { version: '2.2.38', pinned: false };

/** A set of keys (or enum values) with the release that added each one (none = 2.2.0 or older). */
export interface Versioned {
  /** Every value the newest known release accepts, in declaration order. */
  readonly all: readonly string[];
  /** The release that added a value; values without an entry are known to every 2.2 release. */
  readonly since: Readonly<Record<string, Since>>;
}

/** Builds a {@link Versioned} table: `base` values known to every 2.2 release plus newer ones. */
export function versioned(base: readonly string[], newer: Readonly<Record<string, string | Since>> = {}): Versioned {
  const since: Record<string, Since> = {};
  for (const [k, v] of Object.entries(newer)) since[k] = typeof v === 'string' ? { version: v } : v;
  return { all: [...base, ...Object.keys(newer).filter((k) => !base.includes(k))], since };
}

/** True when `target` is at least `version` (dotted numeric comparison). */
export function atLeast(target: string, version: string): boolean {
  return compareVersions(target, version) >= 0;
}

/** The release that added `value` to `table`, when `target` predates it; undefined otherwise. */
export function newerThan(table: Versioned, value: string, target: string): Since | undefined {
  const s = table.since[value];
  return s !== undefined && !atLeast(target, s.version) ? s : undefined;
}

/** The values of `table` that `target` knows. */
export function knownAt(table: Versioned, target: string): string[] {
  return table.all.filter((v) => newerThan(table, v, target) === undefined);
}

/** "nmstate 2.2.47" or "a release after nmstate 2.2.37" (unpinned). */
export function describeSince(s: Since): string {
  return s.pinned === false ? `a release after nmstate ${RULES_READ_AT_VERSION}` : `nmstate ${s.version}`;
}

/** True for a dotted numeric release such as `2.2.47`. */
export function isVersionText(v: string): boolean {
  return /^\d+(\.\d+){1,3}$/.test(v);
}
