import * as YAML from 'yaml';
import { Problem, ResourceRef } from '../errors';
import { parsePath, PathSegment } from '../path';
import { isRecord } from '../problems';
import { clip, INPUT_LIMITS, InputLimits, InputRefusal, parseYamlBounded, sizeRefusal } from './bounded-yaml';
import { SOURCE_CODES } from './codes';
import { documentEvents, DocumentEvents, lineOfOffset, offsetOfPath } from './locate-events';

/**
 * Reading multi-document YAML with source positions, fast.
 *
 * The fast path parses every document with js-yaml (the parse floor in
 * shared/reference/baseline.md), within the bounds of bounded-yaml.ts (size, depth, aliases,
 * expanded size): a refused document is a problem on its line, never a hang. Only documents that
 * have a problem are parsed again with the position-aware `yaml` package, once each (the parse is
 * cached on the document), to find the line of a field. Documents are split on `---` lines first
 * so each one knows the line it starts at and one broken document does not hide the others.
 */

/** One YAML document of a file. */
export interface SourceDocument {
  /** File the document came from (as given by the caller). */
  readonly file: string;
  /** 0-based index of the document in the file. */
  readonly index: number;
  /** 1-based line of the document's first line in the file. */
  readonly startLine: number;
  /** The document's own text. */
  readonly text: string;
  /** Parsed value; undefined when the document did not parse. */
  readonly value: unknown;
  /** True when the document holds nothing but comments/whitespace. */
  readonly empty: boolean;
}

/** Result of reading one file's text. */
export interface LoadResult {
  readonly documents: SourceDocument[];
  /** Syntax problems, with their line in {@link SourceProblem.line}. */
  readonly problems: SourceProblem[];
}

/** A problem with its position in a file. */
export interface SourceProblem extends Problem {
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
}

const DOC_MARKER = /^(---|\.\.\.)(\s.*)?$/;

/**
 * Splits YAML text into documents on `---` / `...` marker lines, keeping start lines. Each
 * document's text is its lines joined by `\n` (an inline `--- value` marker line keeps its value,
 * the marker blanked). Scans line starts and slices the text once per document: no per-line
 * strings except for lines that start like a marker.
 */
export function splitDocuments(text: string): Array<{ text: string; startLine: number }> {
  const out: Array<{ text: string; startLine: number }> = [];
  let startLine = 0;
  let startOffset = 0;
  let inlineStart = false;
  const flush = (endOffset: number, empty: boolean) => {
    let doc = empty ? '' : text.slice(startOffset, endOffset);
    if (inlineStart && !empty) doc = '   ' + doc.slice(3);
    out.push({ text: doc, startLine: startLine + 1 });
  };
  let line = 0;
  let pos = 0;
  for (;;) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? text.length : nl;
    const c = text.charCodeAt(pos);
    if ((c === 45 /* - */ || c === 46) /* . */ && end - pos >= 3) {
      const m = DOC_MARKER.exec(text.slice(pos, end).replace(/\r$/, ''));
      if (m) {
        // `--- value` starts a document whose content begins on the marker line itself.
        const inline = m[1] === '---' && m[2] !== undefined && m[2].trim() !== '' && !m[2].trim().startsWith('#');
        flush(pos - 1, line === startLine);
        startLine = inline ? line : line + 1;
        startOffset = inline ? pos : end + 1;
        inlineStart = inline;
      }
    }
    if (nl === -1) break;
    pos = nl + 1;
    line++;
  }
  flush(text.length, startLine > line);
  return out.filter((d, i) => i > 0 || d.text.trim() !== '' || out.length === 1);
}

const syntaxResource = (index: number): ResourceRef => ({ kind: 'YAML', name: `document ${index + 1}` });

/**
 * Parses every document of `text` within `limits`. A document with a syntax error yields a
 * YAML_SYNTAX problem (with its line) and no value; one over a limit (3 MiB, 64 levels, 1000
 * aliases, 10^6 values once aliases are followed) yields INPUT_TOO_LARGE / YAML_LIMIT_EXCEEDED and
 * no value; the others are parsed normally. A text over the file limit yields one INPUT_TOO_LARGE
 * problem and no document.
 */
export function loadDocuments(file: string, text: string, limits: InputLimits = INPUT_LIMITS): LoadResult {
  const documents: SourceDocument[] = [];
  const problems: SourceProblem[] = [];
  const tooBig = text.length > limits.maxFileBytes / 4 ? sizeRefusal(Buffer.byteLength(text, 'utf8'), limits.maxFileBytes, 'file') : undefined;
  if (tooBig) return { documents, problems: [limitProblem(file, { kind: 'YAML', name: 'file' }, 1, tooBig)] };
  splitDocuments(text).forEach((chunk, index) => {
    const empty = isBlank(chunk.text);
    const doc = (value: unknown, isEmpty: boolean): SourceDocument => ({ file, index, startLine: chunk.startLine, text: chunk.text, value, empty: isEmpty });
    if (empty) {
      documents.push(doc(undefined, true));
      return;
    }
    const parsed = parseYamlBounded(chunk.text, limits);
    let value = parsed.value;
    if (parsed.refusal) {
      const lenient = tryLenient(chunk.text, parsed.refusal, limits);
      if (lenient) {
        value = lenient.value;
        for (const line of lenient.lines) {
          problems.push({
            code: 'YAML_LENIENT_INDENTATION',
            severity: SOURCE_CODES.YAML_LENIENT_INDENTATION.severity,
            resource: syntaxResource(index),
            path: '',
            message: `line ${chunk.startLine + line} continues a multi-line quoted value at an indentation YAML 1.2 does not allow; kubectl (go-yaml) accepts it, strict YAML tools reject it`,
            fix: 'indent every line of the quoted value deeper than its key, or use a block scalar (`config: |`)',
            file,
            line: chunk.startLine + line,
          });
        }
      } else {
        const r = parsed.refusal;
        problems.push(r.syntax ? syntaxProblem(file, index, chunk, r) : limitProblem(file, syntaxResource(index), chunk.startLine + (r.line ?? 0), r));
        documents.push(doc(undefined, false));
        return;
      }
    }
    documents.push(doc(value, value === null || value === undefined));
  });
  return { documents, problems };
}

/** A document (or file) refused by a limit: INPUT_TOO_LARGE for its size, YAML_LIMIT_EXCEEDED for the others. */
function limitProblem(file: string, resource: ResourceRef, line: number, r: InputRefusal): SourceProblem {
  const code = r.limit === 'size' ? 'INPUT_TOO_LARGE' : 'YAML_LIMIT_EXCEEDED';
  return { code, severity: SOURCE_CODES[code].severity, resource, path: '', message: `not read: ${r.reason}`, fix: r.fix, file, line };
}

function isBlank(text: string): boolean {
  // every line blank, a comment or a directive; stops at the first line that is not
  for (let pos = 0; ; ) {
    const nl = text.indexOf('\n', pos);
    const l = nl === -1 ? text.slice(pos) : text.slice(pos, nl);
    const t = l.trim();
    if (!(t === '' || t.startsWith('#') || /^%/.test(l))) return false;
    if (nl === -1) return true;
    pos = nl + 1;
  }
}

/**
 * go-yaml (and libyaml) accept continuation lines of a multi-line quoted scalar at any
 * indentation; YAML 1.2 parsers reject lines not indented deeper than the key. Emulate the
 * leniency by indenting the offending lines until the document parses, so a manifest kubectl
 * accepts is not reported as a syntax error. Returns the 0-based lines that were fixed up.
 */
function tryLenient(text: string, first: InputRefusal, limits: InputLimits): { value: unknown; lines: number[] } | undefined {
  const lines = text.split('\n');
  const fixed: number[] = [];
  let r: InputRefusal | undefined = first;
  for (let attempt = 0; attempt < 64; attempt++) {
    if (!r.syntax || r.reason !== 'deficient indentation' || r.line === undefined) return undefined;
    if (!isInsideQuotedScalar(lines, r.line)) return undefined;
    lines[r.line] = '  ' + lines[r.line];
    fixed.push(r.line);
    const parsed = parseYamlBounded(lines.join('\n'), limits);
    if (!parsed.refusal) return { value: parsed.value, lines: [...new Set(fixed)] };
    r = parsed.refusal;
  }
  return undefined;
}

/** True when the text before `line` leaves a single or double quote open. */
function isInsideQuotedScalar(lines: string[], line: number): boolean {
  const before = lines.slice(0, line).join('\n');
  let quote: string | undefined;
  for (let i = 0; i < before.length; i++) {
    const c = before[i];
    if (quote === "'") {
      if (c === "'" && before[i + 1] === "'") i++;
      else if (c === "'") quote = undefined;
    } else if (quote === '"') {
      if (c === '\\') i++;
      else if (c === '"') quote = undefined;
    } else if (c === '#' && (i === 0 || /\s/.test(before[i - 1]))) {
      while (i < before.length && before[i] !== '\n') i++;
    } else if ((c === "'" || c === '"') && (i === 0 || /[\s:\[{,-]/.test(before[i - 1]))) {
      quote = c;
    }
  }
  return quote !== undefined;
}

function syntaxProblem(file: string, index: number, chunk: { text: string; startLine: number }, r: InputRefusal): SourceProblem {
  // The `yaml` package points at the offending token more precisely than js-yaml. The chunk is
  // within the document size limit; a nesting js-yaml did not reach before its error may still
  // overflow the stack of the recursive `yaml` composer, so that is caught and js-yaml's line kept.
  let first: YAML.YAMLError | undefined;
  try {
    first = YAML.parseDocument(chunk.text, { prettyErrors: true }).errors[0];
  } catch {
    first = undefined;
  }
  const relLine = first?.linePos?.[0]?.line ?? (r.line !== undefined ? r.line + 1 : 1);
  const reason = first ? clip(first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''), 200) : r.reason;
  const srcLine = lineAt(chunk.text, relLine - 1);
  const dash = /^\s*-[^\s-]/.test(srcLine);
  const shown = clip(srcLine.trim(), 120);
  return {
    code: 'YAML_SYNTAX',
    severity: 'error',
    resource: syntaxResource(index),
    path: '',
    message: `YAML syntax error: ${reason}: ${JSON.stringify(shown)}`,
    fix: dash
      ? `a list item needs a space after '-': write ${JSON.stringify(shown.replace(/^-/, '- '))}`
      : 'fix the YAML syntax at this line (indentation, quotes, missing ":")',
    file,
    line: chunk.startLine + relLine - 1,
  };
}

/** The 0-based line `n` of `text`, without splitting the whole text (at most 4096 characters of it). */
function lineAt(text: string, n: number): string {
  let pos = 0;
  for (let i = 0; i < n; i++) {
    const nl = text.indexOf('\n', pos);
    if (nl === -1) return '';
    pos = nl + 1;
  }
  const nl = text.indexOf('\n', pos);
  return text.slice(pos, Math.min(nl === -1 ? text.length : nl, pos + 4096));
}

/** A document parsed once with positions: its concrete syntax tree and line counter. */
const positionsOf = new WeakMap<SourceDocument, { readonly events: DocumentEvents }>();
let positionParses = 0;

/** How many documents have been parsed with positions so far (tests: one parse per document, not per problem). */
export function positionParseCount(): number {
  return positionParses;
}

/** The document's js-yaml event stream (offsets into its text), parsed once and kept until {@link forgetPositions}. */
function positions(doc: SourceDocument): { readonly events: DocumentEvents } {
  let p = positionsOf.get(doc);
  if (!p) {
    positionParses++;
    p = { events: documentEvents(doc.text, INPUT_LIMITS.maxDepth) };
    positionsOf.set(doc, p);
  }
  return p;
}

/** Drops the positions kept for `doc` (once all its problems are located: 10k kept streams are GC weight). */
export function forgetPositions(doc: SourceDocument): void {
  positionsOf.delete(doc);
}

/**
 * Finds the 1-based line of `path` inside `doc`. The document is parsed with positions the first
 * time one of its paths is located and the parse is kept with the document, so locating N
 * problems of a document costs one parse, not N. Falls back to the deepest existing ancestor,
 * then to the document's first line.
 */
export function locate(doc: SourceDocument, path: string): number {
  const { events } = positions(doc);
  const segments = parsePath(path);
  // js-yaml is strict where go-yaml is lenient (a quoted value continued at a shallow indent,
  // loaded through the lenient retry): such documents are placed with the `yaml` package instead.
  const offset = events ? offsetOfPath(doc.text, events, segments) : lenientOffsetOfPath(doc.text, segments);
  return doc.startLine + lineOfOffset(doc.text, offset) - 1;
}

/** {@link offsetOfPath} with the `yaml` package, which accepts go-yaml's lenient indentation (rare: one parse per problem). */
function lenientOffsetOfPath(text: string, segments: readonly PathSegment[]): number {
  let node: unknown;
  try {
    node = YAML.parseDocument(text).contents;
  } catch {
    return 0;
  }
  let offset = YAML.isNode(node) && node.range ? node.range[0] : 0;
  for (const seg of segments) {
    if (YAML.isMap(node) && typeof seg === 'string') {
      const pair = node.items.find((p) => (YAML.isScalar(p.key) ? String(p.key.value) : p.key) === seg);
      if (!pair) break;
      offset = YAML.isNode(pair.key) && pair.key.range ? pair.key.range[0] : offset;
      node = pair.value;
    } else if (YAML.isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (!YAML.isNode(item) || !item.range) break;
      offset = item.range[0];
      node = item;
    } else break;
  }
  return offset;
}

/** Identity of a parsed Kubernetes object, for problem reports. */
export function resourceOf(value: unknown): ResourceRef {
  if (!isRecord(value)) return { kind: 'YAML' };
  const md = isRecord(value.metadata) ? value.metadata : {};
  return {
    kind: typeof value.kind === 'string' ? value.kind : '<no kind>',
    name: typeof md.name === 'string' ? md.name : undefined,
    namespace: typeof md.namespace === 'string' ? md.namespace : undefined,
  };
}
