import * as pulumi from '@pulumi/pulumi';
import { Manifest, manifestKey } from '../core/manifest';
import { AGENT_DEPLOYMENT_DEFAULTS, AgentDeploymentOptions, agentManifests, NODE_GROUP_LABEL, resolveAgentDeployment } from '../core/topology/agent-deployment';
import { validateAgentDeployment } from '../core/topology/agent-deployment-validate';
import { Topology } from '../core/topology/model';
import { AGENT_ORIGIN } from '../core/topology/origin';
import { agentOptions, NetworkAgentProps } from '../core/topology/props';
import { TYPE_TOKENS } from './components';
import { EnvironmentScope, findScope, Part, partOptions, PartRender, registerScope } from './environment-part';
import { reportProblems } from './problems';
import { registerRendered } from './register';

/** Args of {@link NetworkAgent}: the core agent props (the same as the cdk8s construct's), the image as an Input. */
export interface NetworkAgentArgs extends Omit<NetworkAgentProps, 'image'> {
  /** Agent image (a mirror's, or one built by another resource). @default - multihome's image of this version */
  readonly image?: pulumi.Input<string>;
  /**
   * Render from this topology, outside any environment (the agent is then not part of an
   * environment's render, and its objects are registered at once).
   * @default - the environment of `parent` (`{ parent: env }`): the agent becomes the environment's
   */
  readonly environment?: Topology;
  /** Kubernetes provider for every child of a standalone agent (in an environment, the environment's). @default - the ambient provider */
  readonly provider?: pulumi.ProviderResource;
}

/**
 * The multihome node agent: a Namespace, a ServiceAccount, a ClusterRole/Binding with exactly the
 * agent's Node calls, and per node group a ConfigMap with the group's intent and a DaemonSet —
 * what lib/core renders, as typed @pulumi/kubernetes resources, each created after what it needs.
 *
 * With `{ parent: env }` the agent is the environment's (`Topology.agent`): rendered and
 * validated with everything else, on every node group of the environment by default. With
 * `environment` it stands alone: validated against that topology and registered at once, failing
 * with every problem in one `ResourceError`.
 */
export class NetworkAgent extends pulumi.ComponentResource implements Part {
  /** The name the component was created with. */
  public readonly partName: string;
  /** Namespace the agent runs in. */
  public readonly namespace: string;
  /** Every rendered manifest, in apply order. */
  public readonly manifests: pulumi.Output<Manifest[]>;
  /** DaemonSet name per node group. */
  public readonly daemonSetNames: pulumi.Output<Record<string, string>>;
  private settle!: (r: PartRender) => void;

  constructor(name: string, args: NetworkAgentArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    const { environment, provider, ...props } = args ?? {};
    const scope: EnvironmentScope | undefined = environment ? undefined : findScope(TYPE_TOKENS.NetworkAgent, name, opts, props.nodeGroups ?? []);
    super(TYPE_TOKENS.NetworkAgent, name, {}, scope ? partOptions(scope, opts) : opts);
    this.partName = name;
    const options = agentOptions(props as NetworkAgentProps) as AgentDeploymentOptions;
    this.namespace = options.namespace ?? AGENT_DEPLOYMENT_DEFAULTS.namespace;
    const rendered = new Promise<PartRender>((resolve) => (this.settle = resolve));
    const manifests = rendered.then((r) => pulumi.all(r.resources.map((x) => x.urn)).apply(() => [...r.manifests]));
    this.manifests = pulumi.output(manifests) as unknown as pulumi.Output<Manifest[]>;
    this.daemonSetNames = this.manifests.apply((ms) =>
      Object.fromEntries(ms.filter((m) => m.kind === 'DaemonSet').map((m) => [m.metadata.labels?.[NODE_GROUP_LABEL] ?? '', m.metadata.name])),
    );
    if (scope) {
      registerScope(this, scope);
      if (scope.topology.topology().agent) {
        throw new pulumi.ResourceError(`multihome: the environment already deploys the node agent; NetworkAgent ${name} would be a second one (one NetworkAgent per environment)`, this, true);
      }
      scope.declare(this, AGENT_ORIGIN, (t) => t.configure({ agent: options }));
      return;
    }
    this.standalone(environment!, options, provider);
  }

  /** Registers the agent of `environment` at once, after validating the options against it. */
  private standalone(environment: Topology, options: AgentDeploymentOptions, provider: pulumi.ProviderResource | undefined): void {
    reportProblems(`NetworkAgent ${this.partName}`, validateAgentDeployment(environment, options), this);
    const r = resolveAgentDeployment(environment, options);
    const registrations = agentManifests(r).map(({ manifest, dependsOn }) => ({
      rendered: { manifest, key: manifestKey(manifest), layer: 'prerequisites' as const, origin: AGENT_ORIGIN, dependsOn },
      parent: this,
    }));
    const byKey = registerRendered(registrations, { provider, namePrefix: this.partName });
    this.receive({ manifests: registrations.map((x) => x.rendered.manifest), resources: [...byKey.values()], vmNetwork: () => undefined });
  }

  /** @internal */
  public receive(r: PartRender): void {
    this.settle(r);
    this.registerOutputs({ namespace: this.namespace, daemonSetNames: this.daemonSetNames, manifests: this.manifests });
  }
}
