/**
 * The OVN localnet props on the constructs (issue 13 §3): a mapping-only `VlanBridgeNetwork` on
 * `br-ex` names its `NodeGroup` instead of an uplink and synthesizes the same objects as the data
 * form; a problem on the new props names the construct.
 */
import { Testing } from 'cdk8s';
import { MultihomedVM, NetworkEnvironment, NodeGroup, Uplink, VlanBridgeNetwork } from '../../lib/cdk8s';
import { buildEnvironment } from '../../lib/core/topology/build';
import { Topology } from '../../lib/core/topology/model';

const quiet = { warn: () => undefined };

const data: Topology = {
  name: 'edge',
  platform: 'openshift',
  nodeGroups: [{ name: 'workers', nodeSelector: { 'node-role.kubernetes.io/worker': '' } }],
  uplinks: [],
  networks: [{ name: 'physnet-400', pattern: 'ovn-localnet', nodeGroup: 'workers', bridge: 'br-ex', existingBridge: true, physicalNetworkName: 'physnet400', vlan: 400, namespaces: ['team-a'] }],
  vms: [{ name: 'db-1', namespace: 'team-a', image: 'quay.io/containerdisks/fedora:43', attachments: [{ network: 'physnet-400', ipv4: ['10.40.0.21/24'] }] }],
  namespaces: { 'team-a': {} },
};

function constructs(): NetworkEnvironment {
  const env = new NetworkEnvironment(Testing.app(), 'edge', { platform: 'openshift', namespaces: { 'team-a': {} }, ...quiet });
  const workers = new NodeGroup(env, 'workers', { nodeSelector: { 'node-role.kubernetes.io/worker': '' } });
  const ln = new VlanBridgeNetwork(env, 'physnet-400', { pattern: 'ovn-localnet', nodeGroup: workers, bridge: 'br-ex', existingBridge: true, physicalNetworkName: 'physnet400', vlan: 400, namespaces: ['team-a'] });
  ln.attach(new MultihomedVM(env, 'db-1', { namespace: 'team-a', image: 'quay.io/containerdisks/fedora:43' }), { ipv4: ['10.40.0.21/24'] });
  return env;
}

describe('VlanBridgeNetwork: ovn-localnet mapping-only on br-ex', () => {
  it('GIVEN nodeGroup instead of uplink THEN the constructs synthesize what the data form builds', () => {
    expect(Testing.synth(constructs())).toEqual(JSON.parse(JSON.stringify(buildEnvironment(data).manifests.map((m) => m.manifest))));
  });

  it('GIVEN the data form in an environment THEN the same objects again', () => {
    const env = new NetworkEnvironment(Testing.app(), 'env', { environment: data, ...quiet });
    expect(Testing.synth(env)).toEqual(Testing.synth(constructs()));
  });

  it('GIVEN br-ex without existingBridge THEN the problem names the construct and its bridge prop', () => {
    const env = new NetworkEnvironment(Testing.app(), 'edge', { platform: 'openshift', namespaces: { 'team-a': {} }, ...quiet });
    const workers = new NodeGroup(env, 'workers', { nodeSelector: { 'node-role.kubernetes.io/worker': '' } });
    const ens3 = new Uplink(env, 'ens3', { nodeGroup: workers, interface: 'ens3' });
    new VlanBridgeNetwork(env, 'physnet-400', { pattern: 'ovn-localnet', uplink: ens3, bridge: 'br-ex', vlan: 400, namespaces: ['team-a'] });
    const problems = env.problems().filter((p) => p.severity === 'error');
    expect(problems.map((p) => `${p.code} ${p.path}`)).toEqual(['TOPOLOGY_OVN_BRIDGE_RESERVED bridge']);
    expect(problems[0].resource).toEqual({ kind: 'VlanBridgeNetwork', name: 'physnet-400', constructPath: 'edge/physnet-400' });
  });
});
