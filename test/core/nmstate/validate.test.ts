import { ProblemSink } from '../../../lib/core/problems';
import { NMSTATE_CODES, validateDesiredState, validateNncp } from '../../../lib/core/nmstate';

function check(state: unknown): string[] {
  const sink = new ProblemSink({ kind: 'NetworkState' }, NMSTATE_CODES);
  validateDesiredState(state, sink, '');
  return sink.problems.map((p) => `${p.code} @ ${p.path}`);
}

describe('nmstate validation details', () => {
  it('ignores every field of an absent interface except name, type and state (iface.rs Interface::deserialize)', () => {
    expect(check({ interfaces: [{ name: 'eth1.101', type: 'vlan', state: 'absent', vlan: { id: 99999 } }] })).toEqual([]);
  });

  it('skips nmpolicy capture templates', () => {
    expect(
      check({
        interfaces: [
          { name: 'br1', type: 'linux-bridge', state: 'up', 'mac-address': '{{ capture.nic.interfaces.0.mac-address }}', ipv4: '{{ capture.nic.interfaces.0.ipv4 }}', bridge: { port: [{ name: '{{ capture.nic.interfaces.0.name }}' }] } },
        ],
        routes: { config: '{{ capture.r.routes.running }}' },
      }),
    ).toEqual([]);
  });

  it('reads numbers and booleans given as strings like nmstate does', () => {
    expect(check({ interfaces: [{ name: 'bond0', type: 'bond', state: 'up', 'link-aggregation': { mode: '1', port: ['eth1'], options: { miimon: '140', balance_slb: 'no' } } }] })).toEqual([]);
    expect(check({ interfaces: [{ name: 'bond0', type: 'bond', 'link-aggregation': { mode: 4, port: ['eth1'], options: { lacp_rate: 1 } } }] })).toEqual([]);
  });

  it('allows dhcp together with static addresses (nmstate only logs it)', () => {
    expect(check({ interfaces: [{ name: 'eth1', type: 'ethernet', ipv4: { enabled: true, dhcp: true, address: [{ ip: '192.0.2.10', 'prefix-length': 24 }] } }] })).toEqual([]);
  });

  it('allows IP on ports of a VRF and on ovs-interface ports of an OVS bridge', () => {
    expect(
      check({
        interfaces: [
          { name: 'vrf0', type: 'vrf', state: 'up', vrf: { port: ['eth1'], 'route-table-id': 100 } },
          { name: 'eth1', type: 'ethernet', ipv4: { enabled: true, dhcp: true } },
          { name: 'ovs0', type: 'ovs-interface', ipv4: { enabled: true, dhcp: true } },
          { name: 'ovs-br0', type: 'ovs-bridge', bridge: { port: [{ name: 'ovs0' }, { name: 'eth2' }] } },
        ],
      }),
    ).toEqual([]);
  });

  it('a VLAN over an absent ethernet is allowed (inter_ifaces.rs keeps VLANs over ethernet)', () => {
    expect(check({ interfaces: [{ name: 'eth1', type: 'ethernet', state: 'absent' }, { name: 'eth1.5', type: 'vlan', vlan: { 'base-iface': 'eth1', id: 5 } }] })).toEqual([]);
  });

  it('a route type with next-hop-interface lo is allowed', () => {
    expect(check({ routes: { config: [{ destination: '198.51.100.0/24', 'route-type': 'unreachable', 'next-hop-interface': 'lo' }] } })).toEqual([]);
  });

  it('an absent route may omit next-hop-interface (wildcard removal)', () => {
    expect(check({ routes: { config: [{ destination: '198.51.100.0/24', state: 'absent' }] } })).toEqual([]);
  });

  it('returns every problem at once, with the resource taken from metadata', () => {
    const problems = validateNncp({
      apiVersion: 'nmstate.io/v1',
      kind: 'NodeNetworkConfigurationPolicy',
      metadata: { name: 'many' },
      spec: { nodeSelector: { a: 'b' }, desiredState: { interfaces: [{ name: 'v', type: 'vlan', vlan: { id: 5000 } }] } },
    });
    expect(problems.map((p) => p.code).sort()).toEqual(['NMSTATE_VLAN_BASE_IFACE_MISSING', 'NMSTATE_VLAN_ID_RANGE']);
    expect(problems.every((p) => p.resource.kind === 'NodeNetworkConfigurationPolicy' && p.resource.name === 'many')).toBe(true);
    expect(problems.every((p) => p.message.length > 0 && p.fix.length > 0)).toBe(true);
  });

  it('lets the caller override the resource reference', () => {
    const [p] = validateNncp({ apiVersion: 'nmstate.io/v1', kind: 'NodeNetworkConfigurationPolicy', metadata: { name: 'x' }, spec: { desiredState: {} } }, { constructPath: 'App/Net/Policy' });
    expect(p.resource).toEqual({ kind: 'NodeNetworkConfigurationPolicy', name: 'x', constructPath: 'App/Net/Policy' });
  });
});
