/**
 * Ordering between NNCPs (policy-order.ts, render.ts), the render order from the intent (B12,
 * B13), namespaces and the cluster singletons kept on removal. Expected waves, names and
 * dependencies are written out here, never computed by the code under test.
 */
import { buildEnvironment } from '../../../lib/core/topology/build';
import { Topology } from '../../../lib/core/topology/model';

const WORKER = { 'node-role.kubernetes.io/worker': '' };

/**
 * A bond on the workers (bond0-workers); a per-node management VLAN on it (mgmt-w0); a host VLAN
 * on it (v300) with a bridge on that VLAN (w-br300); a vlan-bridge network on the bond; a storage
 * host policy that names its own bond0 on disjoint nodes (no dependency).
 */
function chain(): Topology {
  return {
    name: 'chain',
    prerequisites: { nmstate: true },
    namespaces: { 'team-a': {} },
    nodeGroups: [
      { name: 'workers', nodeSelector: { ...WORKER, pool: 'workers' } },
      { name: 'storage', nodeSelector: { pool: 'storage' } },
    ],
    uplinks: [{ name: 'bond0', nodeGroup: 'workers', interface: 'bond0', bond: { mode: 'active-backup', ports: ['ens1', 'ens2'] } }],
    hostPolicies: [
      { name: 'w-br300', nodeGroup: 'workers', interfaces: [{ name: 'br300', type: 'linux-bridge', state: 'up', bridge: { port: [{ name: 'bond0.300' }] } }] },
      { name: 'v300', nodeGroup: 'workers', interfaces: [{ name: 'bond0.300', type: 'vlan', state: 'up', vlan: { 'base-iface': 'bond0', id: 300 } }] },
      { name: 'mgmt-w0', nodeGroup: 'workers', nodeSelector: { 'kubernetes.io/hostname': 'w0' }, interfaces: [{ name: 'bond0.100', type: 'vlan', state: 'up', vlan: { 'base-iface': 'bond0', id: 100 } }] },
      { name: 'storage-vlan', nodeGroup: 'storage', interfaces: [{ name: 'bond0.500', type: 'vlan', state: 'up', vlan: { 'base-iface': 'bond0', id: 500 } }] },
    ],
    networks: [{ name: 'vlan200', pattern: 'vlan-bridge', uplink: 'bond0', vlan: 200, namespaces: ['team-a'] }],
    vms: [{ name: 'web', namespace: 'team-a', image: 'quay.io/containerdisks/fedora:40', attachments: [{ network: 'vlan200' }] }],
  };
}

const nncp = (name: string): string => `NodeNetworkConfigurationPolicy/${name}`;

describe('NNCP ordering (B12)', () => {
  it('GIVEN bond → VLAN → bridge, a per-node VLAN and a network on the bond THEN each NNCP is one wave after the NNCPs it uses, dependsOn them, and sorts by depth then name', () => {
    const b = buildEnvironment(chain());
    const policies = b.manifests.filter((m) => m.layer === 'nncp');
    expect(policies.map((m) => [m.manifest.metadata.name, m.syncWave])).toEqual([
      ['bond0-workers', -10],
      ['storage-vlan', -10],
      ['mgmt-w0', -9],
      ['v300', -9],
      ['vlan200-workers', -9],
      ['w-br300', -8],
    ]);
    const deps = Object.fromEntries(b.manifests.map((m) => [m.key, m.dependsOn]));
    expect(deps[nncp('bond0-workers')]).toEqual(['NMState/nmstate']);
    expect(deps[nncp('storage-vlan')]).toEqual(['NMState/nmstate']);
    expect(deps[nncp('mgmt-w0')]).toEqual(['NMState/nmstate', nncp('bond0-workers')]);
    expect(deps[nncp('v300')]).toEqual(['NMState/nmstate', nncp('bond0-workers')]);
    expect(deps[nncp('vlan200-workers')]).toEqual(['NMState/nmstate', nncp('bond0-workers')]);
    expect(deps[nncp('w-br300')]).toEqual(['NMState/nmstate', nncp('v300')]);
    // the written annotation is the tag
    expect(policies.find((m) => m.manifest.metadata.name === 'w-br300')!.manifest.metadata.annotations!['argocd.argoproj.io/sync-wave']).toBe('-8');
    expect(b.manifests.filter((m) => m.layer === 'nad').map((m) => m.syncWave)).toEqual([-5]);
    expect(b.errors).toEqual([]);
    expect(b.warnings.map((p) => p.code)).not.toContain('TOPOLOGY_POLICY_NAME_ORDER');
  });

  it('GIVEN a chain that would reach the NAD wave THEN the NAD wave (and a VM wave after it) moves later', () => {
    const close = buildEnvironment({ ...chain(), ordering: { waves: { nncp: -10, nad: -9 } } });
    expect(close.manifests.filter((m) => m.layer === 'nad').map((m) => m.syncWave)).toEqual([-7]);
    expect(close.manifests.filter((m) => m.layer === 'vm').map((m) => m.syncWave)).toEqual([0]);
    const tight = buildEnvironment({ ...chain(), ordering: { waves: { prerequisites: -1, nncp: 0, nad: 1, vm: 2 } } });
    expect(tight.manifests.filter((m) => m.layer !== 'prerequisites').map((m) => [m.manifest.metadata.name, m.syncWave])).toEqual([
      ['bond0-workers', 0],
      ['storage-vlan', 0],
      ['mgmt-w0', 1],
      ['v300', 1],
      ['vlan200-workers', 1],
      ['w-br300', 2],
      ['vlan200', 3],
      ['web', 4],
    ]);
  });

  it('GIVEN a dependent host policy named before the policy it uses THEN TOPOLOGY_POLICY_NAME_ORDER on its name', () => {
    const t = chain();
    const renamed: Topology = { ...t, hostPolicies: t.hostPolicies!.map((h) => (h.name === 'w-br300' ? { ...h, name: 'a-br300' } : h)) };
    const b = buildEnvironment(renamed);
    expect(b.warnings.filter((p) => p.code === 'TOPOLOGY_POLICY_NAME_ORDER').map((p) => `${p.resource.kind} ${p.path}`)).toEqual(['Environment hostPolicies[0].name']);
  });

  it('GIVEN a user policyName on a network that sorts before its bond policy THEN TOPOLOGY_POLICY_NAME_ORDER on networks[0].policyName', () => {
    const t = chain();
    const b = buildEnvironment({ ...t, networks: [{ ...t.networks[0], policyName: 'a-vlan200' }] });
    expect(b.warnings.filter((p) => p.code === 'TOPOLOGY_POLICY_NAME_ORDER').map((p) => p.path)).toEqual(['networks[0].policyName']);
  });

  it('GIVEN a generated network policy name that would sort before its bond policy THEN the generated name is prefixed with the bond policy (sorts after it), no warning', () => {
    const t = chain();
    const b = buildEnvironment({ ...t, uplinks: [{ ...t.uplinks[0], name: 'uplink' }], networks: [{ ...t.networks[0], name: 'data', uplink: 'uplink' }], hostPolicies: [], vms: [] });
    expect(b.manifests.filter((m) => m.layer === 'nncp').map((m) => [m.manifest.metadata.name, m.syncWave])).toEqual([
      ['uplink-workers', -10],
      ['uplink-workers-data-workers', -9],
    ]);
    expect(b.problems.map((p) => p.code)).not.toContain('TOPOLOGY_POLICY_NAME_ORDER');
  });
});

describe('render order from the intent, not from declaration order (B13)', () => {
  it('GIVEN the same environment with every list reversed THEN the manifests and their order are identical', () => {
    const t = chain();
    const reversed: Topology = {
      ...t,
      nodeGroups: [...t.nodeGroups].reverse(),
      hostPolicies: [...t.hostPolicies!].reverse(),
      networks: [...t.networks, { name: 'vlan201', pattern: 'vlan-bridge' as const, uplink: 'bond0', vlan: 201, namespaces: ['team-a', 'default'] }].reverse(),
      vms: [
        { name: 'db', namespace: 'team-a', image: 'quay.io/containerdisks/fedora:40', attachments: [{ network: 'vlan201' }], userData: `#cloud-config\n# ${'x'.repeat(2100)}\n` },
        ...t.vms,
      ],
    };
    const forward: Topology = {
      ...t,
      networks: [...t.networks, { name: 'vlan201', pattern: 'vlan-bridge', uplink: 'bond0', vlan: 201, namespaces: ['default', 'team-a'] }],
      vms: [...t.vms, { name: 'db', namespace: 'team-a', image: 'quay.io/containerdisks/fedora:40', attachments: [{ network: 'vlan201' }], userData: `#cloud-config\n# ${'x'.repeat(2100)}\n` }],
    };
    const keys = (x: Topology) => buildEnvironment(x).manifests.map((m) => m.key);
    expect(keys(reversed)).toEqual(keys(forward));
    expect(keys(forward).filter((k) => !k.startsWith('NodeNetworkConfigurationPolicy/') && k !== 'NMState/nmstate')).toEqual([
      'NetworkAttachmentDefinition/team-a/vlan200',
      'NetworkAttachmentDefinition/default/vlan201',
      'NetworkAttachmentDefinition/team-a/vlan201',
      'VirtualMachine/team-a/db',
      'Secret/team-a/db-cloudinit',
      'VirtualMachine/team-a/web',
    ]);
    expect(JSON.stringify(buildEnvironment(reversed).manifests.map((m) => m.manifest))).toBe(JSON.stringify(buildEnvironment(forward).manifests.map((m) => m.manifest)));
  });
});

describe('namespaces', () => {
  it('GIVEN a created namespace THEN it renders first (prerequisites wave, labels, kept on removal) and its NADs and VMs dependOn it; an existing one renders nothing', () => {
    const b = buildEnvironment({ ...chain(), namespaces: { 'team-a': { create: true, labels: { team: 'a' } }, 'team-b': {} } });
    expect(b.manifests[0].key).toBe('Namespace/team-a');
    expect(b.manifests[0]).toMatchObject({ layer: 'prerequisites', syncWave: -20, retain: true });
    expect(b.manifests[0].manifest).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'team-a', labels: { team: 'a' }, annotations: { 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false', 'argocd.argoproj.io/sync-wave': '-20' } },
    });
    expect(b.manifests.filter((m) => m.manifest.kind === 'Namespace').map((m) => m.key)).toEqual(['Namespace/team-a']);
    const deps = Object.fromEntries(b.manifests.map((m) => [m.key, m.dependsOn]));
    expect(deps['NetworkAttachmentDefinition/team-a/vlan200']).toEqual(['Namespace/team-a', nncp('vlan200-workers')]);
    expect(deps['VirtualMachine/team-a/web']).toEqual(['Namespace/team-a', 'NetworkAttachmentDefinition/team-a/vlan200']);
    expect(b.problems.map((p) => p.code)).not.toContain('TOPOLOGY_NAMESPACE_UNDECLARED');
  });

  it('GIVEN a NAD, a VM and an agent that does not create its namespace in undeclared namespaces THEN one TOPOLOGY_NAMESPACE_UNDECLARED warning per namespace, at its first use; default needs no declaration', () => {
    const t = chain();
    const b = buildEnvironment({
      ...t,
      namespaces: undefined,
      networks: [{ ...t.networks[0], namespaces: ['default', 'team-a'] }],
      agent: { createNamespace: false, namespace: 'ops' },
    });
    const found = b.problems.filter((p) => p.code === 'TOPOLOGY_NAMESPACE_UNDECLARED');
    // once per namespace, at its first use (team-a: the NAD, then the VM; ops: the agent)
    expect(found.map((p) => [p.severity, p.resource.kind, p.path])).toEqual([
      ['warning', 'Environment', 'networks[0].namespaces[1]'],
      ['warning', 'Environment', 'agent.namespace'],
    ]);
    expect(found[0].message).toContain('vms[0].namespace');
    expect(b.originOf(found[0])).toEqual({ kind: 'network', name: 'vlan200' });
  });
});

describe('cluster singletons', () => {
  it('GIVEN prerequisites THEN the NMState CR and NetworkAddonsConfig carry Argo CD Prune=false,Delete=false and are kept on removal', () => {
    const b = buildEnvironment({ ...chain(), prerequisites: { nmstate: true, networkAddons: { multus: true } } });
    const singletons = b.manifests.filter((m) => m.key === 'NMState/nmstate' || m.key === 'NetworkAddonsConfig/cluster');
    expect(singletons.map((m) => [m.key, m.retain, m.manifest.metadata.annotations!['argocd.argoproj.io/sync-options']])).toEqual([
      ['NMState/nmstate', true, 'Prune=false,Delete=false'],
      ['NetworkAddonsConfig/cluster', true, 'Prune=false,Delete=false'],
    ]);
    expect(b.manifests.filter((m) => m.retain).map((m) => m.key)).toEqual(['NMState/nmstate', 'NetworkAddonsConfig/cluster']);
  });
});
