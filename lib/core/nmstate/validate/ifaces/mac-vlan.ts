/** `type: mac-vlan` (rust/src/lib/ifaces/mac_vlan.rs). */
import { joinPath } from '../../../path';
import { show } from '../../../problems';
import { MAC_VLAN_KEYS, MAC_VLAN_MODES } from '../fields';
import { Iface, State } from '../state';

/** The `mac-vlan:` block: base interface, mode and promiscuous (mac_vlan.rs MacVlanInterface::sanitize). */
export function validateMacVlan(st: State, i: Iface): void {
  const { ctx } = st;
  const path = joinPath(i.path, 'mac-vlan');
  const mv = ctx.record(i.raw['mac-vlan'], path, 'mac-vlan');
  if (!mv) return;
  ctx.unknownKeys(mv, path, MAC_VLAN_KEYS, 'MacVlanConfig');
  const base = ctx.string(mv['base-iface'], joinPath(path, 'base-iface'), 'mac-vlan.base-iface', true);
  if (base !== undefined) ctx.ifname(base, joinPath(path, 'base-iface'), 'mac-vlan.base-iface');
  if (mv.mode === undefined || mv.mode === null) ctx.string(mv.mode, joinPath(path, 'mode'), 'mac-vlan.mode', true);
  const mode = ctx.oneOf(mv.mode, joinPath(path, 'mode'), 'mac-vlan.mode', MAC_VLAN_MODES);
  const promKey = mv.promiscuous !== undefined ? 'promiscuous' : 'accept-all-mac';
  const prom = ctx.bool(mv[promKey], joinPath(path, promKey), `mac-vlan.${promKey}`);
  // mac_vlan.rs MacVlanInterface::sanitize: "Disable accept-all-mac-addresses(promiscuous) is only allowed on passthru mode".
  if (prom === false && mode !== undefined && mode !== 'passthru') {
    ctx.add('NMSTATE_MAC_VLAN_PROMISCUOUS', joinPath(path, promKey), `mac-vlan ${show(i.name)} sets ${promKey}: false in mode ${mode}; only passthru mode may disable it`, 'remove promiscuous: false, or use mode: passthru');
  }
}
