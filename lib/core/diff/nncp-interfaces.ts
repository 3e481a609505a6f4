/**
 * The interfaces of a NodeNetworkConfigurationPolicy compared across two outputs. nmstate applies
 * a partial desired state: an interface a policy stops mentioning is left as it is on the node,
 * and deleting the policy changes nothing (kubernetes-nmstate closed revert-on-delete, issue
 * 1395; openshift-docs modules/node-network-configuration-policy-file.adoc), so removing one
 * needs `state: absent` first. Enslaving an existing interface moves its traffic and addresses to
 * the controller; releasing a port leaves it down; a lower MTU, another bond mode or VLAN id
 * rebuilds the link (nmstate reactivates the profile) — each interrupts traffic on the node.
 */
import { joinPath } from '../path';
import { isRecord } from '../problems';
import type { NncpIface, NncpInfo } from '../topology/rules/model';
import { formatSelector, selectorsCompatible } from '../topology/rules/selectors';
import { ChangeKind } from './change';
import { leavesState } from '../topology/rules/lifecycle';
import { HostSide, vmList } from './host-context';
import { Changes, ChangedObject, objectOf } from './record';
import { differingPaths, sameValue, shown, text, without } from './value-diff';

/** Fix for a removal that needs the absent phase. */
export const ABSENT_FIRST_FIX =
  'synthesize with the output the cluster has as previous (`multihome synth --previous <ref or dir>`, or the environment\'s previous prop): it renders the removed entries state: absent for one release; or keep the network/uplink with state: \'absent\' for one release, then remove it';

/** Both sides of the diff, for the interface comparisons. */
export interface HostSides {
  readonly old: HostSide;
  readonly next: HostSide;
}

/** Fields compared by a dedicated rule; the rest of an entry is compared as "other settings". */
const RULED_FIELDS = ['name', 'type', 'state', 'mtu', 'bridge', 'link-aggregation', 'vlan', 'ipv4', 'ipv6', 'controller'];

/** The default-route note of a message, and the severity it raises the change to. */
function defaultRoute(sides: HostSides, name: string): { readonly note: string; readonly severity?: 'error' } {
  return sides.old.carriesDefaultRoute(name) || sides.next.carriesDefaultRoute(name)
    ? { note: ` ${JSON.stringify(name)} carries the node's default route: the node can lose its connectivity (and kubernetes-nmstate rolls back when its probes fail)`, severity: 'error' }
    : { note: '' };
}

/** `, cutting off running VMs a, b` when VMs reach the wire through `name` (either side). */
function vmsNote(sides: HostSides, name: string): string {
  const vms = sides.next.vmsThrough(name);
  const list = vms.length ? vms : sides.old.vmsThrough(name);
  return list.length ? `; running VMs whose networks go through it lose connectivity meanwhile: ${vmList(list)}` : '';
}

/** Names of ports of `i`. */
function portNames(i: NncpIface | undefined): Set<string> {
  return new Set((i?.ports ?? []).map((p) => p.name));
}

/** True when `port` existed on the nodes before this change (a NIC, or an interface the old output defined). */
function existedBefore(sides: HostSides, port: string): boolean {
  return sides.old.defined.has(port) || !sides.next.defined.has(port);
}

/** An entry of the new output with no counterpart in the old one. */
export function addedIface(out: Changes, obj: ChangedObject, change: ChangeKind, e: NncpIface, sides: HostSides): void {
  if (e.absent) {
    out.add(obj, change, 'in-place', e.path, `interface ${JSON.stringify(e.name)} is rendered state: absent: removed from the nodes where it exists`, '');
    return;
  }
  const taken = [...portNames(e)].filter((p) => existedBefore(sides, p));
  if (taken.length) {
    const dr = taken.map((p) => defaultRoute(sides, p)).find((d) => d.severity) ?? { note: '' };
    out.add(obj, change, 'node-disruptive', joinPath(e.path, ...(e.type === 'bond' ? ['link-aggregation', 'port'] : ['bridge', 'port'])), `new ${e.type ?? 'interface'} ${JSON.stringify(e.name)} enslaves existing ${taken.map((p) => JSON.stringify(p)).join(', ')}: their addresses and traffic move to it, with an interruption while the link is rebuilt${dr.note}`, 'apply in a maintenance window, one node group at a time (maxUnavailable), or pre-flight it (`multihome preflight`)', dr.severity);
    return;
  }
  out.add(obj, change, 'in-place', e.path, `new ${e.type ?? 'interface'} ${JSON.stringify(e.name)} is created on the selected nodes`, '');
}

/** An entry of the old output the new one no longer has (in this policy, and no compatible policy defines it). */
export function removedIface(out: Changes, obj: ChangedObject, change: ChangeKind, e: NncpIface, policy: NncpInfo): void {
  if (e.absent) {
    out.add(obj, change, 'cosmetic', e.path, `interface ${JSON.stringify(e.name)} was state: absent already; dropping the entry changes nothing on the nodes (the absent phase is complete)`, '');
    return;
  }
  if (!leavesState(e)) {
    out.add(obj, change, 'cosmetic', e.path, `interface ${JSON.stringify(e.name)} was only set up; dropping it leaves the NIC as it is`, '');
    return;
  }
  out.add(obj, change, 'needs-absent-first', e.path, `${e.type ?? 'interface'} ${JSON.stringify(e.name)} is dropped without a state: absent phase: kubernetes-nmstate ignores what a policy stops mentioning, so it stays configured on ${formatSelector(policy.selector)}`, ABSENT_FIRST_FIX);
}

/** One interface in both outputs. */
export function changedIface(out: Changes, obj: ChangedObject, a: NncpIface, b: NncpIface, sides: HostSides): void {
  if (sameValue(a.raw, b.raw)) return;
  if (!a.absent && b.absent) {
    const released = [...portNames(a)];
    const dr = defaultRoute(sides, a.name);
    const vms = vmsNote(sides, a.name);
    const disruptive = released.length > 0 || vms !== '' || dr.severity !== undefined;
    out.add(obj, 'modified', disruptive ? 'node-disruptive' : 'in-place', joinPath(b.path, 'state'), `${a.type ?? 'interface'} ${JSON.stringify(a.name)} becomes state: absent: it is removed from the nodes${released.length ? `, releasing ${released.map((p) => JSON.stringify(p)).join(', ')} (left down, without the addresses they had through it)` : ''}${dr.note}${vms}`, disruptive ? 'apply when nothing depends on it: move the VMs off the network first' : '', dr.severity);
    return;
  }
  if (a.absent && !b.absent) {
    addedIface(out, obj, 'modified', b, sides);
    return;
  }
  const before = out.list.length;
  const dr = defaultRoute(sides, a.name);
  const vms = vmsNote(sides, a.name);
  const disrupt = (path: string, what: string) => out.add(obj, 'modified', 'node-disruptive', path, `${what}${dr.note}${vms}`, 'apply in a maintenance window, one node group at a time (maxUnavailable), or pre-flight it (`multihome preflight`)', dr.severity);
  if (a.type !== b.type) disrupt(joinPath(b.path, 'type'), `interface ${JSON.stringify(a.name)} changes type ${shown(a.type)} → ${shown(b.type)}: it is deleted and created again`);
  if (b.state === 'down' && a.state !== 'down') disrupt(joinPath(b.path, 'state'), `interface ${JSON.stringify(a.name)} is set down`);
  else if (a.state !== b.state) out.add(obj, 'modified', 'in-place', joinPath(b.path, 'state'), `interface ${JSON.stringify(a.name)} state ${a.state} → ${b.state}`, '');
  portChanges(a, b, sides, disrupt, (path, msg) => out.add(obj, 'modified', 'node-disruptive', path, msg, 'apply in a maintenance window', defaultRoute(sides, a.name).severity));
  // an unset MTU leaves the link as it is, normally Ethernet's 1500 (nmstate sets mtu only when given)
  const [mtuA, mtuB] = [a.mtu ?? 1500, b.mtu ?? 1500];
  if (a.mtu !== b.mtu && mtuB < mtuA) disrupt(joinPath(b.path, 'mtu'), `MTU of ${JSON.stringify(a.name)} lowered ${a.mtu ?? 'unset (1500)'} → ${b.mtu ?? 'unset (1500)'}: frames larger than ${mtuB} (VMs and hosts still using ${mtuA}) are dropped`);
  else if (a.mtu !== b.mtu) out.add(obj, 'modified', 'in-place', joinPath(b.path, 'mtu'), `MTU of ${JSON.stringify(a.name)} ${shown(a.mtu)} → ${shown(b.mtu)}`, '');
  const modeA = isRecord(a.raw['link-aggregation']) ? a.raw['link-aggregation'].mode : undefined;
  const modeB = isRecord(b.raw['link-aggregation']) ? b.raw['link-aggregation'].mode : undefined;
  if (modeA !== modeB) disrupt(joinPath(b.path, 'link-aggregation', 'mode'), `bond mode of ${JSON.stringify(a.name)} changes ${shown(modeA)} → ${shown(modeB)}: the bond is rebuilt and the switch side must match`);
  else if (!sameValue(without(a.raw['link-aggregation'], ['mode', 'port', 'ports']), without(b.raw['link-aggregation'], ['mode', 'port', 'ports']))) out.add(obj, 'modified', 'in-place', joinPath(b.path, 'link-aggregation', 'options'), `bond options of ${JSON.stringify(a.name)} change`, '');
  if (a.vlanId !== b.vlanId || a.vlanBase !== b.vlanBase) disrupt(joinPath(b.path, 'vlan'), `VLAN ${JSON.stringify(a.name)} changes ${a.vlanBase ?? '?'}.${a.vlanId ?? '?'} → ${b.vlanBase ?? '?'}.${b.vlanId ?? '?'}: its traffic moves to another VLAN`);
  for (const family of ['ipv4', 'ipv6'] as const) ipChange(out, obj, a, b, family, dr);
  if (!sameValue(without(a.raw.bridge, ['port', 'ports']), without(b.raw.bridge, ['port', 'ports']))) out.add(obj, 'modified', 'in-place', joinPath(b.path, 'bridge', 'options'), `bridge options of ${JSON.stringify(a.name)} change (STP, VLAN filtering, …); ports may relearn`, '');
  const rest = differingPaths(without(a.raw, RULED_FIELDS), without(b.raw, RULED_FIELDS), b.path, 3);
  if (rest.length) out.add(obj, 'modified', 'in-place', rest[0], `other settings of ${JSON.stringify(a.name)} change (${rest.map((p) => p.slice(b.path.length + 1)).join(', ')})`, '');
  if (out.list.length === before) out.add(obj, 'modified', 'cosmetic', b.path, `interface ${JSON.stringify(a.name)} is written differently with the same meaning`, '');
}

/** Ports enslaved or released, and port VLAN settings (trunk/access tags) changed. */
function portChanges(a: NncpIface, b: NncpIface, sides: HostSides, disrupt: (path: string, what: string) => void, portDisrupt: (path: string, msg: string) => void): void {
  const oldPorts = new Map(a.ports.map((p) => [p.name, p]));
  const newPorts = new Map(b.ports.map((p) => [p.name, p]));
  const taken = b.ports.filter((p) => !oldPorts.has(p.name) && existedBefore(sides, p.name));
  const released = a.ports.filter((p) => !newPorts.has(p.name));
  for (const p of taken) portDisrupt(p.path, `${JSON.stringify(b.name)} enslaves existing ${JSON.stringify(p.name)}: its addresses and traffic move to ${JSON.stringify(b.name)}${defaultRoute(sides, p.name).note}${vmsNote(sides, p.name)}`);
  if (released.length) disrupt(b.ports[0]?.path ?? b.path, `${JSON.stringify(b.name)} releases ${released.map((p) => JSON.stringify(p.name)).join(', ')}: left down, and traffic through them stops`);
  for (const p of b.ports) {
    const was = oldPorts.get(p.name);
    if (was && !sameValue(was.vlan, p.vlan)) disrupt(joinPath(p.path, 'vlan'), `VLAN settings of port ${JSON.stringify(p.name)} on ${JSON.stringify(b.name)} change ${shown(was.vlan)} → ${shown(p.vlan)}: VLANs no longer allowed stop passing`);
  }
}

/** Addresses removed or DHCP turned off: connections to the old addresses drop. */
function ipChange(out: Changes, obj: ChangedObject, a: NncpIface, b: NncpIface, family: 'ipv4' | 'ipv6', dr: { readonly note: string; readonly severity?: 'error' }): void {
  const x = a.raw[family];
  const y = b.raw[family];
  if (sameValue(x, y)) return;
  const addrs = (v: unknown) => new Set(isRecord(v) && v.enabled !== false && Array.isArray(v.address) ? v.address.filter(isRecord).map((e) => `${text(e.ip)}/${text(e['prefix-length'])}`) : []);
  const dyn = (v: unknown) => isRecord(v) && v.enabled !== false && (v.dhcp === true || v.autoconf === true);
  const lost = [...addrs(x)].filter((ip) => !addrs(y).has(ip));
  const path = joinPath(b.path, family);
  if (lost.length || (dyn(x) && !dyn(y)) || (isRecord(x) && x.enabled !== false && isRecord(y) && y.enabled === false)) {
    out.add(obj, 'modified', 'node-disruptive', path, `${family} of ${JSON.stringify(a.name)} loses ${lost.length ? lost.join(', ') : 'its dynamic address'}: connections to it drop${dr.note}`, 'make sure nothing (the API server, node IPs, storage) uses that address, then apply', dr.severity);
  } else {
    out.add(obj, 'modified', 'in-place', path, `${family} of ${JSON.stringify(a.name)} changes ${shown(x)} → ${shown(y)}`, '');
  }
}

/** True when a present entry named `name` in `policies` may land on the nodes `selector` selects. */
export function definedCompatibly(policies: readonly NncpInfo[], name: string, selector: NncpInfo['selector'], except?: NncpInfo): boolean {
  return policies.some((p) => p !== except && selectorsCompatible(p.selector, selector) && p.ifaces.some((i) => i.name === name));
}

/** The change fields of an NNCP. */
export const policyObject = (p: NncpInfo): ChangedObject => objectOf(p.manifest);
