import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as YAML from 'yaml';
import { lab } from '../../apps/environments/lab';
import { prod } from '../../apps/environments/prod';
import { ClusterNetworkPrerequisites, NetworkAgent, NetworkAgentProps, NetworkEnvironment, NodeGroup, Uplink, VlanBridgeNetwork } from '../../lib/cdk8s';
import { stringifyManifests } from '../../lib/core/render/yaml';
import { AgentDeploymentOptions, renderAgentDeployment } from '../../lib/core/topology/agent-deployment';
import { Topology } from '../../lib/core/topology/model';
import { buildEnvironment } from '../../lib/core/topology/build';

/** What cdk8s writes: the build's manifests (render + target annotations, lib/core/render/targets.ts). */
const builtManifests = (t: Parameters<typeof buildEnvironment>[0]) => buildEnvironment(t).manifests.map((m) => m.manifest);

const quiet = { warn: () => undefined };
const isAgent = (o: any) => o.metadata.labels?.['app.kubernetes.io/part-of'] === 'multihome';
const json = (x: unknown) => JSON.parse(JSON.stringify(x));
/** An environment file without its own agent, for tests that add a NetworkAgent by hand. */
const bare = (t: Topology): Topology => ({ ...t, agent: undefined });

function synthAgent(environment: Topology, props: NetworkAgentProps = {}) {
  const env = new NetworkEnvironment(Testing.app(), 'env', { environment: bare(environment), ...quiet });
  const agent = new NetworkAgent(env, 'agent', { ...quiet, ...props });
  return { env, agent, objs: Testing.synth(env) };
}

describe('NetworkAgent (cdk8s)', () => {
  test.each<[string, Topology, Omit<AgentDeploymentOptions, 'nodeGroups'>]>([
    ['lab, defaults', lab, {}],
    ['prod, mixed modes without bridge marking', prod, { mode: 'apply', nodeGroupModes: { all: 'observe', workers: 'observe', c7000: 'observe' }, markBridges: false, intervalSeconds: 30 }],
    ['prod, own namespace, probes, no priority class', prod, { namespace: 'kube-system', createNamespace: false, priorityClassName: false, probes: { c7000: [{ target: '10.6.85.1', interface: 'eno49.1085' }] } }],
    ['prod, listening on the node IP', prod, { listenAddress: 'node-ip' }],
    ['lab, listening on loopback', lab, { listenAddress: '127.0.0.1' }],
  ])('GIVEN %s THEN the synthesized objects are exactly the core render (the Pulumi side)', (_n, environment, options) => {
    const { objs } = synthAgent(environment, options);
    expect(objs.filter(isAgent)).toEqual(json(renderAgentDeployment(environment, options)));
  });

  test('GIVEN a NetworkAgent in an environment THEN it is the environment agent: the synth equals the core render of the topology with that agent, agent objects in the prerequisites layer', () => {
    const { objs, agent } = synthAgent(lab, { mode: 'observe' });
    expect(objs).toEqual(json(builtManifests({ ...lab, agent: agent.options })));
    expect(objs.map((o) => o.kind).slice(0, 10)).toEqual([
      'NMState', 'NetworkAddonsConfig', 'Namespace', 'ServiceAccount', 'ClusterRole', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'ClusterRoleBinding', 'ConfigMap', 'DaemonSet',
    ]);
    expect(objs.filter(isAgent).every((o) => o.metadata.annotations['argocd.argoproj.io/sync-wave'] === '-20')).toBe(true);
  });

  test('GIVEN the agent declared before the prerequisites THEN the operator CRs still come first (the core order)', () => {
    const env = new NetworkEnvironment(Testing.app(), 'env', quiet);
    new NodeGroup(env, 'nodes', { nodeSelector: {} });
    new NetworkAgent(env, 'agent', quiet);
    new ClusterNetworkPrerequisites(env, 'prereq', { nmstate: true });
    const objs = Testing.synth(env);
    expect(objs.map((o) => o.kind)).toEqual(['NMState', 'Namespace', 'ServiceAccount', 'ClusterRole', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'ClusterRoleBinding', 'ConfigMap', 'DaemonSet']);
    expect(objs).toEqual(json(builtManifests(env.topology.topology())));
  });

  test('GIVEN a second NetworkAgent in one environment THEN it is refused at construction', () => {
    const env = new NetworkEnvironment(Testing.app(), 'env', { environment: lab, ...quiet });
    expect(() => new NetworkAgent(env, 'again', quiet)).toThrow(/already deploys the node agent; env\/again would be a second one/);
  });

  test('GIVEN an environment file with an agent THEN cdk8s writes the same bytes as the core render', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'mh-agent-')) });
    new NetworkEnvironment(app, 'prod', { environment: prod, ...quiet });
    app.synth();
    expect(fs.readFileSync(path.join(app.outdir, 'prod.k8s.yaml'), 'utf8')).toBe(stringifyManifests(builtManifests(prod)));
  });

  test('GIVEN a JSON patch and a label through daemonSet(group) THEN they reach that DaemonSet only (the cdk8s escape hatch on the core render)', () => {
    const env = new NetworkEnvironment(Testing.app(), 'env', { environment: bare(prod), ...quiet });
    const agent = new NetworkAgent(env, 'agent', quiet);
    const ds = agent.daemonSet('c7000');
    ds.addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/env/-', { name: 'LOG_LEVEL', value: 'debug' }));
    ds.metadata.addLabel('team', 'net');
    const objs = Testing.synth(env);
    const daemonSets = objs.filter((o) => o.kind === 'DaemonSet');
    const c7000 = daemonSets.find((o) => o.metadata.name === 'multihome-agent-c7000');
    expect(c7000.spec.template.spec.containers[0].env.at(-1)).toEqual({ name: 'LOG_LEVEL', value: 'debug' });
    expect(c7000.metadata.labels.team).toBe('net');
    expect(c7000.metadata.labels['multihome.io/node-group']).toBe('c7000');
    const others = daemonSets.filter((o) => o !== c7000);
    expect(others.length).toBeGreaterThan(0);
    for (const o of others) expect(o.metadata.labels.team).toBeUndefined();
    expect(() => agent.daemonSet('nope')).toThrow(/runs no agent on node group "nope"/);
  });

  test('GIVEN podSelector(group) as a cdk8s-plus Service selector THEN the Service selects exactly that DaemonSet\'s pods', () => {
    const { agent, objs } = synthAgent(prod);
    const ds = objs.find((o) => o.kind === 'DaemonSet' && o.metadata.name === 'multihome-agent-c7000');
    const chart = new Chart(Testing.app(), 'metrics');
    new kplus.Service(chart, 'metrics', { selector: agent.podSelector('c7000'), ports: [{ port: 9681 }] });
    const svc = Testing.synth(chart)[0];
    expect(svc.spec.selector).toEqual({ 'app.kubernetes.io/name': 'multihome-agent', 'multihome.io/node-group': 'c7000' });
    expect(svc.spec.selector).toEqual(ds.spec.selector.matchLabels);
    expect(ds.spec.template.metadata.labels).toMatchObject(svc.spec.selector);
  });

  test('GIVEN a network added after the agent THEN its bridge reaches the ConfigMap (rendered at synth)', () => {
    const env = new NetworkEnvironment(Testing.app(), 'lab', { prerequisites: { nmstate: true }, ...quiet });
    const nodes = new NodeGroup(env, 'nodes', { nodeSelector: { 'node-role.kubernetes.io/worker': '' } });
    const eth1 = new Uplink(env, 'eth1', { nodeGroup: nodes, interface: 'eth1' });
    new NetworkAgent(env, 'agent', quiet);
    new VlanBridgeNetwork(env, 'br0-100', { uplink: eth1, pattern: 'trunk-bridge', bridge: 'br0', vlan: 100, namespaces: ['default'] });
    const objs = Testing.synth(env);
    const doc = YAML.parse(objs.find((o) => o.kind === 'ConfigMap').data['agent.yaml']);
    expect(doc.desiredState.interfaces.map((i: { name: string }) => i.name)).toEqual(['eth1', 'br0']);
    expect(doc.desiredState.interfaces[1].bridge.port[0].vlan['trunk-tags']).toEqual([{ id: 100 }]);
    expect(objs).toEqual(json(builtManifests(env.topology.topology())));
  });

  test('GIVEN a node group declared after the agent THEN it gets an agent too (the default node groups are resolved at synth)', () => {
    const env = new NetworkEnvironment(Testing.app(), 'env', { prerequisites: { nmstate: true }, ...quiet });
    new NodeGroup(env, 'a', { nodeSelector: { pool: 'a' } });
    new NetworkAgent(env, 'agent', quiet);
    new NodeGroup(env, 'b', { nodeSelector: { pool: 'b' } });
    const objs = Testing.synth(env);
    expect(objs.filter((o) => o.kind === 'DaemonSet').map((o) => [o.metadata.name, o.spec.template.spec.nodeSelector])).toEqual([
      ['multihome-agent-a', { pool: 'a' }],
      ['multihome-agent-b', { pool: 'b' }],
    ]);
  });

  test('GIVEN invalid options THEN the environment fails synth with every problem, each with code, the agent construct path and field path', () => {
    const env = new NetworkEnvironment(Testing.app(), 'env', { environment: bare(prod), ...quiet });
    new NetworkAgent(env, 'agent', { ...quiet, namespace: 'Bad_NS', listenAddress: 'eth0', probes: { c7000: [{ target: 'gw' }] } });
    expect(() => Testing.synth(env)).toThrow(
      /\[AGENT_DEPLOYMENT_NAME\] env\/agent .* namespace: [^]*\[AGENT_DEPLOYMENT_OPTION\] env\/agent .* listenAddress: [^]*\[AGENT_DEPLOYMENT_PROBE\] env\/agent .* probes\.c7000\[0\]\.target/,
    );
  });

  test('GIVEN an apply-mode group whose intent has DHCP THEN the environment warns once, at the agent construct, with the field path', () => {
    const warnings: string[] = [];
    const env = new NetworkEnvironment(Testing.app(), 'env', { environment: bare(prod), warn: (m) => warnings.push(m) });
    new NetworkAgent(env, 'agent', { nodeGroupModes: { 'node-10-6-185-30': 'apply' } });
    Testing.synth(env);
    const agentWarnings = warnings.filter((w) => w.includes('AGENT_DEPLOYMENT'));
    expect(agentWarnings).toHaveLength(1);
    expect(agentWarnings[0]).toMatch(/\[AGENT_DEPLOYMENT_UNSUPPORTED_INTENT\] env\/agent .* nodeGroups\.node-10-6-185-30\.desiredState\.interfaces\[3\]\.ipv4\.dhcp: .*NNCP vlan.*eth1\.102/);
  });

  test('GIVEN `environment` THEN the agent works in a plain Chart with exactly the core render; without it, outside an environment, it says where it must go', () => {
    const chart = new Chart(Testing.app(), 'plain');
    new NetworkAgent(chart, 'agent', { environment: lab, ...quiet });
    expect(Testing.synth(chart)).toEqual(json(renderAgentDeployment(lab)));
    expect(() => new NetworkAgent(new Chart(Testing.app(), 'c'), 'agent')).toThrow(/not inside a NetworkEnvironment/);
  });

  test('GIVEN the same app twice THEN the synthesized objects are identical (deterministic)', () => {
    expect(JSON.stringify(synthAgent(prod).objs)).toBe(JSON.stringify(synthAgent(prod).objs));
  });
});
