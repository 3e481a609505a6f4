import { Testing } from 'cdk8s';
import { BondedUplink, MultihomedVM, NetworkEnvironment, NodeGroup, VlanBridgeNetwork } from '../../lib/cdk8s';
import { formatProblem } from '../../lib/core/errors';

/** A small environment of constructs: bond0 on the workers, VLAN 200 for team-a, one VM. */
function environment() {
  const env = new NetworkEnvironment(Testing.app(), 'prod', { warn: () => undefined });
  const workers = new NodeGroup(env, 'workers', { nodeSelector: { 'node-role.kubernetes.io/worker': '' }, nodes: ['worker-0', 'worker-1'] });
  const bond0 = new BondedUplink(env, 'bond0', { nodeGroup: workers, interface: 'bond0', mode: 'active-backup', ports: ['ens1f0', 'ens1f1'] });
  const vlan200 = new VlanBridgeNetwork(env, 'vlan200', { uplink: bond0, pattern: 'vlan-bridge', vlan: 200, bridge: 'br200', namespaces: ['team-a'], subnets: ['10.20.0.0/24'] });
  const web1 = new MultihomedVM(env, 'web-1', { namespace: 'team-a' });
  vlan200.attach(web1, { name: 'v200', ipv4: ['10.20.0.11/24'] });
  return { env, workers, bond0, vlan200, web1 };
}

describe('problems about construct props speak in construct terms', () => {
  it('names the MultihomedVM, its construct path and the attachment prop, and the attach() call that sets it', () => {
    const { env, vlan200 } = environment();
    const web2 = new MultihomedVM(env, 'web-2', { namespace: 'team-a' });
    vlan200.attach(web2, { name: 'v200', ipv4: ['10.99.0.5/24'] });
    const p = env.problems().find((x) => x.code === 'TOPOLOGY_ADDRESS_OUTSIDE_SUBNETS')!;
    expect(p.resource).toEqual({ kind: 'MultihomedVM', namespace: 'team-a', name: 'web-2', constructPath: 'prod/web-2' });
    expect(p.path).toBe('attachments[0].ipv4[0]');
    expect(p.fix).toContain("in code: vlan200.attach(web-2, { name: 'v200', ipv4: ... })");
    expect(formatProblem(p)).toContain('prod/web-2 MultihomedVM/team-a/web-2 attachments[0].ipv4[0]:');
  });

  it('names the network construct and its prop for a network problem', () => {
    const { env, bond0 } = environment();
    new VlanBridgeNetwork(env, 'vlan200-again', { uplink: bond0, pattern: 'vlan-bridge', vlan: 200, bridge: 'br200b', namespaces: ['team-a'] });
    const p = env.problems().find((x) => x.code === 'TOPOLOGY_VLAN_CLAIMED_TWICE')!;
    expect(p.resource).toEqual({ kind: 'VlanBridgeNetwork', name: 'vlan200-again', constructPath: 'prod/vlan200-again' });
    expect(p.path).toBe('vlan');
    expect(p.fix).toContain("in code: new VlanBridgeNetwork(env, 'vlan200-again', { vlan: ... })");
  });

  it('keeps the data form paths for an environment loaded as data (the data form is the user\'s own term there)', () => {
    const env = new NetworkEnvironment(Testing.app(), 'data', {
      warn: () => undefined,
      environment: {
        name: 'data',
        nodeGroups: [{ name: 'workers', nodeSelector: { w: '' } }],
        uplinks: [{ name: 'eth1', nodeGroup: 'workers', interface: 'eth1' }],
        networks: [{ name: 'n1', uplink: 'eth1', pattern: 'vlan-bridge', vlan: 10, bridge: 'br10', namespaces: ['a'], subnets: ['10.1.0.0/24'] }],
        vms: [{ name: 'vm', namespace: 'a', attachments: [{ network: 'n1', ipv4: ['10.9.0.1/24'] }] }],
      },
    });
    const p = env.problems().find((x) => x.code === 'TOPOLOGY_ADDRESS_OUTSIDE_SUBNETS')!;
    expect(p.path).toBe('vms[0].attachments[0].ipv4[0]');
  });
});
