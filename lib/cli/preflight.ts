/**
 * `multihome preflight`: reads the intent (manifest files, or environments synthesized in memory)
 * and the cluster state (NodeNetworkState and Node objects from files, or read live), runs the
 * core pre-flight rules and reports like `check`, with the node each verdict is about.
 */
import type { Target } from '../core/target';
import { CheckRecord, formatInputNotes, toRecord as checkRecord } from './check';
import { formatCheckLine, Problem } from '../core/errors';
import { escapeControl } from '../core/names';
import { clusterStateOf } from '../core/preflight/cluster-state';
import { PreflightFinding } from '../core/preflight/finding';
import { preflight } from '../core/preflight/preflight';
import { K8S_YAML_EXTENSION } from '../core/render/environment-dirs';
import { stringifyManifests } from '../core/render/yaml';
import { clip } from '../core/source/bounded-yaml';
import { forgetPositions, locate, SourceDocument, SourceProblem } from '../core/source/documents';
import { buildEnvironment } from '../core/topology/build';
import { DEFAULT_ENVIRONMENTS_MODULE, loadEnvironments, UserError } from './environments';
import { loadLiveClusterReader } from './live-cluster-loader';
import { LiveClusterError, ReadLiveCluster } from './live-cluster-types';
import { ObjectVisitor, Origin, prefixPath, readObjects, readText } from '../core/source/object-reader';

/** Output formats of `multihome preflight`. */
export type PreflightFormat = 'text' | 'json';

/** Options of {@link runPreflight}. */
export interface PreflightRunOptions {
  /** Manifest files or directories (exclusive with {@link envs}). */
  readonly paths?: readonly string[];
  /** Environments to synthesize in memory and check (exclusive with {@link paths}). */
  readonly envs?: readonly string[];
  /** @default DEFAULT_ENVIRONMENTS_MODULE */
  readonly environments?: string;
  /** Files or directories of NodeNetworkState and Node objects (exclusive with {@link kubeconfig}). */
  readonly state?: readonly string[];
  /** Kubeconfig to read the states live from (read-only). */
  readonly kubeconfig?: string;
  readonly context?: string;
  /** @default 'text' */
  readonly format?: PreflightFormat;
  /** Problem codes to leave out. */
  readonly ignore?: readonly string[];
  /** The target the intent is judged for (`--target`): nodes whose handler runs an older nmstate are reported. @default - no comparison */
  readonly target?: Target;
  /** States older than this are "unknown". @default 24 h */
  readonly maxStateAgeMs?: number;
  /** Where the live reader comes from (tests inject the bundle). @default loadLiveClusterReader */
  readonly loadReader?: () => Promise<ReadLiveCluster>;
}

/** One reported verdict: a `check` record plus the node it is about (null when about the intent alone). */
export interface PreflightRecord extends CheckRecord {
  node: string | null;
}

/** Outcome of a pre-flight run. */
export interface PreflightResult {
  readonly records: PreflightRecord[];
  readonly unreadable: Array<{ path: string; reason: string }>;
  readonly skipped: Array<{ path: string; reason: string }>;
  readonly notes: string[];
  /** Nodes known (with a Node object or a state). */
  readonly nodes: number;
  /** Intent objects read. */
  readonly resources: number;
  /** 0 = no error, 1 = errors found, 2 = unreadable input. */
  readonly exitCode: 0 | 1 | 2;
}

/** Collects objects with where they were read, and the problems of reading them. */
class LocatedObjects {
  readonly objects: Record<string, unknown>[] = [];
  readonly origins = new Map<unknown, Origin>();
  readonly records: PreflightRecord[] = [];
  readonly visitor: ObjectVisitor = {
    source: (p: SourceProblem) => this.records.push(toRecord(p, p.file, p.line, null)),
    shape: (p, origin, topLevel) => this.records.push(toRecord(p, origin.doc.file, topLevel ? origin.doc.startLine : locate(origin.doc, p.path), null)),
    object: (obj, origin) => {
      this.objects.push(obj);
      this.origins.set(obj, origin);
    },
  };
}

/** Runs pre-flight; every input mistake is a record or a {@link UserError}, never a stack trace. */
export async function runPreflight(options: PreflightRunOptions): Promise<PreflightResult> {
  const paths = options.paths ?? [];
  const envs = options.envs ?? [];
  if (envs.length && paths.length) throw new UserError('give either --env NAME... or manifest paths, not both');
  if (!envs.length && !paths.length) throw new UserError('nothing to check: give --env NAME... or manifest files/directories');
  const statePaths = options.state ?? [];
  if (statePaths.length && options.kubeconfig) throw new UserError('give either --state PATH... or --kubeconfig FILE, not both');
  if (!statePaths.length && !options.kubeconfig) throw new UserError('no cluster state: give --state PATH... (kubectl get nns,nodes -o yaml, or the agent\'s /state) or --kubeconfig FILE');
  if (options.context !== undefined && !options.kubeconfig) throw new UserError('--context needs --kubeconfig');

  const intent = new LocatedObjects();
  const unreadable: PreflightResult['unreadable'] = [];
  const skipped: PreflightResult['skipped'] = [];
  const notes: string[] = [];
  if (envs.length) {
    for (const { env, problem } of readEnvironments(envs, options.environments ?? DEFAULT_ENVIRONMENTS_MODULE, intent)) intent.records.push(toRecord(problem, `environment ${env}`, 0, null));
  } else {
    const read = readObjects(paths, intent.visitor);
    unreadable.push(...read.unreadable);
    skipped.push(...read.skipped);
  }
  const state = new LocatedObjects();
  let liveSource: string | undefined;
  if (options.kubeconfig) {
    const reader = await (options.loadReader ?? loadLiveClusterReader)().catch(asUserError);
    const live = await reader({ kubeconfig: options.kubeconfig, context: options.context }).catch(asUserError);
    state.objects.push(...live.objects);
    liveSource = live.source;
    notes.push(...live.notes);
  } else {
    const read = readObjects(statePaths, state.visitor);
    unreadable.push(...read.unreadable);
    skipped.push(...read.skipped);
  }
  const cluster = clusterStateOf(state.objects, { maxStateAgeMs: options.maxStateAgeMs, now: options.kubeconfig ? new Date() : undefined });
  const findings: PreflightFinding[] = [...cluster.problems.map(({ problem, object }) => ({ problem, object })), ...preflight(intent.objects, cluster, { target: options.target })];
  const ignore = new Set(options.ignore ?? []);
  const kept = findings.filter((f) => !ignore.has(f.problem.code));
  const records = [...intent.records, ...state.records].filter((r) => !ignore.has(r.code));
  records.push(...locateFindings(kept, [intent.origins, state.origins], liveSource));
  const exitCode = unreadable.length ? 2 : records.some((r) => r.severity === 'error') ? 1 : 0;
  return { records, unreadable, skipped, notes, nodes: cluster.nodes.size, resources: intent.objects.length, exitCode };
}

/** A LiveClusterError (unreachable, unauthorized, not served) becomes a UserError: exit 2 with the reason. */
function asUserError(e: unknown): never {
  if (e instanceof LiveClusterError) throw new UserError(e.reason);
  throw e;
}

/**
 * Synthesizes `names` in memory and reads their manifests as the text `multihome synth` writes
 * (`dist/<env>/<env>.k8s.yaml`), so lines match the written file. Returns the build errors of the
 * environments that cannot be synthesized (they are not pre-flighted).
 */
function readEnvironments(names: readonly string[], module: string, into: LocatedObjects): Array<{ env: string; problem: Problem }> {
  const all = loadEnvironments(module);
  const unknown = names.filter((n) => !(n in all));
  if (unknown.length) throw new UserError(`unknown environment(s) ${unknown.join(', ')}; known: ${Object.keys(all).join(', ') || '(none)'}`);
  const errors: Array<{ env: string; problem: Problem }> = [];
  for (const name of names) {
    const build = buildEnvironment(all[name]);
    if (build.errors.length) {
      errors.push(...build.errors.map((problem) => ({ env: name, problem })));
      continue;
    }
    readText(`dist/${name}/${name}${K8S_YAML_EXTENSION}`, stringifyManifests(build.manifests.map((m) => m.manifest)), into.visitor);
  }
  return errors;
}

/** Finds each finding's line (one position parse per document), in finding order. */
function locateFindings(findings: readonly PreflightFinding[], originMaps: ReadonlyArray<ReadonlyMap<unknown, Origin>>, liveSource: string | undefined): PreflightRecord[] {
  const originOf = (o: unknown) => originMaps.map((m) => m.get(o)).find((x) => x !== undefined);
  const docs = new Set<SourceDocument>();
  const records = findings.map((f) => {
    const origin = originOf(f.object);
    if (!origin) return toRecord(f.problem, liveSource ?? '', 0, f.node ?? null);
    docs.add(origin.doc);
    const path = origin.base ? prefixPath(origin.base, f.problem.path) : f.problem.path;
    return toRecord({ ...f.problem, path }, origin.doc.file, locate(origin.doc, path), f.node ?? null);
  });
  for (const d of docs) forgetPositions(d);
  return records;
}

function toRecord(p: Problem, file: string, line: number, node: string | null): PreflightRecord {
  return { ...checkRecord(p, file, line), node: node === null ? null : clip(node, NAME_ECHO_MAX) };
}

/** Longest node name echoed (a valid name has at most 253 characters). */
const NAME_ECHO_MAX = 256;

/** `file:line Kind/ns/name path: message (fix) [severity CODE] node NAME`, control characters escaped. */
export function formatPreflightRecord(r: PreflightRecord): string {
  return `${escapeControl(r.file)}:${r.line} ${formatCheckLine(r)}${r.node !== null ? ` node ${escapeControl(r.node)}` : ''}`;
}

/** Parses a duration: `90s`, `30m`, `24h`, `7d`; undefined when it is none. */
export function parseDuration(s: string): number | undefined {
  const m = /^(\d+)(s|m|h|d)$/.exec(s.trim());
  if (!m) return undefined;
  return Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd'];
}

/** The whole report in the chosen format. */
export function formatPreflightResult(result: PreflightResult, format: PreflightFormat): string {
  if (format === 'json') return JSON.stringify(result.records, null, 2) + '\n';
  const lines = result.records.map(formatPreflightRecord);
  const errors = result.records.filter((r) => r.severity === 'error').length;
  lines.push(`${errors} error(s), ${result.records.length - errors} warning(s) for ${result.resources} resource(s) on ${result.nodes} node(s)`);
  return lines.join('\n') + '\n';
}

/** stderr lines: inputs not read, entries skipped, notes of the live read. */
export function formatPreflightNotes(result: PreflightResult): string[] {
  return [...formatInputNotes(result, 'preflight'), ...result.notes.map((n) => `multihome preflight: ${escapeControl(n)}`)];
}
