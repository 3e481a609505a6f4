import * as YAML from 'yaml';
import {
  bridgeInterface,
  cloudInitSecret,
  cloudInitVolume,
  CLOUD_INIT_NETWORK_DATA_MAX_BYTES,
  MacAllocator,
  masqueradeInterface,
  multusNetwork,
  networkDataProblems,
  networkDataV2,
  NetworkDataParseError,
  parseNetworkData,
  podNetwork,
  validateVirtualMachine,
  vmNetworkSection,
  withNetworkSection,
} from '../../../lib/core/kubevirt';
import { MultihomeError } from '../../../lib/core/errors';

describe('networkDataV2', () => {
  it('matches each NIC by lowercase, quoted MAC and renames it with set-name', () => {
    const text = networkDataV2({ ethernets: [{ id: 'eth1', name: 'eth1', mac: '02:4A:BE:00:00:01', addresses: ['10.200.0.1/24'] }] });
    expect(text).toBe(
      ['version: 2', 'ethernets:', '  eth1:', '    match:', '      macaddress: "02:4a:be:00:00:01"', '    set-name: eth1', '    addresses:', '      - 10.200.0.1/24', ''].join('\n'),
    );
  });

  it('renders gateways as default routes, then routes, nameservers and mtu', () => {
    const nd = YAML.parse(
      networkDataV2({
        ethernets: [
          {
            id: 'uplink',
            mac: '02:4a:be:00:00:02',
            addresses: ['192.0.2.10/24', '2001:db8::10/64'],
            gateway4: '192.0.2.1',
            gateway6: '2001:db8::1',
            routes: [{ to: '198.51.100.0/24', via: '192.0.2.254', metric: 50 }],
            nameservers: { addresses: ['192.0.2.53'], search: ['lab.example'] },
            mtu: 9000,
            dhcp6: false,
          },
        ],
      }),
    );
    const e = nd.ethernets.uplink;
    expect(e['set-name']).toBeUndefined();
    expect(e.routes).toEqual([
      { to: '0.0.0.0/0', via: '192.0.2.1' },
      { to: '::/0', via: '2001:db8::1' },
      { to: '198.51.100.0/24', via: '192.0.2.254', metric: 50 },
    ]);
    expect(e.gateway4).toBeUndefined();
    expect(e.nameservers).toEqual({ addresses: ['192.0.2.53'], search: ['lab.example'] });
    expect(e.mtu).toBe(9000);
    expect(e.dhcp6).toBe(false);
    expect(Object.keys(e)).toEqual(['match', 'dhcp6', 'addresses', 'routes', 'nameservers', 'mtu']);
  });

  it('is byte-identical for identical input and keeps NIC order', () => {
    const spec = {
      ethernets: [
        { id: 'eth2', name: 'eth2', mac: '02:00:00:00:00:02', dhcp4: true },
        { id: 'eth1', name: 'eth1', mac: '02:00:00:00:00:01', dhcp4: true },
      ],
    };
    expect(networkDataV2(spec)).toBe(networkDataV2(spec));
    expect(Object.keys(YAML.parse(networkDataV2(spec)).ethernets)).toEqual(['eth2', 'eth1']);
  });

  it('quotes names YAML 1.1 (cloud-init/PyYAML) would read as booleans', () => {
    expect(networkDataV2({ ethernets: [{ id: 'on', name: 'yes', mac: '02:00:00:00:00:01' }] })).toMatch(/"on":\n[\s\S]*set-name: "yes"/);
  });

  it('reports every invalid field at once', () => {
    const spec = {
      ethernets: [
        { id: 'eth1', mac: '02:00:00:00:00', addresses: ['10.0.0.1'], gateway4: '2001:db8::1' },
        { id: 'eth1', mac: '02:00:00:00:00:02', routes: [{ to: 'x', via: 'y' }], mtu: 20 },
      ],
    };
    expect(() => networkDataV2(spec)).toThrow(MultihomeError);
    expect(networkDataProblems(spec).map((p) => `${p.code} @ ${p.path}`)).toEqual([
      'KUBEVIRT_NETWORK_DATA_INVALID @ ethernets[0].mac',
      'KUBEVIRT_NETWORK_DATA_INVALID @ ethernets[0].addresses[0]',
      'KUBEVIRT_NETWORK_DATA_INVALID @ ethernets[0].gateway4',
      'KUBEVIRT_NETWORK_DATA_INVALID @ ethernets[1].id',
      'KUBEVIRT_NETWORK_DATA_INVALID @ ethernets[1].routes[0].to',
      'KUBEVIRT_NETWORK_DATA_INVALID @ ethernets[1].routes[0].via',
      'KUBEVIRT_NETWORK_DATA_INVALID @ ethernets[1].mtu',
    ]);
  });

  it('rejects two NICs with one MAC', () => {
    expect(networkDataProblems({ ethernets: [{ id: 'a', mac: '02:00:00:00:00:01' }, { id: 'b', mac: '02-00-00-00-00-01' }] }).map((p) => p.path)).toEqual(['ethernets[1].mac']);
  });
});

describe('parseNetworkData', () => {
  it('reads back what networkDataV2 wrote', () => {
    const parsed = parseNetworkData(networkDataV2({ ethernets: [{ id: 'eth1', name: 'eth1', mac: '02:4a:be:00:00:01', dhcp4: true }] }));
    expect(parsed.version).toBe(2);
    expect(parsed.ethernets).toEqual([{ id: 'eth1', hasMatch: true, macaddress: '02:4a:be:00:00:01', setName: 'eth1', raw: expect.objectContaining({ dhcp4: true }) }]);
  });

  it('reads name-addressed entries and the network: wrapper', () => {
    const parsed = parseNetworkData('network:\n  version: 2\n  ethernets:\n    eth1:\n      dhcp4: true\n');
    expect(parsed.ethernets).toEqual([{ id: 'eth1', hasMatch: false, raw: { dhcp4: true } }]);
  });

  it('returns no ethernets for a version 1 config', () => {
    expect(parseNetworkData('version: 1\nconfig:\n- type: physical\n  name: eth0\n').ethernets).toEqual([]);
  });

  it.each(['version: 2\nethernets: [eth1\n', 'just a string', '- a\n- b\n'])('throws NetworkDataParseError for %j', (text) => {
    expect(() => parseNetworkData(text)).toThrow(NetworkDataParseError);
  });
});

describe('cloudInitVolume / cloudInitSecret', () => {
  const small = 'version: 2\nethernets: {}\n';
  const big = small + '# ' + 'x'.repeat(CLOUD_INIT_NETWORK_DATA_MAX_BYTES) + '\n';

  it('inlines data within the 2048-byte admission limit', () => {
    expect(cloudInitVolume({ networkData: small, userData: '#cloud-config\n' })).toEqual({
      name: 'cloudinitdisk',
      cloudInitNoCloud: { networkData: small, userData: '#cloud-config\n' },
    });
    expect(cloudInitSecret({ secretName: 's', networkData: small })).toBeUndefined();
  });

  it('moves data above the limit into a Secret reference', () => {
    expect(cloudInitVolume({ name: 'ci', networkData: big, userData: '#cloud-config\n', secretName: 'vm-cloudinit' })).toEqual({
      name: 'ci',
      cloudInitNoCloud: { networkDataSecretRef: { name: 'vm-cloudinit' }, userData: '#cloud-config\n' },
    });
    expect(cloudInitSecret({ secretName: 'vm-cloudinit', namespace: 'vms', networkData: big, userData: '#cloud-config\n' })).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'vm-cloudinit', namespace: 'vms' },
      type: 'Opaque',
      stringData: { networkdata: big },
    });
  });

  it('uses secretRef for large userData and cloudInitConfigDrive on request', () => {
    const ud = '#cloud-config\n#' + 'y'.repeat(2100) + '\n';
    expect(cloudInitVolume({ userData: ud, secretName: 's', dataSource: 'configDrive' })).toEqual({ name: 'cloudinitdisk', cloudInitConfigDrive: { secretRef: { name: 's' } } });
    expect(cloudInitSecret({ secretName: 's', userData: ud })?.stringData).toEqual({ userdata: ud });
  });

  it('throws when data is too large and there is no secret, or when there is nothing to carry', () => {
    expect(() => cloudInitVolume({ networkData: big })).toThrow(/2048-byte inline limit/);
    expect(() => cloudInitVolume({})).toThrow(/networkData and\/or userData/);
  });

  it('the volume produced passes VM validation (generated + validated the same way)', () => {
    const vmVolume = cloudInitVolume({ networkData: big, secretName: 'vm-ci' });
    const problems = validateVirtualMachine({
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachineInstance',
      metadata: { name: 'x' },
      spec: { domain: { devices: {} }, volumes: [vmVolume] },
    });
    expect(problems).toEqual([]);
  });
});

describe('a VM built from builders, allocator and networkData validates clean', () => {
  it('has no problems at all, warnings included', () => {
    const alloc = new MacAllocator({ prefix: '02:4a:be' });
    const mac = alloc.allocate('vms', 'vma', 'br0-100');
    const section = vmNetworkSection([
      { iface: masqueradeInterface('default'), network: podNetwork() },
      { iface: bridgeInterface('br0-100', { macAddress: mac }), network: multusNetwork('br0-100', 'br0-100-l2') },
    ]);
    const networkData = networkDataV2({ ethernets: [{ id: 'eth1', name: 'eth1', mac, addresses: ['10.200.0.1/24'] }] });
    const vm = withNetworkSection(
      {
        apiVersion: 'kubevirt.io/v1',
        kind: 'VirtualMachine',
        metadata: { name: 'vma', namespace: 'vms' },
        spec: { runStrategy: 'Always', template: { spec: { domain: { devices: { disks: [] } }, volumes: [cloudInitVolume({ networkData })] } } },
      },
      section,
    );
    expect(validateVirtualMachine(vm)).toEqual([]);
  });
});

describe('parseNetworkData of generated text (parse remembered at generation)', () => {
  const specs = [
    { ethernets: [{ id: 'eth1', name: 'eth1', mac: '02:00:00:00:00:01', addresses: ['10.200.0.1/24'] }] },
    {
      ethernets: [
        { id: 'eth1', name: 'eth1', mac: '02:AB:cd:00:00:01', dhcp4: true, dhcp6: false, mtu: 9000 },
        { id: 'nic-2', mac: '02:00:00:00:01:00', addresses: ['fd00:144::30/64', '172.144.185.30/16'], gateway4: '172.144.0.1', gateway6: 'fd00:144::1', routes: [{ to: '10.0.0.0/8', via: '172.144.0.254', metric: 100 }], nameservers: { addresses: ['10.0.0.53'], search: ['yes', 'on', 'example.com'] } },
      ],
    },
  ];
  it.each(specs.map((s, i) => [i, s] as const))('spec %i: what it returns equals a YAML 1.1 parse of the text', (_i, spec) => {
    const text = networkDataV2(spec);
    const parsed = parseNetworkData(text);
    expect(parsed.raw).toEqual(YAML.parse(text, { version: '1.1' }));
    expect(parsed.ethernets.map((e) => e.macaddress)).toEqual(spec.ethernets.map((e) => e.mac.toLowerCase()));
  });
});

describe('parseNetworkData of hand-written text reads YAML 1.1 as PyYAML does', () => {
  const texts = [
    'version: 2\nethernets:\n  eth1:\n    match:\n      macaddress: 02:00:00:00:00:01\n    dhcp4: yes\n',
    'version: 2\nethernets:\n  eth1:\n    dhcp4: on\n    dhcp6: off\n    addresses: [10.0.0.1/24, "fd00::1/64"]\n    mtu: 9000\n',
    'version: 2\nethernets:\n  eth1: {dhcp4: true}\n  eth1: {dhcp4: false}\n',
    'network:\n  version: 2\n  ethernets:\n    enp1s0:\n      set-name: eth1\n      match: {macaddress: "02:ab:cd:ef:00:01"}\n',
  ];
  it.each(texts.map((t, i) => [i, t] as const))('text %i: same value as the `yaml` package in 1.1 mode', (_i, text) => {
    const expected = YAML.parse(text, { version: '1.1', uniqueKeys: false });
    expect(parseNetworkData(text).raw).toEqual(expected.network && expected.version === undefined ? expected.network : expected);
  });

  it('broken YAML is a NetworkDataParseError', () => {
    expect(() => parseNetworkData('version: 2\nethernets: [\n')).toThrow(NetworkDataParseError);
  });
});
