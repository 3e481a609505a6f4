import * as fs from 'fs';
import { Problem } from '../core/errors';
import { loadDocuments, locate, resourceOf, SourceDocument, SourceProblem } from '../core/source/documents';
import { SOURCE_CODES } from '../core/source/codes';
import { isRecord } from '../core/problems';
import { validateManifest, ValidateOptions } from '../core/validate';
import { Manifest } from '../core/manifest';
import { dropSuperseded, resourceKey } from '../core/topology/supersede';
import { manifestOfProblem, ManifestSetOptions, validateManifestSet } from '../core/topology/validate-set';
import { expandPaths } from './files';

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
   * @default 'none' (upstream Multus)
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
  readonly files: number;
  readonly resources: number;
  /** 0 = no error, 1 = errors found, 2 = unreadable input. */
  readonly exitCode: 0 | 1 | 2;
}

/**
 * Checks files and directories of multi-document YAML: every NNCP, NAD, VirtualMachine and
 * VirtualMachineInstance is validated as nmstate, the CNI plugin and KubeVirt admission would
 * (other kinds are skipped), then all documents of all paths are checked together as one set
 * by the cross-resource rules (`validateManifestSet`: bridges no NNCP creates, NADs a VM cannot
 * reach, VLAN trunks, duplicate MACs/IPs, placement, MTU, …). Problems carry the file and line
 * of the offending field.
 */
export function checkPaths(paths: readonly string[], options: CheckOptions = {}): CheckResult {
  const { files, unreadable } = expandPaths(paths);
  const records: CheckRecord[] = [];
  let resources = 0;
  const ignore = new Set(options.ignore ?? []);
  const docOf = new Map<unknown, SourceDocument>();
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      unreadable.push({ path: file, reason: (e as Error).message });
      continue;
    }
    const loaded = loadDocuments(file, text);
    for (const p of loaded.problems) records.push(toRecord(p, p.file, p.line));
    for (const doc of loaded.documents) {
      if (doc.empty || doc.value === undefined) continue;
      resources++;
      for (const { problem, line } of checkDocument(doc, options)) records.push(toRecord(problem, file, line));
      if (isRecord(doc.value) && typeof doc.value.kind === 'string' && typeof doc.value.apiVersion === 'string') docOf.set(doc.value, doc);
    }
  }
  const set = validateManifestSet([...docOf.keys()] as Manifest[], { isolation: options.isolation, globalNamespaces: options.globalNamespaces });
  for (const p of set) {
    const doc = docOf.get(manifestOfProblem(p));
    records.push(toRecord(p, doc?.file ?? '', doc ? locate(doc, p.path) : 0));
  }
  const kept = dropSuperseded(records, (r) => resourceKey(r.kind, r.namespace, r.name)).filter((r) => !ignore.has(r.code));
  const exitCode = unreadable.length > 0 ? 2 : kept.some((r) => r.severity === 'error') ? 1 : 0;
  return { records: kept, unreadable, files: files.length, resources, exitCode };
}

function checkDocument(doc: SourceDocument, options: ValidateOptions): Array<{ problem: Problem; line: number }> {
  const value = doc.value;
  const resource = resourceOf(value);
  if (!isRecord(value)) {
    return [{ problem: { code: 'MANIFEST_NOT_AN_OBJECT', severity: SOURCE_CODES.MANIFEST_NOT_AN_OBJECT.severity, resource, path: '', message: `document ${doc.index + 1} is a ${Array.isArray(value) ? 'list' : typeof value}, not a Kubernetes object`, fix: 'each YAML document must be one object with apiVersion, kind and metadata' }, line: doc.startLine }];
  }
  if (typeof value.kind !== 'string' || typeof value.apiVersion !== 'string') {
    const path = typeof value.apiVersion !== 'string' ? 'apiVersion' : 'kind';
    return [{ problem: { code: 'MANIFEST_MISSING_KIND', severity: SOURCE_CODES.MANIFEST_MISSING_KIND.severity, resource, path, message: `${path} is missing or not a string`, fix: 'add apiVersion and kind, e.g. apiVersion: nmstate.io/v1, kind: NodeNetworkConfigurationPolicy' }, line: doc.startLine }];
  }
  const problems = validateManifest(value, options);
  return problems.map((problem) => ({ problem, line: locate(doc, problem.path) }));
}

function toRecord(p: Problem | SourceProblem, file: string, line: number): CheckRecord {
  return {
    file,
    line,
    kind: p.resource.kind,
    ...(p.resource.namespace !== undefined ? { namespace: p.resource.namespace } : {}),
    ...(p.resource.name !== undefined ? { name: p.resource.name } : {}),
    path: p.path,
    severity: p.severity,
    code: p.code,
    message: p.message,
    fix: p.fix,
  };
}

/** Renders one record as `file:line kind/namespace/name path: message (fix) [severity CODE]`. */
export function formatRecord(r: CheckRecord): string {
  const who = [r.kind, r.namespace, r.name].filter((s) => s !== undefined && s !== '').join('/');
  const path = r.path === '' ? '' : ` ${r.path}`;
  return `${r.file}:${r.line} ${who}${path}: ${r.message} (${r.fix}) [${r.severity} ${r.code}]`;
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
