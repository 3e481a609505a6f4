/**
 * Issue 14 §1: values that come from other resources are `pulumi.Input`s — a namespace's name, a
 * nodeSelector value, an image, a whole VM — validated when they settle, and registered exactly as
 * the same literal values would be.
 */
import * as pulumi from '@pulumi/pulumi';
import { installMocks, registered, settle, valueOf } from './mocks';

installMocks('inputs');

// Imported after the mocks are installed (Pulumi's rule for unit tests).
import * as k8s from '@pulumi/kubernetes';
import { MultihomedVM, NetworkEnvironment, NodeGroup, Uplink, VlanBridgeNetwork } from '../../lib/pulumi';

const VM = {
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { labels: { app: 'web' } },
  spec: {
    runStrategy: 'Always',
    template: {
      spec: {
        domain: { devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }] }, resources: { requests: { memory: '2Gi' } } },
        volumes: [{ name: 'root', containerDisk: { image: 'quay.io/containerdisks/fedora:40' } }],
      },
    },
  },
};

interface Values {
  namespace: pulumi.Input<string>;
  role: pulumi.Input<string>;
  image: pulumi.Input<string>;
  vm: pulumi.Input<any>;
  team: pulumi.Input<string>;
}

/** One environment whose values are given as `v` (literals or Inputs). */
function declare(name: string, v: Values): NetworkEnvironment {
  const env = new NetworkEnvironment(name, { name: 'inputs' });
  const nodes = new NodeGroup(`${name}-nodes`, { name: 'nodes', nodeSelector: { 'node-role.kubernetes.io/worker': v.role } }, { parent: env });
  const eth1 = new Uplink(`${name}-eth1`, { name: 'eth1', nodeGroup: nodes, interface: 'eth1' });
  const net = new VlanBridgeNetwork(`${name}-vlan100`, { name: 'vlan100', uplink: eth1, pattern: 'vlan-bridge', vlan: 100, namespaces: [v.namespace] });
  net.exposeTo(v.team);
  const a = new MultihomedVM(`${name}-a`, { name: 'a', namespace: v.namespace, image: v.image }, { parent: env });
  net.attach(a, { ipv4: ['10.0.0.1/24'] });
  const b = new MultihomedVM(`${name}-b`, { name: 'b', namespace: v.namespace, virtualMachine: v.vm }, { parent: env });
  net.attach(b, { ipv4: ['10.0.0.2/24'] });
  return env;
}

/** The Kubernetes resources of `prefix`, by name without the prefix. */
function kube(from: number, prefix: string): Map<string, any> {
  return new Map(registered.slice(from).filter((r) => r.type.startsWith('kubernetes:') && r.name.startsWith(`${prefix}-`)).map((r) => [r.name.slice(prefix.length + 1), r.inputs]));
}

describe('Inputs in the parts', () => {
  it('GIVEN a namespace from a k8s Namespace, a nodeSelector value, an image from a promise and a VM from an Output THEN the same resources as the literal values', async () => {
    const before = registered.length;
    const ns = new k8s.core.v1.Namespace('apps', { metadata: { name: 'apps' } });
    const team = new k8s.core.v1.Namespace('team', { metadata: { name: 'team-b' } });
    const fromInputs = declare('in', {
      namespace: ns.metadata.name,
      role: pulumi.output(''),
      image: Promise.resolve('quay.io/containerdisks/fedora:40'),
      vm: pulumi.output(VM),
      team: team.metadata.name,
    });
    const fromLiterals = declare('lit', { namespace: 'apps', role: '', image: 'quay.io/containerdisks/fedora:40', vm: VM, team: 'team-b' });
    await Promise.all([fromInputs.ready, fromLiterals.ready]);
    await settle();
    const got = kube(before, 'in');
    const want = kube(before, 'lit');
    expect([...got.keys()].sort()).toEqual([
      'networkattachmentdefinition-apps-vlan100',
      'networkattachmentdefinition-team-b-vlan100',
      'nodenetworkconfigurationpolicy-vlan100-nodes',
      'virtualmachine-apps-a',
      'virtualmachine-apps-b',
    ]);
    expect([...want.keys()].sort()).toEqual([...got.keys()].sort());
    for (const [k, v] of want) expect(got.get(k)).toEqual(v);
    // the VM brought as an Output kept its own fields
    expect(got.get('virtualmachine-apps-b').spec.template.spec.domain.resources.requests.memory).toBe('2Gi');
    expect(got.get('virtualmachine-apps-b').metadata.labels.app).toBe('web');
    expect(await valueOf(fromInputs.nadNames)).toEqual(['apps/vlan100', 'team-b/vlan100']);
  });

  it('GIVEN Inputs whose settled values conflict THEN one ResourceError with the problem, and nothing Kubernetes registered', async () => {
    const before = registered.length;
    const env = new NetworkEnvironment('clash', { name: 'clash' });
    const nodes = new NodeGroup('clash-nodes', { nodeSelector: {} }, { parent: env });
    const eth1 = new Uplink('clash-eth1', { nodeGroup: nodes, interface: 'eth1' });
    const net = new VlanBridgeNetwork('clash-net', { uplink: eth1, pattern: 'vlan-bridge', vlan: 100, namespaces: [pulumi.output('apps')] });
    // the VM lands in a namespace the network does not reach: known only once the Output settles
    const vm = new MultihomedVM('clash-vm', { namespace: pulumi.output('other'), image: 'quay.io/containerdisks/fedora:40' }, { parent: env });
    net.attach(vm);
    const err = (await env.ready.then(() => undefined, (e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(pulumi.ResourceError);
    expect(err.message).toMatch(/\[TOPOLOGY_NAD_NOT_FOUND\] clash-vm VirtualMachine\/other\/clash-vm spec\.template\.spec\.networks\[1\]\.multus\.networkName/);
    await settle();
    expect(registered.slice(before).filter((r) => r.type.startsWith('kubernetes:'))).toEqual([]);
  });

  it('GIVEN an Input with a bad value THEN its problem is reported at the prop the Input was given for', async () => {
    const env = new NetworkEnvironment('badns', { name: 'badns' });
    const nodes = new NodeGroup('badns-nodes', { nodeSelector: {} }, { parent: env });
    const eth1 = new Uplink('badns-eth1', { nodeGroup: nodes, interface: 'eth1' });
    new VlanBridgeNetwork('badns-net', { uplink: eth1, pattern: 'vlan-bridge', vlan: 100, namespaces: [Promise.resolve('Not_A_Namespace')] });
    const err = (await env.ready.then(() => undefined, (e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(pulumi.ResourceError);
    expect(err.message).toMatch(/\[[A-Z_]+\] badns-net VlanBridgeNetwork\S* namespaces\[0\]/);
  });
});
