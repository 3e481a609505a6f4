/** Base fields every interface has (rust/src/lib/ifaces/base.rs BaseInterface). */
import { joinPath } from '../../../path';
import { isRecord, show } from '../../../problems';
import { INTERFACE_IDENTIFIERS, OVSDB_KEYS, WAIT_IP } from '../fields';
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
  // base.rs InterfaceIdentifier: name, mac-address (2.2.10), pci-address (2.2.47).
  ctx.oneOfAt(r.identifier, joinPath(i.path, 'identifier'), 'identifier', INTERFACE_IDENTIFIERS);
  // ovs.rs OvsDbIfaceConfig (external_ids, other_config): tests/integration/ovs_test.py test_raise_error_on_unknown_ovsdb_iface_section.
  if (isRecord(r['ovs-db'])) ctx.unknownKeys(r['ovs-db'], joinPath(i.path, 'ovs-db'), OVSDB_KEYS, 'OvsDbIfaceConfig');
  validateMptcp(st, i);

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

/** mptcp.rs MptcpAddressFlag values. */
const MPTCP_FLAGS = ['signal', 'subflow', 'backup', 'fullmesh'];

/**
 * `mptcp.address-flags` (rust/src/lib/mptcp.rs MergedInterface::post_inter_ifaces_process_mptcp):
 * "MPTCP flags mustn't have both signal and fullmesh" (unit_tests/mptcp.rs test_valid_mptcp_flags).
 */
function validateMptcp(st: State, i: Iface): void {
  const { ctx } = st;
  const path = joinPath(i.path, 'mptcp');
  const m = ctx.record(i.raw.mptcp, path, 'mptcp');
  if (!m) return;
  ctx.unknownKeys(m, path, { all: ['address-flags'], since: {} }, 'MptcpConfig');
  const fp = joinPath(path, 'address-flags');
  const flags = (ctx.list(m['address-flags'], fp, 'mptcp.address-flags') ?? []).map((f, k) => ctx.oneOf(f, joinPath(fp, k), 'mptcp address flag', MPTCP_FLAGS));
  if (flags.includes('signal') && flags.includes('fullmesh')) {
    ctx.add('NMSTATE_MPTCP_FLAGS_CONFLICT', fp, `interface ${show(i.name)} sets MPTCP address flags signal and fullmesh; the kernel does not allow both`, 'keep either signal or fullmesh');
  }
}
