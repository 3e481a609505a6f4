/**
 * The lab stack written with the components, the way a Pulumi user writes their own program:
 * seed 004 (two nodes, `br0` on `eth1`, VLAN 100 as NAD `br0-100-l2`, VMs `vma` and `vmb`), the
 * same objects as the data form in apps/environments/lab.ts (test/pulumi/program.test.ts).
 */
import * as pulumi from '@pulumi/pulumi';
import { lab } from '../environments/lab';
import { ClusterNetworkPrerequisites, MultihomedVM, NetworkAgent, NetworkEnvironment, NetworkEnvironmentArgs, NodeGroup, Uplink, VlanBridgeNetwork } from '../../lib/pulumi';

/** What the stack config decides for the lab program. */
export interface LabOptions extends Omit<NetworkEnvironmentArgs, 'environment'> {
  /** Namespace of the VMs and their NAD. @default 'default' */
  readonly namespace?: pulumi.Input<string>;
  /** Agent image. @default - multihome's */
  readonly agentImage?: pulumi.Input<string>;
}

/** Declares the lab environment with components and returns it. */
export function labWithComponents(name: string, options: LabOptions = {}): NetworkEnvironment {
  const { namespace = 'default', agentImage, ...args } = options;
  const env = new NetworkEnvironment(name, { name: 'lab', platform: 'vanilla', silence: lab.silence, ...args });
  const inEnv = { parent: env };
  new ClusterNetworkPrerequisites('prerequisites', { nmstate: true, networkAddons: { multus: true, linuxBridge: true, imagePullPolicy: 'Always' } }, inEnv);
  // the seed's NNCP has no nodeSelector: kubevirtci's two nodes both run VMs
  const nodes = new NodeGroup('nodes', { nodeSelector: {}, nodes: ['node01', 'node02'] }, inEnv);
  const eth1 = new Uplink('eth1', { nodeGroup: nodes, interface: 'eth1' });
  const br0100 = new VlanBridgeNetwork('br0-100', {
    uplink: eth1, pattern: 'trunk-bridge', bridge: 'br0', vlan: 100, nadName: 'br0-100-l2', cniName: 'br0-100-l2-config',
    policyName: 'br0-eth1', plugin: 'bridge', tuning: true, namespaces: [namespace], subnets: ['10.200.0.0/24'],
  });
  for (const v of lab.vms) {
    const vm = new MultihomedVM(v.name, { namespace, nodeSelector: v.nodeSelector, memory: v.memory, image: v.image, userData: v.userData }, inEnv);
    for (const { network: _network, ...a } of v.attachments) br0100.attach(vm, a);
  }
  new NetworkAgent('agent', { mode: 'observe', ...(agentImage !== undefined ? { image: agentImage } : {}) }, inEnv);
  return env;
}
