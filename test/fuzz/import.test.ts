/**
 * `multihome import` on hostile estates: the seeds, the trial's hand-written estate and
 * multihome's own outputs with random values put at random paths of one object. Reading either
 * refuses with problems or yields objects; importing those never throws, the environment builds,
 * and its synthesis carries every input object up to the declared additions (the test's oracle).
 * Fixed seed, bounded runs.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import * as YAML from 'yaml';
import { importObjects } from '../../lib/core/import/import';
import { readImportObjects } from '../../lib/core/import/objects';
import { stringifyManifests } from '../../lib/core/render/yaml';
import { identity, objectsOf, objectsUnder, unexplained } from '../core/import/oracle';
import { mutation } from './generators';
import { mutate } from './mutate';

const ROOT = path.join(__dirname, '..', '..');
const fixture = (...p: string[]) => path.join(ROOT, 'test', 'fixtures', ...p);
const SETS: ReadonlyArray<readonly unknown[]> = [
  objectsUnder([fixture('seeds', '004-kubevirt-bridge-vlan100.yaml')]),
  objectsUnder([fixture('seeds', '001-vlan1085-c7000.yaml')]),
  objectsOf(fs.readFileSync(fixture('seeds', '002-nmstate-bond-vlan.yaml'), 'utf8').replace(/^(\s*)-(name|ip):/gm, '$1- $2:')),
  objectsUnder([path.join(ROOT, '..', 'shared', 'reference', 'trial-2026-12', 'env', 'existing')]),
  objectsUnder([fixture('golden', 'lab.k8s.yaml')]),
  objectsUnder([fixture('golden', 'estate.k8s.yaml')]),
];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mh-import-fuzz-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('import of mutated estates', () => {
  it('refuses with problems or imports losslessly; never throws', () => {
    let run = 0;
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 3 }), (pick, at, mutations) => {
        const base = SETS[pick % SETS.length];
        const i = at % base.length;
        const docs = base.map((o, k) => (k === i ? mutations.reduce((d, m) => mutate(d, m), o as unknown) : o));
        const file = path.join(dir, `estate-${run++}.yaml`);
        fs.writeFileSync(file, docs.map((d) => YAML.stringify(d)).join('---\n'));
        const input = readImportObjects([file]);
        if (input.problems.length) {
          for (const p of input.problems) expect(p.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
          return;
        }
        const result = importObjects('fuzz', input.objects);
        expect(result.build.errors.map((p) => p.code)).toEqual([]);
        const written = new Map(objectsOf(stringifyManifests(result.build.manifests.map((m) => m.manifest))).map((o) => [identity(o), o]));
        for (const o of objectsOf(fs.readFileSync(file, 'utf8'))) {
          const w = written.get(identity(o));
          expect({ object: identity(o), present: w !== undefined }).toEqual({ object: identity(o), present: true });
          expect({ object: identity(o), unexplained: unexplained(o, w!) }).toEqual({ object: identity(o), unexplained: [] });
        }
      }),
      { seed: Number(process.env.FUZZ_SEED ?? 1818), numRuns: Number(process.env.FUZZ_RUNS ?? 150) },
    );
  });
});
