/**
 * The Pulumi side of ordering (B12) and of the objects kept on removal: `dependsOn` from one NNCP
 * to the NNCP whose interface it uses (the trial's pulumi-mocks.ts repro: `mgmt-worker-*` host
 * VLANs on bond0 listed only the NMState CR), and `retainOnDelete` on the cluster singletons and
 * on the Namespaces the environment creates.
 */
import * as pulumi from '@pulumi/pulumi';
import { installMocks, settle } from './mocks';

installMocks('prod2');

// Imported after the mocks are installed (Pulumi's rule for unit tests).
import { defineEnvironment } from '../../lib/core/topology/define';
import { NetworkEnvironment } from '../../lib/pulumi';

const WORKERS = ['worker-0', 'worker-1', 'worker-2'];

/** The trial's prod2, reduced to what B12 is about: a bond, per-node VLANs on it, a network on it. */
const prod2 = defineEnvironment({
  name: 'prod2',
  prerequisites: { nmstate: true, networkAddons: { multus: true } },
  namespaces: { 'team-a': { create: true }, 'team-b': {} },
  nodeGroups: [{ name: 'workers', nodeSelector: { 'node-role.kubernetes.io/worker': '' }, nodes: WORKERS, maxUnavailable: 1 }],
  uplinks: [{ name: 'bond0', nodeGroup: 'workers', interface: 'bond0', mtu: 9000, bond: { mode: '802.3ad', ports: ['ens1f0', 'ens1f1'] } }],
  hostPolicies: WORKERS.map((node, i) => ({
    name: `mgmt-${node}`,
    nodeGroup: 'workers' as const,
    nodeSelector: { 'kubernetes.io/hostname': node },
    interfaces: [{ name: 'bond0.100', type: 'vlan' as const, state: 'up', vlan: { 'base-iface': 'bond0', id: 100 }, ipv4: { enabled: true, dhcp: false, address: [{ ip: `10.100.0.${11 + i}`, 'prefix-length': 24 }] } }],
  })),
  networks: [{ name: 'vlan200', pattern: 'vlan-bridge', uplink: 'bond0', vlan: 200, bridge: 'br200', namespaces: ['team-a', 'team-b'], mtu: 9000 }],
  vms: [{ name: 'web-1', namespace: 'team-a', image: 'quay.io/containerdisks/fedora:40', attachments: [{ network: 'vlan200', ipv4: ['10.20.0.11/24'] }] }],
});

const names = new Map<pulumi.Resource, string>();
const dependsOn = new Map<string, string[]>();
const retained = new Set<string>();
const record: pulumi.ResourceTransformation = (args) => {
  names.set(args.resource, args.name);
  const deps = (args.opts.dependsOn ?? []) as pulumi.Resource[];
  dependsOn.set(args.name, (Array.isArray(deps) ? deps : [deps]).map((d) => names.get(d) ?? '?'));
  if (args.opts.retainOnDelete) retained.add(args.name);
  return undefined;
};

const policy = (name: string): string => `prod2-nodenetworkconfigurationpolicy-${name}`;

describe('Pulumi NetworkEnvironment ordering', () => {
  beforeAll(async () => {
    new NetworkEnvironment('prod2', { environment: prod2 }, { transformations: [record] });
    await settle();
  });

  it.each(WORKERS)('GIVEN mgmt-%s (a VLAN on bond0) THEN it dependsOn bond0-workers, the NNCP that creates bond0 (B12)', (node) => {
    expect(dependsOn.get(policy(`mgmt-${node}`))).toEqual(['prod2-nmstate-nmstate', 'prod2-networkaddonsconfig-cluster', policy('bond0-workers')]);
  });

  it('GIVEN the vlan-bridge network on bond0 THEN its NNCP dependsOn bond0-workers; bond0-workers only on the prerequisites', () => {
    expect(dependsOn.get(policy('vlan200-workers'))).toEqual(['prod2-nmstate-nmstate', 'prod2-networkaddonsconfig-cluster', policy('bond0-workers')]);
    expect(dependsOn.get(policy('bond0-workers'))).toEqual(['prod2-nmstate-nmstate', 'prod2-networkaddonsconfig-cluster']);
  });

  it('GIVEN a created namespace THEN its NAD dependsOn it; a NAD in an existing namespace does not', () => {
    expect(dependsOn.get('prod2-networkattachmentdefinition-team-a-vlan200')).toEqual(['prod2-namespace-team-a', policy('vlan200-workers')]);
    expect(dependsOn.get('prod2-networkattachmentdefinition-team-b-vlan200')).toEqual([policy('vlan200-workers')]);
  });

  it('GIVEN the NMState CR, the NetworkAddonsConfig and a created Namespace THEN exactly those are registered with retainOnDelete', () => {
    expect([...retained].sort()).toEqual(['prod2-namespace-team-a', 'prod2-networkaddonsconfig-cluster', 'prod2-nmstate-nmstate']);
  });
});
