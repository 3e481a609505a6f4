/**
 * Per-node host addresses (issue 13 §2; trial bugs B4, B5): the perNode map and the pool render
 * one NNCP per node after the group's policy, one static address on a multi-node group is an
 * error, and an uplink's mtu always reaches a policy. Expected names, selectors, waves and
 * addresses are written out here, never computed by the code under test.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkPaths } from '../../../lib/cli/check';
import { synthDirect } from '../../../lib/cli/synth';
import { Manifest } from '../../../lib/core/manifest';
import { parseEnvironmentText } from '../../../lib/core/source/environment-file';
import { buildEnvironment } from '../../../lib/core/topology/build';
import { allocatePool } from '../../../lib/core/topology/host-addresses';
import { Topology } from '../../../lib/core/topology/model';
import { renderTopology } from '../../../lib/core/topology/render';
import { validateEnvironment } from '../../../lib/core/topology/validate-environment';
import { validateTopology } from '../../../lib/core/topology/validate-topology';

const WORKER = { 'node-role.kubernetes.io/worker': '' };
const HOST = 'kubernetes.io/hostname';

/**
 * Two workers with a bond; host VLAN 100 on it with IPv4 per node (a map) and IPv6 from a pool;
 * a vlan-bridge network whose bridge takes IPv4 from a pool.
 */
function estate(nodes: readonly string[] = ['worker-0', 'worker-1']): Topology {
  return {
    name: 'estate',
    prerequisites: { nmstate: true },
    // bridge-marker runs on the nodes, deployed outside this estate
    silence: ['TOPOLOGY_BRIDGE_MARKER_MISSING'],
    namespaces: { 'team-a': {} },
    nodeGroups: [{ name: 'workers', nodeSelector: WORKER, nodes }],
    uplinks: [
      {
        name: 'bond0',
        nodeGroup: 'workers',
        interface: 'bond0',
        bond: { mode: 'active-backup', ports: ['ens1f0', 'ens1f1'] },
        mtu: 9000,
        vlans: [{ id: 100, ipv4: { perNode: { 'worker-0': '10.100.0.11/24', 'worker-1': ['10.100.0.12/24'] } }, ipv6: { pool: 'fd00:100::/64', start: 'fd00:100::11' } }],
      },
    ],
    networks: [{ name: 'vlan200', pattern: 'vlan-bridge', uplink: 'bond0', vlan: 200, namespaces: ['team-a'], bridgeIp: { ipv4: { pool: '10.200.0.0/24', start: '10.200.0.11' } } }],
    vms: [],
  };
}

const nncps = (ms: readonly Manifest[]): Manifest[] => ms.filter((m) => m.kind === 'NodeNetworkConfigurationPolicy');
const byName = (ms: readonly Manifest[], name: string): Manifest => {
  const m = ms.find((x) => x.metadata.name === name);
  if (!m) throw new Error(`no ${name} in ${ms.map((x) => x.metadata.name).join(', ')}`);
  return m;
};
const spec = (m: Manifest): any => (m as unknown as { spec: unknown }).spec;
const nncp = (name: string): string => `NodeNetworkConfigurationPolicy/${name}`;

describe('per-node host addresses: rendering', () => {
  it('GIVEN a perNode map and pools THEN one NNCP per node follows each group policy, with its hostname selector, wave and dependsOn', () => {
    const b = buildEnvironment(estate());
    expect(b.errors).toEqual([]);
    expect(b.warnings).toEqual([]);
    const policies = b.manifests.filter((m) => m.layer === 'nncp');
    expect(policies.map((m) => [m.manifest.metadata.name, m.syncWave, spec(m.manifest).nodeSelector])).toEqual([
      ['bond0-workers', -10, WORKER],
      ['bond0-workers-worker-0', -9, { ...WORKER, [HOST]: 'worker-0' }],
      ['bond0-workers-worker-1', -9, { ...WORKER, [HOST]: 'worker-1' }],
      ['vlan200-workers', -9, WORKER],
      ['vlan200-workers-worker-0', -8, { ...WORKER, [HOST]: 'worker-0' }],
      ['vlan200-workers-worker-1', -8, { ...WORKER, [HOST]: 'worker-1' }],
    ]);
    const deps = Object.fromEntries(b.manifests.map((m) => [m.key, m.dependsOn]));
    expect(deps[nncp('bond0-workers-worker-0')]).toEqual(['NMState/nmstate', nncp('bond0-workers')]);
    expect(deps[nncp('bond0-workers-worker-1')]).toEqual(['NMState/nmstate', nncp('bond0-workers')]);
    expect(deps[nncp('vlan200-workers-worker-0')]).toEqual(['NMState/nmstate', nncp('vlan200-workers')]);
    expect(deps[nncp('vlan200-workers-worker-1')]).toEqual(['NMState/nmstate', nncp('vlan200-workers')]);
  });

  it('GIVEN the per-node forms THEN each per-node NNCP declares the whole interface with only its node\'s addresses', () => {
    const ms = nncps(renderTopology(estate()));
    expect(spec(byName(ms, 'bond0-workers-worker-0')).desiredState).toEqual({
      interfaces: [
        {
          name: 'bond0.100',
          type: 'vlan',
          state: 'up',
          vlan: { 'base-iface': 'bond0', id: 100 },
          ipv4: { enabled: true, dhcp: false, address: [{ ip: '10.100.0.11', 'prefix-length': 24 }] },
          ipv6: { enabled: true, address: [{ ip: 'fd00:100::11', 'prefix-length': 64 }] },
        },
      ],
    });
    expect(spec(byName(ms, 'bond0-workers-worker-1')).desiredState.interfaces[0].ipv4.address).toEqual([{ ip: '10.100.0.12', 'prefix-length': 24 }]);
    expect(spec(byName(ms, 'bond0-workers-worker-1')).desiredState.interfaces[0].ipv6.address).toEqual([{ ip: 'fd00:100::12', 'prefix-length': 64 }]);
    expect(spec(byName(ms, 'vlan200-workers-worker-1')).desiredState).toEqual({
      interfaces: [
        {
          name: 'br200',
          type: 'linux-bridge',
          state: 'up',
          description: 'Linux bridge with bond0.200 as a port',
          ipv4: { enabled: true, dhcp: false, address: [{ ip: '10.200.0.12', 'prefix-length': 24 }] },
          bridge: { options: { stp: { enabled: false } }, port: [{ name: 'bond0.200' }] },
        },
      ],
    });
  });

  it('GIVEN the per-node forms THEN the group policy creates the interfaces without the per-node families (re-applying it keeps each node\'s address)', () => {
    const ms = nncps(renderTopology(estate()));
    const shared = spec(byName(ms, 'bond0-workers')).desiredState.interfaces;
    expect(shared.map((i: any) => i.name)).toEqual(['bond0', 'bond0.100']);
    expect(shared[1]).toEqual({ name: 'bond0.100', type: 'vlan', state: 'up', vlan: { 'base-iface': 'bond0', id: 100 } });
    const bridge = spec(byName(ms, 'vlan200-workers')).desiredState.interfaces.find((i: any) => i.name === 'br200');
    expect(bridge.ipv4).toBeUndefined();
  });

  it('GIVEN a node appended to the group THEN the other nodes keep their addresses and the new node gets the next pool address', () => {
    const before = nncps(renderTopology(estate()));
    const after = nncps(renderTopology(estate(['worker-0', 'worker-1', 'worker-2'])));
    for (const name of ['bond0-workers-worker-0', 'bond0-workers-worker-1', 'vlan200-workers-worker-0', 'vlan200-workers-worker-1']) {
      expect(spec(byName(after, name))).toEqual(spec(byName(before, name)));
    }
    expect(spec(byName(after, 'vlan200-workers-worker-2')).desiredState.interfaces[0].ipv4.address).toEqual([{ ip: '10.200.0.13', 'prefix-length': 24 }]);
    // worker-2 has no entry in the IPv4 map: its VLAN gets only the pool's IPv6 address
    const v100 = spec(byName(after, 'bond0-workers-worker-2')).desiredState.interfaces[0];
    expect(v100.ipv4).toEqual({ enabled: false });
    expect(v100.ipv6.address).toEqual([{ ip: 'fd00:100::13', 'prefix-length': 64 }]);
  });

  it('GIVEN a group policy pinned to one node by hostname THEN only that node gets a per-node policy', () => {
    const t = estate();
    const pinned: Topology = { ...t, uplinks: [{ ...t.uplinks[0], nodeSelector: { [HOST]: 'worker-1' } }], networks: [] };
    expect(nncps(renderTopology(pinned)).map((m) => m.metadata.name)).toEqual(['bond0-workers', 'bond0-workers-worker-1']);
  });

  it('GIVEN the uplink set absent THEN no per-node policy is rendered (the group policy removes the interfaces)', () => {
    const t = estate();
    const gone: Topology = { ...t, uplinks: [{ ...t.uplinks[0], state: 'absent' }], networks: [] };
    expect(nncps(renderTopology(gone)).map((m) => m.metadata.name)).toEqual(['bond0-workers']);
  });
});

describe('per-node host addresses: pool allocation', () => {
  it('hands out start + i with the pool prefix, from the first host address by default', () => {
    expect(allocatePool({ pool: '10.50.0.0/24' }, 3).addresses).toEqual(['10.50.0.1/24', '10.50.0.2/24', '10.50.0.3/24']);
    expect(allocatePool({ pool: '10.50.0.0/24', start: '10.50.0.11' }, 2).addresses).toEqual(['10.50.0.11/24', '10.50.0.12/24']);
    expect(allocatePool({ pool: 'fd00:50::/64', start: 'fd00:50::fe' }, 3).addresses).toEqual(['fd00:50::fe/64', 'fd00:50::ff/64', 'fd00:50::100/64']);
  });

  it('never hands out the IPv4 broadcast address; /31 has no reserved address', () => {
    expect(allocatePool({ pool: '10.50.0.0/30' }, 3).addresses).toEqual(['10.50.0.1/30', '10.50.0.2/30', undefined]);
    expect(allocatePool({ pool: '10.50.0.0/31' }, 2).addresses).toEqual(['10.50.0.0/31', '10.50.0.1/31']);
  });

  it('refuses a start outside the pool or on its network or broadcast address', () => {
    expect(allocatePool({ pool: '10.50.0.0/24', start: '10.51.0.1' }, 1).error).toEqual({ field: 'start', kind: 'outside' });
    expect(allocatePool({ pool: '10.50.0.0/24', start: '10.50.0.0' }, 1).error).toEqual({ field: 'start', kind: 'reserved' });
    expect(allocatePool({ pool: '10.50.0.0/24', start: '10.50.0.255' }, 1).error).toEqual({ field: 'start', kind: 'reserved' });
  });
});

describe('per-node host addresses: problems', () => {
  // the estate silences TOPOLOGY_BRIDGE_MARKER_MISSING (bridge-marker runs elsewhere); validateTopology does not apply silence
  const problemsOf = (t: Topology) => validateTopology(t).filter((p) => p.code !== 'TOPOLOGY_BRIDGE_MARKER_MISSING').map((p) => `${p.severity} ${p.code} ${p.path}`);

  it('GIVEN the clean estate THEN the intent rules and the set rules report nothing', () => {
    const t = estate();
    expect(buildEnvironment(t).problems).toEqual([]);
    expect(validateEnvironment(t, renderTopology(t))).toEqual([]);
  });

  it('GIVEN a perNode key one edit from a node THEN TOPOLOGY_HOST_ADDRESS_NODE_UNKNOWN at the key, suggesting the node', () => {
    const t = estate();
    const typo: Topology = { ...t, uplinks: [{ ...t.uplinks[0], vlans: [{ id: 100, ipv4: { perNode: { 'worker-0': '10.100.0.11/24', 'wroker-1': '10.100.0.12/24' } } }] }] };
    const ps = buildEnvironment(typo).problems;
    expect(ps.map((p) => `${p.code} ${p.path}`)).toEqual(['TOPOLOGY_HOST_ADDRESS_NODE_UNKNOWN uplinks[0].vlans[0].ipv4.perNode.wroker-1']);
    expect(ps[0].fix).toContain('"worker-1"');
  });

  it('GIVEN a malformed pool or start THEN TOPOLOGY_ADDRESS_INVALID at pool / start; a start on the network address is TOPOLOGY_HOST_ADDRESS_POOL_INVALID', () => {
    const t = estate();
    const withV4 = (ipv4: unknown): Topology => ({ ...t, uplinks: [{ ...t.uplinks[0], vlans: [{ id: 100, ipv4: ipv4 as never }] }] });
    expect(problemsOf(withV4({ pool: '10.100.0.0' }))).toEqual(['error TOPOLOGY_ADDRESS_INVALID uplinks[0].vlans[0].ipv4.pool']);
    expect(problemsOf(withV4({ pool: '10.100.0.0/24', start: '10.100.0.x' }))).toEqual(['error TOPOLOGY_ADDRESS_INVALID uplinks[0].vlans[0].ipv4.start']);
    expect(problemsOf(withV4({ pool: '10.100.0.0/24', start: '10.100.0.0' }))).toEqual(['error TOPOLOGY_HOST_ADDRESS_POOL_INVALID uplinks[0].vlans[0].ipv4.start']);
    expect(problemsOf(withV4({ perNode: { 'worker-0': '10.100.0.300/24' } }))).toEqual(['error TOPOLOGY_ADDRESS_INVALID uplinks[0].vlans[0].ipv4.perNode.worker-0']);
  });

  it('GIVEN one static bridgeIp on a network of a two-node group THEN TOPOLOGY_HOST_ADDRESS_MULTI_NODE at bridgeIp.ipv4', () => {
    const t = estate();
    const shared: Topology = { ...t, networks: [{ ...t.networks[0], bridgeIp: { ipv4: ['10.200.0.11/24'] } }] };
    expect(problemsOf(shared)).toEqual(['error TOPOLOGY_HOST_ADDRESS_MULTI_NODE networks[0].bridgeIp.ipv4']);
  });

  it('GIVEN a host policy with a static address on a two-node group THEN an error at its address list; pinned by hostname (seed 002 static-ip) or DHCP THEN clean', () => {
    const t = estate();
    const eth1 = (ipv4: unknown) => [{ name: 'eth1', type: 'ethernet', state: 'up', ipv4 } as never];
    const on = (extra: Partial<Topology['hostPolicies'] extends readonly (infer H)[] | undefined ? H : never>, ipv4: unknown): Topology => ({
      ...t,
      hostPolicies: [{ name: 'static-ip', nodeGroup: 'workers', interfaces: eth1(ipv4), ...extra }],
    });
    const fixed = { enabled: true, dhcp: false, address: [{ ip: '10.244.0.2', 'prefix-length': 24 }] };
    expect(problemsOf(on({}, fixed))).toEqual(['error TOPOLOGY_HOST_ADDRESS_MULTI_NODE hostPolicies[0].interfaces[0].ipv4.address']);
    expect(problemsOf(on({ nodeSelector: { [HOST]: 'worker-0' } }, fixed))).toEqual([]);
    expect(problemsOf(on({}, { enabled: true, dhcp: true }))).toEqual([]);
    expect(problemsOf({ ...on({}, fixed), hostPolicies: [{ name: 'static-ip', interfaces: eth1(fixed) }] })).toEqual(['warning TOPOLOGY_HOST_ADDRESS_NODES_UNKNOWN hostPolicies[0].interfaces[0].ipv4.address']);
  });

  it('GIVEN a node name that makes the per-node NNCP name longer than 253 characters THEN TOPOLOGY_NAME_INVALID at that node', () => {
    const long = `n${'x'.repeat(245)}`;
    expect(problemsOf(estate(['worker-0', 'worker-1', long]))).toEqual(['error TOPOLOGY_NAME_INVALID nodeGroups[0].nodes[2]']);
  });
});

describe('per-node host addresses: the data form', () => {
  it('GIVEN the estate as an environment file THEN the perNode map and the pools pass the type check and render what the module renders', () => {
    const r = parseEnvironmentText('envs.json', JSON.stringify({ environments: { estate: estate() } }));
    expect(r.problems).toEqual([]);
    expect(renderTopology(r.environments.estate)).toEqual(renderTopology(estate()));
  });

  it('GIVEN a misspelled pool key, a number in a perNode map and an address string instead of a list THEN a shape problem at each path', () => {
    const t = estate();
    const bad = {
      ...t,
      uplinks: [{ ...t.uplinks[0], vlans: [{ id: 100, ipv4: { pol: '10.100.0.0/24' }, ipv6: { perNode: { 'worker-0': 42 } } }], ipv4: '10.0.0.1/24' }],
    };
    const r = parseEnvironmentText('envs.json', JSON.stringify({ environments: { estate: bad } }));
    expect(r.problems.map((p) => [p.code, p.path])).toEqual([
      ['ENVIRONMENT_FILE_SHAPE', 'environments.estate.uplinks[0].vlans[0].ipv4'],
      ['ENVIRONMENT_FILE_SHAPE', 'environments.estate.uplinks[0].vlans[0].ipv6.perNode.worker-0'],
      ['ENVIRONMENT_FILE_SHAPE', 'environments.estate.uplinks[0].ipv4'],
    ]);
  });
});

describe('per-node host addresses: set rules accept the pattern and still catch real conflicts', () => {
  it('GIVEN a hand-written policy on worker-0 that gives br200 another port THEN TOPOLOGY_INTERFACE_CONFLICT', () => {
    const t: Topology = {
      ...estate(),
      hostPolicies: [{ name: 'zz-br200', nodeGroup: 'workers', nodeSelector: { [HOST]: 'worker-0' }, interfaces: [{ name: 'br200', type: 'linux-bridge', state: 'up', bridge: { port: [{ name: 'ens9' }] } }] }],
    };
    const codes = validateEnvironment(t, renderTopology(t)).map((p) => `${p.code} ${p.resource.name}`);
    expect(codes).toContain('TOPOLOGY_INTERFACE_CONFLICT zz-br200');
  });

  it('GIVEN the rendered estate written out WHEN multihome check reads it with no flags THEN no problem at all', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'mh-pernode-'));
    const r = synthDirect({ estate: estate() }, out);
    expect(r.errors).toEqual([]);
    const checked = checkPaths([path.join(out, 'estate')]);
    expect(checked.records.map((x) => `${x.code} ${x.name} ${x.path}`)).toEqual([]);
    expect(checked.exitCode).toBe(0);
  });
});

describe('trial bugs', () => {
  it('B5: one host VLAN address on the two-worker group (mistakes.ts host-ip-same-on-all-nodes) is an error at the prop', () => {
    const t = estate();
    const b5: Topology = { ...t, uplinks: [{ ...t.uplinks[0], vlans: [{ id: 100, ipv4: ['10.100.0.11/24'] }] }], networks: [] };
    const b = buildEnvironment(b5);
    expect(b.errors.map((p) => `${p.code} ${p.path}`)).toEqual(['TOPOLOGY_HOST_ADDRESS_MULTI_NODE uplinks[0].vlans[0].ipv4']);
  });

  it('B4: an uplink mtu with no network on the uplink reaches an NNCP (mistakes.ts mtu-on-uplink-without-network)', () => {
    const t: Topology = {
      name: 'b4',
      nodeGroups: [{ name: 'storage', nodeSelector: { storage: 'true' } }],
      uplinks: [{ name: 'ens3f0', nodeGroup: 'storage', interface: 'ens3f0', mtu: 9000 }],
      networks: [],
      vms: [],
    };
    const ms = nncps(renderTopology(t));
    expect(ms.map((m) => m.metadata.name)).toEqual(['ens3f0-storage']);
    expect(spec(ms[0])).toEqual({ nodeSelector: { storage: 'true' }, maxUnavailable: '50%', desiredState: { interfaces: [{ name: 'ens3f0', type: 'ethernet', state: 'up', mtu: 9000 }] } });
    expect(validateTopology(t)).toEqual([]);
  });

  it('B4: a NIC uplink with host VLANs carries its mtu in its own policy', () => {
    const t: Topology = {
      name: 'b4',
      nodeGroups: [{ name: 'storage', nodeSelector: { storage: 'true' }, nodes: ['s0'] }],
      uplinks: [{ name: 'ens3f0', nodeGroup: 'storage', interface: 'ens3f0', mtu: 9000, vlans: [{ id: 500, ipv4: ['10.50.0.21/24'] }] }],
      networks: [],
      vms: [],
    };
    const [policy] = nncps(renderTopology(t));
    expect(spec(policy).desiredState.interfaces.map((i: any) => [i.name, i.type, i.mtu])).toEqual([
      ['ens3f0', 'ethernet', 9000],
      ['ens3f0.500', 'vlan', undefined],
    ]);
  });

  it('B4: with the NIC MTU in a policy, a host VLAN above it is TOPOLOGY_MTU_ABOVE_LOWER (the parent MTU is no longer unknown)', () => {
    const t: Topology = {
      name: 'b4',
      nodeGroups: [{ name: 'storage', nodeSelector: { storage: 'true' }, nodes: ['s0'] }],
      uplinks: [{ name: 'ens3f0', nodeGroup: 'storage', interface: 'ens3f0', mtu: 1500 }],
      networks: [],
      vms: [],
      hostPolicies: [
        {
          name: 'storage-s0',
          nodeGroup: 'storage',
          nodeSelector: { [HOST]: 's0' },
          interfaces: [{ name: 'ens3f0.500', type: 'vlan', state: 'up', mtu: 9000, vlan: { 'base-iface': 'ens3f0', id: 500 } }],
        },
      ],
    };
    const ps = validateEnvironment(t, renderTopology(t)).map((p) => `${p.code} ${p.resource.name} ${p.path}`);
    expect(ps).toEqual(['TOPOLOGY_MTU_ABOVE_LOWER storage-s0 spec.desiredState.interfaces[0].mtu']);
  });
});

describe('host addresses of a NIC uplink', () => {
  const nic = (ipv4: Topology['uplinks'][number]['ipv4'], networks: Topology['networks'] = []): Topology => ({
    name: 'nic',
    nodeGroups: [{ name: 'storage', nodeSelector: { storage: 'true' }, nodes: ['s0', 's1'] }],
    uplinks: [{ name: 'ens3f0', nodeGroup: 'storage', interface: 'ens3f0', ipv4 }],
    networks,
    vms: [],
  });

  it('GIVEN per-node addresses on a NIC no network uses THEN the NIC policy and one policy per node carry them (they were dropped)', () => {
    const ms = nncps(renderTopology(nic({ perNode: { s0: '10.60.0.10/24', s1: '10.60.0.11/24' } })));
    expect(ms.map((m) => m.metadata.name)).toEqual(['ens3f0-storage', 'ens3f0-storage-s0', 'ens3f0-storage-s1']);
    expect(spec(ms[1]).desiredState.interfaces).toEqual([
      { name: 'ens3f0', type: 'ethernet', state: 'up', ipv4: { enabled: true, dhcp: false, address: [{ ip: '10.60.0.10', 'prefix-length': 24 }] } },
    ]);
  });

  it('GIVEN a host address on a NIC a trunk bridge enslaves THEN TOPOLOGY_UPLINK_ADDRESS_ON_PORT at the uplink prop', () => {
    const t = nic({ perNode: { s0: '10.60.0.10/24', s1: '10.60.0.11/24' } }, [{ name: 'v7', pattern: 'trunk-bridge', uplink: 'ens3f0', vlan: 7, namespaces: ['a'] }]);
    expect(buildEnvironment(t).errors.map((p) => `${p.code} ${p.path}`)).toEqual(['TOPOLOGY_UPLINK_ADDRESS_ON_PORT uplinks[0].ipv4']);
  });

  it('GIVEN a host address on a NIC that only carries a vlan-bridge network (the VLAN is the port) THEN it renders, no problem', () => {
    const t = nic({ perNode: { s0: '10.60.0.10/24', s1: '10.60.0.11/24' } }, [{ name: 'v7', pattern: 'vlan-bridge', uplink: 'ens3f0', vlan: 7, namespaces: ['a'], resourceName: false }]);
    const b = buildEnvironment(t);
    expect(b.errors).toEqual([]);
    expect(b.manifests.map((m) => m.manifest.metadata.name).filter((n) => n.startsWith('ens3f0'))).toEqual(['ens3f0-storage', 'ens3f0-storage-s0', 'ens3f0-storage-s1']);
  });
});
