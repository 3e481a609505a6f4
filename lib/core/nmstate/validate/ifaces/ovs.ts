/** `type: ovs-bridge` and `type: ovs-interface` (rust/src/lib/ifaces/ovs.rs). */
import { joinPath } from '../../../path';
import { show } from '../../../problems';
import { OVS_BOND_KEYS, OVS_BOND_MODES } from '../fields';
import { Iface, State } from '../state';
import { validatePortVlan } from './bridge-vlan';

/** An OVS bridge: no MAC address, ports (OVS bonds included) and their VLAN filtering (ovs.rs). */
export function validateOvsBridge(st: State, i: Iface): void {
  const { ctx } = st;
  // ovs.rs OvsBridgeInterface::sanitize: "OVS Bridge … can not hold MAC address".
  const mac = i.raw['mac-address'];
  if (typeof mac === 'string' && mac !== '') {
    ctx.add('NMSTATE_OVS_BRIDGE_MAC_ADDRESS', joinPath(i.path, 'mac-address'), `ovs-bridge ${show(i.name)} sets mac-address ${show(mac)}; an OVS bridge cannot hold a MAC address`, 'set mac-address on the ovs-interface of the bridge instead');
  }
  const path = joinPath(i.path, 'bridge');
  const br = ctx.record(i.raw.bridge, path, 'bridge');
  if (!br) return;
  const portKey = br.port !== undefined ? 'port' : 'ports';
  const ports = ctx.list(br[portKey], joinPath(path, portKey), `bridge.${portKey}`);
  (ports ?? []).forEach((p, k) => {
    const pp = joinPath(path, portKey, k);
    const rec = ctx.record(p, pp, 'ovs bridge port');
    if (!rec) return;
    const name = ctx.string(rec.name, joinPath(pp, 'name'), 'port name', true);
    const la = ctx.record(rec['link-aggregation'], joinPath(pp, 'link-aggregation'), 'ovs bond');
    if (la) {
      // ovs.rs OvsBridgeBondConfig deny_unknown_fields (unit_tests/ovs.rs test_deny_unknown_field_in_ovs_bond).
      ctx.unknownKeys(la, joinPath(pp, 'link-aggregation'), OVS_BOND_KEYS, 'OvsBridgeBondConfig');
      // ovs.rs OvsBridgeBondMode: "Unsupported OVS Bond mode".
      ctx.oneOf(la.mode, joinPath(pp, 'link-aggregation', 'mode'), 'ovs bond mode', OVS_BOND_MODES);
      const bpKey = la.port === undefined && la.ports !== undefined ? 'ports' : 'port';
      const bps = ctx.list(la[bpKey], joinPath(pp, 'link-aggregation', bpKey), 'ovs bond ports');
      (bps ?? []).forEach((bp, m) => {
        const bpp = joinPath(pp, 'link-aggregation', bpKey, m);
        const bprec = ctx.record(bp, bpp, 'ovs bond port');
        if (!bprec) return;
        const n = ctx.string(bprec.name, joinPath(bpp, 'name'), 'ovs bond port name', true);
        if (n !== undefined) ctx.ifname(n, joinPath(bpp, 'name'), 'ovs bond port name');
      });
    } else if (name !== undefined) ctx.ifname(name, joinPath(pp, 'name'), 'port name');
    if (rec.vlan !== undefined && rec.vlan !== null) validatePortVlan(st, i, name, rec.vlan, joinPath(pp, 'vlan'));
  });
}

/** ovs.rs OvsInterface::sanitize: patch/dpdk rules are not modelled yet. */
export function validateOvsInterface(_st: State, _i: Iface): void {
  return;
}
