/**
 * `multihome diff --format sarif`: SARIF 2.1.0 (OASIS, https://docs.oasis-open.org/sarif/sarif/v2.1.0/)
 * for code-scanning UIs such as GitHub's (github/codeql-action/upload-sarif). One run; the tool
 * is `multihome` with its package version and one rule per change class; one result per change.
 * Deterministic: no timestamps, no absolute paths, rules in CHANGE_CLASSES order.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { CHANGE_CLASSES, ChangeClass, ChangeSeverity } from '../core/diff';
import { packageRoot } from './agent';
import type { DiffRecord } from './diff';

/** The schema a SARIF 2.1.0 log names (the OASIS standard's). */
export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** What each change class means, as the rule's short description. */
const RULE_TEXT: Readonly<Record<ChangeClass, string>> = {
  'node-disruptive': 'Interrupts host networking on the nodes when applied',
  'needs-absent-first': 'Removed without a state: absent phase, so it stays configured on the nodes (or breaks a VM)',
  replace: 'Changes a field the API refuses to update: the object is deleted and created again',
  'vm-restart': 'Reaches a running VM only at its next restart (RestartRequired)',
  'nad-stale': 'A NetworkAttachmentDefinition changed while VMs use it: running VMs keep the old config until restarted',
  'vm-guest-config': 'cloud-init networkData changed: the guest applies it only on a new instance-id',
  'vm-live-migration': 'KubeVirt applies it by live-migrating the running VM',
  'vm-in-place': 'KubeVirt applies it to the running VM without migration or restart',
  'in-place': 'Applied as is; nothing running is disrupted',
  removal: 'An object is deleted and nothing is left behind (or a VM itself is deleted)',
  cosmetic: 'No effect on nodes or VMs',
};

/** SARIF result level of each severity. */
const LEVEL: Readonly<Record<ChangeSeverity, 'error' | 'warning' | 'note'>> = { error: 'error', warning: 'warning', info: 'note' };

/** This package's version (package.json), `0.0.0` when it cannot be read. */
export function packageVersion(): string {
  try {
    const v = (JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version?: unknown }).version;
    return typeof v === 'string' ? v : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/**
 * `file` as a SARIF relative URI reference from `cwd`: forward slashes, each segment
 * percent-encoded (a space or `#` in a file name stays part of the path).
 */
export function artifactUri(file: string, cwd: string): string {
  const rel = path.relative(cwd, path.resolve(cwd, file));
  return rel.split(path.sep).map((s) => (s === '..' || s === '.' ? s : encodeURIComponent(s))).join('/');
}

/** `Kind/ns/name` of a record. */
function objectName(r: DiffRecord): string {
  return [r.kind, r.namespace, r.name].filter((s): s is string => s !== null && s !== '').join('/');
}

/** The SARIF log of `records`, serialized with 2-space indentation and a final newline. */
export function formatDiffSarif(records: readonly DiffRecord[], cwd: string = process.cwd(), version: string = packageVersion()): string {
  const rules = CHANGE_CLASSES.map((id) => ({ id, shortDescription: { text: RULE_TEXT[id] } }));
  const results = records.map((r) => {
    const where = r.path === '' ? '' : ` ${r.path}`;
    const fix = r.fix === '' ? '' : ` Fix: ${r.fix}`;
    const location = r.file !== '' && r.line > 0 ? [{ physicalLocation: { artifactLocation: { uri: artifactUri(r.file, cwd) }, region: { startLine: r.line } } }] : undefined;
    return {
      ruleId: r.class,
      ruleIndex: CHANGE_CLASSES.indexOf(r.class),
      level: LEVEL[r.severity],
      message: { text: `${objectName(r)}${where} (${r.change}): ${r.message}${fix}` },
      ...(location ? { locations: location } : {}),
      // the same change keeps the same fingerprint across commits (code scanning tracks it)
      partialFingerprints: { 'multihomeChange/v1': createHash('sha256').update([r.kind, r.namespace ?? '', r.name, r.path, r.class, r.change].join('\u0000')).digest('hex') },
      properties: { change: r.change, severity: r.severity },
    };
  });
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'multihome', version, rules } }, results }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
