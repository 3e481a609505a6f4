/**
 * Rules between the interfaces of one desired state: controllers and their ports, parents of
 * VLAN-like interfaces (rust/src/lib/ifaces/inter_ifaces.rs, inter_ifaces_controller.rs, base.rs).
 */
import { isCaptureTemplate, isTrueFlag } from '../../field-reader';
import { joinPath } from '../../path';
import { isRecord, show } from '../../problems';
import { findController, findKernel, Iface, isUp, isUserspaceType, portsOf, State } from './state';

/** C1–C5, duplicate and absent ports, I8 (rust/src/lib/ifaces/inter_ifaces_controller.rs, base.rs). */
export function validateControllers(st: State): void {
  const { ctx } = st;
  const upControllers = st.ifaces.filter((i) => isUp(i) && i.name !== undefined && portsOf(i) !== undefined);

  // C1 + duplicate ports: inter_ifaces_controller.rs check_overbook_ports / is_port_overbook.
  const owner = new Map<string, Iface>();
  for (const c of upControllers) {
    const mine = new Set<string>();
    for (const p of portsOf(c) ?? []) {
      if (p.name === undefined) continue;
      if (mine.has(p.name)) {
        ctx.add('NMSTATE_DUPLICATE_PORT', p.path, `port ${show(p.name)} is listed twice by ${c.type} ${show(c.name)}`, 'list each port once');
        continue;
      }
      mine.add(p.name);
      const prev = owner.get(p.name);
      if (prev !== undefined && prev !== c) {
        ctx.add('NMSTATE_PORT_OVERBOOKED', p.path, `port ${show(p.name)} is listed by ${c.type} ${show(c.name)} and by ${prev.type} ${show(prev.name)}; an interface has one controller`, `remove ${show(p.name)} from one of the two port lists`);
      } else owner.set(p.name, c);
      // multihome: the same state attaches and removes the port.
      const portIface = findKernel(st, p.name);
      if (portIface?.state === 'absent') {
        ctx.add('NMSTATE_PORT_ABSENT', p.path, `${c.type} ${show(c.name)} lists port ${show(p.name)}, which this state marks absent (${portIface.path})`, `remove ${show(p.name)} from the port list, or do not mark it absent`);
      }
    }
  }

  for (const p of st.ifaces) {
    if (p.name === undefined || !isUp(p)) continue;
    const ctrl = p.raw.controller;
    if (typeof ctrl !== 'string' || isCaptureTemplate(ctrl)) continue;
    const cpath = joinPath(p.path, 'controller');
    const listedBy = owner.get(p.name);
    if (ctrl !== '') {
      // C2/C3: validate_controller_not_in_port_list (user_ifaces (X, ovs-bridge) first, then kernel X).
      const x = findController(st, ctrl);
      if (x === undefined) {
        ctx.add('NMSTATE_CONTROLLER_NOT_FOUND', cpath, `interface ${show(p.name)} has controller ${show(ctrl)}, which is not in this state; nmstate fails unless ${show(ctrl)} exists on the node`, `add ${show(ctrl)} to the state with ${show(p.name)} in its port list, or fix the name`);
      } else {
        const ports = portsOf(x);
        if (ports !== undefined && !ports.some((q) => q.name === p.name || q.name === undefined)) {
          ctx.add('NMSTATE_CONTROLLER_NOT_LISTING_PORT', cpath, `interface ${show(p.name)} has controller ${show(ctrl)} but is not in the port list of ${show(ctrl)}`, `add ${show(p.name)} to the ports of ${show(ctrl)}, or remove controller`);
        }
      }
    }
    // C4/C5: validate_controller_in_other_port_list (kernel interfaces only).
    if (!isUserspaceType(p.type) && listedBy !== undefined && listedBy.name !== ctrl) {
      if (ctrl === '') {
        ctx.add('NMSTATE_CONTROLLER_DETACH_CONFLICT', cpath, `interface ${show(p.name)} sets controller: "" (detach) but is still a port of ${listedBy.type} ${show(listedBy.name)}`, `remove ${show(p.name)} from the ports of ${show(listedBy.name)}, or drop controller: ""`);
      } else {
        ctx.add('NMSTATE_CONTROLLER_CONFLICT', cpath, `interface ${show(p.name)} has controller ${show(ctrl)} but is a port of ${listedBy.type} ${show(listedBy.name)}`, `make controller and port list agree (controller: ${show(listedBy.name)}, or move the port)`);
      }
    }
  }

  // I8: base.rs validate_can_have_ip — ports of bridge/bond/ovs-bridge (not ovs-interface, not vrf) carry no IP.
  for (const p of st.ifaces) {
    if (p.name === undefined || !isUp(p) || p.type === 'ovs-interface') continue;
    const ctrlField = typeof p.raw.controller === 'string' && !isCaptureTemplate(p.raw.controller) ? p.raw.controller : undefined;
    if (ctrlField === '') continue;
    const ctrl = ctrlField !== undefined ? findController(st, ctrlField) : owner.get(p.name);
    if (ctrl === undefined || ctrl.type === 'vrf' || !['linux-bridge', 'bond', 'ovs-bridge'].includes(ctrl.type ?? '')) continue;
    for (const fam of ['ipv4', 'ipv6'] as const) {
      const ip = p.raw[fam];
      if (!isRecord(ip) || isCaptureTemplate(ip.enabled)) continue;
      if (isTrueFlag(ip.enabled)) {
        ctx.add('NMSTATE_PORT_HAS_IP', joinPath(p.path, fam, 'enabled'), `interface ${show(p.name)} is a port of ${ctrl.type} ${show(ctrl.name)} and has ${fam} enabled; ports of a ${ctrl.type} cannot hold IP`, `set ${fam}: {enabled: false} on the port and put the address on ${show(ctrl.name)}`);
      }
    }
  }
}

/** V3: inter_ifaces.rs mark_orphan_interface_as_absent (an absent parent other than ethernet/veth). */
export function validateParents(st: State): void {
  const parentKeys: Record<string, string> = { vlan: 'vlan', 'mac-vlan': 'mac-vlan', 'mac-vtap': 'mac-vtap', vxlan: 'vxlan', infiniband: 'infiniband', macsec: 'macsec' };
  for (const i of st.ifaces) {
    if (!isUp(i) || i.type === undefined || !(i.type in parentKeys)) continue;
    const block = i.raw[parentKeys[i.type]];
    if (!isRecord(block) || typeof block['base-iface'] !== 'string') continue;
    const parentName = block['base-iface'];
    const parent = findKernel(st, parentName);
    if (parent?.state === 'absent' && parent.type !== undefined && parent.type !== 'ethernet' && parent.type !== 'veth') {
      st.ctx.add('NMSTATE_PARENT_ABSENT', joinPath(i.path, parentKeys[i.type], 'base-iface'), `interface ${show(i.name)} is up but its parent ${show(parentName)} is marked absent in the same state`, `mark ${show(i.name)} absent too, or keep ${show(parentName)}`);
    }
  }
}
