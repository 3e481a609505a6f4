/**
 * The estate environment (issue 13 acceptance): instancetype VMs with dataVolumeTemplates brought
 * whole, two node groups, per-node storage VLAN addresses, an OVN localnet mapping-only on br-ex.
 * The data form, the cdk8s constructs and the golden file agree; the expected values are written
 * out here.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { COMPUTE_NODES, estate, STORAGE_NODES } from '../../apps/environments/estate';
import { BondedUplink, MultihomedVM, NetworkEnvironment, NodeGroup, Uplink, VlanBridgeNetwork } from '../../lib/cdk8s';
import { buildEnvironment } from '../../lib/core/topology/build';
import { validateManifestSet } from '../../lib/core/topology/validate-set';

const build = buildEnvironment(estate);
const ms = build.manifests.map((m) => m.manifest as any);
const named = (kind: string, name: string, namespace?: string) => {
  const m = ms.find((x) => x.kind === kind && x.metadata.name === name && (namespace === undefined || x.metadata.namespace === namespace));
  if (!m) throw new Error(`${kind}/${name} not rendered`);
  return m;
};
const nncp = (name: string) => named('NodeNetworkConfigurationPolicy', name).spec;

describe('estate environment', () => {
  it('builds with no problem at all (errors or warnings)', () => {
    expect(build.problems).toEqual([]);
  });

  it('renders namespaces, NMState, the group policies, then one policy per node, then NADs and VMs', () => {
    expect(ms.map((m) => `${m.kind}/${m.metadata.namespace ? m.metadata.namespace + '/' : ''}${m.metadata.name}`)).toEqual([
      'Namespace/db',
      'Namespace/web',
      'NMState/nmstate',
      'NodeNetworkConfigurationPolicy/bond0-compute',
      'NodeNetworkConfigurationPolicy/br-ex-compute',
      'NodeNetworkConfigurationPolicy/ens3f0-storage',
      'NodeNetworkConfigurationPolicy/bond0-compute-app-200-compute',
      'NodeNetworkConfigurationPolicy/bond0-compute-compute-0',
      'NodeNetworkConfigurationPolicy/bond0-compute-compute-1',
      'NodeNetworkConfigurationPolicy/bond0-compute-compute-2',
      'NodeNetworkConfigurationPolicy/ens3f0-storage-storage-0',
      'NodeNetworkConfigurationPolicy/ens3f0-storage-storage-1',
      'NetworkAttachmentDefinition/db/app-200',
      'NetworkAttachmentDefinition/web/app-200',
      'ClusterUserDefinedNetwork/ext-400',
      'VirtualMachine/db/db-0',
      'VirtualMachine/db/db-1',
      'VirtualMachine/web/web-0',
    ]);
  });

  it('storage VLAN 500: the pool gives the compute nodes .11–.13 in their listed order, the map the storage nodes .101/.102, each on its own node', () => {
    const address = (policy: string) => {
      const s = nncp(policy);
      const [i] = s.desiredState.interfaces;
      return { node: s.nodeSelector['kubernetes.io/hostname'], iface: i.name, ip: `${i.ipv4.address[0].ip}/${i.ipv4.address[0]['prefix-length']}` };
    };
    expect(COMPUTE_NODES.map((n) => address(`bond0-compute-${n}`))).toEqual([
      { node: 'compute-0', iface: 'bond0.500', ip: '10.50.0.11/24' },
      { node: 'compute-1', iface: 'bond0.500', ip: '10.50.0.12/24' },
      { node: 'compute-2', iface: 'bond0.500', ip: '10.50.0.13/24' },
    ]);
    expect(STORAGE_NODES.map((n) => address(`ens3f0-storage-${n}`))).toEqual([
      { node: 'storage-0', iface: 'ens3f0.500', ip: '10.50.0.101/24' },
      { node: 'storage-1', iface: 'ens3f0.500', ip: '10.50.0.102/24' },
    ]);
    // the group policies create the VLANs without an address; the storage NIC gets its jumbo MTU (B4)
    expect(nncp('bond0-compute').desiredState.interfaces[1]).toEqual({ name: 'bond0.500', type: 'vlan', state: 'up', vlan: { 'base-iface': 'bond0', id: 500 } });
    expect(nncp('ens3f0-storage').desiredState.interfaces[0]).toEqual({ name: 'ens3f0', type: 'ethernet', state: 'up', mtu: 9000 });
  });

  it('ext-400 is mapping-only on br-ex: the NNCP holds the bridge mapping and nothing else; on OpenShift 4.20 the network is a ClusterUserDefinedNetwork, pure L2 with OVN tagging VLAN 400', () => {
    expect(nncp('br-ex-compute')).toEqual({
      maxUnavailable: 1,
      nodeSelector: { 'node-role.kubernetes.io/worker': '' },
      desiredState: { ovn: { 'bridge-mappings': [{ localnet: 'physnet-ext', bridge: 'br-ex' }] } },
    });
    expect(named('ClusterUserDefinedNetwork', 'ext-400').spec).toEqual({
      namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['web'] }] },
      network: { topology: 'Localnet', localnet: { role: 'Secondary', physicalNetworkName: 'physnet-ext', ipam: { mode: 'Disabled' }, vlan: { mode: 'Access', access: { id: 400 } } } },
    });
  });

  it('web-0 keeps its instancetype, preference, dataVolumeTemplates, disks, labels, eviction strategy and userData; multihome adds NICs, networkData and placement', () => {
    const vm = named('VirtualMachine', 'web-0', 'web');
    const given = (estate.vms.find((v) => v.name === 'web-0')!.virtualMachine as any);
    expect(vm.spec.instancetype).toEqual({ kind: 'VirtualMachineClusterInstancetype', name: 'u1.medium' });
    expect(vm.spec.preference).toEqual({ kind: 'VirtualMachineClusterPreference', name: 'rhel.9' });
    expect(vm.spec.dataVolumeTemplates).toEqual(given.spec.dataVolumeTemplates);
    expect(vm.metadata.labels).toEqual({ app: 'frontend', 'app.kubernetes.io/part-of': 'estate' });
    const t = vm.spec.template.spec;
    expect(t.evictionStrategy).toBe('LiveMigrate');
    expect(t.domain.devices.disks.map((d: any) => d.name)).toEqual(['root', 'data', 'cloudinitdisk']);
    expect(t.domain.resources).toBeUndefined();
    expect(t.volumes.some((v: any) => v.containerDisk)).toBe(false);
    expect(t.nodeSelector).toEqual({ 'node-role.kubernetes.io/worker': '' });
    expect(t.networks).toEqual([
      { name: 'default', pod: {} },
      { name: 'app', multus: { networkName: 'app-200' } },
      { name: 'ext', multus: { networkName: 'ext-400' } },
    ]);
    const ci = t.volumes.find((v: any) => v.name === 'cloudinitdisk').cloudInitNoCloud;
    expect(ci.userData).toBe(given.spec.template.spec.volumes[2].cloudInitNoCloud.userData);
    const nd = YAML.parse(ci.networkData);
    expect(Object.keys(nd.ethernets)).toEqual(['default', 'app', 'ext']);
    expect(nd.ethernets.default.dhcp4).toBe(true);
    expect(nd.ethernets.ext).toEqual({ match: { macaddress: t.domain.devices.interfaces[2].macAddress }, 'set-name': 'ext', addresses: ['10.40.0.31/24'], routes: [{ to: '192.0.2.0/24', via: '10.40.0.1' }] });
  });

  it('the rendered set passes the manifest rules (what multihome check runs) with no problem', () => {
    expect(validateManifestSet(ms)).toEqual([]);
  });

  it('the golden file is what the build writes (test/fixtures/golden/estate.k8s.yaml)', () => {
    const golden = YAML.parseAllDocuments(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'golden', 'estate.k8s.yaml'), 'utf8')).map((d) => d.toJS());
    expect(golden).toEqual(JSON.parse(JSON.stringify(ms)));
  });

  it('GIVEN the same estate written with the cdk8s constructs THEN the same objects', () => {
    const app = Testing.app();
    const env = new NetworkEnvironment(app, 'estate', { platform: 'openshift', prerequisites: estate.prerequisites, namespaces: estate.namespaces, warn: () => undefined });
    const [cg, sg] = estate.nodeGroups;
    const compute = new NodeGroup(env, 'compute', { nodeSelector: cg.nodeSelector, nodes: cg.nodes, maxUnavailable: cg.maxUnavailable });
    const storage = new NodeGroup(env, 'storage', { nodeSelector: sg.nodeSelector, nodes: sg.nodes, maxUnavailable: sg.maxUnavailable });
    const [b] = estate.uplinks;
    const bond0 = new BondedUplink(env, 'bond0', { nodeGroup: compute, interface: 'bond0', mtu: 9000, ...b.bond! });
    bond0.addVlan(500, { ipv4: { pool: '10.50.0.0/24', start: '10.50.0.11' } });
    const ens3f0 = new Uplink(env, 'ens3f0', { nodeGroup: storage, interface: 'ens3f0', mtu: 9000 });
    ens3f0.addVlan(500, { ipv4: { perNode: { 'storage-0': '10.50.0.101/24', 'storage-1': '10.50.0.102/24' } } });
    const app200 = new VlanBridgeNetwork(env, 'app-200', { uplink: bond0, pattern: 'vlan-bridge', vlan: 200, namespaces: ['db', 'web'], subnets: ['10.20.0.0/24'] });
    const ext = new VlanBridgeNetwork(env, 'ext-400', {
      nodeGroup: compute, pattern: 'ovn-localnet', bridge: 'br-ex', existingBridge: true, physicalNetworkName: 'physnet-ext', vlan: 400, namespaces: ['web'], subnets: ['10.40.0.0/24'],
    });
    for (const v of estate.vms) {
      const vm = new MultihomedVM(env, v.name, { namespace: v.namespace, virtualMachine: v.virtualMachine });
      for (const a of v.attachments) ({ 'app-200': app200, 'ext-400': ext } as Record<string, VlanBridgeNetwork>)[a.network].attach(vm, { ...a, network: undefined } as any);
    }
    expect(env.problems()).toEqual([]);
    expect(Testing.synth(env)).toEqual(JSON.parse(JSON.stringify(ms)));
  });
});
