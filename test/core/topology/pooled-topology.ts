/**
 * A topology with per-node host addresses for the agent tests (core and lib/agent): node group
 * `compute` with a bond of ens161/ens256 (the NICs of test/agent/fixtures/bondnode-*.json) and host
 * VLAN 500 addressed from 10.50.0.0/24 starting at .11 (compute-0 .11, compute-1 .12).
 */
import { Topology } from '../../../lib/core/topology/model';

/** The default group selector of {@link pooledTopology}. */
export const COMPUTE = { 'node-role.kubernetes.io/compute': '' };

/** See the file comment; `nodes` and `nodeSelector` of the group can be changed. */
export function pooledTopology(nodes: readonly string[] = ['compute-0', 'compute-1'], nodeSelector: Record<string, string> = COMPUTE): Topology {
  return {
    name: 'pooled',
    prerequisites: { nmstate: true },
    namespaces: {},
    nodeGroups: [{ name: 'compute', nodeSelector, nodes }],
    uplinks: [
      {
        name: 'bond0',
        nodeGroup: 'compute',
        interface: 'bond0',
        bond: { mode: 'active-backup', ports: ['ens161', 'ens256'] },
        vlans: [{ id: 500, ipv4: { pool: '10.50.0.0/24', start: '10.50.0.11' } }],
      },
    ],
    networks: [],
    vms: [],
  };
}
