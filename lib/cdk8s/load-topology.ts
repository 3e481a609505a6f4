import { Construct } from 'constructs';
import { Topology } from '../core/topology/model';
import { BondedUplink } from './bonded-uplink';
import { ClusterNetworkPrerequisites } from './cluster-network-prerequisites';
import { markDataForm } from './data-form';
import { HostNetworkPolicy } from './host-network-policy';
import { MultihomedVM } from './multihomed-vm';
import { NetworkAgent } from './network-agent';
import { NodeGroup } from './node-group';
import { Uplink } from './uplink';
import { VlanBridgeNetwork } from './vlan-bridge-network';

/**
 * Builds the construct tree of a typed environment under `env` (inside a `NetworkEnvironment`):
 * one construct per spec, given the same props a user would write, with references as plain
 * objects (`{ networkName }`), marked as data form (their problems keep the data form's paths). Construct order does not decide the output order (the core render
 * does).
 */
export function loadTopology(env: Construct, t: Topology): void {
  // Two specs with one name are the core validation's to report (TOPOLOGY_DUPLICATE_NAME), not a
  // construct-id collision: the second gets a distinct id.
  const used = new Set<string>();
  const idFor = (id: string): string => {
    let unique = id;
    for (let n = 2; used.has(unique); n++) unique = `${id}-duplicate-${n}`;
    used.add(unique);
    return unique;
  };
  const uplinks = new Map(t.uplinks.map((u) => [u.name, u]));
  if (t.prerequisites) new ClusterNetworkPrerequisites(env, 'Prerequisites', t.prerequisites);
  for (const g of t.nodeGroups) markDataForm(new NodeGroup(env, idFor(`NodeGroup-${g.name}`), g));
  for (const { nodeGroup, ...h } of t.hostPolicies ?? []) {
    markDataForm(new HostNetworkPolicy(env, idFor(`HostPolicy-${h.name}`), { ...h, nodeGroup: nodeGroup !== undefined ? { nodeGroupName: nodeGroup } : undefined }));
  }
  for (const { bond, nodeGroup, ...u } of t.uplinks) {
    const props = { ...u, nodeGroup: { nodeGroupName: nodeGroup } };
    markDataForm(bond ? new BondedUplink(env, idFor(`Uplink-${u.name}`), { ...props, ...bond }) : new Uplink(env, idFor(`Uplink-${u.name}`), props));
  }
  for (const { uplink, nodeGroup, ...n } of t.networks) {
    const refs = {
      uplink: uplink !== undefined ? { uplinkName: uplink, interfaceName: uplinks.get(uplink)?.interface ?? uplink } : undefined,
      nodeGroup: nodeGroup !== undefined ? { nodeGroupName: nodeGroup } : undefined,
    };
    markDataForm(new VlanBridgeNetwork(env, idFor(`Network-${n.name}`), { ...n, ...refs }));
  }
  for (const vm of t.vms) {
    markDataForm(new MultihomedVM(env, idFor(`VM-${vm.namespace}-${vm.name}`), { ...vm, attachments: vm.attachments.map(({ network, ...a }) => ({ ...a, network: { networkName: network } })) }));
  }
  if (t.agent) {
    const { nodeGroups, ...options } = t.agent;
    new NetworkAgent(env, 'Agent', { ...options, nodeGroups: nodeGroups?.map((n) => ({ nodeGroupName: n })) });
  }
}
