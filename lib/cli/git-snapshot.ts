/**
 * A git commit's tree as plain files in a temporary directory, for `multihome diff --base REF`:
 * the ref is resolved to a commit, its tree is checked out with a throw-away index (git
 * read-tree + checkout-index: the repository's own index, HEAD and worktree list are never
 * touched, and unlike `git archive` no `export-ignore` attribute drops files), and the directory
 * is removed afterwards whatever happens. Every git call is `execFileSync` with an argument array.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { escapeControl } from '../core/names';
import { UserError } from './environments';
import { looksLikeRef, resolveCommit, runGit } from './git';

/** Where the working directory sits in its git repository. */
export interface GitLocation {
  /** Absolute path of the repository's top-level directory. */
  readonly top: string;
  /** `cwd` relative to {@link top} (`''` at the top, forward slashes as git prints them). */
  readonly prefix: string;
}

/** The repository `cwd` belongs to; a {@link UserError} when it is not inside a git work tree. */
export function gitLocation(cwd: string): GitLocation {
  const top = runGit(cwd, ['rev-parse', '--show-toplevel'], `${cwd} is not inside a git work tree`).trim();
  const prefix = runGit(cwd, ['rev-parse', '--show-prefix'], `${cwd} is not inside a git work tree`).trim().replace(/\/$/, '');
  return { top, prefix };
}

/**
 * The commit `ref` names (a branch, tag, `HEAD~1`, a SHA) for `--base`; an unknown ref, or one
 * that looks like an option, is a {@link UserError}.
 */
export function baseCommit(cwd: string, ref: string): string {
  if (!looksLikeRef(ref)) throw new UserError(`--base ${escapeControl(ref)} is not a git ref`);
  const sha = resolveCommit(ref, cwd);
  if (sha === undefined) throw new UserError(`--base ${escapeControl(ref)}: no such commit in the repository at ${cwd}`);
  return sha;
}

/**
 * Writes the tree of `commit` under `dest` (an empty directory) with a temporary index file, so
 * nothing of the repository's state changes.
 */
export function exportTree(cwd: string, commit: string, dest: string, scratch: string): void {
  const env = { ...process.env, GIT_INDEX_FILE: path.join(scratch, 'index') };
  const run = (args: string[]) => runGit(cwd, args, `cannot check out ${commit} into a temporary directory`, { env });
  run(['read-tree', commit]);
  // --prefix needs the trailing separator to mean "into this directory"
  run(['checkout-index', '--all', '--force', `--prefix=${dest}${path.sep}`]);
}

/**
 * The nearest `node_modules` directory at or above `cwd` (the project's dependencies), or
 * undefined.
 */
export function nearestNodeModules(cwd: string): string | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * Calls `fn` with a checkout of `ref` and the directory in it that corresponds to `cwd`; the
 * project's `node_modules` is linked into the checkout at the same place (or at its top when it
 * lies above the repository) so the old sources import what the new ones do. The temporary
 * directory is removed when `fn` returns or throws.
 */
export function withSnapshot<T>(cwd: string, ref: string, fn: (snapshot: { readonly root: string; readonly cwd: string; readonly commit: string }) => T): T {
  const location = gitLocation(cwd);
  const commit = baseCommit(cwd, ref);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'multihome-diff-'));
  try {
    const root = path.join(tmp, 'tree');
    fs.mkdirSync(root);
    exportTree(cwd, commit, root, tmp);
    const snapshotCwd = path.join(root, ...location.prefix.split('/').filter((s) => s !== ''));
    fs.mkdirSync(snapshotCwd, { recursive: true });
    const modules = nearestNodeModules(fs.realpathSync(cwd));
    if (modules) {
      const rel = path.relative(location.top, path.dirname(modules));
      const at = rel.startsWith('..') || path.isAbsolute(rel) ? root : path.join(root, rel);
      const link = path.join(at, 'node_modules');
      if (!fs.existsSync(link)) fs.symlinkSync(modules, link, 'dir');
    }
    return fn({ root, cwd: snapshotCwd, commit });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
