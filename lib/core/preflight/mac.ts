/** MAC addresses as nmstate prints them (upper case) and users write them, compared in one form. */

const CANONICAL_SHAPE = /^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$/;

/** Canonical MAC: lower-case, `:` separators; undefined for anything that is not six octets. */
export function canonicalMac(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  if (v.length === 17 && CANONICAL_SHAPE.test(v)) return v.toLowerCase();
  const hex = v.trim().toLowerCase().split(/[:-]/);
  if (hex.length !== 6 || !hex.every((h) => /^[0-9a-f]{1,2}$/.test(h))) return undefined;
  return hex.map((h) => h.padStart(2, '0')).join(':');
}
