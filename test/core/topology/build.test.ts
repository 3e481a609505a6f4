/**
 * The environment pipeline (lib/core/topology/build.ts): one build renders and validates; every
 * manifest is tagged with its origin, layer, sync wave and dependencies; problems map to the spec
 * they are about. Expected values are written out here, not computed by the code under test.
 */
import * as fs from 'fs';
import * as path from 'path';
import { lab } from '../../../apps/environments/lab';
import { prod } from '../../../apps/environments/prod';
import { stringifyManifests } from '../../../lib/core/render/yaml';
import { buildEnvironment } from '../../../lib/core/topology/build';
import { Topology } from '../../../lib/core/topology/model';

const GOLDEN = path.join(__dirname, '..', '..', 'fixtures', 'golden');

/** A bonded uplink with a host VLAN, a trunk network on the bond and a VM on it. */
const onBond: Topology = {
  name: 'bonded',
  prerequisites: { nmstate: true },
  nodeGroups: [{ name: 'workers', nodeSelector: { 'node-role.kubernetes.io/worker': '' } }],
  uplinks: [{ name: 'bond0', nodeGroup: 'workers', interface: 'bond0', bond: { mode: 'active-backup', ports: ['ens1', 'ens2'] }, vlans: [{ id: 10, ipv4: ['192.0.2.10/24'] }] }],
  networks: [{ name: 'vlan200', uplink: 'bond0', vlan: 200, namespaces: ['team-a', 'team-b'] }],
  vms: [{ name: 'web', namespace: 'team-a', attachments: [{ network: 'vlan200', ipv4: ['198.51.100.5/24'] }] }],
};

describe('buildEnvironment', () => {
  it('GIVEN lab THEN every manifest is tagged with its origin, layer, wave and dependencies, in apply order', () => {
    const b = buildEnvironment(lab);
    expect(b.manifests.map((m) => [m.key, m.layer, m.syncWave, `${m.origin.kind}:${m.origin.name}`])).toEqual([
      ['NMState/nmstate', 'prerequisites', -20, 'prerequisites:prerequisites'],
      ['NetworkAddonsConfig/cluster', 'prerequisites', -20, 'prerequisites:prerequisites'],
      ['Namespace/multihome-system', 'prerequisites', -20, 'agent:agent'],
      ['ServiceAccount/multihome-system/multihome-agent', 'prerequisites', -20, 'agent:agent'],
      ['ClusterRole/multihome-agent', 'prerequisites', -20, 'agent:agent'],
      ['ValidatingAdmissionPolicy/multihome-agent-own-node', 'prerequisites', -20, 'agent:agent'],
      ['ValidatingAdmissionPolicyBinding/multihome-agent-own-node', 'prerequisites', -20, 'agent:agent'],
      ['ClusterRoleBinding/multihome-agent', 'prerequisites', -20, 'agent:agent'],
      ['ConfigMap/multihome-system/multihome-agent-nodes', 'prerequisites', -20, 'agent:agent'],
      ['DaemonSet/multihome-system/multihome-agent-nodes', 'prerequisites', -20, 'agent:agent'],
      ['NodeNetworkConfigurationPolicy/br0-eth1', 'nncp', -10, 'network:br0-100'],
      ['NetworkAttachmentDefinition/default/br0-100-l2', 'nad', -5, 'network:br0-100'],
      ['VirtualMachine/default/vma', 'vm', 0, 'vm:default/vma'],
      ['VirtualMachine/default/vmb', 'vm', 0, 'vm:default/vmb'],
    ]);
    const deps = Object.fromEntries(b.manifests.map((m) => [m.key, m.dependsOn]));
    expect(deps['NodeNetworkConfigurationPolicy/br0-eth1']).toEqual(['NMState/nmstate', 'NetworkAddonsConfig/cluster']);
    expect(deps['NetworkAttachmentDefinition/default/br0-100-l2']).toEqual(['NodeNetworkConfigurationPolicy/br0-eth1']);
    expect(deps['VirtualMachine/default/vma']).toEqual(['NetworkAttachmentDefinition/default/br0-100-l2']);
    // the grant waits for its restriction: the role binding comes after the own-node policy binding
    expect(deps['ValidatingAdmissionPolicyBinding/multihome-agent-own-node']).toEqual(['ValidatingAdmissionPolicy/multihome-agent-own-node']);
    expect(deps['ClusterRoleBinding/multihome-agent']).toEqual([
      'ClusterRole/multihome-agent',
      'ServiceAccount/multihome-system/multihome-agent',
      'ValidatingAdmissionPolicyBinding/multihome-agent-own-node',
    ]);
    expect(deps['DaemonSet/multihome-system/multihome-agent-nodes']).toEqual([
      'Namespace/multihome-system',
      'ConfigMap/multihome-system/multihome-agent-nodes',
      'ServiceAccount/multihome-system/multihome-agent',
      'ClusterRoleBinding/multihome-agent',
    ]);
    expect(b.errors).toEqual([]);
  });

  it('GIVEN a network on a bonded uplink THEN its NNCP depends on the bond NNCP, its NADs on its NNCP, the VM on the NAD of its namespace only', () => {
    const b = buildEnvironment(onBond);
    const deps = Object.fromEntries(b.manifests.map((m) => [m.key, m.dependsOn]));
    expect(b.manifests.map((m) => m.key)).toEqual([
      'NMState/nmstate',
      'NodeNetworkConfigurationPolicy/bond0-workers',
      'NodeNetworkConfigurationPolicy/br0-bond0',
      'NetworkAttachmentDefinition/team-a/vlan200',
      'NetworkAttachmentDefinition/team-b/vlan200',
      'VirtualMachine/team-a/web',
    ]);
    expect(deps['NodeNetworkConfigurationPolicy/bond0-workers']).toEqual(['NMState/nmstate']);
    expect(deps['NodeNetworkConfigurationPolicy/br0-bond0']).toEqual(['NMState/nmstate', 'NodeNetworkConfigurationPolicy/bond0-workers']);
    expect(deps['NetworkAttachmentDefinition/team-b/vlan200']).toEqual(['NodeNetworkConfigurationPolicy/br0-bond0']);
    expect(deps['VirtualMachine/team-a/web']).toEqual(['NetworkAttachmentDefinition/team-a/vlan200']);
    expect(b.manifests.find((m) => m.key === 'NodeNetworkConfigurationPolicy/bond0-workers')!.origin).toEqual({ kind: 'uplink', name: 'bond0' });
  });

  it('GIVEN defaults left out THEN pattern, bridge and policy names are resolved in the core (trunk bridge br0 on the bond)', () => {
    const b = buildEnvironment(onBond);
    const net = b.topology.networks[0];
    expect([net.pattern, net.bridge, net.policyName, net.nadName]).toEqual(['trunk-bridge', 'br0', 'br0-bond0', 'vlan200']);
    expect(b.topology.uplinks[0].policyName).toBe('bond0-workers');
  });

  it('GIVEN sync waves off THEN no manifest carries a wave', () => {
    const b = buildEnvironment({ ...onBond, ordering: { syncWaves: false } });
    expect(b.manifests.map((m) => m.syncWave)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    expect(b.manifests.some((m) => m.manifest.metadata.annotations?.['argocd.argoproj.io/sync-wave'])).toBe(false);
  });

  it('GIVEN problems THEN each maps to the spec it is about: a manifest problem to its manifest origin, an intent problem by its path', () => {
    const broken: Topology = {
      ...onBond,
      networks: [{ ...onBond.networks[0], vlan: 5000 }, { name: 'typo', uplink: 'nope', vlan: 300, namespaces: ['team-a'] }],
    };
    const b = buildEnvironment(broken);
    const byCode = (code: string) => b.problems.find((p) => p.code === code)!;
    const unknown = byCode('TOPOLOGY_UNKNOWN_REFERENCE');
    expect([unknown.path, b.originOf(unknown)]).toEqual(['networks[1].uplink', { kind: 'network', name: 'typo' }]);
    const nad = b.problems.find((p) => p.resource.kind === 'NetworkAttachmentDefinition' && p.resource.namespace === 'team-b')!;
    expect([nad.code, nad.path, b.originOf(nad)]).toEqual(['CNI_BRIDGE_VLAN_RANGE', 'spec.config.vlan', { kind: 'network', name: 'vlan200' }]);
    const nncp = b.problems.find((p) => p.resource.kind === 'NodeNetworkConfigurationPolicy' && p.resource.name === 'br0-bond0')!;
    expect(b.originOf(nncp)).toEqual({ kind: 'network', name: 'vlan200' });
    expect(b.errors.length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['lab', lab],
    ['prod', prod],
  ])('GIVEN %s THEN the output is byte-identical to the golden file (the output before the pipeline refactor)', (name, t) => {
    const b = buildEnvironment(t);
    expect(stringifyManifests(b.manifests.map((m) => m.manifest))).toBe(fs.readFileSync(path.join(GOLDEN, `${name}.k8s.yaml`), 'utf8'));
  });
});
