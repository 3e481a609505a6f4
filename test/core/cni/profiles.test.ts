import { compareVersions, DEFAULT_PLUGIN_PROFILE, PLUGIN_PROFILE_NAMES, pluginProfileByName, PluginProfile } from '../../../lib/core/cni';

describe('PluginProfile', () => {
  it('the default profile is UPSTREAM', () => {
    expect(DEFAULT_PLUGIN_PROFILE).toBe(PluginProfile.UPSTREAM);
  });

  it('pluginProfileByName maps every declared name and rejects others', () => {
    expect(PLUGIN_PROFILE_NAMES.map((n) => pluginProfileByName(n))).toEqual([PluginProfile.UPSTREAM, PluginProfile.DEBIAN_1_1_1, PluginProfile.OPENSHIFT]);
    expect(() => pluginProfileByName('rhel')).toThrow(/unknown CNI plugin profile "rhel"/);
  });

  it('Debian 1.1.1 stops at CNI spec 1.0.0 and ships neither whereabouts, sriov nor OVN', () => {
    const d = PluginProfile.DEBIAN_1_1_1;
    expect(d.supportsCniVersion('1.0.0')).toBe(true);
    expect(d.supportsCniVersion('1.1.0')).toBe(false);
    expect(d.hasIpam('whereabouts')).toBe(false);
    expect(d.hasPlugin('sriov')).toBe(false);
    expect(d.hasPlugin('ovn-k8s-cni-overlay')).toBe(false);
    expect(d.hasPlugin('tap')).toBe(false); // added in v1.3.0
    expect(d.hasPlugin('bridge') && d.hasPlugin('macvlan') && d.hasIpam('static') && d.hasIpam('host-local') && d.hasIpam('dhcp')).toBe(true);
  });

  it('Debian 1.1.1 bridge lacks vlanTrunk, preserveDefaultVlan, disableContainerInterface, ipMasqBackend, portIsolation', () => {
    const keys = PluginProfile.DEBIAN_1_1_1.pluginKeys('bridge')!;
    for (const k of ['vlanTrunk', 'preserveDefaultVlan', 'disableContainerInterface', 'ipMasqBackend', 'portIsolation']) expect(keys.has(k)).toBe(false);
    for (const k of ['bridge', 'vlan', 'macspoofchk', 'enabledad', 'isGateway', 'mtu', 'cniVersion', 'ipam']) expect(keys.has(k)).toBe(true);
    expect(PluginProfile.DEBIAN_1_1_1.keyIntroducedIn('bridge', 'portIsolation')).toBe('1.7.0');
  });

  it('OPENSHIFT (cnv-bridge = plugins v1.5.1) has vlanTrunk and disableContainerInterface but not ipMasqBackend/portIsolation', () => {
    const o = PluginProfile.OPENSHIFT;
    expect(o.hasPlugin('cnv-bridge') && o.hasPlugin('cnv-tuning')).toBe(true);
    const keys = o.pluginKeys('cnv-bridge')!;
    expect(keys.has('vlanTrunk') && keys.has('disableContainerInterface') && keys.has('preserveDefaultVlan')).toBe(true);
    expect(keys.has('ipMasqBackend') || keys.has('portIsolation')).toBe(false);
    expect(o.bridgeAllowsVlanWithTrunk).toBe(false);
    expect(o.supportsCniVersion('1.1.0')).toBe(false);
  });

  it('UPSTREAM (v1.9.x) knows every bridge key, accepts CNI 1.1.0 and vlan+vlanTrunk, but has no cnv-bridge', () => {
    const u = PluginProfile.UPSTREAM;
    const keys = u.pluginKeys('bridge')!;
    for (const k of ['vlanTrunk', 'preserveDefaultVlan', 'disableContainerInterface', 'ipMasqBackend', 'portIsolation']) expect(keys.has(k)).toBe(true);
    expect(u.supportsCniVersion('1.1.0')).toBe(true);
    expect(u.bridgeAllowsVlanWithTrunk).toBe(true);
    expect(u.hasPlugin('cnv-bridge')).toBe(false);
    expect(u.hasPlugin('sriov') && u.hasPlugin('ovn-k8s-cni-overlay') && u.hasIpam('whereabouts')).toBe(true);
  });

  it('marks meta plugins as chained-only and leaves unmodelled plugins unchecked', () => {
    expect(PluginProfile.UPSTREAM.isChainedOnly('tuning')).toBe(true);
    expect(PluginProfile.UPSTREAM.isChainedOnly('bridge')).toBe(false);
    expect(PluginProfile.UPSTREAM.pluginKeys('ptp')).toBeUndefined();
    expect(PluginProfile.UPSTREAM.pluginKeys('not-a-plugin')).toBeUndefined();
  });

  it('compareVersions compares numerically', () => {
    expect(compareVersions('1.10.0', '1.9.1')).toBeGreaterThan(0);
    expect(compareVersions('1.1.1', '1.3.0')).toBeLessThan(0);
    expect(compareVersions('1.5.1', '1.5.1')).toBe(0);
  });
});
