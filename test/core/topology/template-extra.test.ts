/**
 * The deprecated templateExtra (B7): a shorthand for `virtualMachine.spec.template.spec`, merged
 * by the rules of vm-merge.ts — mappings merge recursively, lists and scalars replace, the fields
 * multihome owns keep multihome's value and a differing value is TOPOLOGY_TEMPLATE_EXTRA_OWNED at
 * its templateExtra path. Plus the operation cases of codes not reachable from a Topology alone
 * (operation-cases.ts).
 */
import { formatResource } from '../../../lib/core/errors';
import { buildEnvironment } from '../../../lib/core/topology/build';
import { TOPOLOGY_CODES } from '../../../lib/core/topology/codes';
import { VmSpec } from '../../../lib/core/topology/model';
import { deepMerge } from '../../../lib/core/topology/vm-source';
import { baseTopology } from './intent-cases';
import { OPERATION_CASES } from './operation-cases';

/** The rendered VirtualMachine of the base topology with `vm` changes, and the build's problems. */
function renderVm(change: Partial<VmSpec>) {
  const t = baseTopology();
  const build = buildEnvironment({ ...t, vms: [{ ...t.vms[0], ...change }] });
  const vm = build.manifests.find((m) => m.manifest.kind === 'VirtualMachine')!.manifest as any;
  return { spec: vm.spec.template.spec, problems: build.problems.map((p) => `${p.code} ${p.path}`) };
}

describe('templateExtra (deprecated)', () => {
  it('GIVEN domain.cpu THEN domain.devices and domain.resources are kept (B7)', () => {
    const plain = renderVm({});
    const { spec, problems } = renderVm({ templateExtra: { domain: { cpu: { cores: 4 } } } });
    expect(problems).toEqual([]);
    expect(spec.domain.cpu).toEqual({ cores: 4 });
    expect(spec.domain.devices).toEqual(plain.spec.domain.devices);
    expect(spec.domain.devices.interfaces.map((i: any) => i.name)).toEqual(['default', 'vlan100']);
    expect(spec.domain.resources).toEqual({ requests: { memory: '1Gi' } });
  });

  it('GIVEN nodeSelector and scalars THEN labels are added and scalars set', () => {
    const { spec, problems } = renderVm({ templateExtra: { nodeSelector: { zone: 'a' }, evictionStrategy: 'LiveMigrate', terminationGracePeriodSeconds: 30 } });
    expect(problems).toEqual([]);
    expect(spec.nodeSelector).toEqual({ zone: 'a', 'node-role.kubernetes.io/worker': '' });
    expect(spec.evictionStrategy).toBe('LiveMigrate');
    expect(spec.terminationGracePeriodSeconds).toBe(30);
  });

  it('GIVEN its own volumes and disks and no image THEN they are the VM\'s, with the cloud-init volume and disk after them', () => {
    const volumes = [{ name: 'root', dataVolume: { name: 'db-root' } }];
    const disks = [{ name: 'root', disk: { bus: 'virtio' } }];
    const tolerations = [{ key: 'dedicated', operator: 'Exists' }];
    const { spec, problems } = renderVm({ image: undefined, templateExtra: { volumes, tolerations, domain: { devices: { disks } } } });
    expect(problems).toEqual([]);
    expect(spec.tolerations).toEqual(tolerations);
    expect(spec.volumes.map((v: any) => v.name)).toEqual(['root', 'cloudinitdisk']);
    expect(spec.volumes[1].cloudInitNoCloud.networkData).toContain('10.100.0.10/24');
    expect(spec.domain.devices.disks.map((d: any) => d.name)).toEqual(['root', 'cloudinitdisk']);
  });

  it('GIVEN the network sections equal to the rendered ones THEN no problem (a no-op is not a conflict)', () => {
    const plain = renderVm({}).spec;
    const { spec, problems } = renderVm({ templateExtra: { networks: plain.networks, domain: { devices: { interfaces: plain.domain.devices.interfaces } } } });
    expect(problems).toEqual([]);
    expect(spec.networks).toEqual(plain.networks);
    expect(spec.domain.devices.interfaces).toEqual(plain.domain.devices.interfaces);
  });

  it('GIVEN its own cloud-init volume with userData THEN the networkData joins it and the userData stays', () => {
    const { spec, problems } = renderVm({ templateExtra: { volumes: [{ name: 'containerdisk', containerDisk: { image: 'quay.io/containerdisks/fedora:40' } }, { name: 'seed', cloudInitNoCloud: { userData: '#cloud-config\n' } }] } });
    expect(problems).toEqual([]);
    expect(spec.volumes.map((v: any) => v.name)).toEqual(['containerdisk', 'seed']);
    expect(spec.volumes[1].cloudInitNoCloud.userData).toBe('#cloud-config\n');
    expect(spec.volumes[1].cloudInitNoCloud.networkData).toContain('10.100.0.10/24');
  });

  it.each([
    ['a network of an attachment on another NAD', { networks: [{ name: 'vlan100', multus: { networkName: 'other' } }] }, 'templateExtra.networks[0].multus.networkName'],
    ['an interface of an attachment with another binding', { domain: { devices: { interfaces: [{ name: 'vlan100', sriov: {} }] } } }, 'templateExtra.domain.devices.interfaces[0].sriov'],
    ['networkData in its cloud-init volume', { volumes: [{ name: 'containerdisk', containerDisk: { image: 'quay.io/containerdisks/fedora:40' } }, { name: 'cloudinitdisk', cloudInitNoCloud: { networkData: 'version: 2\n' } }] }, 'templateExtra.volumes[1].cloudInitNoCloud.networkData'],
    ['a placement label of the network\'s node group', { nodeSelector: { 'node-role.kubernetes.io/worker': 'no' } }, 'templateExtra.nodeSelector["node-role.kubernetes.io/worker"]'],
  ])('GIVEN templateExtra setting %s THEN TOPOLOGY_TEMPLATE_EXTRA_OWNED and the rendered value is kept', (_what, templateExtra, path) => {
    const plain = renderVm({}).spec;
    const { spec, problems } = renderVm({ templateExtra });
    expect(problems).toEqual([`TOPOLOGY_TEMPLATE_EXTRA_OWNED ${path}`]);
    expect(spec.networks.find((n: any) => n.name === 'vlan100')).toEqual(plain.networks.find((n: any) => n.name === 'vlan100'));
    expect(spec.domain.devices.interfaces.find((i: any) => i.name === 'vlan100').bridge).toEqual({});
    expect(spec.nodeSelector['node-role.kubernetes.io/worker']).toBe('');
  });
});

describe('deepMerge', () => {
  it('merges mappings, replaces lists and scalars, and does not modify its inputs', () => {
    const base = { domain: { devices: { interfaces: [{ name: 'a' }] }, cpu: { cores: 1 } }, networks: [{ name: 'a' }] };
    const extra = { domain: { cpu: { cores: 2 } }, networks: [] as unknown[] };
    const before = JSON.stringify([base, extra]);
    expect(deepMerge(base, extra)).toEqual({ domain: { devices: { interfaces: [{ name: 'a' }] }, cpu: { cores: 2 } }, networks: [] });
    expect(JSON.stringify([base, extra])).toBe(before);
  });
});

describe.each(Object.entries(OPERATION_CASES))('operation case %s', (code, c) => {
  it(`GIVEN ${c.title} THEN exactly this code is reported, on its resource, at its path`, () => {
    const problems = c.run();
    expect(problems.map((p) => `${p.code} ${formatResource(p.resource)} ${p.path}`)).toEqual(c.expected.map((e) => `${e.code} ${e.resource} ${e.path}`));
    expect(problems.map((p) => p.code)).toContain(code);
    for (const p of problems) expect(p.severity).toBe(TOPOLOGY_CODES[p.code as keyof typeof TOPOLOGY_CODES].severity);
  });
});
