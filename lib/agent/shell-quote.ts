/**
 * Printing plan commands so that pasting them into a shell runs exactly what `ip -batch` runs.
 * Interface names may legally contain `$(…)`, backticks or `;` (the kernel and nmstate accept
 * them; `ip -batch` gets each as one token, no shell involved), so every token that is not plainly
 * safe is single-quoted, POSIX style.
 */
import { CONTROL_CHARACTER, escapeControl } from '../core/names';

/** Tokens a POSIX shell reads literally, unquoted. */
const SHELL_SAFE = /^[A-Za-z0-9_.,:/@%+=-]+$/;

/**
 * One token for a POSIX shell: as is when {@link SHELL_SAFE}, else single-quoted with `'` written
 * as `'\''`. Control characters cannot reach a plan (interface names refuse them) but are escaped
 * anyway (`\xNN`), so a terminal never interprets them.
 */
export function shellQuote(token: string): string {
  if (SHELL_SAFE.test(token)) return token;
  const quoted = `'${token.replace(/'/g, `'\\''`)}'`;
  return CONTROL_CHARACTER.test(quoted) ? escapeControl(quoted) : quoted;
}

/** A plan command (`ip link add name br0 ...`, tokens separated by single spaces) with every token quoted as needed. */
export function shellCommand(command: string): string {
  return command.split(' ').map(shellQuote).join(' ');
}

/** True for a plan command line (`ip …` or `bridge …` as formatBatches writes it), as opposed to a sentence. */
export function isPlanCommand(line: string): boolean {
  return /^(ip|bridge) (link|address|route|vlan) /.test(line);
}
