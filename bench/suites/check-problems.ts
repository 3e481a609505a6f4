/**
 * Suite `check-problems`: `multihome check` (checkPaths) of a file of about N resources in which
 * every object has a problem, against the same file without them, measured in the same run.
 * Guards the security review's S5: locating a problem used to re-parse its whole document, so a
 * file full of problems was quadratic; now each document is parsed with positions at most once
 * and the cost of problems must stay within a constant factor of a clean check.
 *
 * Both files come from the bench environment's rendered manifests and the project's YAML emitter;
 * the problem file differs only by one bad annotation key and one bad label value per object
 * (METADATA_ANNOTATION_INVALID, METADATA_LABEL_INVALID), so both read the same documents.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Manifest } from '../../lib/core/manifest';
import { stringifyManifests } from '../../lib/core/render/yaml';
import { Figure, formatFigure } from '../harness';
import { Workspace } from '../workspace';
import { compare, ComparisonData } from './compare';

/** Target of the suite: a file where every document has problems checks in at most 3× the time of the same file clean. */
export const CHECK_PROBLEMS_TARGETS = { time: { op: '<=', value: 3 } } as const;

/** Options of {@link runCheckProblemsSuite}. */
export interface CheckProblemsSuiteOptions {
  readonly n: number;
  readonly reps: number;
  readonly warmup: number;
}

/** The clean and the problem file of size n, written into the workspace. */
export function checkProblemFiles(w: Workspace, n: number): { clean: string; problems: string; count: number } {
  const { raw } = w.manifestFiles(n);
  const manifests = JSON.parse(fs.readFileSync(raw, 'utf8')) as Manifest[];
  const dir = w.fresh('check-problems');
  fs.mkdirSync(dir, { recursive: true });
  const clean = path.join(dir, 'clean.k8s.yaml');
  const problems = path.join(dir, 'problems.k8s.yaml');
  fs.writeFileSync(clean, stringifyManifests(manifests));
  const broken = manifests.map((m) => {
    const md = (m.metadata ?? {}) as Record<string, unknown>;
    const labels = { ...((md.labels as Record<string, string> | undefined) ?? {}), 'bench.multihome.io/bad': 'not a label value!' };
    const annotations = { ...((md.annotations as Record<string, string> | undefined) ?? {}), 'a/b/c': 'x' };
    return { ...m, metadata: { ...md, labels, annotations } } as unknown as Manifest;
  });
  fs.writeFileSync(problems, stringifyManifests(broken));
  return { clean, problems, count: manifests.length };
}

/** Runs suite `check-problems` for N. */
export function runCheckProblemsSuite(w: Workspace, o: CheckProblemsSuiteOptions, log: (s: string) => void): { figures: Figure[]; comparison: ComparisonData } {
  const files = checkProblemFiles(w, o.n);
  const { figures, data } = compare(w, {
    suite: 'check-problems',
    n: o.n,
    a: { name: 'check, every object with problems', worker: 'check', input: () => ({ file: files.problems }) },
    b: { name: 'check, same file clean', worker: 'check', input: () => ({ file: files.clean }) },
    reps: o.reps,
    warmup: o.warmup,
    onWarmup: (a, b) => {
      const errorsA = Number(a.result.errors);
      if (a.result.resources !== b.result.resources || a.result.resources !== files.count) throw new Error(`check-problems N=${o.n}: read ${String(a.result.resources)} and ${String(b.result.resources)} resources of ${files.count}`);
      if (Number(b.result.errors) !== 0) throw new Error(`check-problems N=${o.n}: the clean file has errors: ${JSON.stringify(b.result.firstError)}`);
      if (errorsA < 2 * files.count) throw new Error(`check-problems N=${o.n}: ${errorsA} errors, expected at least 2 per object (${2 * files.count})`);
      log(`[check-problems] N=${o.n}: ${errorsA} errors in ${files.count} resources, none in the clean file`);
    },
    timeTarget: CHECK_PROBLEMS_TARGETS.time,
  });
  for (const f of figures) log(formatFigure(f));
  return { figures, comparison: data };
}
