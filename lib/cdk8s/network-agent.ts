import { ApiObject } from 'cdk8s';
import type * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Manifest } from '../core/manifest';
import { AGENT_DEPLOYMENT_DEFAULTS, AgentDeploymentOptions, agentManifests, agentPodLabels, NODE_GROUP_LABEL, resolveAgentDeployment } from '../core/topology/agent-deployment';
import { validateAgentDeployment } from '../core/topology/agent-deployment-validate';
import { Topology } from '../core/topology/model';
import { AGENT_ORIGIN } from '../core/topology/origin';
import { agentOptions, INodeGroup, NetworkAgentProps as CoreNetworkAgentProps } from '../core/topology/props';
import { environmentOf, EnvironmentScope } from './environment-scope';
import { RenderedApiObject } from './rendered-api-object';
import { addProblemValidation, atConstruct, STDERR_WARN } from './problem-validation';

/** Props of {@link NetworkAgent}. */
export interface NetworkAgentProps extends CoreNetworkAgentProps {
  /**
   * Render from this topology instead of the enclosing `NetworkEnvironment`'s, so the agent can
   * live in any Chart (it is then not part of an environment's render).
   * @default - the enclosing NetworkEnvironment's topology; the agent becomes the environment's
   */
  readonly environment?: Topology;
  /** Where warnings go (standalone agents; in an environment the environment reports). @default - standard error */
  readonly warn?: (message: string) => void;
}

/**
 * The multihome node agent (lib/agent): a Namespace, a ServiceAccount, a ClusterRole/Binding with
 * exactly the agent's Node calls, and per node group a ConfigMap holding the group's intent and a
 * DaemonSet on the host network with the group's nodeSelector — the objects lib/core renders
 * (`renderAgentDeployment`, what the Pulumi side registers too). Never privileged: observe runs as
 * non-root without capabilities, apply adds NET_ADMIN and NET_RAW only.
 *
 * Inside a `NetworkEnvironment` (no `environment` prop) the agent is the environment's: it sets
 * `Topology.agent`, its objects are rendered with the environment's (prerequisites layer, after
 * the operator CRs) and its options are validated with everything else; the default node groups
 * are every node group of the environment at synth, whenever they were declared. Extend the
 * objects the cdk8s way: {@link daemonSet} returns a group's ApiObject (JSON patches, labels), and
 * {@link podSelector} selects a group's pods for cdk8s-plus Services and NetworkPolicies.
 */
export class NetworkAgent extends Construct {
  /** The options the objects are rendered from (node group references resolved to names). */
  public readonly options: AgentDeploymentOptions;
  private readonly env?: EnvironmentScope;
  private readonly standalone?: ReadonlyArray<{ readonly manifest: Manifest; readonly object: ApiObject }>;
  private readonly selectors = new Map<string, AgentPods>();

  constructor(scope: Construct, id: string, props: NetworkAgentProps = {}) {
    super(scope, id);
    const { environment, warn, ...rest } = props;
    this.options = agentOptions(rest);
    if (environment) {
      // standalone: the objects of the given topology, fixed at construction
      const r = resolveAgentDeployment(environment, this.options);
      this.standalone = agentManifests(r).map(({ manifest }) => ({ manifest, object: new RenderedApiObject(this, manifest.kind + '-' + manifest.metadata.name, manifest) }));
      addProblemValidation(this, () => atConstruct(validateAgentDeployment(environment, this.options), this.node.path), warn ?? STDERR_WARN);
      return;
    }
    this.env = environmentOf(this);
    if (this.env.topology.topology().agent) throw new Error(`multihome: ${this.env.node.path} already deploys the node agent; ${this.node.path} would be a second one (one NetworkAgent per environment)`);
    this.env._register(AGENT_ORIGIN, this);
    this.env.topology.configure({ agent: this.options });
  }

  /** Name of the agent's ServiceAccount, RBAC objects and prefix of its per-group objects. */
  public get agentName(): string {
    return this.options.name ?? AGENT_DEPLOYMENT_DEFAULTS.name;
  }

  /**
   * The DaemonSet of a node group as an ApiObject, for JSON patches and metadata (the cdk8s
   * escape hatch). Throws when the agent does not run on that group.
   */
  public daemonSet(nodeGroup: INodeGroup | string): ApiObject {
    const group = typeof nodeGroup === 'string' ? nodeGroup : nodeGroup.nodeGroupName;
    const objects = this.standalone ?? this.env!.objectsOf(AGENT_ORIGIN);
    const found = objects.find((o) => o.manifest.kind === 'DaemonSet' && o.manifest.metadata.labels?.[NODE_GROUP_LABEL] === group);
    if (!found) throw new Error(`multihome: ${this.node.path} runs no agent on node group ${JSON.stringify(group)}`);
    return found.object;
  }

  /**
   * Selects a node group's agent pods, e.g. `new kplus.Service(chart, 'metrics', { selector:
   * agent.podSelector(g) })` (needs `cdk8s-plus-28` installed).
   */
  public podSelector(nodeGroup: INodeGroup | string): kplus.IPodSelector {
    const group = typeof nodeGroup === 'string' ? nodeGroup : nodeGroup.nodeGroupName;
    let s = this.selectors.get(group);
    if (!s) {
      s = new AgentPods(this, `Pods-${group}`, agentPodLabels(this.agentName, group), this.options.namespace ?? AGENT_DEPLOYMENT_DEFAULTS.namespace);
      this.selectors.set(group, s);
    }
    return s;
  }
}

/** The pods of one node group's agent DaemonSet, as a cdk8s-plus pod selector. */
class AgentPods extends Construct implements kplus.IPodSelector {
  constructor(
    scope: Construct,
    id: string,
    private readonly labels: Readonly<Record<string, string>>,
    private readonly namespace: string,
  ) {
    super(scope, id);
  }

  /** Selects by the group's labels in the agent's namespace. */
  public toPodSelectorConfig(): kplus.PodSelectorConfig {
    // loaded here, not at import: cdk8s-plus-28 is needed only by users who select pods with it
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { LabelSelector } = require('cdk8s-plus-28') as typeof kplus;
    return { labelSelector: LabelSelector.of({ labels: { ...this.labels } }), namespaces: { names: [this.namespace] } };
  }
}
