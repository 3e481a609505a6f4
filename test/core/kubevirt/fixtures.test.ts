import { describeFixtures, loadCases } from '../../support/fixtures';
import { KUBEVIRT_CODES, validateVirtualMachine } from '../../../lib/core/kubevirt';

describeFixtures('kubevirt', validateVirtualMachine);

describe('kubevirt fixtures cover the code table', () => {
  const cases = loadCases('kubevirt');

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
    const problems = cases.flatMap((c) => validateVirtualMachine(c.input));
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
});
