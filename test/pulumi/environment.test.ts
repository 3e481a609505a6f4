import * as pulumi from '@pulumi/pulumi';
import { installMocks, registered, settle, valueOf } from './mocks';

installMocks('lab');

// Imported after the mocks are installed (Pulumi's rule for unit tests).
import { estate } from '../../apps/environments/estate';
import { lab } from '../../apps/environments/lab';
import { prod } from '../../apps/environments/prod';
import { NetworkEnvironment, TYPE_TOKENS } from '../../lib/pulumi';
import { renderTopology } from '../../lib/core/topology/render';
import { buildEnvironment } from '../../lib/core/topology/build';
import { unsecret, withoutReadiness } from './support/registered-manifests';

/**
 * Records `dependsOn` of every resource by name. A transformation given to the component applies
 * to all its descendants (mocks carry no dependencies, and unit tests have no root stack for a
 * stack transformation).
 */
const names = new Map<pulumi.Resource, string>();
const dependsOn = new Map<string, string[]>();
const recordDependsOn: pulumi.ResourceTransformation = (args) => {
  names.set(args.resource, args.name);
  const deps = (args.opts.dependsOn ?? []) as pulumi.Resource[];
  dependsOn.set(args.name, (Array.isArray(deps) ? deps : [deps]).map((d) => names.get(d) ?? '?'));
  return undefined;
};

describe('Pulumi NetworkEnvironment', () => {
  /** lab with vma's userData above the 2048-byte inline limit: its cloud-init Secret is registered too. */
  const labWithSecret = { ...lab, name: 'lab-secret', vms: lab.vms.map((vm) => (vm.name === 'vma' ? { ...vm, userData: '#cloud-config\n' + '# padding\n'.repeat(300) } : vm)) };

  it.each([
    ['lab', lab],
    ['prod', prod],
    ['estate', estate],
    ['lab with a cloud-init Secret', labWithSecret],
  ])('registers exactly the manifests cdk8s synthesizes for %s (adapter annotations aside)', async (_n, environment) => {
    const before = registered.length;
    new NetworkEnvironment(`parity-${environment.name}`, { environment });
    await settle();
    const got = registered.slice(before).filter((r) => r.type.startsWith('kubernetes:')).map((r) => {
      const { apiVersion, kind, metadata, ...rest } = unsecret(r.inputs);
      return withoutReadiness({ apiVersion, kind, metadata, ...rest });
    });
    // what cdk8s writes: the build's manifests, target annotations (render/targets.ts) included
    const want = buildEnvironment(environment).manifests.map((m) => withoutReadiness(m.manifest));
    const key = (m: any) => `${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`;
    expect(got.map(key).sort()).toEqual(want.map(key).sort());
    for (const w of want) expect(got.find((g) => key(g) === key(w))).toEqual(JSON.parse(JSON.stringify(w)));
  });

  it('orders NNCP → NAD → VM with dependsOn and waits on every NNCP', async () => {
    new NetworkEnvironment('order', { environment: lab }, { transformations: [recordDependsOn] });
    await settle();
    const nncp = registered.find((r) => r.name === 'order-nodenetworkconfigurationpolicy-br0-eth1')!;
    expect(nncp.inputs.metadata.annotations['pulumi.com/waitFor']).toBe('condition=Available');
    expect(dependsOn.get('order-networkattachmentdefinition-default-br0-100-l2')).toContain('order-nodenetworkconfigurationpolicy-br0-eth1');
    expect(dependsOn.get('order-virtualmachine-default-vma')).toContain('order-networkattachmentdefinition-default-br0-100-l2');
    expect(dependsOn.get('order-nodenetworkconfigurationpolicy-br0-eth1')).toContain('order-nmstate-nmstate');
  });
});

describe('Pulumi NetworkEnvironment with the node agent', () => {
  it('registers the environment agent as one NetworkAgent child with typed Kubernetes kinds, apart from the policies', async () => {
    const before = registered.length;
    new NetworkEnvironment('typed', { environment: lab }, { transformations: [recordDependsOn] });
    await settle();
    const mine = registered.slice(before);
    expect(mine.filter((r) => r.type === TYPE_TOKENS.NetworkAgent).map((r) => r.name)).toEqual(['typed-agent']);
    const agentObjects = mine.filter((r) => r.inputs?.metadata?.labels?.['app.kubernetes.io/part-of'] === 'multihome');
    expect(agentObjects.map((r) => r.type).sort()).toEqual([
      'kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy',
      'kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding',
      'kubernetes:apps/v1:DaemonSet',
      'kubernetes:core/v1:ConfigMap',
      'kubernetes:core/v1:Namespace',
      'kubernetes:core/v1:ServiceAccount',
      'kubernetes:rbac.authorization.k8s.io/v1:ClusterRole',
      'kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding',
    ]);
    expect(agentObjects.map((r) => r.name)).toContain('typed-daemonset-multihome-system-multihome-agent-nodes');
    expect(dependsOn.get('typed-nodenetworkconfigurationpolicy-br0-eth1')).not.toContain('typed-daemonset-multihome-system-multihome-agent-nodes');
    expect(dependsOn.get('typed-daemonset-multihome-system-multihome-agent-nodes')).toEqual([
      'typed-namespace-multihome-system',
      'typed-configmap-multihome-system-multihome-agent-nodes',
      'typed-serviceaccount-multihome-system-multihome-agent',
      'typed-clusterrolebinding-multihome-agent',
    ]);
  });

  it('registers no agent for an environment without one', async () => {
    const before = registered.length;
    new NetworkEnvironment('no-agent', { environment: { ...lab, agent: undefined } });
    await settle();
    expect(registered.slice(before).filter((r) => r.type === TYPE_TOKENS.NetworkAgent || r.name.includes('multihome-agent'))).toEqual([]);
  });
});

describe('Pulumi NetworkEnvironment switches and errors', () => {
  it('skips waiting when waitForPolicies is off', async () => {
    new NetworkEnvironment('nowait', { environment: lab, waitForPolicies: false });
    await settle();
    const nncp = registered.find((r) => r.name === 'nowait-nodenetworkconfigurationpolicy-br0-eth1')!;
    expect(nncp.inputs.metadata.annotations['pulumi.com/waitFor']).toBeUndefined();
    expect(nncp.inputs.metadata.annotations['pulumi.com/skipAwait']).toBe('true');
  });

  it('raises one ResourceError listing every problem before registering any child', async () => {
    const before = registered.length;
    const broken = { ...lab, networks: [{ ...lab.networks[0], vlan: 5000, bridge: 'a-bridge-name-too-long' }] };
    const env = new NetworkEnvironment('broken', { environment: broken });
    const err = await env.ready.then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(pulumi.ResourceError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/vlan/);
    expect(msg).toMatch(/a-bridge-name-too-long/);
    await settle();
    expect(registered.slice(before).filter((r) => r.type.startsWith('kubernetes:'))).toEqual([]);
  });

  it.each([
    ['a non-CIDR VM address (B2)', { ...lab, vms: [{ ...lab.vms[0], attachments: [{ ...lab.vms[0].attachments[0], ipv4: ['10.200.0.300/24'] }] }] }, 'TOPOLOGY_ADDRESS_INVALID'],
    ['args TypeScript never saw: a string where the VM list belongs', { ...lab, vms: 'vma' as never }, 'TOPOLOGY_SHAPE'],
    ['a misspelled key in the data form', { ...lab, networks: [{ ...lab.networks[0], vlna: 100 } as never] }, 'TOPOLOGY_SHAPE'],
  ])('GIVEN %s THEN a ResourceError naming the code, never a TypeError or a MultihomeError', async (_what, environment, code) => {
    const err = await new NetworkEnvironment('bad-args', { environment }).ready.then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(pulumi.ResourceError);
    expect((err as Error).message).toContain(`[${code}]`);
  });

  it('exposes MACs and addresses per VM', async () => {
    const env = new NetworkEnvironment('outputs', { environment: lab });
    const vms = await valueOf(env.vms);
    expect(vms['default/vma'].addresses['br0-100']).toEqual(['10.200.0.1/24']);
    // the golden MAC of vma (test/fixtures/golden/lab.k8s.yaml): the allocator must not change it
    expect(vms['default/vma'].macs['br0-100']).toBe('02:b1:9c:1c:55:68');
    expect(await valueOf(env.policyNames)).toEqual(['br0-eth1']);
    expect(await valueOf(env.nadNames)).toEqual(['default/br0-100-l2']);
  });
});

describe('test support', () => {
  it('settle() returns only once every registration reached the mocks (no fixed sleep)', async () => {
    const before = registered.length;
    new NetworkEnvironment('drain', { environment: prod });
    await settle();
    // the environment, one component per spec with manifests, and every manifest of prod
    const manifests = renderTopology(prod).length;
    // (other tests' registrations may still land in this window: count this environment's only)
    const mine = registered.slice(before).filter((r) => r.name.startsWith('drain'));
    expect(mine.filter((r) => r.type.startsWith('kubernetes:'))).toHaveLength(manifests);
    expect(mine.filter((r) => r.type === TYPE_TOKENS.NetworkEnvironment)).toHaveLength(1);
  });
});
