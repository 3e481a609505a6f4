/**
 * NodeNetworkConfigurationPolicies compared across two outputs: interfaces (nncp-interfaces.ts),
 * routes, OVN bridge mappings, DNS, the node selector and the immutable `capture`.
 * nmstate removes a route or a bridge mapping only when it is given `state: absent`
 * (openshift-docs#32255: removing a route from the policy "does nothing"; nmstate
 * rust/src/lib/ovn.rs: a mapping is removed by `state: absent`), so dropping one is
 * `needs-absent-first`.
 */
import { changedImmutableFields } from '../kubernetes/immutable-fields';
import { joinPath } from '../path';
import { isRecord } from '../problems';
import type { NncpInfo } from '../topology/rules/model';
import { nncpRoutes, routeIdentity } from '../topology/rules/read-nncp';
import { formatSelector, selectorImplies } from '../topology/rules/selectors';
import { ChangeKind } from './change';
import { ABSENT_FIRST_FIX, addedIface, changedIface, definedCompatibly, HostSides, policyObject, removedIface } from './nncp-interfaces';
import { Changes, ChangedObject } from './record';
import { differingPaths, sameValue, shown, text, without } from './value-diff';

/** A `routes.config[]` entry with its identity. */
interface RouteEntry {
  readonly key: string;
  readonly path: string;
  readonly destination: string;
  readonly via?: string;
  readonly absent: boolean;
  readonly raw: Record<string, unknown>;
}

function desiredState(p: NncpInfo): Record<string, unknown> {
  const spec = p.manifest.spec;
  return isRecord(spec) && isRecord(spec.desiredState) ? spec.desiredState : {};
}

/** Routes of a policy keyed like nmstate matches them (the removals' identity, read-nncp.ts). */
function routesOf(p: NncpInfo): RouteEntry[] {
  return nncpRoutes(p.manifest).map(({ index, route: r }) => ({
    key: routeIdentity(r),
    path: joinPath('spec.desiredState.routes.config', index),
    destination: text(r.destination ?? ''),
    via: typeof r['next-hop-interface'] === 'string' ? r['next-hop-interface'] : undefined,
    absent: r.state === 'absent',
    raw: r,
  }));
}

const isDefault = (r: RouteEntry) => r.destination === '0.0.0.0/0' || r.destination === '::/0';
const routeText = (r: RouteEntry) => `${r.destination}${r.raw['next-hop-address'] !== undefined ? ` via ${text(r.raw['next-hop-address'])}` : ''}${r.via ? ` dev ${r.via}` : ''}`;

/** Keys of every route the policies of a side configure (present or absent). */
function allRouteKeys(policies: readonly NncpInfo[]): Set<string> {
  return new Set(policies.flatMap((p) => routesOf(p).map((r) => r.key)));
}

/** Options of the NNCP comparison. */
export interface NncpDiffInput {
  readonly old: readonly NncpInfo[];
  readonly next: readonly NncpInfo[];
  readonly sides: HostSides;
}

/** Every change between the policies of two outputs. */
export function diffPolicies(out: Changes, input: NncpDiffInput): void {
  const { old, next, sides } = input;
  const oldByName = new Map(old.map((p) => [p.name, p]));
  const nextByName = new Map(next.map((p) => [p.name, p]));
  const nextRoutes = allRouteKeys(next);
  const nextLocalnets = new Set(next.flatMap((p) => p.mappings.map((m) => m.localnet)));
  const removedIfaceNames = new Set<string>();

  for (const p of old) {
    if (nextByName.has(p.name)) continue;
    const obj = policyObject(p);
    const before = out.list.length;
    for (const e of p.ifaces) {
      if (definedCompatibly(next, e.name, p.selector)) continue;
      removedIface(out, obj, 'removed', e, p);
      if (!e.absent) removedIfaceNames.add(e.name);
    }
    droppedRoutes(out, obj, 'removed', routesOf(p), nextRoutes, removedIfaceNames);
    droppedMappings(out, obj, 'removed', p, nextLocalnets);
    if (!out.list.slice(before).some((c) => c.class !== 'cosmetic')) {
      out.list.splice(before);
      out.add(obj, 'removed', 'removal', '', 'the policy is deleted; everything it configured was state: absent or is defined by another policy, so the nodes keep nothing of it', '');
    }
  }
  for (const p of next) {
    const was = oldByName.get(p.name);
    if (!was) addedPolicy(out, p, old, sides);
    else changedPolicy(out, was, p, { old, next, sides }, nextRoutes, nextLocalnets);
  }
}

/** A policy only the new output has. */
function addedPolicy(out: Changes, p: NncpInfo, old: readonly NncpInfo[], sides: HostSides): void {
  const obj = policyObject(p);
  const before = out.list.length;
  const quiet = new Changes();
  for (const e of p.ifaces) {
    // an interface moved here from another policy is compared with its old definition
    const prior = old.flatMap((q) => q.ifaces).find((i) => i.name === e.name);
    if (prior) changedIface(quiet, obj, prior, e, sides);
    else addedIface(quiet, obj, 'added', e, sides);
  }
  // one record for what only adds; each disruption on its own
  out.list.push(...quiet.list.filter((c) => c.class !== 'in-place' && c.class !== 'cosmetic'));
  for (const r of routesOf(p)) {
    if (isDefault(r)) out.add(obj, 'added', 'node-disruptive', r.path, `default route ${routeText(r)} ${r.absent ? 'is removed' : 'is set'} on the selected nodes: the node's way out changes`, 'pre-flight it (`multihome preflight`) and apply one node group at a time', 'error');
  }
  if (out.list.length === before) out.add(obj, 'added', 'in-place', '', `new policy for ${formatSelector(p.selector)}${p.ifaces.length ? `: ${p.ifaces.map((i) => `${i.name}${i.absent ? ' (absent)' : ''}`).join(', ')}` : ''}`, '');
}

/** A policy both outputs have. */
function changedPolicy(out: Changes, a: NncpInfo, b: NncpInfo, input: NncpDiffInput, nextRoutes: Set<string>, nextLocalnets: Set<string>): void {
  if (sameValue(a.manifest, b.manifest)) return;
  const obj = policyObject(b);
  const before = out.list.length;
  for (const field of changedImmutableFields(b.manifest.kind, a.manifest, b.manifest, sameValue)) {
    out.add(obj, 'modified', 'replace', field, `${field} changed; kubernetes-nmstate refuses to update it ("capture field cannot be modified"), so the policy is deleted and created again (re-applied on every selected node)`, 'let the tool replace it (Pulumi does: replaceOnChanges), or with GitOps delete the policy and let it be re-created (Argo CD: Replace=true sync option)');
  }
  // interfaces
  const bNames = new Map(b.ifaces.map((i) => [i.name, i]));
  const removed = new Set<string>();
  for (const e of a.ifaces) {
    const now = bNames.get(e.name);
    if (now) changedIface(out, obj, e, now, input.sides);
    else if (!definedCompatibly(input.next, e.name, a.selector, b)) {
      removedIface(out, obj, 'modified', e, a);
      if (!e.absent) removed.add(e.name);
    }
  }
  const aNames = new Set(a.ifaces.map((i) => i.name));
  for (const e of b.ifaces) {
    if (aNames.has(e.name)) continue;
    const prior = input.old.flatMap((q) => q.ifaces).find((i) => i.name === e.name);
    if (prior) changedIface(out, obj, prior, e, input.sides);
    else addedIface(out, obj, 'modified', e, input.sides);
  }
  // routes
  const ra = routesOf(a);
  const rb = new Map(routesOf(b).map((r) => [r.key, r]));
  droppedRoutes(out, obj, 'modified', ra.filter((r) => !rb.has(r.key)), nextRoutes, removed);
  const raKeys = new Map(ra.map((r) => [r.key, r]));
  for (const r of rb.values()) {
    const was = raKeys.get(r.key);
    if (was && sameValue(was.raw, r.raw)) continue;
    const what = was ? `route ${routeText(r)} changes (${differingPaths(was.raw, r.raw, '', 3).join(', ')})` : r.absent ? `route ${routeText(r)} is removed from the nodes (state: absent)` : `route ${routeText(r)} is added`;
    if (isDefault(r)) out.add(obj, 'modified', 'node-disruptive', r.path, `default ${what}: the node's way out changes`, 'pre-flight it (`multihome preflight`) and apply one node group at a time', 'error');
    else out.add(obj, 'modified', 'in-place', r.path, what, '');
  }
  // bridge mappings
  droppedMappings(out, obj, 'modified', a, nextLocalnets);
  for (const m of b.mappings) {
    const was = a.mappings.find((x) => x.localnet === m.localnet);
    if (was && was.bridge === m.bridge && was.absent === m.absent) continue;
    if (was && !was.absent && !m.absent && was.bridge !== m.bridge) {
      const vms = input.sides.next.vmsThrough(was.bridge ?? '');
      out.add(obj, 'modified', 'node-disruptive', m.path, `localnet ${JSON.stringify(m.localnet)} moves from bridge ${shown(was.bridge)} to ${shown(m.bridge)}: OVN re-plugs its ports${vms.length ? ` (running VMs on it: ${vms.map((v) => `${v.namespace}/${v.name}`).join(', ')})` : ''}`, 'apply in a maintenance window');
    } else out.add(obj, 'modified', 'in-place', m.path, `bridge mapping ${JSON.stringify(m.localnet)} ${m.absent ? 'is removed (state: absent)' : `→ ${shown(m.bridge)} is added`}`, '');
  }
  // DNS
  const dnsA = desiredState(a)['dns-resolver'];
  const dnsB = desiredState(b)['dns-resolver'];
  if (!sameValue(dnsA, dnsB)) out.add(obj, 'modified', 'in-place', 'spec.desiredState.dns-resolver', `the nodes' DNS resolver configuration changes ${shown(dnsA)} → ${shown(dnsB)} (kubernetes-nmstate rolls back if its DNS probe then fails)`, '');
  const restA = without(desiredState(a), ['interfaces', 'routes', 'ovn', 'dns-resolver']);
  const restB = without(desiredState(b), ['interfaces', 'routes', 'ovn', 'dns-resolver']);
  for (const path of differingPaths(restA, restB, 'spec.desiredState', 5)) out.add(obj, 'modified', 'in-place', path, `${path} changes`, '');
  // spec
  selectorChange(out, obj, a, b);
  const specA = isRecord(a.manifest.spec) ? a.manifest.spec : {};
  const specB = isRecord(b.manifest.spec) ? b.manifest.spec : {};
  if (!sameValue(specA.maxUnavailable, specB.maxUnavailable)) out.add(obj, 'modified', 'cosmetic', 'spec.maxUnavailable', `maxUnavailable ${shown(specA.maxUnavailable)} → ${shown(specB.maxUnavailable)}: only how many nodes apply at once changes`, '');
  for (const path of differingPaths(without(specA, ['desiredState', 'nodeSelector', 'capture', 'maxUnavailable']), without(specB, ['desiredState', 'nodeSelector', 'capture', 'maxUnavailable']), 'spec', 5)) out.add(obj, 'modified', 'in-place', path, `${path} changes`, '');
  if (out.list.length === before) out.add(obj, 'modified', 'cosmetic', 'metadata', 'only metadata (labels, annotations, sync wave) or the apiVersion changes; nothing changes on the nodes', '');
}

/** Routes the old output configured that the new one no longer mentions anywhere. */
function droppedRoutes(out: Changes, obj: ChangedObject, change: ChangeKind, routes: readonly RouteEntry[], nextRoutes: Set<string>, removedIfaces: Set<string>): void {
  for (const r of routes) {
    if (nextRoutes.has(r.key)) continue;
    if (r.absent) out.add(obj, change, 'cosmetic', r.path, `route ${routeText(r)} was state: absent already; dropping the entry changes nothing`, '');
    else if (r.via !== undefined && removedIfaces.has(r.via)) continue;
    else out.add(obj, change, 'needs-absent-first', r.path, `route ${routeText(r)} is dropped without state: absent: nmstate leaves it on the nodes`, ABSENT_FIRST_FIX);
  }
}

/** Bridge mappings the old policy had whose localnet is gone from `nextLocalnets`. */
function droppedMappings(out: Changes, obj: ChangedObject, change: ChangeKind, p: NncpInfo, nextLocalnets: Set<string>): void {
  for (const m of p.mappings) {
    if (nextLocalnets.has(m.localnet)) continue;
    if (m.absent) out.add(obj, change, 'cosmetic', m.path, `bridge mapping ${JSON.stringify(m.localnet)} was state: absent already; dropping the entry changes nothing`, '');
    else out.add(obj, change, 'needs-absent-first', m.path, `bridge mapping ${JSON.stringify(m.localnet)} → ${shown(m.bridge)} is dropped without state: absent: it stays in the nodes' OVS external_ids (ovn-bridge-mappings)`, ABSENT_FIRST_FIX);
  }
}

/** nodeSelector narrowed (nodes left behind keep the configuration) or widened. */
function selectorChange(out: Changes, obj: ChangedObject, a: NncpInfo, b: NncpInfo): void {
  if (sameValue(a.selector, b.selector)) return;
  const keeps = a.ifaces.some((i) => !i.absent);
  if (!selectorImplies(a.selector, b.selector) && keeps) {
    out.add(obj, 'modified', 'needs-absent-first', 'spec.nodeSelector', `nodeSelector ${formatSelector(a.selector)} → ${formatSelector(b.selector)}: nodes that matched before and no longer do keep the configuration as it was`, 'render the configuration absent with the old selector first (one release), then change the selector');
  } else {
    out.add(obj, 'modified', 'in-place', 'spec.nodeSelector', `nodeSelector ${formatSelector(a.selector)} → ${formatSelector(b.selector)}: the policy now also applies to the nodes the new selector adds`, '');
  }
}

