import * as fs from 'fs';
import * as path from 'path';
import { FIXTURES, loadCases } from '../support/fixtures';
import { ALL_PROBLEM_CODES, isDeclaredProblemCode } from '../../lib/core/codes';
import { suiteCounts } from './inventory';
import { loadSuites } from './load';

/**
 * The inventories of rules mined from upstream tests (issue 19 §3) hold: every covered rejection
 * names a fixture that exists and expects the code (the area's fixture test then proves the
 * validator reports exactly that), every exclusion says why, every accepted input is a fixture
 * without errors. The fixture tests of each area run the validator; this test ties them to the
 * upstream test they were derived from.
 */
const suites = loadSuites();

describe('rules mined from upstream tests', () => {
  it('has inventories', () => expect(suites.length).toBeGreaterThan(0));

  for (const s of suites) {
    describe(s.suite, () => {
      const cases = new Map(loadCases(s.area).map((c) => [c.name, c]));
      it('names its repository, commit and paths', () => {
        expect(s.repository).toMatch(/^[\w.-]+\/[\w.-]+$/);
        expect(s.commit.length).toBeGreaterThanOrEqual(6);
        expect(s.paths.length).toBeGreaterThan(0);
        expect(fs.existsSync(path.join(FIXTURES, s.area))).toBe(true);
      });
      it('lists each upstream test once', () => {
        const seen = s.rejections.map((r) => `${r.test} :: ${r.asserts}`);
        expect(seen.filter((t, i) => seen.indexOf(t) !== i)).toEqual([]);
      });
      for (const r of s.rejections) {
        it(`${r.status}: ${r.test} — ${r.asserts}`, () => {
          if (r.status === 'excluded') {
            expect(r.reason?.trim().length ?? 0).toBeGreaterThan(10);
            return;
          }
          expect(r.code && isDeclaredProblemCode(r.code)).toBe(true);
          const c = cases.get(r.fixture ?? '');
          expect(c?.name).toBe(r.fixture);
          expect(c!.expected.map((p) => p.code)).toContain(r.code);
        });
      }
      for (const a of s.accepted ?? []) {
        it(`accepted: ${a.test}`, () => {
          const c = cases.get(a.fixture);
          expect(c?.name).toBe(a.fixture);
          const errors = c!.expected.filter((p) => ALL_PROBLEM_CODES[p.code]?.severity === 'error');
          expect(errors).toEqual([]);
        });
      }
      it('counts add up', () => {
        const n = suiteCounts(s);
        expect(n.covered + n.excluded).toBe(n.asserted);
      });
    });
  }
});

