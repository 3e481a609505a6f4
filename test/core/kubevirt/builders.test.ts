import {
  BindingMethod,
  bindingOf,
  bridgeInterface,
  defaultNetworkOf,
  VmInterfaceModel,
  VmInterfaceState,
  masqueradeInterface,
  multusNetwork,
  passtBindingInterface,
  passtPluginInterface,
  pluginInterface,
  podNetwork,
  VmPortProtocol,
  resourceClaimNetwork,
  sourceOf,
  sriovInterface,
  vmNetworkSection,
} from '../../../lib/core/kubevirt';

describe('interface builders', () => {
  it('bridgeInterface renders bridge binding with MAC, model and state as wire strings', () => {
    expect(bridgeInterface('br0-100', { macAddress: '02:4a:be:00:00:01', model: VmInterfaceModel.E1000E, state: VmInterfaceState.ABSENT })).toEqual({
      name: 'br0-100',
      bridge: {},
      model: 'e1000e',
      macAddress: '02:4a:be:00:00:01',
      state: 'absent',
    });
  });

  it('each builder sets exactly its binding', () => {
    expect(bindingOf(masqueradeInterface('default'))).toBe(BindingMethod.MASQUERADE);
    expect(bindingOf(sriovInterface('sriov-net'))).toBe('sriov');
    expect(bindingOf(passtBindingInterface('default'))).toBe('passtBinding');
    expect(pluginInterface('default', 'l2bridge')).toEqual({ name: 'default', binding: { name: 'l2bridge' } });
    expect(bindingOf(pluginInterface('default', 'l2bridge'))).toBe('plugin:l2bridge');
    expect(passtPluginInterface('default', { macAddress: '02:4a:be:00:00:09' })).toEqual({ name: 'default', binding: { name: 'passt' }, macAddress: '02:4a:be:00:00:09' });
    expect(bindingOf(passtPluginInterface('default'))).toBe('plugin:passt');
  });

  it('passes the optional fields through and copies lists', () => {
    const ports = [{ name: 'http', port: 80, protocol: VmPortProtocol.TCP }];
    const i = masqueradeInterface('default', { ports, bootOrder: 2, acpiIndex: 1, pciAddress: '0000:81:01.0', tag: 'mgmt', dhcpOptions: { ntpServers: ['192.0.2.1'] } });
    expect(i).toEqual({ name: 'default', masquerade: {}, pciAddress: '0000:81:01.0', bootOrder: 2, acpiIndex: 1, ports, dhcpOptions: { ntpServers: ['192.0.2.1'] }, tag: 'mgmt' });
    expect(i.ports).not.toBe(ports);
  });

  it('enum values are the wire strings', () => {
    expect(Object.values(BindingMethod)).toEqual(['bridge', 'masquerade', 'sriov', 'passtBinding']);
    expect(Object.values(VmInterfaceState)).toEqual(['up', 'down', 'absent']);
    expect(Object.values(VmInterfaceModel)).toContain('ne2k_pci');
  });
});

describe('network builders', () => {
  it('podNetwork defaults to the name default and omits unset CIDRs', () => {
    expect(podNetwork()).toEqual({ name: 'default', pod: {} });
    expect(podNetwork('pod', { vmNetworkCIDR: '10.11.0.0/24' })).toEqual({ name: 'pod', pod: { vmNetworkCIDR: '10.11.0.0/24' } });
  });

  it('multusNetwork renders networkName and default only when set', () => {
    expect(multusNetwork('br0-100', 'br0-100-l2')).toEqual({ name: 'br0-100', multus: { networkName: 'br0-100-l2' } });
    expect(multusNetwork('primary', 'vms/primary', { default: true })).toEqual({ name: 'primary', multus: { networkName: 'vms/primary', default: true } });
    expect(sourceOf(multusNetwork('a', 'b'))).toBe('multus');
  });

  it('resourceClaimNetwork renders a DRA source', () => {
    expect(resourceClaimNetwork('sriov', 'nic', 'vf')).toEqual({ name: 'sriov', resourceClaim: { claimName: 'nic', requestName: 'vf' } });
  });

  it('defaultNetworkOf finds the first pod or multus-default network (vmispec.LookUpDefaultNetwork)', () => {
    expect(defaultNetworkOf([multusNetwork('a', 'x'), multusNetwork('b', 'y', { default: true })])?.name).toBe('b');
    expect(defaultNetworkOf([multusNetwork('a', 'x')])).toBeUndefined();
  });
});

describe('vmNetworkSection', () => {
  it('pairs interfaces and networks in order', () => {
    const s = vmNetworkSection([
      { iface: masqueradeInterface('default'), network: podNetwork() },
      { iface: bridgeInterface('br0-100', { macAddress: '02:4a:be:00:00:01' }), network: multusNetwork('br0-100', 'br0-100-l2') },
    ]);
    expect(s.interfaces?.map((i) => i.name)).toEqual(['default', 'br0-100']);
    expect(s.networks?.map((n) => n.name)).toEqual(['default', 'br0-100']);
  });

  it('refuses pairs whose names differ, and repeated names, listing both', () => {
    expect(() =>
      vmNetworkSection([
        { iface: masqueradeInterface('default'), network: podNetwork('pod') },
        { iface: bridgeInterface('x'), network: multusNetwork('x', 'a') },
        { iface: bridgeInterface('x'), network: multusNetwork('x', 'b') },
      ]),
    ).toThrow(/pair 0: interface "default" and network "pod" must have the same name; pair 2: name "x" is used twice/);
  });
});
