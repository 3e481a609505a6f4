import * as fs from 'fs';
import * as path from 'path';

/** Extensions `multihome check` reads when given a directory. */
export const MANIFEST_EXTENSIONS: readonly string[] = ['.yaml', '.yml', '.json'];

/** Result of expanding the command line's paths. */
export interface ExpandedPaths {
  /** Readable files, in a stable order (directories walked and sorted). */
  readonly files: string[];
  /** Paths that could not be read, with the reason. */
  readonly unreadable: Array<{ path: string; reason: string }>;
}

/** Expands files and directories (recursively, manifest extensions only) into a sorted file list. */
export function expandPaths(inputs: readonly string[]): ExpandedPaths {
  const files: string[] = [];
  const unreadable: ExpandedPaths['unreadable'] = [];
  const walk = (p: string, explicit: boolean) => {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (e) {
      unreadable.push({ path: p, reason: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message });
      return;
    }
    if (st.isDirectory()) {
      let entries: string[];
      try {
        entries = fs.readdirSync(p).sort();
      } catch (e) {
        unreadable.push({ path: p, reason: (e as Error).message });
        return;
      }
      for (const e of entries) {
        if (e === 'node_modules' || e.startsWith('.')) continue;
        walk(path.join(p, e), false);
      }
    } else if (explicit || MANIFEST_EXTENSIONS.includes(path.extname(p).toLowerCase())) {
      files.push(p);
    }
  };
  for (const i of inputs) walk(i, true);
  return { files, unreadable };
}
