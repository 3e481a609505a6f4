import { loadCases, describeFixtures } from '../../support/fixtures';
import { NMSTATE_CODES, validateNncp } from '../../../lib/core/nmstate';
import { isRecord } from '../../../lib/core/problems';

/**
 * Fixture cases validate for the default nmstate release unless the NNCP carries the test-only
 * annotation `test.multihome.io/nmstate-version` (cases of fields newer than an older target).
 */
export const FIXTURE_VERSION_ANNOTATION = 'test.multihome.io/nmstate-version';

function fixtureVersion(input: unknown): string | undefined {
  const meta = isRecord(input) ? input.metadata : undefined;
  const ann = isRecord(meta) ? meta.annotations : undefined;
  const v = isRecord(ann) ? ann[FIXTURE_VERSION_ANNOTATION] : undefined;
  return typeof v === 'string' ? v : undefined;
}

describeFixtures('nmstate', (input) => validateNncp(input, { nmstateVersion: fixtureVersion(input) }));

describe('nmstate fixture coverage', () => {
  const cases = loadCases('nmstate');
  const expected = new Set(cases.flatMap((c) => c.expected.map((p) => p.code)));

  it('every code in NMSTATE_CODES has at least one fixture that expects it', () => {
    const missing = Object.keys(NMSTATE_CODES).filter((code) => !expected.has(code));
    expect(missing).toEqual([]);
  });

  it('fixtures only expect declared codes', () => {
    expect([...expected].filter((code) => !(code in NMSTATE_CODES))).toEqual([]);
  });

  it('declares at least 25 distinct codes, each with severity, summary and upstream', () => {
    const entries = Object.entries(NMSTATE_CODES);
    expect(entries.length).toBeGreaterThanOrEqual(25);
    for (const [code, spec] of entries) {
      expect(code).toMatch(/^NMSTATE_[A-Z0-9_]+$/);
      expect(['error', 'warning']).toContain(spec.severity);
      expect(spec.summary.length).toBeGreaterThan(10);
      expect(spec.upstream).toMatch(/^(nmstate\/|linux |multihome)/);
    }
  });
});
