/**
 * Removals that clean up the nodes (lib/core/topology/removals.ts): real environments
 * synthesized once ("previous", what the cluster has), then with a network, an uplink, a host
 * policy, a VLAN, a route or a localnet mapping removed from the topology ("next"). The removals
 * are hand-written expectations; the lifecycle rules must have nothing left to report, the next
 * synthesis against the applied output drops the removals, and a re-added spec gets none.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'yaml';
import { estate } from '../../../apps/environments/estate';
import { prod } from '../../../apps/environments/prod';
import { Manifest } from '../../../lib/core/manifest';
import { buildEnvironment, BuildOptions } from '../../../lib/core/topology/build';
import { HostPolicySpec, Topology } from '../../../lib/core/topology/model';
import { REMOVAL_ANNOTATION, tombstoneName } from '../../../lib/core/topology/removals';
import { renderTopology } from '../../../lib/core/topology/render';
import { validateEnvironment } from '../../../lib/core/topology/validate-environment';

const LIFECYCLE = ['TOPOLOGY_POLICY_REMOVED_WITHOUT_ABSENT', 'TOPOLOGY_IFACE_REMOVED_WITHOUT_ABSENT'];

const output = (t: Topology, options: BuildOptions = {}): Manifest[] => {
  const b = buildEnvironment(t, options);
  expect(b.errors.map((p) => p.code)).toEqual([]);
  return b.manifests.map((m) => m.manifest);
};
const nncps = (ms: readonly Manifest[]) => ms.filter((m) => m.kind === 'NodeNetworkConfigurationPolicy');
const named = (ms: readonly Manifest[], name: string) => nncps(ms).find((m) => m.metadata.name === name);
const marked = (ms: readonly Manifest[]) => nncps(ms).filter((m) => m.metadata.annotations?.[REMOVAL_ANNOTATION] !== undefined).map((m) => m.metadata.name);
const lifecycleCodes = (t: Topology, previous: readonly Manifest[]) =>
  buildEnvironment(t, { previous }).problems.filter((p) => LIFECYCLE.includes(p.code)).map((p) => `${p.code} ${p.resource.name}`);

/** prod without the vlan-1085 network (and the VM on it). */
const prodWithoutVlan1085: Topology = { ...prod, networks: prod.networks.filter((n) => n.name !== 'vlan-1085'), vms: prod.vms.filter((v) => v.name !== 'pxe-vm') };

describe('a network removed from prod (vlan-bridge on eno49)', () => {
  const previous = output(prod);
  const build = buildEnvironment(prodWithoutVlan1085, { previous });
  const next = build.manifests.map((m) => m.manifest);

  it('renders the VLAN and the bridge absent in vlan-1085-policy-c7000-absent, with the previous selector, the NNCP wave and the marker', () => {
    expect(named(next, 'vlan-1085-policy-c7000-absent')).toEqual({
      apiVersion: 'nmstate.io/v1',
      kind: 'NodeNetworkConfigurationPolicy',
      metadata: {
        name: 'vlan-1085-policy-c7000-absent',
        // prod targets openshift-4.20 (its platform's default preset)
        annotations: { 'multihome.io/removal': 'interfaces: eno49.1085, bridge-1085', 'argocd.argoproj.io/sync-wave': '-10', 'multihome.io/target': 'openshift-4.20' },
      },
      spec: {
        nodeSelector: { hardware: 'c7000' },
        // the previous policy's maxUnavailable, written out since issue 19
        maxUnavailable: '50%',
        desiredState: {
          interfaces: [
            { name: 'eno49.1085', type: 'vlan', state: 'absent' },
            { name: 'bridge-1085', type: 'linux-bridge', state: 'absent' },
          ],
        },
      },
    });
  });

  it('places it in the NNCP layer, after the policies of depth 0, owned by the environment', () => {
    expect(build.manifests.filter((m) => m.layer === 'nncp').map((m) => m.manifest.metadata.name)).toEqual(['bond-vlan30', 'br1-policy', 'static-ip', 'vlan', 'vlan-1085-policy-c7000-absent']);
    const r = build.manifests.find((m) => m.manifest.metadata.name === 'vlan-1085-policy-c7000-absent')!;
    expect({ origin: r.origin, syncWave: r.syncWave, dependsOn: r.dependsOn }).toEqual({ origin: { kind: 'environment', name: 'prod' }, syncWave: -10, dependsOn: ['NMState/nmstate'] });
  });

  it('leaves the lifecycle rules nothing to report (they do report the plain render)', () => {
    expect(build.problems.filter((p) => LIFECYCLE.includes(p.code)).map((p) => p.code)).toEqual([]);
    const plain = renderTopology(prodWithoutVlan1085);
    expect(validateEnvironment(prodWithoutVlan1085, plain, { previous }).filter((p) => LIFECYCLE.includes(p.code)).map((p) => `${p.code} ${p.resource.name}`)).toEqual([
      'TOPOLOGY_POLICY_REMOVED_WITHOUT_ABSENT vlan-1085-policy-c7000',
    ]);
  });

  it('the next synthesis against the applied output drops the removal policy: the plain render again', () => {
    const again = output(prodWithoutVlan1085, { previous: next });
    expect(marked(again)).toEqual([]);
    expect(again).toEqual(output(prodWithoutVlan1085));
    expect(lifecycleCodes(prodWithoutVlan1085, next)).toEqual([]);
  });

  it('a network added back before the removal was applied wins: no removal', () => {
    const readded = output(prod, { previous: next });
    expect(marked(readded)).toEqual([]);
    expect(readded).toEqual(output(prod));
  });

  it('is deterministic: the same bytes twice', () => {
    expect(yaml.stringify(output(prodWithoutVlan1085, { previous }))).toBe(yaml.stringify(next));
  });
});

describe('a host policy removed from prod (static-ip: an address on the NIC eth1)', () => {
  const t: Topology = { ...prod, hostPolicies: prod.hostPolicies!.filter((h) => h.name !== 'static-ip') };
  const next = output(t, { previous: output(prod) });

  it('switches the addresses of the NIC off instead of making the NIC absent', () => {
    expect(named(next, 'static-ip-absent')).toEqual({
      apiVersion: 'nmstate.io/v1',
      kind: 'NodeNetworkConfigurationPolicy',
      metadata: { name: 'static-ip-absent', annotations: { 'multihome.io/removal': 'addresses: eth1', 'argocd.argoproj.io/sync-wave': '-10', 'multihome.io/target': 'openshift-4.20' } },
      spec: {
        nodeSelector: { 'kubernetes.io/hostname': 'node02' },
        maxUnavailable: '50%',
        desiredState: { interfaces: [{ name: 'eth1', type: 'ethernet', state: 'up', ipv4: { enabled: false }, ipv6: { enabled: false } }] },
      },
    });
    expect(lifecycleCodes(t, output(prod))).toEqual([]);
  });

  it('a NIC with its addresses off leaves nothing: the next synthesis has no removal', () => {
    expect(marked(output(t, { previous: next }))).toEqual([]);
  });
});

describe('a host VLAN removed from an uplink that stays (prod bond0 without VLAN 145)', () => {
  const bond = prod.uplinks.find((u) => u.name === 'bond0')!;
  const t: Topology = { ...prod, uplinks: prod.uplinks.map((u) => (u === bond ? { ...u, vlans: u.vlans!.filter((v) => v.id !== 145) } : u)) };
  const next = output(t, { previous: output(prod) });

  it('appends the absent VLAN to the policy that stays, marked', () => {
    const p = named(next, 'bond-vlan30') as any;
    expect(p.metadata.annotations['multihome.io/removal']).toBe('interfaces: bond0.145');
    expect(p.spec.desiredState.interfaces.map((i: any) => `${i.name} ${i.state}`)).toEqual(['bond0 up', 'bond0.144 up', 'bond0.145 absent']);
    expect(p.spec.desiredState.interfaces[2]).toEqual({ name: 'bond0.145', type: 'vlan', state: 'absent' });
    expect(marked(next)).toEqual(['bond-vlan30']);
    expect(lifecycleCodes(t, output(prod))).toEqual([]);
  });

  it('the next synthesis renders the policy without it', () => {
    const again = output(t, { previous: next });
    expect(again).toEqual(output(t));
  });
});

describe('a host route removed from a policy that stays', () => {
  const staticIp = prod.hostPolicies!.find((h) => h.name === 'static-ip')!;
  const withRoute = (routes: HostPolicySpec['routes']): Topology => ({ ...prod, hostPolicies: prod.hostPolicies!.map((h) => (h === staticIp ? { ...h, routes } : h)) });
  const before = withRoute([
    { destination: '198.51.100.0/24', 'next-hop-interface': 'eth1', 'next-hop-address': '10.244.0.1' },
    { destination: '203.0.113.0/24', 'next-hop-interface': 'eth1', 'next-hop-address': '10.244.0.1', 'table-id': 100 },
  ]);
  const after = withRoute([{ destination: '198.51.100.0/24', 'next-hop-interface': 'eth1', 'next-hop-address': '10.244.0.1' }]);
  const next = output(after, { previous: output(before) });

  it('renders the removed route absent with its identifying fields', () => {
    const p = named(next, 'static-ip') as any;
    expect(p.spec.desiredState.routes.config).toEqual([
      { destination: '198.51.100.0/24', 'next-hop-interface': 'eth1', 'next-hop-address': '10.244.0.1' },
      { destination: '203.0.113.0/24', 'next-hop-interface': 'eth1', 'next-hop-address': '10.244.0.1', 'table-id': 100, state: 'absent' },
    ]);
    expect(p.metadata.annotations['multihome.io/removal']).toBe('routes: 203.0.113.0/24 via 10.244.0.1 dev eth1 table 100');
  });

  it('a route through an interface removed with it needs no entry of its own', () => {
    const gone = output({ ...prod, hostPolicies: prod.hostPolicies!.filter((h) => h !== staticIp) }, { previous: output(before) });
    // eth1 is a NIC: its addresses are switched off, not removed, so its routes are removed explicitly
    expect((named(gone, 'static-ip-absent') as any).spec.desiredState.routes.config.map((r: any) => r.destination)).toEqual(['198.51.100.0/24', '203.0.113.0/24']);
    const vlanPolicy = prod.hostPolicies!.find((h) => h.name === 'vlan')!;
    const viaVlan = { ...prod, hostPolicies: [staticIp, { ...vlanPolicy, routes: [{ destination: '192.0.2.0/24', 'next-hop-interface': 'eth1.102' }] }] };
    const dropped = output({ ...prod, hostPolicies: [staticIp] }, { previous: output(viaVlan) });
    expect((named(dropped, 'vlan-absent') as any).spec.desiredState).toEqual({ interfaces: [{ name: 'eth1.102', type: 'vlan', state: 'absent' }] });
  });
});

describe('estate: an uplink with per-node addresses and an OVN localnet removed', () => {
  const previous = output(estate);

  it('the uplink removal is one policy for the group (the per-node policies are covered by it)', () => {
    const t: Topology = { ...estate, uplinks: estate.uplinks.filter((u) => u.name !== 'ens3f0') };
    const next = output(t, { previous });
    expect(marked(next)).toEqual(['ens3f0-storage-absent']);
    expect(named(next, 'ens3f0-storage-absent')).toEqual({
      apiVersion: 'nmstate.io/v1',
      kind: 'NodeNetworkConfigurationPolicy',
      metadata: { name: 'ens3f0-storage-absent', annotations: { 'multihome.io/removal': 'interfaces: ens3f0.500', 'argocd.argoproj.io/sync-wave': '-10', 'multihome.io/target': 'openshift-4.20' } },
      spec: { nodeSelector: { 'node-role.kubernetes.io/storage': '' }, maxUnavailable: 1, desiredState: { interfaces: [{ name: 'ens3f0.500', type: 'vlan', state: 'absent' }] } },
    });
    expect(lifecycleCodes(t, previous)).toEqual([]);
  });

  it('the localnet removal is its bridge mapping absent', () => {
    const t: Topology = { ...estate, networks: estate.networks.filter((n) => n.name !== 'ext-400'), vms: estate.vms.filter((v) => !v.attachments.some((a) => a.network === 'ext-400')) };
    const next = output(t, { previous });
    expect(named(next, 'br-ex-compute-absent')).toEqual({
      apiVersion: 'nmstate.io/v1',
      kind: 'NodeNetworkConfigurationPolicy',
      metadata: { name: 'br-ex-compute-absent', annotations: { 'multihome.io/removal': 'bridge-mappings: physnet-ext', 'argocd.argoproj.io/sync-wave': '-10', 'multihome.io/target': 'openshift-4.20' } },
      spec: { nodeSelector: { 'node-role.kubernetes.io/worker': '' }, maxUnavailable: 1, desiredState: { ovn: { 'bridge-mappings': [{ localnet: 'physnet-ext', state: 'absent' }] } } },
    });
    expect(marked(output(t, { previous: next }))).toEqual([]);
  });
});

describe('previous as a path', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'multihome-previous-'));
  const previous = output(prod);
  const expected = output(prodWithoutVlan1085, { previous });

  it('a directory of YAML (the output as synth writes it) gives the same removals', () => {
    fs.mkdirSync(path.join(dir, 'yaml'));
    fs.writeFileSync(path.join(dir, 'yaml', 'prod.k8s.yaml'), previous.map((m) => yaml.stringify(m)).join('---\n'));
    expect(output(prodWithoutVlan1085, { previous: path.join(dir, 'yaml') })).toEqual(expected);
  });

  it('a JSON array of manifests (pulumi stack output manifests --json) gives the same removals', () => {
    const file = path.join(dir, 'prod.json');
    fs.writeFileSync(file, JSON.stringify(previous, null, 2));
    expect(output(prodWithoutVlan1085, { previous: file })).toEqual(expected);
  });

  it('invalid YAML is a problem with its file and line, and nothing throws', () => {
    const file = path.join(dir, 'broken.yaml');
    fs.writeFileSync(file, 'apiVersion: v1\nkind: [unclosed\n');
    const b = buildEnvironment(prodWithoutVlan1085, { previous: file });
    expect(b.errors.length).toBeGreaterThan(0);
    expect(b.errors.every((p) => p.message.startsWith(`${file}:`))).toBe(true);
  });

  it('a path that does not exist is a warning and no removal (the first synthesis)', () => {
    const b = buildEnvironment(prodWithoutVlan1085, { previous: path.join(dir, 'nothing-here') });
    expect(b.warnings.filter((p) => p.code.startsWith('TOPOLOGY_PREVIOUS')).map((p) => `${p.code} ${p.resource.kind}`)).toEqual(['TOPOLOGY_PREVIOUS_MISSING PreviousOutput']);
    expect(marked(b.manifests.map((m) => m.manifest))).toEqual([]);
  });
});

describe('tombstoneName', () => {
  it('is <name>-absent while that fits an NNCP name', () => {
    expect(tombstoneName('br1-policy')).toBe('br1-policy-absent');
    expect(tombstoneName('a'.repeat(246))).toBe(`${'a'.repeat(246)}-absent`);
  });

  it('is cut to 253 characters with 10 hex digits of the SHA-256 of the full name when longer', () => {
    const long = `${'a'.repeat(250)}`;
    const hash = createHash('sha256').update(`${long}-absent`).digest('hex').slice(0, 10);
    expect(tombstoneName(long)).toBe(`${'a'.repeat(242)}-${hash}`);
    expect(tombstoneName(long)).toHaveLength(253);
  });
});
