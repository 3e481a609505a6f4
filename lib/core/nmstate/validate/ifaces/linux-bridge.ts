/** `type: linux-bridge` (rust/src/lib/ifaces/linux_bridge.rs). */
import { isCaptureTemplate, Rec } from '../../../field-reader';
import { joinPath } from '../../../path';
import { isRecord, show } from '../../../problems';
import { LINUX_BRIDGE_KEYS, LINUX_BRIDGE_OPTION_KEYS, LINUX_BRIDGE_PORT_KEYS, MULTICAST_ROUTER, MULTICAST_ROUTER_ALIASES, PORT_VLAN_KEYS, STP_KEYS, VLAN_PROTOCOLS } from '../fields';
import { Iface, State } from '../state';
import { validatePortVlan } from './bridge-vlan';

/** The `bridge:` block of a linux bridge: ports (with VLAN filtering), options and STP (linux_bridge.rs). */
export function validateLinuxBridge(st: State, i: Iface): void {
  const { ctx } = st;
  const path = joinPath(i.path, 'bridge');
  const br = ctx.record(i.raw.bridge, path, 'bridge');
  if (!br) return;
  ctx.unknownKeys(br, path, LINUX_BRIDGE_KEYS, 'LinuxBridgeConfig');
  const portKey = br.port !== undefined ? 'port' : 'ports';
  const ports = ctx.list(br[portKey], joinPath(path, portKey), `bridge.${portKey}`);
  let filtering = false;
  (ports ?? []).forEach((p, k) => {
    const pp = joinPath(path, portKey, k);
    const rec = ctx.record(p, pp, 'bridge port');
    if (!rec) return;
    ctx.unknownKeys(rec, pp, LINUX_BRIDGE_PORT_KEYS, 'LinuxBridgePortConfig');
    const name = ctx.string(rec.name, joinPath(pp, 'name'), 'port name', true);
    if (name !== undefined) ctx.ifname(name, joinPath(pp, 'name'), 'port name');
    ctx.bool(rec['stp-hairpin-mode'], joinPath(pp, 'stp-hairpin-mode'), 'stp-hairpin-mode');
    ctx.int(rec['stp-path-cost'], joinPath(pp, 'stp-path-cost'), 'stp-path-cost', 'u32');
    ctx.int(rec['stp-priority'], joinPath(pp, 'stp-priority'), 'stp-priority', 'u16');
    if (rec.vlan !== undefined && rec.vlan !== null) {
      // linux_bridge.rs vlan_filtering_is_enabled(): a port vlan block different from the default.
      if (!isRecord(rec.vlan) || PORT_VLAN_KEYS.all.some((key) => rec.vlan !== null && (rec.vlan as Rec)[key] !== undefined)) filtering = true;
      validatePortVlan(st, i, name, rec.vlan, joinPath(pp, 'vlan'));
    }
  });

  const op = joinPath(path, 'options');
  const opts = ctx.record(br.options, op, 'bridge.options');
  if (!opts) return;
  ctx.unknownKeys(opts, op, LINUX_BRIDGE_OPTION_KEYS, 'LinuxBridgeOptions');
  ctx.oneOf(opts['vlan-protocol'], joinPath(op, 'vlan-protocol'), 'bridge.options.vlan-protocol', VLAN_PROTOCOLS);
  ctx.oneOf(opts['multicast-router'], joinPath(op, 'multicast-router'), 'bridge.options.multicast-router', MULTICAST_ROUTER, MULTICAST_ROUTER_ALIASES);
  ctx.bool(opts['multicast-snooping'], joinPath(op, 'multicast-snooping'), 'multicast-snooping');
  ctx.int(opts['mac-ageing-time'], joinPath(op, 'mac-ageing-time'), 'mac-ageing-time', 'u32');

  // B7: linux_bridge.rs LinuxBridgeOptions::validate_vlan_default_pvid.
  const pvid = ctx.int(opts['vlan-default-pvid'], joinPath(op, 'vlan-default-pvid'), 'vlan-default-pvid', 'u16');
  if (pvid !== undefined && pvid !== 1 && !filtering && !isCaptureTemplate(br[portKey])) {
    ctx.add('NMSTATE_BRIDGE_DEFAULT_PVID_WITHOUT_FILTERING', joinPath(op, 'vlan-default-pvid'), `linux bridge ${show(i.name)} has vlan-default-pvid ${pvid} but VLAN filtering is not enabled (no port has a vlan block)`, 'give at least one port a vlan block (mode trunk/access), or remove vlan-default-pvid');
  }

  // B9: linux_bridge.rs LinuxBridgeOptions::sanitize_group_fwd_mask.
  const m1 = ctx.int(opts['group-forward-mask'], joinPath(op, 'group-forward-mask'), 'group-forward-mask', 'u16');
  const m2 = ctx.int(opts['group-fwd-mask'], joinPath(op, 'group-fwd-mask'), 'group-fwd-mask', 'u16');
  if (m1 !== undefined && m2 !== undefined && m1 !== m2) {
    ctx.add('NMSTATE_BRIDGE_GROUP_FORWARD_MASK_CONFLICT', joinPath(op, 'group-fwd-mask'), `linux bridge ${show(i.name)} has group-forward-mask ${m1} and group-fwd-mask ${m2}; they are the same setting`, 'keep only group-fwd-mask');
  }

  // B8: linux_bridge.rs LinuxBridgeStpOptions::sanitize (hello 1–10, max-age 6–40, forward-delay 2–30).
  const sp = joinPath(op, 'stp');
  const stp = ctx.record(opts.stp, sp, 'bridge.options.stp');
  if (!stp) return;
  ctx.unknownKeys(stp, sp, STP_KEYS, 'LinuxBridgeStpOptions');
  ctx.bool(stp.enabled, joinPath(sp, 'enabled'), 'stp.enabled');
  ctx.int(stp.priority, joinPath(sp, 'priority'), 'stp.priority', 'u16');
  for (const [key, min, max] of [['hello-time', 1, 10], ['max-age', 6, 40], ['forward-delay', 2, 30]] as const) {
    const v = ctx.int(stp[key], joinPath(sp, key), `stp.${key}`, 'u8');
    if (v !== undefined && (v < min || v > max)) {
      ctx.add('NMSTATE_BRIDGE_STP_RANGE', joinPath(sp, key), `linux bridge ${show(i.name)} has stp.${key} ${v}; allowed ${min}–${max}`, `set stp.${key} within ${min}–${max}`);
    }
  }
}
