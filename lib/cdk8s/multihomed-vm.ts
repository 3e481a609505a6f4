import { Construct } from 'constructs';
import { AttachmentSpec, VmSpec } from '../core/topology/model';
import { vmOrigin } from '../core/topology/origin';
import { AttachOptions, attachmentSpec, INetwork, MultihomedVMProps, vmSpec } from '../core/topology/props';
import { unplugAttachment } from '../core/topology/unplug';
import { declareSpec, environmentOf } from './environment-scope';
import { atConstruct } from './problem-validation';

export type { AttachOptions, MultihomedVMProps, VmAttachmentProps } from '../core/topology/props';

/**
 * A KubeVirt VirtualMachine with secondary NICs on the environment's networks. Interfaces and
 * networks are paired by construction, MACs are pinned (deterministic allocator), cloud-init
 * networkData matches NICs by MAC, and placement follows the node groups that have the bridges.
 */
export class MultihomedVM extends Construct {
  /** `metadata.name` of the VirtualMachine. */
  public readonly vmName: string;
  /** `metadata.namespace` of the VirtualMachine. */
  public readonly namespace: string;
  /** This construct's own spec in the environment (the VMs are matched by identity, not by name). */
  private spec: VmSpec;

  constructor(scope: Construct, id: string, props: MultihomedVMProps) {
    super(scope, id);
    const spec = vmSpec(id, props);
    this.vmName = spec.name;
    this.namespace = spec.namespace;
    this.spec = declareSpec(this, vmOrigin(spec), (t) => t.addVm(spec));
  }

  /** Hot-plugs (or declares) a NIC on `network`; returns the interface name. */
  public addAttachment(network: INetwork, options: AttachOptions = {}): string {
    const a: AttachmentSpec = attachmentSpec(network, options);
    this.spec = environmentOf(this).topology.replaceVm(this.spec, (vm) => ({ ...vm, attachments: [...vm.attachments, a] }));
    return a.name ?? a.network;
  }

  /**
   * First phase of hot-unplug: renders the interface `state: absent` (bridge binding only).
   * Drop the attachment in a later change, once KubeVirt removed it from the VM. A name that is
   * not an attachment of the VM at this point (a typo, the pod network) is reported at synth
   * (`TOPOLOGY_UNPLUG_UNKNOWN`, with the names it has) and changes nothing.
   */
  public unplug(interfaceName: string): void {
    const env = environmentOf(this);
    const { vm, problems } = unplugAttachment(this.spec, interfaceName);
    this.spec = env.topology.replaceVm(this.spec, () => vm);
    if (problems.length) env._addProblems(atConstruct(problems, this.node.path));
  }
}
