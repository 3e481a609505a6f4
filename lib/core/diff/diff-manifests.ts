/**
 * The semantic diff: two manifest sets (the output the cluster has and the new one) compared
 * object by object (matched by API group, kind, namespace and name), each change classified by
 * what applying it does — to the nodes (nncp-diff.ts), to VMs through their NADs (nad-diff.ts),
 * to running VMs (vm-diff.ts) — and anything else by a generic comparison. Every difference
 * yields at least one record; identical objects yield none.
 */
import { apiGroupOf } from '../kubernetes/metadata';
import { changedImmutableFields } from '../kubernetes/immutable-fields';
import { Manifest } from '../manifest';
import { isRecord } from '../problems';
import { readSet, isNad, isNncp, isVm } from '../topology/rules/read-set';
import type { SetModel } from '../topology/rules/model';
import { keptOnRemoval } from '../topology/render';
import { Change, CHANGE_CLASSES } from './change';
import { agentConfigsOf, ontoConfigMap } from './agent-configs';
import { HostSide } from './host-context';
import { DEFAULT_KUBEVIRT_VERSION, kubevirtNetworkFeatures, parseKubevirtVersion } from './kubevirt-features';
import { diffNads } from './nad-diff';
import { diffPolicies } from './nncp-diff';
import { Changes, objectOf } from './record';
import { differingPaths, sameValue } from './value-diff';
import { diffVms } from './vm-diff';

/** Options of {@link diffManifests}. */
export interface DiffOptions {
  /**
   * KubeVirt version (`major.minor`, e.g. `1.8`) of the cluster the VMs run on: which VM changes
   * are applied live (NIC hot-plug, LiveUpdateNADRef) and which need a restart.
   * @default '1.9'
   */
  readonly kubevirt?: string;
  /**
   * multus-dynamic-networks-controller runs in the cluster (CNAO `multusDynamicNetworks`): bridge
   * NICs are hot-plugged and unplugged in place instead of through a live migration.
   * @default false
   */
  readonly dynamicNetworks?: boolean;
}

/** Thrown for an option value the diff cannot use (the CLI checks first and reports it as usage). */
export class DiffOptionError extends Error {}

/** Identity of an object across the two sets: API group (not version), kind, namespace, name. */
function identity(m: Manifest): string {
  return JSON.stringify([apiGroupOf(m.apiVersion), m.kind, m.metadata?.namespace ?? '', m.metadata?.name ?? '']);
}

const isTyped = (m: Manifest) => isNncp(m) || isNad(m) || isVm(m);

/**
 * Every change between `previous` and `next`, classified; sorted by kind, namespace, name,
 * path, then class (most disruptive first). Objects that are not Kubernetes objects are skipped
 * (the readers report them).
 */
export function diffManifests(previous: readonly Manifest[], next: readonly Manifest[], options: DiffOptions = {}): Change[] {
  const version = parseKubevirtVersion(options.kubevirt ?? DEFAULT_KUBEVIRT_VERSION);
  if (!version) throw new DiffOptionError(`kubevirt version ${JSON.stringify(options.kubevirt)} is not major.minor (e.g. 1.8)`);
  const objects = (ms: readonly Manifest[]) => ms.filter((m) => isRecord(m) && isRecord(m.metadata) && typeof m.kind === 'string');
  const [a, b] = [objects(previous), objects(next)];
  const old = readSet(a);
  const now = readSet(b);
  const out = new Changes();
  diffPolicies(out, { old: old.nncps, next: now.nncps, sides: { old: new HostSide(old), next: new HostSide(now) } });
  diffNads(out, old, now);
  diffVms(out, old, now, { kubevirt: kubevirtNetworkFeatures(version), dynamicNetworks: options.dynamicNetworks ?? false });
  const agents = diffAgentConfigs(out, a, b, old, now);
  diffOthers(out, a.filter((m) => !isTyped(m) && !agents.has(m)), b.filter((m) => !isTyped(m) && !agents.has(m)), now);
  return sortChanges(out.list);
}

/**
 * The node agent's ConfigMaps changed on both sides (agent-configs.ts): in apply mode, their
 * desired states compared like NNCPs; in observe mode, one record. Returns the ConfigMaps it
 * reported on (the generic comparison skips them).
 */
function diffAgentConfigs(out: Changes, a: readonly Manifest[], b: readonly Manifest[], old: SetModel, now: SetModel): Set<Manifest> {
  const handled = new Set<Manifest>();
  const before = agentConfigsOf(a);
  for (const [key, n] of agentConfigsOf(b)) {
    const o = before.get(key);
    if (!o || sameValue(o.manifest.data, n.manifest.data)) continue;
    if (o.mode === 'apply' || n.mode === 'apply') {
      const sub = new Changes();
      const sides = { old: new HostSide({ ...old, nncps: [...old.nncps, ...o.policies] }), next: new HostSide({ ...now, nncps: [...now.nncps, ...n.policies] }) };
      diffPolicies(sub, { old: o.policies, next: n.policies, sides });
      if (!sub.list.length) continue;
      out.list.push(...sub.list.map((c) => ontoConfigMap(c, n.manifest)));
    } else {
      const paths = differingPaths(o.manifest.data, n.manifest.data, 'data', 1);
      out.add(objectOf(n.manifest), 'modified', 'in-place', paths[0] ?? 'data', 'the host state the node agent checks changes; in observe mode it reports drift against it and changes nothing on the nodes', '');
    }
    handled.add(o.manifest).add(n.manifest);
  }
  return handled;
}

/** Secrets a VM of the set reads its cloud-init networkData from (`namespace/name`). */
function networkDataSecrets(model: SetModel): Set<string> {
  return new Set(model.vms.flatMap((v) => (v.networkData?.secret !== undefined ? [v.networkData.secret] : [])));
}

/** Kinds multihome does not classify in detail: added, removed, changed (metadata-only is cosmetic). */
function diffOthers(out: Changes, old: readonly Manifest[], next: readonly Manifest[], model: SetModel): void {
  const byId = new Map(next.map((m) => [identity(m), m]));
  const oldIds = new Set(old.map(identity));
  const nd = networkDataSecrets(model);
  for (const m of old) {
    if (byId.has(identity(m))) continue;
    if (keptOnRemoval(m)) out.add(objectOf(m), 'removed', 'cosmetic', '', `the ${m.kind} leaves the output but is kept in the cluster (sync option Prune=false; Pulumi retainOnDelete)`, '');
    else out.add(objectOf(m), 'removed', 'removal', '', m.kind === 'Namespace' ? 'the Namespace is deleted, with every VM and volume in it' : `the ${m.kind} is deleted`, '', m.kind === 'Namespace' ? 'warning' : undefined);
  }
  const oldById = new Map(old.map((m) => [identity(m), m]));
  for (const m of next) {
    const obj = objectOf(m);
    if (!oldIds.has(identity(m))) {
      out.add(obj, 'added', 'in-place', '', `new ${m.kind}`, '');
      continue;
    }
    const was = oldById.get(identity(m))!;
    if (sameValue(was, m)) continue;
    const body = (x: Manifest) => {
      const { metadata: _m, apiVersion: _v, ...rest } = x;
      void _m;
      void _v;
      return rest;
    };
    const paths = differingPaths(body(was), body(m), '', 4);
    const immutable = changedImmutableFields(m.kind, was, m, sameValue);
    if (immutable.length) for (const f of immutable) out.add(obj, 'modified', 'replace', f, `${f} changed; the API refuses to update it, so the ${m.kind} is deleted and created again (what uses it is detached meanwhile)`, `let the tool replace it (Pulumi does: replaceOnChanges), or with GitOps delete the object and let it be re-created (Argo CD: Replace=true sync option)`);
    else if (!paths.length) out.add(obj, 'modified', 'cosmetic', 'metadata', 'only metadata or the apiVersion changes', '');
    else if (m.kind === 'Secret' && nd.has(`${obj.namespace ?? 'default'}/${obj.name}`)) out.add(obj, 'modified', 'vm-guest-config', paths[0], 'the cloud-init networkData Secret of a VM changes: cloud-init applies network config only on a new instance-id, so running guests keep their addresses', 'change the instance-id with it (cloud-init metaData), or apply the new addresses inside the guest');
    else out.add(obj, 'modified', 'in-place', paths[0], `${paths.join(', ')} change${paths.length > 1 ? '' : 's'}`, '');
  }
}

const classRank = new Map(CHANGE_CLASSES.map((c, i) => [c, i]));

/** Deterministic order: kind, namespace, name, path, class rank, message. */
function sortChanges(list: Change[]): Change[] {
  const key = (c: Change) => [c.kind, c.namespace ?? '', c.name, c.path];
  return list.sort((x, y) => {
    const [kx, ky] = [key(x), key(y)];
    for (let i = 0; i < kx.length; i++) if (kx[i] !== ky[i]) return kx[i] < ky[i] ? -1 : 1;
    const r = (classRank.get(x.class) ?? 0) - (classRank.get(y.class) ?? 0);
    return r !== 0 ? r : x.message < y.message ? -1 : x.message > y.message ? 1 : 0;
  });
}
