/**
 * Issue 13 §4 (trial report B14 and the pod NIC): a guest NIC's name, MAC and networkData entry
 * never change because another NIC was removed; the pod NIC stays configured once networkData
 * exists; NADs that request a bridge resource nothing publishes are reported.
 */
import * as YAML from 'yaml';
import { buildEnvironment } from '../../../lib/core/topology/build';
import { defaultGuestName } from '../../../lib/core/topology/guest-name';
import { AttachmentSpec, Topology } from '../../../lib/core/topology/model';
import { baseTopology } from './intent-cases';

const base = baseTopology();

/** The trial's db-1 shape: four NICs on one network (decommission.ts drops v302 from db-1). */
const NICS: readonly AttachmentSpec[] = [
  { network: 'vlan100', name: 'v300', ipv4: ['10.100.0.10/24'] },
  { network: 'vlan100', name: 'v301', ipv4: ['10.100.0.11/24'] },
  { network: 'vlan100', name: 'v302', ipv4: ['10.100.0.12/24'] },
  { network: 'vlan100', name: 'ln400', ipv4: ['10.100.0.13/24'] },
];

const withNics = (attachments: readonly AttachmentSpec[], vm: Partial<Topology['vms'][number]> = {}): Topology => ({
  ...base,
  vms: [{ ...base.vms[0], ...vm, attachments }],
});

/** The rendered VM's NICs: interface name → { mac, guest name, networkData entry }. */
function nicsOf(t: Topology) {
  const b = buildEnvironment(t);
  expect(b.errors).toEqual([]);
  const vm: any = b.manifests.find((m) => m.manifest.kind === 'VirtualMachine')!.manifest;
  const spec = vm.spec.template.spec;
  const nd = YAML.parse(spec.volumes.find((v: any) => v.name === 'cloudinitdisk').cloudInitNoCloud.networkData);
  const out: Record<string, { mac: string; entry: unknown; id: string }> = {};
  for (const i of spec.domain.devices.interfaces) {
    const id = Object.keys(nd.ethernets).find((k) => nd.ethernets[k].match.macaddress === i.macAddress)!;
    out[i.name] = { mac: i.macAddress, id, entry: nd.ethernets[id] };
  }
  return { out, interfaces: spec.domain.devices.interfaces, ethernets: nd.ethernets };
}

describe('B14: guest NIC names never shift', () => {
  it('GIVEN four NICs without guestName THEN each guest name is its interface name, not eth<N>', () => {
    const { ethernets } = nicsOf(withNics(NICS));
    expect(Object.keys(ethernets)).toEqual(['default', 'v300', 'v301', 'v302', 'ln400']);
    expect(['v300', 'v301', 'v302', 'ln400'].map((k) => ethernets[k]['set-name'])).toEqual(['v300', 'v301', 'v302', 'ln400']);
  });

  it.each(NICS.map((n, i) => [n.name!, i] as const))('GIVEN NIC %s removed THEN every other NIC keeps its MAC, guest name and networkData entry', (_name, drop) => {
    const before = nicsOf(withNics(NICS)).out;
    const after = nicsOf(withNics(NICS.filter((_n, i) => i !== drop))).out;
    for (const [iface, nic] of Object.entries(after)) expect({ iface, ...nic }).toEqual({ iface, ...before[iface] });
    expect(Object.keys(after)).toEqual(Object.keys(before).filter((k) => k !== NICS[drop].name));
  });

  it('GIVEN NICs removed one by one down to one THEN the last NIC never changed', () => {
    const first = nicsOf(withNics(NICS)).out.ln400;
    for (let n = 1; n < NICS.length; n++) expect(nicsOf(withNics(NICS.slice(n))).out.ln400).toEqual(first);
  });

  it('GIVEN an interface name Linux refuses (over 15 bytes) THEN a 15-byte name from its start and a hash, stable and distinct', () => {
    expect(defaultGuestName('storage-network-a')).toBe('storage-ne-' + defaultGuestName('storage-network-a').slice(-4));
    expect(defaultGuestName('storage-network-a')).toHaveLength(15);
    expect(defaultGuestName('storage-network-a')).not.toBe(defaultGuestName('storage-network-b'));
    expect(defaultGuestName('eth1')).toBe('eth1');
    expect(defaultGuestName('a-fifteen-chars')).toBe('a-fifteen-chars');
  });

  it('GIVEN guestName eth1 (a seed pins the name the guest always used) THEN it is kept', () => {
    const { ethernets } = nicsOf(withNics([{ network: 'vlan100', ipv4: ['10.100.0.10/24'], guestName: 'eth1' }]));
    expect(ethernets.eth1['set-name']).toBe('eth1');
  });
});

describe('the pod NIC in networkData', () => {
  it('GIVEN a masquerade VM with a static secondary NIC THEN the pod NIC is matched by its pinned MAC with DHCPv4 and keeps its kernel name', () => {
    const { interfaces, ethernets } = nicsOf(withNics([NICS[0]]));
    expect(interfaces[0]).toEqual({ name: 'default', masquerade: {}, macAddress: ethernets.default.match.macaddress });
    expect(ethernets.default).toEqual({ match: { macaddress: interfaces[0].macAddress }, dhcp4: true });
  });

  it('GIVEN podNetworkIpv6 THEN the pod NIC also gets KubeVirt\'s masquerade address fd10:0:2::2/120 via fd10:0:2::1', () => {
    const { ethernets } = nicsOf(withNics([NICS[0]], { podNetworkIpv6: true }));
    expect(ethernets.default.dhcp4).toBe(true);
    expect(ethernets.default.addresses).toEqual(['fd10:0:2::2/120']);
    expect(ethernets.default.routes).toEqual([{ to: '::/0', via: 'fd10:0:2::1' }]);
  });

  it('GIVEN a VM whose NICs need no networkData THEN none is rendered and the pod NIC MAC is left to KubeVirt', () => {
    const b = buildEnvironment(withNics([{ network: 'vlan100' }]));
    const spec: any = (b.manifests.find((m) => m.manifest.kind === 'VirtualMachine')!.manifest as any).spec.template.spec;
    expect(spec.domain.devices.interfaces[0]).toEqual({ name: 'default', masquerade: {} });
    expect(spec.volumes.map((v: any) => v.name)).toEqual(['containerdisk']);
  });

  it('GIVEN podNetwork false THEN no pod entry', () => {
    const { ethernets } = nicsOf(withNics([NICS[0]], { podNetwork: false }));
    expect(Object.keys(ethernets)).toEqual(['v300']);
  });
});

describe('TOPOLOGY_BRIDGE_MARKER_MISSING', () => {
  const codes = (t: Topology) => buildEnvironment(t).problems.filter((p) => p.code === 'TOPOLOGY_BRIDGE_MARKER_MISSING').map((p) => `${p.severity} ${p.path}`);
  const bare: Topology = { ...base, prerequisites: undefined };

  it('GIVEN vanilla without CNAO linuxBridge or agent THEN a warning at the network', () => {
    expect(codes(bare)).toEqual(['warning networks[0].resourceName']);
  });
  it.each<[string, Topology]>([
    ['CNAO linuxBridge', { ...bare, prerequisites: { nmstate: false, networkAddons: { linuxBridge: true } } }],
    ['the agent on the group', { ...bare, agent: { mode: 'observe' } }],
    ['OpenShift (OpenShift Virtualization deploys bridge-marker)', { ...bare, platform: 'openshift' }],
    ['resourceName: false', { ...bare, networks: [{ ...base.networks[0], resourceName: false }] }],
  ])('GIVEN %s THEN no warning', (_what, t) => {
    expect(codes(t)).toEqual([]);
  });
  it('GIVEN the agent on another group, or not marking bridges THEN the warning stays', () => {
    const other = { ...bare, nodeGroups: [...base.nodeGroups, { name: 'infra', nodeSelector: { infra: 'true' } }] };
    expect(codes({ ...other, agent: { mode: 'observe', nodeGroups: ['infra'] } })).toEqual(['warning networks[0].resourceName']);
    expect(codes({ ...bare, agent: { mode: 'observe', markBridges: false } })).toEqual(['warning networks[0].resourceName']);
  });
});
