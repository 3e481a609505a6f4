/**
 * Host-network workloads on OpenShift need a SecurityContextConstraints that admits them: SCC
 * admission refuses a pod unless one of the SCCs its ServiceAccount may use allows every host
 * feature, capability, volume type and uid the pod asks for (scc-model.ts). A DaemonSet without
 * one is created, but its pods never are (`FailedCreate … unable to validate against any security
 * context constraint`). The rule runs only for workloads judged for OpenShift: the explicit
 * isolation `openshift` (`check --isolation openshift`, an environment on `platform: openshift`),
 * else the workload's own `multihome.io/isolation: openshift` annotation (render/targets.ts) — the
 * switch the other OpenShift rules use; OpenShift-only kinds in the set prove nothing.
 *
 * Who may use an SCC: usernames in its `users`, groups (`system:serviceaccounts`,
 * `system:serviceaccounts:<ns>`, `system:authenticated`) in its `groups`, or RBAC — a
 * RoleBinding in the pod's namespace or a ClusterRoleBinding naming the ServiceAccount (or one of
 * those groups) and a Role/ClusterRole with verb `use` on `securitycontextconstraints` of
 * `security.openshift.io` (`resourceNames` empty: every SCC). The built-in SCCs and their
 * ClusterRoles `system:openshift:scc:<name>` are on every cluster but not in the files, so a
 * binding to such a ClusterRole grants the built-in SCC (scc-model.ts `BUILT_IN_SCCS`). A grant
 * of an SCC that is neither in the set nor built in (one the cluster already has) cannot be
 * judged: the workload is not reported.
 * OpenShift docs, Managing security context constraints ("Role-based access to security context
 * constraints"; "About pre-allocated security context constraints values").
 */
import { Manifest } from '../../manifest';
import { isRecord, show } from '../../problems';
import { RuleContext } from './context';
import { DEFAULT_NAMESPACE, refOf, str } from './refs';
import { BUILT_IN_SCC_ROLE_PREFIX, BUILT_IN_SCCS, podDemands, readScc, SccFacts } from './scc-model';
import { who } from './report';

/** Where each workload kind keeps its pod spec. */
const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** `*` grants every SCC. */
type Grant = ReadonlySet<string> | '*';

/** Reports host-network workloads on OpenShift that no usable SCC admits (TOPOLOGY_SCC_HOST_NETWORK, TOPOLOGY_SCC_NOT_ADMITTED). */
export function checkSccAdmission(ctx: RuleContext, manifests: readonly Manifest[]): void {
  // own keys only: a kind named like an Object.prototype member (`__proto__`, `constructor`) is no workload
  const workloads = manifests.filter((m) => Object.prototype.hasOwnProperty.call(POD_SPEC_PATHS, m.kind) && onOpenShift(ctx, m));
  if (workloads.length === 0) return;
  const access = new SccAccess(manifests);
  for (const w of workloads) {
    const segments = POD_SPEC_PATHS[w.kind];
    let pod: unknown = w;
    for (const s of segments) pod = isRecord(pod) ? pod[s] : undefined;
    if (!isRecord(pod) || pod.hostNetwork !== true) continue;
    const namespace = str(w.metadata?.namespace) || DEFAULT_NAMESPACE;
    const account = str(pod.serviceAccountName) || str(pod.serviceAccount) || 'default';
    const usable = access.usable(namespace, account);
    if (usable === undefined) continue; // a grant of an SCC the files do not hold
    const base = segments.join('.');
    const ref = refOf(w, true);
    const sa = `ServiceAccount ${namespace}/${account}`;
    const hostNet = usable.filter((s) => s.allowHostNetwork);
    if (hostNet.length === 0) {
      ctx.findings.add(
        'TOPOLOGY_SCC_HOST_NETWORK', ref, `${base}.hostNetwork`,
        `${who(ref)} runs on the host network (hostNetwork: true) but ${sa} may use no SecurityContextConstraints that allows it (${usable.length ? `usable: ${usable.map((s) => s.name).join(', ')}` : 'none granted in the checked files'}): OpenShift creates none of its pods`,
        `for the multihome agent, render it with platform: 'openshift' so NetworkAgent creates and grants its SCC; otherwise grant ${sa} an SCC with allowHostNetwork: true that admits the pod — a Role or ClusterRole with verbs [use] on securitycontextconstraints (resourceNames [<scc>]) bound to it in ${namespace}, or oc adm policy add-scc-to-user <scc> -z ${account} -n ${namespace}`,
      );
      continue;
    }
    const demands = podDemands(pod);
    const failing = hostNet.map((s) => ({ s, missing: demands.filter((d) => !d.allowedBy(s)) }));
    if (failing.some((f) => f.missing.length === 0)) continue;
    // the closest SCC: fewest fields it refuses, then name
    const best = failing.sort((a, b) => a.missing.length - b.missing.length || a.s.name.localeCompare(b.s.name))[0];
    for (const d of best.missing)
      ctx.findings.add(
        'TOPOLOGY_SCC_NOT_ADMITTED', ref, `${base}.${d.path}`,
        `${who(ref)} needs ${d.what} (${show(d.value)}), which no SecurityContextConstraints ${sa} may use with host networking allows (closest: ${best.s.builtIn ? 'built-in ' : ''}${best.s.name}${hostNet.length > 1 ? `; also ${hostNet.filter((s) => s !== best.s).map((s) => s.name).join(', ')}` : ''}): OpenShift creates none of its pods`,
        best.s.builtIn
          ? `for the multihome agent, render it with platform: 'openshift' so NetworkAgent creates an SCC with exactly what it needs (built-in ${best.s.name} must not be changed); otherwise grant ${sa} an SCC with ${d.sccFix}`
          : `add ${d.sccFix} to SCC ${best.s.name}, or drop it from the pod (for the multihome agent: leave securityContextConstraints unset so NetworkAgent renders its own SCC)`,
      );
  }
}

/** Whether a workload is judged for OpenShift (see the file comment). */
function onOpenShift(ctx: RuleContext, m: Manifest): boolean {
  const of = ctx.options.isolationOf;
  return of ? of(m)?.isolation === 'openshift' : ctx.options.isolation === 'openshift';
}

/** The SCCs, roles and bindings of a set, and who may use which SCC. */
class SccAccess {
  private readonly sccs = new Map<string, SccFacts>();
  private readonly clusterRoles = new Map<string, Grant>();
  private readonly roles = new Map<string, Grant>();
  private readonly bindings: Array<{ namespace?: string; subjects: unknown[]; roleKind: string; roleName: string }> = [];
  private readonly memo = new Map<string, SccFacts[] | undefined>();

  constructor(manifests: readonly Manifest[]) {
    for (const m of manifests) {
      const name = str(m.metadata?.name);
      if (name === undefined) continue;
      const o = m as unknown as Record<string, unknown>;
      if (m.kind === 'SecurityContextConstraints') this.sccs.set(name, readScc(m));
      else if (m.kind === 'ClusterRole') this.clusterRoles.set(name, sccGrant(o.rules));
      else if (m.kind === 'Role') this.roles.set(`${str(m.metadata.namespace) || DEFAULT_NAMESPACE}/${name}`, sccGrant(o.rules));
      else if ((m.kind === 'RoleBinding' || m.kind === 'ClusterRoleBinding') && isRecord(o.roleRef))
        this.bindings.push({
          ...(m.kind === 'RoleBinding' ? { namespace: str(m.metadata.namespace) || DEFAULT_NAMESPACE } : {}),
          subjects: Array.isArray(o.subjects) ? o.subjects : [],
          roleKind: str(o.roleRef.kind) ?? '',
          roleName: str(o.roleRef.name) ?? '',
        });
    }
  }

  /** The SCCs `namespace/account` may use, sorted by name; undefined when one granted SCC is unknown. */
  usable(namespace: string, account: string): SccFacts[] | undefined {
    const key = `${namespace}/${account}`;
    if (!this.memo.has(key)) this.memo.set(key, this.compute(namespace, account));
    return this.memo.get(key);
  }

  private compute(namespace: string, account: string): SccFacts[] | undefined {
    const user = `system:serviceaccount:${namespace}:${account}`;
    const groups = ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'];
    const names = new Set<string>();
    let all = false;
    for (const s of this.sccs.values()) if (s.users.includes(user) || s.groups.some((g) => groups.includes(g))) names.add(s.name);
    for (const b of this.bindings) {
      if (b.namespace !== undefined && b.namespace !== namespace) continue;
      if (!b.subjects.some((s) => subjectMatches(s, b.namespace, namespace, account, user, groups))) continue;
      const grant = this.roleGrant(b.roleKind, b.roleName, b.namespace);
      if (grant === '*') all = true;
      else for (const n of grant) names.add(n);
    }
    if (all) for (const n of [...this.sccs.keys(), ...BUILT_IN_SCCS.keys()]) names.add(n);
    const out: SccFacts[] = [];
    for (const n of [...names].sort()) {
      const s = this.sccs.get(n) ?? BUILT_IN_SCCS.get(n);
      if (!s) return undefined;
      out.push(s);
    }
    return out;
  }

  private roleGrant(kind: string, name: string, namespace: string | undefined): Grant {
    if (kind === 'Role') return namespace !== undefined ? (this.roles.get(`${namespace}/${name}`) ?? NONE) : NONE;
    if (kind !== 'ClusterRole') return NONE;
    const own = this.clusterRoles.get(name);
    if (own !== undefined) return own;
    // the built-in grant of a built-in SCC, on every cluster
    if (name.startsWith(BUILT_IN_SCC_ROLE_PREFIX) && BUILT_IN_SCCS.has(name.slice(BUILT_IN_SCC_ROLE_PREFIX.length))) return new Set([name.slice(BUILT_IN_SCC_ROLE_PREFIX.length)]);
    return NONE;
  }
}

const NONE: ReadonlySet<string> = new Set();

/** The SCCs a role's rules grant `use` of. */
function sccGrant(rules: unknown): Grant {
  const names = new Set<string>();
  for (const r of Array.isArray(rules) ? rules : []) {
    if (!isRecord(r)) continue;
    const has = (key: string, value: string) => Array.isArray(r[key]) && (r[key] as unknown[]).some((x) => x === value || x === '*');
    if (!has('apiGroups', 'security.openshift.io') || !has('resources', 'securitycontextconstraints') || !has('verbs', 'use')) continue;
    const only = Array.isArray(r.resourceNames) ? r.resourceNames.filter((x): x is string => typeof x === 'string') : [];
    if (only.length === 0) return '*';
    for (const n of only) names.add(n);
  }
  return names;
}

/** Whether a binding subject is the ServiceAccount (by kind, username or group). */
function subjectMatches(s: unknown, bindingNamespace: string | undefined, namespace: string, account: string, user: string, groups: readonly string[]): boolean {
  if (!isRecord(s)) return false;
  const name = str(s.name);
  if (s.kind === 'ServiceAccount') return name === account && (str(s.namespace) || bindingNamespace) === namespace;
  if (s.kind === 'User') return name === user;
  if (s.kind === 'Group') return name !== undefined && groups.includes(name);
  return false;
}
