/**
 * The output formats of `multihome diff`: text (one line per change, like `check`), JSON (the
 * records), Markdown (diff-markdown.ts) and SARIF 2.1.0 (diff-sarif.ts).
 */
import { CHANGE_CLASSES, ChangeSeverity } from '../core/diff';
import { escapeControl } from '../core/names';
import type { DiffFormat, DiffRecord, DiffResult } from './diff';
import { formatDiffMarkdown } from './diff-markdown';
import { formatDiffSarif } from './diff-sarif';

/** `file:line Kind/ns/name path: message (fix) [severity class]`, control characters escaped. */
export function formatDiffRecord(r: DiffRecord): string {
  const who = [r.kind, r.namespace, r.name].filter((s): s is string => s !== null && s !== '').map(escapeControl).join('/');
  const where = r.path === '' ? '' : ` ${escapeControl(r.path)}`;
  const fix = r.fix === '' ? '' : ` (${escapeControl(r.fix)})`;
  return `${escapeControl(r.file)}:${r.line} ${who}${where}: ${escapeControl(r.message)}${fix} [${r.severity} ${r.class}]`;
}

/** `N change(s): E error(s), W warning(s), I info; class n, …` (classes in CHANGE_CLASSES order, those seen only). */
export function formatDiffSummary(records: readonly DiffRecord[]): string {
  const n = (s: ChangeSeverity) => records.filter((r) => r.severity === s).length;
  const classes = CHANGE_CLASSES.map((c) => [c, records.filter((r) => r.class === c).length] as const).filter(([, k]) => k > 0);
  const byClass = classes.length ? `; ${classes.map(([c, k]) => `${c} ${k}`).join(', ')}` : '';
  return `${records.length} change(s): ${n('error')} error(s), ${n('warning')} warning(s), ${n('info')} info${byClass}`;
}

/** The whole report in `format`; `cwd` is what SARIF URIs are relative to. */
export function formatDiffResult(result: Pick<DiffResult, 'records'>, format: DiffFormat, cwd: string = process.cwd()): string {
  switch (format) {
    case 'json':
      return JSON.stringify(result.records, null, 2) + '\n';
    case 'markdown':
      return formatDiffMarkdown(result.records);
    case 'sarif':
      return formatDiffSarif(result.records, cwd);
    default:
      return [...result.records.map(formatDiffRecord), formatDiffSummary(result.records)].join('\n') + '\n';
  }
}
