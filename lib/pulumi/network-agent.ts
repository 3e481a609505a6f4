import * as pulumi from '@pulumi/pulumi';
import { Manifest, manifestKey } from '../core/manifest';
import { agentManifests, resolveAgentDeployment } from '../core/topology/agent-deployment';
import { validateAgentDeployment } from '../core/topology/agent-deployment-validate';
import { Topology } from '../core/topology/model';
import { AGENT_ORIGIN } from '../core/topology/origin';
import { agentOptions, NetworkAgentProps } from '../core/topology/props';
import { SpecComponent, TYPE_TOKENS } from './components';
import { registerRendered } from './register';
import { reportProblems } from './problems';

/** Args of {@link NetworkAgent}: the core agent props (the same as the cdk8s construct's), the topology and the provider. */
export interface NetworkAgentArgs extends NetworkAgentProps {
  /** The typed environment (apps/environments/*.ts) whose node groups run the agent. */
  readonly environment: Topology;
  /** Kubernetes provider for every child. @default - the ambient provider */
  readonly provider?: pulumi.ProviderResource;
}

/**
 * The multihome node agent on its own, outside a {@link NetworkEnvironment} (which deploys the
 * agent of a topology with `agent` itself): the manifests lib/core renders — Namespace,
 * ServiceAccount, ClusterRole/Binding, a ConfigMap and a DaemonSet per node group — as typed
 * resources, each created after what it needs. Validates the options against the topology first
 * and fails with every problem at once.
 */
export class NetworkAgent extends SpecComponent {
  /** Every rendered manifest, in apply order. */
  public readonly manifests: Manifest[];
  /** Namespace the agent runs in. */
  public readonly namespace: string;
  /** DaemonSet name per node group. */
  public readonly daemonSetNames: Record<string, string>;

  constructor(name: string, args: NetworkAgentArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TYPE_TOKENS.NetworkAgent, name, opts);
    const { environment, provider, ...props } = args;
    const options = agentOptions(props);
    reportProblems(`NetworkAgent ${name}`, validateAgentDeployment(environment, options), this);
    const r = resolveAgentDeployment(environment, options);
    const rendered = agentManifests(r).map(({ manifest, dependsOn }) => ({
      manifest,
      key: manifestKey(manifest),
      layer: 'prerequisites' as const,
      origin: AGENT_ORIGIN,
      dependsOn,
    }));
    registerRendered(rendered, () => this, { provider, namePrefix: name });
    this.manifests = rendered.map((x) => x.manifest);
    this.namespace = r.namespace;
    this.daemonSetNames = Object.fromEntries(r.groups.map((g) => [g.nodeGroup.name, g.name]));
    this.registerOutputs({ namespace: this.namespace, daemonSetNames: this.daemonSetNames, manifests: this.manifests });
  }
}
