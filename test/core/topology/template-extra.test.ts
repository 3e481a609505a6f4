/**
 * templateExtra merge (B7): mappings merge recursively, arrays and scalars replace, the network
 * sections stay multihome's and a differing value for them is TOPOLOGY_TEMPLATE_EXTRA_OWNED.
 * Plus the operation cases of codes not reachable from a Topology alone (operation-cases.ts).
 */
import { formatResource } from '../../../lib/core/errors';
import { buildEnvironment } from '../../../lib/core/topology/build';
import { TOPOLOGY_CODES } from '../../../lib/core/topology/codes';
import { VmSpec } from '../../../lib/core/topology/model';
import { mergeTemplateExtra } from '../../../lib/core/topology/template-extra';
import { baseTopology } from './intent-cases';
import { OPERATION_CASES } from './operation-cases';

/** The rendered VirtualMachine of the base topology with `vm` changes, and the build's problems. */
function renderVm(change: Partial<VmSpec>) {
  const t = baseTopology();
  const build = buildEnvironment({ ...t, vms: [{ ...t.vms[0], ...change }] });
  const vm = build.manifests.find((m) => m.manifest.kind === 'VirtualMachine')!.manifest as any;
  return { spec: vm.spec.template.spec, problems: build.problems.map((p) => `${p.code} ${p.path}`) };
}

describe('mergeTemplateExtra', () => {
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
    expect(spec.nodeSelector).toEqual({ 'node-role.kubernetes.io/worker': '', zone: 'a' });
    expect(spec.evictionStrategy).toBe('LiveMigrate');
    expect(spec.terminationGracePeriodSeconds).toBe(30);
  });

  it('GIVEN arrays THEN they replace, and the cloud-init volume and disk are kept after them', () => {
    const volumes = [{ name: 'root', dataVolume: { name: 'db-root' } }];
    const disks = [{ name: 'root', disk: { bus: 'virtio' } }];
    const tolerations = [{ key: 'dedicated', operator: 'Exists' }];
    const { spec, problems } = renderVm({ templateExtra: { volumes, tolerations, domain: { devices: { disks } } } });
    expect(problems).toEqual([]);
    expect(spec.tolerations).toEqual(tolerations);
    expect(spec.volumes.map((v: any) => v.name)).toEqual(['root', 'cloudinitdisk']);
    expect(spec.volumes[1].cloudInitNoCloud.networkData).toContain('10.100.0.10/24');
    expect(spec.domain.devices.disks.map((d: any) => d.name)).toEqual(['root', 'cloudinitdisk']);
  });

  it('GIVEN the network sections equal to the rendered ones THEN no problem (a no-op is not a conflict)', () => {
    const plain = renderVm({}).spec;
    const { problems } = renderVm({ templateExtra: { networks: plain.networks, domain: { devices: { interfaces: plain.domain.devices.interfaces } } } });
    expect(problems).toEqual([]);
  });

  it.each([
    ['networks', { networks: [] }, 'templateExtra.networks'],
    ['interfaces', { domain: { devices: { interfaces: [{ name: 'vlan100', bridge: {} }] } } }, 'templateExtra.domain.devices.interfaces'],
    ['the cloud-init volume', { volumes: [{ name: 'cloudinitdisk', cloudInitNoCloud: { userData: '#cloud-config' } }] }, 'templateExtra.volumes[cloudinitdisk]'],
    ['the cloud-init disk', { domain: { devices: { disks: [{ name: 'cloudinitdisk', cdrom: {} }] } } }, 'templateExtra.domain.devices.disks[cloudinitdisk]'],
  ])('GIVEN templateExtra setting %s differently THEN TOPOLOGY_TEMPLATE_EXTRA_OWNED and the rendered value is kept', (_what, templateExtra, path) => {
    const plain = renderVm({}).spec;
    const { spec, problems } = renderVm({ templateExtra });
    expect(problems).toEqual([`TOPOLOGY_TEMPLATE_EXTRA_OWNED ${path}`]);
    expect(spec.networks).toEqual(plain.networks);
    expect(spec.domain.devices.interfaces).toEqual(plain.domain.devices.interfaces);
    expect(spec.volumes.find((v: any) => v.name === 'cloudinitdisk')).toEqual(plain.volumes.find((v: any) => v.name === 'cloudinitdisk'));
  });

  it('does not modify its inputs', () => {
    const rendered = { domain: { devices: { interfaces: [] as unknown[] } }, networks: [] as unknown[] };
    const extra = { domain: { cpu: { cores: 2 } } };
    const before = JSON.stringify([rendered, extra]);
    const { spec } = mergeTemplateExtra(rendered, extra);
    expect(JSON.stringify([rendered, extra])).toBe(before);
    expect(spec).toEqual({ domain: { devices: { interfaces: [] }, cpu: { cores: 2 } }, networks: [] });
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
