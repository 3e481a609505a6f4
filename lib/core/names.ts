/**
 * Name rules declared once: kernel network interface names (shared by the nmstate model, the CNI
 * configs and the agent) and Kubernetes DNS-1123 names.
 *
 * Upstream: linux `net/core/dev.c` `dev_valid_name()`: the name must be non-empty, shorter than
 * IFNAMSIZ (16, so at most 15 bytes), not "." or "..", and contain no '/', ':' or whitespace.
 * nmstate itself does not check the length (see shared/reference/nmstate.md §2.9); NetworkManager
 * and the kernel reject the name at apply time, which is too late.
 */

/** Longest interface name the kernel accepts (IFNAMSIZ - 1). */
export const MAX_IFNAME_LENGTH = 15;

/**
 * C0 and C1 control characters and DEL. The kernel accepts them in interface names, but a NUL
 * cuts an `ip -batch` line short (the rest of the command lands on another device) and ESC/BEL
 * sequences rewrite the terminal that prints a plan, so multihome refuses them everywhere a name
 * reaches the kernel or a terminal.
 */
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/** A control character as the `\xNN` text that stands for it. */
const hexEscape = (c: string): string => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

/** Every {@link CONTROL_CHARACTER}, for replacing. */
const ALL_CONTROL = new RegExp(CONTROL_CHARACTER.source, 'g');

/** `s` with control characters (newlines and tabs included) written as `\xNN` escapes: one line, safe to print on a terminal. */
export function escapeControl(s: string): string {
  return s.replace(ALL_CONTROL, hexEscape);
}

/** Control characters a terminal acts on: {@link CONTROL_CHARACTER} except tab and newline. */
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * `text` (a whole message or report line) with every control character except tab and newline
 * written as `\xNN`, backslashes untouched: what is printed for a human, so a name like
 * `"\e]0;pwned\a\e[2J"` reaches the terminal as text, never as an escape sequence (review S15).
 */
export function printable(text: string): string {
  return text.replace(TERMINAL_CONTROL, hexEscape);
}

/**
 * `JSON.stringify(s)` with DEL and the C1 controls (U+007F–U+009F) escaped too: JSON escapes
 * only U+0000–U+001F, and a raw U+009B is a CSI to some terminals. Still valid JSON.
 */
export function quoteJson(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Returns why `name` is not a valid kernel interface name, or undefined when it is valid. */
export function interfaceNameError(name: unknown): string | undefined {
  if (typeof name !== 'string' || name.length === 0) return 'must be a non-empty string';
  if (Buffer.byteLength(name, 'utf8') > MAX_IFNAME_LENGTH)
    return `is ${Buffer.byteLength(name, 'utf8')} bytes long; the kernel allows at most ${MAX_IFNAME_LENGTH} (IFNAMSIZ 16)`;
  if (name === '.' || name === '..') return 'cannot be "." or ".."';
  if (/[/:\s]/.test(name)) return "cannot contain '/', ':' or whitespace";
  if (CONTROL_CHARACTER.test(name)) return `cannot contain control characters (found ${escapeControl(name)})`;
  return undefined;
}

/** k8s.io/apimachinery `validation.IsDNS1123Label` pattern (the length limit, 63, is checked apart). */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** k8s.io/apimachinery `validation.IsDNS1123Subdomain` pattern (the length limit, 253, is checked apart). */
export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
