/**
 * `multihome synth --previous REF`: an environment's output as committed at a git ref
 * (`<out>/<env>/*.yaml` at REF), read through git with argument arrays (no shell), for the
 * removals of the next output (lib/core/topology/removals.ts).
 */
import * as path from 'path';
import { Problem } from '../core/errors';
import { Manifest } from '../core/manifest';
import { isRecord } from '../core/problems';
import { MANIFEST_EXTENSIONS } from '../core/source/files';
import { readText } from '../core/source/object-reader';
import { runGit } from './git';

/** Largest output git may print for one call (a whole environment's manifests). */
const MAX_GIT_OUTPUT = 256 * 1024 * 1024;

/** What {@link readCommittedOutput} read. */
export interface CommittedOutput {
  /** The manifests of the directory at the commit; undefined when the commit has no such directory. */
  readonly manifests?: Manifest[];
  /** YAML and shape problems of the committed files (their file named `<commit>:<path>`). */
  readonly problems: Problem[];
}

/**
 * The manifests of every YAML/JSON file under `dir` (relative to `cwd`) as committed at `commit`,
 * in path order.
 */
export function readCommittedOutput(commit: string, dir: string, cwd: string = process.cwd()): CommittedOutput {
  const git = (args: readonly string[]) => runGit(cwd, args, `cannot read ${dir} at ${commit.slice(0, 12)}`, { maxBuffer: MAX_GIT_OUTPUT });
  const listed = git(['ls-tree', '-r', '-z', '--name-only', '--full-name', commit, '--', dir])
    .split('\0')
    .filter((f) => f !== '' && MANIFEST_EXTENSIONS.includes(path.extname(f).toLowerCase()))
    .sort();
  if (!listed.length) return { problems: [] };
  const manifests: Manifest[] = [];
  const problems: Problem[] = [];
  for (const file of listed) {
    const shown = `${commit.slice(0, 12)}:${file}`;
    readText(
      shown,
      git(['show', `${commit}:${file}`]),
      {
        source: (p) => problems.push({ ...p, message: `${p.file}:${p.line}: ${p.message}` }),
        shape: (p, origin) => problems.push({ ...p, message: `${origin.doc.file}: ${p.message}` }),
        object: (o) => {
          if (isRecord(o.metadata) && typeof o.metadata.name === 'string') manifests.push(o as unknown as Manifest);
        },
      },
      { topLevelLists: true },
    );
  }
  return { manifests, problems };
}
