/**
 * VM ↔ NAD ↔ NNCP rules: the NAD a VM network names exists and may be used from the VM's
 * namespace, the NIC binding suits the NAD's plugin, the VM is placed where its bridge (or OVN
 * mapping) exists and is not being removed, and MACs are unique across the set.
 */
import { joinPath } from '../../path';
import { BRIDGE_RESOURCE_PREFIX } from '../../cni';
import { bridgeDefs, RuleContext } from './context';
import { NadInfo, NncpIface, NncpInfo, SetModel, VmInfo, VmNic } from './model';
import { who } from './report';
import { alternativeContradicts, alternativeImplies, alternativePinsNode, formatAlternative, formatSelector, PlacementAlternative } from './selectors';

/**
 * Namespaces whose NADs every namespace may use on OpenShift: the `globalNamespaces` the
 * cluster-network-operator writes into the Multus config next to `namespaceIsolation: true`
 * (openshift/cluster-network-operator bindata/network/multus/multus.yaml).
 */
export const OPENSHIFT_GLOBAL_NAMESPACES: readonly string[] = ['default', 'openshift-multus', 'openshift-sriov-network-operator', 'openshift-cnv'];

/** Namespaces upstream Multus lets every namespace use under isolation when `globalNamespaces` is unset (pkg/types/conf.go). */
export const MULTUS_DEFAULT_GLOBAL_NAMESPACES: readonly string[] = ['default'];

function networkNamePath(nic: VmNic): string {
  return nic.network ? joinPath(nic.network.path, 'multus', 'networkName') : nic.path;
}

/**
 * TOPOLOGY_NAD_NOT_FOUND, TOPOLOGY_NAD_NAMESPACE_ISOLATED, TOPOLOGY_MACVLAN_BRIDGE_BINDING.
 *
 * Upstream: kubevirt/kubevirt pkg/network/multus/nad.go `NetworkToResource` fails "failed to
 * locate network attachment definition" (a plain `networkName` means the VMI's namespace,
 * `NetAttachDefNamespacedName`); k8snetworkplumbingwg/multus-cni pkg/k8sclient/k8sclient.go
 * `GetNetworkDelegates` rejects "namespace isolation enabled, annotation violates permission"
 * unless the NAD's namespace is the pod's or in `NonIsolatedNamespaces`; kubevirt/user-guide
 * docs/network/interfaces_and_networks.md "Invalid CNIs for secondary networks" (macvlan and
 * ipvlan need the pod interface's MAC, which bridge binding moves to the guest).
 */
export function checkVmNads(ctx: RuleContext): void {
  const { model, findings, options, previous } = ctx;
  const setGlobal = new Set(options.globalNamespaces);
  for (const vm of model.vms) {
    const own = options.isolationOf?.(vm.manifest);
    const isolation = own?.isolation ?? options.isolation;
    const global = own ? new Set(own.globalNamespaces) : setGlobal;
    for (const nic of vm.nics) {
      if (!nic.nadKey || !nic.network?.multus) continue;
      const nadNs = nic.nadKey.slice(0, nic.nadKey.indexOf('/'));
      if (isolation !== 'none' && nadNs !== vm.namespace && !global.has(nadNs)) {
        findings.add(
          'TOPOLOGY_NAD_NAMESPACE_ISOLATED',
          vm.ref,
          networkNamePath(nic),
          `network ${JSON.stringify(nic.name)} uses NetworkAttachmentDefinition ${nic.nadKey}, but Multus namespace isolation (${isolation} profile) only lets a pod in ${JSON.stringify(vm.namespace)} use NADs of its own namespace${global.size ? ` or of ${[...global].join(', ')}` : ''}`,
          `create the NAD in namespace ${JSON.stringify(vm.namespace)} and reference it by name, or move it to a global namespace`,
        );
        continue;
      }
      const nad = model.nadsByKey.get(nic.nadKey);
      if (!nad) {
        // A NAD of the previous set that is gone: TOPOLOGY_NAD_REMOVED_IN_USE (lifecycle) says more.
        if (model.nads.length > 0 && !previous?.nadsByKey.has(nic.nadKey)) {
          findings.add(
            'TOPOLOGY_NAD_NOT_FOUND',
            vm.ref,
            networkNamePath(nic),
            `network ${JSON.stringify(nic.name)} names NetworkAttachmentDefinition ${nic.nadKey}, which is not among the ${model.nads.length} NADs of the set${sameNameElsewhere(model, nic.nadKey)}; virt-controller fails "failed to locate network attachment definition" and the VM does not start`,
            `add NAD ${nic.nadKey} to the set, or fix multus.networkName (\`name\` for the VM's namespace, \`namespace/name\` otherwise)`,
          );
        }
        continue;
      }
      if (nic.binding === 'bridge' && (nad.flavour === 'macvlan' || nad.flavour === 'ipvlan') && !nic.absent) {
        findings.add(
          'TOPOLOGY_MACVLAN_BRIDGE_BINDING',
          vm.ref,
          joinPath(nic.path, 'bridge'),
          `interface ${JSON.stringify(nic.name)} uses bridge binding on ${who(nad.ref)}, a ${nad.flavour} network; the guest's MAC differs from the ${nad.flavour} device's, so replies never reach the VM (kubevirt/kubevirt#5483)`,
          `use a Linux bridge NAD (bridge/cnv-bridge) for bridge binding, or the macvtap binding plugin for a ${nad.flavour}-like attachment`,
        );
      }
    }
  }
}

function sameNameElsewhere(model: SetModel, key: string): string {
  const name = key.slice(key.indexOf('/') + 1);
  const other = model.nads.find((n) => n.name === name);
  return other ? ` (a NAD of that name exists in namespace ${JSON.stringify(other.namespace)})` : '';
}

/** NNCPs that make a NAD's network exist on a node: creators of its bridge, or of its OVN mapping. */
function providers(model: SetModel, nad: NadInfo): NncpInfo[] {
  if (nad.flavour === 'bridge' && nad.bridge !== undefined) return [...new Set(bridgeDefs(model, nad.bridge).map((d) => d.policy))];
  if (nad.flavour === 'ovn' && nad.ovnTopology === 'localnet' && nad.physicalNetwork !== undefined) {
    return [...new Set((model.mappingsByLocalnet.get(nad.physicalNetwork) ?? []).filter((m) => !m.absent).map((m) => m.policy))];
  }
  return [];
}

function hasBridgeResource(nad: NadInfo): boolean {
  return nad.bridge !== undefined && nad.resourceName === `${BRIDGE_RESOURCE_PREFIX}${nad.bridge}`;
}

/**
 * TOPOLOGY_VM_PLACEMENT_MISMATCH, TOPOLOGY_VM_PLACEMENT_UNCONSTRAINED: every way the VM may be
 * placed (nodeSelector AND each required node-affinity term) must lie inside the nodes of some
 * NNCP that creates its bridge (or OVN mapping). Upstream: nmstate/kubernetes-nmstate
 * api/shared/nodenetworkconfigurationpolicy_types.go (nodeSelector: applied on matching nodes
 * only); bridge.go ensureBridge (an isolated bridge elsewhere); kubevirt/bridge-marker
 * pkg/marker/marker.go (the `bridge.network.kubevirt.io/<bridge>` capacity is the only gate).
 */
export function checkVmPlacement(ctx: RuleContext): void {
  const { model, findings } = ctx;
  const memo = new Map<NadInfo, NncpInfo[]>();
  for (const vm of model.vms) {
    const seen = new Set<string>();
    for (const nic of vm.nics) {
      if (nic.absent || !nic.nadKey || seen.has(nic.nadKey)) continue;
      seen.add(nic.nadKey);
      const nad = model.nadsByKey.get(nic.nadKey);
      if (!nad) continue;
      const ps = memo.get(nad) ?? providers(model, nad);
      memo.set(nad, ps);
      if (ps.length === 0) continue;
      const what = nad.flavour === 'bridge' ? `bridge ${JSON.stringify(nad.bridge)}` : `OVN mapping ${JSON.stringify(nad.physicalNetwork)}`;
      const where = ps.map((p) => `${who(p.ref)} (${formatSelector(p.selector)})`).join(', ');
      if (vm.placement) {
        // A VM pinned to one host is inside unless the host certainly lacks the labels: its other
        // labels are unknown here (TOPOLOGY_VM_NODE_UNKNOWN checks pins against known nodes).
        const outside = (alt: PlacementAlternative): boolean =>
          !ps.some((p) => alternativeImplies(alt, p.selector)) && (!alternativePinsNode(alt) || ps.every((p) => alternativeContradicts(alt, p.selector)));
        const bad = vm.placement.find(outside);
        if (!bad) continue;
        findings.add(
          'TOPOLOGY_VM_PLACEMENT_MISMATCH',
          vm.ref,
          bad.path,
          `the VM may run on nodes ${formatAlternative(bad)}, which are not all among the nodes where ${what} of ${who(nad.ref)} exists: ${where}; the VM can be scheduled where the network is missing`,
          "add the labels of one of those policies' nodeSelector to the VM's placement (nodeSelector or every required affinity term), or widen the policy",
        );
      } else if (ps.every((p) => Object.keys(p.selector).length > 0) && !hasBridgeResource(nad)) {
        findings.add(
          'TOPOLOGY_VM_PLACEMENT_UNCONSTRAINED',
          vm.ref,
          joinPath(vm.base, 'nodeSelector'),
          `the VM has no nodeSelector or required node affinity, but ${what} of ${who(nad.ref)} only exists on ${where}, and the NAD has no resourceName${nad.bridge ? ` ${BRIDGE_RESOURCE_PREFIX}${nad.bridge}` : ''} to keep it off other nodes`,
          nad.flavour === 'bridge'
            ? `annotate the NAD with k8s.v1.cni.cncf.io/resourceName: ${BRIDGE_RESOURCE_PREFIX}${nad.bridge}, or give the VM the policy's nodeSelector`
            : "give the VM the policy's nodeSelector",
        );
      }
    }
  }
}

/**
 * TOPOLOGY_BRIDGE_ABSENT_IN_USE: NNCPs removing a bridge that present VM NICs still reach.
 * Upstream: nmstate `state: absent` deletes the bridge; bridge.go ensureBridge recreates a
 * missing bridge, without uplink, at the next pod start (restart, migration).
 */
export function checkBridgeRemoval(ctx: RuleContext): void {
  const { model, findings } = ctx;
  const byDef = new Map<NncpIface, Array<{ vm: VmInfo; nad: NadInfo }>>();
  for (const nad of model.nads) {
    if (nad.flavour !== 'bridge' || nad.bridge === undefined) continue;
    const users = (model.usersByNad.get(nad.key) ?? []).filter((u) => !u.nic.absent);
    if (users.length === 0) continue;
    const defs = model.ifacesByName.get(nad.bridge) ?? [];
    if (defs.length === 0 || defs.some((d) => !d.absent)) continue;
    for (const d of defs) {
      const l = byDef.get(d) ?? [];
      for (const u of users) l.push({ vm: u.vm, nad });
      byDef.set(d, l);
    }
  }
  for (const [def, users] of byDef) {
    const names = [...new Set(users.map((u) => `${who(u.vm.ref)} via ${who(u.nad.ref)}`))];
    findings.add(
      'TOPOLOGY_BRIDGE_ABSENT_IN_USE',
      def.policy.ref,
      joinPath(def.path, 'state'),
      `bridge ${JSON.stringify(def.name)} is set absent while ${names.slice(0, 3).join(', ')}${names.length > 3 ? ` and ${names.length - 3} more` : ''} still use it; the next VM start recreates it as an isolated bridge without uplink`,
      'first unplug (interface state: absent) or remove those VM interfaces and their NADs, then remove the bridge',
    );
  }
}

/**
 * TOPOLOGY_MAC_DUPLICATE: the same MAC on two VM interfaces of the set. Upstream: kubevirt
 * admission checks MAC syntax only (pkg/network/admitter); k8snetworkplumbingwg/kubemacpool
 * honours explicit MACs and only counts collisions (kmp_mac_collisions).
 */
export function checkMacs(ctx: RuleContext): void {
  const { model, findings } = ctx;
  const first = new Map<string, { vm: VmInfo; nic: VmNic }>();
  for (const vm of model.vms) {
    for (const nic of vm.nics) {
      if (!nic.mac || nic.absent) continue;
      const prev = first.get(nic.mac);
      if (!prev) {
        first.set(nic.mac, { vm, nic });
        continue;
      }
      findings.add(
        'TOPOLOGY_MAC_DUPLICATE',
        vm.ref,
        joinPath(nic.path, 'macAddress'),
        `interface ${JSON.stringify(nic.name)} has MAC ${nic.mac}, already used by interface ${JSON.stringify(prev.nic.name)} of ${who(prev.vm.ref)}; on one L2 the switches flap between them`,
        'give every interface its own MAC (omit it to let the deterministic allocator or kubemacpool choose)',
      );
    }
  }
}
