import * as pulumi from '@pulumi/pulumi';
import { installMocks, registered, settle, valueOf } from './mocks';

installMocks('lab');

// Imported after the mocks are installed (Pulumi's rule for unit tests).
import * as k8s from '@pulumi/kubernetes';
import { Testing } from 'cdk8s';
import { lab } from '../../apps/environments/lab';
import { prod } from '../../apps/environments/prod';
import * as cdk8s from '../../lib/cdk8s';
import { AgentDeploymentOptions, renderAgentDeployment } from '../../lib/core/topology/agent-deployment';
import { NetworkAgent, TYPE_TOKENS } from '../../lib/pulumi';

/** Parent, provider and dependsOn of every resource, recorded by a transformation on the component (mocks carry none of them). */
const seen = new Map<pulumi.Resource, string>();
const recorded = new Map<string, { parent?: string; provider?: pulumi.ProviderResource; dependsOn: string[] }>();
const record: pulumi.ResourceTransformation = (args) => {
  seen.set(args.resource, args.name);
  const deps = (args.opts.dependsOn ?? []) as pulumi.Resource[];
  recorded.set(args.name, {
    parent: args.opts.parent ? seen.get(args.opts.parent) ?? '?' : undefined,
    provider: args.opts.provider,
    dependsOn: (Array.isArray(deps) ? deps : [deps]).map((d) => seen.get(d) ?? '?'),
  });
  return undefined;
};

const key = (m: any) => `${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`;
/** Sorted by kind/namespace/name: registration order under mocks follows dependsOn resolution, not the render order. */
const byKey = (ms: any[]) => [...ms].sort((a, b) => (key(a) < key(b) ? -1 : 1));

/** Registered Kubernetes objects of one component, as manifests, sorted by key. */
async function kubeObjects(prefix: string): Promise<any[]> {
  await settle();
  return byKey(
    registered
      .filter((r) => r.type.startsWith('kubernetes:') && r.name.startsWith(`${prefix}-`))
      .map((r) => {
        const { apiVersion, kind, metadata, ...rest } = r.inputs;
        return { apiVersion, kind, metadata, ...rest, __type: r.type };
      }),
  );
}
const withoutType = (ms: any[]) => ms.map(({ __type, ...m }) => m);

describe('Pulumi NetworkAgent', () => {
  it.each<[string, typeof lab, Omit<AgentDeploymentOptions, 'nodeGroups'>]>([
    ['lab', lab, {}],
    ['prod', prod, { mode: 'apply', nodeGroupModes: { all: 'observe', workers: 'observe', c7000: 'observe' }, markBridges: false }],
  ])('registers exactly the core render of %s as typed resources', async (name, environment, options) => {
    const agent = new NetworkAgent(`parity-${name}`, { environment, ...options });
    const want = JSON.parse(JSON.stringify(renderAgentDeployment(environment, options)));
    expect(JSON.parse(JSON.stringify(await valueOf(agent.manifests)))).toEqual(want);
    const got = await kubeObjects(`parity-${name}`);
    expect(withoutType(got)).toEqual(byKey(want));
    const typed: Record<string, string> = {
      Namespace: 'kubernetes:core/v1:Namespace',
      ServiceAccount: 'kubernetes:core/v1:ServiceAccount',
      ClusterRole: 'kubernetes:rbac.authorization.k8s.io/v1:ClusterRole',
      ClusterRoleBinding: 'kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding',
      ValidatingAdmissionPolicy: 'kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy',
      ValidatingAdmissionPolicyBinding: 'kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding',
      ConfigMap: 'kubernetes:core/v1:ConfigMap',
      DaemonSet: 'kubernetes:apps/v1:DaemonSet',
      // prod is OpenShift: its SCC (no typed resource: a CustomResource) and the Role + RoleBinding granting it
      SecurityContextConstraints: 'kubernetes:security.openshift.io/v1:SecurityContextConstraints',
      Role: 'kubernetes:rbac.authorization.k8s.io/v1:Role',
      RoleBinding: 'kubernetes:rbac.authorization.k8s.io/v1:RoleBinding',
    };
    expect(got.map((m) => m.__type)).toEqual(got.map((m) => typed[m.kind]));
  });

  it('registers exactly what the cdk8s NetworkAgent synthesizes', async () => {
    const env = new cdk8s.NetworkEnvironment(Testing.app(), 'env', { environment: { ...prod, agent: undefined }, warn: () => undefined });
    new cdk8s.NetworkAgent(env, 'agent', { mode: 'observe', listenAddress: 'node-ip', warn: () => undefined });
    const synthed = Testing.synth(env).filter((o) => o.metadata.labels?.['app.kubernetes.io/part-of'] === 'multihome');
    new NetworkAgent('vs-cdk8s', { environment: prod, mode: 'observe', listenAddress: 'node-ip' });
    expect(withoutType(await kubeObjects('vs-cdk8s'))).toEqual(byKey(synthed));
  });

  it('makes every child a child of the component, passes the provider through, and orders namespace → RBAC/ConfigMap → DaemonSet', async () => {
    const provider = new k8s.Provider('agent-cluster', {});
    const agent = new NetworkAgent('order', { environment: lab, provider }, { transformations: [record] });
    await settle();
    const children = [...recorded.entries()].filter(([n]) => n.startsWith('order-'));
    expect(children.length).toBe(8);
    for (const [, r] of children) {
      expect(r.parent).toBe('order');
      expect(r.provider).toBe(provider);
    }
    expect(recorded.get('order-serviceaccount-multihome-system-multihome-agent')!.dependsOn).toEqual(['order-namespace-multihome-system']);
    expect(recorded.get('order-validatingadmissionpolicybinding-multihome-agent-own-node')!.dependsOn).toEqual(['order-validatingadmissionpolicy-multihome-agent-own-node']);
    // the grant waits for its restriction
    expect(recorded.get('order-clusterrolebinding-multihome-agent')!.dependsOn).toEqual([
      'order-clusterrole-multihome-agent',
      'order-serviceaccount-multihome-system-multihome-agent',
      'order-validatingadmissionpolicybinding-multihome-agent-own-node',
    ]);
    expect(recorded.get('order-daemonset-multihome-system-multihome-agent-nodes')!.dependsOn).toEqual([
      'order-namespace-multihome-system',
      'order-configmap-multihome-system-multihome-agent-nodes',
      'order-serviceaccount-multihome-system-multihome-agent',
      'order-clusterrolebinding-multihome-agent',
    ]);
    expect(agent.namespace).toBe('multihome-system');
    expect(await valueOf(agent.daemonSetNames)).toEqual({ nodes: 'multihome-agent-nodes' });
    expect(await valueOf(agent.urn)).toContain(TYPE_TOKENS.NetworkAgent);
  });

  it('raises one ResourceError listing every problem and registers nothing', async () => {
    const before = registered.length;
    let err: unknown;
    try {
      new NetworkAgent('broken', { environment: prod, namespace: 'Bad_NS', nodeGroups: [{ nodeGroupName: 'gpu' }] });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(pulumi.ResourceError);
    expect((err as Error).message).toMatch(/2 error\(s\)[^]*\[AGENT_DEPLOYMENT_NODE_GROUP\][^]*nodeGroups\[0\][^]*\[AGENT_DEPLOYMENT_NAME\][^]*namespace/);
    await settle();
    expect(registered.slice(before).filter((r) => r.type.startsWith('kubernetes:'))).toEqual([]);
  });
});
