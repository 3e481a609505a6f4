import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, JsonPatch, Testing } from 'cdk8s';
import { estate } from '../../apps/environments/estate';
import { lab } from '../../apps/environments/lab';
import { prod } from '../../apps/environments/prod';
import {
  BondedUplink, ClusterNetworkPrerequisites, HostNetworkPolicy, MultihomedVM, NetworkAgent, NetworkEnvironment, NodeGroup, Uplink, VlanBridgeNetwork, synthEnvironments,
} from '../../lib/cdk8s';
import { buildEnvironment } from '../../lib/core/topology/build';

const quiet = { warn: () => undefined };
const GOLDEN = path.join(__dirname, '..', 'fixtures', 'golden');

describe('NetworkEnvironment', () => {
  it.each([
    ['lab', lab],
    ['prod', prod],
    ['estate', estate],
  ])('synthesizes the %s environment to the objects of the core build, in its order (parity with buildEnvironment)', (_name, environment) => {
    const app = Testing.app();
    const env = new NetworkEnvironment(app, 'env', { environment, ...quiet });
    const synthed = Testing.synth(env);
    expect(synthed).toEqual(JSON.parse(JSON.stringify(buildEnvironment(environment).manifests.map((m) => m.manifest))));
  });

  it.each([
    ['lab on kubernetes-nmstate 0.55 (NNCP v1beta1) and KubeVirt 1.2', { ...lab, target: { kubernetesNmstate: '0.55', kubevirt: '1.2' } }],
    ['estate on OpenShift 4.18 (localnet NADs, not a CUDN)', { ...estate, target: 'openshift-4.18' }],
    ['lab with the target given as a prop', lab],
  ])('issue 19: synthesizes %s to the objects of the core build', (name, environment) => {
    const target = name.includes('as a prop') ? 'kubevirt-1.5-upstream' : undefined;
    const env = new NetworkEnvironment(Testing.app(), 'env', { environment, ...(target ? { target } : {}), ...quiet });
    const want = buildEnvironment(target ? { ...environment, target } : environment).manifests.map((m) => m.manifest);
    expect(Testing.synth(env)).toEqual(JSON.parse(JSON.stringify(want)));
    if (name.includes('v1beta1')) expect(want.filter((m) => m.kind === 'NodeNetworkConfigurationPolicy').every((m) => m.apiVersion === 'nmstate.io/v1beta1')).toBe(true);
  });

  it.each(['lab', 'prod', 'estate'] as const)('GIVEN the %s environment THEN cdk8s\'s own app.synth() writes the golden bytes', (name) => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'mh-app-')) });
    new NetworkEnvironment(app, name, { environment: { lab, prod, estate }[name], ...quiet });
    app.synth();
    expect(fs.readFileSync(path.join(app.outdir, `${name}.k8s.yaml`), 'utf8')).toBe(fs.readFileSync(path.join(GOLDEN, `${name}.k8s.yaml`), 'utf8'));
  });

  it('GIVEN constructs declared in another order than the data form THEN the output is the same (the render decides the order, not construct order)', () => {
    const app = Testing.app();
    const env = new NetworkEnvironment(app, 'prod', { ...quiet, platform: 'openshift', silence: prod.silence, namespaces: prod.namespaces });
    // the VMs first, then the agent, the networks, the uplinks, the host policies and the node groups last
    for (const vm of prod.vms) new MultihomedVM(env, `vm-${vm.name}`, { ...vm, attachments: vm.attachments.map(({ network, ...a }) => ({ ...a, network: { networkName: network } })) });
    new NetworkAgent(env, 'agent', { ...prod.agent, nodeGroups: undefined });
    for (const { uplink, nodeGroup: _g, ...n } of prod.networks) new VlanBridgeNetwork(env, `net-${n.name}`, { ...n, uplink: Uplink.fromUplinkName(env, `ref-${uplink}`, uplink!) });
    for (const { nodeGroup, bond, ...u } of prod.uplinks) {
      const props = { ...u, nodeGroup: NodeGroup.fromNodeGroupName(env, `ref-${nodeGroup}`, nodeGroup) };
      if (bond) new BondedUplink(env, `up-${u.name}`, { ...props, ...bond });
      else new Uplink(env, `up-${u.name}`, props);
    }
    for (const { nodeGroup, ...h } of prod.hostPolicies ?? []) new HostNetworkPolicy(env, `hp-${h.name}`, { ...h, nodeGroup: nodeGroup ? { nodeGroupName: nodeGroup } : undefined });
    new ClusterNetworkPrerequisites(env, 'prereq', prod.prerequisites);
    for (const g of prod.nodeGroups) new NodeGroup(env, `ng-${g.name}`, g);
    expect(Testing.synth(env)).toEqual(Testing.synth(new NetworkEnvironment(Testing.app(), 'prod', { environment: prod, ...quiet })));
  });

  it('GIVEN constructs declared in the reverse order of the data form within each kind THEN the synth is identical (B13: the order comes from the intent)', () => {
    const app = Testing.app();
    const env = new NetworkEnvironment(app, 'prod', { ...quiet, platform: 'openshift', silence: prod.silence, namespaces: prod.namespaces, prerequisites: prod.prerequisites });
    // node groups in the data's order: the agent numbers its per-group ports in node group order
    for (const g of prod.nodeGroups) new NodeGroup(env, `ng-${g.name}`, g);
    for (const { nodeGroup, bond, ...u } of [...prod.uplinks].reverse()) {
      const props = { ...u, nodeGroup: { nodeGroupName: nodeGroup } };
      if (bond) new BondedUplink(env, `up-${u.name}`, { ...props, ...bond });
      else new Uplink(env, `up-${u.name}`, props);
    }
    for (const { nodeGroup, ...h } of [...(prod.hostPolicies ?? [])].reverse()) new HostNetworkPolicy(env, `hp-${h.name}`, { ...h, nodeGroup: nodeGroup ? { nodeGroupName: nodeGroup } : undefined });
    for (const { uplink, nodeGroup: _g, ...n } of [...prod.networks].reverse()) new VlanBridgeNetwork(env, `net-${n.name}`, { ...n, uplink: { uplinkName: uplink!, interfaceName: prod.uplinks.find((u) => u.name === uplink)!.interface } });
    for (const vm of [...prod.vms].reverse()) new MultihomedVM(env, `vm-${vm.name}`, { ...vm, attachments: vm.attachments.map(({ network, ...a }) => ({ ...a, network: { networkName: network } })) });
    new NetworkAgent(env, 'agent', { ...prod.agent, nodeGroups: undefined });
    const fromData = Testing.synth(new NetworkEnvironment(Testing.app(), 'prod', { environment: prod, ...quiet }));
    expect(Testing.synth(env)).toEqual(fromData);
    // and the data order is the intent's: NNCPs by name within their wave, NADs by name then namespace, VMs by name
    const names = (kind: string) => fromData.filter((m: any) => m.kind === kind).map((m: any) => `${m.metadata.namespace ?? ''}/${m.metadata.name}`);
    expect(names('NodeNetworkConfigurationPolicy')).toEqual(['/bond-vlan30', '/br1-policy', '/static-ip', '/vlan', '/vlan-1085-policy-c7000']);
    expect(names('VirtualMachine')).toEqual(['vms/pxe-vm', 'vms/vm-fedora']);
  });

  it('builds the README example from constructs: trunk port, NAD, VMs with pinned MACs, placement', () => {
    const app = Testing.app();
    const env = new NetworkEnvironment(app, 'lab', { prerequisites: { nmstate: true }, ...quiet });
    const nodes = new NodeGroup(env, 'nodes', { nodeSelector: {}, nodes: ['node01', 'node02'] });
    const eth1 = new Uplink(env, 'eth1', { nodeGroup: nodes, interface: 'eth1' });
    const vlan100 = new VlanBridgeNetwork(env, 'br0-100', {
      uplink: eth1, pattern: 'trunk-bridge', bridge: 'br0', vlan: 100, nadName: 'br0-100-l2', namespaces: ['default'], subnets: ['10.200.0.0/24'],
    });
    const vlan200 = new VlanBridgeNetwork(env, 'br0-200', { uplink: eth1, bridge: 'br0', vlan: 200, namespaces: ['default'] });
    for (const [name, node, ip] of [['vma', 'node01', '10.200.0.1/24'], ['vmb', 'node02', '10.200.0.2/24']]) {
      const vm = new MultihomedVM(env, name, { namespace: 'default', image: 'quay.io/containerdisks/fedora:40', nodeSelector: { 'kubernetes.io/hostname': node } });
      vlan100.attach(vm, { ipv4: [ip] });
    }
    vlan200.exposeTo('other');
    const objs = Testing.synth(env);
    expect(objs.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`)).toEqual([
      'NMState//nmstate',
      'NodeNetworkConfigurationPolicy//br0-eth1',
      'NetworkAttachmentDefinition/default/br0-100-l2',
      'NetworkAttachmentDefinition/default/br0-200',
      'NetworkAttachmentDefinition/other/br0-200',
      'VirtualMachine/default/vma',
      'VirtualMachine/default/vmb',
    ]);
    const port = objs[1].spec.desiredState.interfaces.find((i: any) => i.name === 'br0').bridge.port[0];
    expect(port.vlan['trunk-tags']).toEqual([{ id: 100 }, { id: 200 }]);
  });

  it('fails synth listing every problem with its construct path, and writes nothing', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'mh-bad-'));
    const broken = { ...lab, networks: [{ ...lab.networks[0], vlan: 5000 }] };
    const r = synthEnvironments({ lab: broken }, out, quiet);
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors.some((p) => p.path.endsWith('vlan') && p.resource.constructPath?.startsWith('lab/'))).toBe(true);
    expect(fs.readdirSync(out)).toEqual([]);
  });

  it('a bonded uplink renders the bond with its host VLANs (seed 002)', () => {
    const app = Testing.app();
    const env = new NetworkEnvironment(app, 'p', quiet);
    new ClusterNetworkPrerequisites(env, 'prereq', { nmstate: true });
    const g = new NodeGroup(env, 'node30', { nodeSelector: { 'kubernetes.io/hostname': '10-6-185-30' } });
    const bond = new BondedUplink(env, 'bond0', { nodeGroup: g, interface: 'bond0', mode: 'active-backup', ports: ['ens161', 'ens256'], policyName: 'bond-vlan30' });
    bond.addVlan(144, { ipv4: ['172.144.185.30/16'] });
    const objs = Testing.synth(env);
    const nncp = objs.find((o) => o.kind === 'NodeNetworkConfigurationPolicy');
    expect(nncp.metadata.name).toBe('bond-vlan30');
    expect(nncp.spec.desiredState.interfaces.map((i: any) => i.name)).toEqual(['bond0', 'bond0.144']);
    expect(nncp.spec.desiredState.interfaces[0]['link-aggregation']).toEqual({ mode: 'active-backup', port: ['ens161', 'ens256'], options: { miimon: 100 } });
  });

  it('GIVEN chart labels, a label and a JSON patch on objects of a construct THEN they reach the synthesized objects (the standard cdk8s habits)', () => {
    const app = Testing.app();
    const env = new NetworkEnvironment(app, 'lab', { environment: lab, labels: { team: 'platform' }, ...quiet });
    for (const name of ['vma', 'vmb']) for (const { object } of env.objectsOf({ kind: 'vm', name: `default/${name}` })) object.metadata.addLabel('backup', 'daily');
    const [nncp] = env.objectsOf({ kind: 'network', name: 'br0-100' }).filter((o) => o.manifest.kind === 'NodeNetworkConfigurationPolicy');
    nncp.object.addJsonPatch(JsonPatch.add('/spec/maxUnavailable', 1));
    const objs = Testing.synth(env);
    expect(objs.every((o) => o.metadata.labels?.team === 'platform')).toBe(true);
    expect(objs.filter((o) => o.metadata.labels?.backup === 'daily').map((o) => o.metadata.name)).toEqual(['vma', 'vmb']);
    expect(objs.find((o) => o.kind === 'NodeNetworkConfigurationPolicy').spec.maxUnavailable).toBe(1);
    // the rendered metadata stays: the sync wave and the agent's own labels
    expect(objs.find((o) => o.kind === 'DaemonSet').metadata.labels).toMatchObject({ team: 'platform', 'multihome.io/node-group': 'nodes' });
    expect(objs[0].metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('-20');
  });

  it('is found from any construct inside it', () => {
    const app = new App();
    const env = new NetworkEnvironment(app, 'e', quiet);
    const g = new NodeGroup(env, 'g', { nodeSelector: {} });
    expect(NetworkEnvironment.of(g)).toBe(env);
    expect(() => NetworkEnvironment.of(new Chart(app, 'other'))).toThrow(/not inside a NetworkEnvironment/);
  });
});
