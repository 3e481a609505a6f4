/**
 * The cdk8s escape hatches on the objects an environment renders (issue 12 §2, B6, B11): the
 * objects are children of the construct that declared them (`ApiObject.of(vm)`,
 * `vm.node.children`), each hatch reaches the YAML, and validation runs on the synthesized object
 * (a patch that breaks it is reported with its code and path). Plus `vm.unplug` of an unknown
 * name and the uplink `state` prop.
 */
import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { lab } from '../../apps/environments/lab';
import {
  BondedUplink, HostNetworkPolicy, MultihomedVM, NetworkAgent, NetworkEnvironment, NetworkEnvironmentProps, NodeGroup, Uplink, VlanBridgeNetwork,
} from '../../lib/cdk8s';
import { buildEnvironment } from '../../lib/core/topology/build';

const quiet = { warn: () => undefined };

/** A bond, a VLAN bridge network exposed to team-a and one VM on it (the trial's escape-hatches.ts). */
function build(props: NetworkEnvironmentProps = {}) {
  const app = Testing.app();
  const env = new NetworkEnvironment(app, 'esc', { prerequisites: { nmstate: true }, ...quiet, ...props });
  const workers = new NodeGroup(env, 'workers', { nodeSelector: { 'node-role.kubernetes.io/worker': '' }, nodes: ['worker-0'] });
  const bond0 = new BondedUplink(env, 'bond0', { nodeGroup: workers, interface: 'bond0', mode: '802.3ad', ports: ['ens1f0', 'ens1f1'] });
  const vlan200 = new VlanBridgeNetwork(env, 'vlan200', { uplink: bond0, pattern: 'vlan-bridge', vlan: 200, namespaces: ['team-a'] });
  const vm = new MultihomedVM(env, 'vm', { namespace: 'team-a', image: 'quay.io/containerdisks/fedora:40' });
  vlan200.attach(vm, { name: 'v200', ipv4: ['10.20.0.5/24'] });
  return { app, env, workers, bond0, vlan200, vm };
}

/** `Kind/name` of the ApiObjects that are direct children of `c`. */
function childObjects(c: Construct): string[] {
  return c.node.children.filter((x): x is ApiObject => x instanceof ApiObject).map((o) => `${o.kind}/${o.name}`);
}

/** Errors and warnings of the environment as `code constructPath path`. */
function problemsOf(env: NetworkEnvironment): string[] {
  return env.problems().map((p) => `${p.code} ${p.resource.constructPath} ${p.path}`);
}

describe('rendered objects are children of their construct', () => {
  it('GIVEN a MultihomedVM THEN ApiObject.of(vm) is its VirtualMachine, before synth and after later attachments (B6)', () => {
    const { env, vlan200, vm } = build();
    const vmObj = ApiObject.of(vm);
    expect(`${vmObj.kind}/${vmObj.metadata.namespace}/${vmObj.name}`).toBe('VirtualMachine/team-a/vm');
    expect(childObjects(vm)).toEqual(['VirtualMachine/vm']);
    vlan200.attach(vm, { name: 'second', ipv4: ['10.20.0.6/24'] });
    vmObj.metadata.addLabel('app.kubernetes.io/part-of', 'shop');
    const synthed = Testing.synth(env).find((o) => o.kind === 'VirtualMachine');
    expect(ApiObject.of(vm)).toBe(vmObj);
    expect(synthed.metadata.labels['app.kubernetes.io/part-of']).toBe('shop');
    expect(synthed.spec.template.spec.networks.map((n: any) => n.name)).toEqual(['default', 'v200', 'second']);
  });

  it('GIVEN each kind of construct THEN its objects are its children (uplink, network, host policy, prerequisites, agent)', () => {
    const { env, bond0, vlan200, workers } = build();
    const hp = new HostNetworkPolicy(env, 'mgmt', { nodeGroup: workers, interfaces: [{ name: 'ens3', type: 'ethernet', state: 'up' }] });
    const agent = new NetworkAgent(env, 'agent');
    vlan200.exposeTo('team-b');
    expect(childObjects(bond0)).toEqual(['NodeNetworkConfigurationPolicy/bond0-workers']);
    expect(childObjects(vlan200)).toEqual(['NodeNetworkConfigurationPolicy/vlan200-workers', 'NetworkAttachmentDefinition/vlan200', 'NetworkAttachmentDefinition/vlan200']);
    expect(vlan200.node.children.filter((x) => x instanceof ApiObject).map((o) => (o as ApiObject).metadata.namespace)).toEqual([undefined, 'team-a', 'team-b']);
    expect(childObjects(hp)).toEqual(['NodeNetworkConfigurationPolicy/mgmt']);
    expect(childObjects(env.node.findChild('Prerequisites'))).toEqual(['NMState/nmstate']);
    expect(childObjects(agent)).toContain('DaemonSet/multihome-agent-workers');
    expect(childObjects(agent.node.scope as Construct)).not.toContain('DaemonSet/multihome-agent-workers');
  });

  it('GIVEN objects under their owners THEN cdk8s writes them in the render order, before the user\'s own objects of the chart', () => {
    const { env, vm } = build();
    new ApiObject(env, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    new ApiObject(vm, 'extra', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'extra', namespace: 'team-a' } });
    const rendered = env.render().map((r) => `${r.manifest.kind}/${r.manifest.metadata.name}`);
    expect(Testing.synth(env).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([...rendered, 'ConfigMap/extra', 'Namespace/team-a']);
  });

  it('GIVEN the lab environment file THEN synth equals the core build, object for object and in order', () => {
    const env = new NetworkEnvironment(Testing.app(), 'lab', { environment: lab, ...quiet });
    expect(Testing.synth(env)).toEqual(JSON.parse(JSON.stringify(buildEnvironment(lab).manifests.map((m) => m.manifest))));
  });

  it('GIVEN a spec added to the topology directly (no construct owns it) THEN its object stays under the environment and is written', () => {
    const { env } = build();
    env.topology.addVm({ name: 'raw', namespace: 'team-a', image: 'quay.io/containerdisks/fedora:40', attachments: [{ network: 'vlan200', ipv4: ['10.20.0.9/24'] }] });
    const [{ object }] = env.objectsOf({ kind: 'vm', name: 'team-a/raw' });
    expect(object.node.path).toBe('esc/Objects/VirtualMachine-team-a-raw');
    expect(Testing.synth(env).filter((o) => o.kind === 'VirtualMachine').map((o) => o.metadata.name)).toEqual(['raw', 'vm']); // VMs in name order
  });

  it('GIVEN a VM declared inside a nested chart THEN its objects stay in the environment\'s output', () => {
    const { env, vlan200 } = build();
    const nested = new Chart(env, 'nested');
    const vm2 = new MultihomedVM(nested, 'vm2', { namespace: 'team-a', image: 'quay.io/containerdisks/fedora:40' });
    vlan200.attach(vm2, { ipv4: ['10.20.0.7/24'] });
    expect(Testing.synth(env).filter((o) => o.kind === 'VirtualMachine').map((o) => o.metadata.name)).toEqual(['vm', 'vm2']);
    expect(Testing.synth(nested)).toEqual([]);
  });
});

describe('each hatch reaches the YAML, and validation runs on the final object', () => {
  it('addJsonPatch on the VM reaches the YAML', () => {
    const { env, vm } = build();
    ApiObject.of(vm).addJsonPatch(JsonPatch.add('/spec/template/spec/terminationGracePeriodSeconds', 180));
    expect(problemsOf(env).filter((p) => !p.startsWith('NMSTATE_') && !p.startsWith('TOPOLOGY_'))).toEqual([]);
    expect(Testing.synth(env).find((o) => o.kind === 'VirtualMachine').spec.template.spec.terminationGracePeriodSeconds).toBe(180);
  });

  it('GIVEN a patch that removes the VM\'s secondary interface THEN KUBEVIRT_NETWORK_WITHOUT_INTERFACE on the VM construct, synth fails', () => {
    const { env, vm } = build();
    expect(problemsOf(env).filter((p) => p.startsWith('KUBEVIRT_'))).toEqual([]);
    ApiObject.of(vm).addJsonPatch(JsonPatch.remove('/spec/template/spec/domain/devices/interfaces/1'));
    expect(problemsOf(env)).toContain('KUBEVIRT_NETWORK_WITHOUT_INTERFACE esc/vm spec.template.spec.networks[1].name');
    expect(() => Testing.synth(env)).toThrow(/KUBEVIRT_NETWORK_WITHOUT_INTERFACE/);
  });

  it('GIVEN a patch that sets a multicast MAC on the NIC THEN KUBEVIRT_MAC_MULTICAST at that field', () => {
    const { env, vm } = build();
    ApiObject.of(vm).addJsonPatch(JsonPatch.replace('/spec/template/spec/domain/devices/interfaces/1/macAddress', '01:00:5e:00:00:01'));
    expect(problemsOf(env)).toContain('KUBEVIRT_MAC_MULTICAST esc/vm spec.template.spec.domain.devices.interfaces[1].macAddress');
  });

  it('GIVEN a patch on the network\'s NNCP THEN it reaches the YAML; a patch breaking it is reported on the network construct', () => {
    const { env, vlan200 } = build();
    const nncp = ApiObject.of(vlan200.node.children.find((c) => c instanceof ApiObject && c.kind === 'NodeNetworkConfigurationPolicy')!);
    nncp.addJsonPatch(JsonPatch.add('/spec/desiredState/interfaces/1/bridge/options/mac-ageing-time', 600));
    expect(Testing.synth(env).find((o) => o.metadata.name === 'vlan200-workers').spec.desiredState.interfaces[1].bridge.options['mac-ageing-time']).toBe(600);
    nncp.addJsonPatch(JsonPatch.replace('/spec/desiredState/interfaces/0/vlan/id', 5000));
    expect(problemsOf(env).filter((p) => p.includes('interfaces[0].vlan.id'))).toEqual(['NMSTATE_VLAN_ID_RANGE esc/vlan200 spec.desiredState.interfaces[0].vlan.id']);
  });

  it('GIVEN a patch that fixes what the render warns about THEN the warning is gone (validation is of the final object)', () => {
    const app = Testing.app();
    const env = new NetworkEnvironment(app, 'lab', quiet);
    const nodes = new NodeGroup(env, 'nodes', { nodeSelector: {} });
    const eth1 = new Uplink(env, 'eth1', { nodeGroup: nodes, interface: 'eth1' });
    const net = new VlanBridgeNetwork(env, 'br0-100', { uplink: eth1, pattern: 'trunk-bridge', bridge: 'br0', vlan: 100, namespaces: ['default'] });
    expect(problemsOf(env)).toContain('NMSTATE_NNCP_NO_NODE_SELECTOR lab/br0-100 spec.nodeSelector');
    const nncp = net.node.children.find((c): c is ApiObject => c instanceof ApiObject && c.kind === 'NodeNetworkConfigurationPolicy')!;
    nncp.addJsonPatch(JsonPatch.add('/spec/nodeSelector', { 'node-role.kubernetes.io/worker': '' }));
    expect(problemsOf(env)).not.toContain('NMSTATE_NNCP_NO_NODE_SELECTOR lab/br0-100 spec.nodeSelector');
  });

  it('metadata.addLabel and addAnnotation reach the YAML; an invalid label or annotation is reported at its field', () => {
    const { env, vm } = build();
    const o = ApiObject.of(vm);
    o.metadata.addLabel('app.kubernetes.io/part-of', 'shop');
    o.metadata.addAnnotation('argocd.argoproj.io/sync-options', 'Prune=false');
    const synthed = Testing.synth(env).find((x) => x.kind === 'VirtualMachine');
    expect(synthed.metadata.labels).toEqual({ 'app.kubernetes.io/part-of': 'shop' });
    expect(synthed.metadata.annotations['argocd.argoproj.io/sync-options']).toBe('Prune=false');
    expect(synthed.metadata.annotations['argocd.argoproj.io/sync-wave']).toBeDefined();
    o.metadata.addLabel('team', 'a b');
    o.metadata.addAnnotation('bad key!', 'x');
    const found = problemsOf(env).filter((p) => p.startsWith('METADATA_'));
    expect(found).toEqual(expect.arrayContaining(['METADATA_LABEL_INVALID esc/vm metadata.labels.team', 'METADATA_ANNOTATION_INVALID esc/vm metadata.annotations["bad key!"]']));
  });

  it('chart labels reach every object; an invalid chart label is reported on each object', () => {
    const { env } = build({ labels: { team: 'platform' } });
    const objs = Testing.synth(env);
    expect(objs.map((o) => o.metadata.labels?.team)).toEqual(objs.map(() => 'platform'));
    const bad = build({ labels: { team: 'not valid' } }).env;
    const found = problemsOf(bad).filter((p) => p.startsWith('METADATA_LABEL_INVALID'));
    expect(found).toEqual(bad.render().map((r) => `METADATA_LABEL_INVALID ${{ NMState: 'esc/Prerequisites', VirtualMachine: 'esc/vm' }[r.manifest.kind as 'NMState'] ?? (r.manifest.metadata.name === 'bond0-workers' ? 'esc/bond0' : 'esc/vlan200')} metadata.labels.team`));
  });

  it('chart namespace applies only to objects without one: multihome\'s cluster-scoped objects stay cluster-scoped, its namespaced ones keep theirs', () => {
    const { env } = build({ namespace: 'apps' });
    new ApiObject(env, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'mine' } });
    const objs = Testing.synth(env);
    expect(objs.map((o) => `${o.kind}/${o.metadata.namespace ?? '-'}`)).toEqual([
      'NMState/-',
      'NodeNetworkConfigurationPolicy/-',
      'NodeNetworkConfigurationPolicy/-',
      'NetworkAttachmentDefinition/team-a',
      'VirtualMachine/team-a',
      'ConfigMap/apps',
    ]);
  });

  it('GIVEN nothing touched THEN no object is re-validated (problems are the build\'s, by identity)', () => {
    const { env } = build();
    Testing.synth(env);
    expect(env.problems().map((p) => p.code)).toEqual(env.build().problems.map((p) => p.code));
  });
});

describe('vm.unplug and uplink state (B11)', () => {
  it('GIVEN unplug of a name the VM does not have THEN TOPOLOGY_UNPLUG_UNKNOWN on the VM construct at synth, nothing unplugged', () => {
    const { env, vm } = build();
    vm.unplug('v2OO');
    vm.unplug('default');
    expect(problemsOf(env).filter((p) => p.startsWith('TOPOLOGY_UNPLUG'))).toEqual(['TOPOLOGY_UNPLUG_UNKNOWN esc/vm attachments', 'TOPOLOGY_UNPLUG_UNKNOWN esc/vm attachments']);
    expect(env.problems().find((p) => p.code === 'TOPOLOGY_UNPLUG_UNKNOWN')!.severity).toBe('error');
    expect(() => Testing.synth(env)).toThrow(/TOPOLOGY_UNPLUG_UNKNOWN/);
    const vmSpec = env.topology.topology().vms[0];
    expect(vmSpec.attachments.map((a) => a.state)).toEqual([undefined]);
  });

  it('GIVEN unplug of a known name THEN the interface renders absent and nothing is reported', () => {
    const { env, vm } = build();
    vm.unplug('v200');
    expect(problemsOf(env).filter((p) => p.startsWith('TOPOLOGY_UNPLUG'))).toEqual([]);
    const vmObj = Testing.synth(env).find((o) => o.kind === 'VirtualMachine');
    expect(vmObj.spec.template.spec.domain.devices.interfaces.find((i: any) => i.name === 'v200').state).toBe('absent');
  });

  it.each([
    [
      'BondedUplink (the bond and its VLANs absent)',
      (env: NetworkEnvironment, g: NodeGroup) => new BondedUplink(env, 'bond1', { nodeGroup: g, interface: 'bond1', mode: '802.3ad', ports: ['ens2f0', 'ens2f1'], state: 'absent' }),
      ['bond1.100:absent', 'bond1:absent'],
    ],
    [
      'Uplink (its VLANs absent; a NIC is never removed)',
      (env: NetworkEnvironment, g: NodeGroup) => new Uplink(env, 'ens3', { nodeGroup: g, interface: 'ens3', state: 'absent' }),
      ['ens3.100:absent'],
    ],
  ])('GIVEN a %s with the state prop THEN the render decommissions it', (_kind, make, expected) => {
    const env = new NetworkEnvironment(new App(), 'm', quiet);
    const g = new NodeGroup(env, 'workers', { nodeSelector: { 'node-role.kubernetes.io/worker': '' }, nodes: ['worker-0'] });
    const up = make(env, g);
    up.addVlan(100);
    const nncp = Testing.synth(env).find((o) => o.kind === 'NodeNetworkConfigurationPolicy');
    expect(nncp.spec.desiredState.interfaces.map((i: any) => `${i.name}:${i.state}`)).toEqual(expected);
    expect(childObjects(up)).toEqual([`NodeNetworkConfigurationPolicy/${nncp.metadata.name}`]);
  });
});
