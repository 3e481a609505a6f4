/**
 * Intent-only rules (`validateTopology`): one failing Topology per code (intent-cases.ts), each
 * reporting exactly its code at its path on the Environment resource, and the clean base
 * topology passing everything — intent, per-resource and cross-resource rules alike.
 */
import { formatResource } from '../../../lib/core/errors';
import { TOPOLOGY_CODES } from '../../../lib/core/topology/codes';
import { renderTopology } from '../../../lib/core/topology/render';
import { validateEnvironment } from '../../../lib/core/topology/validate-environment';
import { validateTopology } from '../../../lib/core/topology/validate-topology';
import { baseTopology, INTENT_CASES } from './intent-cases';

describe('validateTopology', () => {
  it('GIVEN the clean base topology THEN nothing is reported, rendered or not', () => {
    const t = baseTopology();
    expect(validateTopology(t)).toEqual([]);
    expect(validateEnvironment(t, renderTopology(t))).toEqual([]);
  });

  describe.each(Object.entries(INTENT_CASES))('%s', (code, c) => {
    it(`GIVEN ${c.title} THEN exactly this code is reported, on the environment, at its path`, () => {
      const problems = validateTopology(c.topology);
      expect(problems.map((p) => `${p.code} ${formatResource(p.resource)} ${p.path}`).sort()).toEqual(
        c.expected.map((e) => `${e.code} Environment/fixture ${e.path}`).sort(),
      );
      expect(problems.map((p) => p.code)).toContain(code);
      for (const p of problems) expect(p.severity).toBe(TOPOLOGY_CODES[p.code as keyof typeof TOPOLOGY_CODES].severity);
    });
  });
});

describe('validateTopology: no false positives on legitimate reuse', () => {
  const twoGroups = () => {
    const t = baseTopology();
    return {
      ...t,
      nodeGroups: [...t.nodeGroups, { name: 'edge', nodeSelector: { 'node-role.kubernetes.io/edge': '' } }],
      uplinks: [...t.uplinks, { name: 'ens3', nodeGroup: 'edge', interface: 'ens3' }],
      namespaces: { ...t.namespaces, edge: {} },
    };
  };

  it('the same bridge name on another uplink of a disjoint node group is another bridge', () => {
    const t = twoGroups();
    // workers select worker="", edge selects edge="": compatible selectors, so make them disjoint.
    const disjoint = {
      ...t,
      nodeGroups: [
        { name: 'workers', nodeSelector: { 'node.kubernetes.io/pool': 'workers' } },
        { name: 'edge', nodeSelector: { 'node.kubernetes.io/pool': 'edge' } },
      ],
      networks: [...t.networks, { name: 'edge100', pattern: 'trunk-bridge' as const, uplink: 'ens3', bridge: 'br0', vlan: 100, namespaces: ['edge'] }],
      vms: [],
    };
    expect(validateTopology(disjoint)).toEqual([]);
  });

  it('but on overlapping node groups two uplinks for one bridge are reported', () => {
    const t = twoGroups();
    const overlapping = { ...t, networks: [...t.networks, { name: 'edge100', pattern: 'trunk-bridge' as const, uplink: 'ens3', bridge: 'br0', vlan: 100, namespaces: ['edge'] }], vms: [] };
    expect(validateTopology(overlapping).map((p) => `${p.code} ${p.path}`)).toEqual(['TOPOLOGY_SHARED_BRIDGE_MISMATCH networks[1].uplink']);
  });

  it('two trunk networks may carry the same VLAN on one bridge (one L2, two namespaces)', () => {
    const t = baseTopology();
    const shared = { ...t, networks: [...t.networks, { ...t.networks[0], name: 'vlan100-b', nadName: 'vlan100', namespaces: ['other'] }], namespaces: { ...t.namespaces, other: {} } };
    expect(validateTopology(shared)).toEqual([]);
  });

  it('a host VLAN of the uplink with the id of a network is reported; on disjoint nodes it is not', () => {
    const t = baseTopology();
    const clash = { ...t, uplinks: [{ ...t.uplinks[0], vlans: [{ id: 100, ipv4: { perNode: { w1: '192.0.2.1/24', w2: '192.0.2.2/24' } } }] }] };
    expect(validateTopology(clash).map((p) => `${p.code} ${p.path}`)).toEqual(['TOPOLOGY_VLAN_CLAIMED_TWICE networks[0].vlan']);
    const apart = {
      ...t,
      nodeGroups: [...t.nodeGroups, { name: 'infra', nodeSelector: { 'node-role.kubernetes.io/worker': 'no' } }],
      uplinks: [...t.uplinks, { name: 'infra-eth1', nodeGroup: 'infra', interface: 'eth1', vlans: [{ id: 100, dhcp4: true }] }],
    };
    expect(validateTopology(apart)).toEqual([]);
  });
});
