import * as YAML from 'yaml';
import { MultihomeError } from '../../../lib/core/errors';
import { networkSectionBase, parseNetworkSection, renderNetworkSection, withNetworkSection } from '../../../lib/core/kubevirt';

const vmi = (spec: Record<string, unknown>) => ({ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstance', metadata: { name: 'x' }, spec });

describe('network section parse ⇄ render', () => {
  it('reads a VM from spec.template.spec and a VMI from spec', () => {
    expect(networkSectionBase('VirtualMachine')).toBe('spec.template.spec');
    expect(networkSectionBase('VirtualMachineInstance')).toBe('spec');
    const vm = {
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachine',
      metadata: { name: 'x' },
      spec: { template: { spec: { domain: { devices: { interfaces: [{ name: 'default', masquerade: {} }] } }, networks: [{ name: 'default', pod: {} }] } } },
    };
    expect(parseNetworkSection(vm)).toEqual({ interfaces: [{ name: 'default', masquerade: {} }], networks: [{ name: 'default', pod: {} }] });
  });

  it('keeps unknown fields and renders keys in canonical order', () => {
    const input = vmi({
      domain: {
        devices: {
          interfaces: [{ zeta: 1, state: 'up', macAddress: '02:00:00:00:00:01', bridge: {}, name: 'a', alpha: { b: 1, a: 2 }, dhcpOptions: { privateOptions: [{ value: 'v', option: 240 }], bootFileName: 'f' } }],
        },
      },
      networks: [{ multus: { default: false, networkName: 'n' }, name: 'a', future: true }],
    });
    const out = renderNetworkSection(parseNetworkSection(input));
    expect(out.interfaces).toEqual([
      { name: 'a', bridge: {}, macAddress: '02:00:00:00:00:01', state: 'up', zeta: 1, alpha: { a: 2, b: 1 }, dhcpOptions: { bootFileName: 'f', privateOptions: [{ option: 240, value: 'v' }] } },
    ]);
    expect(Object.keys(out.interfaces![0])).toEqual(['name', 'bridge', 'macAddress', 'dhcpOptions', 'state', 'alpha', 'zeta']);
    expect(Object.keys((out.interfaces![0] as any).dhcpOptions.privateOptions[0])).toEqual(['option', 'value']);
    expect(Object.keys(out.networks![0])).toEqual(['name', 'multus', 'future']);
    expect(Object.keys((out.networks![0] as any).multus)).toEqual(['networkName', 'default']);
  });

  it('renders byte-identical YAML for the same section written in different key orders', () => {
    const a = vmi({ networks: [{ name: 'a', multus: { networkName: 'n', default: false } }] });
    const b = vmi({ networks: [{ multus: { default: false, networkName: 'n' }, name: 'a' }] });
    expect(YAML.stringify(renderNetworkSection(parseNetworkSection(a)))).toBe(YAML.stringify(renderNetworkSection(parseNetworkSection(b))));
  });

  it('leaves absent lists absent and does not alias the input', () => {
    const input = vmi({ domain: { devices: {} } });
    const section = parseNetworkSection(input);
    expect(section).toEqual({});
    expect(withNetworkSection(input, section)).toEqual(input);
    const withNets = vmi({ networks: [{ name: 'a', pod: {} }] });
    const s = parseNetworkSection(withNets);
    s.networks![0].name = 'changed';
    expect((withNets.spec.networks as any)[0].name).toBe('a');
  });

  it('withNetworkSection creates missing parents and removes lists set to undefined', () => {
    const created = withNetworkSection<Record<string, unknown>>({ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'x' } }, { interfaces: [{ name: 'a', bridge: {} }], networks: [{ name: 'a', multus: { networkName: 'n' } }] });
    expect(created).toEqual({
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachine',
      metadata: { name: 'x' },
      spec: { template: { spec: { domain: { devices: { interfaces: [{ name: 'a', bridge: {} }] } }, networks: [{ name: 'a', multus: { networkName: 'n' } }] } } },
    });
    const removed = withNetworkSection(created, {});
    expect((removed.spec as any).template.spec).toEqual({ domain: { devices: {} } });
  });

  it('throws one MultihomeError listing every wrong JSON type of the section', () => {
    const bad = vmi({ domain: { devices: { interfaces: [{ name: 7, bridge: {} }, 'eth0'] } }, networks: { a: 1 } });
    try {
      parseNetworkSection(bad);
      throw new Error('expected parseNetworkSection to throw');
    } catch (e) {
      expect(e).toBeInstanceOf(MultihomeError);
      expect((e as MultihomeError).problems.map((p) => `${p.code} @ ${p.path}`).sort()).toEqual([
        'KUBEVIRT_FIELD_TYPE @ spec.domain.devices.interfaces[0].name',
        'KUBEVIRT_FIELD_TYPE @ spec.domain.devices.interfaces[1]',
        'KUBEVIRT_FIELD_TYPE @ spec.networks',
      ]);
    }
  });

  it('refuses objects that are not VMs or VMIs', () => {
    expect(() => parseNetworkSection({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } })).toThrow(/KUBEVIRT_KIND/);
  });

  it('ignores wrong types outside the section (volumes) when parsing', () => {
    expect(parseNetworkSection(vmi({ volumes: [{ name: 'ci', cloudInitNoCloud: { userData: 5 } }] }))).toEqual({});
  });
});
