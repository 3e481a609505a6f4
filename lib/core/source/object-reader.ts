/**
 * Reading Kubernetes objects from files and directories of multi-document YAML, the way `check`
 * and `preflight` both do: regular files only, size-capped, strictly UTF-8, bounded YAML, and the
 * items of a List (any object with `items`, as kubectl decodes it) visited like documents.
 */
import { Problem } from '../errors';
import { joinPath } from '../path';
import { isRecord } from '../problems';
import { INPUT_LIMITS } from './bounded-yaml';
import { SOURCE_CODES } from './codes';
import { decodeSource } from './decode';
import { loadDocuments, resourceOf, SourceDocument, SourceProblem } from './documents';
import { readRegularFile } from './read-file';
import { expandPaths } from './files';

/** Where an object was read: its document, and its path inside it (`items[3]` for a List item). */
export interface Origin {
  readonly doc: SourceDocument;
  readonly base: string;
}

/** What the reader hands its caller, in file and document order. */
export interface ObjectVisitor {
  /** A YAML/encoding problem with its file and line. */
  readonly source: (p: SourceProblem) => void;
  /** A value that is not a Kubernetes object; `topLevel` for a whole document (reported on its first line). */
  readonly shape: (p: Problem, origin: Origin, topLevel: boolean) => void;
  /** One object (a document, or an item of a List). */
  readonly object: (obj: Record<string, unknown>, origin: Origin) => void;
}

/** Files read, and the inputs that could not be read or were skipped. */
export interface ReadSummary {
  readonly files: number;
  readonly unreadable: Array<{ path: string; reason: string }>;
  readonly skipped: Array<{ path: string; reason: string }>;
}

/** Options of {@link readObjects} and {@link readText}. */
export interface ReadObjectsOptions {
  /**
   * Read a document that is a sequence (a JSON array of objects, as `pulumi stack output
   * manifests --json` prints) like the items of a List.
   * @default false - such a document is MANIFEST_NOT_AN_OBJECT
   */
  readonly topLevelLists?: boolean;
}

/** Reads every object of `paths`, calling `visit` for each; returns what was read and what was not. */
export function readObjects(paths: readonly string[], visit: ObjectVisitor, options: ReadObjectsOptions = {}): ReadSummary {
  return readTexts(paths, (file, text) => readText(file, text, visit, options), visit.source);
}

/**
 * Reads the text of every file under `paths` the way `check` does — regular files only,
 * size-capped, strictly UTF-8 — handing each text to `onText` and each encoding problem to
 * `onProblem`; returns what was read and what was not.
 */
export function readTexts(paths: readonly string[], onText: (file: string, text: string) => void, onProblem: (p: SourceProblem) => void): ReadSummary {
  const { files, unreadable, skipped } = expandPaths(paths);
  for (const file of files) {
    const read = readRegularFile(file, INPUT_LIMITS.maxFileBytes);
    if (read.reason !== undefined) {
      unreadable.push({ path: file, reason: read.reason });
      continue;
    }
    const decoded = decodeSource(file, read.bytes);
    if (decoded.problem) onProblem(decoded.problem);
    else onText(file, decoded.text);
  }
  return { files: files.length, unreadable, skipped };
}

/** Reads the objects of one text (a file's, or a synthesized one under the name it would be written as). */
export function readText(file: string, text: string, visit: ObjectVisitor, options: ReadObjectsOptions = {}): void {
  const walk = (value: unknown, origin: Origin) => {
    const shape = shapeProblem(value, origin);
    if (shape) return visit.shape(shape, origin, origin.base === '');
    const obj = value as Record<string, unknown>;
    // apimachinery unstructured/helpers.go unstructuredJSONScheme.decode: an object with an `items`
    // field decodes as an UnstructuredList, and kubectl (cli-runtime FlattenListVisitor) applies its
    // items one by one, so each item is read as if it were a document of its own.
    if ('items' in obj && obj.items !== undefined) {
      if (obj.items === null) return;
      if (!Array.isArray(obj.items)) {
        return visit.shape({ code: 'MANIFEST_LIST_ITEMS_INVALID', severity: SOURCE_CODES.MANIFEST_LIST_ITEMS_INVALID.severity, resource: resourceOf(obj), path: joinPath(origin.base, 'items'), message: `${String(obj.kind)} has items that are not a list`, fix: 'write items as a YAML sequence of objects, or remove the items field if this is not a List' }, origin, false);
      }
      obj.items.forEach((item, i) => walk(item, { doc: origin.doc, base: joinPath(origin.base, 'items', i) }));
      return;
    }
    visit.object(obj, origin);
  };
  const loaded = loadDocuments(file, text);
  for (const p of loaded.problems) visit.source(p);
  for (const doc of loaded.documents) {
    if (doc.empty || doc.value === undefined) continue;
    if (options.topLevelLists && Array.isArray(doc.value)) doc.value.forEach((item, i) => walk(item, { doc, base: joinPath('', i) }));
    else walk(doc.value, { doc, base: '' });
  }
}

/** A document that is not a Kubernetes object at all (not a mapping, or no apiVersion/kind). */
function shapeProblem(value: unknown, origin: Origin): Problem | undefined {
  const resource = resourceOf(value);
  const what = origin.base === '' ? `document ${origin.doc.index + 1}` : origin.base;
  if (!isRecord(value)) {
    return { code: 'MANIFEST_NOT_AN_OBJECT', severity: SOURCE_CODES.MANIFEST_NOT_AN_OBJECT.severity, resource, path: origin.base, message: `${what} is a ${Array.isArray(value) ? 'list' : value === null ? 'null' : typeof value}, not a Kubernetes object`, fix: 'each YAML document (and each item of a List) must be one object with apiVersion, kind and metadata' };
  }
  if (typeof value.kind !== 'string' || typeof value.apiVersion !== 'string') {
    const field = typeof value.apiVersion !== 'string' ? 'apiVersion' : 'kind';
    return { code: 'MANIFEST_MISSING_KIND', severity: SOURCE_CODES.MANIFEST_MISSING_KIND.severity, resource, path: joinPath(origin.base, field), message: `${field} is missing or not a string`, fix: 'add apiVersion and kind, e.g. apiVersion: nmstate.io/v1, kind: NodeNetworkConfigurationPolicy' };
  }
  return undefined;
}

/** `path` of a problem inside an object read at `base` (`items[3]` + `spec.config` → `items[3].spec.config`). */
export function prefixPath(base: string, path: string): string {
  if (path === '') return base;
  return path.startsWith('[') ? base + path : `${base}.${path}`;
}
