/**
 * Validation of the agent deployment's options against the topology: node group, policy and
 * probe references, names Kubernetes would refuse, option ranges, apply-mode groups that can
 * share a node, and — through the agent's own normalizer — intents a group's agent would refuse
 * in its mode (agent-intent-check.ts). `validateEnvironment` runs it for `Topology.agent`; the
 * cdk8s construct and the Pulumi component run it for standalone agents.
 */
import * as ipaddr from 'ipaddr.js';
import { Problem } from '../errors';
import { DNS1123_LABEL, DNS1123_SUBDOMAIN, interfaceNameError } from '../names';
import { ProblemSink, show } from '../problems';
import { ADMISSION_POLICY_MIN_KUBERNETES } from './agent-admission-policy';
import {
  AGENT_CAPABILITIES, AGENT_DEPLOYMENT_CODES, AGENT_DEPLOYMENT_DEFAULTS, AGENT_LISTEN_NODE_IP, AgentDeploymentOptions, agentConfigData, CONFIG_MAP_MAX_BYTES,
  ResolvedAgentDeployment, resolveAgentDeploymentOf,
} from './agent-deployment';
import { checkAgentIntents } from './agent-intent-check';
import { digestError, parseImageReference } from './image-reference';
import { Platform, Topology } from './model';
import { planPoliciesInOrder } from './policy-order';
import { PlannedPolicy } from './render-nncp';
import { ResolvedTopology, resolveTopology } from './resolve';

/** Every problem of the options against the topology (errors and warnings). */
export function validateAgentDeployment(t: Topology, options: AgentDeploymentOptions = {}): Problem[] {
  const resolved = resolveTopology(t);
  const { policies } = planPoliciesInOrder(resolved);
  return validateAgentDeploymentOf(resolved, policies, resolveAgentDeploymentOf(resolved, policies, options), options);
}

/**
 * {@link validateAgentDeployment} of a resolved topology with its planned policies and the
 * deployment resolved from `options`.
 */
export function validateAgentDeploymentOf(t: ResolvedTopology, plannedPolicies: readonly PlannedPolicy[], r: ResolvedAgentDeployment, options: AgentDeploymentOptions): Problem[] {
  const sink = new ProblemSink({ kind: 'NetworkAgent', name: r.name }, AGENT_DEPLOYMENT_CODES);
  const groups = new Set(t.nodeGroups.map((g) => g.name));
  const selected = new Set(r.groups.map((g) => g.nodeGroup.name));
  const unknownGroup = (path: string, g: string) =>
    sink.add('AGENT_DEPLOYMENT_NODE_GROUP', path, `node group ${show(g)} is not ${groups.has(g) ? 'selected by nodeGroups' : 'a node group of the topology'}`, `use one of ${show([...selected])}`);
  options.nodeGroups?.forEach((g, i) => groups.has(g) || unknownGroup(`nodeGroups[${i}]`, g));
  for (const g of Object.keys(options.nodeGroupModes ?? {})) if (!selected.has(g)) unknownGroup(`nodeGroupModes.${g}`, g);
  for (const g of Object.keys(options.probes ?? {})) if (!selected.has(g)) unknownGroup(`probes.${g}`, g);
  const policies = new Set(plannedPolicies.map((p) => p.name));
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
  for (const g of r.groups) {
    const bytes = Object.values(agentConfigData(g)).reduce((n, v) => n + Buffer.byteLength(v, 'utf8'), 0);
    if (bytes > CONFIG_MAP_MAX_BYTES)
      sink.add(
        'AGENT_DEPLOYMENT_CONFIG_TOO_LARGE', `nodeGroups.${g.nodeGroup.name}`,
        `the agent config of node group ${g.nodeGroup.name} is ${bytes} bytes (${g.document.nodes?.length ?? 0} node entries); a ConfigMap holds at most ${CONFIG_MAP_MAX_BYTES} (1 MiB)`,
        'split the node group into smaller groups (fewer nodes with per-node addresses each), or leave policies out of the agent config (policies)',
      );
  }
  for (const [path, mode] of [['mode', options.mode], ...Object.entries(options.nodeGroupModes ?? {}).map(([k, v]) => [`nodeGroupModes.${k}`, v])] as const)
    if (mode !== undefined && !Object.hasOwn(AGENT_CAPABILITIES, mode)) sink.add('AGENT_DEPLOYMENT_OPTION', path, `mode ${show(mode)} is not observe or apply`, 'use observe (kubernetes-nmstate nodes) or apply (nodes without NetworkManager)');
  if (!Number.isInteger(r.intervalSeconds) || r.intervalSeconds < 1) sink.add('AGENT_DEPLOYMENT_OPTION', 'intervalSeconds', `intervalSeconds ${show(r.intervalSeconds)} must be a whole number of seconds ≥ 1`, 'give e.g. 60');
  const first = options.port ?? AGENT_DEPLOYMENT_DEFAULTS.port;
  const last = first + Math.max(r.groups.length - 1, 0);
  if (!Number.isInteger(first) || first < 1 || last > 65535) sink.add('AGENT_DEPLOYMENT_OPTION', 'port', `ports ${show(first)}–${show(last)} (one per node group) must lie in 1–65535`, 'give a lower port');
  validateImage(sink, options);
  if (r.listenAddress !== AGENT_LISTEN_NODE_IP && !ipaddr.isValid(r.listenAddress))
    sink.add('AGENT_DEPLOYMENT_OPTION', 'listenAddress', `listenAddress ${show(r.listenAddress)} is not an IP address nor ${show(AGENT_LISTEN_NODE_IP)}`, `give 0.0.0.0, 127.0.0.1, or ${show(AGENT_LISTEN_NODE_IP)} for the node's primary address`);
  if (r.priorityClassName !== undefined && (r.priorityClassName.length > 253 || !DNS1123_SUBDOMAIN.test(r.priorityClassName)))
    sink.add('AGENT_DEPLOYMENT_OPTION', 'priorityClassName', `priorityClassName ${show(r.priorityClassName)} is not a DNS-1123 subdomain`, 'give the name of a PriorityClass, or false for none');
  for (const [g, list] of Object.entries(options.probes ?? {})) list.forEach((p, i) => validateProbe(sink, `probes.${g}[${i}]`, p));
  validateAccess(sink, r);
  validateScc(sink, t, options);
  const apply = r.groups.filter((g) => g.mode === 'apply');
  for (let i = 0; i < apply.length; i++)
    for (const b of apply.slice(i + 1)) {
      const a = apply[i];
      if (!selectorsDisjoint(a.nodeGroup.nodeSelector, b.nodeGroup.nodeSelector))
        sink.add('AGENT_DEPLOYMENT_OVERLAP', 'nodeGroupModes', `node groups ${a.nodeGroup.name} and ${b.nodeGroup.name} are both in apply mode and their nodeSelectors can match the same node`, 'apply from one of them only (nodeGroupModes) or make their selectors exclusive');
    }
  checkAgentIntents(sink, r.groups, plannedPolicies);
  return sink.problems;
}

/** The image reference, its digest, and whether a user-given image is pinned. */
function validateImage(sink: ProblemSink, options: AgentDeploymentOptions): void {
  const image = options.image ?? AGENT_DEPLOYMENT_DEFAULTS.image;
  const parsed = parseImageReference(image);
  const example = `${AGENT_DEPLOYMENT_DEFAULTS.image}@sha256:<64 hex>`;
  if (typeof parsed === 'string') sink.add('AGENT_DEPLOYMENT_OPTION', 'image', `image ${show(image)} ${parsed}`, `give an image reference such as ${example}`);
  const digest = options.imageDigest;
  if (digest !== undefined) {
    const err = digestError(digest);
    if (err) sink.add('AGENT_DEPLOYMENT_OPTION', 'imageDigest', `imageDigest ${show(digest)} ${err}`, 'give the digest `docker buildx imagetools inspect <image>` prints, e.g. sha256:<64 hex>');
    else if (typeof parsed !== 'string' && parsed.digest !== undefined)
      sink.add('AGENT_DEPLOYMENT_OPTION', 'imageDigest', `imageDigest ${show(digest)} is given but image ${show(image)} already has a digest`, 'give the digest in one place only');
  }
  // the default (the release tag of this multihome version) is not warned about: pin it with imageDigest
  if (options.image !== undefined && typeof parsed !== 'string' && parsed.digest === undefined && digest === undefined)
    sink.add('AGENT_DEPLOYMENT_IMAGE_UNPINNED', 'image', `image ${show(image)} has no digest: its tag can be moved to other content`, `pin it: imageDigest: 'sha256:<hex>' (docker buildx imagetools inspect ${image}) or image: '<repository>[:tag]@sha256:<hex>'`);
}

/** Who can reach what: the own-node restriction and the /state endpoint. */
function validateAccess(sink: ProblemSink, r: ResolvedAgentDeployment): void {
  if (r.markBridges && !r.restrictToOwnNode)
    sink.add(
      'AGENT_DEPLOYMENT_UNRESTRICTED', 'restrictToOwnNode',
      'restrictToOwnNode is false: the agent of every node may patch the status of every node (RBAC cannot name the node a DaemonSet pod runs on)',
      `leave it on (the default) on Kubernetes >= ${ADMISSION_POLICY_MIN_KUBERNETES}; on older clusters, silence this warning knowingly or set markBridges: false`,
    );
  const secret = r.stateTokenSecret;
  if (secret !== undefined && (secret.length > 253 || !DNS1123_SUBDOMAIN.test(secret)))
    sink.add('AGENT_DEPLOYMENT_OPTION', 'state.tokenSecret', `state.tokenSecret ${show(secret)} is not a Secret name (DNS-1123 subdomain)`, 'give the name of a Secret in the agent namespace with the key token');
  if (secret !== undefined && !r.serveState)
    sink.add('AGENT_DEPLOYMENT_OPTION', 'state.tokenSecret', `state.tokenSecret ${show(secret)} is set but state.enabled is not true, so /state stays off`, 'set state.enabled: true, or drop tokenSecret');
  if (r.serveState && secret === undefined && !isLoopback(r.listenAddress))
    sink.add(
      'AGENT_DEPLOYMENT_STATE_UNAUTHENTICATED', 'state.enabled',
      `/state is served without a token on ${r.listenAddress === AGENT_LISTEN_NODE_IP ? "the node's primary address" : show(r.listenAddress)} of the host network`,
      "give state.tokenSecret (a Secret with the key token), or listenAddress: '127.0.0.1'",
    );
}

/** `securityContextConstraints`: an SCC name, on OpenShift only. */
function validateScc(sink: ProblemSink, t: ResolvedTopology, options: AgentDeploymentOptions): void {
  const scc = options.securityContextConstraints;
  if (scc === undefined) return;
  if (t.platform !== Platform.OPENSHIFT)
    sink.add(
      'AGENT_DEPLOYMENT_OPTION', 'securityContextConstraints',
      `securityContextConstraints ${show(scc)} is set but the platform is ${show(t.platform)}: SecurityContextConstraints exist on OpenShift only, and nothing would use it`,
      "drop securityContextConstraints, or set the environment's platform to 'openshift'",
    );
  else if (typeof scc !== 'string' || scc.length > 253 || !DNS1123_SUBDOMAIN.test(scc))
    sink.add('AGENT_DEPLOYMENT_OPTION', 'securityContextConstraints', `securityContextConstraints ${show(scc)} is not an SCC name (DNS-1123 subdomain)`, 'give the name of an SCC of the cluster (oc get scc), or leave it unset so the agent renders its own');
}

/** True for a loopback address (127.0.0.0/8, ::1). */
function isLoopback(address: string): boolean {
  return ipaddr.isValid(address) && ipaddr.parse(address).range() === 'loopback';
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
