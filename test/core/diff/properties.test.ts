/**
 * Properties of the semantic diff over random edits of real outputs (the example environments'
 * syntheses): metadata-only edits are cosmetic and never above info; any edit of a field yields
 * at least one record; identical sets yield none; the result does not depend on object order.
 */
import fc from 'fast-check';
import { diffManifests } from '../../../lib/core/diff';
import { Manifest } from '../../../lib/core/manifest';
import { renderTopology } from '../../../lib/core/topology/render';
import { lab } from '../../../apps/environments/lab';
import { prod } from '../../../apps/environments/prod';
import { estate } from '../../../apps/environments/estate';

const outputs = [renderTopology(lab), renderTopology(prod), renderTopology(estate)];
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

/** Leaf paths (key lists) of an object, skipping metadata. */
function leaves(v: unknown, base: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(v)) return v.flatMap((x, i) => leaves(x, [...base, i]));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => (base.length === 0 && (k === 'metadata' || k === 'apiVersion' || k === 'kind') ? [] : leaves(x, [...base, k])));
  return [base];
}

function setAt(obj: any, p: (string | number)[], value: unknown): void {
  let o = obj;
  for (const k of p.slice(0, -1)) o = o[k];
  o[p[p.length - 1]] = value;
}

describe('semantic diff properties', () => {
  it('label and annotation edits are cosmetic, info', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.nat(), fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), fc.string({ maxLength: 30 }), (o, i, key, value) => {
        const a = outputs[o];
        const b = clone(a);
        const m = b[i % b.length];
        m.metadata.labels = { ...(m.metadata.labels ?? {}), [`example.com/${key}`]: value };
        const changes = diffManifests(a, b);
        expect(changes.length).toBe(1);
        expect([changes[0].class, changes[0].severity, changes[0].change]).toEqual(['cosmetic', 'info', 'modified']);
      }),
      { seed: 1616, numRuns: 300 },
    );
  });
  it('any edited field yields at least one record about that object', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.nat(), fc.nat(), (o, i, j) => {
        const a = outputs[o];
        const b = clone(a);
        const m = b[i % b.length] as Manifest;
        const ls = leaves(m);
        fc.pre(ls.length > 0);
        const p = ls[j % ls.length];
        setAt(m, p, 'edited-value-7');
        const changes = diffManifests(a, b).filter((c) => c.kind === m.kind && c.name === m.metadata.name);
        expect(changes.length).toBeGreaterThan(0);
      }),
      { seed: 1617, numRuns: 150 },
    );
  });
  it('object order does not matter', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }), (x, y) => {
        const a = outputs[x];
        const b = outputs[y];
        expect(diffManifests([...a].reverse(), [...b].reverse())).toEqual(diffManifests(a, b));
      }),
      { numRuns: 9 },
    );
  });
});
