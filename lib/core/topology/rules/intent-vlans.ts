/**
 * Intent rule TOPOLOGY_VLAN_CLAIMED_TWICE: one VLAN id of one uplink interface is claimed by
 * two owners on overlapping node groups — two networks with different bridges, or a network and
 * a host VLAN (uplink `vlans` or a host policy). Whatever the mix, the rendered NNCPs cannot all
 * hold on a node: two VLAN devices for one id and parent fail (-EEXIST), one VLAN device under
 * two bridges has one controller, and a VLAN sub-interface shadows the id on a trunk bridge.
 */
import { joinPath } from '../../path';
import { isRecord } from '../../problems';
import { NetworkPattern, NodeGroupSpec, Topology } from '../model';
import { ResolvedTopology } from '../resolve';
import { Selector, selectorsCompatible } from './selectors';

/** Reports one intent problem at a path of the topology. */
export type IntentReport = (path: string, message: string, fix: string) => void;

interface Claim {
  readonly iface: string;
  readonly id: number;
  /** Same owner = same L2 (one bridge, or one host VLAN device). */
  readonly owner: string;
  readonly label: string;
  readonly path: string;
  readonly selector: Selector;
}

const TAGGED = new Set<string>([NetworkPattern.VLAN_BRIDGE, NetworkPattern.TRUNK_BRIDGE, NetworkPattern.OVN_LOCALNET]);

function claimsOf(t: Topology, r: ResolvedTopology): Claim[] {
  const groups = new Map<string, NodeGroupSpec>(t.nodeGroups.map((g) => [g.name, g]));
  const sel = (group: string | undefined, extra: Selector | undefined): Selector => ({ ...(group ? groups.get(group)?.nodeSelector ?? {} : {}), ...(extra ?? {}) });
  const out: Claim[] = [];
  t.uplinks.forEach((u, i) => {
    if (u.state === 'absent') return;
    (u.vlans ?? []).forEach((v, k) => {
      const name = v.name ?? `${u.interface}.${v.id}`;
      out.push({ iface: u.interface, id: v.id, owner: `host:${name}`, label: `host VLAN ${JSON.stringify(name)} of uplink ${JSON.stringify(u.name)}`, path: joinPath('uplinks', i, 'vlans', k, 'id'), selector: sel(u.nodeGroup, u.nodeSelector) });
    });
  });
  (t.hostPolicies ?? []).forEach((h, i) => {
    h.interfaces.forEach((itf, k) => {
      const raw = itf as unknown as Record<string, unknown>;
      const vlan = isRecord(raw.vlan) ? raw.vlan : undefined;
      if (raw.state === 'absent' || !vlan || typeof vlan['base-iface'] !== 'string' || typeof vlan.id !== 'number') return;
      out.push({ iface: vlan['base-iface'], id: vlan.id, owner: `host:${String(raw.name)}`, label: `host VLAN ${JSON.stringify(raw.name)} of host policy ${JSON.stringify(h.name)}`, path: joinPath('hostPolicies', i, 'interfaces', k, 'vlan', 'id'), selector: sel(h.nodeGroup, h.nodeSelector) });
    });
  });
  r.networks.forEach((n, i) => {
    if (n.state === 'absent' || !TAGGED.has(n.pattern) || n.vlan === undefined || n.vlan <= 0 || !n.uplinkSpec) return;
    out.push({ iface: n.uplinkSpec.interface, id: n.vlan, owner: `bridge:${n.bridge}`, label: `network ${JSON.stringify(n.name)} (bridge ${JSON.stringify(n.bridge)})`, path: joinPath('networks', i, 'vlan'), selector: sel(n.uplinkSpec.nodeGroup, n.uplinkSpec.nodeSelector) });
  });
  return out;
}

/** Reports every claim of a VLAN that an earlier claim with another owner already holds on overlapping nodes. */
export function checkVlanClaims(t: Topology, r: ResolvedTopology, report: IntentReport): void {
  const byVlan = new Map<string, Claim[]>();
  for (const c of claimsOf(t, r)) {
    const key = `${c.iface}\u0000${c.id}`;
    const earlier = (byVlan.get(key) ?? []).find((e) => e.owner !== c.owner && selectorsCompatible(e.selector, c.selector));
    if (earlier) {
      report(
        c.path,
        `VLAN ${c.id} on ${JSON.stringify(c.iface)} is claimed by ${c.label} and already by ${earlier.label} (${earlier.path}) on overlapping nodes; a VLAN of an uplink reaches one bridge or one host interface, so one of the policies fails or steals the traffic`,
        'carry the VLAN once: share one trunk bridge between the networks, attach the VMs to the network that already has it, or use another VLAN id',
      );
    }
    byVlan.set(key, [...(byVlan.get(key) ?? []), c]);
  }
}
