import { formatCheckLine, Problem } from '../core/errors';
import { objectMetaProblems } from '../core/kubernetes';
import { Manifest } from '../core/manifest';
import { escapeControl } from '../core/names';
import { clip } from '../core/source/bounded-yaml';
import { forgetPositions, locate, resourceOf, SourceDocument, SourceProblem } from '../core/source/documents';
import { Origin, prefixPath, readObjects } from '../core/source/object-reader';
import { ManifestSetOptions } from '../core/topology/validate-set';
import { validateManifests } from '../core/topology/validate-manifests';
import { NAME_REQUIRED_ELSEWHERE, ValidateOptions } from '../core/validate';
import { objectTargets } from '../core/render/targets';
import { addTo } from '../core/multimap';

/** Output formats of `multihome check`. */
export type CheckFormat = 'text' | 'json';

/** Options of {@link checkPaths}. */
export interface CheckOptions extends ValidateOptions {
  /** @default 'text' */
  readonly format?: CheckFormat;
  /** Problem codes to leave out of the report (warnings and errors alike). */
  readonly ignore?: readonly string[];
  /**
   * Multus namespace isolation of the target cluster, for the cross-resource rules.
   * @default - each VM's `multihome.io/isolation` annotation, else 'none' (upstream Multus)
   */
  readonly isolation?: ManifestSetOptions['isolation'];
  /** Multus `globalNamespaces` of the target cluster. @default [] */
  readonly globalNamespaces?: readonly string[];
}

/** One reported problem, as printed by `--format json`. */
export interface CheckRecord {
  file: string;
  line: number;
  kind: string;
  namespace?: string;
  name?: string;
  path: string;
  severity: Problem['severity'];
  code: string;
  message: string;
  fix: string;
}

/** Outcome of a check run. */
export interface CheckResult {
  readonly records: CheckRecord[];
  readonly unreadable: Array<{ path: string; reason: string }>;
  /** Directory entries left out on purpose (FIFOs, links out of the tree), with the reason. */
  readonly skipped: Array<{ path: string; reason: string }>;
  readonly files: number;
  /** Objects read (the items of a List count, the List does not). */
  readonly resources: number;
  /** 0 = no error, 1 = errors found, 2 = unreadable input. */
  readonly exitCode: 0 | 1 | 2;
}

/**
 * Checks files and directories of multi-document YAML: every object's metadata is validated as the
 * API server would (name by kind, namespace, labels, annotations); every NNCP, NAD,
 * VirtualMachine and VirtualMachineInstance is validated as nmstate, the CNI plugin and KubeVirt
 * admission would (other kinds are skipped), then all objects of all paths are checked together as
 * one set by the cross-resource rules (`validateManifestSet`: bridges no NNCP creates, NADs a VM
 * cannot reach, VLAN trunks, duplicate MACs/IPs, placement, MTU, …). The items of a List (any
 * object with `items`, as kubectl decodes it) are checked like top-level objects. Problems carry
 * the file and line of the offending field; `ignore` is applied before any line is looked up.
 *
 * Hostile input is bounded: files over 64 MiB are unreadable, documents over 3 MiB, deeper than 64
 * levels or expanding through aliases past 10^6 values are refused with a problem, non-UTF-8 text
 * is a problem, and each document is parsed with positions at most once.
 */
export function checkPaths(paths: readonly string[], options: CheckOptions = {}): CheckResult {
  const records: CheckRecord[] = [];
  let resources = 0;
  const ignore = new Set(options.ignore ?? []);
  const origins = new Map<Manifest, Origin>();
  /** Problems still to locate, with where their object was read. */
  const pending: Array<{ problem: Problem; origin?: Origin }> = [];
  const report = (p: Problem, origin: Origin | undefined, obj?: unknown) => {
    if (ignore.has(p.code)) return;
    // a warning the environment silenced on this object when it was synthesized (render/targets.ts)
    if (p.severity === 'warning' && obj !== undefined && objectTargets(obj).silence.has(p.code)) return;
    pending.push({ problem: p, origin });
  };
  const { files, unreadable, skipped } = readObjects(paths, {
    source: (p) => {
      if (!ignore.has(p.code)) records.push(toRecord(p, p.file, p.line));
    },
    shape: (p, origin, topLevel) => {
      // a document that is no object at all is reported on its first line, as before
      if (topLevel) {
        if (!ignore.has(p.code)) records.push(toRecord(p, origin.doc.file, origin.doc.startLine));
      } else report(p, origin);
    },
    object: (obj, origin) => {
      resources++;
      for (const p of objectMetaProblems(obj, resourceOf(obj), { base: origin.base, requireName: !NAME_REQUIRED_ELSEWHERE.includes(String(obj.kind)) })) report(p, origin, obj);
      if (!origins.has(obj as Manifest)) origins.set(obj as Manifest, origin);
    },
  });
  for (const { problem, manifest } of validateManifests([...origins.keys()], options)) {
    const origin = manifest ? origins.get(manifest) : undefined;
    report(origin && origin.base !== '' ? { ...problem, path: prefixPath(origin.base, problem.path) } : problem, origin, manifest);
  }
  // located document by document, each document's positions dropped once its problems have lines
  const lines = new Array<number>(pending.length).fill(0);
  const byDoc = new Map<SourceDocument, number[]>();
  pending.forEach(({ origin }, i) => {
    if (!origin) return;
    addTo(byDoc, origin.doc, i);
  });
  for (const [doc, indexes] of byDoc) {
    for (const i of indexes) lines[i] = locate(doc, pending[i].problem.path);
    forgetPositions(doc);
  }
  pending.forEach(({ problem, origin }, i) => records.push(toRecord(problem, origin?.doc.file ?? '', lines[i])));
  const exitCode = unreadable.length > 0 ? 2 : records.some((r) => r.severity === 'error') ? 1 : 0;
  return { records, unreadable, skipped, files, resources, exitCode };
}

/** Longest kind, name or namespace echoed (a valid name has at most 253 characters). */
const NAME_ECHO_MAX = 256;
/** Longest field path echoed (label keys can be megabytes long). */
const PATH_ECHO_MAX = 300;

/** The record of one problem found at `file:line`, names and paths clipped to what a report echoes. */
export function toRecord(p: Problem | SourceProblem, file: string, line: number): CheckRecord {
  return {
    file,
    line,
    kind: clip(p.resource.kind, NAME_ECHO_MAX),
    ...(p.resource.namespace !== undefined ? { namespace: clip(p.resource.namespace, NAME_ECHO_MAX) } : {}),
    ...(p.resource.name !== undefined ? { name: clip(p.resource.name, NAME_ECHO_MAX) } : {}),
    path: clip(p.path, PATH_ECHO_MAX),
    severity: p.severity,
    code: p.code,
    message: p.message,
    fix: p.fix,
  };
}

/** Renders one record as `file:line kind/namespace/name path: message (fix) [severity CODE]`, control characters escaped. */
export function formatRecord(r: CheckRecord): string {
  return `${escapeControl(r.file)}:${r.line} ${formatCheckLine(r)}`;
}

/** The stderr lines about inputs: paths that could not be read and entries skipped, control characters escaped. */
export function formatInputNotes(result: Pick<CheckResult, 'unreadable' | 'skipped'>, command = 'check'): string[] {
  return [
    ...result.unreadable.map((u) => `multihome ${command}: cannot read ${escapeControl(u.path)}: ${escapeControl(u.reason)}`),
    ...result.skipped.map((u) => `multihome ${command}: skipped ${escapeControl(u.path)}: ${escapeControl(u.reason)}`),
  ];
}

/** Renders a whole result in the chosen format. */
export function formatResult(result: CheckResult, format: CheckFormat): string {
  if (format === 'json') return JSON.stringify(result.records, null, 2) + '\n';
  const lines = result.records.map(formatRecord);
  const errors = result.records.filter((r) => r.severity === 'error').length;
  const warnings = result.records.length - errors;
  lines.push(`${errors} error(s), ${warnings} warning(s) in ${result.resources} resource(s) from ${result.files} file(s)`);
  return lines.join('\n') + '\n';
}
