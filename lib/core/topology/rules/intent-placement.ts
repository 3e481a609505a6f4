/**
 * TOPOLOGY_VM_UNSCHEDULABLE: a VM's placement is the union of the node selectors of the groups
 * whose networks it attaches to (render-vm.ts vmPlacement), and its NICs need the bridges those
 * groups' policies create. When two of these groups cannot share a node, because their known
 * `nodes` lists are disjoint or their selectors require one label with two values
 * (selectors.ts selectorsCompatible), no node has every bridge: the scheduler finds no node for
 * the merged nodeSelector, or the VM lands where a bridge is missing. multihome's own rule.
 */
import { joinPath } from '../../path';
import { NodeGroupSpec, Topology } from '../model';
import { IntentReport } from './intent-vlans';
import { formatSelector, selectorsCompatible } from './selectors';

/** Why groups `a` and `b` share no node, or undefined when they may. */
function disjointBecause(a: NodeGroupSpec, b: NodeGroupSpec): string | undefined {
  if (!selectorsCompatible(a.nodeSelector, b.nodeSelector)) return `their node selectors ${formatSelector(a.nodeSelector)} and ${formatSelector(b.nodeSelector)} require one label with two values`;
  if (a.nodes && b.nodes && !a.nodes.some((n) => b.nodes!.includes(n))) return `their nodes (${a.nodes.join(', ')}) and (${b.nodes.join(', ')}) have none in common`;
  return undefined;
}

/** Reports every VM attached to networks of node groups that share no node. */
export function checkVmPlacement(t: Topology, report: IntentReport): void {
  const groups = new Map(t.nodeGroups.map((g) => [g.name, g]));
  const uplinks = new Map(t.uplinks.map((u) => [u.name, u]));
  const networks = new Map(t.networks.map((n) => [n.name, n]));
  t.vms.forEach((vm, v) => {
    const seen: Array<{ group: NodeGroupSpec; network: string }> = [];
    vm.attachments.forEach((a, j) => {
      if (a.state === 'absent') return;
      const n = networks.get(a.network);
      const u = n?.uplink !== undefined ? uplinks.get(n.uplink) : undefined;
      // an existingBridge localnet may name its node group directly
      const groupName = u ? u.nodeGroup : n?.nodeGroup;
      const g = groupName !== undefined ? groups.get(groupName) : undefined;
      if (!g || seen.some((s) => s.group === g)) return;
      for (const s of seen) {
        const why = disjointBecause(s.group, g);
        if (!why) continue;
        report(
          joinPath('vms', v, 'attachments', j, 'network'),
          `VM ${vm.namespace}/${vm.name} attaches to network ${JSON.stringify(a.network)} of node group ${JSON.stringify(g.name)} and to ${JSON.stringify(s.network)} of node group ${JSON.stringify(s.group.name)}, but ${why}: no node has both bridges, so the VM cannot be scheduled`,
          `attach the VM only to networks of one node group, or carry ${JSON.stringify(a.network)} on an uplink of group ${JSON.stringify(s.group.name)}`,
        );
        break;
      }
      seen.push({ group: g, network: a.network });
    });
  });
}
