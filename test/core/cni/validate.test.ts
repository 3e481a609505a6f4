import { CNI_CODES, PluginProfile, validateNad } from '../../../lib/core/cni';

const nad = (config: unknown, meta: Record<string, unknown> = {}) => ({
  apiVersion: 'k8s.cni.cncf.io/v1',
  kind: 'NetworkAttachmentDefinition',
  metadata: { name: 'n', namespace: 'vms', annotations: { 'k8s.v1.cni.cncf.io/resourceName': 'bridge.network.kubevirt.io/br0' }, ...meta },
  spec: { config: typeof config === 'string' ? config : JSON.stringify(config) },
});
const codes = (o: unknown, profile?: PluginProfile) => validateNad(o, { profile }).map((p) => `${p.code} @ ${p.path}`);

describe('validateNad', () => {
  it('collects every problem of every plugin at once, with paths from the manifest root', () => {
    const o = nad({
      cniVersion: '1.0.0',
      name: 'n',
      plugins: [
        { type: 'bridge', bridge: 'br0', vlan: 5000, hairpinMode: true, promiscMode: true, macspoofchk: true, ipam: { type: 'static', addresses: [{ address: '10.0.0.1' }] } },
        { type: 'tuning', mtu: 20 },
      ],
    });
    expect(codes(o)).toEqual([
      'CNI_IPAM_STATIC_ADDRESS_INVALID @ spec.config.plugins[0].ipam.addresses[0].address',
      'CNI_BRIDGE_VLAN_RANGE @ spec.config.plugins[0].vlan',
      'CNI_BRIDGE_HAIRPIN_PROMISC @ spec.config.plugins[0].hairpinMode',
      'CNI_MTU_INVALID @ spec.config.plugins[1].mtu',
    ]);
  });

  it('takes severity from CNI_CODES and names the resource; messages show the given value and fixes are set', () => {
    const [p] = validateNad(nad({ cniVersion: '1.0.0', name: 'n', type: 'bridge', bridge: 'br0', vlan: 4095, macspoofchk: true }));
    expect(p.code).toBe('CNI_BRIDGE_VLAN_RANGE');
    expect(p.severity).toBe(CNI_CODES.CNI_BRIDGE_VLAN_RANGE.severity);
    expect(p.resource).toEqual({ kind: 'NetworkAttachmentDefinition', name: 'n', namespace: 'vms' });
    expect(p.message).toContain('4095');
    expect(p.message).toContain('0..4094');
    expect(p.fix.length).toBeGreaterThan(5);
  });

  it('reports a non-mapping document as NAD_SHAPE at the root', () => {
    expect(codes(['not', 'a', 'nad'])).toEqual(['NAD_SHAPE @ ']);
  });

  it('GIVEN vlanTrunk THEN UPSTREAM validates it, DEBIAN_1_1_1 warns that the key is dropped', () => {
    const o = nad({ cniVersion: '1.0.0', name: 'n', type: 'bridge', bridge: 'br0', vlanTrunk: [{ id: 5000 }], macspoofchk: true });
    expect(codes(o, PluginProfile.UPSTREAM)).toEqual(['CNI_BRIDGE_VLAN_TRUNK_INVALID @ spec.config.vlanTrunk[0].id']);
    expect(codes(o, PluginProfile.DEBIAN_1_1_1)).toEqual(['CNI_UNKNOWN_KEY @ spec.config.vlanTrunk']);
  });

  it('vlan + vlanTrunk: accepted from plugins v1.8.0 (UPSTREAM), rejected by v1.5.1 (OPENSHIFT)', () => {
    const o = nad({ cniVersion: '1.0.0', name: 'n', type: 'bridge', bridge: 'br0', vlan: 10, vlanTrunk: [{ minID: 20, maxID: 30 }], macspoofchk: true });
    expect(codes(o, PluginProfile.UPSTREAM)).toEqual([]);
    expect(codes(o, PluginProfile.OPENSHIFT)).toEqual(['CNI_BRIDGE_VLAN_WITH_TRUNK @ spec.config.vlan']);
  });

  it('matches keys case-insensitively like Go encoding/json (no unknown-key warning for "MTU")', () => {
    expect(codes(nad({ cniVersion: '1.0.0', name: 'n', type: 'bridge', bridge: 'br0', MTU: 1500, macspoofchk: true }))).toEqual([]);
  });

  it('isDefaultGateway implies isGateway for the <bridge>.<vlan> name length', () => {
    const o = nad(
      { cniVersion: '1.0.0', name: 'n', type: 'bridge', bridge: 'br-0123456789', isDefaultGateway: true, vlan: 12, macspoofchk: true, ipam: { type: 'whereabouts', range: '10.0.0.0/24' } },
      { annotations: { 'k8s.v1.cni.cncf.io/resourceName': 'bridge.network.kubevirt.io/br-0123456789' } },
    );
    expect(codes(o)).toEqual(['CNI_BRIDGE_VLAN_GATEWAY_NAME_TOO_LONG @ spec.config.bridge']);
  });

  it('a bridge without "bridge" uses cni0, which the resourceName must then name', () => {
    expect(codes(nad({ cniVersion: '1.0.0', name: 'n', type: 'bridge', macspoofchk: true }))).toEqual(['NAD_BRIDGE_RESOURCE_NAME_MISMATCH @ metadata.annotations["k8s.v1.cni.cncf.io/resourceName"]']);
  });

  it('OVN netAttachDefName: without metadata.namespace only the name part is checked', () => {
    const cfg = { cniVersion: '1.0.0', name: 'physnet', type: 'ovn-k8s-cni-overlay', topology: 'localnet', netAttachDefName: 'tenant-a/n' };
    expect(codes(nad(cfg, { namespace: undefined, annotations: undefined }))).toEqual([]);
    expect(codes(nad(cfg))).toEqual(['CNI_OVN_NAD_NAME_MISMATCH @ spec.config.netAttachDefName']);
  });

  it('OVN layer3 subnets accept a host prefix; a subnet no longer than /24 without one is rejected', () => {
    const base = { cniVersion: '1.0.0', name: 'l3', type: 'ovn-k8s-cni-overlay', topology: 'layer3', netAttachDefName: 'vms/n' };
    expect(codes(nad({ ...base, subnets: '10.128.0.0/14/23,fd00::/48' }))).toEqual([]);
    expect(codes(nad({ ...base, subnets: '10.128.0.0/24' }))).toEqual(['CNI_OVN_SUBNETS_INVALID @ spec.config.subnets']);
  });

  it('host-device with a resourceName needs no selector (Multus injects deviceID); sriov with deviceID needs no resourceName', () => {
    expect(codes(nad({ cniVersion: '1.0.0', name: 'n', type: 'host-device' }, { annotations: { 'k8s.v1.cni.cncf.io/resourceName': 'example.com/nic' } }))).toEqual([]);
    expect(codes(nad({ cniVersion: '1.0.0', name: 'n', type: 'sriov', deviceID: '0000:81:10.0' }, { annotations: undefined }))).toEqual([]);
  });

  it('whereabouts "<start>-<CIDR>" ranges are accepted; IPv6 host-local ranges are checked like IPv4', () => {
    expect(codes(nad({ cniVersion: '1.0.0', name: 'n', type: 'macvlan', master: 'eth1', ipam: { type: 'whereabouts', range: '192.168.2.225-192.168.2.0/24' } }))).toEqual([]);
    expect(codes(nad({ cniVersion: '1.0.0', name: 'n', type: 'macvlan', master: 'eth1', ipam: { type: 'host-local', subnet: 'fd00::/127' } }))).toEqual([
      'CNI_IPAM_HOST_LOCAL_PER_NODE @ spec.config.ipam.type',
      'CNI_IPAM_HOST_LOCAL_RANGE_INVALID @ spec.config.ipam.subnet',
    ]);
  });

  it('a non-string type is CNI_TYPE_MISSING and stops the checks of that plugin', () => {
    expect(codes(nad({ cniVersion: '1.0.0', name: 'n', type: 7, vlan: 99999 }))).toEqual(['CNI_TYPE_MISSING @ spec.config.type']);
  });
});
