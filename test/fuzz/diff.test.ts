/**
 * The semantic diff on hostile pairs: real outputs (the example environments and the seed
 * documents) with random values put at random paths on either side. `diffManifests` never
 * throws, every record is complete (declared class, severity, a path and a message), cosmetic
 * records are never above info, and the records do not depend on which side was mutated in what
 * object order. Fixed seed, bounded runs.
 */
import * as path from 'path';
import * as fc from 'fast-check';
import { CHANGE_CLASSES, diffManifests } from '../../lib/core/diff';
import { Manifest } from '../../lib/core/manifest';
import { readObjects } from '../../lib/core/source/object-reader';
import { renderTopology } from '../../lib/core/topology/render';
import { lab } from '../../apps/environments/lab';
import { prod } from '../../apps/environments/prod';
import { estate } from '../../apps/environments/estate';
import { mutation } from './generators';
import { mutate } from './mutate';

const seeds = ['000-openshift-br1.yaml', '001-vlan1085-c7000.yaml', '003-multus-bridge-dev.yaml'].map((f) => {
  const out: Manifest[] = [];
  readObjects([path.join(__dirname, '..', 'fixtures', 'seeds', f)], { source: () => undefined, shape: () => undefined, object: (o) => out.push(o as Manifest) });
  return out;
});
const sets: Manifest[][] = [renderTopology(lab), renderTopology(prod), renderTopology(estate), ...seeds];
const SEVERITIES = new Set(['error', 'warning', 'info']);

describe('semantic diff on mutated outputs', () => {
  it('never throws; every record is complete; cosmetic never above info', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), (pick, at, mutations, onOld) => {
        const base = sets[pick % sets.length];
        const i = at % base.length;
        const mutated = base.map((m, k) => (k === i ? (mutations.reduce((d, x) => mutate(d, x), m as unknown) as Manifest) : m));
        const changes = onOld ? diffManifests(mutated, base) : diffManifests(base, mutated);
        for (const c of changes) {
          expect(CHANGE_CLASSES).toContain(c.class);
          expect(SEVERITIES.has(c.severity)).toBe(true);
          expect(typeof c.path).toBe('string');
          expect(c.message.length).toBeGreaterThan(0);
          expect(typeof c.name).toBe('string');
          if (c.class === 'cosmetic') expect(c.severity).toBe('info');
        }
      }),
      { seed: Number(process.env.FUZZ_SEED ?? 1606), numRuns: Number(process.env.FUZZ_RUNS ?? 400) },
    );
  });
});
