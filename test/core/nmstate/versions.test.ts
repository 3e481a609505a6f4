import { ProblemSink } from '../../../lib/core/problems';
import { DEFAULT_NMSTATE_VERSION, NMSTATE_CODES, validateDesiredState, validateNncp } from '../../../lib/core/nmstate';
import { Problem } from '../../../lib/core/errors';

function nncp(desiredState: unknown): unknown {
  return { apiVersion: 'nmstate.io/v1', kind: 'NodeNetworkConfigurationPolicy', metadata: { name: 'v' }, spec: { nodeSelector: { a: 'b' }, desiredState } };
}

function errors(problems: readonly Problem[]): string[] {
  return problems.filter((p) => p.severity === 'error').map((p) => `${p.code} @ ${p.path}`);
}

/** One state per field added after 2.2.37, with the path of the field. */
const NEWER: ReadonlyArray<{ what: string; since: string; state: unknown; path: string }> = [
  {
    what: 'route vrf-name',
    since: 'a release after nmstate 2.2.37',
    state: { routes: { config: [{ destination: '198.51.100.0/24', 'next-hop-interface': 'eth1', 'vrf-name': 'vrf0' }] } },
    path: 'spec.desiredState.routes.config[0].vrf-name',
  },
  {
    what: 'identifier pci-address',
    since: 'nmstate 2.2.47',
    state: { interfaces: [{ name: 'wan0', type: 'ethernet', identifier: 'pci-address' }] },
    path: 'spec.desiredState.interfaces[0].identifier',
  },
  {
    what: 'route state ignore',
    since: 'nmstate 2.2.50',
    state: { routes: { config: [{ destination: '198.51.100.0/24', 'next-hop-interface': 'eth1', state: 'ignore' }] } },
    path: 'spec.desiredState.routes.config[0].state',
  },
  {
    what: 'bond alias of link-aggregation',
    since: 'nmstate 2.2.47',
    state: { interfaces: [{ name: 'bond0', type: 'bond', bond: { mode: 'active-backup', port: ['eth1'] } }] },
    path: 'spec.desiredState.interfaces[0].bond',
  },
  {
    what: 'bond mode lacp',
    since: 'nmstate 2.2.47',
    state: { interfaces: [{ name: 'bond0', type: 'bond', 'link-aggregation': { mode: 'lacp', port: ['eth1'] } }] },
    path: 'spec.desiredState.interfaces[0].link-aggregation.mode',
  },
  {
    what: 'VLAN QoS map',
    since: 'nmstate 2.2.43',
    state: { interfaces: [{ name: 'eth1.10', type: 'vlan', vlan: { 'base-iface': 'eth1', id: 10, 'ingress-qos-map': [] } }] },
    path: 'spec.desiredState.interfaces[0].vlan.ingress-qos-map',
  },
];

describe('nmstate validation per nmstate release', () => {
  it('defaults to the newest 2.2.x known', () => {
    expect(DEFAULT_NMSTATE_VERSION).toBe('2.2.62');
    expect(NMSTATE_CODES.NMSTATE_FIELD_NEWER_THAN_TARGET.severity).toBe('error');
  });

  for (const c of NEWER) {
    it(`${c.what}: accepted for the newest release, an error naming both releases for 2.2.37`, () => {
      expect(errors(validateNncp(nncp(c.state)))).toEqual([]);
      expect(errors(validateNncp(nncp(c.state), { nmstateVersion: DEFAULT_NMSTATE_VERSION }))).toEqual([]);
      const old = validateNncp(nncp(c.state), { nmstateVersion: '2.2.37' });
      expect(errors(old)).toEqual([`NMSTATE_FIELD_NEWER_THAN_TARGET @ ${c.path}`]);
      expect(old[0].message).toContain(c.since);
      expect(old[0].message).toContain('nmstate 2.2.37');
    });
  }

  it('accepts a field from the release that introduced it on', () => {
    const state = NEWER[1].state;
    expect(errors(validateNncp(nncp(state), { nmstateVersion: '2.2.46' }))).toEqual(['NMSTATE_FIELD_NEWER_THAN_TARGET @ spec.desiredState.interfaces[0].identifier']);
    expect(errors(validateNncp(nncp(state), { nmstateVersion: '2.2.47' }))).toEqual([]);
    expect(errors(validateNncp(nncp(state), { nmstateVersion: '2.2.50' }))).toEqual([]);
  });

  it('also gates keys older than 2.2.37 for older targets (route cwnd: 2.2.27; ports-config: 2.2.17)', () => {
    const route = { routes: { config: [{ destination: '198.51.100.0/24', 'next-hop-interface': 'eth1', cwnd: 10 }] } };
    expect(errors(validateNncp(nncp(route), { nmstateVersion: '2.2.26' }))).toEqual(['NMSTATE_FIELD_NEWER_THAN_TARGET @ spec.desiredState.routes.config[0].cwnd']);
    expect(errors(validateNncp(nncp(route), { nmstateVersion: '2.2.37' }))).toEqual([]);
    const bond = { interfaces: [{ name: 'bond0', type: 'bond', 'link-aggregation': { mode: 'active-backup', 'ports-config': [{ name: 'eth1' }] } }] };
    expect(errors(validateNncp(nncp(bond), { nmstateVersion: '2.2.16' }))).toEqual(['NMSTATE_FIELD_NEWER_THAN_TARGET @ spec.desiredState.interfaces[0].link-aggregation.ports-config']);
  });

  it('reports an interface type newer than the target (ipvlan: 2.2.37)', () => {
    const state = { interfaces: [{ name: 'ipvlan0', type: 'ipvlan', ipvlan: { 'base-iface': 'eth1', mode: 'l2' } }] };
    expect(errors(validateNncp(nncp(state), { nmstateVersion: '2.2.36' }))).toEqual(['NMSTATE_FIELD_NEWER_THAN_TARGET @ spec.desiredState.interfaces[0].type']);
    expect(errors(validateNncp(nncp(state), { nmstateVersion: '2.2.37' }))).toEqual([]);
  });

  it('a typo stays an unknown field at every release, not a newer one', () => {
    const state = { routes: { config: [{ destination: '198.51.100.0/24', 'next-hop-interface': 'eth1', 'vrf-nme': 'vrf0' }] } };
    for (const v of ['2.2.37', DEFAULT_NMSTATE_VERSION]) {
      expect(errors(validateNncp(nncp(state), { nmstateVersion: v }))).toEqual(['NMSTATE_UNKNOWN_FIELD @ spec.desiredState.routes.config[0].vrf-nme']);
    }
  });

  it('validateDesiredState takes the same option; a malformed version is a caller error', () => {
    const sink = new ProblemSink({ kind: 'NetworkState' }, NMSTATE_CODES);
    validateDesiredState(NEWER[2].state, sink, '', { nmstateVersion: '2.2.37' });
    expect(sink.problems.map((p) => `${p.code} @ ${p.path}`)).toEqual(['NMSTATE_FIELD_NEWER_THAN_TARGET @ routes.config[0].state']);
    expect(() => validateDesiredState({}, new ProblemSink({ kind: 'NetworkState' }, NMSTATE_CODES), '', { nmstateVersion: 'latest' })).toThrow(/nmstateVersion/);
  });

  it('keeps the resource override of the second argument', () => {
    const [p] = validateNncp(nncp(NEWER[0].state), { constructPath: 'App/Net', nmstateVersion: '2.2.37' });
    expect(p.resource).toEqual({ kind: 'NodeNetworkConfigurationPolicy', name: 'v', constructPath: 'App/Net' });
    expect(p.code).toBe('NMSTATE_FIELD_NEWER_THAN_TARGET');
  });
});
