/**
 * Problems in the terms of the code that declared the intent. Intent problems carry paths into the
 * topology data form (`vms[1].attachments[0].ipv4[0]`) — the user's own terms when they wrote the
 * data form (`defineEnvironment`, environment files, the Pulumi component's args). A construct user
 * never saw that array: for them the same problem is about `prod/web-2`, prop
 * `attachments[0].ipv4[0]`, and the fix is a call on their constructs
 * (`vlan200.attach(web-2, { ipv4: [...] })`). This module computes that view; the cdk8s adapter
 * applies it with the construct ids it knows. Framework-free (strings only).
 */
import { Topology } from './model';
import { Origin, vmOrigin } from './origin';

/** Top-level lists of a topology whose entries are declared by one construct each. */
export type IntentList = 'nodeGroups' | 'uplinks' | 'networks' | 'hostPolicies' | 'vms';

/** Where an intent path points: the list, the entry, and the path inside the entry (its props). */
export interface IntentLocation {
  readonly list: IntentList;
  readonly index: number;
  /** The path inside the entry, without a leading dot (`attachments[0].ipv4[0]`, `vlan`); empty for the entry itself. */
  readonly prop: string;
}

const LISTS: ReadonlySet<string> = new Set<IntentList>(['nodeGroups', 'uplinks', 'networks', 'hostPolicies', 'vms']);

/** Parses `networks[2].vlan` into its list, index and prop path; undefined for other paths. */
export function intentLocation(path: string): IntentLocation | undefined {
  const m = /^(\w+)\[(\d+)\]\.?(.*)$/.exec(path);
  if (!m || !LISTS.has(m[1])) return undefined;
  return { list: m[1] as IntentList, index: Number(m[2]), prop: m[3] };
}

/** The origin of the spec an intent location is in (undefined when the index is out of range). */
export function originAt(t: Topology, loc: IntentLocation): Origin | undefined {
  switch (loc.list) {
    case 'vms':
      return t.vms[loc.index] ? vmOrigin(t.vms[loc.index]) : undefined;
    case 'nodeGroups':
      return t.nodeGroups[loc.index] ? { kind: 'nodeGroup', name: t.nodeGroups[loc.index].name } : undefined;
    case 'uplinks':
      return t.uplinks[loc.index] ? { kind: 'uplink', name: t.uplinks[loc.index].name } : undefined;
    case 'networks':
      return t.networks[loc.index] ? { kind: 'network', name: t.networks[loc.index].name } : undefined;
    case 'hostPolicies':
      return t.hostPolicies?.[loc.index] ? { kind: 'hostPolicy', name: t.hostPolicies[loc.index].name } : undefined;
  }
}

/** The construct (and Pulumi component) class that declares an entry of each list. */
export function constructKindOf(t: Topology, loc: IntentLocation): string {
  switch (loc.list) {
    case 'vms':
      return 'MultihomedVM';
    case 'nodeGroups':
      return 'NodeGroup';
    case 'uplinks':
      return t.uplinks[loc.index]?.bond ? 'BondedUplink' : 'Uplink';
    case 'networks':
      return 'VlanBridgeNetwork';
    case 'hostPolicies':
      return 'HostNetworkPolicy';
  }
}

/** The first segment of a prop path (`ipv4` of `ipv4[0]`, `bond` of `bond.mode`). */
function head(prop: string): string {
  return /^[\w-]+/.exec(prop)?.[0] ?? prop;
}

/** A bond field is a prop of `BondedUplink` itself (`bond.mode` → `mode`). */
function uplinkProp(prop: string): string {
  return prop.startsWith('bond.') ? prop.slice('bond.'.length) : prop;
}

/**
 * The prop path of an intent location in construct terms: the path inside the construct's props,
 * with the data form's nesting the constructs flatten (a bond's fields) removed.
 */
export function constructProp(loc: IntentLocation): string {
  return loc.list === 'uplinks' ? uplinkProp(loc.prop) : loc.prop;
}

/**
 * The call that sets the prop a problem is about, in construct terms — `vlan200.attach(web-2, {
 * ipv4: [...] })`, `bond0.addVlan(144, { ipv4: [...] })`, `new VlanBridgeNetwork(env, 'vlan200', {
 * vlan: ... })` (cdk8s) or `new VlanBridgeNetwork('vlan200', { vlan: ... }, { parent: env })`
 * (Pulumi) — with `idOf` giving the construct id (`node.id`) or component name of an origin's
 * declarer and `selfId` that of the declarer at `loc` (two may declare specs of one name).
 * Undefined when the location names no prop or an origin has no declarer.
 */
export function constructCall(t: Topology, loc: IntentLocation, idOf: (o: Origin) => string | undefined, selfId?: string, home: Home = 'cdk8s'): string | undefined {
  const origin = originAt(t, loc);
  const id = selfId ?? (origin ? idOf(origin) : undefined);
  if (!origin || id === undefined || loc.prop === '') return undefined;
  const att = /^attachments\[(\d+)\]\.?(.*)$/.exec(loc.prop);
  if (loc.list === 'vms' && att) {
    const a = t.vms[loc.index].attachments[Number(att[1])];
    const networkId = a ? idOf({ kind: 'network', name: a.network }) ?? a.network : 'network';
    const prop = att[2] === '' ? 'network' : head(att[2]);
    if (prop === 'network') return `${networkId}.attach(${id}, { ... })`;
    const name = a?.name !== undefined ? `name: '${a.name}', ` : '';
    return `${networkId}.attach(${id}, { ${name}${prop}: ... })`;
  }
  const vlan = /^vlans\[(\d+)\]\.?(.*)$/.exec(loc.prop);
  if (loc.list === 'uplinks' && vlan) {
    const v = t.uplinks[loc.index].vlans?.[Number(vlan[1])];
    const prop = vlan[2] === '' ? undefined : head(vlan[2]);
    return `${id}.addVlan(${v?.id ?? '<id>'}${prop && prop !== 'id' ? `, { ${prop}: ... }` : ''})`;
  }
  if (loc.list === 'networks' && head(loc.prop) === 'namespaces') return `${id}.exposeTo('<namespace>') or ${newCall('VlanBridgeNetwork', id, 'namespaces: [...]', home)}`;
  return newCall(constructKindOf(t, loc), id, `${head(constructProp(loc))}: ...`, home);
}

/** The framework whose calls a fix names. */
export type Home = 'cdk8s' | 'pulumi';

/** `new Kind(env, 'id', { props })` (cdk8s) or `new Kind('id', { props }, { parent: env })` (Pulumi). */
function newCall(kind: string, id: string, props: string, home: Home): string {
  return home === 'pulumi' ? `new ${kind}('${id}', { ${props} }, { parent: env })` : `new ${kind}(env, '${id}', { ${props} })`;
}
