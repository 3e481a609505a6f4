/**
 * What OpenShift's SCC admission judges of a pod, read from a SecurityContextConstraints and a pod
 * spec, for the host-network rule (scc.ts). Modelled fields: host network / PID / IPC / ports,
 * privileged containers, added capabilities (`allowedCapabilities`, `defaultAddCapabilities`,
 * `*`), volume types (`volumes`, `*`; `hostPath` also needs `allowHostDirVolumePlugin`) and the
 * uid (`runAsUser`: MustRunAs, MustRunAsRange with explicit bounds, MustRunAsNonRoot; a range
 * left to the namespace never holds 0). Not modelled: SELinux, fsGroup, supplemental groups,
 * seccomp, sysctls, read-only root (the namespace-allocated values or defaults SCC admission
 * fills in). openshift/apiserver-library-go pkg/securitycontextconstraints/sccmatching
 * (`AssignSecurityContext`: the pod is admitted by the first usable SCC, by priority, that
 * validates it, so any usable SCC admitting every field admits the pod).
 */
import { Manifest } from '../../manifest';
import { isRecord } from '../../problems';
import { containerUser, volumeTypeOf } from '../agent-scc';
import { num, str } from './refs';

/** The fields of an SCC the rule judges. */
export interface SccFacts {
  readonly name: string;
  /** Where it comes from: the checked set, or OpenShift's built-in set (not in the files). */
  readonly builtIn: boolean;
  readonly allowHostNetwork: boolean;
  readonly allowHostPorts: boolean;
  readonly allowHostPID: boolean;
  readonly allowHostIPC: boolean;
  readonly allowHostDirVolumePlugin: boolean;
  readonly allowPrivilegedContainer: boolean;
  /** `allowedCapabilities` and `defaultAddCapabilities` together; `*` for any. */
  readonly capabilities: readonly string[];
  /** `*` for any. */
  readonly volumes: readonly string[];
  readonly runAsUser: { readonly type: string; readonly uid?: number; readonly min?: number; readonly max?: number };
  /** `users` (usernames) and `groups` that may use it without RBAC. */
  readonly users: readonly string[];
  readonly groups: readonly string[];
}

const NAMESPACE_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
const RANGE = { type: 'MustRunAsRange' } as const;
const closed = { allowHostNetwork: false, allowHostPorts: false, allowHostPID: false, allowHostIPC: false, allowHostDirVolumePlugin: false, allowPrivilegedContainer: false, builtIn: true, users: [], groups: [] };

/**
 * The SCCs every OpenShift 4 cluster has, as openshift/cluster-kube-apiserver-operator installs
 * them (bindata/bootkube/scc-manifests/0000_20_kube-apiserver-operator_00_scc-<name>.yaml):
 * `privileged` (everything), `hostaccess` (host namespaces and hostPath, no capability),
 * `hostnetwork` (host network and ports, no capability), `hostnetwork-v2` (the same, ALL dropped,
 * NET_BIND_SERVICE only) and the ones without host networking. Each has a ClusterRole
 * `system:openshift:scc:<name>` granting `use` of it (…_00_cr-scc-<name>.yaml). Their
 * `users`/`groups` (cluster admins, nodes) never name a ServiceAccount of a workload, so are left out.
 */
export const BUILT_IN_SCCS: ReadonlyMap<string, SccFacts> = new Map(
  (
    [
      { ...closed, name: 'privileged', allowHostNetwork: true, allowHostPorts: true, allowHostPID: true, allowHostIPC: true, allowHostDirVolumePlugin: true, allowPrivilegedContainer: true, capabilities: ['*'], volumes: ['*'], runAsUser: { type: 'RunAsAny' } },
      { ...closed, name: 'hostaccess', allowHostNetwork: true, allowHostPorts: true, allowHostPID: true, allowHostIPC: true, allowHostDirVolumePlugin: true, capabilities: [], volumes: [...NAMESPACE_VOLUMES, 'hostPath'].sort(), runAsUser: RANGE },
      { ...closed, name: 'hostnetwork', allowHostNetwork: true, allowHostPorts: true, capabilities: [], volumes: NAMESPACE_VOLUMES, runAsUser: RANGE },
      { ...closed, name: 'hostnetwork-v2', allowHostNetwork: true, allowHostPorts: true, capabilities: ['NET_BIND_SERVICE'], volumes: NAMESPACE_VOLUMES, runAsUser: RANGE },
      ...['anyuid', 'hostmount-anyuid', 'hostmount-anyuid-v2', 'nonroot', 'nonroot-v2', 'restricted', 'restricted-v2', 'restricted-v3'].map((name) => ({ ...closed, name, capabilities: [], volumes: NAMESPACE_VOLUMES, runAsUser: RANGE })),
    ] as SccFacts[]
  ).map((s) => [s.name, s]),
);

/** ClusterRole name prefix OpenShift gives the `use` grant of each built-in SCC. */
export const BUILT_IN_SCC_ROLE_PREFIX = 'system:openshift:scc:';

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The judged fields of a SecurityContextConstraints of the set (absent booleans are false, as the API defaults them). */
export function readScc(m: Manifest): SccFacts {
  const o = m as unknown as Record<string, unknown>;
  const run = isRecord(o.runAsUser) ? o.runAsUser : {};
  return {
    name: str(m.metadata?.name) ?? '',
    builtIn: false,
    allowHostNetwork: o.allowHostNetwork === true,
    allowHostPorts: o.allowHostPorts === true,
    allowHostPID: o.allowHostPID === true,
    allowHostIPC: o.allowHostIPC === true,
    allowHostDirVolumePlugin: o.allowHostDirVolumePlugin === true,
    allowPrivilegedContainer: o.allowPrivilegedContainer === true,
    capabilities: [...strings(o.allowedCapabilities), ...strings(o.defaultAddCapabilities)],
    volumes: strings(o.volumes),
    runAsUser: { type: str(run.type) ?? 'RunAsAny', uid: num(run.uid), min: num(run.uidRangeMin), max: num(run.uidRangeMax) },
    users: strings(o.users),
    groups: strings(o.groups),
  };
}

/** One thing of a pod an SCC must allow, with where the pod asks for it. */
export interface PodDemand {
  /** Field path under the pod spec (joined to the workload's pod spec path by the rule). */
  readonly path: string;
  readonly value: unknown;
  /** What it is, for messages: `host networking`, `capability NET_ADMIN`, `hostPath volumes`, `uid 0`, … */
  readonly what: string;
  /** Whether `scc` allows it. */
  readonly allowedBy: (scc: SccFacts) => boolean;
  /** How to change the SCC so it does. */
  readonly sccFix: string;
}

const anyOr = (list: readonly string[], x: string) => list.includes('*') || list.includes(x);

/** Everything of a pod spec SCC admission judges (see the file comment), in field order. */
export function podDemands(pod: Record<string, unknown>): PodDemand[] {
  const out: PodDemand[] = [];
  if (pod.hostNetwork === true) out.push({ path: 'hostNetwork', value: true, what: 'host networking', allowedBy: (s) => s.allowHostNetwork, sccFix: 'allowHostNetwork: true' });
  if (pod.hostPID === true) out.push({ path: 'hostPID', value: true, what: 'the host PID namespace', allowedBy: (s) => s.allowHostPID, sccFix: 'allowHostPID: true' });
  if (pod.hostIPC === true) out.push({ path: 'hostIPC', value: true, what: 'the host IPC namespace', allowedBy: (s) => s.allowHostIPC, sccFix: 'allowHostIPC: true' });
  for (const key of ['initContainers', 'containers'] as const) {
    const containers = Array.isArray(pod[key]) ? (pod[key] as unknown[]) : [];
    containers.forEach((c, i) => {
      if (!isRecord(c)) return;
      const at = `${key}[${i}]`;
      (Array.isArray(c.ports) ? c.ports : []).forEach((p: unknown, j: number) => {
        if (isRecord(p) && p.hostPort !== undefined && p.hostPort !== 0)
          out.push({ path: `${at}.ports[${j}].hostPort`, value: p.hostPort, what: `host port ${String(p.hostPort)}`, allowedBy: (s) => s.allowHostPorts, sccFix: 'allowHostPorts: true' });
      });
      const sc = isRecord(c.securityContext) ? c.securityContext : {};
      if (sc.privileged === true) out.push({ path: `${at}.securityContext.privileged`, value: true, what: 'a privileged container', allowedBy: (s) => s.allowPrivilegedContainer, sccFix: 'allowPrivilegedContainer: true' });
      const add = isRecord(sc.capabilities) ? strings(sc.capabilities.add) : [];
      add.forEach((cap, j) =>
        out.push({ path: `${at}.securityContext.capabilities.add[${j}]`, value: cap, what: `capability ${cap}`, allowedBy: (s) => anyOr(s.capabilities, cap), sccFix: `${cap} in allowedCapabilities` }),
      );
      const uid = containerUser(pod, c);
      if (uid !== undefined) {
        const path = typeof sc.runAsUser === 'number' ? `${at}.securityContext.runAsUser` : 'securityContext.runAsUser';
        out.push({ path, value: uid, what: `uid ${uid}`, allowedBy: (s) => uidAllowed(s, uid), sccFix: `runAsUser {type: MustRunAs, uid: ${uid}}` });
      }
    });
  }
  const volumes = Array.isArray(pod.volumes) ? pod.volumes : [];
  volumes.forEach((v: unknown, k: number) => {
    const type = isRecord(v) ? volumeTypeOf(v) : undefined;
    if (type === undefined) return;
    const hostDir = type === 'hostPath';
    out.push({
      path: `volumes[${k}].${type}`,
      value: isRecord(v) ? v[type] : undefined,
      what: hostDir ? 'hostPath volumes' : `${type} volumes`,
      allowedBy: (s) => anyOr(s.volumes, type) && (!hostDir || s.allowHostDirVolumePlugin),
      sccFix: hostDir ? 'allowHostDirVolumePlugin: true and hostPath in volumes' : `${type} in volumes`,
    });
  });
  // the ServiceAccount admission plugin adds the token as a projected volume before SCC admission
  if (pod.automountServiceAccountToken !== false)
    out.push({ path: 'automountServiceAccountToken', value: pod.automountServiceAccountToken ?? true, what: 'the projected ServiceAccount token volume', allowedBy: (s) => anyOr(s.volumes, 'projected'), sccFix: 'projected in volumes' });
  return out;
}

/** Whether the SCC's runAsUser strategy admits `uid`; a range the namespace allocates never holds 0 (the allocator's blocks start at 1000000000 by default). */
function uidAllowed(s: SccFacts, uid: number): boolean {
  const r = s.runAsUser;
  switch (r.type) {
    case 'MustRunAs':
      return r.uid === undefined || r.uid === uid;
    case 'MustRunAsRange':
      return r.min !== undefined && r.max !== undefined ? uid >= r.min && uid <= r.max : uid !== 0;
    case 'MustRunAsNonRoot':
      return uid !== 0;
    default:
      return true;
  }
}
