/**
 * The agent's `nodes` section (per-node host addresses): the agent overlays its own node's entry
 * on the group's desiredState, uses the group's state alone (with AGENT_CONFIG_NODE_UNKNOWN) when
 * it has no node name or its node is not listed, and reports a malformed section as
 * AGENT_CONFIG_SHAPE at its path. The plan tests run the config the core renders for the
 * pooled topology (test/core/topology/pooled-topology.ts).
 */
import { createAgent } from '../../lib/agent/agent';
import { formatReport } from '../../lib/agent/cli';
import { parseConfigDocuments } from '../../lib/agent/config';
import { silentLogger } from '../../lib/agent/types';
import { CodeTable } from '../../lib/core/errors';
import { AGENT_CODES } from '../../lib/core/host-intent/codes';
import { ProblemSink } from '../../lib/core/problems';
import { agentConfigs } from '../../lib/core/topology/agent-config';
import { pooledTopology } from '../core/topology/pooled-topology';
import { configWriter, rawFixture, scriptedExec } from './helpers';

const write = configWriter('agent-per-node-');

const VLAN = { name: 'bond0.500', type: 'vlan', state: 'up', vlan: { 'base-iface': 'bond0', id: 500 } };
const vlanAt = (ip: string) => ({ ...VLAN, ipv4: { enabled: true, dhcp: false, address: [{ ip, 'prefix-length': 24 }] } });
const BOND = { name: 'bond0', type: 'bond', state: 'up', ipv4: { enabled: false }, 'link-aggregation': { mode: 'active-backup', port: ['ens161', 'ens256'] } };

/** A group config with VLAN 500 without address and each node's VLAN with its address. */
const GROUP = {
  apiVersion: 'multihome.io/v1alpha1',
  kind: 'AgentConfig',
  desiredState: { interfaces: [BOND, VLAN] },
  nodes: [
    { name: 'compute-0', desiredState: { interfaces: [vlanAt('10.50.0.11')] } },
    { name: 'compute-1', desiredState: { interfaces: [vlanAt('10.50.0.12')] } },
  ],
};

/** Parses `docs` (one file) as the agent does; returns the result and the problems' code, path, severity. */
function parse(docs: unknown[], nodeName?: string) {
  const sink = new ProblemSink({ kind: 'AgentConfig', name: 'test' }, AGENT_CODES as CodeTable);
  const loaded = parseConfigDocuments(docs.map((doc, index) => ({ file: '/cm/agent.yaml', index, doc })), sink, [], nodeName === undefined ? {} : { nodeName });
  return { loaded, problems: sink.problems.map((p) => ({ code: p.code, path: p.path, severity: p.severity })) };
}

describe('agent config: the nodes section', () => {
  test('GIVEN node compute-1 THEN its VLAN definition replaces the group\'s, in place, and nothing is reported', () => {
    const { loaded, problems } = parse([GROUP], 'compute-1');
    expect(problems).toEqual([]);
    expect(loaded.desiredState).toEqual({ interfaces: [BOND, vlanAt('10.50.0.12')] });
    expect(loaded.intent.links.find((l) => l.name === 'bond0.500')?.ipv4?.addresses).toEqual(['10.50.0.12/24']);
  });

  test('GIVEN a node entry with an interface the group lacks, and routes THEN the interface is added and the routes appended', () => {
    const EXTRA = { name: 'bond0.501', type: 'vlan', state: 'up', vlan: { 'base-iface': 'bond0', id: 501 } };
    const route = { destination: '10.60.0.0/16', 'next-hop-address': '10.50.0.1', 'next-hop-interface': 'bond0.500' };
    const doc = { ...GROUP, nodes: [{ name: 'compute-0', desiredState: { interfaces: [vlanAt('10.50.0.11'), EXTRA], routes: { config: [route] } } }] };
    const { loaded, problems } = parse([doc], 'compute-0');
    expect(problems).toEqual([]);
    expect(loaded.desiredState).toEqual({ interfaces: [BOND, vlanAt('10.50.0.11'), EXTRA], routes: { config: [route] } });
  });

  test.each([
    ['no node name', undefined],
    ['a node not listed', 'compute-9'],
  ])('GIVEN %s THEN the group state only (no other node\'s address) and an AGENT_CONFIG_NODE_UNKNOWN warning at the section', (_what, node) => {
    const { loaded, problems } = parse([GROUP], node);
    expect(loaded.desiredState).toEqual({ interfaces: [BOND, VLAN] });
    expect(loaded.intent.links.find((l) => l.name === 'bond0.500')?.ipv4).toBeUndefined();
    expect(problems).toEqual([{ code: 'AGENT_CONFIG_NODE_UNKNOWN', path: 'agent.yaml#0.nodes', severity: 'warning' }]);
  });

  test('GIVEN an empty nodes section THEN no warning, whatever the node', () => {
    expect(parse([{ ...GROUP, nodes: [] }], 'compute-9').problems).toEqual([]);
    expect(parse([{ ...GROUP, nodes: [] }]).problems).toEqual([]);
  });

  test.each<[string, unknown, string]>([
    ['nodes not a list', { 'compute-0': { desiredState: {} } }, 'agent.yaml#0.nodes'],
    ['an entry not a mapping', ['compute-0'], 'agent.yaml#0.nodes[0]'],
    ['an unknown field in an entry', [{ name: 'compute-0', desiredState: { interfaces: [] }, addresses: [] }], 'agent.yaml#0.nodes[0].addresses'],
    ['a name that is no node name', [{ name: 'Compute_0', desiredState: { interfaces: [] } }], 'agent.yaml#0.nodes[0].name'],
    ['a missing name', [{ desiredState: { interfaces: [] } }], 'agent.yaml#0.nodes[0].name'],
    ['a node listed twice', [{ name: 'compute-0', desiredState: {} }, { name: 'compute-0', desiredState: {} }], 'agent.yaml#0.nodes[1].name'],
    ['desiredState not a mapping', [{ name: 'compute-0', desiredState: [] }], 'agent.yaml#0.nodes[0].desiredState'],
    ['interfaces not a list', [{ name: 'compute-0', desiredState: { interfaces: {} } }], 'agent.yaml#0.nodes[0].desiredState.interfaces'],
    ['routes without config', [{ name: 'compute-0', desiredState: { routes: [] } }], 'agent.yaml#0.nodes[0].desiredState.routes'],
    ['a key other than interfaces and routes', [{ name: 'compute-0', desiredState: { 'dns-resolver': {} } }], 'agent.yaml#0.nodes[0].desiredState.dns-resolver'],
  ])('GIVEN %s THEN AGENT_CONFIG_SHAPE at its path', (_what, nodes, path) => {
    expect(parse([{ ...GROUP, nodes }], 'compute-0').problems.filter((p) => p.code === 'AGENT_CONFIG_SHAPE')).toEqual([{ code: 'AGENT_CONFIG_SHAPE', path, severity: 'error' }]);
  });

  test('GIVEN a malformed entry for this node THEN it is not overlaid', () => {
    const { loaded } = parse([{ ...GROUP, nodes: [{ name: 'compute-0', desiredState: { interfaces: [vlanAt('10.50.0.11')] }, extra: 1 }] }], 'compute-0');
    expect(loaded.desiredState).toEqual({ interfaces: [BOND, VLAN] });
  });

  test('GIVEN two documents whose sections both define the node\'s VLAN THEN the second stays a duplicate for the validation', () => {
    const second = { desiredState: { interfaces: [] }, nodes: [{ name: 'compute-1', desiredState: { interfaces: [vlanAt('10.50.0.13')] } }] };
    expect(parse([GROUP, second], 'compute-1').problems.map((p) => p.code)).toContain('AGENT_DUPLICATE_INTERFACE');
  });
});

describe('agent plan with per-node addresses (the config the core renders for the pooled topology)', () => {
  const config = write('agent.json', agentConfigs(pooledTopology())[0].document);
  const planFor = async (nodeName?: string) => {
    const exec = scriptedExec([rawFixture('bondnode-empty')]);
    return createAgent({ configPath: config, netns: 'bondnode', markBridges: false, ...(nodeName ? { nodeName } : {}) }, { exec, logger: silentLogger, env: {} }).plan();
  };
  const bondAndVlan = [
    'ip link add name bond0 up type bond mode active-backup miimon 100',
    'ip link add link bond0 name bond0.500 up type vlan protocol 802.1Q id 500',
    'ip link set dev ens161 master bond0',
    'ip link set dev ens256 master bond0',
  ];

  test('GIVEN node compute-1 THEN it plans 10.50.0.12/24 on bond0.500', async () => {
    const r = await planFor('compute-1');
    expect(r.result).toBe('drift');
    expect(r.commands).toEqual([...bondAndVlan, 'ip address add 10.50.0.12/24 broadcast + dev bond0.500']);
    expect(r.warnings).toBeUndefined();
  });

  test('GIVEN node compute-0 THEN it plans 10.50.0.11/24 on bond0.500', async () => {
    const r = await planFor('compute-0');
    expect(r.commands).toEqual([...bondAndVlan, 'ip address add 10.50.0.11/24 broadcast + dev bond0.500']);
  });

  test('GIVEN no node name THEN the bond and VLAN without any address, and the report warns', async () => {
    const r = await planFor();
    expect(r.commands).toEqual(bondAndVlan);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings?.[0]).toMatch(/^\[AGENT_CONFIG_NODE_UNKNOWN\] agent\.json#0\.nodes: /);
    expect(formatReport(r)).toContain('warning: [AGENT_CONFIG_NODE_UNKNOWN]');
  });
});
