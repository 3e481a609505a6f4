/**
 * `multihome diff --format markdown`: a pull-request comment. Every value that comes from the
 * manifests (kinds, names, paths, and the messages that quote them) is escaped, so a hostile name
 * renders as text: no HTML, no link, no heading, no table, no @mention.
 */
import { ChangeSeverity } from '../core/diff';
import type { DiffRecord } from './diff';

/** Severities in the order the comment lists them, with their section titles. */
const SECTIONS: ReadonlyArray<{ readonly severity: ChangeSeverity; readonly title: string }> = [
  { severity: 'error', title: 'Errors' },
  { severity: 'warning', title: 'Warnings' },
  { severity: 'info', title: 'Info' },
];

/** ASCII punctuation CommonMark lets a backslash escape (spec §2.4): each one renders literally. */
const MARKDOWN_PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

/**
 * `s` as inert Markdown text on one line: control characters and line breaks become spaces (a
 * newline could open a block), every ASCII punctuation character is backslash-escaped (no `<tag>`,
 * `[link](…)`, `*emphasis*`, `|table|` or entity survives), and `@` is followed by a
 * zero-width space so GitHub does not turn `@team` into a mention.
 */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(MARKDOWN_PUNCTUATION, (c) => (c === '@' ? '\\@\u200b' : `\\${c}`));
}

/** `Kind ns/name` of a record, escaped. */
function who(r: DiffRecord): string {
  return `${escapeMarkdown(r.kind)} **${escapeMarkdown(r.namespace !== null ? `${r.namespace}/${r.name}` : r.name)}**`;
}

/** The counts line: `2 changes: 1 error, 1 warning, 0 info`. */
function counts(records: readonly DiffRecord[]): string {
  const n = (s: ChangeSeverity) => records.filter((r) => r.severity === s).length;
  return `${records.length} change${records.length === 1 ? '' : 's'}: ${n('error')} error${n('error') === 1 ? '' : 's'}, ${n('warning')} warning${n('warning') === 1 ? '' : 's'}, ${n('info')} info`;
}

/**
 * The comment: a heading with the counts, then one section per severity (errors, warnings,
 * info; empty ones left out), one bullet per change with the object, the field path, the class,
 * the message and the fix; "No semantic changes." when there are none.
 */
export function formatDiffMarkdown(records: readonly DiffRecord[]): string {
  const lines = [`### multihome diff: ${counts(records)}`, ''];
  if (records.length === 0) {
    lines.push('No semantic changes.');
    return lines.join('\n') + '\n';
  }
  for (const { severity, title } of SECTIONS) {
    const of = records.filter((r) => r.severity === severity);
    if (!of.length) continue;
    lines.push(`#### ${title} (${of.length})`, '');
    for (const r of of) {
      const where = r.path === '' ? '' : ` at ${escapeMarkdown(r.path)}`;
      const fix = r.fix === '' ? '' : ` **Fix:** ${escapeMarkdown(r.fix)}`;
      lines.push(`- ${who(r)} (${r.change})${where} \\[${r.class}\\]: ${escapeMarkdown(r.message)}${fix}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
