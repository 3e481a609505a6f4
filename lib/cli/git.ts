/**
 * The one way the CLI calls git (`synth --previous REF`, `diff --base REF`): `execFileSync` with
 * an argument array (no shell), git's own message in a {@link UserError} when it fails, and ref
 * lookups that never let a ref be read as an option.
 */
import { execFileSync } from 'child_process';
import { escapeControl } from '../core/names';
import { clip } from '../core/source/bounded-yaml';
import { UserError } from './environments';

/** Longest git message echoed in an error. */
const GIT_ECHO_MAX = 500;

/** Options of {@link runGit}. */
export interface RunGitOptions {
  /** Largest stdout accepted. @default 16 MiB */
  readonly maxBuffer?: number;
  /** Environment of the git process. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Runs git in `cwd` and returns its stdout as printed; a failure is a {@link UserError} starting
 * with `what` and carrying git's message (or saying git is not installed).
 */
export function runGit(cwd: string, args: readonly string[], what: string, options: RunGitOptions = {}): string {
  try {
    return execFileSync('git', [...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: options.maxBuffer ?? 16 * 1024 * 1024, ...(options.env ? { env: options.env } : {}) });
  } catch (e) {
    const err = e as { code?: string; stderr?: string | Buffer; message?: string };
    if (err.code === 'ENOENT') throw new UserError(`${what}: git is not installed (not found on PATH)`);
    const reason = String(err.stderr ?? err.message ?? e).trim();
    throw new UserError(`${what}: ${escapeControl(clip(reason, GIT_ECHO_MAX))}`);
  }
}

/** True for text git could take as a ref argument: not empty, no leading `-` (an option), no control characters. */
export function looksLikeRef(ref: string): boolean {
  return ref !== '' && !ref.startsWith('-') && !/[\u0000-\u001f\u007f]/.test(ref);
}

/** The commit `ref` names in the repository at `cwd`, or undefined (no such ref, not a ref, no repository, no git). */
export function resolveCommit(ref: string, cwd: string = process.cwd()): string | undefined {
  if (!looksLikeRef(ref)) return undefined;
  try {
    const out = execFileSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    return /^[0-9a-f]{40,64}$/.test(out) ? out : undefined;
  } catch {
    return undefined;
  }
}
