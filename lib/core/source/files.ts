import * as fs from 'fs';
import * as path from 'path';
import { describeStats, errnoReason } from './read-file';

/** Extensions `multihome check` reads when given a directory. */
export const MANIFEST_EXTENSIONS: readonly string[] = ['.yaml', '.yml', '.json'];

/** Result of expanding the command line's paths. */
export interface ExpandedPaths {
  /** Readable files, in a stable order (directories walked and sorted). */
  readonly files: string[];
  /** Paths that could not be read, with the reason. */
  readonly unreadable: Array<{ path: string; reason: string }>;
  /** Entries of a walked directory left out on purpose (not a regular file, a link out of the tree), with the reason. */
  readonly skipped: Array<{ path: string; reason: string }>;
}

const isManifest = (p: string) => MANIFEST_EXTENSIONS.includes(path.extname(p).toLowerCase());

/**
 * Expands files and directories (recursively, manifest extensions only) into a sorted file list.
 *
 * Safe on hostile trees: entries are looked at with `lstat`, so a FIFO, socket or device named
 * `x.yaml` is skipped (with a reason) instead of being opened; a symbolic link is followed only
 * when its real path stays inside the real path of the directory given on the command line, and
 * every directory is entered once by real path, so `a -> .` loops end at once; a file reached twice
 * (through a link) is read once. Paths given explicitly are taken as the user named them (links
 * followed), but must be a regular file or a directory.
 */
export function expandPaths(inputs: readonly string[]): ExpandedPaths {
  const files: string[] = [];
  const unreadable: ExpandedPaths['unreadable'] = [];
  const skipped: ExpandedPaths['skipped'] = [];
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();
  const addFile = (p: string, real: string) => {
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    files.push(p);
  };
  const realOf = (p: string): string | undefined => {
    try {
      return fs.realpathSync(p);
    } catch {
      return undefined;
    }
  };
  const walkDir = (dir: string, root: string) => {
    const real = realOf(dir);
    if (real === undefined || seenDirs.has(real)) return;
    seenDirs.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (e) {
      unreadable.push({ path: dir, reason: (e as Error).message });
      return;
    }
    for (const e of entries) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walkDir(full, root);
      else if (e.isFile()) {
        if (isManifest(full)) addFile(full, path.join(real, e.name));
      } else if (e.isSymbolicLink()) followLink(full, root);
      else if (isManifest(full)) skipped.push({ path: full, reason: `is ${kindOfDirent(e)}, not a regular file` });
    }
  };
  const followLink = (link: string, root: string) => {
    const target = realOf(link);
    if (target === undefined) {
      if (isManifest(link)) skipped.push({ path: link, reason: 'is a broken symbolic link' });
      return;
    }
    let st: fs.Stats;
    try {
      st = fs.statSync(target);
    } catch {
      return;
    }
    const manifestLike = st.isDirectory() || isManifest(link);
    if (!manifestLike) return;
    if (target !== root && !target.startsWith(root.endsWith(path.sep) ? root : root + path.sep)) {
      skipped.push({ path: link, reason: `is a symbolic link to ${target}, outside ${root}` });
      return;
    }
    if (st.isDirectory()) walkDir(link, root);
    else if (st.isFile()) addFile(link, target);
    else skipped.push({ path: link, reason: `links to ${describeStats(st)}, not a regular file` });
  };
  for (const input of inputs) {
    let st: fs.Stats;
    try {
      st = fs.statSync(input);
    } catch (e) {
      unreadable.push({ path: input, reason: errnoReason(e) });
      continue;
    }
    const real = realOf(input) ?? path.resolve(input);
    if (st.isDirectory()) walkDir(input, real);
    else if (st.isFile()) addFile(input, real);
    else unreadable.push({ path: input, reason: `is ${describeStats(st)}, not a regular file` });
  }
  return { files, unreadable, skipped };
}

function kindOfDirent(e: fs.Dirent): string {
  if (e.isFIFO()) return 'a FIFO';
  if (e.isSocket()) return 'a socket';
  if (e.isCharacterDevice()) return 'a character device';
  if (e.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

