/**
 * Removals reach the hosts the node agent applies: with the previous output given, the agent's
 * config (its ConfigMap) carries the same `state: absent` interfaces as the removal NNCP, and the
 * next synthesis drops them from both.
 */
import * as yaml from 'yaml';
import { lab } from '../../../apps/environments/lab';
import { Manifest } from '../../../lib/core/manifest';
import { buildEnvironment } from '../../../lib/core/topology/build';
import { Topology } from '../../../lib/core/topology/model';

const applied: Topology = { ...lab, agent: { mode: 'apply' } };
// the VMs go too (dropping their NICs without the unplug phase is an error of its own)
const withoutNetwork: Topology = { ...applied, networks: [], vms: [] };

function out(t: Topology, previous?: readonly Manifest[]): Manifest[] {
  const b = buildEnvironment(t, previous ? { previous } : {});
  expect(b.errors).toEqual([]);
  return b.manifests.map((m) => m.manifest);
}

/** The agent config document of the lab's node group. */
function agentConfig(ms: readonly Manifest[]): { desiredState: { interfaces: Array<Record<string, unknown>> } } {
  const cm = ms.find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'multihome-agent-nodes') as Manifest & { data: Record<string, string> };
  return yaml.parse(cm.data['agent.yaml']);
}

describe('removals in the node agent\'s config', () => {
  const v0 = out(applied);
  it('the bridge of a removed network is absent in the agent config as in the removal policy', () => {
    const v1 = out(withoutNetwork, v0);
    expect(agentConfig(v1).desiredState.interfaces).toEqual([{ name: 'br0', type: 'linux-bridge', state: 'absent' }]);
    const policy = v1.find((m) => m.kind === 'NodeNetworkConfigurationPolicy' && m.metadata.name === 'br0-eth1-absent') as Manifest & { spec: { desiredState: { interfaces: unknown[] } } };
    expect(policy.spec.desiredState.interfaces).toEqual([{ name: 'br0', type: 'linux-bridge', state: 'absent' }]);
  });
  it('the next synthesis, against that output, drops them from both', () => {
    const v1 = out(withoutNetwork, v0);
    const v2 = out(withoutNetwork, v1);
    expect(agentConfig(v2).desiredState.interfaces).toEqual([]);
    expect(v2.some((m) => m.metadata.name === 'br0-eth1-absent')).toBe(false);
  });
  it('without a previous output the agent config is what the intent says', () => {
    expect(agentConfig(out(withoutNetwork)).desiredState.interfaces).toEqual([]);
  });
});
