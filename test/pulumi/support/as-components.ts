/**
 * A typed environment written with the Pulumi components instead of the data form: one component
 * per spec, with typed references between them (`uplink: bond0`, `attachments: [{ network }]`),
 * the way a user's program declares them. Used to prove both forms register the same resources.
 */
import * as pulumi from '@pulumi/pulumi';
import { Topology } from '../../../lib/core/topology/model';
import {
  BondedUplink, ClusterNetworkPrerequisites, HostNetworkPolicy, MultihomedVM, NetworkAgent, NetworkEnvironment, NetworkEnvironmentArgs, NodeGroup, Uplink, VlanBridgeNetwork,
} from '../../../lib/pulumi';

/** `t` declared as components under a new environment `name`. */
export function environmentAsComponents(name: string, t: Topology, args: Omit<NetworkEnvironmentArgs, 'environment'> = {}, opts?: pulumi.ComponentResourceOptions): NetworkEnvironment {
  const env = new NetworkEnvironment(name, { name: t.name, platform: t.platform, namespaces: t.namespaces, ordering: t.ordering, macPrefix: t.macPrefix, silence: t.silence, ...args }, opts);
  const parent = { parent: env };
  if (t.prerequisites) new ClusterNetworkPrerequisites(`${name}-prerequisites`, t.prerequisites, parent);
  const groups = new Map(t.nodeGroups.map((g) => [g.name, new NodeGroup(`${name}-ng-${g.name}`, g, parent)]));
  for (const { nodeGroup, ...h } of t.hostPolicies ?? []) new HostNetworkPolicy(`${name}-hp-${h.name}`, { ...h, nodeGroup: nodeGroup !== undefined ? groups.get(nodeGroup) : undefined }, parent);
  const uplinks = new Map(
    t.uplinks.map(({ bond, nodeGroup, vlans, ...u }) => {
      // no parent: the environment comes from the node group
      const props = { ...u, nodeGroup: groups.get(nodeGroup)! };
      const uplink = bond ? new BondedUplink(`${name}-up-${u.name}`, { ...props, ...bond }) : new Uplink(`${name}-up-${u.name}`, props);
      for (const { id, ...v } of vlans ?? []) uplink.addVlan(id, v);
      return [u.name, uplink];
    }),
  );
  const networks = new Map(
    t.networks.map(({ uplink, nodeGroup, ...n }) => [
      n.name,
      new VlanBridgeNetwork(`${name}-net-${n.name}`, { ...n, uplink: uplink !== undefined ? uplinks.get(uplink) : undefined, nodeGroup: nodeGroup !== undefined ? groups.get(nodeGroup) : undefined }, parent),
    ]),
  );
  for (const { attachments, ...vm } of t.vms) {
    const m = new MultihomedVM(`${name}-vm-${vm.namespace}-${vm.name}`, vm, parent);
    for (const { network, ...a } of attachments) networks.get(network)!.attach(m, a);
  }
  if (t.agent) {
    const { nodeGroups, ...options } = t.agent;
    new NetworkAgent(`${name}-agent`, { ...options, ...(nodeGroups ? { nodeGroups: nodeGroups.map((g) => groups.get(g)!) } : {}) }, parent);
  }
  return env;
}
