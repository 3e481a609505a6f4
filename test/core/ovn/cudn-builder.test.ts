import { buildLocalnetCudn, validateCudn } from '../../../lib/core/ovn';
import { stringifyManifests } from '../../../lib/core/render/yaml';

describe('buildLocalnetCudn', () => {
  it('without subnets: IPAM disabled, namespaces sorted and de-duplicated, no vlan/mtu', () => {
    expect(buildLocalnetCudn({ name: 'vm-net', namespaces: ['b', 'a', 'b'], physicalNetworkName: 'physnet-a' })).toEqual({
      apiVersion: 'k8s.ovn.org/v1',
      kind: 'ClusterUserDefinedNetwork',
      metadata: { name: 'vm-net' },
      spec: {
        namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['a', 'b'] }] },
        network: { topology: 'Localnet', localnet: { role: 'Secondary', physicalNetworkName: 'physnet-a', ipam: { mode: 'Disabled' } } },
      },
    });
  });

  it('with subnets: persistent IPs, excludes, mtu and access VLAN, keys in the Go struct order of cudn.go', () => {
    const m = buildLocalnetCudn({
      name: 'vm-vlan100',
      namespaces: ['tenant-a'],
      physicalNetworkName: 'physnet-vlan100',
      vlanId: 100,
      mtu: 9000,
      subnets: ['192.168.100.0/24', 'fd00:100::/64'],
      excludeSubnets: ['192.168.100.1/32'],
    });
    const localnet = (m.spec as { network: { localnet: Record<string, unknown> } }).network.localnet;
    expect(localnet).toEqual({
      role: 'Secondary',
      physicalNetworkName: 'physnet-vlan100',
      subnets: ['192.168.100.0/24', 'fd00:100::/64'],
      excludeSubnets: ['192.168.100.1/32'],
      ipam: { lifecycle: 'Persistent' },
      mtu: 9000,
      vlan: { mode: 'Access', access: { id: 100 } },
    });
    expect(Object.keys(localnet)).toEqual(['role', 'physicalNetworkName', 'subnets', 'excludeSubnets', 'ipam', 'mtu', 'vlan']);
    expect(Object.keys(m)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(Object.keys(m.spec as object)).toEqual(['namespaceSelector', 'network']);
  });

  it('vlanId 0 means untagged (no vlan block)', () => {
    const m = buildLocalnetCudn({ name: 'n', namespaces: ['a'], physicalNetworkName: 'p', vlanId: 0 });
    expect((m.spec as { network: { localnet: Record<string, unknown> } }).network.localnet.vlan).toBeUndefined();
  });

  it('is deterministic and does not share the caller arrays', () => {
    const subnets = ['10.0.0.0/24'];
    const props = { name: 'n', namespaces: ['z', 'a'], physicalNetworkName: 'p', subnets };
    const a = buildLocalnetCudn(props);
    subnets.push('10.1.0.0/24');
    const b = buildLocalnetCudn({ ...props, subnets: ['10.0.0.0/24'] });
    expect(stringifyManifests([a])).toBe(stringifyManifests([b]));
  });

  it('its output validates clean', () => {
    const variants = [
      { name: 'a', namespaces: ['x'], physicalNetworkName: 'physnet' },
      { name: 'b', namespaces: ['x', 'y'], physicalNetworkName: 'physnet', vlanId: 4094, mtu: 1500, subnets: ['10.0.0.0/24'], excludeSubnets: ['10.0.0.0/30'] },
      { name: 'c', namespaces: ['x'], physicalNetworkName: 'physnet', subnets: ['10.0.0.0/24', 'fd00::/64'], mtu: 1280 },
    ];
    for (const v of variants) expect(validateCudn(buildLocalnetCudn(v))).toEqual([]);
  });

  it('is not a validator: bad input is reported by validateCudn with code and path', () => {
    const m = buildLocalnetCudn({ name: 'n', namespaces: ['x'], physicalNetworkName: 'phys:net', vlanId: 5000, mtu: 1000, subnets: ['fd00::/64'], excludeSubnets: ['fd01::/64'] });
    expect(validateCudn(m).map((p) => `${p.code} @ ${p.path}`).sort()).toEqual([
      'CUDN_MTU_INVALID @ spec.network.localnet.mtu',
      'CUDN_PHYSICAL_NETWORK_NAME_INVALID @ spec.network.localnet.physicalNetworkName',
      'CUDN_SUBNET_NOT_CONTAINED @ spec.network.localnet.excludeSubnets[0]',
      'CUDN_VLAN_INVALID @ spec.network.localnet.vlan.access.id',
    ]);
  });
});
