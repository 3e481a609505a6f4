/** Base fields every interface has (rust/src/lib/ifaces/base.rs BaseInterface). */
import { joinPath } from '../../../path';
import { show } from '../../../problems';
import { WAIT_IP } from '../fields';
import { validateIp } from '../ip';
import { Iface, State } from '../state';

/** Base fields every interface has (rust/src/lib/ifaces/base.rs BaseInterface::sanitize), its ipv4/ipv6 blocks included. */
export function validateBase(st: State, i: Iface): void {
  const { ctx } = st;
  const r = i.raw;
  const mtu = ctx.int(r.mtu, joinPath(i.path, 'mtu'), 'mtu', 'u64');
  ctx.string(r['mac-address'], joinPath(i.path, 'mac-address'), 'mac-address');
  ctx.string(r.description, joinPath(i.path, 'description'), 'description');
  const controller = ctx.string(r.controller, joinPath(i.path, 'controller'), 'controller');
  if (controller) ctx.ifname(controller, joinPath(i.path, 'controller'), 'controller');

  const v4 = validateIp(st, i, 'ipv4');
  const v6 = validateIp(st, i, 'ipv6');

  // I7: rust/src/lib/ifaces/base.rs BaseInterface::sanitize — IPv6 enabled requires mtu >= 1280 (MINIMUM_IPV6_MTU).
  if (v6 === true && mtu !== undefined && mtu < 1280) {
    ctx.add('NMSTATE_IPV6_MTU', joinPath(i.path, 'mtu'), `interface ${show(i.name)} has IPv6 enabled and mtu ${mtu}; IPv6 needs mtu >= 1280`, 'raise mtu to at least 1280, or set ipv6.enabled: false');
  }

  // I9: rust/src/lib/ip.rs validate_wait_ip — checked on the state merged with the node, so only
  // an explicit `enabled: false` in the desired state is certain to fail.
  const waitIp = ctx.oneOf(r['wait-ip'], joinPath(i.path, 'wait-ip'), 'wait-ip', WAIT_IP);
  if (waitIp) {
    const needs4 = waitIp === 'ipv4' || waitIp === 'ipv4+ipv6';
    const needs6 = waitIp === 'ipv6' || waitIp === 'ipv4+ipv6';
    for (const [needs, fam, enabled] of [[needs4, 'ipv4', v4], [needs6, 'ipv6', v6]] as const) {
      if (needs && enabled === false) {
        ctx.add('NMSTATE_WAIT_IP_DISABLED', joinPath(i.path, 'wait-ip'), `interface ${show(i.name)} has wait-ip: ${waitIp} but ${fam}.enabled is false`, `enable ${fam} or change wait-ip`);
      }
    }
  }
}
