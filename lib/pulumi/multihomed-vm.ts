import * as pulumi from '@pulumi/pulumi';
import { AttachmentSpec, VmSpec } from '../core/topology/model';
import { AttachOptions, attachmentSpec, INetwork, MultihomedVMProps, vmSpec } from '../core/topology/props';
import { unplugAttachment } from '../core/topology/unplug';
import { VirtualMachineInput } from '../core/topology/vm-source';
import { TYPE_TOKENS } from './components';
import { EnvironmentPart } from './environment-part';
import { containsInputs } from './inputs';

/**
 * Args of {@link MultihomedVM}: the core {@link MultihomedVMProps} (the cdk8s construct's), with
 * the values that come from other resources in real programs as Inputs: the namespace (a
 * `k8s.core.v1.Namespace`'s name), the image, nodeSelector values, and the VM brought whole.
 */
export interface MultihomedVMArgs extends Omit<MultihomedVMProps, 'namespace' | 'image' | 'nodeSelector' | 'virtualMachine'> {
  /** `metadata.namespace` of the VirtualMachine. */
  readonly namespace: pulumi.Input<string>;
  /** containerDisk image. @default - none (then `virtualMachine` brings the boot disk) */
  readonly image?: pulumi.Input<string>;
  /** Explicit placement; must lie inside the node groups of every attached network. @default - the networks' node groups */
  readonly nodeSelector?: Readonly<Record<string, pulumi.Input<string>>>;
  /** A complete VirtualMachine to bring (a manifest, or an Output of one); multihome merges only its NICs into it. @default - none */
  readonly virtualMachine?: pulumi.Input<VirtualMachineInput>;
}

/**
 * A KubeVirt VirtualMachine with secondary NICs on the environment's networks: interfaces and
 * networks paired by construction, pinned MACs, cloud-init networkData matching them by MAC,
 * placement from the networks' node groups — the same as the cdk8s construct.
 */
export class MultihomedVM extends EnvironmentPart {
  /** `metadata.name` of the VirtualMachine. */
  public readonly vmName: string;
  /** `metadata.namespace` of the VirtualMachine. */
  public readonly namespace: pulumi.Output<string>;
  /** MAC per secondary interface name. */
  public readonly macs: pulumi.Output<Record<string, string>>;
  /** Static addresses (CIDR) per secondary interface name. */
  public readonly addresses: pulumi.Output<Record<string, string[]>>;
  /** This component's own spec in the environment (VMs are matched by identity, not by name). */
  private spec: VmSpec;

  constructor(name: string, args: MultihomedVMArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TYPE_TOKENS.MultihomedVM, name, opts, (args?.attachments ?? []).map((a) => a?.network));
    const { virtualMachine, ...rest } = args ?? ({} as MultihomedVMArgs);
    // a VM with Inputs inside is made plain JSON when they have settled (the merge does it then)
    const raw = virtualMachine !== undefined && containsInputs(virtualMachine);
    const spec = vmSpec(name, { ...(rest as MultihomedVMProps), ...(virtualMachine !== undefined && !raw ? { virtualMachine: virtualMachine as VirtualMachineInput } : {}) });
    this.vmName = spec.name;
    this.spec = this.scope.declare(this, { kind: 'vm', name: spec.name }, (t) => t.addVm(raw ? { ...spec, virtualMachine: virtualMachine as VirtualMachineInput } : spec));
    this.namespace = pulumi.output(args.namespace);
    const own = this.fromRender((r) => {
      const vm = r.manifests.find((m) => m.kind === 'VirtualMachine');
      return (vm && r.vmNetwork(vm.metadata.namespace ?? '', this.vmName)) ?? { macs: {}, addresses: {} };
    });
    this.macs = own.apply((o) => o.macs);
    this.addresses = own.apply((o) => o.addresses);
  }

  /** Hot-plugs (or declares) a NIC on `network`; returns the interface name. */
  public addAttachment(network: INetwork, options: AttachOptions = {}): string {
    const a: AttachmentSpec = attachmentSpec(network, options);
    this.spec = this.scope.change(this, `attach VM ${this.vmName}`, (t) => t.replaceVm(this.spec, (vm) => ({ ...vm, attachments: [...vm.attachments, a] })));
    return a.name ?? a.network;
  }

  /**
   * First phase of hot-unplug: renders the interface `state: absent` (bridge binding only). Drop
   * the attachment in a later change, once KubeVirt removed it from the VM. An unknown name is
   * reported with the environment's problems (`TOPOLOGY_UNPLUG_UNKNOWN`) and changes nothing.
   */
  public unplug(interfaceName: string): void {
    const { vm, problems } = unplugAttachment(this.spec, interfaceName);
    this.spec = this.scope.change(this, `unplug ${interfaceName} from VM ${this.vmName}`, (t) => t.replaceVm(this.spec, () => vm));
    if (problems.length) this.scope.addProblems(problems.map((p) => ({ ...p, resource: { ...p.resource, constructPath: this.partName } })));
  }

  protected outputsOf(): pulumi.Inputs {
    return { vmName: this.vmName, namespace: this.namespace, macs: this.macs, addresses: this.addresses };
  }
}
