/**
 * NAD rules per node: a bridge NAD's MTU against the node bridge's, and an OVN-Kubernetes localnet
 * network against the node's `ovn.bridge-mappings`.
 */
import { joinPath } from '../../path';
import { FindingSink } from '../finding';
import { NodeFacts } from '../node-facts';
import { PolicyOnNode } from '../policy-on-node';
import { bridgeOf, localnetName, mayRunOn, NadInput, VmInput } from './attachments';
import { mtuAfter } from './mtu';

/** Bridge MTUs after the change, by `node/bridge`, shared by the NADs of one run (many NADs name one bridge). */
export type BridgeMtuCache = Map<string, { mtu?: number } | undefined>;

/** The policies that apply on `node`, by node name. */
export type PoliciesByNode = ReadonlyMap<string, readonly PolicyOnNode[]>;

/** The MTU `bridge` has on the node after the policies selecting it apply; undefined when the node will not have it. */
function bridgeMtuAfter(node: NodeFacts, bridge: string, policies: readonly PolicyOnNode[]): { mtu?: number } | undefined {
  for (const p of policies) {
    const d = p.declared.get(bridge);
    if (d && d.state !== 'absent') return { mtu: mtuAfter(p, bridge) };
  }
  const cur = node.state?.interfaces.get(bridge);
  return cur ? { mtu: cur.mtu } : undefined;
}

/**
 * PREFLIGHT_MTU_CHAIN for a NAD: the bridge CNI sets the NAD's `mtu` on the pod's veth
 * (containernetworking/plugins plugins/main/bridge/bridge.go setupVeth mtu); above the node
 * bridge's MTU, frames larger than the bridge MTU are dropped at the bridge.
 */
export function checkNadBridgeMtu(nad: NadInput, nodes: readonly NodeFacts[], onNode: PoliciesByNode, sink: FindingSink, cache: BridgeMtuCache = new Map()): void {
  for (const { plugin, path } of nad.plugins) {
    const b = bridgeOf(plugin);
    if (!b || b.mtu === undefined) continue;
    for (const node of nodes) {
      if (!node.state) continue;
      const key = `${node.name}/${b.bridge}`;
      if (!cache.has(key)) cache.set(key, bridgeMtuAfter(node, b.bridge, onNode.get(node.name) ?? []));
      const after = cache.get(key);
      if (!after || after.mtu === undefined || b.mtu <= after.mtu) continue;
      sink.add('PREFLIGHT_MTU_CHAIN', { resource: nad.resource, object: nad.object, node: node.name }, joinPath(path, 'mtu'), `NAD mtu ${b.mtu} is above bridge ${b.bridge}'s MTU ${after.mtu} on node ${node.name}; VM frames larger than ${after.mtu} are dropped`, `lower the NAD mtu (VlanBridgeNetwork mtu) to ${after.mtu}, or raise the bridge's and its uplink's MTU (Uplink mtu)`);
    }
  }
}

/** Taints kubeadm and OpenShift put on control-plane nodes, where workloads (and so VMs) do not go. */
const CONTROL_PLANE_TAINTS = ['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master'];

/** True for a node no VM is expected on when no VM was given: cordoned, or a tainted control-plane node. */
function isControlPlaneOnly(node: NodeFacts): boolean {
  return node.unschedulable || node.taints.some((t) => CONTROL_PLANE_TAINTS.includes(t.key));
}

/**
 * PREFLIGHT_BRIDGE_MAPPING_MISSING. OVN-Kubernetes attaches a localnet network through the node's
 * `ovn-bridge-mappings` entry for its physical network name (ovn-kubernetes issues 5145, 5000);
 * nmstate ≥ 2.2.47 also refuses a mapping whose bridge does not exist. Checked on the nodes where a
 * VM attaching the NAD may run (when no VM given attaches it: every node but cordoned and tainted
 * control-plane ones).
 */
export function checkLocalnetMappings(nad: NadInput, vms: readonly VmInput[], nodes: readonly NodeFacts[], onNode: PoliciesByNode, sink: FindingSink): void {
  const users = vms.filter((vm) => vm.nads.includes(nad.key));
  for (const { plugin, path } of nad.plugins) {
    const localnet = localnetName(plugin);
    if (!localnet) continue;
    const field = (plugin as Record<string, unknown>).physicalNetworkName !== undefined ? joinPath(path, 'physicalNetworkName') : joinPath(path, 'name');
    for (const node of nodes) {
      if (!node.state) continue;
      if (users.length ? !users.some((vm) => mayRunOn(vm.spec, node)) : isControlPlaneOnly(node)) continue;
      const policies = onNode.get(node.name) ?? [];
      const added = policies.flatMap((p) => p.desired.bridgeMappings.filter((m) => m.localnet === localnet).map((m) => ({ m, p })));
      const removed = added.find(({ m }) => m.state === 'absent');
      const present = added.find(({ m }) => m.state !== 'absent');
      const bridge = present ? present.m.bridge : removed ? undefined : node.state.bridgeMappings.get(localnet);
      const where = { resource: nad.resource, object: nad.object, node: node.name };
      if (bridge === undefined) {
        const known = [...node.state.bridgeMappings.keys()];
        sink.add('PREFLIGHT_BRIDGE_MAPPING_MISSING', where, field, `localnet network ${JSON.stringify(localnet)} has no ovn.bridge-mappings entry on node ${node.name}${removed ? ' (a policy removes it)' : ''} and no policy selecting the node adds one; the node maps ${known.length ? known.join(', ') : 'no localnet'}`, `add {localnet: ${localnet}, bridge: <OVS bridge>} to ovn.bridge-mappings in a policy selecting ${node.name} (an ovn-localnet network's uplink), or use a mapped name`);
        continue;
      }
      const createdBy = policies.some((p) => p.declared.get(bridge)?.state !== 'absent' && p.declared.has(bridge));
      if (!createdBy && !node.state.interfaces.has(bridge)) {
        sink.add('PREFLIGHT_BRIDGE_MAPPING_MISSING', where, field, `localnet network ${JSON.stringify(localnet)} maps to OVS bridge ${bridge} on node ${node.name}, which the node does not have and no policy creates`, `create ${bridge} (type ovs-bridge) in the policy that adds the mapping, or map the network to an existing bridge`);
      }
    }
  }
}
