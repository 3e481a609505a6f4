import * as jsyaml from 'js-yaml';
import * as YAML from 'yaml';
import { Problem, ResourceRef } from '../errors';
import { parsePath, PathSegment } from '../path';
import { isRecord } from '../problems';
import { SOURCE_CODES } from './codes';

/**
 * Reading multi-document YAML with source positions, fast.
 *
 * The fast path parses every document with js-yaml (the parse floor in
 * shared/reference/baseline.md); only documents that have a problem are parsed again with the
 * position-aware `yaml` package to find the line of a field. Documents are split on `---`
 * lines first so each one knows the line it starts at and one broken document does not hide
 * the others.
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
 * Parses every document of `text`. A document with a syntax error yields a YAML_SYNTAX problem
 * (with its line) and no value; the others are parsed normally.
 */
export function loadDocuments(file: string, text: string): LoadResult {
  const documents: SourceDocument[] = [];
  const problems: SourceProblem[] = [];
  splitDocuments(text).forEach((chunk, index) => {
    const empty = isBlank(chunk.text);
    if (empty) {
      documents.push({ file, index, startLine: chunk.startLine, text: chunk.text, value: undefined, empty });
      return;
    }
    let value: unknown;
    try {
      value = jsyaml.load(chunk.text);
    } catch (err) {
      const lenient = tryLenient(chunk.text);
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
        problems.push(syntaxProblem(file, index, chunk, err));
        documents.push({ file, index, startLine: chunk.startLine, text: chunk.text, value: undefined, empty: false });
        return;
      }
    }
    documents.push({ file, index, startLine: chunk.startLine, text: chunk.text, value, empty: value === null || value === undefined });
  });
  return { documents, problems };
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
function tryLenient(text: string): { value: unknown; lines: number[] } | undefined {
  const lines = text.split('\n');
  const fixed: number[] = [];
  for (let attempt = 0; attempt < 64; attempt++) {
    try {
      const value = jsyaml.load(lines.join('\n'));
      return fixed.length ? { value, lines: [...new Set(fixed)] } : undefined;
    } catch (err) {
      const e = err as { reason?: string; mark?: { line: number } };
      if (e.reason !== 'deficient indentation' || !e.mark) return undefined;
      const line = e.mark.line;
      if (!isInsideQuotedScalar(lines, line)) return undefined;
      lines[line] = '  ' + lines[line];
      fixed.push(line);
    }
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

function syntaxProblem(file: string, index: number, chunk: { text: string; startLine: number }, err: unknown): SourceProblem {
  // The `yaml` package points at the offending token more precisely than js-yaml.
  const doc = YAML.parseDocument(chunk.text, { prettyErrors: true });
  const first = doc.errors[0];
  const jsErr = err as { reason?: string; mark?: { line: number } };
  const relLine = first?.linePos?.[0]?.line ?? (jsErr.mark ? jsErr.mark.line + 1 : 1);
  const reason = first ? first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '') : jsErr.reason ?? String(err);
  const srcLine = chunk.text.split('\n')[relLine - 1] ?? '';
  const dash = /^\s*-[^\s-]/.test(srcLine);
  return {
    code: 'YAML_SYNTAX',
    severity: 'error',
    resource: syntaxResource(index),
    path: '',
    message: `YAML syntax error: ${reason}: ${JSON.stringify(srcLine.trim())}`,
    fix: dash
      ? `a list item needs a space after '-': write ${JSON.stringify(srcLine.trim().replace(/^-/, '- '))}`
      : 'fix the YAML syntax at this line (indentation, quotes, missing ":")',
    file,
    line: chunk.startLine + relLine - 1,
  };
}

/**
 * Finds the 1-based line of `path` inside `doc`, parsing the document with positions. Falls
 * back to the deepest existing ancestor, then to the document's first line.
 */
export function locate(doc: SourceDocument, path: string): number {
  const lc = new YAML.LineCounter();
  const parsed = YAML.parseDocument(doc.text, { lineCounter: lc, keepSourceTokens: false });
  let node: unknown = parsed.contents;
  let offset = firstContentOffset(parsed.contents);
  for (const seg of parsePath(path)) {
    const next = child(node, seg);
    if (!next) break;
    node = next.node;
    offset = next.offset;
  }
  return doc.startLine + lc.linePos(offset).line - 1;
}

function firstContentOffset(node: unknown): number {
  return YAML.isNode(node) && node.range ? node.range[0] : 0;
}

function child(node: unknown, seg: PathSegment): { node: unknown; offset: number } | undefined {
  if (YAML.isMap(node) && typeof seg === 'string') {
    const pair = node.items.find((p) => (YAML.isScalar(p.key) ? String(p.key.value) : p.key) === seg);
    if (!pair) return undefined;
    const keyOffset = YAML.isNode(pair.key) && pair.key.range ? pair.key.range[0] : 0;
    return { node: pair.value, offset: keyOffset };
  }
  if (YAML.isSeq(node) && typeof seg === 'number') {
    const item = node.items[seg];
    if (!YAML.isNode(item) || !item.range) return undefined;
    return { node: item, offset: item.range[0] };
  }
  return undefined;
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
