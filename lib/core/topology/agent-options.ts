/**
 * The node agent's options as plain data, apart from the code that renders them, so the topology
 * model (model.ts) and the typed environments (define.ts) can name them without importing a renderer.
 */
import type { AgentMode } from '../agent-defaults';

export type { AgentMode } from '../agent-defaults';

/**
 * A ping probe the agent runs after an apply; a failure rolls the change back. Declared here, in
 * the core, and used by the agent (lib/agent/config.ts `ProbeSpec`): one definition for both.
 */
export interface AgentProbeSpec {
  /** Shown in reports and metrics. @default `ping-<target>` */
  readonly name?: string;
  /** @default 'ping' (the only type) */
  readonly type?: 'ping';
  /** Address to ping (IPv4 or IPv6). */
  readonly target: string;
  /** Ping through this interface (`ping -I`). @default - the routing table decides */
  readonly interface?: string;
  /** Give up after this long. @default 10 */
  readonly timeoutSeconds?: number;
}

/** What goes into agent configs besides the topology. */
export interface AgentConfigOptions {
  /** Node groups that get an agent config, by name. @default - every node group, in topology order */
  readonly nodeGroups?: readonly string[];
  /**
   * Only these NNCPs (by name) go into the configs, e.g. to leave out policies the agent cannot
   * apply (DHCP) or that kubernetes-nmstate manages alone.
   * @default - every policy selecting the group
   */
  readonly policies?: readonly string[];
  /** Ping probes per node group name. @default - none (the agent's default-gateway probe) */
  readonly probes?: Readonly<Record<string, readonly AgentProbeSpec[]>>;
  /** @default - the agent's default (true) */
  readonly defaultGatewayProbe?: boolean;
}

/** Options of the agent deployment (the NetworkAgent construct's props, the component's args). */
export interface AgentDeploymentOptions extends AgentConfigOptions {
  /** Name of the ServiceAccount and RBAC objects, prefix of the per-group objects. @default 'multihome-agent' */
  readonly name?: string;
  /** @default 'multihome-system' */
  readonly namespace?: string;
  /** Render the Namespace object (labelled for the privileged Pod Security level). @default true */
  readonly createNamespace?: boolean;
  /**
   * Image reference (`[registry/]repository[:tag][@sha256:<64 hex>]`, the docker reference
   * grammar). A tag can be moved to other content; a digest cannot, so every node runs the same
   * bytes. A user-given image without a digest (and without `imageDigest`) is a warning.
   * @default `ghcr.io/multihome/agent:<multihome version>` (the release tag)
   */
  readonly image?: string;
  /**
   * Digest that pins `image` (`sha256:<64 hex>`): the DaemonSet runs `<image>@<digest>`, e.g. the
   * default image's release tag pinned as `ghcr.io/multihome/agent:0.1.0@sha256:…`. Obtain it
   * with `docker buildx imagetools inspect <image>` (or `crane digest <image>`).
   * @default - none (the image as given)
   */
  readonly imageDigest?: string;
  /** With a digest `IfNotPresent` is exact: the node's copy is the pinned content. @default 'IfNotPresent' */
  readonly imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  /** @default 'observe' */
  readonly mode?: AgentMode;
  /** Mode per node group name, over `mode`. @default - `mode` everywhere */
  readonly nodeGroupModes?: Readonly<Record<string, AgentMode>>;
  /** Reconcile period (`--interval-seconds`). @default 60 */
  readonly intervalSeconds?: number;
  /**
   * HTTP port (/healthz, /metrics, and /state when `state.enabled`) on the host network. Node
   * groups may overlap, so the n-th group (0-based, topology order) listens on `port + n`.
   * @default 9680
   */
  readonly port?: number;
  /** Mark bridges as node capacity (bridge-marker); without it no RBAC is rendered and no token is mounted. @default true */
  readonly markBridges?: boolean;
  /**
   * Limit each node's agent to its own Node (with `markBridges`). RBAC cannot name "the node this
   * pod runs on", so the ClusterRole allows `patch nodes/status` on every node; a
   * ValidatingAdmissionPolicy + binding (`<name>-own-node`) then denies every such write by the
   * agent's ServiceAccount unless the Node is the one in the token's node claim and only its
   * `bridge.network.kubevirt.io/*` capacity/allocatable keys change.
   *
   * Needs Kubernetes >= 1.30 (admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy GA; the
   * node claim of pod-bound tokens, ServiceAccountTokenPodNodeInfo, on by default). `false` for
   * older clusters: every agent can then rewrite the status of every node (a warning).
   * `get nodes` stays cluster-wide either way: reads are not admitted, and `resourceNames` cannot
   * follow a DaemonSet's nodes; the agent only reads its own Node's capacity.
   * @default true
   * @see https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/
   */
  readonly restrictToOwnNode?: boolean;
  /**
   * PriorityClass of the pods: `system-node-critical`, as kube-proxy, Multus, bridge-marker and
   * the kubernetes-nmstate handler use, so the agent is scheduled before and evicted after
   * ordinary pods. `false` renders none. Clusters that limit the critical classes with a
   * ResourceQuota (admission `limitedResources`) need a quota for it in the agent's namespace.
   * @default 'system-node-critical'
   * @see https://kubernetes.io/docs/tasks/administer-cluster/guaranteed-scheduling-critical-addon-pods/
   */
  readonly priorityClassName?: string | false;
  /**
   * Address the agent's HTTP server binds (`--listen-address`). /state returns the node's whole
   * intent (interfaces, addresses, routes) and the last plan, and the pods run on the host
   * network: with `0.0.0.0` it answers on every address of the node, including addresses on
   * VM-facing bridges and VLANs (seed 000's `br1`, seed 002's `bond0.144`), i.e. to VMs on those
   * networks — NetworkPolicies do not cover host-network pods. Restrict it with
   * `AGENT_LISTEN_NODE_IP` (`'node-ip'`: only the node's primary address, where kubelet probes
   * and Prometheus scrape) or `'127.0.0.1'` (loopback: probes are pointed there; scrape through a
   * node-local proxy), or filter the port on the host firewall. `'0.0.0.0'` answers everywhere.
   * @default 'node-ip' (`AGENT_LISTEN_NODE_IP`)
   */
  readonly listenAddress?: string;
  /** The agent's /state endpoint (the node's intent, the last plan and its errors). @default - off */
  readonly state?: AgentStateOptions;
  /**
   * OpenShift only (`platform: 'openshift'`): the SecurityContextConstraints the agent's pods run
   * under. Unset, the agent renders its own SCC, named like the agent (`name`), admitting exactly
   * what its pods use — host network and the DaemonSet's host ports, the capabilities the
   * containers add (apply: NET_ADMIN and NET_RAW; observe: none), the pods' volume types and
   * their one uid — and nothing else (not privileged, no privilege escalation, ALL dropped). Given
   * the name of an SCC the cluster already has (e.g. one your platform team manages), the agent
   * renders no SCC, only the grant. Either way the ServiceAccount gets `use` of the SCC through a
   * Role + RoleBinding `<name>-scc` in the agent's namespace (`users`/`groups` stay empty).
   * The SCC must allow what the pods need: OpenShift's `hostnetwork-v2` does not (it allows no
   * capability but NET_BIND_SERVICE and only the namespace's uid range). An error on other platforms.
   * @default - on OpenShift, the agent's own least-privilege SCC `<name>`; nothing on other platforms
   * @see https://docs.openshift.com/container-platform/latest/authentication/managing-security-context-constraints.html
   */
  readonly securityContextConstraints?: string;
}

/** Options of the agent's /state endpoint (`--serve-state`, `--state-token-file`). */
export interface AgentStateOptions {
  /** Serve /state (`--serve-state`). Without `tokenSecret` on a non-loopback address: a warning. @default false */
  readonly enabled?: boolean;
  /**
   * Secret in the agent's namespace whose key `token` /state requires as `Authorization: Bearer
   * <token>`; mounted read-only at `/var/run/multihome/state-token` (`--state-token-file`).
   * @default - none: /state unauthenticated
   */
  readonly tokenSecret?: string;
}
