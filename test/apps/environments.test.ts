import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { lab } from '../../apps/environments/lab';
import { prod, VLAN1085_NAMESPACES } from '../../apps/environments/prod';
import { Manifest } from '../../lib/core/manifest';
import { loadDocuments } from '../../lib/core/source/documents';
import { renderTopology } from '../../lib/core/topology/render';
import { validateEnvironment } from '../../lib/core/topology/validate-environment';
import { inFreshProcess } from '../support/child';

const SEEDS = path.join(__dirname, '..', 'fixtures', 'seeds');
/** Seed documents read the way `multihome check` reads them (go-yaml leniency included); broken documents dropped. */
const seedDocs = (file: string): any[] =>
  loadDocuments(file, fs.readFileSync(path.join(SEEDS, file), 'utf8'))
    .documents.filter((d) => !d.empty && d.value !== undefined)
    .map((d) => d.value);

const find = (ms: Manifest[], kind: string, name: string, namespace?: string): any => {
  const m = ms.find((x) => x.kind === kind && x.metadata.name === name && (namespace === undefined || x.metadata.namespace === namespace));
  if (!m) throw new Error(`${kind}/${namespace ?? ''}/${name} not rendered; have ${ms.map((x) => `${x.kind}/${x.metadata.name}`).join(', ')}`);
  return m;
};
const iface = (nncp: any, name: string) => nncp.spec.desiredState.interfaces.find((i: any) => i.name === name);
const config = (nad: any) => JSON.parse(nad.spec.config);
const vmSpec = (vm: any) => vm.spec.template.spec;

describe('lab environment reproduces seed 004', () => {
  const ms = renderTopology(lab);
  const seed = seedDocs('004-kubevirt-bridge-vlan100.yaml');

  it('renders prerequisites (operators, then the observing agent), the br0-eth1 policy, the br0-100-l2 NAD and both VMs, in apply order', () => {
    expect(ms.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual([
      'NMState/nmstate',
      'NetworkAddonsConfig/cluster',
      'Namespace/multihome-system',
      'ServiceAccount/multihome-agent',
      'ClusterRole/multihome-agent',
      'ValidatingAdmissionPolicy/multihome-agent-own-node',
      'ValidatingAdmissionPolicyBinding/multihome-agent-own-node',
      'ClusterRoleBinding/multihome-agent',
      'ConfigMap/multihome-agent-nodes',
      'DaemonSet/multihome-agent-nodes',
      'NodeNetworkConfigurationPolicy/br0-eth1',
      'NetworkAttachmentDefinition/br0-100-l2',
      'VirtualMachine/vma',
      'VirtualMachine/vmb',
    ]);
    expect(ms.map((m) => m.metadata.annotations?.['argocd.argoproj.io/sync-wave'])).toEqual(['-20', '-20', '-20', '-20', '-20', '-20', '-20', '-20', '-20', '-20', '-10', '-5', '0', '0']);
    expect(find(ms, 'DaemonSet', 'multihome-agent-nodes').spec.template.spec.containers[0].args).toContain('observe');
  });

  it('NetworkAddonsConfig has the components of the seed that the CNAO CRD still has (not nmstate: the NMState CR installs it)', () => {
    const { nmstate, ...want } = seed.find((d) => d.kind === 'NetworkAddonsConfig').spec;
    expect(nmstate).toEqual({});
    expect(find(ms, 'NetworkAddonsConfig', 'cluster').spec).toEqual(want);
  });

  it('br0 is the seed bridge on eth1, plus the trunk port the seed forgot (VLAN 100 isolated)', () => {
    const want = seed.find((d) => d.kind === 'NodeNetworkConfigurationPolicy');
    const got = find(ms, 'NodeNetworkConfigurationPolicy', 'br0-eth1');
    const br0 = iface(got, 'br0');
    const wantBr0 = want.spec.desiredState.interfaces[0];
    expect(br0.type).toBe(wantBr0.type);
    expect(br0.state).toBe(wantBr0.state);
    expect(br0.description).toBe(wantBr0.description);
    expect(br0.bridge.options).toEqual(wantBr0.bridge.options);
    expect(br0.bridge.port.map((p: any) => p.name)).toEqual(['eth1']);
    expect(br0.bridge.port[0].vlan).toEqual({ mode: 'trunk', 'trunk-tags': [{ id: 100 }] });
    expect(got.spec.nodeSelector).toBeUndefined();
  });

  it('NAD br0-100-l2 carries the seed config (bridge br0, VLAN 100, tuning) plus macspoofchk and resourceName', () => {
    const want = seed.find((d) => d.kind === 'NetworkAttachmentDefinition' && d.metadata.name === 'br0-100-l2');
    const got = find(ms, 'NetworkAttachmentDefinition', 'br0-100-l2', 'default');
    expect(got.metadata.annotations['k8s.v1.cni.cncf.io/resourceName']).toBe(want.metadata.annotations['k8s.v1.cni.cncf.io/resourceName']);
    const w = JSON.parse(want.spec.config);
    const g = config(got);
    expect(g.cniVersion).toBe(w.cniVersion);
    expect(g.name).toBe(w.name);
    expect(g.plugins.map((p: any) => p.type)).toEqual(w.plugins.map((p: any) => p.type));
    expect(g.plugins[0]).toMatchObject(w.plugins[0]);
    expect(g.plugins[0].macspoofchk).toBe(true);
  });

  // Golden MACs, from `npx cdk8s synth` (dist/lab/lab.k8s.yaml) of 2026-12: a VM's MAC must not
  // move when the allocator or the renderer is refactored (DHCP leases, port security, cloud-init).
  it.each([
    ['vma', 'node01', '10.200.0.1/24', '02:b1:9c:1c:55:68'],
    ['vmb', 'node02', '10.200.0.2/24', '02:02:fe:7d:57:4a'],
  ])('VM %s is pinned to %s, has the seed NICs, the MAC it always had and cloud-init matching it with %s', (name, _node, address, golden) => {
    const want = vmSpec(seed.find((d) => d.kind === 'VirtualMachine' && d.metadata.name === name));
    const got = vmSpec(find(ms, 'VirtualMachine', name, 'default'));
    expect(got.nodeSelector).toEqual(want.nodeSelector);
    expect(got.networks).toEqual(want.networks);
    expect(got.domain.devices.interfaces.map((i: any) => ({ ...i, macAddress: undefined }))).toEqual(
      want.domain.devices.interfaces.map((i: any) => ({ ...i, macAddress: undefined })),
    );
    const mac = got.domain.devices.interfaces[1].macAddress;
    expect(mac).toBe(golden);
    const ci = got.volumes.find((v: any) => v.cloudInitNoCloud).cloudInitNoCloud;
    const nd = YAML.parse(ci.networkData);
    expect(nd.version).toBe(2);
    const eth1 = nd.ethernets.eth1;
    expect(eth1.match.macaddress).toBe(mac);
    expect(eth1['set-name']).toBe('eth1');
    expect(eth1.addresses).toEqual([address]);
    const wantCi = want.volumes.find((v: any) => v.cloudInitNoCloud).cloudInitNoCloud;
    expect(ci.userData).toBe(wantCi.userData);
    expect(got.domain.resources.requests.memory).toBe(want.domain.resources.requests.memory);
    // the seed's image, pinned to a release tag (untagged is :latest)
    expect(got.volumes.find((v: any) => v.containerDisk).containerDisk.image).toBe(`${want.volumes.find((v: any) => v.containerDisk).containerDisk.image}:v0.36.4`);
  });

  it('gives the two VMs different MACs and renders byte-identical output twice in one process', () => {
    const macs = ['vma', 'vmb'].map((n) => vmSpec(find(ms, 'VirtualMachine', n)).domain.devices.interfaces[1].macAddress);
    expect(new Set(macs).size).toBe(2);
    expect(JSON.stringify(renderTopology(lab))).toBe(JSON.stringify(ms));
  });

  it('renders the same bytes in a fresh node process', () => {
    const child = inFreshProcess<string>(`
      const { lab } = require('./apps/environments/lab');
      const { renderTopology } = require('./lib/core');
      out(JSON.stringify(renderTopology(lab)));
    `);
    expect(child.length).toBeGreaterThan(1000);
    expect(child).toBe(JSON.stringify(ms));
  });

  it('validates without errors', () => {
    expect(validateEnvironment(lab, ms).filter((p) => p.severity === 'error')).toEqual([]);
  });
});

describe('prod environment reproduces seeds 000–002', () => {
  const ms = renderTopology(prod);

  it('seed 000: br1-policy puts br1 (DHCP) on ens4 of the workers; NAD br1-bridge-network is cnv-bridge with macspoofchk', () => {
    const want = seedDocs('000-openshift-br1.yaml');
    const wantP = want.find((d) => d.kind === 'NodeNetworkConfigurationPolicy');
    const got = find(ms, 'NodeNetworkConfigurationPolicy', 'br1-policy');
    expect(got.spec.nodeSelector).toEqual(wantP.spec.nodeSelector);
    const br1 = iface(got, 'br1');
    const wantBr1 = wantP.spec.desiredState.interfaces[0];
    expect(br1.ipv4).toEqual(wantBr1.ipv4);
    expect(br1.bridge.options).toEqual(wantBr1.bridge.options);
    expect(br1.bridge.port).toEqual(wantBr1.bridge.port);
    const nad = find(ms, 'NetworkAttachmentDefinition', 'br1-bridge-network', 'vms');
    const c = config(nad);
    expect({ type: c.type, bridge: c.bridge, macspoofchk: c.macspoofchk, cniVersion: c.cniVersion }).toEqual({ type: 'cnv-bridge', bridge: 'br1', macspoofchk: true, cniVersion: '0.3.1' });
    expect(c.vlan).toBeUndefined();
    expect(nad.metadata.annotations['k8s.v1.cni.cncf.io/resourceName']).toBe('bridge.network.kubevirt.io/br1');
    const vm = vmSpec(find(ms, 'VirtualMachine', 'vm-fedora', 'vms'));
    const wantVm = vmSpec(want.find((d) => d.kind === 'VirtualMachine'));
    expect(vm.networks).toEqual(wantVm.networks);
    expect(vm.domain.devices.interfaces.map((i: any) => ({ name: i.name, masquerade: i.masquerade, bridge: i.bridge }))).toEqual(
      wantVm.domain.devices.interfaces.map((i: any) => ({ name: i.name, masquerade: i.masquerade, bridge: i.bridge })),
    );
  });

  it('seed 001: eno49 → eno49.1085 → bridge-1085 on c7000 nodes; nad-1085 in every namespace', () => {
    const want = seedDocs('001-vlan1085-c7000.yaml');
    const wantP = want.find((d) => d.kind === 'NodeNetworkConfigurationPolicy');
    const got = find(ms, 'NodeNetworkConfigurationPolicy', 'vlan-1085-policy-c7000');
    expect(got.spec.nodeSelector).toEqual(wantP.spec.nodeSelector);
    expect(got.spec.desiredState.interfaces.map((i: any) => i.name)).toEqual(wantP.spec.desiredState.interfaces.map((i: any) => i.name));
    for (const w of wantP.spec.desiredState.interfaces) expect(iface(got, w.name)).toMatchObject(w);
    const wantNad = JSON.parse(want.find((d) => d.kind === 'NetworkAttachmentDefinition').spec.config);
    for (const ns of VLAN1085_NAMESPACES) expect(config(find(ms, 'NetworkAttachmentDefinition', 'nad-1085', ns))).toMatchObject(wantNad);
    const vm = vmSpec(find(ms, 'VirtualMachine', 'pxe-vm', 'vms'));
    expect(vm.networks).toEqual(vmSpec(want.find((d) => d.kind === 'VirtualMachine')).networks);
    expect(vm.nodeSelector).toEqual({ hardware: 'c7000' });
  });

  it('seed 002: NMState CR, static-ip on node02, eth1.102 everywhere, bond-vlan30 with VLANs 144/145 dual-stack', () => {
    expect(find(ms, 'NMState', 'nmstate').metadata.name).toBe('nmstate');
    const staticIp = find(ms, 'NodeNetworkConfigurationPolicy', 'static-ip');
    expect(staticIp.spec.nodeSelector).toEqual({ 'kubernetes.io/hostname': 'node02' });
    expect(iface(staticIp, 'eth1')).toEqual({ name: 'eth1', type: 'ethernet', state: 'up', ipv4: { address: [{ ip: '10.244.0.2', 'prefix-length': 24 }], dhcp: false, enabled: true } });
    const vlan = find(ms, 'NodeNetworkConfigurationPolicy', 'vlan');
    expect(vlan.spec.nodeSelector).toBeUndefined();
    expect(iface(vlan, 'eth1.102')).toMatchObject({ type: 'vlan', vlan: { id: 102, 'base-iface': 'eth1' }, ipv4: { dhcp: true, enabled: true } });
    const bond = find(ms, 'NodeNetworkConfigurationPolicy', 'bond-vlan30');
    expect(bond.spec.nodeSelector).toEqual({ 'kubernetes.io/hostname': '10-6-185-30' });
    const bond0 = iface(bond, 'bond0');
    expect(bond0['link-aggregation']).toMatchObject({ mode: 'active-backup', port: ['ens161', 'ens256'] });
    expect(bond0.ipv4).toEqual({ enabled: true, dhcp: false, address: [{ ip: '172.39.0.30', 'prefix-length': 16 }] });
    expect(bond0.ipv6).toEqual({ enabled: true, address: [{ ip: 'fc00:172:39::30', 'prefix-length': 64 }] });
    for (const [id, v4, v6] of [
      [144, '172.144.185.30', 'fd00:144::172:144:185:30'],
      [145, '172.145.185.30', 'fd00:145::172:144:185:30'],
    ] as const) {
      const v = iface(bond, `bond0.${id}`);
      expect(v.vlan).toEqual({ 'base-iface': 'bond0', id });
      expect(v.ipv4.address).toEqual([{ ip: v4, 'prefix-length': 16 }]);
      expect(v.ipv6.address).toEqual([{ ip: v6, 'prefix-length': 64 }]);
    }
  });

  it.each([
    // Golden MACs, from `npx cdk8s synth` (dist/prod/prod.k8s.yaml) of 2026-12.
    ['vm-fedora', 'secondary_nic', '02:39:02:2c:0c:1d', 'eth1'],
    ['pxe-vm', 'nic-pxe1', '02:c9:3f:98:f9:4b', 'eth0'],
  ])('VM %s keeps the MAC of %s (%s) in its spec and in its cloud-init match for %s', (name, nic, golden, guestIf) => {
    const vm = vmSpec(find(ms, 'VirtualMachine', name, 'vms'));
    expect(vm.domain.devices.interfaces.find((i: any) => i.name === nic).macAddress).toBe(golden);
    const nd = YAML.parse(vm.volumes.find((v: any) => v.cloudInitNoCloud).cloudInitNoCloud.networkData);
    expect(nd.ethernets[guestIf].match.macaddress).toBe(golden);
  });

  it('validates without errors', () => {
    expect(validateEnvironment(prod, ms).filter((p) => p.severity === 'error')).toEqual([]);
  });
});
