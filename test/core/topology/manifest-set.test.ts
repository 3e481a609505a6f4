/**
 * One failing fixture per manifest-set code (test/fixtures/topology/<CODE>.yaml): every object
 * of the fixture passes its own validator (nmstate, CNI, KubeVirt admission), and the set
 * together yields exactly the expected problems — code, resource and field path.
 */
import { validateManifest } from '../../../lib/core/validate';
import { TOPOLOGY_CODES } from '../../../lib/core/topology/codes';
import { validateManifestSet } from '../../../lib/core/topology/validate-set';
import { fixtureCodes, loadSetFixture, triples } from './topology-fixtures';

describe.each(fixtureCodes())('fixture %s', (code) => {
  const f = loadSetFixture(code);

  it('is declared, and expects its own code with the declared severity', () => {
    expect(TOPOLOGY_CODES).toHaveProperty(code);
    expect(f.expected.map((e) => e.code)).toContain(code);
  });

  it('holds only objects their own validators accept (no per-resource error)', () => {
    const errors = [...f.manifests, ...(f.previous ?? [])].flatMap((m) => validateManifest(m)).filter((p) => p.severity === 'error');
    expect(errors.map((p) => `${p.code} ${p.path}`)).toEqual([]);
  });

  it('reports exactly the expected problems, with code, resource and field path', () => {
    const problems = validateManifestSet(f.manifests, f.options);
    expect(triples(problems)).toEqual(triples(f.expected));
    for (const p of problems) expect(p.severity).toBe(TOPOLOGY_CODES[p.code as keyof typeof TOPOLOGY_CODES].severity);
    for (const p of problems) {
      expect(p.message.length).toBeGreaterThan(20);
      expect(p.fix.length).toBeGreaterThan(10);
    }
  });

  if (f.previous) {
    it('is silent without the previous set (the problem is the change, not the state)', () => {
      const { previous: _previous, ...rest } = f.options;
      void _previous;
      expect(validateManifestSet(f.manifests, rest).map((p) => p.code)).not.toContain(code);
    });
  }
});
