/** `type: vlan` (rust/src/lib/ifaces/vlan.rs). */
import { joinPath } from '../../../path';
import { show } from '../../../problems';
import { VLAN_KEYS, VLAN_PROTOCOLS, VLAN_REG_PROTOCOLS } from '../fields';
import { Iface, State } from '../state';

/** The `vlan:` block of a VLAN interface (rust/src/lib/ifaces/vlan.rs VlanInterface::sanitize and serde). */
export function validateVlan(st: State, i: Iface): void {
  const { ctx } = st;
  const path = joinPath(i.path, 'vlan');
  const vlan = ctx.record(i.raw.vlan, path, 'vlan');
  if (!vlan) return;
  ctx.unknownKeys(vlan, path, VLAN_KEYS, 'VlanConfig');
  // V1: rust/src/lib/ifaces/vlan.rs VlanInterface::sanitize — "Missing 'vlan.base-iface' for interface".
  if (vlan['base-iface'] === undefined || vlan['base-iface'] === null) {
    ctx.add('NMSTATE_VLAN_BASE_IFACE_MISSING', joinPath(path, 'base-iface'), `VLAN ${show(i.name)} has no vlan.base-iface`, 'set vlan.base-iface to the parent interface (NIC or bond)');
  } else {
    const base = ctx.string(vlan['base-iface'], joinPath(path, 'base-iface'), 'vlan.base-iface');
    if (base !== undefined) ctx.ifname(base, joinPath(path, 'base-iface'), 'vlan.base-iface');
  }
  // V2: nmstate only deserializes a u16 (vlan.rs `u16_or_string`); the kernel rejects id >= 4095
  // (linux net/8021q/vlan_netlink.c vlan_validate) and 0 means priority-tagged, not a VLAN.
  const id = ctx.int(vlan.id, joinPath(path, 'id'), 'vlan.id', 'u16', true);
  if (id !== undefined && (id < 1 || id > 4094)) {
    ctx.add('NMSTATE_VLAN_ID_RANGE', joinPath(path, 'id'), `VLAN ${show(i.name)} has vlan.id ${id}; allowed 1–4094 (nmstate passes larger ids on and the kernel rejects them at apply time)`, 'use a VLAN id between 1 and 4094');
  }
  // V4: rust/src/lib/ifaces/vlan.rs VlanProtocol / VlanRegistrationProtocol (serde).
  ctx.oneOf(vlan.protocol, joinPath(path, 'protocol'), 'vlan.protocol', VLAN_PROTOCOLS);
  ctx.oneOf(vlan['registration-protocol'], joinPath(path, 'registration-protocol'), 'vlan.registration-protocol', VLAN_REG_PROTOCOLS);
  ctx.bool(vlan['reorder-headers'], joinPath(path, 'reorder-headers'), 'vlan.reorder-headers');
  ctx.bool(vlan['loose-binding'], joinPath(path, 'loose-binding'), 'vlan.loose-binding');
}
