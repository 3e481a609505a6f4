/**
 * The guest interface name (cloud-init `set-name`) a VM NIC gets when its attachment gives none.
 *
 * It derives from the NIC's own interface name, never from its position: removing or reordering
 * other NICs never renames a guest NIC (trial report B14: with `eth<N>` in attachment order,
 * dropping the NIC before `eth2` turned it into `eth1` on the next cloud-init network pass, and
 * firewall or application configs keyed on the old name broke).
 *
 * Linux refuses interface names that are empty, 16 bytes or longer (`IFNAMSIZ` includes the NUL),
 * `.` or `..`, or contain `/`, `:` or whitespace (torvalds/linux net/core/dev.c
 * `dev_valid_name`). An interface name that passes is used as it is; any other one (KubeVirt
 * interface names may be up to 63 characters) becomes its first characters plus a short hash of
 * the whole name, still a function of that name alone.
 */
import { createHash } from 'crypto';

/** Longest Linux interface name, in bytes (`IFNAMSIZ` - 1). */
export const GUEST_NAME_MAX_BYTES = 15;

/** Why `name` is not a Linux interface name, or undefined when it is one. */
export function guestNameError(name: string): string | undefined {
  if (name.length === 0) return 'it is empty';
  if (Buffer.byteLength(name, 'utf8') > GUEST_NAME_MAX_BYTES) return `it is longer than ${GUEST_NAME_MAX_BYTES} bytes`;
  if (name === '.' || name === '..') return 'it is "." or ".."';
  if (/[/:\s]/.test(name)) return 'it contains "/", ":" or whitespace';
  return undefined;
}

/** Characters kept from a long or invalid interface name before the hash. */
const PREFIX_LENGTH = 10;

/**
 * The default guest name of a NIC whose VM interface is `interfaceName`: that name when Linux
 * accepts it, else `<first 10 safe characters>-<4 hex digits of sha256(name)>` (15 bytes at most).
 */
export function defaultGuestName(interfaceName: string): string {
  if (guestNameError(interfaceName) === undefined) return interfaceName;
  const safe = interfaceName.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, PREFIX_LENGTH).replace(/^[.-]+|[.-]+$/g, '');
  const hash = createHash('sha256').update(interfaceName, 'utf8').digest('hex').slice(0, 4);
  return safe ? `${safe}-${hash}` : `nic-${hash}`;
}
