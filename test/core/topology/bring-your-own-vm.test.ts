/**
 * Bring your own VM (issue 13 §1, trial bug B8): a complete VirtualMachine goes in, multihome
 * merges only its attachments' interfaces, networks, MACs, networkData and placement into it
 * (lib/core/topology/vm-merge.ts), and everything else comes out as it went in. Real VMs from
 * ../shared/corpus (the KubeVirt API round-trip fixture, the KubeVirt examples, kubemacpool's VM)
 * and the trial's hand-written VM round-trip; each problem code is asserted with its path.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { buildEnvironment } from '../../../lib/core/topology/build';
import { Topology, VmSpec } from '../../../lib/core/topology/model';
import { validateVirtualMachine } from '../../../lib/core/kubevirt/validate';
import { corpusDir, sharedDir } from '../../support/shared';

type Json = any;

const NODE_LABEL = 'multihome.test/net';

/** One node group, one uplink, network `network` (NAD in the VMs' namespaces) and the given VMs. */
function topology(vms: VmSpec[], network = 'mh-net'): Topology {
  const namespaces = vms.map((v) => v.namespace);
  const ns = [...new Set(namespaces)];
  return {
    name: 'byovm',
    nodeGroups: [{ name: 'workers', nodeSelector: { [NODE_LABEL]: 'yes' } }],
    uplinks: [{ name: 'eth1', nodeGroup: 'workers', interface: 'eth1' }],
    networks: [{ name: network, pattern: 'trunk-bridge', uplink: 'eth1', vlan: 300, namespaces: ns }],
    vms,
    namespaces: Object.fromEntries(ns.map((n) => [n, {}])),
    ordering: { syncWaves: false },
    // bridge-marker runs on these nodes, deployed outside the fixture
    silence: ['TOPOLOGY_BRIDGE_MARKER_MISSING'],
  };
}

/** Builds `vms` and returns the rendered VirtualMachine of the first, its Secrets and every problem as `code path`. */
function render(vms: VmSpec[], network?: string) {
  const build = buildEnvironment(topology(vms, network));
  const manifests = build.manifests.map((m) => m.manifest as Json);
  return {
    vm: manifests.find((m) => m.kind === 'VirtualMachine' && m.metadata.name === vms[0].name),
    secrets: manifests.filter((m) => m.kind === 'Secret'),
    problems: build.problems.map((p) => `${p.code} ${p.path}`),
    codes: build.problems.map((p) => p.code),
  };
}

/** A VirtualMachineInstance of the KubeVirt examples as the VM that would run it. */
function vmOfVmi(vmi: Json): Json {
  const { name, namespace, ...templateMeta } = vmi.metadata;
  return { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name, ...(namespace ? { namespace } : {}) }, spec: { runStrategy: 'Halted', template: { metadata: templateMeta, spec: vmi.spec } } };
}

function loadYaml(file: string): Json[] {
  return (yaml.loadAll(fs.readFileSync(file, 'utf8')) as Json[]).filter((d) => d && typeof d === 'object');
}

/** Every VirtualMachine of the corpus and the trial's hand-written one, by a short label. */
function realVms(): Array<[string, Json]> {
  const kv = corpusDir('kubevirt', 'kubevirt-kubevirt@d923fdb8');
  const out: Array<[string, Json]> = [
    ['kubevirt API round-trip VirtualMachine (every field)', loadYaml(path.join(kv, 'staging/src/kubevirt.io/api/apitesting/testdata/HEAD/kubevirt.io.v1.VirtualMachine.yaml'))[0]],
    ['kubemacpool simple-vm', loadYaml(corpusDir('kubevirt', 'k8snetworkplumbingwg-kubemacpool@3f1a7185', 'doc', 'simple-vm.yaml'))[0]],
    ['trial hand-written legacy-db (B8)', loadYaml(path.join(sharedDir(), 'reference/trial-2026-12/env/existing/handwritten.yaml')).find((d) => d.kind === 'VirtualMachine')],
  ];
  for (const f of fs.readdirSync(path.join(kv, 'examples')).sort()) {
    for (const d of loadYaml(path.join(kv, 'examples', f))) if (d.kind === 'VirtualMachineInstance') out.push([`kubevirt example ${f}`, vmOfVmi(d)]);
  }
  return out;
}

const MAC = '02:aa:bb:00:00:01';

/** The VmSpec that adopts `vm` and attaches it to mh-net as `mhnet`. */
function adopt(vm: Json, attachment: Partial<VmSpec['attachments'][number]> = {}): VmSpec {
  return { name: vm.metadata.name, namespace: vm.metadata.namespace ?? 'vms', virtualMachine: vm, attachments: [{ network: 'mh-net', name: 'mhnet', macAddress: MAC, ...attachment }] };
}

/** The first cloud-init volume of a template spec: its index and source key. */
function cloudInitOf(spec: Json): { index: number; key: string } | undefined {
  const index = (spec.volumes ?? []).findIndex((v: Json) => v.cloudInitNoCloud || v.cloudInitConfigDrive);
  return index < 0 ? undefined : { index, key: spec.volumes[index].cloudInitNoCloud ? 'cloudInitNoCloud' : 'cloudInitConfigDrive' };
}

/**
 * `rendered` with exactly what multihome adds for the attachment removed (asserting each as it
 * goes): the interface and network `mhnet` at the end, the node label, the namespace when the
 * input had none, the pod network when the input had no networks.
 */
function withoutOwned(rendered: Json, input: Json): Json {
  const out = structuredClone(rendered);
  const spec = out.spec.template.spec;
  const inputSpec = input.spec.template.spec;
  expect(spec.domain.devices.interfaces.at(-1)).toEqual({ name: 'mhnet', bridge: {}, macAddress: MAC });
  expect(spec.networks.at(-1)).toEqual({ name: 'mhnet', multus: { networkName: 'mh-net' } });
  spec.domain.devices.interfaces.pop();
  spec.networks.pop();
  if (!inputSpec.networks?.length) {
    expect(spec.networks).toEqual([{ name: 'default', pod: {} }]);
    expect(spec.domain.devices.interfaces.at(-1)).toEqual({ name: 'default', masquerade: {} });
    delete spec.networks;
    spec.domain.devices.interfaces.pop();
  }
  if (!inputSpec.domain.devices.interfaces) delete spec.domain.devices.interfaces;
  expect(spec.nodeSelector[NODE_LABEL]).toBe('yes');
  delete spec.nodeSelector[NODE_LABEL];
  if (!inputSpec.nodeSelector) delete spec.nodeSelector;
  if (input.metadata.namespace === undefined) {
    expect(out.metadata.namespace).toBe('vms');
    delete out.metadata.namespace;
  }
  return out;
}

describe.each(realVms())('round trip of a real VM: %s', (_label, input) => {
  it('GIVEN it attached to a network THEN everything outside the network sections is unchanged', () => {
    const before = structuredClone(input);
    const { vm, problems } = render([adopt(input)]);
    expect(problems.filter((p) => /^TOPOLOGY_(VM_FIELD_CONFLICT|VM_NO_BOOT_SOURCE|TEMPLATE_EXTRA_OWNED|SHAPE)/.test(p))).toEqual([]);
    expect(withoutOwned(vm, input)).toEqual({ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', ...input });
    expect(input).toEqual(before);
  });

  it('GIVEN an address on the attachment THEN its networkData joins the VM\'s cloud-init volume, or is a conflict when the volume has networkData already', () => {
    const { vm, problems } = render([adopt(input, { ipv4: ['10.30.0.5/24'] })]);
    const inputSpec = input.spec.template.spec;
    const ci = cloudInitOf(inputSpec);
    const ownNetworkData = ci && ['networkData', 'networkDataBase64', 'networkDataSecretRef'].find((k) => inputSpec.volumes[ci.index][ci.key][k] !== undefined);
    const spec = vm.spec.template.spec;
    if (ci && ownNetworkData) {
      expect(problems.filter((p) => p.startsWith('TOPOLOGY_VM_FIELD_CONFLICT'))).toEqual([`TOPOLOGY_VM_FIELD_CONFLICT virtualMachine.spec.template.spec.volumes[${ci.index}].${ci.key}.${ownNetworkData}`]);
    } else {
      expect(problems.filter((p) => p.startsWith('TOPOLOGY_VM_FIELD_CONFLICT'))).toEqual([]);
    }
    const volume = ci ? spec.volumes[ci.index] : spec.volumes.at(-1);
    const source = volume[ci?.key ?? 'cloudInitNoCloud'];
    expect(source.networkData).toContain(`macaddress: "${MAC}"`);
    expect(source.networkData).toContain('10.30.0.5/24');
    if (ci) {
      for (const k of ['userData', 'userDataBase64', 'secretRef']) expect(source[k]).toEqual(inputSpec.volumes[ci.index][ci.key][k]);
    } else {
      expect(volume.name).toBe('cloudinitdisk');
    }
  });
});

describe('the trial\'s adoption (B8: adopt.ts with existing/handwritten.yaml)', () => {
  const handwritten = () => loadYaml(path.join(sharedDir(), 'reference/trial-2026-12/env/existing/handwritten.yaml')).find((d) => d.kind === 'VirtualMachine');
  const legacyDb = (vm: Json, attach: Json = {}): VmSpec => ({ name: 'legacy-db', namespace: 'team-a', virtualMachine: vm, attachments: [{ network: 'vlan200', name: 'v200', guestName: 'eth1', ...attach }] });

  it('GIVEN the hand-written VM THEN dataVolumeTemplates, cpu, memory.guest, labels, evictionStrategy and its MAC are kept, and no containerDisk or memory request is added', () => {
    const { vm, problems } = render([legacyDb(handwritten())], 'vlan200');
    expect(problems.filter((p) => /^TOPOLOGY_VM_/.test(p))).toEqual([]);
    const input = handwritten();
    expect(vm.metadata.labels).toEqual({ app: 'legacy-db' });
    expect(vm.spec.dataVolumeTemplates).toEqual(input.spec.dataVolumeTemplates);
    expect(vm.spec.runStrategy).toBe('Always');
    const spec = vm.spec.template.spec;
    expect(spec.domain.cpu).toEqual({ cores: 4 });
    expect(spec.domain.memory).toEqual({ guest: '8Gi' });
    expect(spec.domain.resources).toBeUndefined();
    expect(spec.evictionStrategy).toBe('LiveMigrate');
    expect(spec.volumes.map((v: Json) => Object.keys(v).filter((k) => k !== 'name')[0])).toEqual(['dataVolume', 'cloudInitNoCloud']);
    expect(JSON.stringify(vm)).not.toContain('containerDisk');
    expect(spec.domain.devices.interfaces).toEqual([{ name: 'default', masquerade: {} }, { name: 'v200', bridge: {}, macAddress: '02:11:22:33:44:55' }]);
    expect(spec.networks).toEqual([{ name: 'default', pod: {} }, { name: 'v200', multus: { networkName: 'vlan200' } }]);
    expect(spec.volumes[1]).toEqual(input.spec.template.spec.volumes[1]);
  });

  it('GIVEN its networkData moved to the attachment THEN multihome writes it into the VM\'s cloudinitdisk volume with the VM\'s MAC', () => {
    const input = handwritten();
    delete input.spec.template.spec.volumes[1].cloudInitNoCloud.networkData;
    input.spec.template.spec.volumes[1].cloudInitNoCloud.userData = '#cloud-config\nhostname: legacy-db\n';
    const { vm, problems } = render([legacyDb(input, { ipv4: ['10.20.0.50/24'] })], 'vlan200');
    expect(problems.filter((p) => /^TOPOLOGY_VM_/.test(p))).toEqual([]);
    const source = vm.spec.template.spec.volumes[1].cloudInitNoCloud;
    expect(source.userData).toBe('#cloud-config\nhostname: legacy-db\n');
    // the VM's own pod interface gets a pinned MAC, by which networkData keeps DHCP on it (the
    // hand-written file matched it by the name eth0)
    const pod = vm.spec.template.spec.domain.devices.interfaces.find((i: Json) => i.name === 'default');
    expect(pod).toEqual({ name: 'default', masquerade: {}, macAddress: '02:83:11:cd:21:04' });
    expect(yaml.load(source.networkData)).toEqual({
      version: 2,
      ethernets: {
        default: { match: { macaddress: '02:83:11:cd:21:04' }, dhcp4: true },
        eth1: { match: { macaddress: '02:11:22:33:44:55' }, 'set-name': 'eth1', addresses: ['10.20.0.50/24'] },
      },
    });
  });

  it('GIVEN its own networkData and an address on the attachment THEN TOPOLOGY_VM_FIELD_CONFLICT names the volume field, and multihome\'s networkData is rendered', () => {
    const { vm, problems } = render([legacyDb(handwritten(), { ipv4: ['10.20.0.50/24'] })], 'vlan200');
    expect(problems.filter((p) => p.startsWith('TOPOLOGY_VM_FIELD_CONFLICT'))).toEqual(['TOPOLOGY_VM_FIELD_CONFLICT virtualMachine.spec.template.spec.volumes[1].cloudInitNoCloud.networkData']);
    // multihome's (the pod NIC matched by MAC), not the file's (eth0 matched by name)
    expect(vm.spec.template.spec.volumes[1].cloudInitNoCloud.networkData).not.toContain('eth0');
    expect(vm.spec.template.spec.volumes[1].cloudInitNoCloud.networkData).toContain('macaddress: "02:83:11:cd:21:04"');
  });
});

/** A minimal VM with a boot disk of its own, for the rule cases. */
function ownVm(spec: Json = {}, top: Json = {}): Json {
  return {
    ...top,
    spec: {
      ...top.spec,
      template: {
        spec: {
          domain: { devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }] }, ...spec.domain },
          volumes: [{ name: 'root', persistentVolumeClaim: { claimName: 'root' } }],
          ...Object.fromEntries(Object.entries(spec).filter(([k]) => k !== 'domain')),
        },
      },
    },
  };
}

const vm1 = (virtualMachine: Json, extra: Partial<VmSpec> = {}, attach: Json = {}): VmSpec => ({ name: 'vm1', namespace: 'vms', virtualMachine, attachments: [{ network: 'mh-net', macAddress: MAC, ...attach }], ...extra });

describe('what multihome owns, and how the rest merges', () => {
  it('GIVEN the VM\'s own interfaces and networks of other names THEN they are kept in place, multihome\'s after them', () => {
    const vm = ownVm({
      domain: { devices: { interfaces: [{ name: 'default', masquerade: {} }, { name: 'storage', sriov: {} }] } },
      networks: [{ name: 'default', pod: {} }, { name: 'storage', multus: { networkName: 'sriov-storage' } }],
    });
    const { vm: out, problems } = render([vm1(vm)]);
    expect(problems.filter((p) => /^TOPOLOGY_VM_/.test(p))).toEqual([]);
    expect(out.spec.template.spec.domain.devices.interfaces.map((i: Json) => i.name)).toEqual(['default', 'storage', 'mh-net']);
    expect(out.spec.template.spec.networks).toEqual([{ name: 'default', pod: {} }, { name: 'storage', multus: { networkName: 'sriov-storage' } }, { name: 'mh-net', multus: { networkName: 'mh-net' } }]);
  });

  it('GIVEN an interface of the attachment\'s name with extra fields and no MAC on the attachment THEN its fields stay and its MAC is adopted', () => {
    const vm = ownVm({ domain: { devices: { interfaces: [{ name: 'mh-net', bridge: {}, macAddress: '02:AA:BB:00:00:09', bootOrder: 2, acpiIndex: 3 }] } }, networks: [{ name: 'mh-net', multus: { networkName: 'vms/mh-net' } }] });
    const { vm: out, problems } = render([{ ...vm1(vm, {}, { ipv4: ['10.30.0.9/24'] }), attachments: [{ network: 'mh-net', ipv4: ['10.30.0.9/24'] }] }]);
    expect(problems.filter((p) => /^TOPOLOGY_VM_/.test(p))).toEqual([]);
    const spec = out.spec.template.spec;
    // it lists networks without a pod one: no pod network is added (rule 5)
    expect(spec.domain.devices.interfaces).toEqual([{ name: 'mh-net', bridge: {}, macAddress: '02:AA:BB:00:00:09', bootOrder: 2, acpiIndex: 3 }]);
    expect(spec.networks[0]).toEqual({ name: 'mh-net', multus: { networkName: 'vms/mh-net' } });
    expect(spec.volumes.at(-1).cloudInitNoCloud.networkData).toContain('macaddress: "02:aa:bb:00:00:09"');
  });

  it('GIVEN a VM listing networks without a pod network THEN none is added; with podNetwork masquerade it is', () => {
    const vm = ownVm({ domain: { devices: { interfaces: [{ name: 'storage', bridge: {} }] } }, networks: [{ name: 'storage', multus: { networkName: 'storage' } }] });
    expect(render([vm1(vm)]).vm.spec.template.spec.networks.map((n: Json) => n.name)).toEqual(['storage', 'mh-net']);
    expect(render([vm1(vm, { podNetwork: 'masquerade' })]).vm.spec.template.spec.networks.map((n: Json) => n.name)).toEqual(['storage', 'default', 'mh-net']);
  });

  it('GIVEN the VM\'s own pod network under another name and binding THEN it is the pod network, kept as given', () => {
    const vm = ownVm({ domain: { devices: { interfaces: [{ name: 'pod', passtBinding: {} }] } }, networks: [{ name: 'pod', pod: {} }] });
    const { vm: out, problems } = render([vm1(vm)]);
    expect(problems.filter((p) => /^TOPOLOGY_VM_/.test(p))).toEqual([]);
    expect(out.spec.template.spec.domain.devices.interfaces).toEqual([{ name: 'pod', passtBinding: {} }, { name: 'mh-net', bridge: {}, macAddress: MAC }]);
  });

  it('GIVEN an instancetype VM with dataVolumeTemplates and no memory THEN no memory is added and the KubeVirt validation accepts it', () => {
    const vm = {
      spec: {
        instancetype: { name: 'u1.medium' },
        preference: { name: 'rhel.9' },
        dataVolumeTemplates: [{ metadata: { name: 'vm1-root' }, spec: { sourceRef: { kind: 'DataSource', name: 'rhel9' }, storage: { resources: { requests: { storage: '30Gi' } } } } }],
        template: { spec: { domain: { devices: {} }, volumes: [{ name: 'root', dataVolume: { name: 'vm1-root' } }] } },
      },
    };
    const { vm: out, problems } = render([vm1(vm)]);
    expect(problems.filter((p) => /^(TOPOLOGY|KUBEVIRT)_/.test(p) && !p.startsWith('TOPOLOGY_VM_PLACEMENT'))).toEqual([]);
    expect(out.spec.template.spec.domain.resources).toBeUndefined();
    expect(out.spec.instancetype).toEqual({ name: 'u1.medium' });
    expect(validateVirtualMachine(out).filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('GIVEN a ConfigDrive volume THEN the networkData goes into it', () => {
    const vm = ownVm({ volumes: [{ name: 'root', containerDisk: { image: 'example/os:1' } }, { name: 'cd', cloudInitConfigDrive: { userDataBase64: 'I2Nsb3VkLWNvbmZpZwo=' } }] });
    const { vm: out } = render([vm1(vm, {}, { ipv4: ['10.30.0.5/24'] })]);
    const cd = out.spec.template.spec.volumes[1].cloudInitConfigDrive;
    expect(cd.userDataBase64).toBe('I2Nsb3VkLWNvbmZpZwo=');
    expect(cd.networkData).toContain('10.30.0.5/24');
    expect(out.spec.template.spec.volumes).toHaveLength(2);
  });

  it('GIVEN userData in a Secret THEN small networkData is inline beside it and a large one goes to multihome\'s Secret', () => {
    const vm = ownVm({ volumes: [{ name: 'root', containerDisk: { image: 'example/os:1' } }, { name: 'ci', cloudInitNoCloud: { secretRef: { name: 'vm1-userdata' } } }] });
    const small = render([vm1(vm, {}, { ipv4: ['10.30.0.5/24'] })]);
    expect(small.vm.spec.template.spec.volumes[1].cloudInitNoCloud).toEqual({ secretRef: { name: 'vm1-userdata' }, networkData: expect.stringContaining('10.30.0.5/24') });
    expect(small.secrets).toEqual([]);
    const routes = Array.from({ length: 60 }, (_, i) => ({ to: `10.${100 + i}.0.0/16`, via: '10.30.0.1' }));
    const large = render([vm1(vm, {}, { ipv4: ['10.30.0.5/24'], routes })]);
    expect(large.vm.spec.template.spec.volumes[1].cloudInitNoCloud).toEqual({ secretRef: { name: 'vm1-userdata' }, networkDataSecretRef: { name: 'vm1-cloudinit' } });
    expect(large.secrets.map((s) => [s.metadata.name, Object.keys(s.stringData)])).toEqual([['vm1-cloudinit', ['networkdata']]]);
  });

  it('GIVEN cdk8s-style props (camelCase generated names, Quantity-like values, undefined fields) THEN they render as the KubeVirt manifest', () => {
    class Quantity {
      private constructor(public readonly value: string | number) {}
      static fromString(v: string) {
        return new Quantity(v);
      }
    }
    const plain = ownVm({ domain: { devices: { autoattachVSOCK: true }, resources: { requests: { memory: '2Gi' } } }, networks: [{ name: 'default', pod: { vmNetworkCIDR: '10.11.0.0/24' } }] });
    const cdk8s = ownVm({ domain: { devices: { autoattachVsock: true, blockMultiQueue: undefined }, resources: { requests: { memory: Quantity.fromString('2Gi') } } }, networks: [{ name: 'default', pod: { vmNetworkCidr: '10.11.0.0/24' } }] });
    expect(render([vm1(cdk8s)]).vm).toEqual(render([vm1(plain)]).vm);
  });
});

describe('no default image (B8)', () => {
  it('GIVEN a VM without image or disk THEN TOPOLOGY_VM_NO_BOOT_SOURCE at image, and no container disk is rendered', () => {
    const { vm, problems } = render([{ name: 'vm1', namespace: 'vms', attachments: [{ network: 'mh-net' }] }]);
    expect(problems.filter((p) => p.startsWith('TOPOLOGY_VM_NO_BOOT_SOURCE'))).toEqual(['TOPOLOGY_VM_NO_BOOT_SOURCE image']);
    expect(JSON.stringify(vm)).not.toContain('containerDisk');
  });

  it.each<[string, Json, boolean]>([
    ['a VM with only cloud-init', { spec: { template: { spec: { volumes: [{ name: 'ci', cloudInitNoCloud: { userData: '#cloud-config\n' } }] } } } }, true],
    ['dataVolumeTemplates', { spec: { dataVolumeTemplates: [{ metadata: { name: 'r' }, spec: {} }], template: { spec: {} } } }, false],
    ['a PVC volume', ownVm(), false],
    ['a kernel boot container', { spec: { template: { spec: { domain: { firmware: { kernelBoot: { container: { image: 'example/kernel:1' } } } } } } } }, false],
    ['a network boot interface', { spec: { template: { spec: { domain: { devices: { interfaces: [{ name: 'default', masquerade: {}, bootOrder: 1 }] } }, networks: [{ name: 'default', pod: {} }] } } } }, false],
  ])('GIVEN %s THEN TOPOLOGY_VM_NO_BOOT_SOURCE is reported: %s', (_what, virtualMachine, missing) => {
    const { codes } = render([vm1(virtualMachine)]);
    expect(codes.includes('TOPOLOGY_VM_NO_BOOT_SOURCE')).toBe(missing);
  });

  it('GIVEN image THEN a containerdisk volume and disk come first', () => {
    const { vm, problems } = render([{ name: 'vm1', namespace: 'vms', image: 'example/os:1', attachments: [{ network: 'mh-net' }] }]);
    expect(problems.filter((p) => /^TOPOLOGY_VM_/.test(p))).toEqual([]);
    expect(vm.spec.template.spec.volumes[0]).toEqual({ name: 'containerdisk', containerDisk: { image: 'example/os:1' } });
    expect(vm.spec.template.spec.domain.devices.disks[0]).toEqual({ name: 'containerdisk', disk: { bus: 'virtio' } });
    expect(vm.spec.template.spec.domain.resources).toEqual({ requests: { memory: '1Gi' } });
  });
});

describe('TOPOLOGY_VM_FIELD_CONFLICT: a field multihome owns, set differently, names both values', () => {
  const conflict = 'TOPOLOGY_VM_FIELD_CONFLICT';
  it.each<[string, Json, Partial<VmSpec>, Json, string]>([
    ['another MAC on the attachment\'s interface', ownVm({ domain: { devices: { interfaces: [{ name: 'mh-net', bridge: {}, macAddress: '02:00:00:00:00:99' }] } } }), {}, {}, 'virtualMachine.spec.template.spec.domain.devices.interfaces[0].macAddress'],
    ['another binding on the attachment\'s interface', ownVm({ domain: { devices: { interfaces: [{ name: 'mh-net', sriov: {} }] } } }), {}, {}, 'virtualMachine.spec.template.spec.domain.devices.interfaces[0].sriov'],
    ['another NAD on the attachment\'s network', ownVm({ networks: [{ name: 'mh-net', multus: { networkName: 'other' } }] }), {}, {}, 'virtualMachine.spec.template.spec.networks[0].multus.networkName'],
    ['a pod source on the attachment\'s network', ownVm({ networks: [{ name: 'mh-net', pod: {} }] }), {}, {}, 'virtualMachine.spec.template.spec.networks[0].pod'],
    ['a node label the network\'s node group sets otherwise', ownVm({ nodeSelector: { [NODE_LABEL]: 'no', zone: 'a' } }), {}, {}, `virtualMachine.spec.template.spec.nodeSelector["${NODE_LABEL}"]`],
    ['another metadata.name', ownVm({}, { metadata: { name: 'vm2' } }), {}, {}, 'virtualMachine.metadata.name'],
    ['another metadata.namespace', ownVm({}, { metadata: { namespace: 'other' } }), {}, {}, 'virtualMachine.metadata.namespace'],
    ['another kind', ownVm({}, { kind: 'VirtualMachineInstance' }), {}, {}, 'virtualMachine.kind'],
    ['the memory prop beside an instancetype', ownVm({}, { spec: { instancetype: { name: 'u1.small' } } }), { memory: '2Gi' }, {}, 'virtualMachine.spec.instancetype'],
    ['another memory request than the memory prop', ownVm({ domain: { resources: { requests: { memory: '4Gi' } } } }), { memory: '2Gi' }, {}, 'virtualMachine.spec.template.spec.domain.resources.requests.memory'],
    ['running beside the runStrategy prop', ownVm({}, { spec: { running: true } }), { runStrategy: 'Always' }, {}, 'virtualMachine.spec.running'],
    ['another runStrategy than the prop', ownVm({}, { spec: { runStrategy: 'Manual' } }), { runStrategy: 'Always' }, {}, 'virtualMachine.spec.runStrategy'],
    ['podNetwork false beside the VM\'s pod network', ownVm({ networks: [{ name: 'default', pod: {} }], domain: { devices: { interfaces: [{ name: 'default', masquerade: {} }] } } }), { podNetwork: false }, {}, 'virtualMachine.spec.template.spec.networks[0]'],
    ['another podInterfaceName than the VM\'s pod network', ownVm({ networks: [{ name: 'pod', pod: {} }], domain: { devices: { interfaces: [{ name: 'pod', masquerade: {} }] } } }), { podInterfaceName: 'default' }, {}, 'virtualMachine.spec.template.spec.networks[0].name'],
    ['the userData prop beside the volume\'s own', ownVm({ volumes: [{ name: 'root', persistentVolumeClaim: { claimName: 'r' } }, { name: 'ci', cloudInitNoCloud: { userData: '#cloud-config\n' } }] }), { userData: '#cloud-config\nhostname: x\n' }, {}, 'virtualMachine.spec.template.spec.volumes[1].cloudInitNoCloud.userData'],
    ['networkDataBase64 in the cloud-init volume', ownVm({ volumes: [{ name: 'root', persistentVolumeClaim: { claimName: 'r' } }, { name: 'ci', cloudInitNoCloud: { networkDataBase64: 'dmVyc2lvbjogMgo=' } }] }), {}, { ipv4: ['10.30.0.5/24'] }, 'virtualMachine.spec.template.spec.volumes[1].cloudInitNoCloud.networkDataBase64'],
    ['a volume cloudinitdisk that is not cloud-init', ownVm({ volumes: [{ name: 'root', persistentVolumeClaim: { claimName: 'r' } }, { name: 'cloudinitdisk', persistentVolumeClaim: { claimName: 'c' } }] }), {}, { ipv4: ['10.30.0.5/24'] }, 'virtualMachine.spec.template.spec.volumes[1]'],
    ['a volume containerdisk with another image than the image prop', ownVm({ volumes: [{ name: 'containerdisk', containerDisk: { image: 'a/b:1' } }] }), { image: 'a/b:2' }, {}, 'virtualMachine.spec.template.spec.volumes[0]'],
  ])('GIVEN %s THEN the conflict is at its path', (_what, virtualMachine, extra, attach, path) => {
    const { problems } = render([vm1(virtualMachine, extra, attach)]);
    expect(problems.filter((p) => p.startsWith(conflict))).toEqual([`${conflict} ${path}`]);
  });

  it('GIVEN a conflict THEN multihome\'s value is rendered (the NIC stays consistent with its networkData)', () => {
    const vm = ownVm({ domain: { devices: { interfaces: [{ name: 'mh-net', sriov: {}, macAddress: '02:00:00:00:00:99' }] } }, nodeSelector: { [NODE_LABEL]: 'no' } });
    const { vm: out } = render([vm1(vm)]);
    expect(out.spec.template.spec.domain.devices.interfaces[0]).toEqual({ name: 'mh-net', bridge: {}, macAddress: MAC });
    expect(out.spec.template.spec.nodeSelector).toEqual({ [NODE_LABEL]: 'yes' });
  });
});

describe('data form', () => {
  it('GIVEN virtualMachine with a list where a mapping belongs THEN TOPOLOGY_SHAPE at its path, nothing rendered', () => {
    const build = buildEnvironment(topology([vm1({ spec: { template: { spec: { networks: { name: 'x' } } } } })]));
    expect(build.problems.map((p) => `${p.code} ${p.path}`)).toEqual(['TOPOLOGY_SHAPE vms[0].virtualMachine.spec.template.spec.networks']);
    expect(build.manifests).toEqual([]);
  });

  it('GIVEN virtualMachine without spec THEN TOPOLOGY_SHAPE at virtualMachine.spec', () => {
    const build = buildEnvironment(topology([vm1({ metadata: { name: 'vm1' } })]));
    expect(build.problems.map((p) => `${p.code} ${p.path}`)).toEqual(['TOPOLOGY_SHAPE vms[0].virtualMachine.spec']);
  });
});

describe('hostile virtualMachine values (never an exception)', () => {
  it('GIVEN functions and a cycle inside the VM THEN they are dropped as JSON drops them, and the VM renders', () => {
    const vm: Json = ownVm({ domain: { devices: { autoattachSerialConsole: true } } });
    vm.spec.template.spec.hook = () => 1;
    vm.spec.template.spec.self = vm.spec;
    const { vm: out } = render([vm1(vm)]);
    expect(out.spec.template.spec.hook).toBeUndefined();
    expect(out.spec.template.spec.self).toBeUndefined();
    expect(out.spec.template.spec.domain.devices.autoattachSerialConsole).toBe(true);
  });
});
