import { ApiObject, ApiObjectMetadata, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { formatProblem, Problem } from '../core/errors';
import { ProblemSink } from '../core/problems';
import {
  AGENT_CLUSTER_ROLE_RULES, AGENT_CONFIG_MOUNT, AGENT_DEPLOYMENT_CODES, AGENT_NAMESPACE_LABELS, agentConfigData, AgentDeploymentOptions, agentMetadata,
  AgentNodeGroupDeployment, NODE_GROUP_LABEL, ResolvedAgentDeployment, resolveAgentDeployment,
} from '../core/topology/agent-deployment';
import { validateAgentDeployment } from '../core/topology/agent-deployment-validate';
import { Topology } from '../core/topology/model';
import { agentDaemonSet, AgentDaemonSet } from './agent-daemon-set';
import { NetworkEnvironment } from './network-environment';
import { INodeGroup } from './node-group';

/** Props of {@link NetworkAgent}. */
export interface NetworkAgentProps extends Omit<AgentDeploymentOptions, 'nodeGroups'> {
  /**
   * Node groups that run the agent (one DaemonSet + ConfigMap each).
   * @default - every node group of the environment when the agent is created (declare it last)
   */
  readonly nodeGroups?: readonly INodeGroup[];
  /**
   * Render from this topology instead of the enclosing {@link NetworkEnvironment}'s, so the agent
   * can live in any Chart (it is then not part of an environment's render).
   * @default - the enclosing NetworkEnvironment's topology; the agent becomes the environment's
   */
  readonly environment?: Topology;
  /** Where warnings go (standalone agents; in an environment the environment reports). @default - standard error */
  readonly warn?: (message: string) => void;
}

/**
 * The multihome node agent (lib/agent) as cdk8s-plus-28 objects: a Namespace, a ServiceAccount, a
 * ClusterRole/Binding with exactly the agent's Node calls, and per node group a ConfigMap holding
 * the group's intent (rendered from the topology at synth) and a DaemonSet on the host network
 * with the group's nodeSelector. The containers are never privileged: observe runs as non-root
 * without capabilities (it only reads), apply adds NET_ADMIN (ip link/addr/route, bridge vlan)
 * and NET_RAW (ping probes) only. The synthesized objects equal lib/core's
 * `renderAgentDeployment` (what the Pulumi component registers), byte for byte.
 *
 * Inside a {@link NetworkEnvironment} (no `environment` prop) the agent is the environment's: it
 * sets `Topology.agent`, so the environment's core render, `multihome synth` and the Pulumi
 * environment contain the same objects, and its objects sit in the environment's prerequisites
 * layer after the operator CRs — the core render's order; the environment validates its options
 * with everything else. The objects stay cdk8s-plus constructs rather than the environment's
 * rendered objects (`_own`) so that users can extend them (add a container, a volume, a Service
 * selecting the pods) the cdk8s-plus way; the price is keeping them equal to the core render,
 * which the parity tests assert, and two small deviations from plain cdk8s-plus: the pod address
 * label is removed (the DaemonSet selects its pods by the group's labels instead, see
 * {@link AgentDaemonSet}) and patched objects are written in canonical key order.
 */
export class NetworkAgent extends Construct {
  /** The options the objects were built from (node group names resolved). */
  public readonly options: AgentDeploymentOptions;
  /** Absent when `createNamespace` is false. */
  public readonly namespace?: kplus.Namespace;
  /** The agent's identity (its token is mounted only for bridge marking). */
  public readonly serviceAccount: kplus.ServiceAccount;
  /** `get nodes` and `patch nodes/status`; absent when `markBridges` is false. */
  public readonly clusterRole?: kplus.ClusterRole;
  /** Binds {@link clusterRole} to {@link serviceAccount}; absent when `markBridges` is false. */
  public readonly clusterRoleBinding?: kplus.ClusterRoleBinding;
  /** ConfigMap per node group name. */
  public readonly configMaps: Readonly<Record<string, kplus.ConfigMap>>;
  /** DaemonSet per node group name. */
  public readonly daemonSets: Readonly<Record<string, kplus.DaemonSet>>;
  private readonly topology: () => Topology;
  private memo?: { t: Topology; r: ResolvedAgentDeployment };
  private warned = false;

  constructor(scope: Construct, id: string, props: NetworkAgentProps = {}) {
    super(scope, id);
    const { nodeGroups, environment, warn, ...options } = props;
    const env = environment ? undefined : NetworkEnvironment.of(this);
    this.topology = () => environment ?? env!.topology.topology();
    const names = nodeGroups?.map((g) => g.nodeGroupName) ?? this.topology().nodeGroups.map((g) => g.name);
    this.options = { ...options, nodeGroups: names };
    if (env) {
      if (env.topology.topology().agent) throw new Error(`multihome: ${env.node.path} already deploys the node agent; ${this.node.path} would be a second one (one NetworkAgent per environment)`);
      env.topology.configure({ agent: this.options });
    }
    // in an environment the objects sit in its prerequisites layer, where the core render puts them
    const home = env ? new Construct(env._agentScope(), id) : this;
    const r = this.resolved();
    const md = (name: string, namespaced: boolean, labels?: Record<string, string>): ApiObjectMetadata => agentMetadata(r, name, namespaced, labels);
    if (r.createNamespace) this.namespace = new kplus.Namespace(home, 'Namespace', { metadata: md(r.namespace, false, { ...AGENT_NAMESPACE_LABELS }) });
    this.serviceAccount = new kplus.ServiceAccount(home, 'ServiceAccount', { metadata: md(r.name, true), automountToken: r.markBridges });
    if (r.markBridges) {
      this.clusterRole = new kplus.ClusterRole(home, 'ClusterRole', { metadata: md(r.name, false) });
      for (const rule of AGENT_CLUSTER_ROLE_RULES)
        this.clusterRole.allow([...rule.verbs], ...rule.resources.map((resourceType) => kplus.ApiResource.custom({ apiGroup: rule.apiGroups[0], resourceType })));
      this.clusterRoleBinding = new kplus.ClusterRoleBinding(home, 'ClusterRoleBinding', { metadata: md(r.name, false), role: this.clusterRole });
      this.clusterRoleBinding.addSubjects(this.serviceAccount);
    }
    const configMaps: Record<string, kplus.ConfigMap> = {};
    const daemonSets: Record<string, kplus.DaemonSet> = {};
    for (const g of r.groups) {
      const group = g.nodeGroup.name;
      const groupLabel = { [NODE_GROUP_LABEL]: group };
      // the content is rendered at synth, so networks added after the agent reach it (STYLE.md #9)
      configMaps[group] = new kplus.ConfigMap(home, `ConfigMap-${group}`, {
        metadata: md(g.name, true, groupLabel),
        data: { [AGENT_CONFIG_MOUNT.key]: Lazy.any({ produce: () => agentConfigData(this.group(group))[AGENT_CONFIG_MOUNT.key] }) as unknown as string },
      });
      daemonSets[group] = agentDaemonSet(home, r, g, { metadata: md(g.name, true, groupLabel), serviceAccount: this.serviceAccount, configMap: configMaps[group] });
    }
    this.configMaps = configMaps;
    this.daemonSets = daemonSets;
    if (env) {
      const objects = [this.namespace, this.serviceAccount, this.clusterRole, this.clusterRoleBinding, ...r.groups.flatMap((g) => [configMaps[g.nodeGroup.name], daemonSets[g.nodeGroup.name]])];
      for (const c of objects) {
        if (!c) continue;
        const o = ApiObject.of(c);
        env._adopt(this, { apiVersion: o.apiVersion, kind: o.kind, name: o.name, namespace: o.metadata.namespace }, o);
      }
      env._reportAs(this, { kind: 'NetworkAgent', name: r.name });
    }
    this.node.addValidation({ validate: () => this.validate(names, nodeGroups === undefined, env === undefined, warn) });
  }

  /** The resolved deployment for the current topology (cached per topology snapshot). */
  private resolved(): ResolvedAgentDeployment {
    const t = this.topology();
    if (!this.memo || this.memo.t !== t) this.memo = { t, r: resolveAgentDeployment(t, this.options) };
    return this.memo.r;
  }

  private group(name: string): AgentNodeGroupDeployment {
    const g = this.resolved().groups.find((x) => x.nodeGroup.name === name);
    if (!g) throw new Error(`multihome: node group ${name} of ${this.node.path} is no longer in the topology`);
    return g;
  }

  /** Standalone: every problem of the options; in an environment only what the environment cannot know (groups declared later). */
  private validate(names: readonly string[], defaulted: boolean, standalone: boolean, warn?: (m: string) => void): string[] {
    const t = this.topology();
    const problems: Problem[] = standalone ? [...validateAgentDeployment(t, this.options)] : [];
    if (defaulted) {
      const sink = new ProblemSink({ kind: 'NetworkAgent', name: this.resolved().name }, AGENT_DEPLOYMENT_CODES);
      for (const g of t.nodeGroups)
        if (!names.includes(g.name))
          sink.add('AGENT_DEPLOYMENT_NODE_GROUP', 'nodeGroups', `node group ${g.name} was declared after the NetworkAgent and gets no agent`, 'create the NetworkAgent after every NodeGroup, or pass nodeGroups');
      problems.push(...sink.problems);
    }
    const withPath = problems.map((p) => ({ ...p, resource: { ...p.resource, constructPath: this.node.path } }));
    if (!this.warned) {
      this.warned = true;
      for (const p of withPath) if (p.severity === 'warning') (warn ?? ((m: string) => process.stderr.write(m + '\n')))(formatProblem(p));
    }
    return withPath.filter((p) => p.severity === 'error').map(formatProblem);
  }
}
