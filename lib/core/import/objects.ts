/**
 * The objects `multihome import` reads: every object of the given files and directories (the
 * items of a List included), read within the same limits as `check`. Fields the API server sets
 * (`status`, `metadata.uid`, `resourceVersion`, `managedFields`, …, and kubectl's
 * last-applied-configuration annotation) are left out, so `kubectl get -o yaml` output imports
 * like the YAML it came from, and so are keys named `__proto__` (no writer writes them back);
 * what was left out is reported.
 */
import { Problem } from '../errors';
import { objectKey } from '../manifest';
import { isRecord } from '../problems';
import { readObjects } from '../source/object-reader';
import { resourceOf } from '../source/documents';
import { IMPORT_CODES } from './codes';
import { MANIFEST_IDENTITY, schemaMismatches } from '../source/topology-schema';

/** One object read for import. */
export interface InputObject {
  /** The object, without the fields the API server sets. */
  readonly object: Record<string, unknown>;
  /** `Kind/namespace/name` as given (no namespace when it names none). */
  readonly key: string;
  /** Where it was read: `file:line` (with `items[i]` for a List item). */
  readonly source: string;
}

/** What {@link readImportObjects} read. */
export interface ImportInput {
  /** Every object, in file and document order. */
  readonly objects: readonly InputObject[];
  /** Problems that stop the import (errors): unreadable YAML, a document that is no object, an object without the identity a manifest needs, duplicates, no objects. */
  readonly problems: readonly Problem[];
  /** What the reader noticed without stopping (warnings: YAML that kubectl accepts and strict YAML tools do not, …). */
  readonly notes: readonly Problem[];
  /** Server-set fields and `__proto__` keys left out, as `Kind/name: field, …`. */
  readonly stripped: readonly string[];
  /** Documents read and skipped because they are no cluster object (kustomize configuration), as `file:line: Kind (why)`. */
  readonly skipped: readonly string[];
  readonly files: number;
}

const SERVER_METADATA = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'selfLink'];
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Reads every object under `paths` for import. */
export function readImportObjects(paths: readonly string[]): ImportInput {
  const objects: InputObject[] = [];
  const problems: Problem[] = [];
  const notes: Problem[] = [];
  const stripped: string[] = [];
  const skipped: string[] = [];
  const seen = new Map<string, string>();
  const report = (p: Problem) => (p.severity === 'error' ? problems : notes).push(p);
  const summary = readObjects(paths, {
    source: (p) => report({ ...p, path: p.path, message: `${p.file}:${p.line}: ${p.message}` }),
    shape: (p, origin) => report({ ...p, message: `${origin.doc.file}:${origin.doc.startLine}: ${p.message}` }),
    object: (obj, origin) => {
      const source = `${origin.doc.file}:${origin.doc.startLine}${origin.base ? ` ${origin.base}` : ''}`;
      if (typeof obj.apiVersion === 'string' && obj.apiVersion.startsWith('kustomize.config.k8s.io/')) {
        // kustomize's own configuration (kustomization.yaml) builds manifests; it is none
        skipped.push(`${source}: ${String(obj.kind)} (kustomize configuration, not a cluster object)`);
        return;
      }
      const invalid = schemaMismatches(obj, MANIFEST_IDENTITY, origin.base);
      const meta0 = isRecord(obj.metadata) ? obj.metadata : {};
      if (invalid.length === 0 && meta0.name === '') {
        // kubectl refuses it too: "resource name may not be empty"
        invalid.push({ path: origin.base ? `${origin.base}.metadata.name` : 'metadata.name', message: 'metadata.name is empty', fix: 'give the object a name' });
      }
      if (invalid.length) {
        for (const m of invalid) {
          problems.push({
            code: 'IMPORT_OBJECT_INVALID', severity: IMPORT_CODES.IMPORT_OBJECT_INVALID.severity, resource: resourceOf(obj), path: m.path,
            message: `${source}: ${m.message}`, fix: `${m.fix} (every object multihome writes, even one kept as given, needs apiVersion, kind and metadata.name, with string labels and annotations, as kubectl apply does)`,
          });
        }
        return;
      }
      const server = withoutServerFields(obj);
      const object = withoutProtoKeys(server.object, '', server.removed) as Record<string, unknown>;
      const removed = server.removed;
      const meta = isRecord(object.metadata) ? object.metadata : {};
      const key = objectKey(String(object.kind), typeof meta.name === 'string' ? meta.name : undefined, typeof meta.namespace === 'string' ? meta.namespace : undefined);
      if (removed.length) stripped.push(`${key}: ${removed.join(', ')}`);
      const first = seen.get(key);
      if (first !== undefined) {
        problems.push({
          code: 'IMPORT_DUPLICATE_OBJECT', severity: IMPORT_CODES.IMPORT_DUPLICATE_OBJECT.severity, resource: resourceOf(object), path: 'metadata.name',
          message: `${key} is defined twice: at ${first} and at ${source}`, fix: 'keep the one the cluster should have and remove the other from the import paths',
        });
        return;
      }
      seen.set(key, source);
      objects.push({ object, key, source });
    },
  });
  for (const u of summary.unreadable) problems.push(readProblem('IMPORT_INPUT_UNREADABLE', u.path, `cannot read ${u.path}: ${u.reason}`));
  if (objects.length === 0 && problems.length === 0) {
    problems.push({
      code: 'IMPORT_NO_OBJECTS', severity: 'error', resource: { kind: 'Import', name: 'paths' }, path: paths.join(' '),
      message: `no Kubernetes object in ${paths.join(', ')}${summary.skipped.length ? ` (skipped: ${summary.skipped.map((s) => `${s.path}: ${s.reason}`).join('; ')})` : ''}`,
      fix: 'give files or directories of YAML/JSON manifests (.yaml, .yml, .json)',
    });
  }
  return { objects, problems, notes, stripped, skipped, files: summary.files };
}

function readProblem(code: string, file: string, message: string): Problem {
  return { code, severity: 'error', resource: { kind: 'Import', name: 'paths' }, path: file, message, fix: 'make the file readable, or leave it out of the import paths' };
}

/**
 * `v` without keys named `__proto__` (their paths added to `removed`): YAML can carry one, but
 * no JavaScript writer writes it back (an assignment sets the prototype instead; multihome's and
 * cdk8s's YAML writers drop it), and the API server prunes it as an unknown field anyway.
 */
function withoutProtoKeys(v: unknown, at: string, removed: string[]): unknown {
  if (Array.isArray(v)) return v.map((x, i) => withoutProtoKeys(x, `${at}[${i}]`, removed));
  if (!isRecord(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const path = at ? `${at}.${k}` : k;
    if (k === '__proto__') removed.push(path);
    else out[k] = withoutProtoKeys(x, path, removed);
  }
  return out;
}

/** `obj` without the fields the API server sets, and their names. */
function withoutServerFields(obj: Record<string, unknown>): { object: Record<string, unknown>; removed: string[] } {
  const removed: string[] = [];
  const { status, ...rest } = obj;
  if (status !== undefined) removed.push('status');
  if (!isRecord(rest.metadata)) return { object: rest, removed };
  const metadata: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest.metadata)) {
    if (SERVER_METADATA.includes(k)) removed.push(`metadata.${k}`);
    else Object.defineProperty(metadata, k, { value: v, enumerable: true, writable: true, configurable: true }); // an own `__proto__` key stays a key
  }
  if (isRecord(metadata.annotations) && LAST_APPLIED in metadata.annotations) {
    const { [LAST_APPLIED]: _, ...annotations } = metadata.annotations;
    removed.push(`metadata.annotations.${LAST_APPLIED}`);
    if (Object.keys(annotations).length) metadata.annotations = annotations;
    else delete metadata.annotations;
  }
  return { object: { ...rest, metadata }, removed };
}
