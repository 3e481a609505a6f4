/**
 * Pre-flight against hostile cluster states and intent: every case fixture (real NodeNetworkStates,
 * their policies, NADs and VMs) with random values put at random paths of the states and of the
 * intent. `clusterStateOf` + `preflight` never throw, and every finding has a declared code, a
 * path, a message and a fix. Fixed seed, bounded runs.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import * as YAML from 'yaml';
import { isDeclaredProblemCode } from '../../lib/core/codes';
import { clusterStateOf } from '../../lib/core/preflight/cluster-state';
import { preflight } from '../../lib/core/preflight/preflight';
import { mutation } from './generators';
import { mutate } from './mutate';

const CASES = path.join(__dirname, '..', 'fixtures', 'preflight', 'cases');
const objectsOf = (file: string): unknown[] =>
  YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map((d) => d.toJS() as Record<string, unknown> | null)
    .filter((v): v is Record<string, unknown> => v !== null)
    .flatMap((v) => (Array.isArray(v.items) ? (v.items as unknown[]) : [v]));
const cases = fs.readdirSync(CASES).flatMap((rule) => fs.readdirSync(path.join(CASES, rule)).map((v) => path.join(CASES, rule, v)));
const inputs = cases.map((dir) => ({ state: objectsOf(path.join(dir, 'state.yaml')), intent: objectsOf(path.join(dir, 'intent.yaml')) }));

describe('pre-flight on mutated states and intent', () => {
  it('never throws; every finding is a declared code with a path, a message and a fix', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), (pick, mutations, onState) => {
        const { state, intent } = inputs[pick % inputs.length];
        const target = onState ? state : intent;
        const mutated = target.map((o, i) => (i === mutations.length % Math.max(1, target.length) || mutations.length > 2 ? mutations.reduce((d, m) => mutate(d, m), o) : o));
        const findings = onState ? [...clusterStateOf(mutated).problems.map((p) => p.problem), ...preflight(intent, clusterStateOf(mutated)).map((f) => f.problem)] : preflight(mutated, clusterStateOf(state)).map((f) => f.problem);
        for (const p of findings) {
          expect(isDeclaredProblemCode(p.code)).toBe(true);
          expect(typeof p.path).toBe('string');
          expect(p.message.length).toBeGreaterThan(0);
          expect(p.fix.length).toBeGreaterThan(0);
        }
      }),
      { seed: 1506, numRuns: 400 },
    );
  });
});
