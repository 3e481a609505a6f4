/**
 * Issue 12 §1 (trial report B2, B3, B15): the build never throws on malformed or wrong input,
 * each mistake is one problem at the prop, and the constructs edit only their own VM.
 */
import { Testing } from 'cdk8s';
import { MultihomedVM, NetworkEnvironment, NodeGroup, BondedUplink, VlanBridgeNetwork } from '../../../lib/cdk8s';
import { buildEnvironment } from '../../../lib/core/topology/build';
import { Topology } from '../../../lib/core/topology/model';
import { baseTopology } from './intent-cases';

const base = baseTopology();
const vm0 = base.vms[0];
const codesAt = (t: Topology, prefix = ''): string[] =>
  buildEnvironment(t)
    .problems.filter((p) => p.code.startsWith(prefix))
    .map((p) => `${p.code} ${p.resource.kind} ${p.path}`)
    .sort();

describe('shape gate', () => {
  it.each([
    ['an address string instead of a list', { ...vm0, attachments: [{ network: 'vlan100', ipv4: '10.0.0.1/24' }] }, 'vms[0].attachments[0].ipv4'],
    ['attachments as a mapping', { ...vm0, attachments: {} }, 'vms[0].attachments'],
    ['a misspelled key', { ...vm0, attachments: [{ network: 'vlan100', ipv4: ['10.100.0.10/24'], gatway4: '10.100.0.1' }] }, 'vms[0].attachments[0].gatway4'],
  ])('GIVEN %s THEN no throw, TOPOLOGY_SHAPE at its path and nothing rendered', (_what, vm, path) => {
    const t = { ...base, vms: [vm] } as unknown as Topology;
    const b = buildEnvironment(t);
    expect(b.manifests).toEqual([]);
    expect(b.errors.map((p) => `${p.code} ${p.resource.kind} ${p.path}`)).toEqual([`TOPOLOGY_SHAPE Environment ${path}`]);
    expect(b.originOf(b.errors[0])).toEqual({ kind: 'vm', name: 'vms/vm1' });
  });

  it('GIVEN a valid topology THEN no TOPOLOGY_SHAPE and the same manifests as before the gate', () => {
    const b = buildEnvironment(base);
    expect(b.problems).toEqual([]);
    expect(b.manifests.length).toBeGreaterThan(0);
  });
});

describe('B2: addresses at the prop, one problem each, every VM at once', () => {
  it('GIVEN 10.20.0.300/24 on one VM and a prefix-less address on another THEN two TOPOLOGY_ADDRESS_INVALID at the props and no networkData problem', () => {
    const t: Topology = {
      ...base,
      vms: [
        { ...vm0, attachments: [{ network: 'vlan100', ipv4: ['10.100.0.300/24'] }] },
        { ...vm0, name: 'vm2', attachments: [{ network: 'vlan100', ipv4: ['10.100.0.12'] }] },
      ],
    };
    const b = buildEnvironment(t);
    expect(b.problems.map((p) => `${p.code} ${p.resource.kind} ${p.path}`)).toEqual([
      'TOPOLOGY_ADDRESS_INVALID Environment vms[0].attachments[0].ipv4[0]',
      'TOPOLOGY_ADDRESS_INVALID Environment vms[1].attachments[0].ipv4[0]',
    ]);
    // both VMs still render, without networkData
    const vms = b.manifests.filter((m) => m.manifest.kind === 'VirtualMachine');
    expect(vms).toHaveLength(2);
    expect(JSON.stringify(vms.map((m) => m.manifest))).not.toContain('networkData');
  });

  it.each([
    ['an IPv4 gateway in gateway6', { gateway6: '10.100.0.1' }, 'vms[0].attachments[0].gateway6'],
    ['a route next hop with a prefix', { routes: [{ to: '10.30.0.0/16', via: '10.100.0.1/24' }] }, 'vms[0].attachments[0].routes[0].via'],
    ['a route destination without prefix', { routes: [{ to: '10.30.0.0', via: '10.100.0.1' }] }, 'vms[0].attachments[0].routes[0].to'],
    ['a nameserver that is no address', { nameservers: ['dns.example.com'] }, 'vms[0].attachments[0].nameservers[0]'],
  ])('GIVEN %s THEN TOPOLOGY_ADDRESS_INVALID there', (_what, extra, path) => {
    const t: Topology = { ...base, vms: [{ ...vm0, attachments: [{ network: 'vlan100', ipv4: ['10.100.0.10/24'], ...extra }] }] };
    expect(codesAt(t)).toEqual([`TOPOLOGY_ADDRESS_INVALID Environment ${path}`]);
  });

  it('GIVEN bad host addresses on an uplink, its VLAN and a bridgeIp THEN each at its prop', () => {
    const t: Topology = {
      ...base,
      uplinks: [{ name: 'eth1', nodeGroup: 'workers', interface: 'eth1', ipv4: ['10.0.0.1'], vlans: [{ id: 7, ipv6: ['10.7.0.1/24'] }] }],
      networks: [{ ...base.networks[0], bridgeIp: { ipv4: ['300.1.1.1/24'] } }],
    };
    expect(codesAt(t, 'TOPOLOGY_ADDRESS')).toEqual([
      'TOPOLOGY_ADDRESS_INVALID Environment networks[0].bridgeIp.ipv4[0]',
      'TOPOLOGY_ADDRESS_INVALID Environment uplinks[0].ipv4[0]',
      'TOPOLOGY_ADDRESS_INVALID Environment uplinks[0].vlans[0].ipv6[0]',
    ]);
  });

  it('GIVEN a gateway inside the subnet, and an IPv6 link-local gateway THEN no gateway problem', () => {
    const t: Topology = { ...base, vms: [{ ...vm0, attachments: [{ network: 'vlan100', ipv4: ['10.100.0.10/24'], gateway4: '10.100.0.1', ipv6: ['fd00::10/64'], gateway6: 'fe80::1' }] }] };
    expect(codesAt(t, 'TOPOLOGY_GATEWAY')).toEqual([]);
  });
});

describe('B3: duplicate NIC names and duplicate VMs', () => {
  it('GIVEN two attachments named v200 on one VM THEN TOPOLOGY_DUPLICATE_NAME at the second name and no MAC/networkData error', () => {
    const t: Topology = { ...base, vms: [{ ...vm0, attachments: [{ network: 'vlan100', name: 'v200', ipv4: ['10.100.0.10/24'] }, { network: 'vlan100', name: 'v200', ipv4: ['10.100.0.19/24'] }] }] };
    const codes = buildEnvironment(t).problems.map((p) => `${p.code} ${p.path}`);
    expect(codes).toContain('TOPOLOGY_DUPLICATE_NAME vms[0].attachments[1].name');
    expect(codes.filter((c) => /MAC|NETWORK_DATA|KUBEVIRT_DUPLICATE/.test(c))).toEqual([]);
  });

  it('GIVEN a second MultihomedVM with the same namespace/name THEN attach() on it leaves the first unchanged and both are reported', () => {
    const chart = Testing.chart();
    const env = new NetworkEnvironment(chart, 'm', { warn: () => undefined });
    const workers = new NodeGroup(env, 'workers', { nodeSelector: { 'node-role.kubernetes.io/worker': '' } });
    const bond0 = new BondedUplink(env, 'bond0', { nodeGroup: workers, interface: 'bond0', mode: '802.3ad', ports: ['ens1f0', 'ens1f1'] });
    const net = new VlanBridgeNetwork(env, 'vlan200', { uplink: bond0, pattern: 'vlan-bridge', vlan: 200, bridge: 'br200', namespaces: ['team-a'], subnets: ['10.20.0.0/24'] });
    const first = new MultihomedVM(env, 'web-1', { namespace: 'team-a' });
    net.attach(first, { name: 'v200', ipv4: ['10.20.0.11/24'] });
    const second = new MultihomedVM(env, 'web-1-again', { name: 'web-1', namespace: 'team-a' });
    net.attach(second, { name: 'v200', ipv4: ['10.20.0.22/24'] });
    const vms = env.topology.topology().vms;
    expect(vms.map((v) => v.attachments.map((a) => a.ipv4))).toEqual([[['10.20.0.11/24']], [['10.20.0.22/24']]]);
    // in construct terms: the second construct, its prop, and both construct paths in the message
    const dup = env.problems().find((p) => p.code === 'TOPOLOGY_DUPLICATE_NAME')!;
    expect([dup.resource.constructPath, dup.path]).toEqual(['test/m/web-1-again', 'name']);
    expect(dup.message).toContain('m/web-1');
    expect(dup.message).toContain('m/web-1-again');
    expect(dup.fix).toContain("in code: new MultihomedVM(env, 'web-1-again', { name: ... })");
    // the second VirtualMachine of that name is the duplicate declaration, not a second mistake
    expect(env.problems().map((p) => p.code)).not.toContain('TOPOLOGY_DUPLICATE_RESOURCE');
  });
});

describe('B15: names the renderer emits', () => {
  it('GIVEN a VM namespace Team_A THEN TOPOLOGY_NAME_INVALID at vms[0].namespace and no second, manifest-level problem', () => {
    const t: Topology = { ...base, networks: [{ ...base.networks[0], namespaces: ['vms', 'Team_A'] }], vms: [{ ...vm0, namespace: 'Team_A' }] };
    expect(codesAt(t).filter((c) => !c.startsWith('TOPOLOGY_NAD_NOT_FOUND'))).toEqual([
      'TOPOLOGY_NAME_INVALID Environment networks[0].namespaces[1]',
      'TOPOLOGY_NAME_INVALID Environment vms[0].namespace',
    ]);
  });
});
