/**
 * The node agent's deployment, rendered from the same topology as the policies: a Namespace, a
 * ServiceAccount, a ClusterRole + ClusterRoleBinding limited to the two Node calls the agent makes
 * (lib/agent/node-marker.ts), then per node group one ConfigMap (the group's agent config, from
 * {@link agentConfigs}) and one DaemonSet with the group's nodeSelector. Plain manifests,
 * deterministic, in apply order; the Pulumi component registers them as they are and the cdk8s
 * construct builds the same objects with cdk8s-plus-28 (a test asserts both are identical, which
 * is why a few API defaults cdk8s-plus writes — `minReadySeconds: 0`, `immutable: false`,
 * `resourceNames: []`… — are written here too).
 */
import * as ipaddr from 'ipaddr.js';
import * as YAML from 'yaml';
import { CodeTable, Problem } from '../errors';
import { Manifest, ObjectMeta } from '../manifest';
import { interfaceNameError } from '../names';
import { ProblemSink, show } from '../problems';
import { AgentConfigDocument, agentConfigs, AgentConfigOptions } from './agent-config';
import { NodeGroupSpec, Topology } from './model';
import { SYNC_WAVE_ANNOTATION } from './render';
import { planPolicies } from './render-nncp';
import { resolveTopology } from './resolve';

/** multihome's version: the default agent image tag (a test keeps it equal to package.json's). */
export const MULTIHOME_VERSION = '0.1.0';

/** Agent modes: `observe` only reads the host; `apply` converges it (nodes without NetworkManager). */
export type AgentMode = 'observe' | 'apply';

/** The one defaults object of the agent deployment (STYLE.md #8). */
export const AGENT_DEPLOYMENT_DEFAULTS = {
  name: 'multihome-agent',
  namespace: 'multihome-system',
  createNamespace: true,
  image: `ghcr.io/multihome/agent:${MULTIHOME_VERSION}`,
  imagePullPolicy: 'IfNotPresent',
  mode: 'observe',
  intervalSeconds: 60,
  port: 9680,
  markBridges: true,
} as const;

/** Where the ConfigMap is mounted (the agent CLI's default `--config`) and its one key. */
export const AGENT_CONFIG_MOUNT = { path: '/etc/multihome-agent', volume: 'config', key: 'agent.yaml' } as const;

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

/** Requests and limits: the agent is one Node.js process that mostly sleeps; no CPU limit (no throttling mid-apply). */
export const AGENT_RESOURCES = { cpuRequestMillis: 20, memoryRequestMebibytes: 64, memoryLimitMebibytes: 256 } as const;

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
  AGENT_DEPLOYMENT_OPTION: { severity: 'error', summary: 'An option is out of range: mode, intervalSeconds, port, image.', upstream: 'multihome (lib/agent/cli.ts options)' },
  AGENT_DEPLOYMENT_PROBE: { severity: 'error', summary: 'A probe the agent would reject: target not an IP address, bad interface name, timeout outside (0, 600].', upstream: 'lib/agent/config.ts resolveProbe' },
  AGENT_DEPLOYMENT_OVERLAP: { severity: 'warning', summary: 'Two node groups in apply mode can select the same node: two agents would converge it concurrently.', upstream: 'multihome' },
} as const satisfies CodeTable;

/** Options of the agent deployment (the NetworkAgent construct's props, the component's args). */
export interface AgentDeploymentOptions extends AgentConfigOptions {
  /** Name of the ServiceAccount and RBAC objects, prefix of the per-group objects. @default 'multihome-agent' */
  readonly name?: string;
  /** @default 'multihome-system' */
  readonly namespace?: string;
  /** Render the Namespace object (labelled for the privileged Pod Security level). @default true */
  readonly createNamespace?: boolean;
  /** @default `ghcr.io/multihome/agent:<multihome version>` */
  readonly image?: string;
  /** @default 'IfNotPresent' */
  readonly imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  /** @default 'observe' */
  readonly mode?: AgentMode;
  /** Mode per node group name, over `mode`. @default - `mode` everywhere */
  readonly nodeGroupModes?: Readonly<Record<string, AgentMode>>;
  /** Reconcile period (`--interval-seconds`). @default 60 */
  readonly intervalSeconds?: number;
  /**
   * HTTP port (/healthz, /metrics, /state) on the host network. Node groups may overlap, so the
   * n-th group (0-based, topology order) listens on `port + n`.
   * @default 9680
   */
  readonly port?: number;
  /** Mark bridges as node capacity (bridge-marker); without it no RBAC is rendered and no token is mounted. @default true */
  readonly markBridges?: boolean;
}

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
  readonly image: string;
  readonly imagePullPolicy: string;
  readonly intervalSeconds: number;
  readonly markBridges: boolean;
  /** Labels of every object. */
  readonly labels: Readonly<Record<string, string>>;
  /** The prerequisites sync wave, or none when the topology turns sync waves off. */
  readonly annotations: Readonly<Record<string, string>>;
  readonly groups: readonly AgentNodeGroupDeployment[];
}

/** Resolves every default once; unknown group names are left out (reported by {@link validateAgentDeployment}). */
export function resolveAgentDeployment(t: Topology, options: AgentDeploymentOptions = {}): ResolvedAgentDeployment {
  const d = AGENT_DEPLOYMENT_DEFAULTS;
  const name = options.name ?? d.name;
  const port = options.port ?? d.port;
  const resolved = resolveTopology(t);
  const labels = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': 'multihome' };
  return {
    name,
    namespace: options.namespace ?? d.namespace,
    createNamespace: options.createNamespace ?? d.createNamespace,
    image: options.image ?? d.image,
    imagePullPolicy: options.imagePullPolicy ?? d.imagePullPolicy,
    intervalSeconds: options.intervalSeconds ?? d.intervalSeconds,
    markBridges: options.markBridges ?? d.markBridges,
    labels,
    annotations: resolved.syncWaves ? { [SYNC_WAVE_ANNOTATION]: String(resolved.waves.prerequisites) } : {},
    groups: agentConfigs(t, options).map((c, i) => ({
      nodeGroup: c.nodeGroup,
      name: `${name}-${c.nodeGroup.name}`,
      mode: options.nodeGroupModes?.[c.nodeGroup.name] ?? options.mode ?? d.mode,
      port: port + i,
      selector: { 'app.kubernetes.io/name': name, [NODE_GROUP_LABEL]: c.nodeGroup.name },
      document: c.document,
    })),
  };
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Every problem of the options against the topology (errors and warnings). */
export function validateAgentDeployment(t: Topology, options: AgentDeploymentOptions = {}): Problem[] {
  const r = resolveAgentDeployment(t, options);
  const sink = new ProblemSink({ kind: 'NetworkAgent', name: r.name }, AGENT_DEPLOYMENT_CODES);
  const groups = new Set(t.nodeGroups.map((g) => g.name));
  const selected = new Set(r.groups.map((g) => g.nodeGroup.name));
  const unknownGroup = (path: string, g: string) =>
    sink.add('AGENT_DEPLOYMENT_NODE_GROUP', path, `node group ${show(g)} is not ${groups.has(g) ? 'selected by nodeGroups' : 'a node group of the topology'}`, `use one of ${show([...selected])}`);
  options.nodeGroups?.forEach((g, i) => groups.has(g) || unknownGroup(`nodeGroups[${i}]`, g));
  for (const g of Object.keys(options.nodeGroupModes ?? {})) if (!selected.has(g)) unknownGroup(`nodeGroupModes.${g}`, g);
  for (const g of Object.keys(options.probes ?? {})) if (!selected.has(g)) unknownGroup(`probes.${g}`, g);
  const policies = new Set(planPolicies(resolveTopology(t)).map((p) => p.name));
  options.policies?.forEach((p, i) => {
    if (!policies.has(p)) sink.add('AGENT_DEPLOYMENT_POLICY', `policies[${i}]`, `policy ${show(p)} is not an NNCP of the topology`, `use one of ${show([...policies])}`);
  });
  const name = (path: string, value: string, what: string) => {
    if (value.length > 63 || !DNS1123_LABEL.test(value))
      sink.add('AGENT_DEPLOYMENT_NAME', path, `${what} ${show(value)} is not a DNS-1123 label (lower-case alphanumerics and "-", at most 63 characters)`, 'rename it (or the node group), or set a shorter name');
  };
  name('namespace', r.namespace, 'namespace');
  name('name', r.name, 'name');
  for (const g of r.groups) name(`nodeGroups.${g.nodeGroup.name}`, g.name, `DaemonSet/ConfigMap name of node group ${g.nodeGroup.name}`);
  for (const [path, mode] of [['mode', options.mode], ...Object.entries(options.nodeGroupModes ?? {}).map(([k, v]) => [`nodeGroupModes.${k}`, v])] as const)
    if (mode !== undefined && !Object.hasOwn(AGENT_CAPABILITIES, mode)) sink.add('AGENT_DEPLOYMENT_OPTION', path, `mode ${show(mode)} is not observe or apply`, 'use observe (kubernetes-nmstate nodes) or apply (nodes without NetworkManager)');
  if (!Number.isInteger(r.intervalSeconds) || r.intervalSeconds < 1) sink.add('AGENT_DEPLOYMENT_OPTION', 'intervalSeconds', `intervalSeconds ${show(r.intervalSeconds)} must be a whole number of seconds ≥ 1`, 'give e.g. 60');
  const first = options.port ?? AGENT_DEPLOYMENT_DEFAULTS.port;
  const last = first + Math.max(r.groups.length - 1, 0);
  if (!Number.isInteger(first) || first < 1 || last > 65535) sink.add('AGENT_DEPLOYMENT_OPTION', 'port', `ports ${show(first)}–${show(last)} (one per node group) must lie in 1–65535`, 'give a lower port');
  if (!r.image || /\s/.test(r.image)) sink.add('AGENT_DEPLOYMENT_OPTION', 'image', `image ${show(r.image)} is empty or contains whitespace`, 'give an image reference such as ghcr.io/multihome/agent:0.1.0');
  for (const [g, list] of Object.entries(options.probes ?? {})) list.forEach((p, i) => validateProbe(sink, `probes.${g}[${i}]`, p));
  const apply = r.groups.filter((g) => g.mode === 'apply');
  for (let i = 0; i < apply.length; i++)
    for (const b of apply.slice(i + 1)) {
      const a = apply[i];
      if (!selectorsDisjoint(a.nodeGroup.nodeSelector, b.nodeGroup.nodeSelector))
        sink.add('AGENT_DEPLOYMENT_OVERLAP', 'nodeGroupModes', `node groups ${a.nodeGroup.name} and ${b.nodeGroup.name} are both in apply mode and their nodeSelectors can match the same node`, 'apply from one of them only (nodeGroupModes) or make their selectors exclusive');
    }
  return sink.problems;
}

function validateProbe(sink: ProblemSink, path: string, p: { target: string; interface?: string; timeoutSeconds?: number }): void {
  if (typeof p.target !== 'string' || !ipaddr.isValid(p.target)) sink.add('AGENT_DEPLOYMENT_PROBE', `${path}.target`, `probe target ${show(p.target)} is not an IP address`, 'give the IPv4/IPv6 address to ping');
  const err = p.interface !== undefined ? interfaceNameError(p.interface) : undefined;
  if (err) sink.add('AGENT_DEPLOYMENT_PROBE', `${path}.interface`, `probe interface ${show(p.interface)} ${err}`, 'give an interface name');
  const t = p.timeoutSeconds;
  if (t !== undefined && !(t > 0 && t <= 600)) sink.add('AGENT_DEPLOYMENT_PROBE', `${path}.timeoutSeconds`, `timeoutSeconds ${show(t)} must be in (0, 600]`, 'give seconds');
}

/** Two equality selectors can never match the same node only when they require different values of one label. */
export function selectorsDisjoint(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  return Object.entries(a).some(([k, v]) => k in b && b[k] !== v);
}

/** `agent run` arguments of one group's container. */
export function agentContainerArgs(r: ResolvedAgentDeployment, g: AgentNodeGroupDeployment): string[] {
  return [
    'agent', 'run', '--mode', g.mode, '--config', AGENT_CONFIG_MOUNT.path,
    '--interval-seconds', String(r.intervalSeconds), '--port', String(g.port),
    ...(r.markBridges ? [] : ['--no-mark-bridges']),
  ];
}

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

/** The http probe of the agent's /healthz (liveness and readiness). */
const healthz = (port: number) => ({ failureThreshold: 3, httpGet: { path: '/healthz', port, scheme: 'HTTP' } });

/** One group's DaemonSet. */
export function agentDaemonSet(r: ResolvedAgentDeployment, g: AgentNodeGroupDeployment): Manifest {
  const user = AGENT_USER[g.mode];
  const root = user === 0;
  const res = AGENT_RESOURCES;
  const selector = { ...g.selector };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: agentMetadata(r, g.name, true, { [NODE_GROUP_LABEL]: g.nodeGroup.name }),
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
              env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
              image: r.image,
              imagePullPolicy: r.imagePullPolicy,
              livenessProbe: healthz(g.port),
              name: 'agent',
              ports: [{ containerPort: g.port, hostPort: g.port, name: 'metrics', protocol: 'TCP' }],
              readinessProbe: healthz(g.port),
              resources: {
                limits: { memory: `${res.memoryLimitMebibytes}Mi` },
                requests: { cpu: `${res.cpuRequestMillis}m`, memory: `${res.memoryRequestMebibytes}Mi` },
              },
              securityContext: {
                allowPrivilegeEscalation: false,
                capabilities: { ...(AGENT_CAPABILITIES[g.mode].length ? { add: [...AGENT_CAPABILITIES[g.mode]] } : {}), drop: ['ALL'] },
                privileged: false,
                readOnlyRootFilesystem: true,
                runAsNonRoot: !root,
                runAsUser: user,
                seccompProfile: { type: 'RuntimeDefault' },
              },
              volumeMounts: [{ mountPath: AGENT_CONFIG_MOUNT.path, name: AGENT_CONFIG_MOUNT.volume, readOnly: true }],
            },
          ],
          dnsPolicy: 'ClusterFirstWithHostNet',
          hostNetwork: true,
          ...(Object.keys(g.nodeGroup.nodeSelector).length ? { nodeSelector: { ...g.nodeGroup.nodeSelector } } : {}),
          restartPolicy: 'Always',
          securityContext: { fsGroupChangePolicy: 'Always', runAsNonRoot: !root, runAsUser: user },
          serviceAccountName: r.name,
          setHostnameAsFQDN: false,
          terminationGracePeriodSeconds: 30,
          // every taint, as kube-proxy and Multus do: the nodeSelector alone decides where the agent runs
          tolerations: [{ operator: 'Exists' }],
          volumes: [{ configMap: { name: g.name }, name: AGENT_CONFIG_MOUNT.volume }],
        },
      },
    },
  };
}

/** Every manifest of the agent deployment, in apply order: Namespace, ServiceAccount, RBAC, then ConfigMap + DaemonSet per group. */
export function renderAgentDeployment(t: Topology, options: AgentDeploymentOptions = {}): Manifest[] {
  const r = resolveAgentDeployment(t, options);
  const out: Manifest[] = [];
  if (r.createNamespace) {
    const m = agentMetadata(r, r.namespace, false, AGENT_NAMESPACE_LABELS);
    out.push({ apiVersion: 'v1', kind: 'Namespace', metadata: m, spec: {} });
  }
  out.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: agentMetadata(r, r.name, true), automountServiceAccountToken: r.markBridges });
  if (r.markBridges) {
    out.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: agentMetadata(r, r.name, false),
      rules: AGENT_CLUSTER_ROLE_RULES.map((x) => ({ apiGroups: [...x.apiGroups], resourceNames: [], resources: [...x.resources], verbs: [...x.verbs] })),
    });
    out.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: agentMetadata(r, r.name, false),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: r.name },
      subjects: [{ apiGroup: '', kind: 'ServiceAccount', name: r.name, namespace: r.namespace }],
    });
  }
  for (const g of r.groups) {
    out.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: agentMetadata(r, g.name, true, { [NODE_GROUP_LABEL]: g.nodeGroup.name }), data: agentConfigData(g), immutable: false });
    out.push(agentDaemonSet(r, g));
  }
  return out;
}
