/**
 * Props TypeScript never checked (JavaScript callers, `as any`, values from JSON): every mistake
 * is a problem at synth with its construct and prop, never a TypeError inside multihome.
 */
import { Testing } from 'cdk8s';
import { BondedUplink, HostNetworkPolicy, MultihomedVM, NetworkEnvironment, NodeGroup, Uplink, VlanBridgeNetwork } from '../../lib/cdk8s';

function environment() {
  const env = new NetworkEnvironment(Testing.app(), 'm', { warn: () => undefined, namespaces: { 'team-a': {} } });
  const workers = new NodeGroup(env, 'workers', { nodeSelector: { 'node-role.kubernetes.io/worker': '' } });
  const bond0 = new BondedUplink(env, 'bond0', { nodeGroup: workers, interface: 'bond0', mode: '802.3ad', ports: ['ens1f0', 'ens1f1'] });
  const vlan200 = new VlanBridgeNetwork(env, 'vlan200', { uplink: bond0, pattern: 'vlan-bridge', vlan: 200, bridge: 'br200', namespaces: ['team-a'] });
  return { env, workers, bond0, vlan200 };
}

const untyped = <T>(v: unknown): T => v as T;
const codesOf = (env: NetworkEnvironment) => env.problems().filter((p) => p.severity === 'error').map((p) => `${p.code} ${p.resource.constructPath} ${p.path}`);

describe('untyped construct props are problems, not exceptions', () => {
  it('GIVEN a node group named by a misspelled string (mistakes.ts host-policy-nodegroup-typo) THEN TOPOLOGY_UNKNOWN_REFERENCE at the prop', () => {
    const { env } = environment();
    new HostNetworkPolicy(env, 'mgmt', untyped({ nodeGroup: 'wrokers', interfaces: [{ name: 'bond0.100', type: 'vlan', state: 'up', vlan: { 'base-iface': 'bond0', id: 100 } }] }));
    expect(codesOf(env)).toContain('TOPOLOGY_UNKNOWN_REFERENCE m/mgmt nodeGroup');
  });

  it('GIVEN a reference given as the right name string THEN it is accepted like the construct', () => {
    const { env } = environment();
    new Uplink(env, 'eth2', untyped({ nodeGroup: 'workers', interface: 'eth2' }));
    expect(codesOf(env)).toEqual([]);
  });

  it('GIVEN missing props, a missing required reference and wrongly typed lists THEN TOPOLOGY_SHAPE for each, all at once, nothing rendered', () => {
    const { env, vlan200 } = environment();
    new Uplink(env, 'noprops', untyped(undefined));
    new BondedUplink(env, 'bond1', untyped({ nodeGroup: {}, interface: 'bond1', mode: '802.3ad', ports: 'ens2f0' }));
    const vm = new MultihomedVM(env, 'web-1', untyped({ namespace: 'team-a', attachments: { network: vlan200 } }));
    expect(vm.vmName).toBe('web-1');
    const codes = codesOf(env);
    expect(codes).toEqual(
      expect.arrayContaining([
        'TOPOLOGY_SHAPE m/noprops nodeGroup',
        'TOPOLOGY_SHAPE m/bond1 nodeGroup',
        'TOPOLOGY_SHAPE m/bond1 ports',
        'TOPOLOGY_SHAPE m/web-1 attachments',
      ]),
    );
    expect(codes.every((c) => c.startsWith('TOPOLOGY_SHAPE'))).toBe(true);
    expect(env.render()).toEqual([]);
  });

  it('GIVEN an attachment whose address list is a string THEN TOPOLOGY_SHAPE at attachments[0].ipv4, not a TypeError in cloud-init', () => {
    const { env, vlan200 } = environment();
    const vm = new MultihomedVM(env, 'web-1', { namespace: 'team-a' });
    vlan200.attach(vm, untyped({ ipv4: '10.20.0.5/24' }));
    expect(codesOf(env)).toEqual(['TOPOLOGY_SHAPE m/web-1 attachments[0].ipv4']);
  });
});

describe('exposeTo a namespace the network already reaches', () => {
  it('GIVEN vlan200.exposeTo(team-a) twice (mistakes.ts expose-twice) THEN one NAD in team-a, no problem', () => {
    const { env, vlan200 } = environment();
    vlan200.exposeTo('team-a');
    expect(env.render().filter((r) => r.manifest.kind === 'NetworkAttachmentDefinition').map((r) => r.key)).toEqual(['NetworkAttachmentDefinition/team-a/vlan200']);
    // the one problem left is the bridge-marker warning of this bare vanilla environment (no CNAO, no agent)
    expect(env.problems().map((p) => p.code)).toEqual(['TOPOLOGY_BRIDGE_MARKER_MISSING']);
  });
});
