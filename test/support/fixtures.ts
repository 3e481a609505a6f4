import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { Problem } from '../../lib/core/errors';

/** Root of the table-driven fixtures: test/fixtures/<area>/<case>/. */
export const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** One fixture case: `input.yaml` (one manifest) + `expected.yaml` (`problems: [{code, path}]`). */
export interface FixtureCase {
  readonly name: string;
  readonly dir: string;
  readonly input: unknown;
  readonly expected: Array<{ code: string; path: string }>;
}

/** Loads every case under test/fixtures/<area>/. */
export function loadCases(area: string): FixtureCase[] {
  const root = path.join(FIXTURES, area);
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root)
    .sort()
    .filter((d) => fs.statSync(path.join(root, d)).isDirectory())
    .map((d) => {
      const dir = path.join(root, d);
      const input = YAML.parse(fs.readFileSync(path.join(dir, 'input.yaml'), 'utf8'));
      const expFile = path.join(dir, 'expected.yaml');
      const exp = fs.existsSync(expFile) ? YAML.parse(fs.readFileSync(expFile, 'utf8')) : { problems: [] };
      return { name: d, dir, input, expected: (exp?.problems ?? []) as FixtureCase['expected'] };
    });
}

/** Reduces problems to sorted `code @ path` strings for exact comparison. */
export function codesAndPaths(problems: readonly Pick<Problem, 'code' | 'path'>[]): string[] {
  return problems.map((p) => `${p.code} @ ${p.path}`).sort();
}

/**
 * Declares one jest test per fixture case of `area`: the validator must return exactly the
 * expected problems (code and field path), no more and no fewer.
 */
export function describeFixtures(area: string, validate: (input: unknown) => readonly Problem[]): void {
  const cases = loadCases(area);
  describe(`fixtures: ${area}`, () => {
    it('has cases', () => expect(cases.length).toBeGreaterThan(0));
    for (const c of cases) {
      it(`${c.name} reports exactly its expected problems`, () => {
        expect(codesAndPaths(validate(c.input))).toEqual(codesAndPaths(c.expected));
      });
    }
  });
}
