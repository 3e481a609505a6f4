/**
 * The previous output of an environment — what the cluster has, compared with the new render to
 * catch removals (rules/lifecycle.ts) and to render them absent (removals.ts) — given as
 * manifests or as a path: a file or a directory of YAML/JSON, read the way `multihome check`
 * reads (lib/core/source/object-reader.ts), a JSON array of manifests (`pulumi stack output
 * manifests --json`) included. Every reading mistake is a problem, never a throw.
 */
import * as fs from 'fs';
import { Problem } from '../errors';
import { Manifest } from '../manifest';
import { isRecord, ProblemSink } from '../problems';
import { readObjects } from '../source/object-reader';
import { TOPOLOGY_CODES } from './codes';

/** The previous output: its manifests, or a file or directory of them. */
export type PreviousOutput = readonly Manifest[] | string;

/** What {@link readPreviousOutput} read. */
export interface PreviousRead {
  /** The previous manifests; undefined when there is no previous output to compare with. */
  readonly manifests?: readonly Manifest[];
  /** Reading problems: TOPOLOGY_PREVIOUS_MISSING (a warning), TOPOLOGY_PREVIOUS_UNREADABLE, YAML and shape problems. */
  readonly problems: readonly Problem[];
}

const FIX = 'point previous at the output the cluster has (the committed or applied dist/<env>, e.g. read from the main branch), not at the directory synth writes';

/**
 * Reads a previous output. A path that does not exist is no previous output and a warning (the
 * first synthesis of an environment has none); an unreadable path, a directory without YAML or
 * JSON files and invalid YAML are problems.
 */
export function readPreviousOutput(source: PreviousOutput | undefined): PreviousRead {
  if (source === undefined) return { problems: [] };
  if (typeof source !== 'string') return { manifests: source, problems: [] };
  const sink = new ProblemSink({ kind: 'PreviousOutput', name: source }, TOPOLOGY_CODES);
  if (!fs.existsSync(source)) {
    sink.add('TOPOLOGY_PREVIOUS_MISSING', '', `previous output ${source} does not exist; nothing is compared with it and no removal is rendered`, 'fine for the first synthesis of an environment; otherwise ' + FIX);
    return { problems: sink.problems };
  }
  const problems: Problem[] = [];
  const manifests: Manifest[] = [];
  const read = readObjects(
    [source],
    {
      source: (p) => problems.push({ ...p, message: `${p.file}:${p.line}: ${p.message}` }),
      shape: (p, origin) => problems.push({ ...p, message: `${origin.doc.file}: ${p.message}` }),
      object: (o) => {
        if (isRecord(o.metadata) && typeof o.metadata.name === 'string') manifests.push(o as unknown as Manifest);
      },
    },
    { topLevelLists: true },
  );
  for (const u of read.unreadable) sink.add('TOPOLOGY_PREVIOUS_UNREADABLE', '', `cannot read previous output ${u.path}: ${u.reason}`, FIX);
  if (!read.files && !read.unreadable.length) sink.add('TOPOLOGY_PREVIOUS_UNREADABLE', '', `previous output ${source} holds no YAML or JSON file`, FIX);
  return { manifests, problems: [...problems, ...sink.problems] };
}
