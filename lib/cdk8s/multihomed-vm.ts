import { Construct } from 'constructs';
import { vmKeys } from '../core/topology/keys';
import { AttachmentSpec, VmSpec } from '../core/topology/model';
import { NetworkEnvironment } from './network-environment';
import type { INetwork } from './vlan-bridge-network';

/** Options of {@link MultihomedVM.addAttachment} / `network.attach(vm, options)`. */
export type AttachOptions = Omit<AttachmentSpec, 'network'>;

/** Props of {@link MultihomedVM}. */
export interface MultihomedVMProps extends Omit<VmSpec, 'name' | 'attachments'> {
  /** @default the construct id */
  readonly name?: string;
  /** Secondary NICs. @default - none; use `network.attach(vm)` */
  readonly attachments?: ReadonlyArray<AttachOptions & { readonly network: INetwork }>;
}

/**
 * A KubeVirt VirtualMachine with secondary NICs on the environment's networks. Interfaces and
 * networks are paired by construction, MACs are pinned (deterministic allocator), cloud-init
 * networkData matches NICs by MAC, and placement follows the node groups that have the bridges.
 */
export class MultihomedVM extends Construct {
  /** VM name. */
  public readonly vmName: string;
  /** VM namespace. */
  public readonly namespace: string;

  constructor(scope: Construct, id: string, props: MultihomedVMProps | { spec: VmSpec }) {
    super(scope, id);
    const spec: VmSpec =
      'spec' in props
        ? props.spec
        : {
            ...props,
            name: props.name ?? id,
            attachments: (props.attachments ?? []).map(({ network, ...o }) => ({ ...o, network: network.networkName })),
          };
    this.vmName = spec.name;
    this.namespace = spec.namespace;
    const env = NetworkEnvironment.of(this);
    env.topology.addVm(spec);
    for (const k of vmKeys(spec)) env._own(this, k);
  }

  /** Hot-plugs (or declares) a NIC on `network`; returns the interface name. */
  public addAttachment(network: INetwork, options: AttachOptions = {}): string {
    const a: AttachmentSpec = { ...options, network: network.networkName };
    NetworkEnvironment.of(this).topology.updateVm(this.namespace, this.vmName, (vm) => ({ ...vm, attachments: [...vm.attachments, a] }));
    return a.name ?? a.network;
  }

  /**
   * First phase of hot-unplug: renders the interface `state: absent` (bridge binding only).
   * Drop the attachment in a later change, once KubeVirt removed it from the VM.
   */
  public unplug(interfaceName: string): void {
    NetworkEnvironment.of(this).topology.updateVm(this.namespace, this.vmName, (vm) => ({
      ...vm,
      attachments: vm.attachments.map((a) => ((a.name ?? a.network) === interfaceName ? { ...a, state: 'absent' as const } : a)),
    }));
  }
}
