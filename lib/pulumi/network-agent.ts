import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { formatProblem } from '../core/errors';
import { Manifest } from '../core/manifest';
import { AgentDeploymentOptions, renderAgentDeployment, resolveAgentDeployment } from '../core/topology/agent-deployment';
import { validateAgentDeployment } from '../core/topology/agent-deployment-validate';
import { Topology } from '../core/topology/model';
import { TYPE_TOKENS } from './components';
import { resourceName } from './resources';

/** Args of {@link NetworkAgent}. */
export interface NetworkAgentArgs extends AgentDeploymentOptions {
  /** The typed environment (apps/environments/*.ts) whose node groups run the agent. */
  readonly environment: Topology;
  /** Kubernetes provider for every child. @default - the ambient provider */
  readonly provider?: pulumi.ProviderResource;
}

/** A core manifest as the args of a typed resource (the core render is the JSON those args describe). */
const args = <T>(m: Manifest): T => m as unknown as T;

type Register = (name: string, m: Manifest, opts: pulumi.CustomResourceOptions) => pulumi.CustomResource;

/** The typed @pulumi/kubernetes class of every kind the agent deployment renders, declared once. */
const AGENT_RESOURCE_CLASSES: Readonly<Record<string, Register>> = {
  Namespace: (n, m, o) => new k8s.core.v1.Namespace(n, args<k8s.core.v1.NamespaceArgs>(m), o),
  ServiceAccount: (n, m, o) => new k8s.core.v1.ServiceAccount(n, args<k8s.core.v1.ServiceAccountArgs>(m), o),
  ClusterRole: (n, m, o) => new k8s.rbac.v1.ClusterRole(n, args<k8s.rbac.v1.ClusterRoleArgs>(m), o),
  ClusterRoleBinding: (n, m, o) => new k8s.rbac.v1.ClusterRoleBinding(n, args<k8s.rbac.v1.ClusterRoleBindingArgs>(m), o),
  ConfigMap: (n, m, o) => new k8s.core.v1.ConfigMap(n, args<k8s.core.v1.ConfigMapArgs>(m), o),
  DaemonSet: (n, m, o) => new k8s.apps.v1.DaemonSet(n, args<k8s.apps.v1.DaemonSetArgs>(m), o),
};

/** Registers one manifest of the agent deployment as its typed @pulumi/kubernetes resource. */
export function registerAgentManifest(m: Manifest, opts: pulumi.CustomResourceOptions, prefix?: string): pulumi.CustomResource {
  const register = AGENT_RESOURCE_CLASSES[m.kind];
  if (!register) throw new Error(`multihome internal error: the agent deployment rendered a ${m.kind}, which has no typed class here`);
  return register(resourceName(m, prefix), m, opts);
}

/**
 * The multihome node agent as a Pulumi component: the manifests lib/core's
 * `renderAgentDeployment` renders (the same the cdk8s `NetworkAgent` synthesizes) as typed
 * resources — Namespace, ServiceAccount, ClusterRole/Binding, a ConfigMap and a DaemonSet per
 * node group — each created after what it needs (namespace, role, ConfigMap). Validates the
 * options against the topology first and fails with every problem at once.
 */
export class NetworkAgent extends pulumi.ComponentResource {
  /** Every rendered manifest, in apply order. */
  public readonly manifests: Manifest[];
  /** Namespace the agent runs in. */
  public readonly namespace: string;
  /** DaemonSet name per node group. */
  public readonly daemonSetNames: Record<string, string>;
  /** Registered resources, keyed `Kind/namespace/name`. */
  public readonly resources: ReadonlyMap<string, pulumi.CustomResource>;

  constructor(name: string, args: NetworkAgentArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TYPE_TOKENS.NetworkAgent, name, {}, opts);
    const { environment, provider, ...options } = args;
    const problems = validateAgentDeployment(environment, options);
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length) throw new pulumi.ResourceError(`multihome: NetworkAgent ${name} has ${errors.length} error(s):\n` + errors.map((p) => '  ' + formatProblem(p)).join('\n'), this);
    for (const w of problems.filter((p) => p.severity === 'warning')) pulumi.log.warn(formatProblem(w), this);

    const r = resolveAgentDeployment(environment, options);
    this.manifests = renderAgentDeployment(environment, options);
    this.namespace = r.namespace;
    this.daemonSetNames = Object.fromEntries(r.groups.map((g) => [g.nodeGroup.name, g.name]));
    const resources = new Map<string, pulumi.CustomResource>();
    const key = (kind: string, n: string, ns?: string) => [kind, ns, n].filter(Boolean).join('/');
    for (const m of this.manifests) {
      const ns = m.metadata.namespace;
      const deps = [
        ...(ns ? [key('Namespace', ns)] : []),
        ...(m.kind === 'ClusterRoleBinding' ? [key('ClusterRole', r.name), key('ServiceAccount', r.name, r.namespace)] : []),
        ...(m.kind === 'DaemonSet' ? [key('ConfigMap', m.metadata.name, ns), key('ServiceAccount', r.name, ns), key('ClusterRoleBinding', r.name)] : []),
      ]
        .map((k) => resources.get(k))
        .filter((x): x is pulumi.CustomResource => x !== undefined);
      resources.set(key(m.kind, m.metadata.name, ns), registerAgentManifest(m, { parent: this, provider, dependsOn: deps }, name));
    }
    this.resources = resources;
    this.registerOutputs({ namespace: this.namespace, daemonSetNames: this.daemonSetNames, manifests: this.manifests });
  }
}
