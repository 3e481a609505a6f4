import {
  absent,
  accessPortVlan,
  bond,
  BondMode,
  desiredState,
  dnsResolver,
  ethernet,
  ipv4Dhcp,
  ipv4Disabled,
  ipv4Static,
  ipv6Disabled,
  ipv6Static,
  linuxBridge,
  macVlan,
  MacVlanMode,
  nncp,
  ovnBridgeMapping,
  ovnBridgeMappingAbsent,
  parseNncp,
  renderNncp,
  route,
  routeAbsent,
  RouteType,
  trunkPortVlan,
  validateNncp,
  vlan,
} from '../../../lib/core/nmstate';

describe('nmstate builders', () => {
  it('vlan defaults its name to <base>.<id> and renders the wire block', () => {
    expect(vlan({ baseIface: 'eno49', id: 1085 })).toEqual({ name: 'eno49.1085', type: 'vlan', state: 'up', vlan: { 'base-iface': 'eno49', id: 1085 } });
  });

  it('vlan id 0 (priority tagging) is built, rendered and validated without problems', () => {
    expect(vlan({ baseIface: 'eth1', id: 0 })).toEqual({ name: 'eth1.0', type: 'vlan', state: 'up', vlan: { 'base-iface': 'eth1', id: 0 } });
    const policy = nncp({ name: 'p', nodeSelector: { 'kubernetes.io/hostname': 'n1' }, desiredState: desiredState({ interfaces: [vlan({ baseIface: 'eth1', id: 0 })] }) });
    expect(validateNncp(policy)).toEqual([]);
    expect(parseNncp(renderNncp(policy)).problems).toEqual([]);
  });

  it('a generated VLAN name longer than 15 bytes is caught by validation, not by the builder', () => {
    const policy = nncp({ name: 'p', nodeSelector: { 'kubernetes.io/hostname': 'n1' }, desiredState: desiredState({ interfaces: [vlan({ baseIface: 'enp175s0f0np0', id: 1000 })] }) });
    expect(validateNncp(policy).map((p) => [p.code, p.path])).toEqual([['NMSTATE_INTERFACE_NAME_INVALID', 'spec.desiredState.interfaces[0].name']]);
  });

  it('ipv4Static accepts CIDR text and {ip, prefixLength}; a bare address gets /32', () => {
    expect(ipv4Static(['192.0.2.10/24', { ip: '192.0.2.11', prefixLength: 25 }, '192.0.2.12'])).toEqual({
      enabled: true,
      dhcp: false,
      address: [
        { ip: '192.0.2.10', 'prefix-length': 24 },
        { ip: '192.0.2.11', 'prefix-length': 25 },
        { ip: '192.0.2.12', 'prefix-length': 32 },
      ],
    });
    expect(ipv6Static(['2001:db8::10/64'])).toEqual({ enabled: true, dhcp: false, autoconf: false, address: [{ ip: '2001:db8::10', 'prefix-length': 64 }] });
    expect(ipv4Dhcp({ autoDns: false })).toEqual({ enabled: true, dhcp: true, 'auto-dns': false });
    expect(ipv4Disabled()).toEqual({ enabled: false });
    expect(ipv6Disabled()).toEqual({ enabled: false });
  });

  it('a malformed prefix is passed through so validation reports it', () => {
    const policy = nncp({ name: 'p', nodeSelector: { a: 'b' }, desiredState: desiredState({ interfaces: [ethernet({ name: 'eth1', ipv4: ipv4Static(['192.0.2.10/abc']) })] }) });
    expect(validateNncp(policy).map((p) => p.code)).toEqual(['NMSTATE_FIELD_TYPE']);
  });

  it('linuxBridge renders STP off by default, ports with VLAN filtering, and options', () => {
    expect(
      linuxBridge({ name: 'br0', ports: ['eth0', { name: 'eth1', vlan: trunkPortVlan([100, { min: 200, max: 299 }], 1) }, { name: 'eth2', vlan: accessPortVlan(100) }], vlanDefaultPvid: 1 }),
    ).toEqual({
      name: 'br0',
      type: 'linux-bridge',
      state: 'up',
      bridge: {
        options: { stp: { enabled: false }, 'vlan-default-pvid': 1 },
        port: [
          { name: 'eth0' },
          { name: 'eth1', vlan: { mode: 'trunk', 'trunk-tags': [{ id: 100 }, { 'id-range': { min: 200, max: 299 } }], tag: 1, 'enable-native': true } },
          { name: 'eth2', vlan: { mode: 'access', tag: 100 } },
        ],
      },
    });
    expect(linuxBridge({ name: 'br1', stp: { enabled: true, helloTime: 2 } }).bridge).toEqual({ options: { stp: { enabled: true, 'hello-time': 2 } } });
  });

  it('bond renders link-aggregation with kernel option names', () => {
    expect(bond({ name: 'bond0', mode: BondMode.ACTIVE_BACKUP, ports: ['ens161', 'ens256'], miimon: 100, primary: 'ens161', options: { fail_over_mac: 'follow' }, ipv4: ipv4Disabled() })).toEqual({
      name: 'bond0',
      type: 'bond',
      state: 'up',
      ipv4: { enabled: false },
      'link-aggregation': { mode: 'active-backup', port: ['ens161', 'ens256'], options: { fail_over_mac: 'follow', miimon: 100, primary: 'ens161' } },
    });
    expect(bond({ name: 'bond1', mode: BondMode.LACP })['link-aggregation']).toEqual({ mode: '802.3ad' });
  });

  it('macVlan, absent, routes, DNS and OVN mappings render wire objects', () => {
    expect(macVlan({ name: 'mv0', baseIface: 'eth1', mode: MacVlanMode.PASSTHRU, promiscuous: false })['mac-vlan']).toEqual({ 'base-iface': 'eth1', mode: 'passthru', promiscuous: false });
    expect(absent('br1085', 'linux-bridge')).toEqual({ name: 'br1085', type: 'linux-bridge', state: 'absent' });
    expect(absent('eth9')).toEqual({ name: 'eth9', state: 'absent' });
    expect(route({ destination: '198.51.100.0/24', nextHopInterface: 'eth1', nextHopAddress: '192.0.2.1', metric: 150 })).toEqual({
      destination: '198.51.100.0/24',
      'next-hop-interface': 'eth1',
      'next-hop-address': '192.0.2.1',
      metric: 150,
    });
    expect(route({ destination: '198.51.200.0/24', routeType: RouteType.BLACKHOLE })).toEqual({ destination: '198.51.200.0/24', 'route-type': 'blackhole' });
    expect(routeAbsent({ nextHopInterface: 'eth1' })).toEqual({ 'next-hop-interface': 'eth1', state: 'absent' });
    expect(dnsResolver({ servers: ['192.0.2.53'], search: [] })).toEqual({ config: { server: ['192.0.2.53'], search: [] } });
    expect(ovnBridgeMapping('blue', 'ovsbr1')).toEqual({ localnet: 'blue', bridge: 'ovsbr1' });
    expect(ovnBridgeMappingAbsent('red')).toEqual({ localnet: 'red', state: 'absent' });
  });

  it('a policy built from the builders (seed 002 shape) validates clean and round-trips', () => {
    const policy = nncp({
      name: 'bond0-vlans',
      nodeSelector: { 'node-role.kubernetes.io/worker': '' },
      maxUnavailable: '25%',
      desiredState: desiredState({
        interfaces: [
          ethernet({ name: 'ens161', ipv4: ipv4Disabled(), ipv6: ipv6Disabled() }),
          ethernet({ name: 'ens256', ipv4: ipv4Disabled(), ipv6: ipv6Disabled() }),
          bond({ name: 'bond0', mode: BondMode.ACTIVE_BACKUP, ports: ['ens161', 'ens256'], miimon: 100, primary: 'ens161', ipv4: ipv4Disabled(), ipv6: ipv6Disabled() }),
          vlan({ baseIface: 'bond0', id: 144, ipv4: ipv4Static(['10.144.0.10/24']), ipv6: ipv6Static(['2001:db8:144::10/64']) }),
          vlan({ baseIface: 'bond0', id: 145, ipv4: ipv4Static(['10.145.0.10/24']) }),
        ],
        routes: [route({ destination: '198.51.100.0/24', nextHopInterface: 'bond0.144', nextHopAddress: '10.144.0.1' })],
        dns: dnsResolver({ servers: ['10.144.0.53'] }),
      }),
    });
    expect(validateNncp(policy)).toEqual([]);
    const rendered = renderNncp(policy);
    expect(rendered).toEqual(policy);
    const reparsed = parseNncp(JSON.parse(JSON.stringify(rendered)));
    expect(reparsed.problems).toEqual([]);
    expect(renderNncp(reparsed.nncp!)).toEqual(rendered);
  });
});
