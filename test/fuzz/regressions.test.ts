/**
 * Crashes the fuzz suite found in the validators, reduced to one input each (the generated runs
 * keep their failing inputs under $TMPDIR/multihome-fuzz-failures for this).
 */
import { buildEnvironment } from '../../lib/core/topology/build';
import type { Topology } from '../../lib/core/topology/model';
import { lab } from '../../apps/environments/lab';
import { copy } from './mutate';
import { problemsOf } from '../agent/helpers';

describe('crashes found by the fuzz suite', () => {
  test.each([
    ['a mapping', { toString: 'x' }],
    ['a key of Object.prototype', 'constructor'],
    ['a list', ['linux-bridge']],
  ])('GIVEN an agent interface whose type is %s WHEN normalized THEN AGENT_UNSUPPORTED at its type, no TypeError', (_what, type) => {
    expect(problemsOf({ interfaces: [{ name: 'br0', type, state: 'up' }] })).toEqual([{ code: 'AGENT_UNSUPPORTED', path: 'desiredState.interfaces[0].type' }]);
  });

  // topology-typed-7-415 (fast-check seed 7): a typo in a VM's static address. renderEnvironment
  // calls networkDataV2, which throws MultihomeError for the one address, before validation runs.
  test('GIVEN a VM attachment address that is not CIDR (10.200.0.1/33) WHEN the environment is built THEN an error problem, not an exception', () => {
    const t = copy(lab) as unknown as { vms: Array<{ attachments: Array<{ ipv4: string[] }> }> };
    t.vms[0].attachments[0].ipv4 = ['10.200.0.1/33'];
    let errors: string[] = [];
    expect(() => (errors = buildEnvironment(t as unknown as Topology).errors.map((p) => p.code))).not.toThrow();
    expect(errors.length).toBeGreaterThan(0);
  });
});
