/**
 * `multihome synth --previous REF`: an environment's output as committed at a git ref
 * (`<out>/<env>/*.yaml` at REF), read through git with argument arrays (no shell), for the
 * removals of the next output (lib/core/topology/removals.ts).
 */
import { execFileSync } from 'child_process';
import * as path from 'path';
import { Problem } from '../core/errors';
import { Manifest } from '../core/manifest';
import { isRecord } from '../core/problems';
import { MANIFEST_EXTENSIONS } from '../core/source/files';
import { readText } from '../core/source/object-reader';

/** Largest output git may print for one call (a whole environment's manifests). */
const MAX_GIT_OUTPUT = 256 * 1024 * 1024;

function git(args: readonly string[], cwd: string): string {
  return execFileSync('git', [...args], { cwd, encoding: 'utf8', maxBuffer: MAX_GIT_OUTPUT, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The commit `ref` names in the repository at `cwd`, or undefined (no such ref, no repository, no git). */
export function resolveCommit(ref: string, cwd: string = process.cwd()): string | undefined {
  // a ref that starts with `-` would be read as an option: no ref does
  if (ref === '' || ref.startsWith('-')) return undefined;
  try {
    const out = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd).trim();
    return /^[0-9a-f]{40,64}$/.test(out) ? out : undefined;
  } catch {
    return undefined;
  }
}

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
  const listed = git(['ls-tree', '-r', '-z', '--name-only', '--full-name', commit, '--', dir], cwd)
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
      git(['show', `${commit}:${file}`], cwd),
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
