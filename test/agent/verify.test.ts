import { planChanges } from '../../lib/agent/plan';
import type { CurrentLink, HostState } from '../../lib/agent/state';
import { remainingAfterApply, touchedIntent } from '../../lib/agent/verify';
import type { DesiredState } from '../../lib/core/nmstate/types';
import { intentOf } from './helpers';

const link = (name: string, extra: Partial<CurrentLink> = {}): CurrentLink => ({
  name, index: 1, kind: '', up: true, mtu: 1500, mac: '02:00:00:00:00:01', addresses: { 4: [], 6: [] }, ...extra,
});
const state = (...links: CurrentLink[]): HostState => ({ links: new Map(links.map((l) => [l.name, l])), routes: [] });

/** eth1.100 in br100 (with an address) on eth1; eth2 stays as it is. */
const DS: DesiredState = {
  interfaces: [
    { name: 'eth1', type: 'ethernet', state: 'up' },
    { name: 'eth2', type: 'ethernet', state: 'up', mtu: 9000 },
    { name: 'eth1.100', type: 'vlan', state: 'up', vlan: { 'base-iface': 'eth1', id: 100 } },
    {
      name: 'br100', type: 'linux-bridge', state: 'up',
      ipv4: { enabled: true, address: [{ ip: '10.0.0.1', 'prefix-length': 24 }] },
      bridge: { options: { stp: { enabled: false } }, port: [{ name: 'eth1.100' }] },
    },
  ],
};
const before = state(link('eth1'), link('eth2', { mtu: 9000 }));
const landed = (): CurrentLink[] => [
  link('eth1'),
  link('eth2', { mtu: 9000 }),
  link('eth1.100', { kind: 'vlan', vlan: { base: 'eth1', id: 100, protocol: '802.1Q' }, master: 'br100' }),
  link('br100', { kind: 'bridge', bridge: { stp_state: 0, vlan_filtering: 0, vlan_default_pvid: 1, vlan_protocol: '802.1Q', mcast_snooping: 1, group_fwd_mask: 0 }, addresses: { 4: ['10.0.0.1/24'], 6: [] } }),
];

describe('verifying an apply on what it touched (verify.ts)', () => {
  const intent = intentOf(DS);
  const plan = planChanges(intent, before);

  test('GIVEN the batch landed WHEN verified THEN nothing remains', () => {
    expect(plan.ops.length).toBeGreaterThan(0);
    expect(remainingAfterApply(intent, plan.ops, plan.cascade, state(...landed()))).toEqual([]);
  });

  test('GIVEN a link the batch should have created is missing WHEN verified THEN its creation (and its port) remains', () => {
    const now = state(...landed().filter((l) => l.name !== 'br100').map((l) => (l.name === 'eth1.100' ? { ...l, master: undefined } : l)));
    expect(remainingAfterApply(intent, plan.ops, plan.cascade, now)).toEqual([
      'ip link add name br100 up type bridge',
      'ip link set dev eth1.100 master br100',
      'ip address add 10.0.0.1/24 broadcast + dev br100',
    ]);
  });

  test('GIVEN an address the batch should have set is not on the link WHEN verified THEN the address remains', () => {
    const now = state(...landed().map((l) => (l.name === 'br100' ? { ...l, addresses: { 4: [], 6: [] } } : l)));
    expect(remainingAfterApply(intent, plan.ops, plan.cascade, now)).toEqual(['ip address add 10.0.0.1/24 broadcast + dev br100']);
  });

  test('GIVEN a link the plan did not touch differs WHEN verified THEN it is not planned again (only what changed is verified)', () => {
    const now = state(...landed().map((l) => (l.name === 'eth2' ? { ...l, mtu: 1500 } : l)));
    expect(touchedIntent(intent, plan.ops, plan.cascade, now).links.map((l) => l.name).sort()).toEqual(['br100', 'eth1', 'eth1.100']);
    expect(remainingAfterApply(intent, plan.ops, plan.cascade, now)).toEqual([]);
  });

  test('GIVEN a link the plan did not touch is gone WHEN verified THEN the verification fails on it', () => {
    const ds: DesiredState = { interfaces: [...DS.interfaces!, { name: 'eth2.7', type: 'vlan', state: 'up', vlan: { 'base-iface': 'eth2', id: 7 } }] };
    const i2 = intentOf(ds);
    const had = state(link('eth1'), link('eth2', { mtu: 9000 }), link('eth2.7', { kind: 'vlan', vlan: { base: 'eth2', id: 7, protocol: '802.1Q' } }));
    const p2 = planChanges(i2, had);
    expect(p2.ops.some((o) => 'dev' in o && o.dev === 'eth2.7')).toBe(false);
    expect(remainingAfterApply(i2, p2.ops, p2.cascade, state(...landed()))).toEqual(['ip link add link eth2 name eth2.7 up type vlan protocol 802.1Q id 7']);
  });

  test('GIVEN a bridge the plan touched WHEN verified THEN its current ports the intent names are verified too', () => {
    const now = state(...landed(), link('eth3', { master: 'br100' }));
    const ds: DesiredState = { interfaces: [...DS.interfaces!, { name: 'eth3', type: 'ethernet', state: 'up' }] };
    const i3 = intentOf(ds);
    expect(touchedIntent(i3, plan.ops, plan.cascade, now).links.map((l) => l.name)).toContain('eth3');
    expect(remainingAfterApply(i3, plan.ops, plan.cascade, now)).toEqual(['ip link set dev eth3 nomaster']);
  });
});
