import { Topology } from '../core/topology/model';
import { ClusterNetworkPrerequisites } from './cluster-network-prerequisites';
import { HostNetworkPolicy } from './host-network-policy';
import { MultihomedVM } from './multihomed-vm';
import { NetworkAgent } from './network-agent';
import type { NetworkEnvironment } from './network-environment';
import { NodeGroup } from './node-group';
import { Uplink } from './uplink';
import { VlanBridgeNetwork } from './vlan-bridge-network';

/** Builds the construct tree of a typed environment under `env` (one construct per object). */
export function loadEnvironment(env: NetworkEnvironment, t: Topology): void {
  if (t.prerequisites) new ClusterNetworkPrerequisites(env, 'Prerequisites', t.prerequisites);
  for (const g of t.nodeGroups) new NodeGroup(env, `NodeGroup-${g.name}`, { ...g });
  // Same order as the renderer, so both write the same file.
  for (const h of t.hostPolicies ?? []) new HostNetworkPolicy(env, `HostPolicy-${h.name}`, h);
  for (const u of t.uplinks) new Uplink(env, `Uplink-${u.name}`, { spec: u });
  for (const n of t.networks) new VlanBridgeNetwork(env, `Network-${n.name}`, { spec: n });
  for (const vm of t.vms) new MultihomedVM(env, `VM-${vm.namespace}-${vm.name}`, { spec: vm });
  // last, so that every node group exists; its objects go to the prerequisites layer all the same
  if (t.agent) {
    const { nodeGroups, ...options } = t.agent;
    new NetworkAgent(env, 'Agent', { ...options, nodeGroups: nodeGroups?.map((n) => NodeGroup.fromNodeGroupName(env, n, n)) });
  }
}
