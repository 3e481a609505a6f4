/**
 * The semantic diff, one pair of outputs per class: syntheses of the example environments
 * (apps/environments: lab = seed 004, prod = seeds 000–002, estate) and the seed documents,
 * each changed the way a user would change them. Every expectation is written by hand.
 */
import * as path from 'path';
import { readObjects } from '../../../lib/core/source/object-reader';
import { Change, diffManifests, DiffOptions, formatChange } from '../../../lib/core/diff';
import { Manifest } from '../../../lib/core/manifest';
import { Topology } from '../../../lib/core/topology/model';
import { renderTopology } from '../../../lib/core/topology/render';
import { lab } from '../../../apps/environments/lab';
import { prod } from '../../../apps/environments/prod';
import { estate } from '../../../apps/environments/estate';

type Json = Record<string, any>;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

/** A seed's objects, read the way `multihome check` reads them. */
function seed(file: string): Manifest[] {
  const out: Manifest[] = [];
  readObjects([path.join(__dirname, '../../fixtures/seeds', file)], { source: () => undefined, shape: () => undefined, object: (o) => out.push(o as Manifest) });
  return out;
}

/** The changes of a pair, as `class severity change Kind/name path` lines. */
function lines(a: readonly Manifest[], b: readonly Manifest[], options?: DiffOptions): string[] {
  return diffManifests(a, b, options).map((c) => `${c.class} ${c.severity} ${c.change} ${c.kind}/${c.name} ${c.path}`);
}

function find(changes: readonly Change[], kind: string, name: string, cls: string): Change {
  const c = changes.find((x) => x.kind === kind && x.name === name && x.class === cls);
  if (!c) throw new Error(`no ${cls} change of ${kind}/${name} in:\n${changes.map((x) => `${x.class} ${x.kind}/${x.name} ${x.path}`).join('\n')}`);
  return c;
}

const labOut = renderTopology(lab);
const withLab = (change: (t: Json) => void): Manifest[] => {
  const t = clone(lab) as Json;
  change(t);
  return renderTopology(t as Topology);
};

describe('no change', () => {
  it('an output compared with itself has no changes', () => {
    expect(diffManifests(labOut, renderTopology(lab))).toEqual([]);
    expect(diffManifests(seed('000-openshift-br1.yaml'), seed('000-openshift-br1.yaml'))).toEqual([]);
  });
  it('YAML key order and NAD config spacing are not changes of meaning (cosmetic, info)', () => {
    const a = seed('001-vlan1085-c7000.yaml');
    const b = clone(a);
    const nad = b.find((m) => m.kind === 'NetworkAttachmentDefinition')!;
    nad.spec = { config: JSON.stringify(JSON.parse(String((nad.spec as Json).config)), Object.keys(JSON.parse(String((nad.spec as Json).config))).reverse(), 2) };
    expect(lines(a, b)).toEqual(['cosmetic info modified NetworkAttachmentDefinition/nad-1085 spec.config']);
  });
});

describe('node-disruptive', () => {
  it('the VLAN id of a network VMs use changes (lab: VLAN 100 → 200)', () => {
    const changes = diffManifests(labOut, withLab((t) => (t.networks[0].vlan = 200)));
    const port = find(changes, 'NodeNetworkConfigurationPolicy', 'br0-eth1', 'node-disruptive');
    expect(port.path).toBe('spec.desiredState.interfaces[1].bridge.port[0].vlan');
    expect(port.severity).toBe('warning');
    expect(port.message).toContain('default/vma, default/vmb');
    const nad = find(changes, 'NetworkAttachmentDefinition', 'br0-100-l2', 'node-disruptive');
    expect(nad.path).toBe('spec.config.plugins[0].vlan');
    expect(nad.message).toContain('VLAN 100 → 200');
  });
  it('a port released from the bridge that holds the default route is an error (seed 000: br1 has DHCP)', () => {
    const a = seed('000-openshift-br1.yaml');
    const b = clone(a);
    (b[0].spec as Json).desiredState.interfaces[0].bridge.port = [{ name: 'ens5' }];
    const changes = diffManifests(a, b);
    expect(changes.filter((c) => c.class === 'node-disruptive').map((c) => [c.path, c.severity])).toEqual([
      ['spec.desiredState.interfaces[0].bridge.port[0]', 'error'],
      ['spec.desiredState.interfaces[0].bridge.port[0]', 'error'],
    ]);
    expect(changes.map((c) => c.message).join('\n')).toMatch(/enslaves existing "ens5"[\s\S]*releases "ens4"/);
  });
  it('MTU lowered (estate bond0 9000 → 1500) and bond mode changed', () => {
    const a = renderTopology(estate);
    const t = clone(estate) as Json;
    t.uplinks[0].mtu = 1500;
    t.uplinks[0].bond.mode = 'active-backup';
    delete t.uplinks[0].bond.options;
    const changes = diffManifests(a, renderTopology(t as Topology)).filter((c) => c.class === 'node-disruptive' && c.kind === 'NodeNetworkConfigurationPolicy');
    const paths = changes.map((c) => c.path);
    expect(paths).toContain('spec.desiredState.interfaces[0].mtu');
    expect(paths).toContain('spec.desiredState.interfaces[0].link-aggregation.mode');
    expect(changes.find((c) => c.path.endsWith('mtu'))!.message).toContain('lowered 9000 → 1500');
  });
  it('a host address removed (seed 001 bridge given an address, then without it)', () => {
    const a = seed('001-vlan1085-c7000.yaml');
    (a[0].spec as Json).desiredState.interfaces[2].ipv4 = { enabled: true, address: [{ ip: '192.0.2.10', 'prefix-length': 24 }] };
    const b = seed('001-vlan1085-c7000.yaml');
    expect(lines(a, b)).toEqual(['node-disruptive warning modified NodeNetworkConfigurationPolicy/vlan-1085-policy-c7000 spec.desiredState.interfaces[2].ipv4']);
  });
});

describe('needs-absent-first', () => {
  it('a network removed from code leaves its bridge on the nodes (lab without br0-100)', () => {
    const b = withLab((t) => {
      t.networks = [];
      for (const vm of t.vms) vm.attachments = [];
    });
    const changes = diffManifests(labOut, b);
    const bridge = find(changes, 'NodeNetworkConfigurationPolicy', 'br0-eth1', 'needs-absent-first');
    expect([bridge.change, bridge.path, bridge.severity]).toEqual(['removed', 'spec.desiredState.interfaces[1]', 'error']);
    // eth1 was only set up: nothing to clean
    expect(find(changes, 'NodeNetworkConfigurationPolicy', 'br0-eth1', 'cosmetic').path).toBe('spec.desiredState.interfaces[0]');
  });
  it('a route and a bridge mapping dropped from a policy stay on the nodes', () => {
    const a = seed('001-vlan1085-c7000.yaml');
    const ds = (a[0].spec as Json).desiredState;
    ds.routes = { config: [{ destination: '198.51.100.0/24', 'next-hop-address': '192.0.2.1', 'next-hop-interface': 'bridge-1085' }] };
    ds.ovn = { 'bridge-mappings': [{ localnet: 'physnet-1085', bridge: 'bridge-1085' }] };
    const b = seed('001-vlan1085-c7000.yaml');
    expect(lines(a, b)).toEqual([
      'needs-absent-first error modified NodeNetworkConfigurationPolicy/vlan-1085-policy-c7000 spec.desiredState.ovn.bridge-mappings[0]',
      'needs-absent-first error modified NodeNetworkConfigurationPolicy/vlan-1085-policy-c7000 spec.desiredState.routes.config[0]',
    ]);
  });
  it('the absent phase done, dropping the entries is cosmetic', () => {
    const a = seed('001-vlan1085-c7000.yaml');
    const ds = (a[0].spec as Json).desiredState;
    ds.routes = { config: [{ destination: '198.51.100.0/24', 'next-hop-interface': 'bridge-1085', state: 'absent' }] };
    ds.interfaces[1].state = 'absent';
    ds.interfaces[2] = { name: 'bridge-1085', type: 'linux-bridge', state: 'absent' };
    const b = clone(a);
    const dsb = (b[0].spec as Json).desiredState;
    dsb.interfaces = [dsb.interfaces[0]];
    delete dsb.routes;
    expect(lines(a, b).every((l) => l.startsWith('cosmetic info'))).toBe(true);
    expect(lines(a, b)).toHaveLength(3);
  });
  it('a NAD deleted while a VM still names it', () => {
    const a = seed('001-vlan1085-c7000.yaml');
    const b = a.filter((m) => m.kind !== 'NetworkAttachmentDefinition');
    const c = find(diffManifests(a, b), 'NetworkAttachmentDefinition', 'nad-1085', 'needs-absent-first');
    expect([c.change, c.severity, c.namespace]).toEqual(['removed', 'error', 'vms']);
  });
  it('a nodeSelector narrowed leaves the nodes no longer selected configured', () => {
    const a = seed('001-vlan1085-c7000.yaml');
    const b = clone(a);
    (b[0].spec as Json).nodeSelector = { hardware: 'c7000', rack: 'r1' };
    expect(lines(a, b)).toEqual(['needs-absent-first error modified NodeNetworkConfigurationPolicy/vlan-1085-policy-c7000 spec.nodeSelector']);
  });
});

describe('replace', () => {
  it('spec.capture of an NNCP cannot be updated', () => {
    const a = seed('000-openshift-br1.yaml');
    (a[0].spec as Json).capture = { 'default-gw': 'routes.running.destination=="0.0.0.0/0"' };
    const b = clone(a);
    (b[0].spec as Json).capture = { 'default-gw': 'routes.running.destination=="::/0"' };
    expect(lines(a, b)).toEqual(['replace warning modified NodeNetworkConfigurationPolicy/br1-policy spec.capture']);
  });
});

describe('replace: OVN-Kubernetes ClusterUserDefinedNetwork', () => {
  /** A Localnet CUDN as OpenShift 4.19's documentation writes one. */
  const cudn = (): Manifest => ({
    apiVersion: 'k8s.ovn.org/v1',
    kind: 'ClusterUserDefinedNetwork',
    metadata: { name: 'ext-400' },
    spec: {
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'web' } },
      network: { topology: 'Localnet', localnet: { role: 'Secondary', physicalNetworkName: 'physnet-ext', vlan: { mode: 'Access', access: { id: 400 } }, subnets: ['10.40.0.0/24'] } },
    },
  });
  it('the localnet config is immutable (CEL "Localnet is immutable"): replace', () => {
    const b = cudn();
    ((b.spec as Json).network.localnet as Json).vlan.access.id = 401;
    expect(lines([cudn()], [b])).toEqual(['replace warning modified ClusterUserDefinedNetwork/ext-400 spec.network.localnet']);
  });
  it('the namespace selector is not: in place', () => {
    const b = cudn();
    (b.spec as Json).namespaceSelector = { matchLabels: { 'kubernetes.io/metadata.name': 'db' } };
    expect(lines([cudn()], [b])).toEqual(['in-place info modified ClusterUserDefinedNetwork/ext-400 spec.namespaceSelector.matchLabels["kubernetes.io/metadata.name"]']);
  });
});

describe('issue 19: a localnet NAD that becomes a ClusterUserDefinedNetwork\'s', () => {
  const nad = (): Manifest => ({
    apiVersion: 'k8s.cni.cncf.io/v1',
    kind: 'NetworkAttachmentDefinition',
    metadata: { name: 'ext-400', namespace: 'web' },
    spec: { config: '{"cniVersion":"0.3.1","name":"ext-400","type":"ovn-k8s-cni-overlay","topology":"localnet","netAttachDefName":"web/ext-400","physicalNetworkName":"physnet-ext","vlanID":400}' },
  });
  const cudn = (): Manifest => ({
    apiVersion: 'k8s.ovn.org/v1',
    kind: 'ClusterUserDefinedNetwork',
    metadata: { name: 'ext-400' },
    spec: {
      namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['web'] }] },
      network: { topology: 'Localnet', localnet: { role: 'Secondary', physicalNetworkName: 'physnet-ext', ipam: { mode: 'Disabled' }, vlan: { mode: 'Access', access: { id: 400 } } } },
    },
  });
  const vm = (): Manifest => ({
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name: 'web-0', namespace: 'web' },
    spec: { runStrategy: 'Always', template: { spec: { domain: { devices: { interfaces: [{ name: 'ext', bridge: {}, macAddress: '02:00:00:00:00:01' }] }, resources: { requests: { memory: '1Gi' } } }, networks: [{ name: 'ext', multus: { networkName: 'ext-400' } }] } } },
  });
  it('GIVEN a VM on it THEN needs-absent-first: the CUDN controller does not take over a foreign NAD', () => {
    expect(lines([nad(), vm()], [cudn(), vm()])).toEqual([
      'in-place info added ClusterUserDefinedNetwork/ext-400 ',
      'needs-absent-first error removed NetworkAttachmentDefinition/ext-400 ',
    ]);
  });
  it('GIVEN no VM on it THEN replace: the NAD goes, the CUDN makes it again', () => {
    expect(lines([nad()], [cudn()])).toEqual([
      'in-place info added ClusterUserDefinedNetwork/ext-400 ',
      'replace warning removed NetworkAttachmentDefinition/ext-400 ',
    ]);
  });
});

describe('VM changes by KubeVirt version', () => {
  const nadSwap = (): [Manifest[], Manifest[]] => {
    const a = seed('000-openshift-br1.yaml');
    const b = clone(a);
    (b[2].spec as Json).template.spec.networks[1].multus.networkName = 'br1-other';
    return [a, b];
  };
  it('a NAD reference change live-migrates on KubeVirt 1.9 (LiveUpdateNADRef GA)', () => {
    const [a, b] = nadSwap();
    expect(lines(a, b, { kubevirt: '1.9' })).toEqual(['vm-live-migration info modified VirtualMachine/vm-fedora spec.template.spec.networks[1].multus.networkName']);
  });
  it('needs the feature gate on 1.8 and restarts on 1.7', () => {
    const [a, b] = nadSwap();
    const on18 = diffManifests(a, b, { kubevirt: '1.8' });
    expect(on18.map((c) => [c.class, c.severity])).toEqual([['vm-restart', 'warning']]);
    expect(on18[0].fix).toContain('LiveUpdateNADRef');
    expect(lines(a, b, { kubevirt: 'v1.7.2' })).toEqual(['vm-restart warning modified VirtualMachine/vm-fedora spec.template.spec.networks[1].multus.networkName']);
  });
  it('a hot-plugged bridge NIC: migration by default, in place with the dynamic networks controller, restart before 1.4', () => {
    const a = seed('000-openshift-br1.yaml');
    const b = clone(a);
    const spec = (b[2].spec as Json).template.spec;
    spec.domain.devices.interfaces.push({ name: 'third', bridge: {} });
    spec.networks.push({ name: 'third', multus: { networkName: 'br1-bridge-network' } });
    const path = 'spec.template.spec.domain.devices.interfaces[2]';
    expect(lines(a, b)).toEqual([`vm-live-migration info modified VirtualMachine/vm-fedora ${path}`]);
    expect(lines(a, b, { dynamicNetworks: true })).toEqual([`vm-in-place info modified VirtualMachine/vm-fedora ${path}`]);
    expect(lines(a, b, { kubevirt: '1.3' })).toEqual([`vm-restart warning modified VirtualMachine/vm-fedora ${path}`]);
  });
  it('a bridge NIC removed without the absent phase restarts the VM (an error: it could have been unplugged); a link set down is in place', () => {
    const a = seed('000-openshift-br1.yaml');
    const removed = clone(a);
    const spec = (removed[2].spec as Json).template.spec;
    spec.domain.devices.interfaces.pop();
    spec.networks.pop();
    expect(lines(a, removed)).toContain('vm-restart error modified VirtualMachine/vm-fedora spec.template.spec.domain.devices.interfaces');
    const down = clone(a);
    (down[2].spec as Json).template.spec.domain.devices.interfaces[1].state = 'down';
    expect(lines(a, down)).toEqual(['vm-in-place info modified VirtualMachine/vm-fedora spec.template.spec.domain.devices.interfaces[1].state']);
  });
  it('an interface model change needs a restart', () => {
    const a = seed('000-openshift-br1.yaml');
    const b = clone(a);
    (b[2].spec as Json).template.spec.domain.devices.interfaces[1].model = 'e1000e';
    expect(lines(a, b)).toEqual(['vm-restart warning modified VirtualMachine/vm-fedora spec.template.spec.domain.devices.interfaces[1].model']);
  });
  it('changes to a stopped VM apply at its next start', () => {
    const a = seed('000-openshift-br1.yaml');
    (a[2].spec as Json).runStrategy = 'Halted';
    const b = clone(a);
    (b[2].spec as Json).template.spec.domain.devices.interfaces[1].model = 'e1000e';
    expect(lines(a, b)).toEqual(['vm-in-place info modified VirtualMachine/vm-fedora spec.template.spec.domain.devices.interfaces[1].model']);
  });
});

describe('nad-stale, vm-guest-config, in-place, removal', () => {
  it('a NAD config change while VMs use it: they keep the old config until restarted (prod: macspoofchk off)', () => {
    const a = seed('000-openshift-br1.yaml');
    const b = clone(a);
    (b[1].spec as Json).config = JSON.stringify({ cniVersion: '0.3.1', type: 'cnv-bridge', bridge: 'br1', vlan: 0, macspoofchk: true, mtu: 1400 });
    const c = find(diffManifests(a, b), 'NetworkAttachmentDefinition', 'br1-bridge-network', 'nad-stale');
    expect([c.path, c.severity]).toEqual(['spec.config.mtu', 'warning']);
    expect(c.message).toContain('default/vm-fedora');
  });
  it('a guest address change reaches cloud-init networkData only (lab vma 10.200.0.1 → .11)', () => {
    const b = withLab((t) => (t.vms[0].attachments[0].ipv4 = ['10.200.0.11/24']));
    expect(lines(labOut, b)).toEqual(['vm-guest-config warning modified VirtualMachine/vma spec.template.spec.volumes[1].cloudInitNoCloud.networkData']);
  });
  it('a new network is in place; its removal (unused) is a removal', () => {
    const t = clone(estate) as Json;
    t.networks.push({ name: 'app-300', pattern: 'vlan-bridge', uplink: 'bond0', vlan: 300, namespaces: ['db'], subnets: ['10.30.0.0/24'] });
    const a = renderTopology(estate);
    const b = renderTopology(t as Topology);
    const added = diffManifests(a, b).filter((c) => c.kind === 'NetworkAttachmentDefinition' || c.kind === 'NodeNetworkConfigurationPolicy');
    expect(added.map((c) => `${c.class} ${c.change} ${c.kind}/${c.name}`)).toEqual(['in-place added NetworkAttachmentDefinition/app-300', 'in-place added NodeNetworkConfigurationPolicy/bond0-compute-app-300-compute']);
    const removed = diffManifests(b, a).filter((c) => c.kind === 'NetworkAttachmentDefinition');
    expect(removed.map((c) => `${c.class} ${c.severity} ${c.change}`)).toEqual(['removal info removed']);
  });
  it('objects kept on removal (Prune=false) are cosmetic when they leave the output', () => {
    const a = renderTopology(prod);
    const t = clone(prod) as Json;
    delete t.namespaces.vms;
    const changes = diffManifests(a, renderTopology(t as Topology)).filter((c) => c.kind === 'Namespace');
    expect(changes.map((c) => `${c.class} ${c.severity} ${c.change} ${c.name}`)).toEqual(['cosmetic info removed vms']);
  });
});

describe('options', () => {
  it('a KubeVirt version that is not major.minor is refused', () => {
    expect(() => diffManifests([], [], { kubevirt: 'latest' })).toThrow(/not major\.minor/);
  });
});

describe('formatChange', () => {
  it('writes kind, namespace/name, path, message, fix, severity and class, control characters escaped', () => {
    expect(formatChange({ kind: 'NetworkAttachmentDefinition', namespace: 'vms', name: 'n\u001b[31m', path: 'spec.config.mtu', change: 'modified', class: 'nad-stale', severity: 'warning', message: 'config changes', fix: 'restart the VMs' })).toBe(
      'NetworkAttachmentDefinition vms/n\\x1b[31m spec.config.mtu: config changes (restart the VMs) [warning nad-stale]',
    );
  });
});

describe('the node agent\'s config', () => {
  it('apply mode: its desired state is judged like an NNCP, on the ConfigMap (VLAN trunk changed under the VMs)', () => {
    const applied: Json = { ...(clone(lab) as Json), agent: { mode: 'apply' } };
    const a = renderTopology(applied as Topology);
    const t = clone(applied);
    t.networks[0].vlan = 200;
    const c = diffManifests(a, renderTopology(t as Topology)).filter((x) => x.kind === 'ConfigMap');
    expect(c.map((x) => `${x.class} ${x.severity} ${x.name} ${x.path}`)).toEqual(['node-disruptive warning multihome-agent-nodes data["agent.yaml"].desiredState.interfaces[1].bridge.port[0].vlan']);
    expect(c[0].message).toMatch(/^agent \(apply mode\): VLAN settings of port "eth1" on "br0" change/);
  });
  it('observe mode: one in-place record, nothing changes on the nodes', () => {
    const b = withLab((t) => (t.networks[0].vlan = 200));
    const c = diffManifests(labOut, b).filter((x) => x.kind === 'ConfigMap');
    expect(c.map((x) => `${x.class} ${x.severity} ${x.path}`)).toEqual(['in-place info data["agent.yaml"]']);
    expect(c[0].message).toContain('observe mode');
  });
});

describe('a vlan-bridge network moved to another VLAN (estate app-200: 200 → 201)', () => {
  it('the old VLAN and bridge are left behind (needs-absent-first), the NADs put new VMs on the new bridge (node-disruptive)', () => {
    const t = clone(estate) as Json;
    t.networks[0].vlan = 201;
    expect(lines(renderTopology(estate), renderTopology(t as Topology))).toEqual([
      'node-disruptive warning modified NetworkAttachmentDefinition/app-200 spec.config.bridge',
      'node-disruptive warning modified NetworkAttachmentDefinition/app-200 spec.config.bridge',
      'needs-absent-first error modified NodeNetworkConfigurationPolicy/bond0-compute-app-200-compute spec.desiredState.interfaces[0]',
      'in-place info modified NodeNetworkConfigurationPolicy/bond0-compute-app-200-compute spec.desiredState.interfaces[0]',
      'needs-absent-first error modified NodeNetworkConfigurationPolicy/bond0-compute-app-200-compute spec.desiredState.interfaces[1]',
      'in-place info modified NodeNetworkConfigurationPolicy/bond0-compute-app-200-compute spec.desiredState.interfaces[1]',
    ]);
  });
});
