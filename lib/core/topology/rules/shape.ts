/**
 * The shape gate of every build: the topology checked against its data-form outline
 * (lib/core/source/topology-schema.ts, the same outline environment files are read with) before
 * anything resolves or renders it. Code can hand the builder values TypeScript never saw
 * (`ipv4: '10.0.0.1/24'` from `as any`, `attachments: {}` from JSON, `gatway4` from a spread):
 * each is a TOPOLOGY_SHAPE problem at its path, never a TypeError inside the renderer.
 */
import { Problem } from '../../errors';
import { isRecord } from '../../problems';
import { schemaMismatches, TOPOLOGY_SCHEMA } from '../../source/topology-schema';
import { Findings } from './report';

/**
 * TOPOLOGY_SHAPE problems of `t` on its environment: every type mismatch, missing required field
 * and unknown key (a non-object topology is one mismatch at path '').
 */
export function topologyShapeGate(t: unknown): Problem[] {
  const f = new Findings();
  const env = { kind: 'Environment', name: topologyName(t) };
  for (const m of schemaMismatches(t, TOPOLOGY_SCHEMA)) f.add('TOPOLOGY_SHAPE', env, m.path, m.message, m.fix);
  return f.problems;
}

/** The name of a topology whose shape may be wrong, for the problems' resource. */
export function topologyName(t: unknown): string {
  return isRecord(t) && typeof t.name === 'string' ? t.name : '<unnamed>';
}
