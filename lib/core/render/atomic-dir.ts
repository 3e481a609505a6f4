import * as fs from 'fs';
import * as path from 'path';

/**
 * Writes a set of directories all-or-nothing: `write` fills a temporary sibling of `root`; only
 * when it returns are the finished directories moved into place (replacing older ones). A
 * failure leaves `root` as it was, never half-written. Every name must be a plain directory name:
 * `..`, `a/b`, '' or an absolute path would replace a directory outside `root` (review S9), so
 * they are refused before anything is touched (callers report bad names as problems first; this
 * is the guard).
 */
export function writeDirsAtomically(root: string, names: readonly string[], write: (tmpRoot: string) => void): void {
  const resolvedRoot = path.resolve(root);
  const bad = names.find((n) => !isPlainDirectoryName(n));
  if (bad !== undefined) throw new Error(`multihome internal error: refusing to replace ${JSON.stringify(bad)}, which is not a directory name inside ${resolvedRoot}`);
  const parent = path.dirname(resolvedRoot);
  fs.mkdirSync(parent, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(parent, `.${path.basename(resolvedRoot)}.tmp-`));
  try {
    write(tmp);
    fs.mkdirSync(resolvedRoot, { recursive: true });
    for (const n of names) {
      const dest = path.join(resolvedRoot, n);
      fs.rmSync(dest, { recursive: true, force: true });
      fs.renameSync(path.join(tmp, n), dest);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** True for a name that joins to a direct child of any directory. */
function isPlainDirectoryName(n: string): boolean {
  return n !== '' && n !== '.' && n !== '..' && !n.includes('/') && !n.includes('\\') && !n.includes('\0') && path.basename(n) === n;
}
