import { ApiObject, ApiObjectMetadata, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { canonicalManifest } from '../core/render/yaml';
import {
  AGENT_CAPABILITIES, AGENT_CONFIG_MOUNT, AGENT_RESOURCES, AGENT_UPDATE_STRATEGY, AGENT_USER, agentContainerArgs, AgentNodeGroupDeployment,
  agentProbeHost, AGENT_LISTEN_NODE_IP, NODE_IP_ENV, ResolvedAgentDeployment,
} from '../core/topology/agent-deployment';

/** cdk8s-plus's pod address label: a pod-template label derived from the construct path. */
export const KPLUS_ADDRESS_LABEL = kplus.Pod.ADDRESS_LABEL;

/**
 * The agent's DaemonSet as a cdk8s-plus-28 DaemonSet that selects its pods by the node group's
 * labels (`app.kubernetes.io/name`, `multihome.io/node-group`) instead of cdk8s-plus's address
 * label: the label is removed from the pod template (a JSON patch), so the synthesized object is
 * exactly lib/core's `agentDaemonSet` (what the Pulumi component registers), and cdk8s-plus
 * constructs that select these pods (a Service for /metrics, a NetworkPolicy peer, pod
 * affinity) still match them, through {@link toPodSelectorConfig}.
 */
export class AgentDaemonSet extends kplus.DaemonSet {
  /** Selects the group's pods by the group's labels (they carry no cdk8s-plus address label). */
  public override toPodSelectorConfig(): kplus.PodSelectorConfig {
    return {
      labelSelector: kplus.LabelSelector.of({ labels: this.matchLabels }),
      namespaces: this.metadata.namespace ? { names: [this.metadata.namespace] } : undefined,
    };
  }
}

/**
 * Writes an object's JSON in cdk8s's canonical key order after its JSON patches too (cdk8s sorts
 * keys before applying patches, and `add` appends), so the YAML is byte-identical to the core
 * render's (`stringifyManifests`).
 */
export function canonicalAfterPatches(o: ApiObject): void {
  const toJson = o.toJson.bind(o);
  o.toJson = () => canonicalManifest(toJson());
}

/** What {@link agentDaemonSet} needs besides the resolved deployment. */
export interface AgentDaemonSetInput {
  readonly metadata: ApiObjectMetadata;
  readonly serviceAccount: kplus.IServiceAccount;
  readonly configMap: kplus.IConfigMap;
}

/**
 * One node group's DaemonSet with cdk8s-plus-28, equal to lib/core's render: host network, the
 * group's plain nodeSelector, every taint tolerated, never privileged (observe: non-root without
 * capabilities; apply: NET_ADMIN and NET_RAW), the priority class, one-at-a-time rolling updates
 * and the config mounted read-only. What cdk8s-plus does not model is added by JSON patches.
 */
export function agentDaemonSet(scope: Construct, r: ResolvedAgentDeployment, g: AgentNodeGroupDeployment, input: AgentDaemonSetInput): AgentDaemonSet {
  const user = AGENT_USER[g.mode];
  const nonRoot = user !== 0;
  const caps = AGENT_CAPABILITIES[g.mode] as readonly kplus.Capability[];
  const host = agentProbeHost(r);
  const healthz = kplus.Probe.fromHttpGet('/healthz', { port: g.port, ...(host ? { host } : {}) });
  const ds = new AgentDaemonSet(scope, `DaemonSet-${g.nodeGroup.name}`, {
    metadata: input.metadata,
    select: false,
    podMetadata: { labels: { ...r.labels, ...g.selector } },
    hostNetwork: true,
    serviceAccount: input.serviceAccount,
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
        envVariables: {
          NODE_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME),
          ...(r.listenAddress === AGENT_LISTEN_NODE_IP ? { [NODE_IP_ENV]: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_IP) } : {}),
        },
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
          { path: AGENT_CONFIG_MOUNT.path, readOnly: true, volume: kplus.Volume.fromConfigMap(scope, `Volume-${g.nodeGroup.name}`, input.configMap, { name: AGENT_CONFIG_MOUNT.volume }) },
        ],
      },
    ],
  });
  ds.select(kplus.LabelSelector.of({ labels: { ...g.selector } }));
  ds.scheduling.tolerate(kplus.Node.tainted(kplus.NodeTaintQuery.any()));
  const o = ApiObject.of(ds);
  o.addJsonPatch(JsonPatch.remove(`/spec/template/metadata/labels/${KPLUS_ADDRESS_LABEL.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  // cdk8s-plus models placement as node affinity only; the agent uses the NNCPs' plain nodeSelector
  const selector = g.nodeGroup.nodeSelector;
  if (Object.keys(selector).length) o.addJsonPatch(JsonPatch.add('/spec/template/spec/nodeSelector', { ...selector }));
  if (r.priorityClassName) o.addJsonPatch(JsonPatch.add('/spec/template/spec/priorityClassName', r.priorityClassName));
  // patches apply before KubeDaemonSet's typed conversion, which reads an IntOrString as `.value`
  const maxUnavailable = kplus.k8s.IntOrString.fromNumber(AGENT_UPDATE_STRATEGY.rollingUpdate.maxUnavailable);
  o.addJsonPatch(JsonPatch.add('/spec/updateStrategy', { rollingUpdate: { maxUnavailable }, type: AGENT_UPDATE_STRATEGY.type }));
  canonicalAfterPatches(o);
  return ds;
}
