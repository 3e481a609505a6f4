/**
 * `multihome diff OLD NEW` (or `--base REF --env NAME`): reads two manifest sets, classifies every
 * change with the core engine (lib/core/diff) and returns one record per change with the file and
 * line it is about. Formatting lives in diff-format.ts.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Change, ChangeSeverity, diffManifests, DiffOptions, parseKubevirtVersion } from '../core/diff';
import { formatProblem } from '../core/errors';
import { Manifest } from '../core/manifest';
import { escapeControl } from '../core/names';
import { K8S_YAML_EXTENSION } from '../core/render/environment-dirs';
import { clip } from '../core/source/bounded-yaml';
import { forgetPositions, locate, SourceDocument } from '../core/source/documents';
import { ObjectVisitor, Origin, prefixPath, readObjects, readText } from '../core/source/object-reader';
import { synthesizeInChild, synthesizeOne, SynthOutcome } from './diff-synth';
import { DEFAULT_ENVIRONMENTS_MODULE, UserError } from './environments';
import { withSnapshot } from './git-snapshot';

/** Output formats of `multihome diff`. */
export type DiffFormat = 'text' | 'json' | 'markdown' | 'sarif';

/** Lowest severity that makes `multihome diff` exit 1 (`never`: always 0 once the inputs are read). */
export type FailOn = 'error' | 'warning' | 'never';

/** The classification engine (injectable so the command can be tested apart from it). */
export type DiffFunction = (previous: readonly Manifest[], next: readonly Manifest[], options?: DiffOptions) => Change[];

/** Options of {@link runDiff}. */
export interface DiffRunOptions {
  /** The previous manifests: a file or a directory (exclusive with {@link base}). */
  readonly old?: string;
  /** The new manifests: a file or a directory (exclusive with {@link base}). */
  readonly new?: string;
  /** A git ref whose environments module gives the previous side (needs {@link env}). */
  readonly base?: string;
  /** The environment to synthesize on both sides (with {@link base}). */
  readonly env?: string;
  /** @default DEFAULT_ENVIRONMENTS_MODULE */
  readonly environments?: string;
  /** KubeVirt `major.minor` of the cluster, for the engine. */
  readonly kubevirt?: string;
  /** multus-dynamic-networks-controller runs: bridge NICs plug and unplug in place (DiffOptions.dynamicNetworks). */
  readonly dynamicNetworks?: boolean;
  /** @default 'error' */
  readonly failOn?: FailOn;
  /** Working directory (the git repository for {@link base}). @default process.cwd() */
  readonly cwd?: string;
  /** @default diffManifests */
  readonly diff?: DiffFunction;
}

/**
 * One change as `--format json` prints it: the engine's record plus where it is. Keys always in
 * this order; `namespace` is null for cluster-scoped objects (every record has the same keys).
 * `file`/`line` are the new side's for `added` and `modified`, the old side's for `removed`.
 */
export interface DiffRecord {
  kind: string;
  namespace: string | null;
  name: string;
  path: string;
  change: Change['change'];
  class: Change['class'];
  severity: ChangeSeverity;
  message: string;
  fix: string;
  file: string;
  line: number;
}

/** Outcome of a diff run. */
export interface DiffResult {
  /** Sorted by kind, namespace, name, path, class, message. */
  readonly records: DiffRecord[];
  /** stderr lines: inputs not read, skipped entries, YAML problems, build problems. */
  readonly notes: string[];
  /** Objects read on each side. */
  readonly objects: { readonly old: number; readonly new: number };
  /** 0 = nothing at `failOn` or above, 1 = such a change, 2 = unreadable input. */
  readonly exitCode: 0 | 1 | 2;
}

/** Objects of one side with where each was read. */
class Side {
  readonly objects: Manifest[] = [];
  readonly origins = new Map<string, Origin>();
  /** YAML/shape errors: the side is not fully known. */
  errors = 0;
  readonly notes: string[] = [];
  readonly visitor: ObjectVisitor = {
    source: (p) => {
      if (p.severity === 'error') this.errors++;
      this.notes.push(`multihome diff: ${escapeControl(p.file)}:${p.line}: ${escapeControl(p.message)} (${escapeControl(p.fix)}) [${p.severity} ${p.code}]`);
    },
    shape: (p, origin) => {
      if (p.severity === 'error') this.errors++;
      this.notes.push(`multihome diff: ${escapeControl(origin.doc.file)}:${origin.doc.startLine}: ${escapeControl(p.message)} (${escapeControl(p.fix)}) [${p.severity} ${p.code}]`);
    },
    object: (obj, origin) => {
      this.objects.push(obj as Manifest);
      const key = identity(String(obj.kind), namespaceOf(obj), nameOf(obj));
      if (!this.origins.has(key)) this.origins.set(key, origin);
    },
  };
}

/** The object's namespace, undefined when it has none. */
function namespaceOf(obj: Record<string, unknown>): string | undefined {
  const md = obj.metadata as { namespace?: unknown } | undefined;
  return typeof md?.namespace === 'string' && md.namespace !== '' ? md.namespace : undefined;
}

function nameOf(obj: Record<string, unknown>): string {
  const md = obj.metadata as { name?: unknown } | undefined;
  return typeof md?.name === 'string' ? md.name : '';
}

function identity(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}\u0000${namespace ?? ''}\u0000${name}`;
}

/**
 * Runs the diff; every input mistake is a note with exit 2 or a {@link UserError} (usage), never
 * a stack trace. With `base`, both sides are synthesized from the environments module: the
 * working tree's in-process, the base commit's in a child process inside a temporary checkout.
 */
export function runDiff(options: DiffRunOptions): DiffResult {
  const cwd = options.cwd ?? process.cwd();
  const paths = [options.old, options.new].filter((p): p is string => p !== undefined);
  if (options.base !== undefined) {
    if (paths.length) throw new UserError('give either OLD NEW or --base REF --env NAME, not both');
    if (options.env === undefined) throw new UserError('--base needs --env NAME (the environment to synthesize on both sides)');
  } else {
    if (options.env !== undefined) throw new UserError('--env needs --base REF (or give OLD NEW manifest paths)');
    if (paths.length !== 2) throw new UserError('nothing to compare: give OLD NEW (files or directories of manifests) or --base REF --env NAME');
  }
  if (options.kubevirt !== undefined && !parseKubevirtVersion(options.kubevirt)) throw new UserError(`--kubevirt ${escapeControl(options.kubevirt)} is not a KubeVirt major.minor version (e.g. 1.8)`);
  const oldSide = new Side();
  const newSide = new Side();
  const notes: string[] = [];
  let unreadable = false;
  if (options.base !== undefined) {
    unreadable = !synthesizeSides(cwd, options.base, options.env as string, options.environments ?? DEFAULT_ENVIRONMENTS_MODULE, oldSide, newSide, notes);
  } else {
    for (const [side, p] of [[oldSide, options.old as string], [newSide, options.new as string]] as const) {
      const read = readObjects([inDir(cwd, p)], side.visitor);
      for (const u of read.unreadable) notes.push(`multihome diff: cannot read ${escapeControl(u.path)}: ${escapeControl(u.reason)}`);
      for (const s of read.skipped) notes.push(`multihome diff: skipped ${escapeControl(s.path)}: ${escapeControl(s.reason)}`);
      if (read.unreadable.length) unreadable = true;
    }
  }
  notes.push(...oldSide.notes, ...newSide.notes);
  if (unreadable || oldSide.errors || newSide.errors) {
    return { records: [], notes, objects: { old: oldSide.objects.length, new: newSide.objects.length }, exitCode: 2 };
  }
  const diff = options.diff ?? diffManifests;
  const changes = diff(oldSide.objects, newSide.objects, { ...(options.kubevirt !== undefined ? { kubevirt: options.kubevirt } : {}), ...(options.dynamicNetworks ? { dynamicNetworks: true } : {}) });
  const records = sortRecords(locateChanges(changes, oldSide, newSide));
  return { records, notes, objects: { old: oldSide.objects.length, new: newSide.objects.length }, exitCode: exitCodeFor(records, options.failOn ?? 'error') };
}

/** 1 when a record is at `failOn` or above, else 0. */
export function exitCodeFor(records: readonly DiffRecord[], failOn: FailOn): 0 | 1 {
  if (failOn === 'never') return 0;
  const failing: readonly ChangeSeverity[] = failOn === 'error' ? ['error'] : ['error', 'warning'];
  return records.some((r) => failing.includes(r.severity)) ? 1 : 0;
}

/**
 * Fills both sides from the environments module: the new one from the working tree, the old one
 * from `base`. Returns false (with notes) when a side cannot be synthesized.
 */
function synthesizeSides(cwd: string, base: string, env: string, module: string, oldSide: Side, newSide: Side, notes: string[]): boolean {
  const file = `dist/${env}/${env}${K8S_YAML_EXTENSION}`;
  const relative = path.relative(cwd, path.resolve(cwd, module));
  const fresh = synthesizeOne(inDir(cwd, module), env);
  if (fresh.status === 'missing') throw new UserError(`unknown environment ${escapeControl(env)}; known: ${fresh.known.map(escapeControl).join(', ') || '(none)'}`);
  if (!accept(fresh, 'the working tree', newSide, file, notes)) return false;
  return withSnapshot(cwd, base, (snapshot) => {
    const inSnapshot = path.relative(snapshot.root, path.resolve(snapshot.cwd, relative));
    if (inSnapshot.startsWith('..') || path.isAbsolute(inSnapshot)) {
      throw new UserError(`the environments module ${escapeControl(module)} is outside the git repository, so --base cannot read it at ${escapeControl(base)}`);
    }
    // no environments module at all at the base commit (the project adopts multihome): all added
    if (!moduleExists(path.resolve(snapshot.cwd, relative))) return true;
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'multihome-diff-out-'));
    try {
      const previous = synthesizeInChild(snapshot.cwd, relative, env, scratch);
      // an environment the base commit does not have yet: everything in it is added
      if (previous.status === 'missing') return true;
      return accept(previous, base, oldSide, file, notes);
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });
}

/** Whether a module or data file is there, with the candidates loadEnvironments tries. */
function moduleExists(abs: string): boolean {
  return [abs, `${abs}.ts`, `${abs}.js`, path.join(abs, 'index.ts'), path.join(abs, 'index.js')].some((c) => fs.existsSync(c) && fs.statSync(c).isFile());
}

/** `p` as the user gave it when `cwd` is the process's, else joined to `cwd`. */
function inDir(cwd: string, p: string): string {
  return path.isAbsolute(p) || path.resolve(cwd) === process.cwd() ? p : path.join(cwd, p);
}

/** Reads a synthesized side into `side`; false (with notes) when it did not synthesize. */
function accept(outcome: SynthOutcome, where: string, side: Side, file: string, notes: string[]): boolean {
  if (outcome.status === 'ok') {
    readText(file, outcome.yaml, side.visitor);
    return true;
  }
  if (outcome.status === 'errors') {
    for (const p of outcome.problems) notes.push(`multihome diff: ${formatProblem(p)}`);
    notes.push(`multihome diff: the environment does not synthesize at ${escapeControl(where)} (${outcome.problems.filter((p) => p.severity === 'error').length} error(s)); nothing to compare`);
    return false;
  }
  if (outcome.status === 'failed') {
    notes.push(`multihome diff: at ${escapeControl(where)}: ${outcome.message}`);
    return false;
  }
  return true;
}

/** Longest kind, namespace or name echoed (a valid name has at most 253 characters). */
const NAME_ECHO_MAX = 256;
/** Longest field path echoed. */
const PATH_ECHO_MAX = 300;
/** A path {@link locate} can walk: names, `[index]` and `["quoted"]` segments only. */
const LOCATABLE_PATH = /^(?:[^.[\]"]+|\.|\[\d+\]|\["(?:[^"\\]|\\.)*"\])*$/;

/** Each change with its file and line (one position parse per document). */
function locateChanges(changes: readonly Change[], oldSide: Side, newSide: Side): DiffRecord[] {
  const docs = new Set<SourceDocument>();
  const records = changes.map((c): DiffRecord => {
    const key = identity(c.kind, c.namespace, c.name);
    const origin = c.change === 'removed' ? (oldSide.origins.get(key) ?? newSide.origins.get(key)) : (newSide.origins.get(key) ?? oldSide.origins.get(key));
    let file = '';
    let line = 0;
    if (origin) {
      docs.add(origin.doc);
      file = origin.doc.file;
      const objectPath = origin.base;
      const fieldPath = c.path === '' ? objectPath : prefixPath(objectPath, c.path);
      // locate falls back to the deepest existing ancestor, so a field gone from this side
      // points at its parent, at worst at the object's first line
      line = LOCATABLE_PATH.test(fieldPath) ? locate(origin.doc, fieldPath) : objectPath === '' ? origin.doc.startLine : locate(origin.doc, objectPath);
    }
    return {
      kind: clip(c.kind, NAME_ECHO_MAX),
      namespace: c.namespace === undefined || c.namespace === '' ? null : clip(c.namespace, NAME_ECHO_MAX),
      name: clip(c.name, NAME_ECHO_MAX),
      path: clip(c.path, PATH_ECHO_MAX),
      change: c.change,
      class: c.class,
      severity: c.severity,
      message: c.message,
      fix: c.fix,
      file,
      line,
    };
  });
  for (const d of docs) forgetPositions(d);
  return records;
}

/** Plain code-unit order (locale-independent, so the output is the same everywhere). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Records in a stable order: kind, namespace, name, path, class, message. */
export function sortRecords(records: readonly DiffRecord[]): DiffRecord[] {
  return [...records].sort(
    (a, b) =>
      compare(a.kind, b.kind) ||
      compare(a.namespace ?? '', b.namespace ?? '') ||
      compare(a.name, b.name) ||
      compare(a.path, b.path) ||
      compare(a.class, b.class) ||
      compare(a.change, b.change) ||
      compare(a.message, b.message),
  );
}
