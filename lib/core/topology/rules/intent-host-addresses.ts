/**
 * Host addresses and the nodes they land on (issue 13 §2, trial bug B5), at the prop:
 * - TOPOLOGY_HOST_ADDRESS_MULTI_NODE / _NODES_UNKNOWN: one static address list (uplink, host
 *   VLAN, bridgeIp, or a host policy interface's `ipv4.address` / `ipv6.address` without DHCP) on
 *   a policy that selects more than one known node (error) or may select many (warning: the group
 *   lists no nodes and no `kubernetes.io/hostname` is pinned). kubernetes-nmstate applies a
 *   policy's one desiredState on every node its nodeSelector matches
 *   (nmstate/kubernetes-nmstate docs/_pages/user-guide-102-configuration.md, the policy
 *   controller's nodeSelector match), so every node gets the same address.
 * - TOPOLOGY_HOST_ADDRESS_NEEDS_NODES / _NODE_UNKNOWN / _DUPLICATE: a per-node map or pool on a
 *   group without `nodes`, a map key that is no node of the group (closest name suggested), two
 *   nodes with one address.
 * - TOPOLOGY_HOST_ADDRESS_POOL_INVALID / _POOL_EXHAUSTED: a pool's start outside it or on a
 *   reserved address, fewer addresses than nodes.
 * - TOPOLOGY_NAME_INVALID: a per-node policy name `<policy>-<node>` that is no DNS-1123 subdomain
 *   (kubernetes/apimachinery pkg/util/validation/validation.go IsDNS1123Subdomain, 253 bytes).
 * - TOPOLOGY_UPLINK_ADDRESS_ON_PORT: host addresses on a NIC uplink that a network's bridge enslaves
 *   (bridge, trunk-bridge, or an OVS bridge multihome creates): a bridge port carries no IP of its
 *   own — nmstate refuses it (nmstate/nmstate rust/src/lib/ifaces/base.rs `validate_can_have_ip`:
 *   "Interface … cannot have IP enabled as it is attached to a controller where IP is not
 *   allowed") — so the address belongs on the bridge (`bridgeIp`).
 * Malformed CIDRs are TOPOLOGY_ADDRESS_INVALID (intent-addresses.ts) and are not judged here.
 */
import { formatCidr, networkAddress, parseCidr, parseIp } from '../../cni';
import { closest } from '../../edit-distance';
import { dns1123SubdomainError } from '../../kubernetes/names';
import { joinPath } from '../../path';
import { isRecord, show } from '../../problems';
import type { TopologyCode } from '../codes';
import { allocatePool, HOST_FAMILIES, hasHostIp, isAddressList, isAddressPool, isPerNodeMap, perNodeTargets } from '../host-addresses';
import { HostIpSpec, NetworkPattern, NodeGroupSpec, Topology } from '../model';
import { ResolvedTopology } from '../resolve';
import { formatSelector, HOSTNAME_LABEL, Selector } from './selectors';

/** Reports one problem of a code. */
export type HostAddressReport = (code: TopologyCode, path: string, message: string, fix: string) => void;

/** One place that takes host addresses, with the nodes its policy selects. */
interface Site {
  readonly ip: HostIpSpec;
  /** Path of the HostIpSpec (`uplinks[0].vlans[1]`, `networks[2].bridgeIp`). */
  readonly path: string;
  /** What it is, for messages (`host VLAN "bond0.100" of uplink "bond0"`). */
  readonly what: string;
  readonly group?: NodeGroupSpec;
  readonly groupIndex: number;
  readonly selector: Selector;
  /** The group policy whose per-node policies are `<policyName>-<node>`. */
  readonly policyName: string;
}

/** How many nodes a policy selects, as far as the intent tells. */
function selection(group: NodeGroupSpec | undefined, selector: Selector): 'one' | 'many' | 'unknown' {
  if (selector[HOSTNAME_LABEL] !== undefined) return 'one';
  const n = group?.nodes?.length ?? 0;
  return n > 1 ? 'many' : n === 1 ? 'one' : 'unknown';
}

const EXAMPLE: Readonly<Record<'ipv4' | 'ipv6', { pool: string; start: string }>> = {
  ipv4: { pool: '10.50.0.0/24', start: '10.50.0.11' },
  ipv6: { pool: 'fd00:50::/64', start: 'fd00:50::11' },
};

/**
 * A perNode/pool example for the nodes of a group, as the fix of a shared address: built from the
 * address given (the pool is its subnet, starting at it), else from a documentation-style subnet.
 */
function perNodeExample(fam: 'ipv4' | 'ipv6', nodes: readonly string[], given: string | undefined): string {
  const c = parseCidr(given);
  const pool = c && c.ip.kind() === fam ? { pool: formatCidr({ ip: networkAddress(c), prefix: c.prefix }), start: c.ip.toString() } : EXAMPLE[fam];
  const alloc = allocatePool(pool, Math.min(nodes.length, 3));
  const map = nodes.slice(0, 3).map((n, i) => `${show(n)}: ${show(alloc.addresses[i] ?? '...')}`).join(', ');
  return `${fam}: { perNode: { ${map}${nodes.length > 3 ? ', ...' : ''} } } or ${fam}: { pool: ${show(pool.pool)}, start: ${show(pool.start)} }`;
}

/** Every host-address site of the topology's uplinks and networks (present ones). */
function sites(t: Topology, r: ResolvedTopology): Site[] {
  const groupIndex = new Map(t.nodeGroups.map((g, i) => [g.name, i]));
  const out: Site[] = [];
  r.uplinks.forEach((u, i) => {
    if (u.state === 'absent') return;
    const selector = { ...(u.nodeGroupSpec?.nodeSelector ?? {}), ...(u.nodeSelector ?? {}) };
    const head = { group: u.nodeGroupSpec, groupIndex: groupIndex.get(u.nodeGroup) ?? -1, selector, policyName: u.policyName };
    out.push({ ...head, ip: t.uplinks[i], path: joinPath('uplinks', i), what: `uplink ${show(u.name)}` });
    (t.uplinks[i].vlans ?? []).forEach((v, j) =>
      out.push({ ...head, ip: v, path: joinPath('uplinks', i, 'vlans', j), what: `host VLAN ${show(v.name ?? `${u.interface}.${v.id}`)} of uplink ${show(u.name)}` }),
    );
  });
  r.networks.forEach((n, i) => {
    const ip = t.networks[i].bridgeIp;
    if (!ip || n.state === 'absent') return;
    const selector = { ...(n.nodeGroupSpec?.nodeSelector ?? {}), ...(n.uplinkSpec?.nodeSelector ?? {}) };
    const g = n.uplinkSpec?.nodeGroup;
    out.push({ ip, path: joinPath('networks', i, 'bridgeIp'), what: `bridge ${show(n.bridge)} of network ${show(n.name)}`, group: n.nodeGroupSpec, groupIndex: g === undefined ? -1 : groupIndex.get(g) ?? -1, selector, policyName: n.policyName });
  });
  return out;
}

/** Fixes of a shared list, by how many nodes its policy selects. */
interface SharedListFixes {
  readonly many: (nodes: readonly string[]) => string;
  readonly unknown: string;
}

/** Fixes for a prop that takes the per-node forms (uplinks, host VLANs, bridgeIp). */
function propFixes(fam: 'ipv4' | 'ipv6', given: readonly string[]): SharedListFixes {
  return {
    many: (nodes) => `give each node its own address: ${perNodeExample(fam, nodes, given[0])}`,
    unknown: `list the group's nodes and give each its address (${fam}: { perNode: { ... } } or { pool: ... }), or pin the group to one node (nodeSelector ${HOSTNAME_LABEL})`,
  };
}

/** A shared list (at `path`) on a policy of many nodes: an error with known nodes, a warning without. */
function checkSharedList(s: Site, fam: 'ipv4' | 'ipv6', path: string, list: readonly string[], fixes: SharedListFixes, add: HostAddressReport): void {
  if (list.length === 0) return;
  const sel = selection(s.group, s.selector);
  const groupName = show(s.group?.name ?? '(none)');
  if (sel === 'many') {
    const nodes = s.group!.nodes!;
    add(
      'TOPOLOGY_HOST_ADDRESS_MULTI_NODE',
      path,
      `${s.what} gets ${fam} ${list.join(', ')} on every node of group ${groupName} (${nodes.join(', ')}): ${nodes.length} nodes with the same address`,
      fixes.many(nodes),
    );
  } else if (sel === 'unknown') {
    add(
      'TOPOLOGY_HOST_ADDRESS_NODES_UNKNOWN',
      path,
      `${s.what} gets ${fam} ${list.join(', ')} on every node its policy selects (${formatSelector(s.selector)}), and ${s.group ? `group ${groupName} lists no nodes` : 'no node group names its nodes'}; several nodes would share the address`,
      fixes.unknown,
    );
  }
}

/** The per-node forms of one family of a site. */
function checkPerNode(s: Site, fam: 'ipv4' | 'ipv6', add: HostAddressReport, badNames: Set<string>): void {
  const a = s.ip[fam];
  if (!isPerNodeMap(a) && !isAddressPool(a)) return;
  const path = joinPath(s.path, fam);
  const nodes = s.group?.nodes ?? [];
  if (nodes.length === 0) {
    add(
      'TOPOLOGY_HOST_ADDRESS_NEEDS_NODES',
      path,
      `${s.what} takes ${fam} addresses per node, but node group ${show(s.group?.name ?? '?')} lists no nodes to give them to`,
      `list the group's node names (hostnames) in nodes, e.g. nodes: ['worker-0', 'worker-1']`,
    );
    return;
  }
  const targets = perNodeTargets(nodes, s.selector);
  checkPolicyNames(s, targets, add, badNames);
  if (isPerNodeMap(a)) {
    const seen = new Map<string, string>();
    for (const node of Object.keys(a.perNode)) {
      const at = joinPath(path, 'perNode', node);
      if (!targets.includes(node)) {
        const guess = closest(node, targets);
        const pinned = s.selector[HOSTNAME_LABEL];
        add(
          'TOPOLOGY_HOST_ADDRESS_NODE_UNKNOWN',
          at,
          pinned !== undefined && nodes.includes(node)
            ? `${s.what} gives ${show(node)} an address, but its policy is pinned to node ${show(pinned)}`
            : `${s.what} gives ${show(node)} an address, but ${show(node)} is not a node of group ${show(s.group!.name)} (${nodes.join(', ')})`,
          guess !== undefined ? `did you mean ${show(guess)}? Use one of ${targets.join(', ')}` : `use one of ${targets.join(', ')}, or add the node to the group's nodes`,
        );
        continue;
      }
      const v = a.perNode[node];
      for (const addr of typeof v === 'string' ? [v] : v) {
        const ip = parseCidr(addr)?.ip ?? parseIp(addr);
        if (!ip) continue;
        const key = ip.toString();
        const other = seen.get(key);
        if (other !== undefined) {
          add('TOPOLOGY_HOST_ADDRESS_DUPLICATE', at, `${s.what} gives ${show(node)} address ${addr}, which node ${show(other)} gets too`, `give ${show(node)} an address of its own`);
        } else seen.set(key, node);
      }
    }
    return;
  }
  const alloc = allocatePool(a, nodes.length);
  if (alloc.error?.kind === 'outside') {
    add('TOPOLOGY_HOST_ADDRESS_POOL_INVALID', joinPath(path, 'start'), `${s.what}: pool start ${show(a.start)} is outside pool ${a.pool}`, `start inside ${a.pool}, or drop start to begin at the pool's first address`);
    return;
  }
  if (alloc.error?.kind === 'reserved') {
    add('TOPOLOGY_HOST_ADDRESS_POOL_INVALID', joinPath(path, 'start'), `${s.what}: pool start ${show(a.start)} is the network or broadcast address of ${a.pool}, which no host may use`, `start at a host address of ${a.pool}, e.g. the network address + 1`);
    return;
  }
  if (alloc.error) return; // unparseable: TOPOLOGY_ADDRESS_INVALID
  const missing = targets.filter((n) => alloc.addresses[nodes.indexOf(n)] === undefined);
  if (missing.length > 0) {
    add(
      'TOPOLOGY_HOST_ADDRESS_POOL_EXHAUSTED',
      joinPath(path, 'pool'),
      `${s.what}: pool ${a.pool} from ${a.start ?? 'its first address'} to ${alloc.last} has fewer addresses than group ${show(s.group!.name)} has nodes; no address is left for ${missing.join(', ')}`,
      `use a larger pool or an earlier start: ${nodes.length} addresses are needed`,
    );
  }
}

/** TOPOLOGY_NAME_INVALID on per-node policy names, at the node entry that makes the name. */
function checkPolicyNames(s: Site, targets: readonly string[], add: HostAddressReport, badNames: Set<string>): void {
  for (const node of targets) {
    const name = `${s.policyName}-${node}`;
    const e = dns1123SubdomainError(name);
    const k = s.group?.nodes?.indexOf(node) ?? -1;
    const at = s.groupIndex >= 0 && k >= 0 ? joinPath('nodeGroups', s.groupIndex, 'nodes', k) : s.path;
    // one problem per node entry, naming the first policy it breaks
    if (e === undefined || badNames.has(at)) continue;
    badNames.add(at);
    add(
      'TOPOLOGY_NAME_INVALID',
      at,
      `the per-node NodeNetworkConfigurationPolicy name ${show(name)} (policy ${show(s.policyName)} + node ${show(node)}) ${e}`,
      'shorten the policyName of the policy the node address belongs to, or fix the node name (a DNS-1123 subdomain)',
    );
  }
}

/** The static address lists of one host policy interface's nmstate block (none with DHCP or disabled). */
function staticAddresses(block: unknown): string[] {
  if (!isRecord(block) || block.enabled === false || block.dhcp === true || !Array.isArray(block.address)) return [];
  return block.address.map((a) => (isRecord(a) ? `${String(a.ip)}/${String(a['prefix-length'])}` : show(a)));
}

/** Every host-address problem of a topology (see the file comment). */
export function checkHostAddresses(t: Topology, r: ResolvedTopology, add: HostAddressReport): void {
  checkAddressOnPort(t, r, add);
  const badNames = new Set<string>();
  for (const s of sites(t, r)) {
    for (const fam of HOST_FAMILIES) {
      const a = s.ip[fam];
      if (isAddressList(a)) checkSharedList(s, fam, joinPath(s.path, fam), a, propFixes(fam, a), add);
      else checkPerNode(s, fam, add, badNames);
    }
  }
  const groups = new Map(t.nodeGroups.map((g, i) => [g.name, { g, i }]));
  (t.hostPolicies ?? []).forEach((h, i) => {
    const found = h.nodeGroup !== undefined ? groups.get(h.nodeGroup) : undefined;
    const selector = { ...(found?.g.nodeSelector ?? {}), ...(h.nodeSelector ?? {}) };
    h.interfaces.forEach((iface, j) => {
      if ((iface as { state?: string }).state === 'absent') return;
      const s: Site = { ip: {}, path: joinPath('hostPolicies', i, 'interfaces', j), what: `interface ${show(iface.name)} of host policy ${show(h.name)}`, group: found?.g, groupIndex: found?.i ?? -1, selector, policyName: h.name };
      for (const fam of HOST_FAMILIES) {
        const list = staticAddresses((iface as unknown as Record<string, unknown>)[fam]);
        checkSharedList(s, fam, joinPath(s.path, fam, 'address'), list, {
          many: () => `split the policy: one HostNetworkPolicy per node with nodeSelector { '${HOSTNAME_LABEL}': <node> } and that node's address (or an uplink's addVlan with ${fam}: { perNode: ... })`,
          unknown: `pin the policy to one node with nodeSelector { '${HOSTNAME_LABEL}': <node> }, or give it a node group that lists its nodes`,
        }, add);
      }
    });
  });
}

/** TOPOLOGY_UPLINK_ADDRESS_ON_PORT: a NIC uplink with host addresses that a network's bridge enslaves. */
function checkAddressOnPort(t: Topology, r: ResolvedTopology, add: HostAddressReport): void {
  t.uplinks.forEach((u, i) => {
    if (u.bond !== undefined || u.state === 'absent' || !hasHostIp(u)) return;
    const n = r.networks.find((x) => x.uplink === u.name && x.state !== 'absent' && !x.existingBridge && x.pattern !== NetworkPattern.VLAN_BRIDGE);
    if (!n) return;
    const field = u.ipv4 !== undefined ? 'ipv4' : u.ipv6 !== undefined ? 'ipv6' : u.dhcp4 ? 'dhcp4' : 'dhcp6';
    add(
      'TOPOLOGY_UPLINK_ADDRESS_ON_PORT',
      joinPath('uplinks', i, field),
      `uplink ${JSON.stringify(u.name)} (${u.interface}) has host addresses, but network ${JSON.stringify(n.name)} makes ${u.interface} a port of bridge ${JSON.stringify(n.bridge)}; a bridge port keeps no IP (nmstate disables IP on ports)`,
      `move the addresses to the bridge: bridgeIp: { ${field}: ... } on network ${JSON.stringify(n.name)}, and remove them from the uplink`,
    );
  });
}
