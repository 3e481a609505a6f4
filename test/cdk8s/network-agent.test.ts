import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as YAML from 'yaml';
import { lab } from '../../apps/environments/lab';
import { prod } from '../../apps/environments/prod';
import { NetworkAgent, NetworkAgentProps, NetworkEnvironment, NodeGroup, Uplink, VlanBridgeNetwork } from '../../lib/cdk8s';
import { AgentDeploymentOptions, renderAgentDeployment } from '../../lib/core/topology/agent-deployment';
import { renderTopology } from '../../lib/core/topology/render';

const quiet = { warn: () => undefined };
/** The one field cdk8s-plus adds that the core render cannot know: its pod address label (used by kplus pod selectors). */
const KPLUS_POD_LABEL = 'cdk8s.io/metadata.addr';
const isAgent = (o: any) => o.metadata.labels?.['app.kubernetes.io/part-of'] === 'multihome';

function withoutKplusLabel(objs: any[]): any[] {
  return objs.map((o) => {
    if (o.kind !== 'DaemonSet') return o;
    const { [KPLUS_POD_LABEL]: addr, ...labels } = o.spec.template.metadata.labels;
    expect(addr).toMatch(/^[A-Za-z0-9-]+$/);
    return { ...o, spec: { ...o.spec, template: { ...o.spec.template, metadata: { ...o.spec.template.metadata, labels } } } };
  });
}

function synthAgent(environment = lab, props: NetworkAgentProps = {}) {
  const env = new NetworkEnvironment(Testing.app(), 'env', { environment, ...quiet });
  const agent = new NetworkAgent(env, 'agent', { ...quiet, ...props });
  return { env, agent, objs: Testing.synth(env) };
}

describe('NetworkAgent (cdk8s)', () => {
  test.each<[string, typeof lab, Omit<AgentDeploymentOptions, 'nodeGroups'>]>([
    ['lab, defaults', lab, {}],
    ['prod, mixed modes without bridge marking', prod, { mode: 'apply', nodeGroupModes: { all: 'observe', workers: 'observe', c7000: 'observe' }, markBridges: false, intervalSeconds: 30 }],
    ['prod, own namespace, probes', prod, { namespace: 'kube-system', createNamespace: false, probes: { c7000: [{ target: '10.6.85.1', interface: 'eno49.1085' }] } }],
  ])('GIVEN %s THEN the synthesized objects equal the core render (the Pulumi side) but for the cdk8s-plus pod label', (_n, environment, options) => {
    const { objs } = synthAgent(environment, options);
    expect(withoutKplusLabel(objs.filter(isAgent))).toEqual(JSON.parse(JSON.stringify(renderAgentDeployment(environment, options))));
  });

  test('GIVEN an agent in an environment THEN the environment objects are unchanged and come first; the agent is in the prerequisites wave', () => {
    const { objs } = synthAgent(lab);
    const rest = objs.filter((o) => !isAgent(o));
    expect(rest).toEqual(JSON.parse(JSON.stringify(renderTopology(lab))));
    expect(objs.slice(rest.length).every(isAgent)).toBe(true);
    expect(objs.filter(isAgent).every((o) => o.metadata.annotations['argocd.argoproj.io/sync-wave'] === '-20')).toBe(true);
  });

  test('the objects are cdk8s-plus-28 constructs users can extend', () => {
    const { agent } = synthAgent(prod, { nodeGroups: [NodeGroup.fromNodeGroupName(new Chart(Testing.app(), 'x'), 'g', 'c7000')] });
    expect(Object.keys(agent.daemonSets)).toEqual(['c7000']);
    expect(agent.daemonSets.c7000).toBeInstanceOf(kplus.DaemonSet);
    expect(agent.configMaps.c7000).toBeInstanceOf(kplus.ConfigMap);
    expect(agent.serviceAccount).toBeInstanceOf(kplus.ServiceAccount);
    expect(agent.clusterRole).toBeInstanceOf(kplus.ClusterRole);
    expect(agent.daemonSets.c7000.hostNetwork).toBe(true);
  });

  test('GIVEN a network added after the agent THEN its bridge reaches the ConfigMap (rendered at synth)', () => {
    const env = new NetworkEnvironment(Testing.app(), 'lab', { prerequisites: { nmstate: true }, ...quiet });
    const nodes = new NodeGroup(env, 'nodes', { nodeSelector: { 'node-role.kubernetes.io/worker': '' } });
    const eth1 = new Uplink(env, 'eth1', { nodeGroup: nodes, interface: 'eth1' });
    new NetworkAgent(env, 'agent', quiet);
    new VlanBridgeNetwork(env, 'br0-100', { uplink: eth1, pattern: 'trunk-bridge', bridge: 'br0', vlan: 100, namespaces: ['default'] });
    const cm = Testing.synth(env).find((o) => o.kind === 'ConfigMap');
    const doc = YAML.parse(cm.data['agent.yaml']);
    expect(doc.desiredState.interfaces.map((i: { name: string }) => i.name)).toEqual(['eth1', 'br0']);
    expect(doc.desiredState.interfaces[1].bridge.port[0].vlan['trunk-tags']).toEqual([{ id: 100 }]);
  });

  test('GIVEN a node group declared after the agent THEN synth fails naming it (it would silently get no agent)', () => {
    const env = new NetworkEnvironment(Testing.app(), 'env', { prerequisites: { nmstate: true }, ...quiet });
    new NodeGroup(env, 'a', { nodeSelector: { pool: 'a' } });
    new NetworkAgent(env, 'agent', quiet);
    new NodeGroup(env, 'b', { nodeSelector: { pool: 'b' } });
    expect(() => Testing.synth(env)).toThrow(/\[AGENT_DEPLOYMENT_NODE_GROUP\] env\/agent NetworkAgent\/multihome-agent nodeGroups: node group b was declared after/);
  });

  test('GIVEN invalid options THEN synth fails with every problem, each with code, construct path and field path', () => {
    const env = new NetworkEnvironment(Testing.app(), 'env', { environment: prod, ...quiet });
    new NetworkAgent(env, 'agent', { ...quiet, namespace: 'Bad_NS', probes: { c7000: [{ target: 'gw' }] } });
    expect(() => Testing.synth(env)).toThrow(/\[AGENT_DEPLOYMENT_NAME\] env\/agent .* namespace: [^]*\[AGENT_DEPLOYMENT_PROBE\] env\/agent .* probes\.c7000\[0\]\.target/);
  });

  test('GIVEN `environment` THEN the agent works in a plain Chart; without it, outside an environment, it says where it must go', () => {
    const chart = new Chart(Testing.app(), 'plain');
    new NetworkAgent(chart, 'agent', { environment: lab, ...quiet });
    expect(withoutKplusLabel(Testing.synth(chart))).toEqual(JSON.parse(JSON.stringify(renderAgentDeployment(lab))));
    expect(() => new NetworkAgent(new Chart(Testing.app(), 'c'), 'agent')).toThrow(/not inside a NetworkEnvironment/);
  });

  test('GIVEN the same app twice THEN the synthesized objects are identical (deterministic)', () => {
    expect(JSON.stringify(synthAgent(prod).objs)).toBe(JSON.stringify(synthAgent(prod).objs));
  });
});
