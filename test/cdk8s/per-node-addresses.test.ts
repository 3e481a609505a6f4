/**
 * Per-node host addresses through the constructs (issue 13 §2): `addVlan(id, { ipv4: { perNode } })`,
 * a pool on `BondedUplink` props' VLANs and on a network's `bridgeIp` render exactly what the data
 * form renders, and the trial's B5 repro fails synth at the construct's prop.
 */
import { Testing } from 'cdk8s';
import { BondedUplink, NetworkEnvironment, NodeGroup, Uplink, VlanBridgeNetwork } from '../../lib/cdk8s';
import { Topology } from '../../lib/core/topology/model';

const quiet = { warn: () => undefined };
const WORKER = { 'node-role.kubernetes.io/worker': '' };

/** The same estate as test/core/topology/per-node-addresses.test.ts, in the data form. */
const ESTATE: Topology = {
  name: 'estate',
  prerequisites: { nmstate: true },
  namespaces: { 'team-a': {} },
  nodeGroups: [{ name: 'workers', nodeSelector: WORKER, nodes: ['worker-0', 'worker-1'] }],
  uplinks: [
    {
      name: 'bond0',
      nodeGroup: 'workers',
      interface: 'bond0',
      bond: { mode: 'active-backup', ports: ['ens1f0', 'ens1f1'] },
      mtu: 9000,
      vlans: [{ id: 100, ipv4: { perNode: { 'worker-0': '10.100.0.11/24', 'worker-1': ['10.100.0.12/24'] } }, ipv6: { pool: 'fd00:100::/64', start: 'fd00:100::11' } }],
    },
    { name: 'ens3f0', nodeGroup: 'workers', interface: 'ens3f0', mtu: 9000 },
  ],
  networks: [{ name: 'vlan200', pattern: 'vlan-bridge', uplink: 'bond0', vlan: 200, namespaces: ['team-a'], bridgeIp: { ipv4: { pool: '10.200.0.0/24', start: '10.200.0.11' } } }],
  vms: [],
};

describe('per-node host addresses (cdk8s)', () => {
  it('GIVEN the estate built with constructs THEN it synthesizes to the same objects as the data form, per-node NNCPs and the NIC mtu policy included', () => {
    const env = new NetworkEnvironment(Testing.app(), 'estate', { prerequisites: { nmstate: true }, namespaces: { 'team-a': {} }, ...quiet });
    const workers = new NodeGroup(env, 'workers', { nodeSelector: WORKER, nodes: ['worker-0', 'worker-1'] });
    const bond0 = new BondedUplink(env, 'bond0', { nodeGroup: workers, interface: 'bond0', mode: 'active-backup', ports: ['ens1f0', 'ens1f1'], mtu: 9000 });
    bond0.addVlan(100, { ipv4: { perNode: { 'worker-0': '10.100.0.11/24', 'worker-1': ['10.100.0.12/24'] } }, ipv6: { pool: 'fd00:100::/64', start: 'fd00:100::11' } });
    new Uplink(env, 'ens3f0', { nodeGroup: workers, interface: 'ens3f0', mtu: 9000 });
    new VlanBridgeNetwork(env, 'vlan200', { uplink: bond0, pattern: 'vlan-bridge', vlan: 200, namespaces: ['team-a'], bridgeIp: { ipv4: { pool: '10.200.0.0/24', start: '10.200.0.11' } } });
    const constructs = Testing.synth(env);
    const data = Testing.synth(new NetworkEnvironment(Testing.app(), 'estate', { environment: ESTATE, ...quiet }));
    expect(constructs).toEqual(data);
    expect(constructs.filter((o) => o.kind === 'NodeNetworkConfigurationPolicy').map((o) => o.metadata.name)).toEqual([
      'bond0-workers',
      'ens3f0-workers',
      'bond0-workers-worker-0',
      'bond0-workers-worker-1',
      'vlan200-workers',
      'vlan200-workers-worker-0',
      'vlan200-workers-worker-1',
    ]);
  });

  it('GIVEN the trial repro bond0.addVlan(100, { ipv4: [one address] }) on two workers (B5) THEN synth fails at the addVlan prop', () => {
    const app = Testing.app();
    const env = new NetworkEnvironment(app, 'b5', quiet);
    const workers = new NodeGroup(env, 'workers', { nodeSelector: WORKER, nodes: ['worker-0', 'worker-1'] });
    const bond0 = new BondedUplink(env, 'bond0', { nodeGroup: workers, interface: 'bond0', mode: 'active-backup', ports: ['ens1f0', 'ens1f1'] });
    bond0.addVlan(100, { ipv4: ['10.100.0.11/24'] });
    expect(() => app.synthYaml()).toThrow(/TOPOLOGY_HOST_ADDRESS_MULTI_NODE[\s\S]*vlans\[0\]\.ipv4|vlans\[0\]\.ipv4[\s\S]*TOPOLOGY_HOST_ADDRESS_MULTI_NODE/);
  });
});
