import { ApiObject, ApiObjectMetadata, JsonPatch, Lazy, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { formatProblem, Problem } from '../core/errors';
import { ProblemSink } from '../core/problems';
import {
  AGENT_CAPABILITIES, AGENT_CLUSTER_ROLE_RULES, AGENT_CONFIG_MOUNT, AGENT_DEPLOYMENT_CODES, AGENT_NAMESPACE_LABELS, AGENT_RESOURCES, AGENT_USER,
  agentConfigData, agentContainerArgs, AgentDeploymentOptions, agentMetadata, AgentNodeGroupDeployment, NODE_GROUP_LABEL,
  ResolvedAgentDeployment, resolveAgentDeployment, validateAgentDeployment,
} from '../core/topology/agent-deployment';
import { Topology } from '../core/topology/model';
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
   * can live in any Chart.
   * @default - the enclosing NetworkEnvironment's topology
   */
  readonly environment?: Topology;
  /** Where warnings go. @default - standard error */
  readonly warn?: (message: string) => void;
}

/**
 * The multihome node agent (lib/agent) as cdk8s-plus-28 objects: a Namespace, a ServiceAccount, a
 * ClusterRole/Binding with exactly the agent's Node calls, and per node group a ConfigMap holding
 * the group's intent (rendered from the environment's topology at synth) and a DaemonSet on the
 * host network with the group's nodeSelector. The containers are never privileged: observe runs
 * as non-root without capabilities (it only reads), apply adds NET_ADMIN (ip link/addr/route,
 * bridge vlan) and NET_RAW (ping probes) only. Every object carries the prerequisites sync wave
 * (in the chart's file they follow the environment's own objects, Namespace first). The output
 * equals lib/core's `renderAgentDeployment`, which the Pulumi component registers, except for the
 * pod label cdk8s-plus adds to address the pods (`cdk8s.io/metadata.addr`).
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
    const r = this.resolved();
    const md = (name: string, namespaced: boolean, labels?: Record<string, string>): ApiObjectMetadata => agentMetadata(r, name, namespaced, labels);
    if (r.createNamespace) this.namespace = new kplus.Namespace(this, 'Namespace', { metadata: md(r.namespace, false, { ...AGENT_NAMESPACE_LABELS }) });
    this.serviceAccount = new kplus.ServiceAccount(this, 'ServiceAccount', { metadata: md(r.name, true), automountToken: r.markBridges });
    if (r.markBridges) {
      this.clusterRole = new kplus.ClusterRole(this, 'ClusterRole', { metadata: md(r.name, false) });
      for (const rule of AGENT_CLUSTER_ROLE_RULES)
        this.clusterRole.allow([...rule.verbs], ...rule.resources.map((resourceType) => kplus.ApiResource.custom({ apiGroup: rule.apiGroups[0], resourceType })));
      this.clusterRoleBinding = new kplus.ClusterRoleBinding(this, 'ClusterRoleBinding', { metadata: md(r.name, false), role: this.clusterRole });
      this.clusterRoleBinding.addSubjects(this.serviceAccount);
    }
    const configMaps: Record<string, kplus.ConfigMap> = {};
    const daemonSets: Record<string, kplus.DaemonSet> = {};
    for (const g of r.groups) {
      const group = g.nodeGroup.name;
      const groupLabel = { [NODE_GROUP_LABEL]: group };
      // the content is rendered at synth, so networks added after the agent reach it (STYLE.md #9)
      configMaps[group] = new kplus.ConfigMap(this, `ConfigMap-${group}`, {
        metadata: md(g.name, true, groupLabel),
        data: { [AGENT_CONFIG_MOUNT.key]: Lazy.any({ produce: () => agentConfigData(this.group(group))[AGENT_CONFIG_MOUNT.key] }) as unknown as string },
      });
      daemonSets[group] = this.daemonSet(r, g, md(g.name, true, groupLabel), configMaps[group]);
    }
    this.configMaps = configMaps;
    this.daemonSets = daemonSets;
    this.node.addValidation({ validate: () => this.validate(names, nodeGroups === undefined, warn) });
  }

  private daemonSet(r: ResolvedAgentDeployment, g: AgentNodeGroupDeployment, metadata: ApiObjectMetadata, configMap: kplus.ConfigMap): kplus.DaemonSet {
    const user = AGENT_USER[g.mode];
    const nonRoot = user !== 0;
    const caps = AGENT_CAPABILITIES[g.mode] as readonly kplus.Capability[];
    const healthz = kplus.Probe.fromHttpGet('/healthz', { port: g.port });
    const ds = new kplus.DaemonSet(this, `DaemonSet-${g.nodeGroup.name}`, {
      metadata,
      select: false,
      podMetadata: { labels: { ...r.labels, ...g.selector } },
      hostNetwork: true,
      serviceAccount: this.serviceAccount,
      automountServiceAccountToken: r.markBridges,
      dns: { policy: kplus.DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET },
      securityContext: { ensureNonRoot: nonRoot, user },
      containers: [
        {
          name: 'agent',
          image: r.image,
          imagePullPolicy: r.imagePullPolicy as kplus.ImagePullPolicy,
          args: agentContainerArgs(r, g),
          ports: [{ number: g.port, hostPort: g.port, name: 'metrics', protocol: kplus.Protocol.TCP }],
          envVariables: { NODE_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME) },
          liveness: healthz,
          readiness: healthz,
          resources: {
            cpu: { request: kplus.Cpu.millis(AGENT_RESOURCES.cpuRequestMillis) },
            memory: { request: Size.mebibytes(AGENT_RESOURCES.memoryRequestMebibytes), limit: Size.mebibytes(AGENT_RESOURCES.memoryLimitMebibytes) },
          },
          securityContext: {
            ensureNonRoot: nonRoot,
            user,
            privileged: false,
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
            capabilities: { ...(caps.length ? { add: [...caps] } : {}), drop: [kplus.Capability.ALL] },
            seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
          },
          volumeMounts: [
            { path: AGENT_CONFIG_MOUNT.path, readOnly: true, volume: kplus.Volume.fromConfigMap(this, `Volume-${g.nodeGroup.name}`, configMap, { name: AGENT_CONFIG_MOUNT.volume }) },
          ],
        },
      ],
    });
    ds.select(kplus.LabelSelector.of({ labels: { ...g.selector } }));
    ds.scheduling.tolerate(kplus.Node.tainted(kplus.NodeTaintQuery.any()));
    // cdk8s-plus models placement as node affinity only; the agent uses the NNCPs' plain nodeSelector
    const selector = g.nodeGroup.nodeSelector;
    if (Object.keys(selector).length) ApiObject.of(ds).addJsonPatch(JsonPatch.add('/spec/template/spec/nodeSelector', { ...selector }));
    return ds;
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

  private validate(names: readonly string[], defaulted: boolean, warn?: (m: string) => void): string[] {
    const t = this.topology();
    const problems: Problem[] = [...validateAgentDeployment(t, this.options)];
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
