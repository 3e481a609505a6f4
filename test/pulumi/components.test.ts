/**
 * Issue 14 §1: the Pulumi components have the cdk8s constructs' names and props, reference each
 * other by typed handles, take `pulumi.Input`s, and register the same manifests as the data form
 * and cdk8s, with Pulumi's habits (parent, providers, transformations, outputs).
 */
import * as pulumi from '@pulumi/pulumi';
import { installMocks, registered, settle, valueOf } from './mocks';

installMocks('components');

// Imported after the mocks are installed (Pulumi's rule for unit tests).
import * as k8s from '@pulumi/kubernetes';
import { estate } from '../../apps/environments/estate';
import { lab } from '../../apps/environments/lab';
import { prod } from '../../apps/environments/prod';
import { buildEnvironment } from '../../lib/core/topology/build';
import { Topology } from '../../lib/core/topology/model';
import { MultihomedVM, NetworkEnvironment, NodeGroup, TYPE_TOKENS, Uplink, VlanBridgeNetwork } from '../../lib/pulumi';
import { environmentAsComponents } from './support/as-components';
import { unsecret, withoutReadiness } from './support/registered-manifests';

/** The Kubernetes resources registered since `from` whose names start with `prefix-`, by name without the prefix. */
function kube(from: number, prefix: string): Map<string, { type: string; inputs: any }> {
  return new Map(
    registered
      .slice(from)
      .filter((r) => r.type.startsWith('kubernetes:') && r.name.startsWith(`${prefix}-`))
      .map((r) => [r.name.slice(prefix.length + 1), { type: r.type, inputs: unsecret(r.inputs) }]),
  );
}

/** Records parent, provider, options and dependsOn of every resource (mocks carry none of them). */
const names = new Map<pulumi.Resource, string>();
const seen = new Map<string, { parent?: string; opts: pulumi.CustomResourceOptions; dependsOn: string[] }>();
const record: pulumi.ResourceTransformation = (args) => {
  names.set(args.resource, args.name);
  const deps = (args.opts.dependsOn ?? []) as pulumi.Resource[];
  seen.set(args.name, {
    parent: args.opts.parent ? names.get(args.opts.parent) ?? '?' : undefined,
    opts: args.opts,
    dependsOn: (Array.isArray(deps) ? deps : [deps]).map((d) => names.get(d) ?? '?'),
  });
  return undefined;
};

describe('the same environment as components and as data', () => {
  it.each<[string, Topology]>([
    ['lab', lab],
    ['prod', prod],
    ['estate', estate],
  ])('GIVEN %s written with the components THEN exactly the resources (names, types, inputs) of the data form, and the manifests cdk8s synthesizes', async (name, t) => {
    const before = registered.length;
    const data = new NetworkEnvironment(`data-${name}`, { environment: t });
    const parts = environmentAsComponents(`parts-${name}`, t);
    await Promise.all([data.ready, parts.ready]);
    await settle();
    const fromData = kube(before, `data-${name}`);
    const fromParts = kube(before, `parts-${name}`);
    expect(fromData.size).toBeGreaterThan(5);
    expect([...fromParts.keys()].sort()).toEqual([...fromData.keys()].sort());
    for (const [k, v] of fromData) expect(fromParts.get(k)).toEqual(v);
    // what cdk8s writes for the same environment (its build), readiness annotations aside
    const cdk8s = buildEnvironment(t).manifests.map((m) => JSON.parse(JSON.stringify(withoutReadiness(m.manifest))));
    const registeredManifests = [...fromParts.values()].map((r) => withoutReadiness(r.inputs));
    const key = (m: any) => `${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`;
    expect(registeredManifests.map(key).sort()).toEqual(cdk8s.map(key).sort());
    for (const m of cdk8s) expect(registeredManifests.find((r) => key(r) === key(m))).toEqual(m);
  });
});

describe('components', () => {
  it('GIVEN parts without a parent THEN they find the environment through the parts they reference, and their resources are their children', async () => {
    const env = new NetworkEnvironment('refs', { prerequisites: { nmstate: true } }, { transformations: [record] });
    const nodes = new NodeGroup('refs-nodes', { nodeSelector: { 'node-role.kubernetes.io/worker': '' } }, { parent: env });
    const eth1 = new Uplink('refs-eth1', { nodeGroup: nodes, interface: 'eth1' });
    const net = new VlanBridgeNetwork('refs-vlan100', { uplink: eth1, pattern: 'vlan-bridge', vlan: 100, namespaces: ['apps'] });
    const vm = new MultihomedVM('refs-web', { namespace: 'apps', image: 'quay.io/containerdisks/fedora:40', attachments: [{ network: net, ipv4: ['10.0.0.5/24'] }] });
    await env.ready;
    await settle();
    expect(seen.get('refs-eth1')!.parent).toBe('refs');
    expect(seen.get('refs-web')!.parent).toBe('refs');
    const [policy] = await valueOf(net.policyNames);
    expect(seen.get(`refs-nodenetworkconfigurationpolicy-${policy}`)?.parent).toBe('refs-vlan100');
    expect(policy).toBe('refs-vlan100-refs-nodes');
    expect(seen.get('refs-networkattachmentdefinition-apps-refs-vlan100')?.parent).toBe('refs-vlan100');
    expect(seen.get('refs-virtualmachine-apps-refs-web')?.parent).toBe('refs-web');
    expect(seen.get('refs-virtualmachine-apps-refs-web')!.dependsOn).toContain('refs-networkattachmentdefinition-apps-refs-vlan100');
    expect(await valueOf(net.nadNames)).toEqual(['apps/refs-vlan100']);
    expect(await valueOf(eth1.policyNames)).toEqual([]);
    expect(await valueOf(vm.addresses)).toEqual({ 'refs-vlan100': ['10.0.0.5/24'] });
    expect(Object.keys(await valueOf(vm.macs))).toEqual(['refs-vlan100']);
    expect(await valueOf(vm.namespace)).toBe('apps');
  });

  it('GIVEN a part outside any environment THEN a ResourceError naming the fix', () => {
    expect(() => new NodeGroup('orphan', { nodeSelector: {} })).toThrow(/not in a NetworkEnvironment: create it with \{ parent: env \}/);
  });

  it('GIVEN a part declared after the environment rendered THEN a ResourceError, and the rendered environment stays as it was', async () => {
    const env = new NetworkEnvironment('late', {});
    await env.ready;
    expect(() => new NodeGroup('late-nodes', { nodeSelector: {} }, { parent: env })).toThrow(pulumi.ResourceError);
    expect(() => new NodeGroup('late-nodes-2', { nodeSelector: {} }, { parent: env })).toThrow(/rendered already/);
  });

  it('GIVEN mistakes in parts THEN one ResourceError lists every problem in component terms (name, prop, the call that fixes it) and nothing Kubernetes is registered', async () => {
    const before = registered.length;
    const env = new NetworkEnvironment('broken-parts', {});
    const nodes = new NodeGroup('bp-nodes', { nodeSelector: {} }, { parent: env });
    const eth1 = new Uplink('bp-eth1', { nodeGroup: nodes, interface: 'eth1' });
    const net = new VlanBridgeNetwork('bp-vlan', { uplink: eth1, pattern: 'vlan-bridge', vlan: 5000, namespaces: ['apps'] });
    const vm = new MultihomedVM('bp-web', { namespace: 'apps', image: 'quay.io/containerdisks/fedora:40' }, { parent: env });
    net.attach(vm, { ipv4: ['10.0.0.300/24'] });
    vm.unplug('nic9');
    const err = (await env.ready.then(() => undefined, (e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(pulumi.ResourceError);
    expect(err.message).toMatch(/\[NMSTATE_VLAN_ID_RANGE\] bp-vlan NodeNetworkConfigurationPolicy\/\S+ spec\.desiredState\.interfaces\[\d\]\.vlan\.id:/);
    expect(err.message).toMatch(/\[TOPOLOGY_ADDRESS_INVALID\] bp-web MultihomedVM\/apps\/bp-web attachments\[0\]\.ipv4\[0\]:/);
    expect(err.message).toContain('in code: bp-vlan.attach(bp-web, { ipv4: ... })');
    expect(err.message).toMatch(/\[TOPOLOGY_UNPLUG_UNKNOWN\] bp-web /);
    await settle();
    expect(registered.slice(before).filter((r) => r.type.startsWith('kubernetes:'))).toEqual([]);
  });

  it('issue 19: registers the estate\'s localnet ClusterUserDefinedNetwork (its target: openshift-4.20) to be replaced when its immutable network spec changes', async () => {
    const env = new NetworkEnvironment('cudn', { environment: estate }, { transformations: [record] });
    await env.ready;
    await settle();
    const cudn = seen.get('cudn-clusteruserdefinednetwork-ext-400')!.opts;
    // OVN-Kubernetes CEL: "Localnet is immutable", "Topology is immutable" (cudn.go)
    expect(cudn.replaceOnChanges).toEqual(expect.arrayContaining(['spec.network.topology', 'spec.network.localnet']));
    expect(cudn.deleteBeforeReplace).toBe(true);
  });

  it('issue 19: the target prop renders the same bytes in Pulumi as the environment\'s target in the build', async () => {
    const before = registered.length;
    const env = new NetworkEnvironment('older', { environment: lab, target: 'kubevirt-1.2-upstream' });
    await env.ready;
    await settle();
    const got = registered.slice(before).filter((r) => r.type === 'kubernetes:nmstate.io/v1:NodeNetworkConfigurationPolicy' || r.type === 'kubernetes:kubevirt.io/v1:VirtualMachine');
    const want = buildEnvironment({ ...lab, target: 'kubevirt-1.2-upstream' }).manifests.map((m) => m.manifest).filter((m) => m.kind === 'NodeNetworkConfigurationPolicy' || m.kind === 'VirtualMachine');
    expect(got.length).toBe(want.length);
    expect(want.every((m) => m.metadata.annotations?.['multihome.io/target'] === 'kubevirt-1.2-upstream')).toBe(true);
    for (const w of want) expect(got.some((g) => (g.inputs as any).metadata.name === w.metadata.name && (g.inputs as any).metadata.annotations['multihome.io/target'] === 'kubevirt-1.2-upstream')).toBe(true);
  });

  it('registers NNCPs with replaceOnChanges on spec.capture, every object deleteBeforeReplace, the cluster singletons retainOnDelete', async () => {
    const env = new NetworkEnvironment('opts', { environment: lab }, { transformations: [record] });
    await env.ready;
    await settle();
    const nncp = seen.get('opts-nodenetworkconfigurationpolicy-br0-eth1')!.opts;
    expect(nncp.replaceOnChanges).toEqual(['spec.capture']);
    expect(nncp.deleteBeforeReplace).toBe(true);
    expect(seen.get('opts-virtualmachine-default-vma')!.opts.deleteBeforeReplace).toBe(true);
    expect(seen.get('opts-virtualmachine-default-vma')!.opts.replaceOnChanges).toBeUndefined();
    expect(seen.get('opts-nmstate-nmstate')!.opts.retainOnDelete).toBe(true);
    expect(seen.get('opts-networkaddonsconfig-cluster')!.opts.retainOnDelete).toBe(true);
    expect(seen.get('opts-virtualmachine-default-vma')!.opts.retainOnDelete).toBeUndefined();
  });

  it('GIVEN a Kubernetes provider in the environment\'s providers option THEN every Kubernetes resource of its parts uses it', async () => {
    const provider = new k8s.Provider('other-cluster', {});
    const env = new NetworkEnvironment('prov', {}, { providers: { kubernetes: provider }, transformations: [record] });
    const nodes = new NodeGroup('prov-nodes', { nodeSelector: {} }, { parent: env });
    const eth1 = new Uplink('prov-eth1', { nodeGroup: nodes, interface: 'eth1' });
    new VlanBridgeNetwork('prov-vlan', { uplink: eth1, pattern: 'vlan-bridge', vlan: 7, namespaces: ['apps'] });
    await env.ready;
    await settle();
    const kubeUrns = registered.filter((r) => r.type.startsWith('kubernetes:') && r.name.startsWith('prov-'));
    expect(kubeUrns.length).toBe(2);
    // the provider a resource uses is its own option, or the one it inherits through its parent chain
    const resources = [...names.entries()].filter(([, n]) => n.startsWith('prov-nodenetworkconfigurationpolicy-') || n === 'prov-networkattachmentdefinition-apps-prov-vlan');
    expect(resources).toHaveLength(2);
    for (const [r] of resources) expect((r as any).getProvider('kubernetes::')).toBe(provider);
  });

  it('exposes the type tokens of the parts', async () => {
    const before = registered.length;
    const env = environmentAsComponents('tokens', lab);
    await env.ready;
    await settle();
    const types = new Set(registered.slice(before).map((r) => r.type));
    for (const t of [TYPE_TOKENS.NetworkEnvironment, TYPE_TOKENS.NodeGroup, TYPE_TOKENS.Uplink, TYPE_TOKENS.VlanBridgeNetwork, TYPE_TOKENS.MultihomedVM, TYPE_TOKENS.ClusterNetworkPrerequisites, TYPE_TOKENS.NetworkAgent]) {
      expect(types).toContain(t);
    }
  });
});
