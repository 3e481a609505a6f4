/**
 * Interface rules of a policy on a node: interfaces it needs but does not create, NICs it takes
 * from another controller, SR-IOV VF counts and VLANs on Linux bridges.
 */
import { joinPath } from '../../path';
import { show } from '../../problems';
import { DesiredInterface, InterfaceRef } from '../desired';
import { FindingSink } from '../finding';
import { PolicyOnNode } from '../policy-on-node';

/** Where a finding about `p` lands. */
export function at(p: PolicyOnNode): { resource: PolicyOnNode['policy']['resource']; object: unknown; node: string } {
  return { resource: p.policy.resource, object: p.policy.object, node: p.node.name };
}

/** How the policy names an interface in messages. */
function identity(d: DesiredInterface): string {
  if (d.identifier === 'mac-address') return `${d.name} (identifier mac-address ${d.mac ?? '(no mac-address)'})`;
  if (d.identifier === 'pci-address') return `${d.name} (identifier pci-address ${d.pciAddress ?? '(no pci-address)'})`;
  return d.name;
}

/** Up to five interface names of the node, for "what exists" hints. */
function someNames(p: PolicyOnNode, type?: string): string {
  const names = [...p.state.interfaces.values()].filter((i) => !type || i.type === type).map((i) => i.name).sort();
  return names.length ? names.slice(0, 8).join(', ') + (names.length > 8 ? ', …' : '') : '(none)';
}

/**
 * PREFLIGHT_INTERFACE_MISSING. nmstate resolves every interface of the desired state against the
 * current one; an interface it must not create (ethernet or no type, a port, a VLAN base) that is
 * not there fails the whole apply (nmstate rust/src/lib/ifaces/inter_ifaces.rs: "interface not
 * found" InvalidArgument; ports: rust/src/lib/ifaces/inter_ifaces_controller.rs).
 */
export function checkMissingInterfaces(p: PolicyOnNode, sink: FindingSink): void {
  for (const d of p.desired.interfaces) {
    if (d.state === 'absent' || p.creates(d) || p.current(d) || (!d.identifier && p.elsewhere.has(d.name))) continue;
    const path = d.identifier === 'mac-address' ? joinPath(d.path, 'mac-address') : d.identifier === 'pci-address' ? joinPath(d.path, 'pci-address') : joinPath(d.path, 'name');
    sink.add('PREFLIGHT_INTERFACE_MISSING', at(p), path, `interface ${identity(d)} is not on node ${p.node.name}; its ethernet interfaces are ${someNames(p, 'ethernet')}`, d.identifier ? 'fix the identifier, or narrow the policy\'s nodeSelector to the nodes that have this NIC' : 'use the NIC name this node has (or identifier: mac-address / pci-address when names differ between nodes), or narrow the policy\'s nodeSelector');
  }
  const refs: Array<{ ref: InterfaceRef; role: string }> = [];
  for (const d of p.desired.interfaces) {
    if (d.state === 'absent') continue;
    for (const port of d.ports ?? []) refs.push({ ref: port, role: `port of ${d.name}` });
    if (d.vlanBase) refs.push({ ref: d.vlanBase, role: `base of VLAN ${d.name}` });
  }
  for (const { ref, role } of refs) {
    if (p.declared.has(ref.name) || p.elsewhere.has(ref.name) || p.state.interfaces.has(ref.name)) continue;
    sink.add('PREFLIGHT_INTERFACE_MISSING', at(p), ref.path, `interface ${show(ref.name)} (${role}) is not on node ${p.node.name} and the policy does not create it; the node has ${someNames(p)}`, 'name an interface this node has, declare it in the policy, or narrow the policy\'s nodeSelector');
  }
}

/**
 * PREFLIGHT_PORT_ENSLAVED. A port listed by a controller is detached from its current controller
 * (nmstate rust/src/lib/ifaces/inter_ifaces_controller.rs moves it): when the policy leaves that
 * controller as it is, the controller silently loses the NIC (when that controller carries the
 * default route, PREFLIGHT_DEFAULT_ROUTE_INTERFACE says so too).
 */
export function checkEnslavedPorts(p: PolicyOnNode, sink: FindingSink): void {
  for (const d of p.desired.interfaces) {
    if (d.state === 'absent' || !d.ports) continue;
    for (const port of d.ports) {
      const cur = p.currentByName(port.name);
      if (!cur) continue;
      const owner = cur.controller;
      if (!owner || owner === d.name || owner === cur.name) continue;
      const ownerEntry = p.declared.get(owner);
      // the policy changes the old controller too: it releases the port (or removes the controller)
      if (ownerEntry && (ownerEntry.state === 'absent' || ownerEntry.state === 'down' || (ownerEntry.ports && !ownerEntry.ports.some((q) => q.name === cur.name)))) continue;
      const ownerType = p.state.interfaces.get(owner)?.type ?? 'controller';
      sink.add('PREFLIGHT_PORT_ENSLAVED', at(p), port.path, `${cur.name} is already a port of ${ownerType} ${owner} on node ${p.node.name}; making it a port of ${d.name} takes it out of ${owner}`, `use a free NIC, or release ${cur.name} from ${owner} in the same policy (list ${owner}'s remaining ports, or set it absent) if that is what you mean`);
    }
  }
}

/**
 * PREFLIGHT_SRIOV_VFS_EXCEEDED. nmstate ≥ 2.2.59 compares the desired `total-vfs` with the NIC's
 * `max-vfs` (nmstate/nmstate pull 3078, rust/src/lib/ifaces/sriov.rs: "Desired VFS count {} exceeded
 * the maximum supported VFS count {}"); older handlers fail writing sriov_numvfs.
 */
export function checkSriov(p: PolicyOnNode, sink: FindingSink): void {
  for (const d of p.desired.interfaces) {
    if (d.totalVfs === undefined) continue;
    const max = p.current(d)?.maxVfs;
    if (max === undefined || d.totalVfs <= max) continue;
    sink.add('PREFLIGHT_SRIOV_VFS_EXCEEDED', at(p), joinPath(d.path, 'ethernet', 'sr-iov', 'total-vfs'), `total-vfs ${d.totalVfs} on ${d.name} exceeds the ${max} VFs the NIC supports on node ${p.node.name} (max-vfs)`, `ask for at most ${max} VFs, or select only nodes whose NIC supports ${d.totalVfs}`);
  }
}

/**
 * PREFLIGHT_VLAN_ON_LINUX_BRIDGE. A VLAN on top of a Linux bridge makes nmstate enable VLAN
 * filtering on that bridge at every reconcile (kubernetes-nmstate issue 1429), dropping the VMs'
 * tagged frames unless every VLAN is configured on the bridge ports.
 */
export function checkVlanOnBridge(p: PolicyOnNode, sink: FindingSink): void {
  for (const d of p.desired.interfaces) {
    if (d.state === 'absent' || !d.vlanBase) continue;
    const base = p.declared.get(d.vlanBase.name) ?? p.elsewhere.get(d.vlanBase.name);
    const type = base?.type ?? p.state.interfaces.get(d.vlanBase.name)?.type;
    if (type !== 'linux-bridge') continue;
    sink.add('PREFLIGHT_VLAN_ON_LINUX_BRIDGE', at(p), d.vlanBase.path, `VLAN ${d.name} sits on Linux bridge ${d.vlanBase.name} on node ${p.node.name}; nmstate turns VLAN filtering on for ${d.vlanBase.name} and VMs on it lose their tagged traffic (kubernetes-nmstate issue 1429)`, `put the VLAN on the NIC or bond under the bridge and bridge that VLAN (VlanBridgeNetwork pattern 'vlan-bridge'), or carry the VLAN as a trunk on the bridge port with the NAD's vlan (pattern 'trunk-bridge')`);
  }
}
