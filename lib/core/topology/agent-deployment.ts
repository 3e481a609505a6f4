/**
 * The node agent's deployment, rendered from the same topology as the policies: a Namespace, a
 * ServiceAccount, a ClusterRole + ClusterRoleBinding limited to the two Node calls the agent makes
 * (lib/agent/node-marker.ts) and, before the binding, the ValidatingAdmissionPolicy that keeps each
 * agent to its own Node (agent-admission-policy.ts), then per node group one ConfigMap (the group's agent config, from
 * {@link agentConfigs}) and one DaemonSet with the group's nodeSelector. An environment with
 * `Topology.agent` renders them in its prerequisites layer (render.ts). On `platform: openshift`
 * the ServiceAccount also gets `use` of a SecurityContextConstraints admitting exactly the pods
 * (agent-scc.ts). Plain manifests,
 * deterministic, in apply order, each with what it needs first; the only renderer of the agent
 * (the cdk8s construct and the Pulumi component translate these). A few API defaults —
 * `minReadySeconds: 0`, `immutable: false`, `resourceNames: []`… — are written out because the
 * output once came from cdk8s-plus, which writes them; dropping them would change every
 * environment's bytes for nothing.
 */
import * as ipaddr from 'ipaddr.js';
import * as YAML from 'yaml';
import { AGENT_RUNTIME_DEFAULTS } from '../agent-defaults';
import { CodeTable } from '../errors';
import { ISOLATION_ANNOTATION } from '../render/targets';
import { Manifest, manifestKey, objectKey, ObjectMeta } from '../manifest';
import { ownNodeAdmissionPolicy } from './agent-admission-policy';
import { sccForPods, sccRoleAndBinding } from './agent-scc';
import { AgentConfigDocument, agentConfigsOf } from './agent-config';
import type { AgentDeploymentOptions, AgentMode } from './agent-options';
import { NodeGroupSpec, Platform, Topology } from './model';
import { planPoliciesInOrder } from './policy-order';
import { PlannedPolicy } from './render-nncp';
import { ResolvedTopology, resolveTopology } from './resolve';
import { SYNC_WAVE_ANNOTATION } from './sync-wave';

/** The options' types live apart (agent-options.ts); re-exported here beside their renderer. */
export type { AgentDeploymentOptions, AgentMode, AgentStateOptions } from './agent-options';

/** multihome's version: the default agent image tag (a test keeps it equal to package.json's). */
export const MULTIHOME_VERSION = '0.1.0';

/** Repository of the agent image multihome publishes (the default image is `<repository>:<version>`). */
export const AGENT_IMAGE_REPOSITORY = 'ghcr.io/multihome/agent';

/**
 * `listenAddress` value for the node's primary address: `status.hostIP` through the downward
 * API (env `NODE_IP`, passed as `--listen-address $(NODE_IP)`), the address kubelet probes and
 * Prometheus node discovery use — and not the host addresses on VM-facing bridges and VLANs.
 */
export const AGENT_LISTEN_NODE_IP = 'node-ip';

/** The one defaults object of the agent deployment (STYLE.md #8). */
export const AGENT_DEPLOYMENT_DEFAULTS = {
  name: 'multihome-agent',
  namespace: 'multihome-system',
  createNamespace: true,
  image: `${AGENT_IMAGE_REPOSITORY}:${MULTIHOME_VERSION}`,
  imagePullPolicy: 'IfNotPresent',
  mode: AGENT_RUNTIME_DEFAULTS.mode,
  intervalSeconds: AGENT_RUNTIME_DEFAULTS.intervalSeconds,
  port: AGENT_RUNTIME_DEFAULTS.port,
  markBridges: true,
  restrictToOwnNode: true,
  priorityClassName: 'system-node-critical',
  // not the runtime's default (loopback, for `multihome agent run` by hand): on the host network
  // the DaemonSet answers kubelet's probes and Prometheus on the node's primary address only (S6)
  listenAddress: AGENT_LISTEN_NODE_IP,
  serveState: false,
} as const;

/** Environment variable carrying `status.hostIP` when `listenAddress` is {@link AGENT_LISTEN_NODE_IP}. */
export const NODE_IP_ENV = 'NODE_IP';

/**
 * Update strategy of every DaemonSet: one node at a time, so a bad image or config never takes the
 * agent (and, in apply mode, the convergence) off all nodes at once.
 */
export const AGENT_UPDATE_STRATEGY = { rollingUpdate: { maxUnavailable: 1 }, type: 'RollingUpdate' } as const;

/** Where the ConfigMap is mounted (the agent CLI's default `--config`) and its one key. */
export const AGENT_CONFIG_MOUNT = { path: '/etc/multihome-agent', volume: 'config', key: 'agent.yaml' } as const;

/** Where the /state token Secret (`state.tokenSecret`) is mounted, read-only, and its one key. */
export const AGENT_STATE_TOKEN_MOUNT = { path: '/var/run/multihome/state-token', volume: 'state-token', key: 'token' } as const;

/**
 * The apply journal's directory (lib/agent/journal.ts), apply mode only: a hostPath on the node's
 * /run, so a journal outlives a killed container (the next apply restores its snapshot) but not a
 * reboot (its kernel state is gone too). The agent's own `--state-dir` default is the same path.
 */
export const AGENT_JOURNAL_MOUNT = { path: '/run/multihome-agent', volume: 'journal' } as const;

/** Label carrying the node group on the ConfigMap, the DaemonSet and its pods. */
export const NODE_GROUP_LABEL = 'multihome.io/node-group';

/**
 * Linux capabilities the container adds (after dropping ALL), by mode. observe only reads
 * (netlink dumps of `ip -j`/`bridge -j` need no capability, so it also runs as non-root);
 * apply needs NET_ADMIN for `ip link/addr/route` and `bridge vlan`, and NET_RAW for its ping
 * probes (hostNetwork pods get the host's `ping_group_range`, usually closed). Never privileged.
 */
export const AGENT_CAPABILITIES: Readonly<Record<AgentMode, readonly string[]>> = { observe: [], apply: ['NET_ADMIN', 'NET_RAW'] };

/** User the agent runs as, by mode: root in apply (Kubernetes grants added capabilities to root only), `nobody` in observe. */
export const AGENT_USER: Readonly<Record<AgentMode, number>> = { observe: 65534, apply: 0 };

/**
 * Largest output the agent reads from one `ip -j`/`bridge -j` call (lib/agent/exec.ts
 * `maxBuffer`, 32 MiB): beyond it the call fails instead of growing the process (S13).
 */
export const AGENT_EXEC_MAX_BUFFER_MEBIBYTES = 32;

/**
 * Requests and limits: the agent is one Node.js process that mostly sleeps; no CPU limit (no
 * throttling mid-apply). The memory limit leaves room for the largest read the agent accepts
 * (S13): about 64 Mi of runtime and Kubernetes client, then one dump at the exec cap held three
 * times over — the raw output (maxBuffer), its string, and its parsed JSON (a few times the text
 * for `ip -j` objects; counted as 4) — 64 + 32 × (1 + 1 + 4) = 256, plus a half again for the
 * plan and GC slack: 384 Mi. A dump over the cap fails the read (the run reports an error)
 * instead of OOM-killing the pod; raise both together.
 */
export const AGENT_RESOURCES = {
  cpuRequestMillis: 20,
  memoryRequestMebibytes: 64,
  memoryLimitMebibytes: 384,
} as const;

/**
 * Exactly what the agent calls (lib/agent/node-marker.ts, bridge-marker's calls): `readNode`
 * (GET nodes/{name}) and `patchNodeStatus` (JSON patch of nodes/{name}/status).
 */
export const AGENT_CLUSTER_ROLE_RULES = [
  { apiGroups: [''], resources: ['nodes'], verbs: ['get'] },
  { apiGroups: [''], resources: ['nodes/status'], verbs: ['patch'] },
] as const;

/** Problem codes of the agent deployment, declared once. */
export const AGENT_DEPLOYMENT_CODES = {
  AGENT_DEPLOYMENT_NODE_GROUP: { severity: 'error', summary: 'A node group named in the agent options is not a node group of the topology.', upstream: 'multihome' },
  AGENT_DEPLOYMENT_POLICY: { severity: 'error', summary: 'A policy named in `policies` is not an NNCP the topology renders.', upstream: 'multihome' },
  AGENT_DEPLOYMENT_NAME: { severity: 'error', summary: 'A rendered name (namespace, `<name>-<node group>`) is not a DNS-1123 label of at most 63 characters.', upstream: 'k8s.io/apimachinery validation IsDNS1123Label' },
  AGENT_DEPLOYMENT_OPTION: {
    severity: 'error',
    summary: 'An option is out of range: mode, intervalSeconds, port, image (reference grammar), imageDigest, listenAddress, priorityClassName, state, securityContextConstraints (a name, on OpenShift only).',
    upstream: 'multihome (lib/agent/cli.ts options); distribution/reference regexp.go, opencontainers/go-digest algorithm.go (image)',
  },
  AGENT_DEPLOYMENT_PROBE: { severity: 'error', summary: 'A probe the agent would reject: target not an IP address, bad interface name, timeout outside (0, 600].', upstream: 'lib/agent/config.ts resolveProbe' },
  AGENT_DEPLOYMENT_OVERLAP: { severity: 'warning', summary: 'Two node groups in apply mode can select the same node: two agents would converge it concurrently.', upstream: 'multihome' },
  AGENT_DEPLOYMENT_IMAGE_UNPINNED: {
    severity: 'warning',
    summary: 'A user-given agent image has no digest: the tag can be moved to other content, and nodes pulling at different times run different code.',
    upstream: 'distribution/reference reference.go (a tag is a mutable name, a digest the content); kubernetes docs concepts/containers/images ("image pull policy … digest")',
  },
  AGENT_DEPLOYMENT_UNRESTRICTED: {
    severity: 'warning',
    summary: "restrictToOwnNode is off: every node's agent can patch the status (capacity, conditions, addresses) of every node.",
    upstream: 'kubernetes RBAC (resourceNames cannot follow a DaemonSet); admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy (Kubernetes >= 1.30)',
  },
  AGENT_DEPLOYMENT_STATE_UNAUTHENTICATED: {
    severity: 'warning',
    summary: "/state is served without a token on a non-loopback address of the host network: anyone reaching the node reads its intent and last plan.",
    upstream: 'multihome (lib/agent --serve-state, --state-token-file); NetworkPolicies do not apply to hostNetwork pods',
  },
  AGENT_DEPLOYMENT_CONFIG_TOO_LARGE: {
    severity: 'error',
    summary: "A node group's ConfigMap data (its agent config, per-node state included) is over 1 MiB: the API server refuses it and the agent would not read it.",
    upstream: 'kubernetes pkg/apis/core/validation/validation.go ValidateConfigMap (totalSize > core.MaxSecretSize, 1 MiB)',
  },
  AGENT_DEPLOYMENT_UNSUPPORTED_INTENT: {
    severity: 'warning',
    summary: "A node group's intent holds what the agent refuses in the group's mode (apply: also DHCP/autoconf); its agent would report `invalid` and apply nothing.",
    upstream: 'lib/core/host-intent/normalize.ts (AGENT_UNSUPPORTED)',
  },
} as const satisfies CodeTable;

/** One node group's part of the deployment. */
export interface AgentNodeGroupDeployment {
  readonly nodeGroup: NodeGroupSpec;
  /** Name of the group's ConfigMap and DaemonSet: `<name>-<group>`. */
  readonly name: string;
  readonly mode: AgentMode;
  readonly port: number;
  /** DaemonSet selector (and pod labels). */
  readonly selector: Readonly<Record<string, string>>;
  readonly document: AgentConfigDocument;
}

/** {@link AgentDeploymentOptions} with every default resolved, and the groups. */
export interface ResolvedAgentDeployment {
  readonly name: string;
  readonly namespace: string;
  readonly createNamespace: boolean;
  /** The image as the DaemonSet runs it: `image`, with `@<imageDigest>` when given. */
  readonly image: string;
  readonly imagePullPolicy: string;
  readonly intervalSeconds: number;
  readonly markBridges: boolean;
  /** Render the own-node ValidatingAdmissionPolicy (only with `markBridges`). */
  readonly restrictToOwnNode: boolean;
  /** Serve /state (`--serve-state`). */
  readonly serveState: boolean;
  /** Secret holding the /state token (key `token`), when /state requires one. */
  readonly stateTokenSecret?: string;
  /** `undefined` when `priorityClassName: false`. */
  readonly priorityClassName?: string;
  /** An IP address, or {@link AGENT_LISTEN_NODE_IP}. */
  readonly listenAddress: string;
  /** Labels of every object. */
  readonly labels: Readonly<Record<string, string>>;
  /** The prerequisites sync wave, or none when the topology turns sync waves off. */
  readonly annotations: Readonly<Record<string, string>>;
  readonly groups: readonly AgentNodeGroupDeployment[];
  /**
   * On OpenShift: the SCC the pods run under, and whether the deployment renders it (`create`)
   * or only grants `use` of an existing one. Undefined on other platforms.
   */
  readonly scc?: { readonly name: string; readonly create: boolean };
}

/** Resolves every default once; unknown group names are left out (reported by `validateAgentDeployment`, agent-deployment-validate.ts). */
export function resolveAgentDeployment(t: Topology, options: AgentDeploymentOptions = {}): ResolvedAgentDeployment {
  const resolved = resolveTopology(t);
  return resolveAgentDeploymentOf(resolved, planPoliciesInOrder(resolved).policies, options);
}

/** {@link resolveAgentDeployment} of a resolved topology whose policies are already planned. */
export function resolveAgentDeploymentOf(t: ResolvedTopology, policies: readonly PlannedPolicy[], options: AgentDeploymentOptions = {}): ResolvedAgentDeployment {
  const d = AGENT_DEPLOYMENT_DEFAULTS;
  const name = options.name ?? d.name;
  const port = options.port ?? d.port;
  const labels = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': 'multihome' };
  return {
    name,
    namespace: options.namespace ?? d.namespace,
    createNamespace: options.createNamespace ?? d.createNamespace,
    image: pinnedImage(options.image ?? d.image, options.imageDigest),
    imagePullPolicy: options.imagePullPolicy ?? d.imagePullPolicy,
    intervalSeconds: options.intervalSeconds ?? d.intervalSeconds,
    markBridges: options.markBridges ?? d.markBridges,
    restrictToOwnNode: options.restrictToOwnNode ?? d.restrictToOwnNode,
    serveState: options.state?.enabled ?? d.serveState,
    ...(options.state?.tokenSecret !== undefined ? { stateTokenSecret: options.state.tokenSecret } : {}),
    ...(options.priorityClassName === false ? {} : { priorityClassName: options.priorityClassName ?? d.priorityClassName }),
    listenAddress: options.listenAddress ?? d.listenAddress,
    labels,
    annotations: t.syncWaves ? { [SYNC_WAVE_ANNOTATION]: String(t.waves.prerequisites) } : {},
    groups: agentConfigsOf(t.nodeGroups, policies, options).map((c, i) => ({
      nodeGroup: c.nodeGroup,
      name: `${name}-${c.nodeGroup.name}`,
      mode: options.nodeGroupModes?.[c.nodeGroup.name] ?? options.mode ?? d.mode,
      port: port + i,
      selector: agentPodLabels(name, c.nodeGroup.name),
      document: c.document,
    })),
    ...(t.platform === Platform.OPENSHIFT
      ? { scc: options.securityContextConstraints !== undefined ? { name: options.securityContextConstraints, create: false } : { name, create: true } }
      : {}),
  };
}

/** `image` pinned by `digest` (`<image>@<digest>`), or `image` as given when there is no digest. */
export function pinnedImage(image: string, digest?: string): string {
  return digest === undefined ? image : `${image}@${digest}`;
}

/** The labels that select one node group's agent pods (the DaemonSet's selector). */
export function agentPodLabels(agentName: string, nodeGroup: string): Record<string, string> {
  return { 'app.kubernetes.io/name': agentName, [NODE_GROUP_LABEL]: nodeGroup };
}

/** `agent run` arguments of one group's container. */
export function agentContainerArgs(r: ResolvedAgentDeployment, g: AgentNodeGroupDeployment): string[] {
  return [
    'agent', 'run', '--mode', g.mode, '--config', AGENT_CONFIG_MOUNT.path,
    '--interval-seconds', String(r.intervalSeconds), '--port', String(g.port),
    '--listen-address', r.listenAddress === AGENT_LISTEN_NODE_IP ? `$(${NODE_IP_ENV})` : r.listenAddress,
    ...(r.markBridges ? [] : ['--no-mark-bridges']),
    ...(r.serveState ? ['--serve-state'] : []),
    ...(r.serveState && r.stateTokenSecret !== undefined ? ['--state-token-file', `${AGENT_STATE_TOKEN_MOUNT.path}/${AGENT_STATE_TOKEN_MOUNT.key}`] : []),
    ...(g.mode === 'apply' ? ['--state-dir', AGENT_JOURNAL_MOUNT.path] : []),
  ];
}

/**
 * Where kubelet's /healthz probes connect: the pod IP (the node's primary address on the host
 * network) unless the agent binds one address only — then that address (loopback included:
 * kubelet runs in the host's network namespace).
 */
export function agentProbeHost(r: ResolvedAgentDeployment): string | undefined {
  const a = r.listenAddress;
  if (a === AGENT_LISTEN_NODE_IP || !ipaddr.isValid(a)) return undefined;
  return ipaddr.parse(a).range() === 'unspecified' ? undefined : a;
}

/**
 * Most bytes a ConfigMap's `data` and `binaryData` values may hold together: kubernetes
 * pkg/apis/core/validation/validation.go `ValidateConfigMap` (`totalSize > core.MaxSecretSize`),
 * `MaxSecretSize = 1 * 1024 * 1024` in pkg/apis/core/types.go. The agent reads no larger file.
 */
export const CONFIG_MAP_MAX_BYTES = 1024 * 1024;

/** The ConfigMap data of one group: its agent config as YAML. */
export function agentConfigData(g: AgentNodeGroupDeployment): Record<string, string> {
  return { [AGENT_CONFIG_MOUNT.key]: YAML.stringify(g.document, { lineWidth: 0 }) };
}

/** Labels of the Namespace: hostNetwork, hostPort and NET_ADMIN need the privileged Pod Security level. */
export const AGENT_NAMESPACE_LABELS = { 'pod-security.kubernetes.io/enforce': 'privileged' } as const;

/** metadata of one object of the deployment: common labels (+ `labels`), the sync wave, the namespace when namespaced. */
export function agentMetadata(r: ResolvedAgentDeployment, name: string, namespaced: boolean, labels: Readonly<Record<string, string>> = {}): ObjectMeta {
  return {
    name,
    ...(namespaced ? { namespace: r.namespace } : {}),
    labels: { ...r.labels, ...labels },
    ...(Object.keys(r.annotations).length ? { annotations: { ...r.annotations } } : {}),
  };
}

/**
 * The agent's http probes: liveness on /healthz (200 while the process serves), readiness on
 * /readyz (503 while the config is rejected or the last apply failed: the pod shows NotReady).
 */
const httpProbe = (path: '/healthz' | '/readyz', port: number, host?: string) => ({ failureThreshold: 3, httpGet: { ...(host ? { host } : {}), path, port, scheme: 'HTTP' } });

/** One group's DaemonSet. */
export function agentDaemonSet(r: ResolvedAgentDeployment, g: AgentNodeGroupDeployment): Manifest {
  const user = AGENT_USER[g.mode];
  const root = user === 0;
  const res = AGENT_RESOURCES;
  const selector = { ...g.selector };
  const probeHost = agentProbeHost(r);
  const nodeIp = r.listenAddress === AGENT_LISTEN_NODE_IP ? [{ name: NODE_IP_ENV, valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } }] : [];
  const token = r.serveState && r.stateTokenSecret !== undefined ? r.stateTokenSecret : undefined;
  const m = AGENT_STATE_TOKEN_MOUNT;
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: openShiftTarget(r, agentMetadata(r, g.name, true, { [NODE_GROUP_LABEL]: g.nodeGroup.name })),
    spec: {
      minReadySeconds: 0,
      selector: { matchLabels: selector },
      template: {
        metadata: { labels: { ...r.labels, ...selector } },
        spec: {
          automountServiceAccountToken: r.markBridges,
          containers: [
            {
              args: agentContainerArgs(r, g),
              env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }, ...nodeIp],
              image: r.image,
              imagePullPolicy: r.imagePullPolicy,
              livenessProbe: httpProbe('/healthz', g.port, probeHost),
              name: 'agent',
              ports: [{ containerPort: g.port, hostPort: g.port, name: 'metrics', protocol: 'TCP' }],
              readinessProbe: httpProbe('/readyz', g.port, probeHost),
              resources: {
                limits: { memory: `${res.memoryLimitMebibytes}Mi` },
                requests: { cpu: `${res.cpuRequestMillis}m`, memory: `${res.memoryRequestMebibytes}Mi` },
              },
              securityContext: {
                allowPrivilegeEscalation: false,
                capabilities: { ...(capabilitiesOf(g.mode).length ? { add: [...capabilitiesOf(g.mode)] } : {}), drop: ['ALL'] },
                privileged: false,
                readOnlyRootFilesystem: true,
                runAsNonRoot: !root,
                runAsUser: user,
                seccompProfile: { type: 'RuntimeDefault' },
              },
              volumeMounts: [
                { mountPath: AGENT_CONFIG_MOUNT.path, name: AGENT_CONFIG_MOUNT.volume, readOnly: true },
                ...(token !== undefined ? [{ mountPath: m.path, name: m.volume, readOnly: true }] : []),
                ...(g.mode === 'apply' ? [{ mountPath: AGENT_JOURNAL_MOUNT.path, name: AGENT_JOURNAL_MOUNT.volume }] : []),
              ],
            },
          ],
          dnsPolicy: 'ClusterFirstWithHostNet',
          hostNetwork: true,
          ...(Object.keys(g.nodeGroup.nodeSelector).length ? { nodeSelector: { ...g.nodeGroup.nodeSelector } } : {}),
          ...(r.priorityClassName ? { priorityClassName: r.priorityClassName } : {}),
          restartPolicy: 'Always',
          securityContext: { fsGroupChangePolicy: 'Always', runAsNonRoot: !root, runAsUser: user },
          serviceAccountName: r.name,
          setHostnameAsFQDN: false,
          terminationGracePeriodSeconds: 30,
          // every taint, as kube-proxy and Multus do: the nodeSelector alone decides where the agent runs
          tolerations: [{ operator: 'Exists' }],
          volumes: [
            { configMap: { name: g.name }, name: AGENT_CONFIG_MOUNT.volume },
            // only the key `token`: a Secret without it fails the mount, so the pod never serves /state unauthenticated
            ...(token !== undefined ? [{ name: m.volume, secret: { items: [{ key: m.key, path: m.key }], secretName: token } }] : []),
            ...(g.mode === 'apply' ? [{ hostPath: { path: AGENT_JOURNAL_MOUNT.path, type: 'DirectoryOrCreate' }, name: AGENT_JOURNAL_MOUNT.volume }] : []),
          ],
        },
      },
      updateStrategy: { rollingUpdate: { ...AGENT_UPDATE_STRATEGY.rollingUpdate }, type: AGENT_UPDATE_STRATEGY.type },
    },
  };
}

/** One manifest of the agent deployment with the keys ({@link objectKey}) of the objects it needs first. */
export interface AgentManifest {
  readonly manifest: Manifest;
  readonly dependsOn: readonly string[];
}

/**
 * Every manifest of the agent deployment, in apply order: Namespace, ServiceAccount, ClusterRole,
 * the own-node policy and its binding, ClusterRoleBinding, on OpenShift the SecurityContextConstraints
 * (unless an existing one is named) and the Role + RoleBinding granting its use (agent-scc.ts),
 * then ConfigMap + DaemonSet per group.
 */
export function renderAgentDeployment(t: Topology, options: AgentDeploymentOptions = {}): Manifest[] {
  return agentManifests(resolveAgentDeployment(t, options)).map((a) => a.manifest);
}

/**
 * The manifests of a resolved deployment, in apply order, each with what it needs created first:
 * the ServiceAccount, ConfigMaps and DaemonSets their Namespace, the policy binding its policy, the
 * role binding its role, account and — so the grant never exists without its restriction — the
 * policy binding, each DaemonSet its ConfigMap, account and role binding.
 */
export function agentManifests(r: ResolvedAgentDeployment): AgentManifest[] {
  const out: AgentManifest[] = [];
  const ns = r.createNamespace ? [objectKey('Namespace', r.namespace)] : [];
  const account = objectKey('ServiceAccount', r.name, r.namespace);
  const role = objectKey('ClusterRole', r.name);
  const binding = objectKey('ClusterRoleBinding', r.name);
  const restricted = r.markBridges && r.restrictToOwnNode;
  const [policy, policyBinding] = ownNodeAdmissionPolicy(r, (name) => agentMetadata(r, name, false));
  if (r.createNamespace) {
    const m = agentMetadata(r, r.namespace, false, AGENT_NAMESPACE_LABELS);
    out.push({ manifest: { apiVersion: 'v1', kind: 'Namespace', metadata: m, spec: {} }, dependsOn: [] });
  }
  out.push({ manifest: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: agentMetadata(r, r.name, true), automountServiceAccountToken: r.markBridges }, dependsOn: ns });
  if (r.markBridges) {
    out.push({
      manifest: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: agentMetadata(r, r.name, false),
        rules: AGENT_CLUSTER_ROLE_RULES.map((x) => ({ apiGroups: [...x.apiGroups], resourceNames: [], resources: [...x.resources], verbs: [...x.verbs] })),
      },
      dependsOn: [],
    });
    if (restricted) {
      out.push({ manifest: policy, dependsOn: [] });
      out.push({ manifest: policyBinding, dependsOn: [manifestKey(policy)] });
    }
    out.push({
      manifest: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: agentMetadata(r, r.name, false),
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: r.name },
        subjects: [{ apiGroup: '', kind: 'ServiceAccount', name: r.name, namespace: r.namespace }],
      },
      dependsOn: [role, account, ...(restricted ? [manifestKey(policyBinding)] : [])],
    });
  }
  const daemonSets = r.groups.map((g) => agentDaemonSet(r, g));
  const sccGrant: string[] = [];
  if (r.scc) {
    const scc = r.scc.create ? sccForPods(agentMetadata(r, r.scc.name, false), daemonSets.map(podSpecOf)) : undefined;
    if (scc) out.push({ manifest: scc, dependsOn: [] });
    const [sccRole, sccBinding] = sccRoleAndBinding(r, r.scc.name, (name) => agentMetadata(r, name, true));
    out.push({ manifest: sccRole, dependsOn: ns });
    out.push({ manifest: sccBinding, dependsOn: [...ns, manifestKey(sccRole), account, ...(scc ? [manifestKey(scc)] : [])] });
    sccGrant.push(manifestKey(sccBinding));
  }
  r.groups.forEach((g, i) => {
    const configMap: Manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: agentMetadata(r, g.name, true, { [NODE_GROUP_LABEL]: g.nodeGroup.name }), data: agentConfigData(g), immutable: false };
    out.push({ manifest: configMap, dependsOn: ns });
    // on OpenShift the pods are admitted only once the ServiceAccount may use the SCC
    out.push({ manifest: daemonSets[i], dependsOn: [...ns, manifestKey(configMap), account, ...(r.markBridges ? [binding] : []), ...sccGrant] });
  });
  return out;
}

/**
 * On OpenShift, `multihome.io/isolation: openshift` on the DaemonSet (render/targets.ts), so
 * `multihome check` on the output judges it for OpenShift — its SCC admission — as the build did,
 * whoever renders it (an environment, a standalone NetworkAgent, Pulumi).
 */
function openShiftTarget(r: ResolvedAgentDeployment, metadata: ObjectMeta): ObjectMeta {
  return r.scc ? { ...metadata, annotations: { ...(metadata.annotations ?? {}), [ISOLATION_ANNOTATION]: 'openshift' } } : metadata;
}

/** The pod spec of a rendered DaemonSet. */
function podSpecOf(ds: Manifest): Record<string, unknown> {
  return (ds.spec as { template: { spec: Record<string, unknown> } }).template.spec;
}

/**
 * Capabilities a mode adds; none for a mode that is not one of {@link AGENT_MODES} (the
 * deployment validator reports it; rendering still runs before validation and must not throw).
 */
function capabilitiesOf(mode: string): readonly string[] {
  return Object.prototype.hasOwnProperty.call(AGENT_CAPABILITIES, mode) ? AGENT_CAPABILITIES[mode as keyof typeof AGENT_CAPABILITIES] : [];
}
