/**
 * cloud-init parts above KubeVirt's 2048-byte inline limit (vmi-create-admitter.go
 * cloudInitUserMaxLen / cloudInitNetworkMaxLen) go into a Secret the VM refers to: rendered by the
 * core after its VM, owned by the VM's construct on the cdk8s side (also when the VM grows past
 * the limit through later `attach` calls), and dropped again when it shrinks.
 */
import { Testing } from 'cdk8s';
import { lab } from '../../apps/environments/lab';
import { MultihomedVM, NetworkEnvironment, NodeGroup, Uplink, VlanBridgeNetwork } from '../../lib/cdk8s';
import { Topology } from '../../lib/core/topology/model';
import { renderTopology } from '../../lib/core/topology/render';
import { buildEnvironment } from '../../lib/core/topology/build';

/** What cdk8s writes: the build's manifests (render + target annotations, lib/core/render/targets.ts). */
const builtManifests = (t: Parameters<typeof buildEnvironment>[0]) => buildEnvironment(t).manifests.map((m) => m.manifest);
import { validateEnvironment } from '../../lib/core/topology/validate-environment';

const quiet = { warn: () => undefined };
const BIG_USER_DATA = '#cloud-config\nwrite_files:\n' + Array.from({ length: 60 }, (_, i) => `  - path: /etc/motd.d/${i}\n    content: "line ${i} of a long banner"\n`).join('');

const withBigUserData = (): Topology => ({ ...lab, vms: lab.vms.map((vm) => (vm.name === 'vma' ? { ...vm, userData: BIG_USER_DATA } : vm)) });

describe('cloud-init Secret for large parts', () => {
  it('the core renders vma-cloudinit right after vma and the VM refers to it; nothing changes for small VMs', () => {
    expect(Buffer.byteLength(BIG_USER_DATA)).toBeGreaterThan(2048);
    const ms = renderTopology(withBigUserData());
    expect(ms.map((m) => `${m.kind}/${m.metadata.name}`).slice(-3)).toEqual(['VirtualMachine/vma', 'Secret/vma-cloudinit', 'VirtualMachine/vmb']);
    const secret = ms.find((m) => m.kind === 'Secret')!;
    expect(secret).toMatchObject({ apiVersion: 'v1', type: 'Opaque', metadata: { name: 'vma-cloudinit', namespace: 'default' }, stringData: { userdata: BIG_USER_DATA } });
    const vma = ms.find((m) => m.metadata.name === 'vma') as any;
    const source = vma.spec.template.spec.volumes.find((v: any) => v.cloudInitNoCloud).cloudInitNoCloud;
    expect(source.secretRef).toEqual({ name: 'vma-cloudinit' });
    expect(source.userData).toBeUndefined();
    expect(source.networkData).toContain('10.200.0.1/24'); // small part stays inline
    expect(renderTopology(lab).some((m) => m.kind === 'Secret')).toBe(false);
    expect(validateEnvironment(withBigUserData(), ms).filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('cdk8s synth of the environment equals the core render, Secret included', () => {
    const env = new NetworkEnvironment(Testing.app(), 'lab', { environment: withBigUserData(), ...quiet });
    expect(Testing.synth(env)).toEqual(JSON.parse(JSON.stringify(builtManifests(withBigUserData()))));
  });

  it('a VM that outgrows the limit through attach() gets its Secret, placed after it and owned by it', () => {
    const env = new NetworkEnvironment(Testing.app(), 'e', quiet);
    const nodes = new NodeGroup(env, 'nodes', { nodeSelector: { 'node-role.kubernetes.io/worker': '' } });
    const eth1 = new Uplink(env, 'eth1', { nodeGroup: nodes, interface: 'eth1' });
    const vm = new MultihomedVM(env, 'big', { namespace: 'default', image: 'quay.io/containerdisks/fedora:40' });
    new MultihomedVM(env, 'small', { namespace: 'default', image: 'quay.io/containerdisks/fedora:40' });
    for (let v = 100; v < 112; v++) {
      const net = new VlanBridgeNetwork(env, `n${v}`, { uplink: eth1, bridge: 'br0', vlan: v, namespaces: ['default'], subnets: [`10.${v}.0.0/24`] });
      net.attach(vm, { ipv4: [`10.${v}.0.10/24`], ipv6: [`fd00:${v}::10/64`], nameservers: ['10.0.0.53', '10.0.0.54'], routes: [{ to: `10.${v + 100}.0.0/16`, via: `10.${v}.0.1` }] });
    }
    const objs = Testing.synth(env);
    const order = objs.filter((o) => o.kind === 'VirtualMachine' || o.kind === 'Secret').map((o) => `${o.kind}/${o.metadata.name}`);
    expect(order).toEqual(['VirtualMachine/big', 'Secret/big-cloudinit', 'VirtualMachine/small']);
    expect(objs.find((o) => o.kind === 'Secret').stringData.networkdata).toContain('10.111.0.10/24');
    expect(env.ownerPath('Secret', 'big-cloudinit', 'default')).toBe('e/big');
  });
});
