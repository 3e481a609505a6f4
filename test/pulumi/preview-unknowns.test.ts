/**
 * Issue 14 §1: during `pulumi preview`, a value that comes from a resource not created yet is
 * unknown. multihome reports it as unknown (an info message on the environment), never as a false
 * problem; everything known is still checked, and what does not need the value is registered.
 */
import * as pulumi from '@pulumi/pulumi';
import { installMocks, registered, settle } from './mocks';

// a preview in which every Namespace is new: the engine knows nothing of its outputs yet
installMocks('preview', true, (args) => (args.type === 'kubernetes:core/v1:Namespace' ? {} : args.inputs));

// Imported after the mocks are installed (Pulumi's rule for unit tests).
import * as k8s from '@pulumi/kubernetes';
import { MultihomedVM, NetworkEnvironment, NodeGroup, Uplink, VlanBridgeNetwork } from '../../lib/pulumi';

/** An environment whose VM and NAD live in a namespace created by the same program. */
function declare(name: string, vlan: number): { env: NetworkEnvironment; infos: string[] } {
  const ns = new k8s.core.v1.Namespace(`${name}-ns`, {});
  const env = new NetworkEnvironment(name, { name, prerequisites: { nmstate: true, networkAddons: { linuxBridge: true } } });
  const nodes = new NodeGroup(`${name}-nodes`, { name: 'nodes', nodeSelector: {} }, { parent: env });
  const eth1 = new Uplink(`${name}-eth1`, { name: 'eth1', nodeGroup: nodes, interface: 'eth1' });
  const net = new VlanBridgeNetwork(`${name}-net`, { name: 'net', uplink: eth1, pattern: 'vlan-bridge', vlan, namespaces: [ns.metadata.name, 'known'] });
  // attached to a network the VM's namespace may or may not reach: undecidable until the name is known
  const vm = new MultihomedVM(`${name}-vm`, { name: 'vm', namespace: ns.metadata.name, image: 'quay.io/containerdisks/fedora:40' }, { parent: env });
  net.attach(vm, { ipv4: ['10.0.0.1/24'] });
  return { env, infos: [] };
}

describe('pulumi preview with values not known yet', () => {
  let infos: string[];
  beforeEach(() => {
    infos = [];
    jest.spyOn(pulumi.log, 'info').mockImplementation(async (m: string) => void infos.push(m));
  });
  afterEach(() => jest.restoreAllMocks());

  it('GIVEN a namespace created by the program THEN no false problem, the unknowns reported as unknown, and everything not needing the name registered', async () => {
    const before = registered.length;
    const { env } = declare('unk', 100);
    await env.ready;
    await settle();
    const kinds = registered
      .slice(before)
      .filter((r) => r.type.startsWith('kubernetes:') && r.name.startsWith('unk-') && r.type !== 'kubernetes:core/v1:Namespace')
      .map((r) => r.name)
      .sort();
    expect(kinds).toEqual(['unk-networkaddonsconfig-cluster', 'unk-networkattachmentdefinition-known-net', 'unk-nmstate-nmstate', 'unk-nodenetworkconfigurationpolicy-net-nodes']);
    expect(infos).toHaveLength(1);
    expect(infos[0]).toMatch(/^multihome: 2 value\(s\) are not known until the update \(networks\[0\]\.namespaces\[0\], vms\[0\]\.namespace\); the checks that need them run then; 2 resource\(s\) whose names need them are registered then/);
  });

  it('GIVEN an unknown namespace and a problem in what is known THEN the known problem is still reported', async () => {
    const { env } = declare('known-bad', 5000);
    const err = (await env.ready.then(() => undefined, (e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(pulumi.ResourceError);
    expect(err.message).toMatch(/\[NMSTATE_VLAN_ID_RANGE\] known-bad-net NodeNetworkConfigurationPolicy\/net-nodes/);
    expect(err.message).not.toContain('multihome-input-');
  });
});
