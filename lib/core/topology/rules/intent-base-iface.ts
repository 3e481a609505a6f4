/**
 * TOPOLOGY_BASE_INTERFACE_UNDECLARED: a host policy's VLAN on a base interface whose name is a
 * typo of one the environment declares (`bnod0` while uplink `bond0` exists). A VLAN device needs
 * an existing lower device: the kernel refuses to create it otherwise (torvalds/linux
 * net/8021q/vlan_netlink.c vlan_newlink, "link does not exist", -ENODEV), so the policy fails on
 * every node it selects.
 *
 * The environment does not know every NIC of its nodes: a VLAN on a physical NIC it never
 * mentions is legitimate (apps/environments/prod.ts puts eth1.102 on eth1). So an undeclared base
 * is an error only when it is within two edits (insertions, deletions, substitutions, adjacent
 * transpositions) of a name the environment declares — uplink interfaces and bond ports, host
 * VLANs, bridges and VLAN interfaces of networks, and every interface and port of host
 * policies — which is then offered as the fix.
 */
import { editDistance } from '../../edit-distance';
import { joinPath } from '../../path';
import { isRecord } from '../../problems';
import { Topology } from '../model';
import { ResolvedTopology } from '../resolve';
import { IntentReport } from './intent-vlans';

/** Every interface name the environment declares on some node. */
function declaredInterfaces(t: Topology, r: ResolvedTopology): Set<string> {
  const names = new Set<string>();
  for (const u of r.uplinks) {
    names.add(u.interface);
    for (const p of u.bond?.ports ?? []) names.add(p);
    for (const v of u.vlans ?? []) names.add(v.name ?? `${u.interface}.${v.id}`);
  }
  for (const n of r.networks) {
    names.add(n.bridge);
    if (n.vlanInterface) names.add(n.vlanInterface);
  }
  for (const h of t.hostPolicies ?? []) {
    for (const i of h.interfaces) {
      const raw = i as unknown as Record<string, unknown>;
      if (typeof raw.name === 'string') names.add(raw.name);
      for (const block of ['link-aggregation', 'bridge']) {
        const b = raw[block];
        const ports = isRecord(b) ? b.port : undefined;
        if (Array.isArray(ports)) for (const p of ports) names.add(typeof p === 'string' ? p : isRecord(p) && typeof p.name === 'string' ? p.name : '');
      }
    }
  }
  names.delete('');
  return names;
}

/** Reports host-policy VLANs whose base-iface looks like a misspelled declared interface. */
export function checkVlanBases(t: Topology, r: ResolvedTopology, report: IntentReport): void {
  let declared: Set<string> | undefined;
  (t.hostPolicies ?? []).forEach((h, i) =>
    h.interfaces.forEach((iface, j) => {
      const vlan = (iface as unknown as Record<string, unknown>).vlan;
      const base = isRecord(vlan) ? vlan['base-iface'] : undefined;
      if (typeof base !== 'string' || base.length < 3) return;
      declared ??= declaredInterfaces(t, r);
      if (declared.has(base)) return;
      const near = [...declared].filter((d) => editDistance(base, d, 2) <= 2).sort();
      if (!near.length) return;
      report(
        joinPath('hostPolicies', i, 'interfaces', j, 'vlan', 'base-iface'),
        `host policy ${JSON.stringify(h.name)} puts VLAN ${JSON.stringify((iface as { name?: unknown }).name)} on base interface ${JSON.stringify(base)}, which the environment declares nowhere; it declares ${near.map((n) => JSON.stringify(n)).join(', ')}. A VLAN cannot be created on a missing base interface, so the policy fails on its nodes`,
        `did you mean ${JSON.stringify(near[0])}? fix base-iface (and the VLAN's name), or declare ${JSON.stringify(base)} as an uplink`,
      );
    }),
  );
}
