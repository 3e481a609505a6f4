/**
 * Building change records: the severity each class has unless a rule says otherwise, and the
 * collector the per-kind comparisons add to.
 */
import { Manifest } from '../manifest';
import { Change, ChangeClass, ChangeKind, ChangeSeverity } from './change';
import { text } from './value-diff';

/**
 * Severity of a class: `needs-absent-first` leaks state or breaks a VM (error); disruptions a
 * reviewer must plan for are warnings; what applies without disruption is info. A rule may raise
 * `node-disruptive` to error (the default-route interface); `cosmetic` is never above info.
 */
export const CLASS_SEVERITY: Readonly<Record<ChangeClass, ChangeSeverity>> = {
  'node-disruptive': 'warning',
  'needs-absent-first': 'error',
  replace: 'warning',
  'vm-restart': 'warning',
  'nad-stale': 'warning',
  'vm-guest-config': 'warning',
  'vm-live-migration': 'info',
  'vm-in-place': 'info',
  'in-place': 'info',
  removal: 'info',
  cosmetic: 'info',
};

/** The object a change is about. */
export interface ChangedObject {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

/** The object fields of a change record for a manifest. */
export function objectOf(m: Manifest): ChangedObject {
  const ns = m.metadata?.namespace;
  return { kind: text(m.kind), ...(typeof ns === 'string' && ns !== '' ? { namespace: ns } : {}), name: text(m.metadata?.name ?? '') };
}

/** Collects the changes of one diff. */
export class Changes {
  public readonly list: Change[] = [];

  /** Adds a change with its class's severity (or `severity` when given). */
  public add(obj: ChangedObject, change: ChangeKind, cls: ChangeClass, path: string, message: string, fix: string, severity?: ChangeSeverity): void {
    const s = cls === 'cosmetic' ? 'info' : severity ?? CLASS_SEVERITY[cls];
    this.list.push({ kind: obj.kind, ...(obj.namespace !== undefined ? { namespace: obj.namespace } : {}), name: obj.name, path, change, class: cls, severity: s, message, fix });
  }
}
