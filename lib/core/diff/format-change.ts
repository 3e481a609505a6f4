/**
 * One change as a line of text, for the adapters' warnings (cdk8s synth, pulumi preview) and
 * the CLI's text format. Values from the manifests are escaped (no control characters reach a
 * terminal or a log).
 */
import { escapeControl } from '../names';
import { Change } from './change';

/** `Kind ns/name path: message (fix) [severity class]`. */
export function formatChange(c: Change): string {
  const who = `${c.kind} ${c.namespace ? `${c.namespace}/` : ''}${c.name}`;
  return escapeControl(`${who}${c.path ? ` ${c.path}` : ''}: ${c.message}${c.fix ? ` (${c.fix})` : ''} [${c.severity} ${c.class}]`);
}

/**
 * The changes an adapter reports as warnings while synthesizing (cdk8s) or previewing (Pulumi):
 * those a reviewer must act on or plan for (severity warning or error), in the diff's order.
 */
export function changesToWarn(changes: readonly Change[]): Change[] {
  return changes.filter((c) => c.severity !== 'info');
}

/** The line an adapter prints for a change: `multihome change: <formatChange>`. */
export function changeNotice(c: Change): string {
  return `multihome change: ${formatChange(c)}`;
}
