/**
 * OVN localnet as OVN-Kubernetes runs it (issue 13 §3, trial bugs B9 and B10): `subnets` stay
 * validation-only unless `ovnIpam`, mapping-only policies for bridges the nodes already have
 * (`existingBridge`, e.g. `br-ex`), the OVN options behind OVN IPAM, removal, and the NAD rules
 * `multihome check` applies to hand-written localnet NADs — with OVN-Kubernetes's own examples
 * accepted.
 */
import { validateNad } from '../../../lib/core/cni';
import { Problem } from '../../../lib/core/errors';
import { Manifest } from '../../../lib/core/manifest';
import { schemaMismatches, TOPOLOGY_SCHEMA } from '../../../lib/core/source/topology-schema';
import { buildEnvironment } from '../../../lib/core/topology/build';
import { NetworkSpec, Topology } from '../../../lib/core/topology/model';
import { renderTopology } from '../../../lib/core/topology/render';
import { validateEnvironment } from '../../../lib/core/topology/validate-environment';
import { validateManifestSet } from '../../../lib/core/topology/validate-set';

/**
 * prod-env.ts of the trial, reduced: ens2f0 on the workers, the physnet-400 localnet, one
 * statically addressed VM. Written as NADs (`localnetAs: 'nad'`) unless the network says otherwise:
 * these cases are about the NAD; the ClusterUserDefinedNetwork form is tested below.
 */
function physnet400(network: Partial<NetworkSpec> = {}, attachment: Record<string, unknown> = { ipv4: ['10.40.0.21/24'] }): Topology {
  return {
    name: 'fixture',
    platform: 'openshift',
    nodeGroups: [{ name: 'workers', nodeSelector: { 'node-role.kubernetes.io/worker': '' } }],
    uplinks: [{ name: 'ens2f0', nodeGroup: 'workers', interface: 'ens2f0' }],
    networks: [
      { name: 'physnet-400', pattern: 'ovn-localnet', uplink: 'ens2f0', vlan: 400, bridge: 'ovs-br1', physicalNetworkName: 'physnet400', namespaces: ['team-a'], subnets: ['10.40.0.0/24'], localnetAs: 'nad', ...network } as NetworkSpec,
    ],
    vms: [{ name: 'db-1', namespace: 'team-a', image: 'quay.io/containerdisks/fedora:43', attachments: [{ network: 'physnet-400', ...attachment }] }],
    namespaces: { 'team-a': {} },
  };
}

const byKind = (ms: readonly Manifest[], kind: string): Array<Record<string, any>> => ms.filter((m) => m.kind === kind) as Array<Record<string, any>>;
const nadConfig = (ms: readonly Manifest[]): unknown => JSON.parse(byKind(ms, 'NetworkAttachmentDefinition')[0].spec.config);
const where = (ps: readonly Problem[]): string[] => ps.map((p) => `${p.severity} ${p.code} ${p.resource.kind}/${p.resource.namespace ? `${p.resource.namespace}/` : ''}${p.resource.name} ${p.path}`);
const problemsOf = (t: Topology): string[] => where(validateEnvironment(t, renderTopology(t)));

describe('B9: network subnets stay validation-only on a localnet unless ovnIpam', () => {
  it('GIVEN physnet-400 with subnets and a static VM address THEN the NAD has no subnets and nothing is reported', () => {
    const t = physnet400();
    expect(nadConfig(renderTopology(t))).toEqual({
      cniVersion: '0.3.1',
      name: 'physnet-400',
      type: 'ovn-k8s-cni-overlay',
      topology: 'localnet',
      netAttachDefName: 'team-a/physnet-400',
      physicalNetworkName: 'physnet400',
      vlanID: 400,
    });
    expect(problemsOf(t)).toEqual([]);
  });

  it('GIVEN a static address outside subnets THEN subnets still check it (validation-only)', () => {
    expect(problemsOf(physnet400({}, { ipv4: ['10.50.0.21/24'] }))).toEqual(['error TOPOLOGY_ADDRESS_OUTSIDE_SUBNETS Environment/fixture vms[0].attachments[0].ipv4[0]']);
  });

  it('GIVEN ovnIpam with excludeSubnets, allowPersistentIPs and mtu THEN all of them reach the NAD, and a DHCP guest is clean', () => {
    const t = physnet400({ ovnIpam: true, excludeSubnets: ['10.40.0.0/29'], allowPersistentIPs: true, mtu: 1500 }, { dhcp4: true });
    expect(nadConfig(renderTopology(t))).toEqual({
      cniVersion: '0.3.1',
      name: 'physnet-400',
      type: 'ovn-k8s-cni-overlay',
      topology: 'localnet',
      netAttachDefName: 'team-a/physnet-400',
      subnets: '10.40.0.0/24',
      excludeSubnets: '10.40.0.0/29',
      mtu: 1500,
      allowPersistentIPs: true,
      physicalNetworkName: 'physnet400',
      vlanID: 400,
    });
    expect(problemsOf(t)).toEqual([]);
  });

  it('GIVEN ovnIpam and static guest addresses (v4 and v6) THEN an error at each attachment prop', () => {
    const t = physnet400({ ovnIpam: true, subnets: ['10.40.0.0/24', 'fd00:40::/64'] }, { ipv4: ['10.40.0.21/24'], ipv6: ['fd00:40::21/64'] });
    expect(problemsOf(t)).toEqual([
      'error TOPOLOGY_OVN_IPAM_STATIC_ADDRESS Environment/fixture vms[0].attachments[0].ipv4',
      'error TOPOLOGY_OVN_IPAM_STATIC_ADDRESS Environment/fixture vms[0].attachments[0].ipv6',
    ]);
  });

  it('GIVEN ovnIpam without subnets, or excludeSubnets/allowPersistentIPs without ovnIpam THEN errors at the network props', () => {
    expect(problemsOf(physnet400({ ovnIpam: true, subnets: undefined }, {}))).toEqual(['error TOPOLOGY_OVN_IPAM_NO_SUBNETS Environment/fixture networks[0].ovnIpam']);
    expect(problemsOf(physnet400({ excludeSubnets: ['10.40.0.0/29'], allowPersistentIPs: true }))).toEqual([
      'error TOPOLOGY_OVN_IPAM_REQUIRED Environment/fixture networks[0].excludeSubnets',
      'error TOPOLOGY_OVN_IPAM_REQUIRED Environment/fixture networks[0].allowPersistentIPs',
    ]);
  });

  it('GIVEN OVN options on a trunk-bridge network THEN each is an error (nothing would render them)', () => {
    const t = physnet400({ pattern: 'trunk-bridge', bridge: 'br0', physicalNetworkName: undefined, existingBridge: true, allowPersistentIPs: true }, {});
    expect(problemsOf(t)).toEqual([
      'error TOPOLOGY_OVN_OPTION_NOT_LOCALNET Environment/fixture networks[0].existingBridge',
      'error TOPOLOGY_OVN_OPTION_NOT_LOCALNET Environment/fixture networks[0].allowPersistentIPs',
    ]);
  });

  it('GIVEN excludeSubnets outside subnets, a VLAN out of range, or an IPv6 subnet with mtu 1200 THEN the NAD rules report them on the rendered NAD', () => {
    expect(problemsOf(physnet400({ ovnIpam: true, excludeSubnets: ['10.41.0.0/29'] }, {}))).toEqual(['error CNI_OVN_SUBNETS_INVALID NetworkAttachmentDefinition/team-a/physnet-400 spec.config.excludeSubnets']);
    expect(problemsOf(physnet400({ vlan: 4095 }))).toEqual(['error CNI_OVN_VLAN_ID_INVALID NetworkAttachmentDefinition/team-a/physnet-400 spec.config.vlanID']);
    expect(problemsOf(physnet400({ ovnIpam: true, subnets: ['fd00:40::/64'], mtu: 1200 }, {}))).toEqual(['error CNI_OVN_MTU_INVALID NetworkAttachmentDefinition/team-a/physnet-400 spec.config.mtu']);
  });
});

describe('B10: a localnet on br-ex is mapping-only', () => {
  const mappingOnly = {
    apiVersion: 'nmstate.io/v1',
    kind: 'NodeNetworkConfigurationPolicy',
    metadata: { name: 'br-ex-workers', annotations: { 'argocd.argoproj.io/sync-wave': '-10' } },
    spec: {
      nodeSelector: { 'node-role.kubernetes.io/worker': '' },
      // kubernetes-nmstate's default, written out (issue 19)
      maxUnavailable: '50%',
      desiredState: { ovn: { 'bridge-mappings': [{ localnet: 'physnet400', bridge: 'br-ex' }] } },
    },
  };

  it('GIVEN existingBridge on br-ex with its nodeGroup (no uplink) THEN the NNCP holds only the mapping: no interface, no port; the VM follows the node group', () => {
    const t: Topology = { ...physnet400({ uplink: undefined, nodeGroup: 'workers', bridge: 'br-ex', existingBridge: true }), uplinks: [] };
    const ms = renderTopology(t);
    expect(byKind(ms, 'NodeNetworkConfigurationPolicy')).toEqual([mappingOnly]);
    expect(byKind(ms, 'VirtualMachine')[0].spec.template.spec.nodeSelector).toEqual({ 'node-role.kubernetes.io/worker': '' });
    expect(problemsOf(t)).toEqual([]);
  });

  it('GIVEN existingBridge naming the uplink instead THEN the same policy (the uplink only gives the node group)', () => {
    const t = physnet400({ bridge: 'br-ex', existingBridge: true });
    expect(byKind(renderTopology(t), 'NodeNetworkConfigurationPolicy')).toEqual([mappingOnly]);
    expect(problemsOf(t)).toEqual([]);
  });

  it('GIVEN br-ex as a bridge to create (trial localnet-on-br-ex-existing) THEN an error at bridge; br-int even mapping-only is one too', () => {
    expect(problemsOf(physnet400({ bridge: 'br-ex' }))).toEqual(['error TOPOLOGY_OVN_BRIDGE_RESERVED Environment/fixture networks[0].bridge']);
    expect(problemsOf(physnet400({ bridge: 'br-int', existingBridge: true }))).toEqual(['error TOPOLOGY_OVN_BRIDGE_RESERVED Environment/fixture networks[0].bridge']);
    expect(problemsOf(physnet400({ pattern: 'bridge', bridge: 'br-ex', vlan: undefined, physicalNetworkName: undefined }))).toContain('error TOPOLOGY_OVN_BRIDGE_RESERVED Environment/fixture networks[0].bridge');
  });

  it('GIVEN a localnet on a bridge multihome creates THEN the OVS bridge with the uplink as its port, as before', () => {
    const [p] = byKind(renderTopology(physnet400()), 'NodeNetworkConfigurationPolicy');
    expect(p.metadata.name).toBe('ovs-br1-ens2f0');
    expect(p.spec.desiredState).toEqual({
      interfaces: [
        { name: 'ens2f0', type: 'ethernet', state: 'up' },
        { name: 'ovs-br1', type: 'ovs-bridge', state: 'up', bridge: { options: { stp: false }, port: [{ name: 'ens2f0' }] } },
      ],
      ovn: { 'bridge-mappings': [{ localnet: 'physnet400', bridge: 'ovs-br1' }] },
    });
  });

  it('GIVEN how a mapping-only network names its nodes wrongly THEN errors at uplink/nodeGroup', () => {
    expect(problemsOf({ ...physnet400({ uplink: undefined, bridge: 'br-ex', existingBridge: true }), uplinks: [] })).toEqual([
      'error TOPOLOGY_NETWORK_UPLINK_MISSING Environment/fixture networks[0].uplink',
      // its consequence: the policy of a network without nodes selects every node
      'warning NMSTATE_NNCP_NO_NODE_SELECTOR NodeNetworkConfigurationPolicy/br-ex-nodes spec.nodeSelector',
    ]);
    expect(problemsOf({ ...physnet400({ uplink: undefined, nodeGroup: 'wokers', bridge: 'br-ex', existingBridge: true }), uplinks: [] })).toEqual([
      'error TOPOLOGY_UNKNOWN_REFERENCE Environment/fixture networks[0].nodeGroup',
      'warning NMSTATE_NNCP_NO_NODE_SELECTOR NodeNetworkConfigurationPolicy/br-ex-wokers spec.nodeSelector',
    ]);
    const twoGroups = physnet400({ nodeGroup: 'edge', bridge: 'br-ex', existingBridge: true });
    expect(problemsOf({ ...twoGroups, nodeGroups: [...twoGroups.nodeGroups, { name: 'edge', nodeSelector: { edge: 'true' } }] })).toEqual(['error TOPOLOGY_NETWORK_NODE_GROUP_CONFLICT Environment/fixture networks[0].nodeGroup']);
    expect(problemsOf(physnet400({ nodeGroup: 'workers' }))).toEqual(['error TOPOLOGY_NETWORK_NODE_GROUP_CONFLICT Environment/fixture networks[0].nodeGroup']);
  });

  it('GIVEN one bridge both existing and created on the same nodes THEN a shared-bridge mismatch at existingBridge', () => {
    const t = physnet400({ bridge: 'br-phys' });
    const second = { ...t.networks[0], name: 'physnet-500', vlan: 500, physicalNetworkName: 'physnet500', existingBridge: true, subnets: undefined };
    expect(problemsOf({ ...t, networks: [...t.networks, second] })).toEqual(['error TOPOLOGY_SHARED_BRIDGE_MISMATCH Environment/fixture networks[1].existingBridge']);
  });
});

describe('removal: state absent', () => {
  it('GIVEN a mapping-only network set absent THEN the mapping is rendered absent (nmstate ovn.rs needs no bridge for it), no interface and no NAD', () => {
    const t: Topology = { ...physnet400({ bridge: 'br-ex', existingBridge: true, state: 'absent' }), vms: [] };
    const ms = renderTopology(t);
    expect(byKind(ms, 'NetworkAttachmentDefinition')).toEqual([]);
    expect(byKind(ms, 'NodeNetworkConfigurationPolicy').map((p) => p.spec.desiredState)).toEqual([{ ovn: { 'bridge-mappings': [{ localnet: 'physnet400', state: 'absent' }] } }]);
  });

  it('GIVEN a created-bridge localnet set absent THEN the OVS bridge and its mapping are absent', () => {
    const ms = renderTopology({ ...physnet400({ state: 'absent' }), vms: [] });
    expect(byKind(ms, 'NodeNetworkConfigurationPolicy').map((p) => p.spec.desiredState)).toEqual([
      { interfaces: [{ name: 'ovs-br1', type: 'ovs-bridge', state: 'absent' }], ovn: { 'bridge-mappings': [{ localnet: 'physnet400', state: 'absent' }] } },
    ]);
  });
});

describe('data form and build', () => {
  it('GIVEN the new props in an environment THEN the data-form outline accepts them and still catches a typo', () => {
    const t = physnet400({ uplink: undefined, nodeGroup: 'workers', bridge: 'br-ex', existingBridge: true, ovnIpam: true, excludeSubnets: ['10.40.0.0/29'], allowPersistentIPs: true }, { dhcp4: true });
    expect(schemaMismatches(t, TOPOLOGY_SCHEMA)).toEqual([]);
    expect(schemaMismatches({ ...t, networks: [{ ...t.networks[0], ovnIPAM: true }] }, TOPOLOGY_SCHEMA).map((m) => m.path)).toEqual(['networks[0].ovnIPAM']);
  });

  it('GIVEN the mapping-only environment THEN buildEnvironment is clean', () => {
    const t: Topology = { ...physnet400({ uplink: undefined, nodeGroup: 'workers', bridge: 'br-ex', existingBridge: true }), uplinks: [] };
    expect(where(buildEnvironment(t).problems)).toEqual([]);
  });
});

describe('multihome check on hand-written localnet NADs', () => {
  const nad = (name: string, namespace: string, config: string) => ({ apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name, namespace }, spec: { config } });
  const check = (o: unknown) => where(validateNad(o));

  // ovn-kubernetes docs/features/multiple-networks/multi-homing.md (commit 8871cd9c): the three topology examples, verbatim
  it.each([
    ['localnet', nad('localnet-network', 'ns1', '{\n  "cniVersion": "1.0.0",\n  "name": "tenantblack",\n  "type": "ovn-k8s-cni-overlay",\n  "topology":"localnet",\n  "subnets": "202.10.130.112/28",\n  "vlanID": 33,\n  "mtu": 1500,\n  "netAttachDefName": "ns1/localnet-network"\n}')],
    ['layer2', nad('l2-network', 'ns1', '{\n  "cniVersion": "1.0.0",\n  "name": "tenantyellow",\n  "type": "ovn-k8s-cni-overlay",\n  "topology":"layer2",\n  "subnets": "10.100.200.0/24",\n  "mtu": 1300,\n  "netAttachDefName": "ns1/l2-network",\n  "excludeSubnets": "10.100.200.0/29"\n}')],
    ['layer3', nad('l3-network', 'ns1', '{\n  "cniVersion": "1.0.0",\n  "name": "tenantblue",\n  "type": "ovn-k8s-cni-overlay",\n  "topology":"layer3",\n  "subnets": "10.128.0.0/16/24",\n  "mtu": 1300,\n  "netAttachDefName": "ns1/l3-network"\n}')],
  ])('GIVEN the upstream %s example THEN no problem', (_t, o) => {
    expect(check(o)).toEqual([]);
  });

  // go-controller/pkg/util/multi_network_test.go "valid attachment definition …" cases (commit 8871cd9c)
  it.each([
    ['localnet with a VLAN', '{"name": "tenantred", "type": "ovn-k8s-cni-overlay", "topology": "localnet", "vlanID": 10, "netAttachDefName": "ns1/nad1"}'],
    ['localnet with a VLAN in a plugins list', '{"name": "tenantred", "cniVersion": "1.1.0", "plugins": [{"type": "ovn-k8s-cni-overlay", "topology": "localnet", "vlanID": 10, "netAttachDefName": "ns1/nad1"}]}'],
    ['localnet with persistent IPs and a subnet', '{"name": "tenantred", "type": "ovn-k8s-cni-overlay", "topology": "localnet", "subnets": "192.168.200.0/16", "allowPersistentIPs": true, "netAttachDefName": "ns1/nad1"}'],
    ['layer2 with persistent IPs and a subnet', '{"name": "tenantred", "type": "ovn-k8s-cni-overlay", "topology": "layer2", "subnets": "192.168.200.0/16", "allowPersistentIPs": true, "netAttachDefName": "ns1/nad1"}'],
  ])('GIVEN upstream test NAD "%s" THEN no error', (_d, config) => {
    expect(check(nad('nad1', 'ns1', config)).filter((p) => p.startsWith('error'))).toEqual([]);
  });

  it('GIVEN the localnet rules THEN each reports its code at the field', () => {
    const cfg = (extra: string) => nad('physnet', 'vms', `{"cniVersion": "1.0.0", "name": "physnet", "type": "ovn-k8s-cni-overlay", "topology": "localnet", "netAttachDefName": "vms/physnet"${extra}}`);
    expect(check(cfg(', "vlanID": -1'))).toEqual(['error CNI_OVN_VLAN_ID_INVALID NetworkAttachmentDefinition/vms/physnet spec.config.vlanID']);
    expect(check(cfg(', "vlanID": 4095'))).toEqual(['error CNI_OVN_VLAN_ID_INVALID NetworkAttachmentDefinition/vms/physnet spec.config.vlanID']);
    expect(check(cfg(', "vlanID": 0'))).toEqual([]);
    expect(check(cfg(', "excludeSubnets": "10.40.0.0/29"'))).toEqual(['error CNI_OVN_SUBNETS_INVALID NetworkAttachmentDefinition/vms/physnet spec.config.excludeSubnets']);
    expect(check(cfg(', "allowPersistentIPs": true'))).toEqual(['warning CNI_OVN_PERSISTENT_IPS_WITHOUT_SUBNETS NetworkAttachmentDefinition/vms/physnet spec.config.allowPersistentIPs']);
    expect(check(cfg(', "physicalNetworkName": "a,b"'))).toEqual(['error CNI_OVN_PHYSICAL_NETWORK_INVALID NetworkAttachmentDefinition/vms/physnet spec.config.physicalNetworkName']);
    expect(check(cfg(', "subnets": "10.40.0.0/24,fd00:40::/64", "mtu": 1279'))).toEqual(['error CNI_OVN_MTU_INVALID NetworkAttachmentDefinition/vms/physnet spec.config.mtu']);
    expect(check(cfg(', "subnets": "10.40.0.0/24", "mtu": 1000'))).toEqual([]);
  });
});

describe('issue 19: a localnet as a ClusterUserDefinedNetwork where OVN-Kubernetes serves it', () => {
  const cudnOf = (t: Topology) => byKind(renderTopology(t), 'ClusterUserDefinedNetwork');

  it('GIVEN OpenShift 4.20 (the default) THEN one CUDN: Localnet, the mapping\'s physicalNetworkName, VLAN access, namespaces by name; no NAD; clean', () => {
    const t = physnet400({ localnetAs: undefined, namespaces: ['team-b', 'team-a'] });
    const ms = renderTopology({ ...t, namespaces: { 'team-a': {}, 'team-b': {} } });
    expect(byKind(ms, 'NetworkAttachmentDefinition')).toEqual([]);
    expect(byKind(ms, 'ClusterUserDefinedNetwork')).toEqual([
      {
        apiVersion: 'k8s.ovn.org/v1',
        kind: 'ClusterUserDefinedNetwork',
        metadata: { name: 'physnet-400', annotations: { 'argocd.argoproj.io/sync-wave': '-5' } },
        spec: {
          namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['team-a', 'team-b'] }] },
          network: { topology: 'Localnet', localnet: { role: 'Secondary', physicalNetworkName: 'physnet400', ipam: { mode: 'Disabled' }, vlan: { mode: 'Access', access: { id: 400 } } } },
        },
      },
    ]);
    expect(problemsOf({ ...t, namespaces: { 'team-a': {}, 'team-b': {} } })).toEqual([]);
  });

  it('GIVEN ovnIpam THEN OVN IPAM with persistent IPs over the subnets; GIVEN OpenShift 4.18 or localnetAs nad THEN NADs', () => {
    const withIpam = physnet400({ localnetAs: undefined, ovnIpam: true, excludeSubnets: ['10.40.0.0/29'], mtu: 1400 }, { dhcp4: true });
    expect(cudnOf(withIpam)[0].spec.network.localnet).toEqual({ role: 'Secondary', physicalNetworkName: 'physnet400', subnets: ['10.40.0.0/24'], excludeSubnets: ['10.40.0.0/29'], ipam: { lifecycle: 'Persistent' }, mtu: 1400, vlan: { mode: 'Access', access: { id: 400 } } });
    expect(problemsOf(withIpam)).toEqual([]);
    const older = { ...physnet400({ localnetAs: undefined }), target: 'openshift-4.18' };
    expect(cudnOf(older)).toEqual([]);
    expect(byKind(renderTopology(older), 'NetworkAttachmentDefinition').map((m) => m.metadata.name)).toEqual(['physnet-400']);
    expect(cudnOf(physnet400())).toEqual([]);
    // forced onto a target that does not serve it: the target says so
    expect(problemsOf({ ...physnet400({ localnetAs: 'cudn' }), target: 'openshift-4.18' })).toEqual(['error TARGET_CUDN_NOT_SERVED ClusterUserDefinedNetwork/physnet-400 spec.network.topology']);
  });

  it('GIVEN what OVN-Kubernetes\'s CRD refuses THEN the CUDN rules report it on the CUDN', () => {
    expect(problemsOf(physnet400({ localnetAs: undefined, ovnIpam: true, excludeSubnets: ['10.41.0.0/29'] }, {}))).toEqual(['error CUDN_SUBNET_NOT_CONTAINED ClusterUserDefinedNetwork/physnet-400 spec.network.localnet.excludeSubnets[0]']);
  });

  it('GIVEN a CUDN whose physicalNetworkName no NNCP maps THEN the localnet mapping rule reports it at the CUDN\'s field', () => {
    const ms = renderTopology(physnet400({ localnetAs: undefined })).map((m) =>
      m.kind === 'ClusterUserDefinedNetwork' ? { ...m, spec: { ...(m.spec as object), network: { topology: 'Localnet', localnet: { role: 'Secondary', physicalNetworkName: 'physnet-typo', ipam: { mode: 'Disabled' } } } } } : m,
    );
    expect(where(validateManifestSet(ms)).filter((p) => p.includes('NO_MAPPING'))).toEqual(['error TOPOLOGY_OVN_LOCALNET_NO_MAPPING ClusterUserDefinedNetwork/physnet-400 spec.network.localnet.physicalNetworkName']);
  });
});
