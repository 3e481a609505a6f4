import {
  bridgeConfig,
  conflist,
  hostDeviceConfig,
  Ipam,
  isConfList,
  macvlanConfig,
  nadManifest,
  netAttachDefName,
  ovnLayer2Config,
  ovnLocalnetConfig,
  parseNadConfig,
  PluginProfile,
  renderNadConfig,
  sriovConfig,
  tuningConfig,
  validateNad,
} from '../../../lib/core/cni';

const codes = (m: unknown, profile?: PluginProfile) => validateNad(m, { profile }).map((p) => `${p.code} @ ${p.path}`);

describe('Ipam factories', () => {
  it('none() renders {} and has no type', () => {
    expect(Ipam.none().toConfig()).toEqual({});
    expect(Ipam.none().type).toBeUndefined();
  });

  it('static() keeps addresses, gateway and routes, dropping unset fields', () => {
    const cfg = Ipam.static({ addresses: [{ address: '10.1.1.5/24', gateway: '10.1.1.1' }, { address: 'fd00::5/64' }], routes: [{ dst: '0.0.0.0/0' }] }).toConfig();
    expect(cfg).toEqual({ type: 'static', addresses: [{ address: '10.1.1.5/24', gateway: '10.1.1.1' }, { address: 'fd00::5/64' }], routes: [{ dst: '0.0.0.0/0' }] });
  });

  it('hostLocal(), whereabouts() and dhcp() render the upstream key names', () => {
    expect(Ipam.hostLocal({ subnet: '10.1.0.0/24', rangeStart: '10.1.0.10' }).toConfig()).toEqual({ type: 'host-local', subnet: '10.1.0.0/24', rangeStart: '10.1.0.10' });
    expect(Ipam.whereabouts('192.168.2.0/24', { rangeStart: '192.168.2.10', exclude: ['192.168.2.0/30'], networkName: 'tenant' }).toConfig()).toEqual({
      type: 'whereabouts',
      range: '192.168.2.0/24',
      range_start: '192.168.2.10',
      exclude: ['192.168.2.0/30'],
      network_name: 'tenant',
    });
    expect(Ipam.dhcp().toConfig()).toEqual({ type: 'dhcp' });
  });

  it('toConfig() returns a copy the caller cannot use to mutate the Ipam', () => {
    const ipam = Ipam.static({ addresses: [{ address: '10.1.1.5/24' }] });
    (ipam.toConfig().addresses as Array<{ address: string }>)[0].address = 'x';
    expect(ipam.toConfig().addresses).toEqual([{ address: '10.1.1.5/24' }]);
  });
});

describe('bridgeConfig', () => {
  it('GIVEN only name and bridge THEN macspoofchk is on, IPAM is L2-only and cniVersion is 1.0.0', () => {
    expect(bridgeConfig({ name: 'br0-100', bridge: 'br0', vlan: 100 })).toEqual({
      cniVersion: '1.0.0',
      name: 'br0-100',
      type: 'bridge',
      bridge: 'br0',
      vlan: 100,
      macspoofchk: true,
      ipam: {},
    });
  });

  it('macspoofchk can be switched off explicitly', () => {
    expect(bridgeConfig({ name: 'n', bridge: 'br0', macspoofchk: false })).toMatchObject({ macspoofchk: false });
  });

  it('uses cnv-bridge and cnv-tuning on the OPENSHIFT profile, bridge and tuning elsewhere', () => {
    const os = bridgeConfig({ name: 'n', bridge: 'br0', tuning: true, profile: PluginProfile.OPENSHIFT });
    expect(isConfList(os)).toBe(true);
    expect((os as { plugins: Array<{ type: string }> }).plugins.map((p) => p.type)).toEqual(['cnv-bridge', 'cnv-tuning']);
    const up = bridgeConfig({ name: 'n', bridge: 'br0', tuning: true });
    expect((up as { plugins: Array<{ type: string }> }).plugins.map((p) => p.type)).toEqual(['bridge', 'tuning']);
  });

  it('with tuning the conflist carries name and cniVersion once, at list level', () => {
    const cfg = bridgeConfig({ name: 'n', bridge: 'br0', tuning: true, cniVersion: '0.4.0' });
    expect(cfg).toMatchObject({ cniVersion: '0.4.0', name: 'n' });
    for (const p of (cfg as { plugins: Array<Record<string, unknown>> }).plugins) {
      expect(p.name).toBeUndefined();
      expect(p.cniVersion).toBeUndefined();
    }
  });

  it('a NAD built from it validates without problems on every profile that ships its type', () => {
    for (const profile of PluginProfile.all()) {
      const m = nadManifest({ name: 'br0-100', namespace: 'vms', config: bridgeConfig({ name: 'br0-100', bridge: 'br0', vlan: 100, tuning: true, profile }) });
      expect(codes(m, profile)).toEqual([]);
    }
  });

  it('keys the profile does not know are left for validation to flag (Debian 1.1.1 has no disableContainerInterface)', () => {
    const m = nadManifest({ name: 'n', config: bridgeConfig({ name: 'n', bridge: 'br0', disableContainerInterface: true }) });
    expect(codes(m, PluginProfile.DEBIAN_1_1_1)).toEqual(['CNI_UNKNOWN_KEY @ spec.config.disableContainerInterface']);
    expect(codes(m, PluginProfile.UPSTREAM)).toEqual([]);
  });
});

describe('nadManifest', () => {
  it('adds the bridge-marker resourceName for a Linux-bridge config by default', () => {
    const m = nadManifest({ name: 'n', namespace: 'vms', config: bridgeConfig({ name: 'n', bridge: 'br1' }) });
    expect(m.metadata.annotations).toEqual({ 'k8s.v1.cni.cncf.io/resourceName': 'bridge.network.kubevirt.io/br1' });
    expect(m.apiVersion).toBe('k8s.cni.cncf.io/v1');
    expect(m.kind).toBe('NetworkAttachmentDefinition');
    expect(m.metadata.namespace).toBe('vms');
  });

  it('resourceName null writes none; an explicit one wins', () => {
    expect(nadManifest({ name: 'n', config: bridgeConfig({ name: 'n', bridge: 'br1' }), resourceName: null }).metadata.annotations).toBeUndefined();
    const s = nadManifest({ name: 's', config: sriovConfig({ name: 's' }), resourceName: 'openshift.io/vfio' });
    expect(s.metadata.annotations).toEqual({ 'k8s.v1.cni.cncf.io/resourceName': 'openshift.io/vfio' });
  });

  it('spec.config is the deterministic rendering (cniVersion, name, type first, then sorted keys)', () => {
    const m = nadManifest({ name: 'n', config: bridgeConfig({ name: 'n', bridge: 'br1', vlan: 7 }) });
    const text = (m.spec as { config: string }).config;
    expect(text).toBe(renderNadConfig(bridgeConfig({ name: 'n', bridge: 'br1', vlan: 7 })));
    expect(Object.keys(JSON.parse(text))).toEqual(['cniVersion', 'name', 'type', 'bridge', 'ipam', 'macspoofchk', 'vlan']);
  });
});

describe('other builders', () => {
  it('macvlanConfig', () => {
    expect(macvlanConfig({ name: 'mv', master: 'eth1', mode: 'bridge', ipam: Ipam.whereabouts('10.2.0.0/24') })).toEqual({
      cniVersion: '1.0.0',
      name: 'mv',
      type: 'macvlan',
      master: 'eth1',
      mode: 'bridge',
      ipam: { type: 'whereabouts', range: '10.2.0.0/24' },
    });
  });

  it('ovnLocalnetConfig with netAttachDefName from namespace/name validates cleanly', () => {
    const cfg = ovnLocalnetConfig({ name: 'physnet', netAttachDefName: netAttachDefName('vms', 'physnet-100'), vlanID: 100, subnets: ['10.100.0.0/24'], excludeSubnets: ['10.100.0.1/32'] });
    expect(cfg).toMatchObject({ type: 'ovn-k8s-cni-overlay', topology: 'localnet', netAttachDefName: 'vms/physnet-100', vlanID: 100, subnets: '10.100.0.0/24', excludeSubnets: '10.100.0.1/32' });
    expect(codes(nadManifest({ name: 'physnet-100', namespace: 'vms', config: cfg }))).toEqual([]);
  });

  it('ovnLayer2Config joins subnets with commas and writes role only when given', () => {
    const cfg = ovnLayer2Config({ name: 't', netAttachDefName: 'vms/t', subnets: ['10.1.0.0/24', 'fd00::/64'] });
    expect(cfg.subnets).toBe('10.1.0.0/24,fd00::/64');
    expect(cfg.role).toBeUndefined();
    expect(ovnLayer2Config({ name: 't', netAttachDefName: 'vms/t', role: 'primary', subnets: ['10.1.0.0/24'] }).role).toBe('primary');
  });

  it('sriovConfig maps booleans to on/off', () => {
    expect(sriovConfig({ name: 's', vlan: 100, spoofchk: true, trust: false, linkState: 'enable' })).toMatchObject({ spoofchk: 'on', trust: 'off', link_state: 'enable', vlan: 100 });
  });

  it('hostDeviceConfig and tuningConfig', () => {
    expect(hostDeviceConfig({ name: 'hd', device: 'ens5' })).toMatchObject({ type: 'host-device', device: 'ens5', ipam: {} });
    expect(tuningConfig({ macCapability: true, sysctl: { 'net.ipv4.conf.IFNAME.arp_notify': '1' } })).toEqual({
      type: 'tuning',
      capabilities: { mac: true },
      sysctl: { 'net.ipv4.conf.IFNAME.arp_notify': '1' },
    });
  });

  it('conflist strips per-plugin name/cniVersion and round-trips through render/parse', () => {
    const list = conflist('mv', [macvlanConfig({ name: 'mv', master: 'eth1' }), tuningConfig()]);
    expect(list).toEqual({ cniVersion: '1.0.0', name: 'mv', plugins: [{ type: 'macvlan', master: 'eth1', ipam: {} }, { type: 'tuning' }] });
    const back = parseNadConfig(renderNadConfig(list));
    expect(back.ok && back.config).toEqual(list);
  });
});
