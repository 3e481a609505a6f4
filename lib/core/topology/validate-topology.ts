/**
 * Intent-only validation of a typed {@link Topology}: what can only be seen in the intent (names,
 * references, declared subnets, the two-phase removal of networks), before anything is rendered.
 * Problems are reported on `{kind: 'Environment', name: <topology name>}` with paths into the
 * topology (`networks[2].vlan`, `vms[0].attachments[1].ipv4[0]`). Everything that shows in the
 * rendered manifests (bridges, VLANs, MACs, placement, …) is `validateManifestSet`'s job.
 */
import { Problem, ResourceRef } from '../errors';
import { joinPath } from '../path';
import { cidrContains, parseCidr } from '../cni';
import { NetworkPattern, Topology } from './model';
import { ResolvedNetwork, ResolvedTopology, resolveTopology, topologyTarget } from './resolve';
import { checkAddressSyntax, checkGateways } from './rules/intent-addresses';
import { checkHostAddresses } from './rules/intent-host-addresses';
import { checkKubernetesNames } from './rules/intent-k8s-names';
import { checkPrerequisites, checkVmNames } from './rules/intent-names';
import { checkVmPlacement } from './rules/intent-placement';
import { checkGuestNames } from './rules/intent-guest-names';
import { checkBridgeMarker } from './rules/intent-bridge-marker';
import { checkVlanBases } from './rules/intent-base-iface';
import { checkLocalnetIntent } from './rules/intent-localnet';
import { checkNamespacesDeclared } from './rules/intent-namespaces';
import { checkPolicyOrder } from './rules/intent-ordering';
import { planPoliciesInOrder } from './policy-order';
import type { RenderInput } from './render';
import { checkVlanClaims } from './rules/intent-vlans';
import { Findings } from './rules/report';
import { topologyName, topologyShapeGate } from './rules/shape';
import { HOSTNAME_LABEL, Selector, selectorsCompatible } from './rules/selectors';

function duplicates<T>(items: readonly T[], key: (t: T) => string | undefined, report: (item: T, index: number, firstIndex: number) => void): void {
  const first = new Map<string, number>();
  items.forEach((it, i) => {
    const k = key(it);
    if (k === undefined) return;
    const f = first.get(k);
    if (f === undefined) first.set(k, i);
    else report(it, i, f);
  });
}

/** Nodes a network's NNCP selects: its node group's selector plus the uplink's extra labels. */
function networkNodes(n: ResolvedNetwork): Selector {
  return { ...(n.nodeGroupSpec?.nodeSelector ?? {}), ...(n.uplinkSpec?.nodeSelector ?? {}) };
}

/**
 * Every intent-level problem of a topology (errors and warnings). A malformed topology (wrong
 * types, unknown keys) gets its TOPOLOGY_SHAPE problems only: nothing else may judge it.
 */
export function validateTopology(t: Topology, resolved?: ResolvedTopology): Problem[] {
  const shape = topologyShapeGate(t);
  return shape.length ? shape : intentProblems(t, resolved);
}

/**
 * {@link validateTopology} of a topology that passed the shape gate (buildEnvironment's, whose
 * plan it reuses so the policies are not planned twice).
 */
export function intentProblems(t: Topology, resolved?: ResolvedTopology, planned?: Pick<RenderInput, 'policies' | 'order'>): Problem[] {
  const f = new Findings();
  const env: ResourceRef = { kind: 'Environment', name: topologyName(t) };
  const add = (code: Parameters<Findings['add']>[0], path: string, message: string, fix: string): void => f.add(code, env, path, message, fix);
  resolved ??= resolveTopology(t);
  const groups = new Map(t.nodeGroups.map((g) => [g.name, g]));
  const uplinks = new Map(t.uplinks.map((u) => [u.name, u]));
  const networks = new Map(resolved.networks.map((n) => [n.name, n]));

  // --- duplicate names ------------------------------------------------------------------------
  const dup = (what: string, list: string, fix: string) => (name: string, i: number, first: number) =>
    add('TOPOLOGY_DUPLICATE_NAME', joinPath(list, i, 'name'), `${what} ${JSON.stringify(name)} is declared twice (${list}[${first}] and ${list}[${i}])`, fix);
  duplicates(t.nodeGroups, (g) => g.name, (g, i, first) => dup('node group', 'nodeGroups', 'give every node group its own name')(g.name, i, first));
  duplicates(t.uplinks, (u) => u.name, (u, i, first) => dup('uplink', 'uplinks', 'give every uplink its own name')(u.name, i, first));
  duplicates(t.networks, (n) => n.name, (n, i, first) => dup('network', 'networks', 'give every network its own name')(n.name, i, first));
  duplicates(t.vms, (v) => `${v.namespace}/${v.name}`, (v, i, first) =>
    add('TOPOLOGY_DUPLICATE_NAME', joinPath('vms', i, 'name'), `VM ${v.namespace}/${v.name} is declared twice (vms[${first}] and vms[${i}])`, 'give every VM of a namespace its own name'),
  );
  t.vms.forEach((vm, v) =>
    duplicates(vm.attachments, (a) => a.name ?? a.network, (a, j, first) =>
      add('TOPOLOGY_DUPLICATE_NAME', joinPath('vms', v, 'attachments', j, a.name !== undefined ? 'name' : 'network'), `VM ${vm.namespace}/${vm.name} has two interfaces named ${JSON.stringify(a.name ?? a.network)} (attachments[${first}] and attachments[${j}]); KubeVirt refuses duplicate interface names`, 'give the second attachment its own name (the name option of attach/addAttachment)'),
    ),
  );
  t.networks.forEach((n, i) =>
    duplicates(n.namespaces, (ns) => ns, (ns, j, first) =>
      add('TOPOLOGY_NAMESPACE_LISTED_TWICE', joinPath('networks', i, 'namespaces', j), `network ${JSON.stringify(n.name)} lists namespace ${JSON.stringify(ns)} twice (namespaces[${first}] and namespaces[${j}]); it gets one NetworkAttachmentDefinition there`, `list ${JSON.stringify(ns)} once (exposeTo a namespace once)`),
    ),
  );
  const nads: Array<{ key: string; index: number }> = [];
  resolved.networks.forEach((n, index) => {
    if (n.state !== 'absent') for (const ns of n.namespaces) nads.push({ key: `${ns}/${n.nadName}`, index });
  });
  duplicates(nads, (x) => x.key, (x, _i, firstAt) => {
    const first = nads[firstAt].index;
    if (first === x.index) return;
    add('TOPOLOGY_DUPLICATE_NAME', joinPath('networks', x.index, t.networks[x.index].nadName !== undefined ? 'nadName' : 'name'), `networks[${first}] and networks[${x.index}] both render NetworkAttachmentDefinition ${x.key}; one replaces the other`, 'set a distinct nadName on one of the networks');
  });
  const policies: Array<{ name: string; path: string }> = [];
  (t.hostPolicies ?? []).forEach((h, i) => policies.push({ name: h.name, path: joinPath('hostPolicies', i, 'name') }));
  resolved.uplinks.forEach((u, i) => {
    if (u.rendersPolicy) policies.push({ name: u.policyName, path: joinPath('uplinks', i, 'policyName') });
  });
  const sharedSeen = new Set<string>();
  resolved.networks.forEach((n, i) => {
    if (n.sharedBridgeKey !== undefined) {
      if (sharedSeen.has(n.sharedBridgeKey)) return;
      sharedSeen.add(n.sharedBridgeKey);
    }
    policies.push({ name: n.policyName, path: joinPath('networks', i, 'policyName') });
  });
  duplicates(policies, (p) => p.name, (p, _i, firstAt) =>
    add('TOPOLOGY_DUPLICATE_NAME', p.path, `NodeNetworkConfigurationPolicy ${JSON.stringify(p.name)} would be rendered twice (also from ${policies[firstAt].path}); the later one replaces the earlier on apply`, 'set a distinct policyName'),
  );

  // --- references ------------------------------------------------------------------------------
  t.uplinks.forEach((u, i) => {
    if (!groups.has(u.nodeGroup)) add('TOPOLOGY_UNKNOWN_REFERENCE', joinPath('uplinks', i, 'nodeGroup'), `uplink ${JSON.stringify(u.name)} names node group ${JSON.stringify(u.nodeGroup)}, which is not declared (known: ${[...groups.keys()].join(', ') || 'none'})`, 'declare the node group or fix the name');
  });
  t.networks.forEach((n, i) => {
    if (n.uplink !== undefined && !uplinks.has(n.uplink)) add('TOPOLOGY_UNKNOWN_REFERENCE', joinPath('networks', i, 'uplink'), `network ${JSON.stringify(n.name)} names uplink ${JSON.stringify(n.uplink)}, which is not declared (known: ${[...uplinks.keys()].join(', ') || 'none'})`, 'declare the uplink or fix the name');
  });
  (t.hostPolicies ?? []).forEach((h, i) => {
    if (h.nodeGroup !== undefined && !groups.has(h.nodeGroup)) add('TOPOLOGY_UNKNOWN_REFERENCE', joinPath('hostPolicies', i, 'nodeGroup'), `host policy ${JSON.stringify(h.name)} names node group ${JSON.stringify(h.nodeGroup)}, which is not declared`, 'declare the node group or fix the name');
  });

  // --- VLANs -----------------------------------------------------------------------------------
  resolved.networks.forEach((n, i) => {
    const p = joinPath('networks', i, 'vlan');
    if ((n.pattern === NetworkPattern.VLAN_BRIDGE || n.pattern === NetworkPattern.TRUNK_BRIDGE) && n.vlan === undefined) {
      add('TOPOLOGY_VLAN_MISSING', p, `network ${JSON.stringify(n.name)} uses the ${n.pattern} pattern but has no vlan id`, 'set vlan (1–4094), or use the bridge pattern for an untagged network');
    }
    if (n.pattern === NetworkPattern.BRIDGE && n.vlan !== undefined && n.vlan !== 0) {
      add('TOPOLOGY_VLAN_IGNORED', p, `network ${JSON.stringify(n.name)} uses the plain bridge pattern, which renders no VLAN, but sets vlan ${n.vlan}; its traffic would be untagged`, 'use the trunk-bridge or vlan-bridge pattern for a tagged network, or drop vlan');
    }
  });

  checkVlanClaims(t, resolved, (path, message, fix) => add('TOPOLOGY_VLAN_CLAIMED_TWICE', path, message, fix));

  // --- shared bridges (a bridge name reused on disjoint node groups is another bridge) ---------
  const byBridge = new Map<string, Array<{ n: ResolvedNetwork; i: number }>>();
  resolved.networks.forEach((n, i) => {
    const l = byBridge.get(n.bridge) ?? [];
    l.push({ n, i });
    byBridge.set(n.bridge, l);
  });
  for (const members of byBridge.values()) {
    if (members.length < 2) continue;
    for (let m = 1; m < members.length; m++) {
      const { n, i } = members[m];
      const other = members.slice(0, m).find((e) => selectorsCompatible(networkNodes(e.n), networkNodes(n)));
      if (!other) continue;
      const { n: first, i: fi } = other;
      const mismatch = (field: string, a: unknown, b: unknown): void =>
        add('TOPOLOGY_SHARED_BRIDGE_MISMATCH', joinPath('networks', i, field), `networks ${JSON.stringify(first.name)} and ${JSON.stringify(n.name)} share bridge ${JSON.stringify(n.bridge)} but disagree on ${field} (${JSON.stringify(a)} vs ${JSON.stringify(b)}); the renderer would use networks[${fi}]'s value`, `set the same ${field} on every network of bridge ${JSON.stringify(n.bridge)}`);
      if (first.pattern === NetworkPattern.VLAN_BRIDGE || n.pattern === NetworkPattern.VLAN_BRIDGE) {
        add('TOPOLOGY_SHARED_BRIDGE_MISMATCH', joinPath('networks', i, 'bridge'), `network ${JSON.stringify(n.name)} reuses bridge ${JSON.stringify(n.bridge)} of network ${JSON.stringify(first.name)} on overlapping nodes, but a vlan-bridge network owns its bridge (two policies would set its ports)`, 'give each vlan-bridge network its own bridge, or share one trunk-bridge');
        continue;
      }
      if (first.existingBridge !== n.existingBridge) mismatch('existingBridge', first.existingBridge, n.existingBridge);
      else if (first.uplink !== n.uplink && !n.existingBridge) {
        add('TOPOLOGY_SHARED_BRIDGE_MISMATCH', joinPath('networks', i, 'uplink'), `networks ${JSON.stringify(first.name)} and ${JSON.stringify(n.name)} both put bridge ${JSON.stringify(n.bridge)} on overlapping nodes but on different uplinks (${JSON.stringify(first.uplink)} vs ${JSON.stringify(n.uplink)}); two policies would set its ports and the one applied last wins`, `use one uplink for bridge ${JSON.stringify(n.bridge)}, or give the second network its own bridge`);
      }
      else if (first.policyName !== n.policyName) mismatch('policyName', first.policyName, n.policyName);
      if (first.plugin !== n.plugin && first.pattern !== NetworkPattern.OVN_LOCALNET) mismatch('plugin', first.plugin, n.plugin);
      if (first.mtu !== undefined && n.mtu !== undefined && first.mtu !== n.mtu) mismatch('mtu', first.mtu, n.mtu);
    }
  }

  // --- names and options the renderer derives objects from --------------------------------------
  checkVmNames(t, (path, message, fix) => add('TOPOLOGY_VM_NAME_INVALID', path, message, fix));
  checkKubernetesNames(t, resolved, (path, message, fix) => add('TOPOLOGY_NAME_INVALID', path, message, fix));
  checkPrerequisites(t, (path, message, fix) => add('TOPOLOGY_NETWORK_ADDONS_NMSTATE', path, message, fix));
  const plan = planned ?? planPoliciesInOrder(resolved);
  checkPolicyOrder(t, plan.policies, plan.order, (path, message, fix) => add('TOPOLOGY_POLICY_CYCLE', path, message, fix), (path, message, fix) => add('TOPOLOGY_POLICY_NAME_ORDER', path, message, fix));
  checkNamespacesDeclared(t, (path, message, fix) => add('TOPOLOGY_NAMESPACE_UNDECLARED', path, message, fix));

  // --- addresses at the prop -------------------------------------------------------------------
  checkAddressSyntax(t, (path, message, fix) => add('TOPOLOGY_ADDRESS_INVALID', path, message, fix));
  checkGateways(t, (path, message, fix) => add('TOPOLOGY_GATEWAY_OUTSIDE_SUBNET', path, message, fix), (path, message, fix) => add('TOPOLOGY_VM_DEFAULT_GATEWAY_TWICE', path, message, fix));
  checkHostAddresses(t, resolved, add);

  checkVmPlacement(t, (path, message, fix) => add('TOPOLOGY_VM_UNSCHEDULABLE', path, message, fix));
  checkGuestNames(t, (path, message, fix) => add('TOPOLOGY_GUEST_NAME_INVALID', path, message, fix), (path, message, fix) => add('TOPOLOGY_GUEST_NAME_DUPLICATE', path, message, fix));
  checkBridgeMarker(t, resolved, (path, message, fix) => add('TOPOLOGY_BRIDGE_MARKER_MISSING', path, message, fix));
  checkVlanBases(t, resolved, (path, message, fix) => add('TOPOLOGY_BASE_INTERFACE_UNDECLARED', path, message, fix));
  checkLocalnetIntent(t, resolved, add);

  // --- VMs -------------------------------------------------------------------------------------
  t.vms.forEach((vm, v) => {
    const host = vm.nodeSelector?.[HOSTNAME_LABEL];
    const reportedGroups = new Set<string>();
    vm.attachments.forEach((a, j) => {
      const ap = joinPath('vms', v, 'attachments', j);
      const n = networks.get(a.network);
      if (!n) {
        add('TOPOLOGY_UNKNOWN_REFERENCE', joinPath(ap, 'network'), `VM ${vm.namespace}/${vm.name} attaches to network ${JSON.stringify(a.network)}, which is not declared (known: ${[...networks.keys()].join(', ') || 'none'})`, 'declare the network or fix the name');
        return;
      }
      if (n.state === 'absent') {
        if (a.state === 'absent') add('TOPOLOGY_ATTACHMENT_ABSENT_NETWORK', joinPath(ap, 'state'), `VM ${vm.namespace}/${vm.name} unplugs ${JSON.stringify(a.name ?? a.network)} in the same step that removes network ${JSON.stringify(n.name)}; the NAD disappears before the hot-unplug completes`, 'unplug first (attachment absent, network present), then set the network absent in a later change');
        else add('TOPOLOGY_ATTACHMENT_ON_ABSENT_NETWORK', joinPath(ap, 'network'), `VM ${vm.namespace}/${vm.name} keeps a present attachment on network ${JSON.stringify(n.name)}, which is state: absent (its NADs are no longer rendered)`, 'set the attachment state: absent first, or keep the network present');
      }
      const subnets = (n.subnets ?? []).map((s) => parseCidr(s)).filter((c): c is NonNullable<typeof c> => c !== undefined);
      for (const fam of ['ipv4', 'ipv6'] as const) {
        (a[fam] ?? []).forEach((addr, k) => {
          const c = parseCidr(addr);
          const same = subnets.filter((s) => c && s.ip.kind() === c.ip.kind());
          if (!c || same.length === 0 || same.some((s) => cidrContains(s, c.ip))) return;
          add('TOPOLOGY_ADDRESS_OUTSIDE_SUBNETS', joinPath(ap, fam, k), `VM ${vm.namespace}/${vm.name} gets ${addr} on network ${JSON.stringify(n.name)}, outside its subnets ${(n.subnets ?? []).join(', ')}`, 'use an address inside the network\'s subnets, or fix subnets');
        });
      }
      const g = n.nodeGroupSpec;
      if (host !== undefined && g?.nodes && !g.nodes.includes(host) && !reportedGroups.has(g.name)) {
        reportedGroups.add(g.name);
        add('TOPOLOGY_VM_NODE_UNKNOWN', joinPath('vms', v, 'nodeSelector', HOSTNAME_LABEL), `VM ${vm.namespace}/${vm.name} is pinned to ${JSON.stringify(host)}, which is not a node of group ${JSON.stringify(g.name)} (${g.nodes.join(', ')}) that carries network ${JSON.stringify(n.name)}`, `pin the VM to one of ${g.nodes.join(', ')}, or add the node to the group`);
      }
    });
  });
  t.networks.forEach((n, i) => {
    const form: unknown = n.localnetAs;
    if (form !== undefined && form !== 'cudn' && form !== 'nad') {
      add('TOPOLOGY_LOCALNET_FORM', joinPath('networks', i, 'localnetAs'), `network ${JSON.stringify(n.name)} has localnetAs ${JSON.stringify(form)}; allowed: 'cudn', 'nad'`, "set localnetAs to 'cudn' (a ClusterUserDefinedNetwork) or 'nad' (NetworkAttachmentDefinitions), or leave it out to follow the target");
    }
  });
  t.vms.forEach((vm, v) => {
    const b: unknown = vm.podNetwork;
    if (b === undefined || b === false || b === 'masquerade') return;
    const target = resolved!.resolvedTarget;
    if (b !== 'passt') {
      add('TOPOLOGY_POD_NETWORK_BINDING', joinPath('vms', v, 'podNetwork'), `VM ${vm.namespace}/${vm.name} has podNetwork ${JSON.stringify(b)}; allowed: 'masquerade', 'passt', false`, "set podNetwork to 'masquerade' (the default), 'passt', or false for no pod network");
    } else if (!target.kubevirtAtLeast('1.1')) {
      add('TOPOLOGY_POD_NETWORK_BINDING', joinPath('vms', v, 'podNetwork'), `VM ${vm.namespace}/${vm.name} asks for passt on the pod network, which KubeVirt ${target.versions.kubevirt} has neither as a core binding (v1.8) nor as a binding plugin (v1.1)`, "use podNetwork: 'masquerade', or target KubeVirt 1.1 or newer");
    }
  });
  return [...topologyTarget(t).problems, ...f.problems];
}
