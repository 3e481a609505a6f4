/**
 * The node agent on OpenShift: a SecurityContextConstraints (security.openshift.io/v1) that admits
 * exactly what the agent's rendered pods ask for, and the RBAC that lets the agent's
 * ServiceAccount `use` it — or, with `securityContextConstraints: '<name>'`, only that RBAC for an
 * SCC the cluster already has.
 *
 * The SCC's fields are derived from the rendered DaemonSets' pod specs, not written by hand, so a
 * change to the pods (a hostPath volume, another capability) changes the SCC with it:
 * - host namespaces, host ports, hostPath volumes, privileged containers and privilege
 *   escalation are allowed only when some pod uses them;
 * - `allowedCapabilities` is the union of the containers' `capabilities.add` (per mode present:
 *   apply adds NET_ADMIN and NET_RAW, observe nothing); `requiredDropCapabilities: [ALL]` when
 *   every container drops ALL, `readOnlyRootFilesystem` when every container sets it;
 * - `runAsUser`: `MustRunAs` the one uid the containers run as (0 in apply, 65534 in observe),
 *   `MustRunAsRange` from the lowest to the highest when the groups' modes differ — never RunAsAny;
 * - `seLinuxContext`, `fsGroup`, `supplementalGroups`: `MustRunAs` (the namespace's allocated
 *   MCS label and group ranges; the pods set none), as OpenShift's own `hostnetwork-v2` does;
 * - `volumes`: the volume types the pods use, plus `projected` when the ServiceAccount token is
 *   mounted (the ServiceAccount admission plugin adds it as a projected volume before SCC
 *   admission sees the pod); `seccompProfiles: [runtime/default]` when the pods ask for that one;
 * - `users` and `groups` empty: access is granted by RBAC — a Role with `use` on the SCC
 *   (`resourceNames`) bound to the ServiceAccount by a RoleBinding in the agent's namespace, so
 *   the grant holds for pods of that namespace only. The pattern is OpenShift's: "Role-based access
 *   to security context constraints" in OpenShift docs, Managing security context constraints
 *   (authentication/managing-security-context-constraints.html); the built-in SCCs come with
 *   ClusterRoles `system:openshift:scc:<name>` granting just that verb
 *   (openshift/cluster-kube-apiserver-operator
 *   bindata/bootkube/scc-manifests/0000_20_kube-apiserver-operator_00_cr-scc-hostnetwork-v2.yaml),
 *   and kubernetes-nmstate grants its handler the `privileged` SCC the same way
 *   (nmstate/kubernetes-nmstate deploy/handler/role.yaml, `{{- if .IsOpenShift }}` rule with
 *   `resourceNames: [privileged]`, `verbs: [use]`).
 *
 * Field names and required fields: openshift/api security/v1 types.go `SecurityContextConstraints`
 * (allowHostDirVolumePlugin, allowHostIPC, allowHostNetwork, allowHostPID, allowHostPorts,
 * allowPrivilegedContainer, readOnlyRootFilesystem required; strategy types RunAsAny, MustRunAs,
 * MustRunAsRange, MustRunAsNonRoot). No import exists for the kind (imports/ holds the CRDs the
 * topology renders), so it is a plain manifest like the agent's other objects.
 */
import { isRecord } from '../problems';
import { Manifest, ObjectMeta } from '../manifest';

/** API version of SecurityContextConstraints. */
export const SCC_API_VERSION = 'security.openshift.io/v1';

/** The RBAC rule granting `use` of the named SCC (what `system:openshift:scc:<name>` grants for a built-in one). */
export function sccUseRule(scc: string): { apiGroups: string[]; resourceNames: string[]; resources: string[]; verbs: string[] } {
  return { apiGroups: ['security.openshift.io'], resourceNames: [scc], resources: ['securitycontextconstraints'], verbs: ['use'] };
}

/** Name of the Role and RoleBinding granting the agent's ServiceAccount its SCC: `<agent name>-scc`. */
export function agentSccRoleName(agentName: string): string {
  return `${agentName}-scc`;
}

/** One pod spec as rendered (the DaemonSet template's `spec`). */
type PodSpec = Record<string, unknown>;

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const records = (v: unknown): Array<Record<string, unknown>> => list(v).filter(isRecord);

/** The volume type of one pod volume: its one key besides `name` (`configMap`, `secret`, `hostPath`, …). */
export function volumeTypeOf(volume: Record<string, unknown>): string | undefined {
  return Object.keys(volume).find((k) => k !== 'name');
}

/** The uid a container runs as: its own `runAsUser`, else the pod's; undefined when neither sets one. */
export function containerUser(pod: PodSpec, container: Record<string, unknown>): number | undefined {
  const own = isRecord(container.securityContext) ? container.securityContext.runAsUser : undefined;
  const podUser = isRecord(pod.securityContext) ? pod.securityContext.runAsUser : undefined;
  const u = own ?? podUser;
  return typeof u === 'number' ? u : undefined;
}

/** Every container of a pod spec (init containers first). */
export function podContainers(pod: PodSpec): Array<Record<string, unknown>> {
  return [...records(pod.initContainers), ...records(pod.containers)];
}

/**
 * The SCC that admits exactly these pod specs (see the file comment for each field). `metadata`
 * is the deployment's (name, labels, sync wave).
 */
export function sccForPods(metadata: ObjectMeta, pods: readonly PodSpec[]): Manifest {
  const containers = pods.flatMap((p) => podContainers(p).map((c) => ({ pod: p, c, sc: isRecord(c.securityContext) ? c.securityContext : {} })));
  const caps = (sc: Record<string, unknown>, key: 'add' | 'drop') => (isRecord(sc.capabilities) ? list(sc.capabilities[key]).filter((x): x is string => typeof x === 'string') : []);
  const volumes = pods.flatMap((p) => records(p.volumes));
  const volumeTypes = new Set(volumes.map(volumeTypeOf).filter((t): t is string => t !== undefined));
  // the ServiceAccount admission plugin mounts the token as a projected volume before SCC admission
  if (pods.some((p) => p.automountServiceAccountToken !== false)) volumeTypes.add('projected');
  const users = [...new Set(containers.map(({ pod, c }) => containerUser(pod, c)).filter((u): u is number => u !== undefined))].sort((a, b) => a - b);
  const seccomp = containers.map(({ pod, sc }) => seccompOf(sc) ?? seccompOf(isRecord(pod.securityContext) ? pod.securityContext : {}));
  const allDropAll = containers.length > 0 && containers.every(({ sc }) => caps(sc, 'drop').includes('ALL'));
  return {
    apiVersion: SCC_API_VERSION,
    kind: 'SecurityContextConstraints',
    metadata,
    allowHostDirVolumePlugin: volumeTypes.has('hostPath'),
    allowHostIPC: pods.some((p) => p.hostIPC === true),
    allowHostNetwork: pods.some((p) => p.hostNetwork === true),
    allowHostPID: pods.some((p) => p.hostPID === true),
    allowHostPorts: containers.some(({ c }) => records(c.ports).some((p) => p.hostPort !== undefined)),
    allowPrivilegeEscalation: containers.some(({ sc }) => sc.allowPrivilegeEscalation !== false),
    allowPrivilegedContainer: containers.some(({ sc }) => sc.privileged === true),
    allowedCapabilities: [...new Set(containers.flatMap(({ sc }) => caps(sc, 'add')))].sort(),
    fsGroup: { type: 'MustRunAs' },
    groups: [],
    readOnlyRootFilesystem: containers.length > 0 && containers.every(({ sc }) => sc.readOnlyRootFilesystem === true),
    requiredDropCapabilities: allDropAll ? ['ALL'] : [],
    runAsUser: runAsUserStrategy(users),
    seLinuxContext: { type: 'MustRunAs' },
    ...(seccomp.length > 0 && seccomp.every((s) => s !== undefined) ? { seccompProfiles: [...new Set(seccomp as string[])].sort() } : {}),
    supplementalGroups: { type: 'MustRunAs' },
    users: [],
    volumes: [...volumeTypes].sort(),
  };
}

/** MustRunAs the one uid, MustRunAsRange over several, RunAsAny only when a container sets none (the image decides). */
function runAsUserStrategy(users: readonly number[]): Record<string, unknown> {
  if (users.length === 1) return { type: 'MustRunAs', uid: users[0] };
  if (users.length > 1) return { type: 'MustRunAsRange', uidRangeMax: users[users.length - 1], uidRangeMin: users[0] };
  return { type: 'RunAsAny' };
}

/** A securityContext's seccomp profile in SCC notation (`runtime/default`, `unconfined`, `localhost/<file>`). */
export function seccompOf(sc: Record<string, unknown>): string | undefined {
  const p = sc.seccompProfile;
  if (!isRecord(p)) return undefined;
  if (p.type === 'RuntimeDefault') return 'runtime/default';
  if (p.type === 'Unconfined') return 'unconfined';
  if (p.type === 'Localhost' && typeof p.localhostProfile === 'string') return `localhost/${p.localhostProfile}`;
  return undefined;
}

/** The Role granting `use` of `scc` and its RoleBinding to the agent's ServiceAccount, both `<agent>-scc` in the agent's namespace. */
export function sccRoleAndBinding(agent: { name: string; namespace: string }, scc: string, metadata: (name: string) => ObjectMeta): [Manifest, Manifest] {
  const name = agentSccRoleName(agent.name);
  const role: Manifest = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: metadata(name), rules: [sccUseRule(scc)] };
  const binding: Manifest = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: metadata(name),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
    subjects: [{ apiGroup: '', kind: 'ServiceAccount', name: agent.name, namespace: agent.namespace }],
  };
  return [role, binding];
}
