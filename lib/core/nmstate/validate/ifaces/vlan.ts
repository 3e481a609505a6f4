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
  // V1: rust/src/lib/ifaces/vlan.rs VlanInterface::sanitize — "Missing 'vlan.base-iface' for interface",
  // checked after MergedInterface::post_inter_ifaces_process_vlan took base-iface from the node's
  // VLAN (unit_tests/vlan.rs test_vlan_base_iface_optional accepts it): fails only for a new VLAN.
  if (vlan['base-iface'] === undefined || vlan['base-iface'] === null) {
    ctx.add('NMSTATE_VLAN_BASE_IFACE_MISSING', joinPath(path, 'base-iface'), `VLAN ${show(i.name)} has no vlan.base-iface; nmstate takes it from the node when the VLAN exists there and rejects a new VLAN without it`, 'set vlan.base-iface to the parent interface (NIC or bond)');
  } else {
    const base = ctx.string(vlan['base-iface'], joinPath(path, 'base-iface'), 'vlan.base-iface');
    if (base !== undefined) ctx.ifname(base, joinPath(path, 'base-iface'), 'vlan.base-iface');
  }
  // V2: nmstate only deserializes a u16 (vlan.rs VlanConfig.id `u16_or_string`, no range check at
  // 614c66dc nor in docs.rs nmstate 2.2.60 nm/settings/vlan.rs); NetworkManager takes 0–4094
  // (libnm NMSettingVlan:id) and the kernel rejects only id >= VLAN_VID_MASK 4095 (linux
  // net/8021q/vlan_netlink.c vlan_validate). Id 0 is valid: 802.1p priority tagging on the base.
  const id = ctx.int(vlan.id, joinPath(path, 'id'), 'vlan.id', 'u16', true);
  if (id !== undefined && id > 4094) {
    ctx.add('NMSTATE_VLAN_ID_RANGE', joinPath(path, 'id'), `VLAN ${show(i.name)} has vlan.id ${id}; allowed 0–4094 (nmstate passes larger ids on and the kernel rejects them at apply time)`, 'use a VLAN id between 0 and 4094 (0: priority tagging only)');
  }
  // V4: rust/src/lib/ifaces/vlan.rs VlanProtocol / VlanRegistrationProtocol (serde).
  ctx.oneOf(vlan.protocol, joinPath(path, 'protocol'), 'vlan.protocol', VLAN_PROTOCOLS);
  ctx.oneOf(vlan['registration-protocol'], joinPath(path, 'registration-protocol'), 'vlan.registration-protocol', VLAN_REG_PROTOCOLS);
  ctx.bool(vlan['reorder-headers'], joinPath(path, 'reorder-headers'), 'vlan.reorder-headers');
  ctx.bool(vlan['loose-binding'], joinPath(path, 'loose-binding'), 'vlan.loose-binding');
}
