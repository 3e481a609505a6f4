import { describeFixtures, loadCases } from '../../support/fixtures';
import { CNI_CODES, pluginProfileByName, PluginProfile, validateNad } from '../../../lib/core/cni';
import { isRecord } from '../../../lib/core/problems';

/**
 * Table-driven fixtures under test/fixtures/cni/<case>/ (input.yaml = one whole NAD manifest,
 * expected.yaml = exactly the problems returned, warnings included).
 *
 * Profile: cases are checked against the default profile, PluginProfile.UPSTREAM (what
 * validateNad uses without options). A few cases exist only for another build (Debian 1.1.1,
 * OpenShift/CNAO v1.5.1); they name it with the test-only annotation below, which this harness
 * reads and validateNad ignores like any other annotation.
 */
const PROFILE_ANNOTATION = 'fixtures.multihome.test/plugin-profile';

function profileOf(input: unknown): PluginProfile | undefined {
  const meta = isRecord(input) && isRecord(input.metadata) ? input.metadata : undefined;
  const name = meta && isRecord(meta.annotations) ? meta.annotations[PROFILE_ANNOTATION] : undefined;
  return typeof name === 'string' ? pluginProfileByName(name) : undefined;
}

describeFixtures('cni', (o) => validateNad(o, { profile: profileOf(o) }));

describe('cni fixture coverage', () => {
  const cases = loadCases('cni');
  const expected = new Set(cases.flatMap((c) => c.expected.map((p) => p.code)));

  it('every code in CNI_CODES has at least one fixture that expects it', () => {
    expect(Object.keys(CNI_CODES).filter((code) => !expected.has(code))).toEqual([]);
  });

  it('fixtures only expect declared codes', () => {
    expect([...expected].filter((code) => !(code in CNI_CODES))).toEqual([]);
  });

  it('includes the seed-derived cases (seed 004 missing comma, seed 003 resourceName/bridge mismatch)', () => {
    const byName = new Map(cases.map((c) => [c.name, c]));
    expect(byName.get('seed-004-missing-comma')?.expected).toEqual([{ code: 'NAD_CONFIG_JSON_SYNTAX', path: 'spec.config' }]);
    expect(byName.get('seed-003-resource-name-mismatch')?.expected).toContainEqual({
      code: 'NAD_BRIDGE_RESOURCE_NAME_MISMATCH',
      path: 'metadata.annotations["k8s.v1.cni.cncf.io/resourceName"]',
    });
  });

  it('declares at least 15 distinct codes, each with severity, summary and upstream', () => {
    const entries = Object.entries(CNI_CODES);
    expect(entries.length).toBeGreaterThanOrEqual(15);
    for (const [code, spec] of entries) {
      expect(code).toMatch(/^(CNI|NAD)_[A-Z0-9_]+$/);
      expect(['error', 'warning']).toContain(spec.severity);
      expect(spec.summary.length).toBeGreaterThan(10);
      expect(spec.upstream).toMatch(/^(containernetworking\/|k8snetworkplumbingwg\/|ovn-kubernetes\/|kubevirt\/|linux |multihome)/);
    }
  });
});
