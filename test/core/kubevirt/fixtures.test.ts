import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { codesAndPaths, FixtureCase, loadCases } from '../../support/fixtures';
import { KUBEVIRT_CODES, validateVirtualMachine, VmValidationOptions } from '../../../lib/core/kubevirt';

/**
 * The validation options of a case: `options.yaml` next to input.yaml (e.g. `kubevirtVersion: '1.2'`
 * for a case about an older KubeVirt release), or none (the default version).
 */
function optionsOf(c: FixtureCase): VmValidationOptions {
  const file = path.join(c.dir, 'options.yaml');
  return fs.existsSync(file) ? (YAML.parse(fs.readFileSync(file, 'utf8')) as VmValidationOptions) : {};
}

const cases = loadCases('kubevirt');
const validate = (c: FixtureCase) => validateVirtualMachine(c.input, optionsOf(c));

describe('fixtures: kubevirt', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(0));
  for (const c of cases) {
    it(`${c.name} reports exactly its expected problems`, () => {
      expect(codesAndPaths(validate(c))).toEqual(codesAndPaths(c.expected));
    });
  }
});

describe('kubevirt fixtures cover the code table', () => {
  it('has a failing fixture for every code in KUBEVIRT_CODES', () => {
    const covered = new Set(cases.flatMap((c) => c.expected.map((p) => p.code)));
    const missing = Object.keys(KUBEVIRT_CODES).filter((code) => !covered.has(code));
    expect(missing).toEqual([]);
  });

  it('expects only declared codes', () => {
    const unknown = cases.flatMap((c) => c.expected.map((p) => p.code)).filter((code) => !(code in KUBEVIRT_CODES));
    expect(unknown).toEqual([]);
  });

  it('gives every problem a message and a fix, with the severity of the code table', () => {
    const problems = cases.flatMap(validate);
    // every code has a failing fixture, so there are at least as many problems as codes
    expect(problems.length).toBeGreaterThanOrEqual(Object.keys(KUBEVIRT_CODES).length);
    for (const p of problems) {
      expect(p.message.length).toBeGreaterThan(10);
      expect(p.fix.length).toBeGreaterThan(5);
      expect(p.severity).toBe(KUBEVIRT_CODES[p.code as keyof typeof KUBEVIRT_CODES].severity);
    }
  });

  it('names the resource of each problem', () => {
    const c = cases.find((x) => x.name === 'mac-reserved')!;
    const [p] = validateVirtualMachine(c.input);
    expect(p.resource).toEqual({ kind: 'VirtualMachine', name: 'mac-reserved', namespace: 'vms' });
  });

  it('reads options.yaml of the cases about older KubeVirt releases', () => {
    const versioned = cases.filter((c) => optionsOf(c).kubevirtVersion !== undefined);
    expect(versioned.map((c) => c.name)).toEqual(expect.arrayContaining(['version-1.2-binding-deprecated', 'version-1.7-passt-binding']));
  });
});
