/**
 * `MultihomedVM` given the props of the cdk8s-imported `VirtualMachine` (imports/kubevirt.io.ts:
 * camelCase generated names, cdk8s `Quantity` values) renders the same VirtualMachine as given the
 * plain manifest (issue 13 §1).
 */
import { Testing } from 'cdk8s';
import { Quantity } from 'cdk8s-plus-28/lib/imports/k8s';
import { VirtualMachine, VirtualMachineProps } from '../../imports/kubevirt.io';
import { MultihomedVM, NetworkEnvironment, NodeGroup, Uplink, VlanBridgeNetwork } from '../../lib/cdk8s';

const quiet = { warn: () => undefined };

/** The VirtualMachine one MultihomedVM renders from `virtualMachine`, and the environment's problems. */
function synthVm(virtualMachine: NonNullable<ConstructorParameters<typeof MultihomedVM>[2]['virtualMachine']>) {
  const env = new NetworkEnvironment(Testing.app(), 'byovm', { ordering: { syncWaves: false }, namespaces: { 'team-a': {} }, ...quiet });
  const workers = new NodeGroup(env, 'workers', { nodeSelector: { 'node-role.kubernetes.io/worker': '' } });
  const eth1 = new Uplink(env, 'eth1', { nodeGroup: workers, interface: 'eth1' });
  const vlan200 = new VlanBridgeNetwork(env, 'vlan200', { uplink: eth1, pattern: 'trunk-bridge', vlan: 200, namespaces: ['team-a'] });
  const vm = new MultihomedVM(env, 'db', { namespace: 'team-a', virtualMachine });
  vlan200.attach(vm, { name: 'v200', ipv4: ['10.20.0.5/24'] });
  return { vm: Testing.synth(env).find((o) => o.kind === 'VirtualMachine'), problems: env.problems().map((p) => `${p.code} ${p.path}`) };
}

const imported: VirtualMachineProps = {
  metadata: { name: 'db', labels: { app: 'db' } },
  spec: {
    runStrategy: 'Always',
    template: {
      spec: {
        domain: {
          cpu: { cores: 2 },
          devices: { autoattachVsock: true, disks: [{ name: 'root', dedicatedIoThread: true, disk: { bus: 'virtio' } }], interfaces: [{ name: 'default', masquerade: {} }] },
          resources: { requests: { memory: Quantity.fromString('2Gi') } },
        },
        networks: [{ name: 'default', pod: { vmNetworkCidr: '10.11.0.0/24' } }],
        volumes: [{ name: 'root', persistentVolumeClaim: { claimName: 'db-root' } }],
      },
    },
  },
};

const plain = {
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name: 'db', labels: { app: 'db' } },
  spec: {
    runStrategy: 'Always',
    template: {
      spec: {
        domain: {
          cpu: { cores: 2 },
          devices: { autoattachVSOCK: true, disks: [{ name: 'root', dedicatedIOThread: true, disk: { bus: 'virtio' } }], interfaces: [{ name: 'default', masquerade: {} }] },
          resources: { requests: { memory: '2Gi' } },
        },
        networks: [{ name: 'default', pod: { vmNetworkCIDR: '10.11.0.0/24' } }],
        volumes: [{ name: 'root', persistentVolumeClaim: { claimName: 'db-root' } }],
      },
    },
  },
};

describe('MultihomedVM virtualMachine from the cdk8s-imported VirtualMachine', () => {
  it('GIVEN the imported props THEN the VM renders exactly as from the plain manifest, with KubeVirt field names and plain quantities', () => {
    const fromImported = synthVm(imported);
    const fromPlain = synthVm(plain);
    expect(fromImported.problems.filter((p) => p.startsWith('TOPOLOGY_VM_') || p.startsWith('TOPOLOGY_SHAPE'))).toEqual([]);
    expect(fromImported.vm).toEqual(fromPlain.vm);
    const spec = fromImported.vm.spec.template.spec;
    expect(spec.domain.devices.autoattachVSOCK).toBe(true);
    expect(spec.domain.devices.disks[0].dedicatedIOThread).toBe(true);
    expect(spec.domain.resources.requests.memory).toBe('2Gi');
    expect(spec.networks[0]).toEqual({ name: 'default', pod: { vmNetworkCIDR: '10.11.0.0/24' } });
    expect(spec.domain.devices.interfaces.map((i: { name: string }) => i.name)).toEqual(['default', 'v200']);
  });

  it('GIVEN the imported props THEN they are what the generated VirtualMachine.manifest writes (multihome adds only its sections)', () => {
    const manifest = VirtualMachine.manifest(imported);
    const { vm } = synthVm(manifest);
    expect(vm.spec.template.spec.domain.devices.autoattachVSOCK).toBe(true);
    expect(vm).toEqual(synthVm(imported).vm);
  });
});

describe('MultihomedVM virtualMachine problems', () => {
  it('GIVEN a VM whose own interface of the attachment has another MAC THEN TOPOLOGY_VM_FIELD_CONFLICT is on the construct, at the virtualMachine prop path', () => {
    const env = new NetworkEnvironment(Testing.app(), 'byovm', { namespaces: { 'team-a': {} }, ...quiet });
    const workers = new NodeGroup(env, 'workers', { nodeSelector: { 'node-role.kubernetes.io/worker': '' } });
    const eth1 = new Uplink(env, 'eth1', { nodeGroup: workers, interface: 'eth1' });
    const vlan200 = new VlanBridgeNetwork(env, 'vlan200', { uplink: eth1, pattern: 'trunk-bridge', vlan: 200, namespaces: ['team-a'] });
    const withMac = { ...plain, spec: { ...plain.spec, template: { spec: { ...plain.spec.template.spec, domain: { ...plain.spec.template.spec.domain, devices: { ...plain.spec.template.spec.domain.devices, interfaces: [{ name: 'default', masquerade: {} }, { name: 'v200', bridge: {}, macAddress: '02:00:00:00:00:99' }] } } } } } };
    const vm = new MultihomedVM(env, 'db', { namespace: 'team-a', virtualMachine: withMac });
    vlan200.attach(vm, { name: 'v200', macAddress: '02:00:00:00:00:01' });
    const problems = env.problems().filter((p) => p.code === 'TOPOLOGY_VM_FIELD_CONFLICT');
    expect(problems.map((p) => `${p.resource.constructPath} ${p.path}`)).toEqual(['byovm/db virtualMachine.spec.template.spec.domain.devices.interfaces[1].macAddress']);
  });
});
