/**
 * GitOps ordering and the two-phase lifecycle, through the constructs as a user writes them:
 * sync waves by layer (configurable, with an off switch), network decommission with
 * `state: 'absent'` (interfaces absent in the NNCP, NADs dropped, refused while a VM uses it) and
 * hot-unplug of a VM NIC (`state: absent` on the interface).
 */
import { Testing } from 'cdk8s';
import { MultihomedVM, NetworkEnvironment, NetworkEnvironmentProps, NodeGroup, Uplink, VlanBridgeNetwork } from '../../lib/cdk8s';

const quiet = { warn: () => undefined };
const WAVE = 'argocd.argoproj.io/sync-wave';

/** Two VLANs on a trunk bridge, one VM on VLAN 100; `decommission` marks VLAN 200 (or 100) absent. */
function build(props: NetworkEnvironmentProps = {}, opts: { absent?: number; vmOn200?: boolean; unplug?: boolean } = {}) {
  const env = new NetworkEnvironment(Testing.app(), 'e', { prerequisites: { nmstate: true }, ...quiet, ...props });
  const nodes = new NodeGroup(env, 'workers', { nodeSelector: { 'node-role.kubernetes.io/worker': '' } });
  const eth1 = new Uplink(env, 'eth1', { nodeGroup: nodes, interface: 'eth1' });
  const net = (vlan: number) =>
    new VlanBridgeNetwork(env, `v${vlan}`, {
      uplink: eth1, pattern: 'vlan-bridge', vlan, bridge: `br${vlan}`, namespaces: ['vms'], subnets: [`10.${vlan}.0.0/24`],
      ...(opts.absent === vlan ? { state: 'absent' as const } : {}),
    });
  const v100 = net(100);
  const v200 = net(200);
  const vm = new MultihomedVM(env, 'vm1', { namespace: 'vms', image: 'quay.io/containerdisks/fedora:40' });
  v100.attach(vm, { name: 'nic100', ipv4: ['10.100.0.10/24'] });
  if (opts.vmOn200) v200.attach(vm, { name: 'nic200', ipv4: ['10.200.0.10/24'] });
  if (opts.unplug) vm.unplug('nic200');
  return env;
}

const ids = (objs: any[]) => objs.map((o) => `${o.kind}/${o.metadata.name}`);

describe('ordering', () => {
  it('writes prerequisites → NNCPs → NADs → VMs with default waves -20/-10/-5/0', () => {
    const objs = Testing.synth(build());
    expect(ids(objs)).toEqual([
      'NMState/nmstate',
      'NodeNetworkConfigurationPolicy/v100-workers',
      'NodeNetworkConfigurationPolicy/v200-workers',
      'NetworkAttachmentDefinition/v100',
      'NetworkAttachmentDefinition/v200',
      'VirtualMachine/vm1',
    ]);
    expect(objs.map((o) => o.metadata.annotations?.[WAVE])).toEqual(['-20', '-10', '-10', '-5', '-5', '0']);
  });

  it('takes custom waves and can turn them off', () => {
    const custom = Testing.synth(build({ ordering: { waves: { nncp: 1, nad: 2, vm: 3 } } }));
    expect(custom.map((o) => o.metadata.annotations?.[WAVE])).toEqual(['-20', '1', '1', '2', '2', '3']);
    const off = Testing.synth(build({ ordering: { syncWaves: false } }));
    expect(off.every((o) => o.metadata.annotations?.[WAVE] === undefined)).toBe(true);
    expect(ids(off)).toEqual(ids(custom));
  });
});

describe('decommission (two-phase)', () => {
  it('state absent renders the VLAN and bridge absent (bridge first) and drops the NADs', () => {
    const objs = Testing.synth(build({}, { absent: 200 }));
    const policy = objs.find((o) => o.metadata.name === 'v200-workers');
    expect(policy.spec.desiredState.interfaces.map((i: any) => [i.name, i.state])).toEqual([
      ['br200', 'absent'],
      ['eth1.200', 'absent'],
    ]);
    expect(ids(objs)).not.toContain('NetworkAttachmentDefinition/v200');
    expect(ids(objs)).toContain('NetworkAttachmentDefinition/v100');
  });

  it('is refused while a VM still uses the network, naming both', () => {
    const env = build({}, { absent: 200, vmOn200: true });
    expect(() => Testing.synth(env)).toThrow(/TOPOLOGY_[A-Z_]*ABSENT[A-Z_]*.*vm1|vm1.*TOPOLOGY_[A-Z_]*ABSENT/s);
  });

  it('hot-unplug renders the interface state absent and keeps its network entry until removed', () => {
    const objs = Testing.synth(build({}, { vmOn200: true, unplug: true }));
    const vm = objs.find((o) => o.kind === 'VirtualMachine').spec.template.spec;
    expect(vm.domain.devices.interfaces.find((i: any) => i.name === 'nic200')).toMatchObject({ bridge: {}, state: 'absent' });
    expect(vm.networks.map((n: any) => n.name)).toContain('nic200');
    // cloud-init no longer configures the unplugged NIC
    const nd = vm.volumes.find((v: any) => v.cloudInitNoCloud).cloudInitNoCloud.networkData;
    expect(nd).toContain('10.100.0.10/24');
    expect(nd).not.toContain('10.200.0.10/24');
  });
});
