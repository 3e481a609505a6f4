/**
 * What `multihome import` models rather than keeps as given: the patterns of the seeds, the
 * trial's hand-written estate and multihome's own estate — networks on bridges (VLAN bridge,
 * trunk bridge, several namespaces' NADs), bonded uplinks with host VLANs and addresses, per-node
 * addresses, OVN localnets, VMs with their NICs attached — and, for what it keeps, the reason.
 * Expected values are written out by hand from the input files.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { importObjects, ImportResult } from '../../../lib/core/import/import';
import { readImportObjects } from '../../../lib/core/import/objects';

const ROOT = path.join(__dirname, '..', '..', '..');
const seed = (f: string) => path.join(ROOT, 'test', 'fixtures', 'seeds', f);
const golden = (env: string) => path.join(ROOT, 'test', 'fixtures', 'golden', `${env}.k8s.yaml`);
const TRIAL = path.join(ROOT, '..', 'shared', 'reference', 'trial-2026-12', 'env', 'existing');

function imported(paths: string[]): ImportResult {
  const input = readImportObjects(paths);
  expect(input.problems).toEqual([]);
  return importObjects('env', input.objects);
}
const keptKeys = (r: ImportResult) => r.kept.map((k) => k.key);

describe('import recognizes', () => {
  it("seed 004: the trunk bridge br0 on eth1 carrying VLAN 100, the VMs' NICs on it; the broken NAD and the NetworkAddonsConfig kept, with reasons", () => {
    const r = imported([seed('004-kubevirt-bridge-vlan100.yaml')]);
    expect(r.topology.uplinks).toEqual([{ name: 'eth1', nodeGroup: 'all-nodes', interface: 'eth1' }]);
    expect(r.topology.networks).toMatchObject([{ name: 'br0-100-l2', pattern: 'trunk-bridge', bridge: 'br0', vlan: 100, uplink: 'eth1', namespaces: ['default'], policyName: 'br0-eth1' }]);
    expect(r.topology.vms.map((v) => [v.name, v.attachments])).toEqual([
      ['vma', [{ network: 'br0-100-l2', name: 'br0-100' }]],
      ['vmb', [{ network: 'br0-100-l2', name: 'br0-100' }]],
    ]);
    expect(r.kept).toEqual([
      expect.objectContaining({ key: 'NetworkAddonsConfig/cluster', reason: expect.stringContaining('spec.nmstate is not a component') }),
      expect.objectContaining({ key: 'NetworkAttachmentDefinition/bridge-network', reason: expect.stringContaining('spec.config is not JSON') }),
    ]);
  });

  it('seed 001: a VLAN bridge on eno49.1085 for the c7000 nodes (the VM, with no memory and no run strategy, kept as given)', () => {
    const r = imported([seed('001-vlan1085-c7000.yaml')]);
    expect(r.topology.nodeGroups).toEqual([{ name: 'c7000', nodeSelector: { hardware: 'c7000' } }]);
    expect(r.topology.networks).toMatchObject([{ name: 'nad-1085', pattern: 'vlan-bridge', vlan: 1085, bridge: 'bridge-1085', uplink: 'eno49', plugin: 'cnv-bridge' }]);
    expect(keptKeys(r)).toEqual(['VirtualMachine/vms/pxe-vm']);
    expect(r.kept[0].reason).toContain('spec.runStrategy added');
  });

  it('seed 002 (its typos fixed): the active-backup bond with host VLANs 144 and 145 and their addresses, and the static address on eth1, as uplinks', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mh-seed002-'));
    const file = path.join(dir, 'seed-002.yaml');
    fs.writeFileSync(file, fs.readFileSync(seed('002-nmstate-bond-vlan.yaml'), 'utf8').replace(/^(\s*)-(name|ip):/gm, '$1- $2:'));
    const r = imported([file]);
    fs.rmSync(dir, { recursive: true });
    const bond = r.topology.uplinks.find((u) => u.interface === 'bond0');
    expect(bond).toMatchObject({
      policyName: 'bond-vlan30',
      bond: { mode: 'active-backup', ports: ['ens161', 'ens256'] },
      ipv4: ['172.39.0.30/16'],
      vlans: [
        { id: 144, ipv4: ['172.144.185.30/16'] },
        { id: 145, ipv4: ['172.145.185.30/16'] },
      ],
    });
    expect(r.topology.uplinks.find((u) => u.interface === 'eth1')).toMatchObject({ policyName: 'static-ip', ipv4: ['10.244.0.2/24'] });
    expect(r.modeled.find((m) => m.key === 'NodeNetworkConfigurationPolicy/vlan')?.as).toMatch(/^host policy vlan/);
    expect(r.additions.find((a) => a.id === 'bondMiimon')?.objects).toEqual(['NodeNetworkConfigurationPolicy/bond-vlan30']);
  });

  it("the trial's hand-written estate: the LACP bond as a bonded uplink, VLAN 200's bridge as a network on it, the VM's NIC attached — nothing kept", () => {
    const r = imported([TRIAL]);
    expect(r.kept).toEqual([]);
    expect(r.topology.uplinks).toEqual([
      { name: 'bond0', nodeGroup: 'worker', interface: 'bond0', mtu: 9000, bond: { mode: '802.3ad', ports: ['ens1f0', 'ens1f1'], options: { miimon: '100', lacp_rate: 'fast' } }, policyName: 'bond0-lacp' },
    ]);
    expect(r.topology.networks).toMatchObject([{ name: 'vlan200', pattern: 'vlan-bridge', vlan: 200, bridge: 'br200', uplink: 'bond0', namespaces: ['team-a'] }]);
    expect(r.topology.vms[0].attachments.map((a) => a.network)).toEqual(['vlan200']);
  });

  it("multihome's estate output: bonded uplink with per-node storage addresses, a network in two namespaces, the OVN localnet on br-ex; only the agent's objects kept", () => {
    const r = imported([golden('estate')]);
    expect(r.topology.nodeGroups).toEqual([
      { name: 'worker', nodeSelector: { 'node-role.kubernetes.io/worker': '' }, maxUnavailable: 1, nodes: ['compute-0', 'compute-1', 'compute-2'] },
      { name: 'storage', nodeSelector: { 'node-role.kubernetes.io/storage': '' }, maxUnavailable: 1, nodes: ['storage-0', 'storage-1'] },
    ]);
    const bond0 = r.topology.uplinks.find((u) => u.name === 'bond0');
    expect(bond0?.vlans).toEqual([{ id: 500, ipv4: { perNode: { 'compute-0': '10.50.0.11/24', 'compute-1': '10.50.0.12/24', 'compute-2': '10.50.0.13/24' } } }]);
    expect(bond0?.bond).toEqual({ mode: '802.3ad', ports: ['ens1f0', 'ens1f1'], miimon: 100, options: { lacp_rate: 'fast', xmit_hash_policy: 'layer3+4' } });
    expect(r.topology.networks.map((n) => [n.name, n.pattern, n.namespaces])).toEqual([
      ['ext-400', 'ovn-localnet', ['web']],
      ['app-200', 'vlan-bridge', ['db', 'web']],
    ]);
    expect(r.kept.every((k) => k.reason.startsWith("the multihome node agent's object"))).toBe(true);
    expect(r.modeled.filter((m) => m.key.startsWith('NodeNetworkConfigurationPolicy/')).every((m) => !m.as.startsWith('host policy'))).toBe(true);
  });

  it('a hand-written Localnet ClusterUserDefinedNetwork on an OVS bridge\'s mapping: one ovn-localnet network written as a CUDN; a CUDN selecting by other labels kept, with the reason', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'multihome-cudn-'));
    const file = path.join(dir, 'cudn.yaml');
    fs.writeFileSync(file, `apiVersion: nmstate.io/v1
kind: NodeNetworkConfigurationPolicy
metadata:
  name: ovs-br1-workers
spec:
  nodeSelector:
    node-role.kubernetes.io/worker: ""
  desiredState:
    interfaces:
      - name: ovs-br1
        type: ovs-bridge
        state: up
        bridge:
          options:
            stp: false
          port:
            - name: ens2f0
    ovn:
      bridge-mappings:
        - localnet: physnet100
          bridge: ovs-br1
---
apiVersion: k8s.ovn.org/v1
kind: ClusterUserDefinedNetwork
metadata:
  name: tenant-100
spec:
  namespaceSelector:
    matchExpressions:
      - key: kubernetes.io/metadata.name
        operator: In
        values: [team-a, team-b]
  network:
    topology: Localnet
    localnet:
      role: Secondary
      physicalNetworkName: physnet100
      subnets: [10.100.0.0/24]
      ipam:
        lifecycle: Persistent
      vlan:
        mode: Access
        access:
          id: 100
---
apiVersion: k8s.ovn.org/v1
kind: ClusterUserDefinedNetwork
metadata:
  name: by-label
spec:
  namespaceSelector:
    matchLabels:
      tenant: blue
  network:
    topology: Localnet
    localnet:
      role: Secondary
      physicalNetworkName: physnet100
      ipam:
        mode: Disabled
`);
    const r = imported([file]);
    expect(r.topology.networks).toMatchObject([
      { name: 'tenant-100', pattern: 'ovn-localnet', localnetAs: 'cudn', physicalNetworkName: 'physnet100', vlan: 100, ovnIpam: true, subnets: ['10.100.0.0/24'], namespaces: ['team-a', 'team-b'], bridge: 'ovs-br1' },
    ]);
    expect(r.kept).toEqual([expect.objectContaining({ key: 'ClusterUserDefinedNetwork/by-label', reason: expect.stringContaining('kubernetes.io/metadata.name In') })]);
  });

  it('seed 000: the br1 bridge on ens4 with DHCP, its NAD with "vlan": 0 and no config name as an untagged bridge network (issue 19: VLAN 0 is no VLAN)', () => {
    const r = imported([seed('000-openshift-br1.yaml')]);
    expect(r.topology.networks).toEqual([
      { name: 'br1-bridge-network', namespaces: ['default'], policyName: 'br1-policy', resourceName: false, plugin: 'cnv-bridge', cniVersion: '0.3.1', macspoofchk: true, bridge: 'br1', bridgeIp: { dhcp4: true }, pattern: 'bridge', uplink: 'ens4' },
    ]);
    // the VM names neither memory nor a run strategy: kept as given, not given defaults
    expect(keptKeys(r)).toEqual(['VirtualMachine/vm-fedora']);
  });

  it("multihome's prod output: one NAD name in three namespaces is one network", () => {
    const r = imported([golden('prod')]);
    expect(r.topology.networks.find((n) => n.name === 'nad-1085')?.namespaces).toEqual(['infra', 'pxe', 'vms']);
  });
});
