/**
 * Behaviour of the manifest-set rules beyond their one failing fixture: the near misses that
 * must stay silent (no false positives), and the variants a rule must still catch.
 */
import { formatResource, Problem } from '../../../lib/core/errors';
import { Manifest } from '../../../lib/core/manifest';
import { ManifestSetOptions, validateManifestSet } from '../../../lib/core/topology/validate-set';
import { affinity, bridge, bridgeNad, nad, nncp, vm } from './builders';

const found = (ms: Manifest[], options?: ManifestSetOptions): string[] =>
  validateManifestSet(ms, options).map((p: Problem) => `${p.code} ${formatResource(p.resource)} ${p.path}`);

describe('bridges', () => {
  it('a NAD without "bridge" uses the plugin default cni0, which no NNCP creates', () => {
    const ms = [nncp('br0', [bridge('br0', ['eth1'])]), nad('vms', 'lan', { type: 'bridge', macspoofchk: true, ipam: {} })];
    const p = validateManifestSet(ms);
    expect(p.map((x) => `${x.code} ${x.path}`)).toEqual(['TOPOLOGY_BRIDGE_NOT_CREATED spec.config.bridge']);
    expect(p[0].message).toMatch(/"cni0" \(the plugin default\)/);
  });

  it('a bridge the NNCPs only remove, with no VM on it, is "not created" on the NAD', () => {
    const ms = [nncp('br1', [{ name: 'br1', type: 'linux-bridge', state: 'absent' }]), bridgeNad('vms', 'lan', 'br1')];
    expect(found(ms)).toEqual(['TOPOLOGY_BRIDGE_NOT_CREATED NetworkAttachmentDefinition/vms/lan spec.config.bridge']);
  });

  it('a set without NNCPs says nothing about bridges (they may come from elsewhere)', () => {
    expect(found([bridgeNad('vms', 'lan', 'br-elsewhere')])).toEqual([]);
  });

  it('the first plugin of a conflist is the one checked, with its path', () => {
    const conf = nad('vms', 'lan', { plugins: [{ type: 'bridge', bridge: 'brX', macspoofchk: true, ipam: {} }, { type: 'tuning' }] }, { 'k8s.v1.cni.cncf.io/resourceName': 'bridge.network.kubevirt.io/brX' });
    expect(found([nncp('br0', [bridge('br0', ['eth1'])]), conf])).toEqual(['TOPOLOGY_BRIDGE_NOT_CREATED NetworkAttachmentDefinition/vms/lan spec.config.plugins[0].bridge']);
  });

  it('host-local on a bridge pinned to one node is not a multi-node L2', () => {
    const ms = [nncp('br0', [bridge('br0', ['eth1'])], { 'kubernetes.io/hostname': 'n1' }), bridgeNad('vms', 'lan', 'br0', { ipam: { type: 'host-local', subnet: '10.0.0.0/24' } })];
    expect(found(ms)).toEqual([]);
  });

  it('an MTU declared by a policy for other nodes does not cap the bridge', () => {
    const ms = [
      nncp('br0', [bridge('br0', ['eth1'])], { pool: 'a' }),
      nncp('eth1-b', [{ name: 'eth1', type: 'ethernet', state: 'up', mtu: 1500 }], { pool: 'b' }),
      bridgeNad('vms', 'storage', 'br0', { mtu: 9000 }),
    ];
    expect(found(ms)).toEqual([]);
    ms[1] = nncp('eth1-a', [{ name: 'eth1', type: 'ethernet', state: 'up', mtu: 1500 }], { pool: 'a' });
    expect(found(ms)).toEqual(['TOPOLOGY_MTU_ABOVE_UPLINK NetworkAttachmentDefinition/vms/storage spec.config.mtu']);
  });

  it('the MTU cap follows a VLAN down to its base (bridge → eth1.200 → eth1)', () => {
    const ms = [
      nncp('vlan200', [{ name: 'eth1', type: 'ethernet', state: 'up', mtu: 1500 }, { name: 'eth1.200', type: 'vlan', state: 'up', vlan: { 'base-iface': 'eth1', id: 200 } }, bridge('br200', ['eth1.200'])]),
      bridgeNad('vms', 'v200', 'br200', { mtu: 9000 }),
    ];
    expect(found(ms)).toEqual(['TOPOLOGY_MTU_ABOVE_UPLINK NetworkAttachmentDefinition/vms/v200 spec.config.mtu']);
  });
});

describe('VLANs', () => {
  const trunk = (tags: unknown) => nncp('br0', [bridge('br0', [{ name: 'eth1', vlan: { mode: 'trunk', 'trunk-tags': tags } }])]);

  it('a trunk id-range carries every VLAN in it', () => {
    expect(found([trunk([{ 'id-range': { min: 100, max: 199 } }]), bridgeNad('vms', 'v150', 'br0', { vlan: 150 })])).toEqual([]);
  });

  it('a vlanTrunk NAD needs every id it trunks, reported at vlanTrunk', () => {
    expect(found([trunk([{ id: 100 }]), bridgeNad('vms', 't', 'br0', { vlanTrunk: [{ id: 100 }, { id: 101 }] })])).toEqual([
      'TOPOLOGY_VLAN_NOT_IN_TRUNK NetworkAttachmentDefinition/vms/t spec.config.vlanTrunk',
    ]);
  });

  it('policies for disjoint nodes may define the same VLAN differently', () => {
    const ms = [
      nncp('a', [{ name: 'eth1.100', type: 'vlan', state: 'up', vlan: { 'base-iface': 'eth1', id: 100 } }], { pool: 'a' }),
      nncp('b', [{ name: 'vlan100', type: 'vlan', state: 'up', vlan: { 'base-iface': 'eth1', id: 100 } }], { pool: 'b' }),
    ];
    expect(found(ms)).toEqual([]);
  });
});

describe('VMs and NADs', () => {
  const shared = bridgeNad('shared', 'lan', 'br0');
  const user = (ns: string, ref: string) => vm(ns, 'vm1', [{ name: 'lan', nad: ref, mac: '02:00:00:00:00:01' }]);

  it.each([
    ['none', undefined, 'vms', 'shared/lan', false],
    ['multus', undefined, 'vms', 'default/lan', false],
    ['multus', undefined, 'vms', 'shared/lan', true],
    ['multus', ['shared'], 'vms', 'shared/lan', false],
    ['multus', ['shared'], 'vms', 'default/lan', true],
    ['openshift', undefined, 'vms', 'openshift-cnv/lan', false],
    ['openshift', undefined, 'vms', 'default/lan', false],
    ['openshift', undefined, 'vms', 'shared/lan', true],
    ['openshift', undefined, 'shared', 'lan', false],
  ] as const)('isolation %s with globalNamespaces %j: a VM in %s naming %s is rejected: %s', (isolation, globals, ns, ref, rejected) => {
    const [nadNs, nadName] = ref.includes('/') ? ref.split('/') : [ns, ref];
    const ms = [bridgeNad(nadNs, nadName, 'br0'), shared, user(ns, ref)];
    const codes = validateManifestSet(ms, { isolation, ...(globals ? { globalNamespaces: [...globals] } : {}) }).map((p) => p.code);
    expect(codes.includes('TOPOLOGY_NAD_NAMESPACE_ISOLATED')).toBe(rejected);
    expect(codes.filter((c) => c !== 'TOPOLOGY_NAD_NAMESPACE_ISOLATED')).toEqual([]);
  });

  it('NAD_NOT_FOUND points at a NAD of the same name in another namespace', () => {
    const p = validateManifestSet([shared, user('vms', 'lan')]);
    expect(p.map((x) => x.code)).toEqual(['TOPOLOGY_NAD_NOT_FOUND']);
    expect(p[0].message).toMatch(/exists in namespace "shared"/);
  });

  it('a VM set without any NAD is not checked for missing NADs', () => {
    expect(found([user('vms', 'lan')])).toEqual([]);
  });

  it('an absent (unplugging) NIC may reuse a MAC; a present one may not', () => {
    const a = vm('vms', 'a', [{ name: 'lan', nad: 'lan', mac: '02:00:00:00:00:01', state: 'absent' }]);
    const b = vm('vms', 'b', [{ name: 'lan', nad: 'lan', mac: '02:00:00:00:00:01' }]);
    expect(found([bridgeNad('vms', 'lan', 'br0'), a, b])).toEqual([]);
    const c = vm('vms', 'c', [{ name: 'lan', nad: 'lan', mac: '02-00-00-00-00-01' }]);
    expect(found([bridgeNad('vms', 'lan', 'br0'), b, c])).toEqual(['TOPOLOGY_MAC_DUPLICATE VirtualMachine/vms/c spec.template.spec.domain.devices.interfaces[0].macAddress']);
  });
});

describe('placement', () => {
  const set = (template: Record<string, unknown>) => [
    nncp('c7000', [bridge('bridge-1085', ['eno49'])], { hardware: 'c7000' }),
    bridgeNad('vms', 'nad-1085', 'bridge-1085'),
    vm('vms', 'pxe', [{ name: 'nic', nad: 'nad-1085', mac: '02:00:00:00:10:85' }], template),
  ];

  it('a nodeSelector that implies the policy selector is inside', () => {
    expect(found(set({ nodeSelector: { hardware: 'c7000', zone: 'a' } }))).toEqual([]);
  });

  it('required node affinity counts: every term must lie inside, the failing term is the path', () => {
    expect(found(set(affinity({ hardware: ['c7000'] })))).toEqual([]);
    expect(found(set(affinity({ hardware: ['c7000'] }, { hardware: ['dl380'] })))).toEqual([
      'TOPOLOGY_VM_PLACEMENT_MISMATCH VirtualMachine/vms/pxe spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[1]',
    ]);
    expect(found(set(affinity({ hardware: ['c7000', 'dl380'] })))).toHaveLength(1);
  });

  it('a VM pinned to one host is inside unless that host certainly lacks the policy labels', () => {
    expect(found(set({ nodeSelector: { 'kubernetes.io/hostname': 'n1' } }))).toEqual([]);
    expect(found(set({ nodeSelector: { 'kubernetes.io/hostname': 'n1', hardware: 'dl380' } }))).toEqual([
      'TOPOLOGY_VM_PLACEMENT_MISMATCH VirtualMachine/vms/pxe spec.template.spec.nodeSelector',
    ]);
  });

  it('nodeSelector and an affinity term combine (AND)', () => {
    expect(found(set({ nodeSelector: { hardware: 'c7000' }, ...affinity({ zone: ['a', 'b'] }) }))).toEqual([]);
  });

  it('an empty nodeSelector is no placement: the resourceName annotation keeps the VM on bridge nodes', () => {
    expect(found(set({ nodeSelector: {} }))).toEqual([]);
  });
});

describe('addresses', () => {
  it('two NICs of one VM on different segments with overlapping NAD subnets (no static address needed)', () => {
    const ms = [
      bridgeNad('vms', 'a', 'br0', { vlan: 100, ipam: { type: 'whereabouts', range: '10.0.0.0/24' } }),
      bridgeNad('vms', 'b', 'br0', { vlan: 200, ipam: { type: 'whereabouts', range: '10.0.0.128/25' } }),
      vm('vms', 'vm1', [{ name: 'a', nad: 'a', mac: '02:00:00:00:00:0a' }, { name: 'b', nad: 'b', mac: '02:00:00:00:00:0b' }]),
    ];
    expect(found(ms).sort()).toEqual([
      'TOPOLOGY_SUBNET_OVERLAP NetworkAttachmentDefinition/vms/b spec.config.ipam.range',
      'TOPOLOGY_VM_SUBNET_OVERLAP VirtualMachine/vms/vm1 spec.template.spec.networks[1]',
    ]);
  });

  it('NADs of one bridge and VLAN in several namespaces are one segment: same subnet is no overlap', () => {
    const ms = ['a', 'b', 'c'].map((ns) => bridgeNad(ns, 'lan', 'br0', { ipam: { type: 'whereabouts', range: '10.0.0.0/24' } }));
    expect(found(ms)).toEqual([]);
  });
});

describe('the set as a whole', () => {
  it('identical copies of one object are harmless (e.g. the NMState CR of two environments)', () => {
    const cr = { apiVersion: 'nmstate.io/v1', kind: 'NMState', metadata: { name: 'nmstate' } };
    expect(found([cr, { ...cr, metadata: { name: 'nmstate' } }])).toEqual([]);
  });
});
