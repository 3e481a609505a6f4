/**
 * PREFLIGHT_MTU_CHAIN: NIC max-mtu ≥ bond ≥ VLAN ≥ bridge, on each node, with the MTUs the
 * policy sets and the node's current ones for the rest.
 * - a device MTU above its `max-mtu` is refused (linux net/core/dev.c dev_validate_mtu: -EINVAL);
 * - a VLAN MTU above its base's is refused (linux net/8021q/vlan_dev.c vlan_dev_change_mtu: -ERANGE);
 * - a bond's MTU is set on every port, so above a port's `max-mtu` it fails (drivers/net/bonding/bond_main.c bond_change_mtu);
 * - a bridge MTU above a port's: frames larger than the port MTU are dropped on that port
 *   (kubevirt/kubevirt issue 18845).
 */
import { joinPath } from '../../path';
import { DesiredInterface, isRemoval } from '../desired';
import { FindingSink } from '../finding';
import { PolicyOnNode } from '../policy-on-node';
import { at } from './interfaces';

/** The MTU an interface will have after the change (the policy's, else the current one; a new VLAN inherits its base's). */
export function mtuAfter(p: PolicyOnNode, name: string, seen: Set<string> = new Set()): number | undefined {
  if (seen.has(name)) return undefined;
  seen.add(name);
  const d = p.declared.get(name) ?? p.elsewhere.get(name);
  if (d?.mtu !== undefined) return d.mtu;
  const cur = d ? p.current(d) : p.state.interfaces.get(name);
  if (cur?.mtu !== undefined) return cur.mtu;
  if (d?.vlanBase) return mtuAfter(p, d.vlanBase.name, seen);
  if (d?.ports?.length) {
    const ports = d.ports.map((q) => mtuAfter(p, q.name, seen)).filter((m): m is number => m !== undefined);
    return ports.length ? Math.min(...ports) : undefined;
  }
  return undefined;
}

function report(p: PolicyOnNode, sink: FindingSink, d: DesiredInterface, message: string, fix: string): void {
  sink.add('PREFLIGHT_MTU_CHAIN', at(p), joinPath(d.path, 'mtu'), message, fix);
}

/** Checks every MTU the policy sets (or inherits) against the interfaces below it on the node. */
export function checkMtuChain(p: PolicyOnNode, sink: FindingSink): void {
  for (const d of p.desired.interfaces) {
    if (isRemoval(d)) continue;
    const cur = p.current(d);
    if (d.mtu !== undefined && cur?.maxMtu !== undefined && d.mtu > cur.maxMtu) {
      report(p, sink, d, `MTU ${d.mtu} on ${d.name} is above what the NIC supports on node ${p.node.name} (max-mtu ${cur.maxMtu})`, `set at most ${cur.maxMtu}, or select only nodes whose NIC supports ${d.mtu}`);
      continue;
    }
    if (d.vlanBase && d.mtu !== undefined) {
      const base = mtuAfter(p, d.vlanBase.name);
      if (base !== undefined && d.mtu > base) report(p, sink, d, `VLAN ${d.name} has MTU ${d.mtu}, above its base ${d.vlanBase.name}'s ${base} on node ${p.node.name}; the kernel refuses it`, `raise ${d.vlanBase.name}'s MTU to at least ${d.mtu} in the same policy (Uplink mtu), or lower the VLAN's`);
      continue;
    }
    for (const port of d.ports ?? []) {
      const pc = p.currentByName(port.name);
      const portMtu = mtuAfter(p, port.name);
      if (d.type === 'bond' && d.mtu !== undefined && pc?.maxMtu !== undefined && d.mtu > pc.maxMtu) {
        report(p, sink, d, `bond ${d.name} has MTU ${d.mtu}, above port ${port.name}'s max-mtu ${pc.maxMtu} on node ${p.node.name}`, `set at most ${pc.maxMtu}`);
        break;
      }
      const own = d.mtu ?? cur?.mtu;
      if (d.type !== 'bond' && own !== undefined && portMtu !== undefined && own > portMtu && (d.mtu !== undefined || p.declared.get(port.name)?.mtu !== undefined)) {
        report(p, sink, d, `${d.type ?? 'interface'} ${d.name} has MTU ${own}, above port ${port.name}'s ${portMtu} on node ${p.node.name}; frames larger than ${portMtu} are dropped on that port`, `raise ${port.name}'s MTU to ${own} in the same policy, or lower ${d.name}'s`);
        break;
      }
    }
  }
}
