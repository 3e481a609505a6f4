/**
 * Removals that clean up the nodes: the host state the previous output created (what the cluster
 * has) and the new output no longer defines, rendered `state: absent` in the new output.
 *
 * Deleting an NNCP or dropping an entry from one never reverts a node: kubernetes-nmstate applies
 * a partial desired state and closed revert-on-delete (nmstate/kubernetes-nmstate#1395;
 * openshift/openshift-docs modules/node-network-configuration-policy-file.adoc: "oc delete nncp
 * ... does not delete any created objects, such as a bridge interface"). So, given the previous
 * manifests:
 *
 * - every previous interface entry that leaves state on a node (rules/lifecycle.ts `leavesState`)
 *   and that no new NNCP defines (present or absent) with a compatible nodeSelector is rendered
 *   `{name, type, state: absent}` — except an ethernet NIC that had addresses, rendered
 *   `{name, type: ethernet, state: up, ipv4/ipv6: {enabled: false}}`: `absent` on a NIC deletes
 *   its NetworkManager profile and takes it down (nmstate/nmstate
 *   rust/src/lib/nm/query_apply/apply.rs `delete_ifaces`: "Deleting NM connection for absent
 *   interface"; only virtual interfaces are deleted from the kernel,
 *   `delete_remain_virtual_interface_as_desired` `is_virtual()`), which is more than undoing what
 *   multihome set. Disabled, it no longer leaves state, so the next synthesis drops it;
 * - every previous `routes.config[]` entry (not absent) no new policy has (same destination,
 *   next-hop-interface, next-hop-address, table-id, route-type) is rendered
 *   `{destination, next-hop-interface, next-hop-address?, table-id?, route-type?, state: absent}`:
 *   nmstate matches an absent route on the fields it gives, the others are wildcards
 *   (nmstate/nmstate rust/src/lib/route.rs `RouteEntry::is_match`), so every identifying field is
 *   kept. A route through an interface removed `absent` in the same policy goes with it;
 * - every previous `ovn.bridge-mappings[]` entry (not absent) whose localnet no new policy
 *   mentions is rendered `{localnet, state: absent}` ("When set to `state: absent`, will delete
 *   the existing `localnet` mapping": nmstate/nmstate rust/src/lib/ovn.rs `OvnBridgeMapping`).
 *
 * Where they go: into the previous policy itself when the new output still has it (same name) and
 * its nodeSelector still selects every node the previous one did; otherwise into a policy of its
 * own, `<previous name>-absent` ({@link tombstoneName}), with the previous nodeSelector and
 * maxUnavailable. A new name and not the previous one: under Pulumi a same-named resource under
 * another parent is created, then the old one deleted — deleting the removal with it; Argo CD
 * prunes the previous policy (which changes nothing on the nodes) and applies the `-absent` one.
 *
 * Every policy that carries removals has the {@link REMOVAL_ANNOTATION} listing them. Entries that
 * were already absent in the previous output produce nothing, so a removal lives for exactly one
 * output: the next synthesis against the applied one drops it. An entry the new intent defines
 * again (present or absent) is never removed.
 */
import { defaultTarget, Target } from '../target';
import { createHash } from 'crypto';
import { API, Manifest, manifestKey } from '../manifest';
import type { Interface, OvnBridgeMapping, RouteEntry } from '../nmstate/types';
import { isRecord } from '../problems';
import { Origin } from './origin';
import { Layer, RenderedManifest, SYNC_WAVE_ANNOTATION } from './render';
import { leavesState } from './rules/lifecycle';
import { NncpInfo } from './rules/model';
import { nncpRoutes, readNncp, ROUTE_IDENTITY_FIELDS, routeIdentity } from './rules/read-nncp';
import { Selector, selectorImplies, selectorsCompatible } from './rules/selectors';

/**
 * Annotation on every NNCP that carries removals, listing them:
 * `interfaces: br100, bond0.100; addresses: eth1; routes: 10.0.0.0/24 via 10.0.0.1 dev br100;
 * bridge-mappings: physnet1` (`addresses`: NICs whose IP is switched off rather than removed).
 */
export const REMOVAL_ANNOTATION = 'multihome.io/removal';

/** Suffix of the policy that carries the removals of a policy the new output no longer has. */
export const TOMBSTONE_SUFFIX = '-absent';

/** Longest NNCP name: a DNS-1123 subdomain (kubernetes/apimachinery pkg/util/validation/validation.go DNS1123SubdomainMaxLength). */
const MAX_POLICY_NAME = 253;

/** The removals of one previous policy, and the policy that carries them. */
export interface PolicyRemovals {
  /** The previous policy whose entries are removed. */
  readonly previous: string;
  /** The NNCP that carries them: `previous` itself, or its `-absent` policy. */
  readonly policy: string;
  /** True when {@link policy} is a policy of its own (the previous one is gone or narrowed). */
  readonly separate: boolean;
  /** The previous nodeSelector (what the separate policy selects); undefined when it had none. */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** The previous policy's maxUnavailable, if it had one. */
  readonly maxUnavailable?: number | string;
  /** `state: absent` interfaces, and NICs with their addresses switched off. */
  readonly interfaces: readonly Interface[];
  /** `state: absent` routes. */
  readonly routes: readonly RouteEntry[];
  /** `state: absent` OVN bridge mappings. */
  readonly bridgeMappings: readonly OvnBridgeMapping[];
}

/**
 * The name of the policy that carries the removals of `previous`: `<previous>-absent`, or when
 * that is longer than an NNCP name may be (or `hashed`: the new output has a policy of that name
 * already), its first characters, `-` and 10 hex digits of the SHA-256 of `<previous>-absent`
 * (deterministic, distinct per previous name).
 */
export function tombstoneName(previous: string, hashed = false): string {
  const name = previous + TOMBSTONE_SUFFIX;
  if (name.length <= MAX_POLICY_NAME && !hashed) return name;
  const hash = createHash('sha256').update(name, 'utf8').digest('hex').slice(0, 10);
  const head = name.slice(0, Math.min(name.length, MAX_POLICY_NAME - hash.length - 1)).replace(/[^a-z0-9]+$/, '');
  return `${head}-${hash}`;
}

function routesOf(m: Manifest): Array<Record<string, unknown>> {
  return nncpRoutes(m).map((r) => r.route);
}

/** The absent form of a previous route: its identifying fields only. */
function absentRoute(r: Record<string, unknown>): RouteEntry {
  const out: RouteEntry = {};
  for (const k of ROUTE_IDENTITY_FIELDS) if (r[k] !== undefined) (out as Record<string, unknown>)[k] = r[k];
  return { ...out, state: 'absent' };
}

/** The removal entry of a previous interface that leaves state. */
function removedInterface(i: { readonly name: string; readonly type?: string; readonly hasIp: boolean }): Interface {
  if (i.type === 'ethernet' && i.hasIp) return { name: i.name, type: 'ethernet', state: 'up', ipv4: { enabled: false }, ipv6: { enabled: false } } as Interface;
  return { name: i.name, ...(i.type !== undefined ? { type: i.type } : {}), state: 'absent' } as Interface;
}

const nncpsOf = (manifests: readonly Manifest[]): NncpInfo[] =>
  manifests.filter((m) => m.kind === API.nncp.kind && typeof m.apiVersion === 'string' && m.apiVersion.startsWith('nmstate.io/')).map((m) => readNncp(m)!).filter((p) => p.name !== '');

/**
 * The removals `next` needs against `previous` (both whole outputs), one entry per previous
 * policy with something to remove, in the previous output's policy order.
 */
export function planRemovals(previous: readonly Manifest[], next: readonly Manifest[]): PolicyRemovals[] {
  const now = nncpsOf(next);
  const byName = new Map(now.map((p) => [p.name, p]));
  const taken = new Set(now.map((p) => p.name));
  /** Interface names (and localnets) the new output defines, with the selectors that define them. */
  const defined = new Map<string, Selector[]>();
  const localnets = new Map<string, Selector[]>();
  for (const p of now) {
    for (const i of p.ifaces) defined.set(i.name, [...(defined.get(i.name) ?? []), p.selector]);
    for (const m of p.mappings) localnets.set(m.localnet, [...(localnets.get(m.localnet) ?? []), p.selector]);
  }
  const routes = new Set(now.flatMap((p) => routesOf(p.manifest).map(routeIdentity)));
  /** Removals rendered so far, by interface name / localnet / route: a second previous policy adds one only for nodes not covered yet. */
  const removedIfaces = new Map<string, Selector[]>();
  const removedLocalnets = new Map<string, Selector[]>();
  const removedRoutes = new Map<string, Selector[]>();
  const covered = (removed: Map<string, Selector[]>, key: string, s: Selector) => (removed.get(key) ?? []).some((r) => selectorImplies(s, r));
  const mark = (removed: Map<string, Selector[]>, key: string, s: Selector) => removed.set(key, [...(removed.get(key) ?? []), s]);

  const out: PolicyRemovals[] = [];
  for (const p of nncpsOf(previous)) {
    const s = p.selector;
    const interfaces: Interface[] = [];
    const gone = new Set<string>();
    for (const i of p.ifaces) {
      if (!leavesState(i) || (defined.get(i.name) ?? []).some((d) => selectorsCompatible(d, s)) || covered(removedIfaces, i.name, s)) continue;
      const entry = removedInterface(i);
      interfaces.push(entry);
      if (entry.state === 'absent') gone.add(i.name);
      mark(removedIfaces, i.name, s);
    }
    const absentRoutes: RouteEntry[] = [];
    for (const r of routesOf(p.manifest)) {
      if (r.state === 'absent' || typeof r.destination !== 'string') continue;
      const key = routeIdentity(r);
      const via = r['next-hop-interface'];
      if (routes.has(key) || (typeof via === 'string' && gone.has(via)) || covered(removedRoutes, key, s)) continue;
      absentRoutes.push(absentRoute(r));
      mark(removedRoutes, key, s);
    }
    const bridgeMappings: OvnBridgeMapping[] = [];
    for (const m of p.mappings) {
      if (m.absent || localnets.has(m.localnet) || covered(removedLocalnets, m.localnet, s)) continue;
      bridgeMappings.push({ localnet: m.localnet, state: 'absent' });
      mark(removedLocalnets, m.localnet, s);
    }
    if (!interfaces.length && !absentRoutes.length && !bridgeMappings.length) continue;
    const still = byName.get(p.name);
    const separate = !still || !selectorImplies(s, still.selector);
    const spec = isRecord(p.manifest.spec) ? p.manifest.spec : {};
    const maxUnavailable = typeof spec.maxUnavailable === 'number' || typeof spec.maxUnavailable === 'string' ? spec.maxUnavailable : undefined;
    let policy = p.name;
    if (separate) {
      policy = tombstoneName(p.name);
      // a name the new output uses already (a user policy of that name): the hashed form
      if (taken.has(policy)) policy = tombstoneName(p.name, true);
      taken.add(policy);
    }
    const nodeSelector = isRecord(spec.nodeSelector) ? s : undefined;
    out.push({ previous: p.name, policy, separate, ...(nodeSelector ? { nodeSelector } : {}), ...(maxUnavailable !== undefined ? { maxUnavailable } : {}), interfaces, routes: absentRoutes, bridgeMappings });
  }
  return out;
}

/** The {@link REMOVAL_ANNOTATION} value of some removals (each section only when it has entries). */
export function removalSummary(removals: ReadonlyArray<Pick<PolicyRemovals, 'interfaces' | 'routes' | 'bridgeMappings'>>): string {
  const ifaces = removals.flatMap((r) => r.interfaces);
  const route = (r: RouteEntry): string =>
    [r.destination, r['next-hop-address'] && `via ${r['next-hop-address']}`, r['next-hop-interface'] && `dev ${r['next-hop-interface']}`, r['table-id'] !== undefined && `table ${r['table-id']}`, r['route-type'] && `type ${r['route-type']}`]
      .filter(Boolean)
      .join(' ');
  const sections: Array<[string, string[]]> = [
    ['interfaces', ifaces.filter((i) => i.state === 'absent').map((i) => i.name)],
    ['addresses', ifaces.filter((i) => i.state !== 'absent').map((i) => i.name)],
    ['routes', removals.flatMap((r) => r.routes).map(route)],
    ['bridge-mappings', removals.flatMap((r) => r.bridgeMappings).map((m) => m.localnet)],
  ];
  return sections
    .filter(([, items]) => items.length)
    .map(([k, items]) => `${k}: ${items.join(', ')}`)
    .join('; ');
}

/** Where the removal policies go in the output. */
export interface RemovalPlacement {
  /** The environment's name (the origin of the separate removal policies). */
  readonly environment: string;
  /** The target the separate removal policies are written for (apiVersion, maxUnavailable). @default - the default target */
  readonly target?: Target;
  /** The sync wave of the NNCPs that depend on nothing, when the output has sync waves. */
  readonly syncWave?: number;
  /** Dependency depth of a rendered NNCP (policy-order.ts); 0 when it uses no other policy's interface. */
  readonly depthOf: (policy: string) => number;
}

/** `desiredState` with the removal entries appended to its lists. */
function withEntries(ds: Record<string, unknown>, r: PolicyRemovals): Record<string, unknown> {
  const out = { ...ds };
  if (r.interfaces.length) out.interfaces = [...(Array.isArray(ds.interfaces) ? ds.interfaces : []), ...r.interfaces];
  if (r.routes.length) {
    const routes = isRecord(ds.routes) ? ds.routes : {};
    out.routes = { ...routes, config: [...(Array.isArray(routes.config) ? routes.config : []), ...r.routes] };
  }
  if (r.bridgeMappings.length) {
    const ovn = isRecord(ds.ovn) ? ds.ovn : {};
    out.ovn = { ...ovn, 'bridge-mappings': [...(Array.isArray(ovn['bridge-mappings']) ? ovn['bridge-mappings'] : []), ...r.bridgeMappings] };
  }
  return out;
}

/**
 * `rendered` with the removals against `previous`: entries appended to the policies that still
 * exist (copies; `rendered` is not changed) and the separate removal policies in the NNCP layer,
 * in the NNCP sync wave, after the NNCPs that depend on no other policy, by name.
 */
export function withRemovals(rendered: readonly RenderedManifest[], previous: readonly Manifest[], where: RemovalPlacement): RenderedManifest[] {
  const removals = planRemovals(
    previous,
    rendered.map((r) => r.manifest),
  );
  if (!removals.length) return [...rendered];
  const into = new Map<string, PolicyRemovals[]>();
  for (const r of removals.filter((x) => !x.separate)) into.set(r.policy, [...(into.get(r.policy) ?? []), r]);
  const out = rendered.map((r) => {
    const mine = r.manifest.kind === API.nncp.kind ? into.get(r.manifest.metadata.name) : undefined;
    if (!mine) return r;
    const spec = isRecord(r.manifest.spec) ? r.manifest.spec : {};
    const ds = mine.reduce((d, x) => withEntries(d, x), isRecord(spec.desiredState) ? spec.desiredState : {});
    const manifest: Manifest = {
      ...r.manifest,
      metadata: { ...r.manifest.metadata, annotations: { ...(r.manifest.metadata.annotations ?? {}), [REMOVAL_ANNOTATION]: removalSummary(mine) } },
      spec: { ...spec, desiredState: ds },
    };
    return { ...r, manifest };
  });
  const separate = removals.filter((x) => x.separate).sort((a, b) => (a.policy < b.policy ? -1 : a.policy > b.policy ? 1 : 0));
  if (!separate.length) return out;
  const dependsOn = out.filter((r) => r.origin.kind === 'prerequisites' && r.manifest.kind !== API.namespace.kind).map((r) => r.key);
  const origin: Origin = { kind: 'environment', name: where.environment };
  const layer: Layer = 'nncp';
  const tombstones: RenderedManifest[] = separate.map((x) => {
    const annotations: Record<string, string> = { [REMOVAL_ANNOTATION]: removalSummary([x]) };
    if (where.syncWave !== undefined) annotations[SYNC_WAVE_ANNOTATION] = String(where.syncWave);
    const target = where.target ?? defaultTarget();
    const maxUnavailable = x.maxUnavailable ?? target.defaultMaxUnavailable;
    const manifest: Manifest = {
      apiVersion: target.nncpApiVersion,
      kind: API.nncp.kind,
      metadata: { name: x.policy, annotations },
      spec: {
        ...(x.nodeSelector ? { nodeSelector: { ...x.nodeSelector } } : {}),
        ...(maxUnavailable !== undefined ? { maxUnavailable } : {}),
        desiredState: withEntries({}, x),
      },
    };
    return { manifest, key: manifestKey(manifest), layer, origin, ...(where.syncWave !== undefined ? { syncWave: where.syncWave } : {}), dependsOn };
  });
  // after the last NNCP of depth 0, else where the NNCP layer starts
  let at = -1;
  out.forEach((r, i) => {
    if (r.layer === 'nncp' && where.depthOf(r.manifest.metadata.name) === 0) at = i;
  });
  if (at < 0) at = out.findIndex((r) => r.layer !== 'prerequisites') - 1;
  if (at < -1) at = out.length - 1;
  out.splice(at + 1, 0, ...tombstones);
  return out;
}
