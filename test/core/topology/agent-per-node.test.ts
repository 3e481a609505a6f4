/**
 * Per-node host addresses reach the node agent: a group's agent config carries, in `nodes`, each
 * known node's complete definition of the interfaces whose addresses are given per node (the
 * `<policy>-<node>` NNCPs), in the group's `nodes` order; the ConfigMap carries it; a config over a
 * ConfigMap's 1 MiB is an error. Expected documents are written out here.
 */
import * as YAML from 'yaml';
import { lab } from '../../../apps/environments/lab';
import { prod } from '../../../apps/environments/prod';
import { Manifest } from '../../../lib/core/manifest';
import { agentConfigs } from '../../../lib/core/topology/agent-config';
import { renderAgentDeployment } from '../../../lib/core/topology/agent-deployment';
import { validateAgentDeployment } from '../../../lib/core/topology/agent-deployment-validate';
import { Topology } from '../../../lib/core/topology/model';
import { pooledTopology as pooled } from './pooled-topology';

const BOND0 = {
  name: 'bond0',
  type: 'bond',
  state: 'up',
  ipv4: { enabled: false },
  'link-aggregation': { mode: 'active-backup', port: ['ens161', 'ens256'], options: { miimon: 100 } },
};
const VLAN500 = { name: 'bond0.500', type: 'vlan', state: 'up', vlan: { 'base-iface': 'bond0', id: 500 } };
const vlan500At = (ip: string) => ({
  name: 'bond0.500',
  type: 'vlan',
  state: 'up',
  ipv4: { enabled: true, dhcp: false, address: [{ ip, 'prefix-length': 24 }] },
  vlan: { 'base-iface': 'bond0', id: 500 },
});

const plain = (x: unknown) => JSON.parse(JSON.stringify(x));
const configMaps = (ms: readonly Manifest[]) => ms.filter((m) => m.kind === 'ConfigMap');
const agentYaml = (cm: Manifest) => YAML.parse((cm.data as Record<string, string>)['agent.yaml']);

describe('agent config: per-node host addresses', () => {
  test('GIVEN a pool-addressed host VLAN THEN the group state has the VLAN without address and nodes has each node\'s VLAN with its address, in the group\'s order', () => {
    expect(plain(agentConfigs(pooled()).map((c) => c.document))).toEqual([
      {
        apiVersion: 'multihome.io/v1alpha1',
        kind: 'AgentConfig',
        desiredState: { interfaces: [BOND0, VLAN500] },
        nodes: [
          { name: 'compute-0', desiredState: { interfaces: [vlan500At('10.50.0.11')] } },
          { name: 'compute-1', desiredState: { interfaces: [vlan500At('10.50.0.12')] } },
        ],
      },
    ]);
  });

  test('GIVEN the nodes listed in another order THEN nodes follows that order (and the pool follows it too)', () => {
    const doc = plain(agentConfigs(pooled(['compute-1', 'compute-0']))[0].document);
    expect(doc.nodes).toEqual([
      { name: 'compute-1', desiredState: { interfaces: [vlan500At('10.50.0.11')] } },
      { name: 'compute-0', desiredState: { interfaces: [vlan500At('10.50.0.12')] } },
    ]);
  });

  test('GIVEN policies naming the group policy only THEN its per-node policies go with it', () => {
    const doc = plain(agentConfigs(pooled(), { policies: ['bond0-compute'] })[0].document);
    expect(doc.desiredState).toEqual({ interfaces: [BOND0, VLAN500] });
    expect(doc.nodes.map((n: { name: string }) => n.name)).toEqual(['compute-0', 'compute-1']);
  });

  test('GIVEN a group pinned to its one node THEN the group state carries the address itself and there is no nodes section', () => {
    const doc = plain(agentConfigs(pooled(['compute-0'], { 'kubernetes.io/hostname': 'compute-0' }))[0].document);
    expect(doc).toEqual({ apiVersion: 'multihome.io/v1alpha1', kind: 'AgentConfig', desiredState: { interfaces: [BOND0, vlan500At('10.50.0.11')] } });
  });

  test.each([
    ['lab', lab],
    ['prod', prod],
  ])('GIVEN %s (no per-node addresses) THEN no agent config has a nodes section', (_n, t) => {
    for (const c of agentConfigs(t)) expect(Object.keys(c.document)).not.toContain('nodes');
  });

  test('GIVEN the deployment THEN the ConfigMap carries the nodes section', () => {
    const [cm] = configMaps(renderAgentDeployment(pooled()));
    expect(agentYaml(cm).nodes).toEqual([
      { name: 'compute-0', desiredState: { interfaces: [vlan500At('10.50.0.11')] } },
      { name: 'compute-1', desiredState: { interfaces: [vlan500At('10.50.0.12')] } },
    ]);
  });
});

describe('agent config size', () => {
  /** `count` nodes, each with `addresses` per-node addresses on VLAN 500 (a map: nothing to allocate). */
  const perNode = (count: number, addresses: number): Topology => {
    const nodes = Array.from({ length: count }, (_, i) => `compute-${String(i).padStart(4, '0')}`);
    const t = pooled(nodes);
    const map = Object.fromEntries(nodes.map((n, i) => [n, Array.from({ length: addresses }, (_, j) => `10.${Math.floor(i / 256)}.${i % 256}.${j + 1}/8`)]));
    return { ...t, uplinks: [{ ...t.uplinks[0], vlans: [{ id: 500, ipv4: { perNode: map } }] }] };
  };
  const tooLarge = (t: Topology) => validateAgentDeployment(t).filter((p) => p.code === 'AGENT_DEPLOYMENT_CONFIG_TOO_LARGE').map((p) => ({ code: p.code, path: p.path, severity: p.severity }));

  test('GIVEN 300 nodes with 100 per-node addresses each THEN the group\'s ConfigMap is over 1 MiB: an error at the node group', () => {
    const t = perNode(300, 100);
    const [cm] = configMaps(renderAgentDeployment(t));
    expect(Buffer.byteLength((cm.data as Record<string, string>)['agent.yaml'], 'utf8')).toBeGreaterThan(1024 * 1024);
    expect(tooLarge(t)).toEqual([{ code: 'AGENT_DEPLOYMENT_CONFIG_TOO_LARGE', path: 'nodeGroups.compute', severity: 'error' }]);
  });

  test('GIVEN 300 nodes with one per-node address each THEN the ConfigMap stays under 1 MiB and no size problem', () => {
    const t = perNode(300, 1);
    const [cm] = configMaps(renderAgentDeployment(t));
    expect(Buffer.byteLength((cm.data as Record<string, string>)['agent.yaml'], 'utf8')).toBeLessThan(1024 * 1024);
    expect(tooLarge(t)).toEqual([]);
  });
});
