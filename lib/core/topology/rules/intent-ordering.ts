/**
 * Intent rules on the order between an environment's NNCPs (policy-order.ts derives it from the
 * rendered policies' interfaces):
 * - TOPOLOGY_POLICY_CYCLE: policies that use each other's interfaces in a cycle; no wave or
 *   `dependsOn` order can satisfy them (kubernetes-nmstate applies each policy alone:
 *   nmstate/kubernetes-nmstate controllers/handler/nodenetworkconfigurationpolicy_controller.go).
 * - TOPOLOGY_POLICY_NAME_ORDER: a dependent policy whose name sorts before the policy it builds
 *   on. kubernetes-nmstate re-queues every policy sorted by name when a node's labels change
 *   (same file, `allPolicies`: `sort.Slice(policyList.Items, … Items[i].Name < Items[j].Name)`,
 *   added by kubernetes-nmstate#1346; the controller runs one reconcile worker, controller-runtime's
 *   default), so on a node that just got its labels the dependent is applied first and fails until
 *   its retry. Names compare byte-wise as in Go (NNCP names are ASCII DNS-1123 subdomains).
 *   Generated names already sort right (resolve.ts `defaultNetworkPolicyName`).
 */
import { joinPath } from '../../path';
import { Topology } from '../model';
import { Origin } from '../origin';
import { PolicyOrder } from '../policy-order';
import { PlannedPolicy } from '../render-nncp';
import { IntentReport } from './intent-vlans';

/** Where a policy's name is set in the intent, and how a user renames it, in construct terms. */
interface PolicyNameSite {
  readonly path: string;
  /** `set policyName on VlanBridgeNetwork "vlan200" (networks[1])`. */
  readonly rename: string;
}

function nameSite(t: Topology, origin: Origin): PolicyNameSite | undefined {
  const find = <T extends { readonly name: string }>(list: readonly T[] | undefined): number => (list ?? []).findIndex((x) => x.name === origin.name);
  if (origin.kind === 'hostPolicy') {
    const i = find(t.hostPolicies);
    return i < 0 ? undefined : { path: joinPath('hostPolicies', i, 'name'), rename: `rename HostNetworkPolicy "${origin.name}" (its name prop, hostPolicies[${i}].name in data)` };
  }
  if (origin.kind === 'uplink') {
    const i = find(t.uplinks);
    return i < 0 ? undefined : { path: joinPath('uplinks', i, 'policyName'), rename: `set policyName on uplink "${origin.name}" (uplinks[${i}].policyName in data)` };
  }
  if (origin.kind === 'network') {
    const i = find(t.networks);
    return i < 0 ? undefined : { path: joinPath('networks', i, 'policyName'), rename: `set policyName on VlanBridgeNetwork "${origin.name}" (networks[${i}].policyName in data)` };
  }
  return undefined;
}

/** Reports policy cycles (errors) and dependents named before what they build on (warnings). */
export function checkPolicyOrder(t: Topology, policies: readonly PlannedPolicy[], order: PolicyOrder, cycle: IntentReport, nameOrder: IntentReport): void {
  const byName = new Map(policies.map((p) => [p.name, p]));
  for (const c of order.cycles) {
    const first = byName.get(c[0]);
    const site = first && nameSite(t, first.origin);
    const uses = c.map((name, k) => {
      const next = c[(k + 1) % c.length];
      const dep = order.after.get(name)?.find((d) => d.policy === next);
      return `"${name}" uses ${dep?.iface ?? '?'} from "${next}"`;
    });
    cycle(
      site?.path ?? 'hostPolicies',
      `NodeNetworkConfigurationPolicies ${c.map((n) => `"${n}"`).join(', ')} depend on each other in a cycle (${uses.join('; ')}); no apply order can work`,
      'create each interface in one policy only and let the others use it, or put the interfaces of the cycle into one policy (one HostNetworkPolicy, or one uplink)',
    );
  }
  // within a cycle no name order helps: the cycle is the problem
  const inCycle = new Set(order.cycles.flat());
  for (const p of [...policies].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (inCycle.has(p.name)) continue;
    for (const dep of order.after.get(p.name) ?? []) {
      if (!(p.name < dep.policy)) continue;
      const site = nameSite(t, p.origin);
      if (!site) continue;
      nameOrder(
        site.path,
        `NodeNetworkConfigurationPolicy "${p.name}" uses ${dep.iface}, which "${dep.policy}" creates, but its name sorts before "${dep.policy}"; kubernetes-nmstate re-applies a node's policies in name order when the node's labels change, so "${p.name}" would be applied before ${dep.iface} exists`,
        `${site.rename} to a name that sorts after "${dep.policy}", e.g. "${dep.policy}-${p.name}"`,
      );
    }
  }
}
