import { formatBatches, renderBatches } from '../../lib/agent/iproute/render';
import { planChanges } from '../../lib/agent/plan';
import { restoreIntent } from '../../lib/agent/rollback';
import type { CurrentLink, HostState } from '../../lib/agent/state';
import type { DesiredState } from '../../lib/core/nmstate/types';
import { BOND, intentOf, stateFixture, TRUNK_BR0 } from './helpers';

const commands = (ds: DesiredState, fixture: string) => {
  const plan = planChanges(intentOf(ds), stateFixture(fixture));
  expect(plan.problems).toEqual([]);
  return formatBatches(renderBatches(plan.ops));
};

describe('plan computation from recorded ip -j state', () => {
  test('GIVEN a bare node WHEN seed 004 asks for a br0 trunk THEN one bridge with implicit VLAN filtering, eth1 enslaved, vid 1 replaced by the trunk tags', () => {
    expect(commands(TRUNK_BR0, 'node01-empty')).toEqual([
      'ip link add name br0 up type bridge vlan_filtering 1',
      'ip link set dev eth1 master br0',
      'bridge vlan del dev eth1 vid 1',
      'bridge vlan add dev eth1 vid 100',
      'bridge vlan add dev eth1 vid 200',
    ]);
  });

  test('GIVEN the converged node with VM ports the CNI plugin added WHEN planned again THEN nothing to do (CNI veths are not ports to detach)', () => {
    const s = stateFixture('node01-trunk-with-vms');
    expect([...s.links.values()].filter((l) => l.master === 'br0' && l.kind === 'veth').length).toBeGreaterThanOrEqual(2);
    expect(commands(TRUNK_BR0, 'node01-trunk-with-vms')).toEqual([]);
  });

  test('GIVEN the trunk WHEN VLAN 200 is replaced by a range 300-302 THEN only the VLAN delta is planned, as ranges', () => {
    const ds = JSON.parse(JSON.stringify(TRUNK_BR0)) as DesiredState;
    (ds.interfaces![1] as { bridge: { port: Array<{ vlan: unknown }> } }).bridge.port[0].vlan = { mode: 'trunk', 'trunk-tags': [{ id: 100 }, { 'id-range': { min: 300, max: 302 } }] };
    expect(commands(ds, 'node01-trunk-with-vms')).toEqual(['bridge vlan del dev eth1 vid 200', 'bridge vlan add dev eth1 vid 300-302']);
  });

  test('GIVEN a native VLAN WHEN enable-native with tag 100 THEN vid 100 becomes PVID untagged', () => {
    const ds = JSON.parse(JSON.stringify(TRUNK_BR0)) as DesiredState;
    (ds.interfaces![1] as { bridge: { port: Array<{ vlan: unknown }> } }).bridge.port[0].vlan = { mode: 'trunk', tag: 100, 'enable-native': true, 'trunk-tags': [{ id: 200 }] };
    expect(commands(ds, 'node01-trunk-with-vms')).toEqual(['bridge vlan add dev eth1 vid 100 pvid untagged']);
  });

  test('GIVEN br0 with VM ports WHEN br0 is absent THEN a single link del (the kernel releases its ports)', () => {
    expect(commands({ interfaces: [{ name: 'br0', type: 'linux-bridge', state: 'absent' }] }, 'node01-trunk-with-vms')).toEqual(['ip link del dev br0']);
  });

  test('GIVEN an absent interface that does not exist WHEN planned THEN nothing to do', () => {
    expect(commands({ interfaces: [{ name: 'br9', type: 'linux-bridge', state: 'absent' }] }, 'node01-empty')).toEqual([]);
  });

  test('GIVEN two down NICs WHEN seed 002 asks for bond0 + VLANs THEN bond first, ports downed before enslaving, VLANs on the bond, addresses, in dependency order', () => {
    expect(commands(BOND, 'bondnode-empty')).toEqual([
      'ip link add name bond0 up type bond mode active-backup miimon 100',
      'ip link add link bond0 name bond0.144 up type vlan protocol 802.1Q id 144',
      'ip link add link bond0 name bond0.145 up type vlan protocol 802.1Q id 145',
      'ip link set dev ens161 master bond0',
      'ip link set dev ens256 master bond0',
      'ip address add 172.39.0.30/16 broadcast + dev bond0',
      'ip address add fc00:172:39::30/64 dev bond0',
      'ip address add 172.144.185.30/16 broadcast + dev bond0.144',
      'ip address add fd00:144::172:144:185:30/64 dev bond0.144',
      'ip address add 172.145.185.30/16 broadcast + dev bond0.145',
      'ip address add fd00:145::172:144:185:30/64 dev bond0.145',
    ]);
  });

  test('GIVEN the converged bond WHEN planned again THEN nothing to do', () => {
    expect(commands(BOND, 'bondnode-bond-vlans')).toEqual([]);
  });

  test('GIVEN the bond WHEN decommissioned with state absent THEN VLANs are deleted before the bond (reverse order)', () => {
    const absent: DesiredState = { interfaces: ['bond0', 'bond0.144', 'bond0.145'].map((name) => ({ name, type: name.includes('.') ? 'vlan' : 'bond', state: 'absent' })) };
    expect(commands(absent, 'bondnode-bond-vlans')).toEqual(['ip link del dev bond0.145', 'ip link del dev bond0.144', 'ip link del dev bond0']);
  });

  test('GIVEN the bond WHEN only bond0 is absent THEN its VLANs are deleted first as a kernel cascade and reported', () => {
    const plan = planChanges(intentOf({ interfaces: [{ name: 'bond0', type: 'bond', state: 'absent' }] }), stateFixture('bondnode-bond-vlans'));
    expect(formatBatches(renderBatches(plan.ops))).toEqual(['ip link del dev bond0.145', 'ip link del dev bond0.144', 'ip link del dev bond0']);
    expect([...plan.cascade].sort()).toEqual(['bond0.144', 'bond0.145']);
  });

  test('GIVEN a VLAN id change WHEN planned THEN the VLAN is recreated with its addresses', () => {
    const ds = JSON.parse(JSON.stringify(BOND)) as DesiredState;
    (ds.interfaces![1] as { vlan: { id: number } }).vlan.id = 146;
    expect(commands(ds, 'bondnode-bond-vlans')).toEqual([
      'ip link del dev bond0.144',
      'ip link add link bond0 name bond0.144 up type vlan protocol 802.1Q id 146',
      'ip address add 172.144.185.30/16 broadcast + dev bond0.144',
      'ip address add fd00:144::172:144:185:30/64 dev bond0.144',
    ]);
  });

  test('GIVEN seed 001 on a bare c7000 node WHEN planned against the converged recording THEN nothing to do', () => {
    const ds: DesiredState = {
      interfaces: [
        { name: 'eno49', type: 'ethernet', state: 'up' },
        { name: 'eno49.1085', type: 'vlan', state: 'up', vlan: { 'base-iface': 'eno49', id: 1085 } },
        { name: 'bridge-1085', type: 'linux-bridge', state: 'up', ipv4: { enabled: false }, bridge: { options: { stp: { enabled: false } }, port: [{ name: 'eno49.1085' }] } },
      ],
    };
    expect(commands(ds, 'c7000-vlan-bridge')).toEqual([]);
  });

  test('GIVEN routes WHEN a present route is missing and an absent one exists THEN route del first, route add last', () => {
    const ds = JSON.parse(JSON.stringify(BOND)) as DesiredState;
    ds.routes = {
      config: [
        { destination: '198.51.100.0/24', 'next-hop-address': '172.144.0.1', 'next-hop-interface': 'bond0.144' },
        { destination: '172.145.0.0/16', 'next-hop-interface': 'bond0.145', state: 'absent' },
      ],
    };
    expect(commands(ds, 'bondnode-bond-vlans')).toEqual([
      'ip route del 172.145.0.0/16 dev bond0.145 table 254',
      'ip route add 198.51.100.0/24 via 172.144.0.1 dev bond0.144 table 254',
    ]);
  });

  test('GIVEN a missing NIC WHEN planned THEN AGENT_HOST_MISSING and the plan is not used', () => {
    const plan = planChanges(intentOf({ interfaces: [{ name: 'eno50', type: 'ethernet', state: 'up' }] }), stateFixture('node01-empty'));
    expect(plan.problems.map((p) => [p.code, p.path])).toEqual([['AGENT_HOST_MISSING', 'interfaces[0]']]);
  });

  test('GIVEN a bond missing a port WHEN planned THEN AGENT_HOST_MISSING names the port', () => {
    const ds = JSON.parse(JSON.stringify(BOND)) as DesiredState;
    (ds.interfaces![0] as { 'link-aggregation': { port: string[] } })['link-aggregation'].port = ['ens161', 'ens999'];
    const plan = planChanges(intentOf(ds), stateFixture('bondnode-empty'));
    expect(plan.problems.map((p) => p.code)).toEqual(['AGENT_HOST_MISSING']);
    expect(plan.problems[0].message).toContain('ens999');
  });
});

describe('rollback intent', () => {
  test('GIVEN a plan that moved an address and created a VLAN WHEN restored from the snapshot THEN the inverse ops are planned', () => {
    const snapshot = stateFixture('bondnode-bond-vlans');
    const ds = JSON.parse(JSON.stringify(BOND)) as DesiredState;
    (ds.interfaces![1] as { ipv4: { address: unknown[] } }).ipv4.address = [{ ip: '172.146.185.30', 'prefix-length': 16 }];
    ds.interfaces!.push({ name: 'bond0.146', type: 'vlan', state: 'up', vlan: { 'base-iface': 'bond0', id: 146 } });
    const forward = intentOf(ds);
    const plan = planChanges(forward, snapshot);
    expect(formatBatches(renderBatches(plan.ops))).toEqual([
      'ip address del 172.144.185.30/16 dev bond0.144',
      'ip link add link bond0 name bond0.146 up type vlan protocol 802.1Q id 146',
      'ip address add 172.146.185.30/16 broadcast + dev bond0.144',
    ]);
    const restore = restoreIntent(plan.ops, snapshot, forward);
    // planned against the snapshot itself, the restore intent is a no-op for everything touched but the created VLAN
    expect(formatBatches(renderBatches(planChanges(restore, snapshot).ops))).toEqual([]);
    expect(restore.links.find((l) => l.name === 'bond0.146')).toEqual({ name: 'bond0.146', kind: 'any', state: 'absent' });
  });
});

describe('ports of existing bridges', () => {
  const link = (name: string, kind: string, master?: string): CurrentLink => ({
    name, index: 0, kind, up: true, mtu: 1500, mac: '02:00:00:00:00:01', ...(master ? { master } : {}),
    ...(kind === 'bridge' ? { bridge: { stp_state: 0, vlan_filtering: 0, vlan_default_pvid: 1, vlan_protocol: '802.1Q', mcast_snooping: 1, group_fwd_mask: 0 } } : {}),
    addresses: { 4: [], 6: [] },
  });
  const hostWith = (links: CurrentLink[]): HostState => ({ links: new Map(links.map((l) => [l.name, l])), routes: [] });
  const bridges = (p1: string[], p2: string[]): DesiredState => ({
    interfaces: [
      { name: 'br1', type: 'linux-bridge', state: 'up', bridge: { port: p1.map((name) => ({ name })) } },
      { name: 'br2', type: 'linux-bridge', state: 'up', bridge: { port: p2.map((name) => ({ name })) } },
    ],
  });
  const host = hostWith([
    link('eth1', '', 'br1'), link('eth2', '', 'br1'), link('veth0', 'veth', 'br1'), link('eth3', '', 'br2'), link('eth4', '', 'br2'),
    link('br1', 'bridge'), link('br2', 'bridge'),
  ]);

  test('GIVEN two bridges with ports the intent dropped WHEN planned THEN each bridge detaches only its own dropped NICs; the CNI veth stays', () => {
    const plan = planChanges(intentOf(bridges(['eth1'], ['eth3'])), host);
    expect(plan.problems).toEqual([]);
    expect(formatBatches(renderBatches(plan.ops))).toEqual(['ip link set dev eth2 nomaster', 'ip link set dev eth4 nomaster']);
  });

  test('GIVEN a NIC the intent moves from br2 to br1 WHEN planned THEN it is enslaved to br1, not detached from br2', () => {
    const plan = planChanges(intentOf(bridges(['eth1', 'eth2', 'eth4'], ['eth3'])), host);
    expect(plan.problems).toEqual([]);
    expect(formatBatches(renderBatches(plan.ops))).toEqual(['ip link set dev eth4 master br1']);
  });
});
