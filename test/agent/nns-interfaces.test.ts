/**
 * `currentState.interfaces` from recorded `ip -j` reads (test/agent/fixtures), against what
 * nmstate's nispor reader shows for the same kernel state (rust/src/lib/nispor/*.rs).
 */
import { parseState, RawState } from '../../lib/agent/iproute/read';
import { nmstateInterfacesOf } from '../../lib/agent/nns-interfaces';
import { portVlanOf } from '../../lib/agent/nns-port-vlan';
import type { HostState } from '../../lib/agent/state';
import { rawFixture, stateFixture } from './helpers';

const byName = (s: HostState) => new Map(nmstateInterfacesOf(s).map((i) => [i.name, i]));

describe('interfaces of node01-trunk-with-vms (br0 trunk on eth1, two VM ports)', () => {
  const ifaces = byName(stateFixture('node01-trunk-with-vms'));

  test('sorted by name, with nmstate types: bridge → linux-bridge, veth → veth, lo → loopback', () => {
    expect(nmstateInterfacesOf(stateFixture('node01-trunk-with-vms')).map((i) => `${i.name}:${i.type}`)).toEqual([
      'br0:linux-bridge', 'eth1:veth', 'lo:loopback', 'veth7b7f7ad0:veth', 'vethb38aabbb:veth',
    ]);
  });

  test('br0: upper-case MAC, IPv4 off, IPv6 on by its link-local address, options in nmstate units, ports sorted with their VLANs', () => {
    expect(ifaces.get('br0')).toEqual({
      name: 'br0', type: 'linux-bridge', state: 'up', 'mac-address': '2E:76:94:2B:04:D7', mtu: 1500, 'min-mtu': 68, 'max-mtu': 65535,
      ipv4: { enabled: false },
      ipv6: { enabled: true, address: [{ ip: 'fe80::8832:34ff:fe55:e35', 'prefix-length': 64 }], dhcp: false, autoconf: false },
      bridge: {
        options: {
          stp: { enabled: false, 'forward-delay': 15, 'hello-time': 2, 'max-age': 20, priority: 32768 },
          'mac-ageing-time': 300, 'group-forward-mask': 0, 'multicast-snooping': true, 'vlan-protocol': '802.1q', 'vlan-default-pvid': 1,
        },
        port: [
          { name: 'eth1', vlan: { mode: 'trunk', 'trunk-tags': [{ id: 100 }, { id: 200 }], 'enable-native': false } },
          { name: 'veth7b7f7ad0', vlan: { mode: 'access', 'trunk-tags': [], tag: 100 } },
          { name: 'vethb38aabbb', vlan: { mode: 'access', 'trunk-tags': [], tag: 200 } },
        ],
      },
    });
  });

  test('a port names its controller; lo has its loopback addresses', () => {
    expect(ifaces.get('eth1')).toEqual({
      name: 'eth1', type: 'veth', state: 'up', 'mac-address': 'B2:A0:13:A5:87:A6', mtu: 1500, 'min-mtu': 68, 'max-mtu': 65535, controller: 'br0',
      ipv4: { enabled: false },
      ipv6: { enabled: true, address: [{ ip: 'fe80::b0a0:13ff:fea5:87a6', 'prefix-length': 64 }], dhcp: false, autoconf: false },
    });
    expect(ifaces.get('lo')).toMatchObject({
      type: 'loopback', 'mac-address': '00:00:00:00:00:00', mtu: 65536,
      ipv4: { enabled: true, address: [{ ip: '127.0.0.1', 'prefix-length': 8 }], dhcp: false },
      ipv6: { enabled: true, address: [{ ip: '::1', 'prefix-length': 128 }] },
    });
  });

  test('without the bridge VLAN read, ports carry no vlan block', () => {
    const { bridgeVlans: _omitted, ...noVlans } = stateFixture('node01-trunk-with-vms');
    expect(byName(noVlans).get('br0')?.bridge?.port).toEqual([{ name: 'eth1' }, { name: 'veth7b7f7ad0' }, { name: 'vethb38aabbb' }]);
  });
});

describe('interfaces of bondnode-bond-vlans (active-backup bond0 of ens161/ens256, VLANs 144 and 145)', () => {
  const ifaces = byName(stateFixture('bondnode-bond-vlans'));

  test('bond0: mode as nmstate prints it, ports sorted, kernel options by nmstate name (use_carrier a boolean, all_slaves_active a word)', () => {
    expect(ifaces.get('bond0')?.['link-aggregation']).toEqual({
      mode: 'active-backup',
      options: {
        ad_select: 'stable', all_slaves_active: 'dropped', arp_interval: 0, downdelay: 0, fail_over_mac: 'none', lacp_rate: 'slow', miimon: 100,
        min_links: 0, num_grat_arp: 1, primary_reselect: 'always', resend_igmp: 1, updelay: 0, use_carrier: true, xmit_hash_policy: 'layer2',
      },
      port: ['ens161', 'ens256'],
    });
    expect(ifaces.get('bond0')?.ipv4).toEqual({ enabled: true, address: [{ ip: '172.39.0.30', 'prefix-length': 16 }], dhcp: false });
    expect(ifaces.get('bond0')?.ipv6).toEqual({
      enabled: true, address: [{ ip: 'fc00:172:39::30', 'prefix-length': 64 }, { ip: 'fe80::6cc8:a7ff:fe01:2b6c', 'prefix-length': 64 }], dhcp: false, autoconf: false,
    });
  });

  test('a bond port shows the bond MAC and its own permanent MAC (perm_hwaddr), no address family', () => {
    expect(ifaces.get('ens256')).toEqual({
      name: 'ens256', type: 'veth', state: 'up', 'mac-address': '6E:C8:A7:01:2B:6C', 'permanent-mac-address': '1A:5F:E6:B6:1C:D4',
      mtu: 1500, 'min-mtu': 68, 'max-mtu': 65535, controller: 'bond0', ipv4: { enabled: false }, ipv6: { enabled: false },
    });
  });

  test('a VLAN: base-iface, id, protocol in nmstate spelling', () => {
    expect(ifaces.get('bond0.144')?.vlan).toEqual({ 'base-iface': 'bond0', id: 144, protocol: '802.1q' });
    expect(ifaces.get('bond0.144')?.type).toBe('vlan');
  });
});

describe('kinds, states and dynamic addresses', () => {
  test('bondnode-empty: NICs down; a NIC without a kernel kind is ethernet', () => {
    const raw = rawFixture('bondnode-empty');
    const plain: RawState = { ...raw, addr: raw.addr.map((l) => (l as { ifname: string }).ifname === 'ens161' ? { ...(l as object), linkinfo: undefined } : l) };
    const ifaces = byName(parseState(plain));
    expect(ifaces.get('ens161')).toMatchObject({ type: 'ethernet', state: 'down' });
    expect(ifaces.get('ens256')).toMatchObject({ type: 'veth', state: 'down', 'mac-address': '1A:5F:E6:B6:1C:D4' });
  });

  test('a bridge without VLAN filtering (c7000) lists its port without vlan; STP off', () => {
    const ifaces = byName(stateFixture('c7000-vlan-bridge'));
    expect(ifaces.get('bridge-1085')?.bridge?.port).toEqual([{ name: 'eno49.1085' }]);
    expect(ifaces.get('bridge-1085')?.bridge?.options.stp).toMatchObject({ enabled: false });
    expect(ifaces.get('eno49.1085')).toMatchObject({ type: 'vlan', controller: 'bridge-1085', vlan: { 'base-iface': 'eno49', id: 1085 } });
  });

  test('an address of finite lifetime sets dhcp (IPv4) or autoconf (IPv6), as nmstate ip.rs does', () => {
    const raw = rawFixture('bondnode-bond-vlans');
    const addr = raw.addr.map((l) => {
      const link = l as { ifname: string; addr_info: Array<Record<string, unknown>> };
      if (link.ifname !== 'bond0.145') return l;
      return { ...link, addr_info: link.addr_info.map((a) => (a.scope === 'global' ? { ...a, dynamic: true, valid_life_time: 3600 } : a)) };
    });
    const ifaces = byName(parseState({ ...raw, addr }));
    expect(ifaces.get('bond0.145')?.ipv4).toEqual({ enabled: true, address: [{ ip: '172.145.185.30', 'prefix-length': 16 }], dhcp: true });
    expect(ifaces.get('bond0.145')?.ipv6).toMatchObject({ dhcp: false, autoconf: true });
    expect(ifaces.get('bond0.144')?.ipv4.dhcp).toBe(false);
  });
});

describe('bridge port VLANs (linux_bridge_port_vlan.rs)', () => {
  const v = (id: number, pvid = false, untagged = false) => ({ id, pvid, untagged });

  test('consecutive tagged ids become an id-range; the default PVID entry is left out', () => {
    expect(portVlanOf([v(1, true, true), ...[10, 11, 12].map((i) => v(i)), v(30)], 1)).toEqual({
      mode: 'trunk', 'trunk-tags': [{ 'id-range': { min: 10, max: 12 } }, { id: 30 }], 'enable-native': false,
    });
  });

  test('a PVID untagged VLAN beside trunk tags is the native VLAN', () => {
    expect(portVlanOf([v(5, true, true), v(100), v(101)], 1)).toEqual({
      mode: 'trunk', 'trunk-tags': [{ 'id-range': { min: 100, max: 101 } }], tag: 5, 'enable-native': true,
    });
  });

  test('a single PVID untagged VLAN is an access port; only the default PVID is no vlan block', () => {
    expect(portVlanOf([v(100, true, true)], 1)).toEqual({ mode: 'access', 'trunk-tags': [], tag: 100 });
    expect(portVlanOf([v(1, true, true)], 1)).toBeUndefined();
    expect(portVlanOf([v(7, true, true)], 7)).toBeUndefined();
  });
});
