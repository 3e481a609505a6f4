/**
 * The shape gate of every build: the topology checked against its data-form outline
 * (lib/core/source/topology-schema.ts, the same outline environment files are read with) before
 * anything resolves or renders it. Code can hand the builder values TypeScript never saw
 * (`ipv4: '10.0.0.1/24'` from `as any`, `attachments: {}` from JSON, `gatway4` from a spread):
 * each is a TOPOLOGY_SHAPE problem at its path, never a TypeError inside the renderer.
 */
import { isRecord } from '../../problems';
import { schemaMismatches, TOPOLOGY_SCHEMA } from '../../source/topology-schema';
import { IntentReport } from './intent-vlans';

/** Reports every type mismatch, missing required field and unknown key; returns how many. */
export function checkTopologyShape(t: unknown, report: IntentReport): number {
  const mismatches = schemaMismatches(t, TOPOLOGY_SCHEMA);
  // a non-object topology is one mismatch at path '' ("the value is …, not a mapping")
  for (const m of mismatches) report(m.path, m.message, m.fix);
  return mismatches.length;
}

/** The name of a topology whose shape may be wrong, for the problems' resource. */
export function topologyName(t: unknown): string {
  return isRecord(t) && typeof t.name === 'string' ? t.name : '<unnamed>';
}
