import * as fs from 'fs';
import * as path from 'path';

/**
 * Writes a set of directories all-or-nothing: `write` fills a temporary sibling of `root`; only
 * when it returns are the finished directories moved into place (replacing older ones). A
 * failure leaves `root` as it was, never half-written.
 */
export function writeDirsAtomically(root: string, names: readonly string[], write: (tmpRoot: string) => void): void {
  const parent = path.dirname(path.resolve(root));
  fs.mkdirSync(parent, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(parent, `.${path.basename(root)}.tmp-`));
  try {
    write(tmp);
    fs.mkdirSync(root, { recursive: true });
    for (const n of names) {
      const dest = path.join(root, n);
      fs.rmSync(dest, { recursive: true, force: true });
      fs.renameSync(path.join(tmp, n), dest);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
