import * as pulumi from '@pulumi/pulumi';
import { nadNamesOf, policyNamesOf } from '../core/manifest';
import { AttachOptions, INetwork, networkSpec, VlanBridgeNetworkProps } from '../core/topology/props';
import { TYPE_TOKENS } from './components';
import { EnvironmentPart } from './environment-part';
import type { MultihomedVM } from './multihomed-vm';

/** Args of {@link VlanBridgeNetwork}: the core {@link VlanBridgeNetworkProps} (the cdk8s construct's), namespaces as Inputs. */
export interface VlanBridgeNetworkArgs extends Omit<VlanBridgeNetworkProps, 'namespaces'> {
  /** Namespaces that get a NAD (one each); a name may come from a `k8s.core.v1.Namespace`. @default - none; use `exposeTo` */
  readonly namespaces?: readonly pulumi.Input<string>[];
}

/**
 * One VLAN (or plain bridge) network, from the node's uplink to the NADs in every namespace that
 * may use it: the NNCP and the NADs come from this one component, so bridge names and VLAN ids
 * cannot diverge. Patterns: per-VLAN bridge, VLAN-filtering trunk bridge, bridge on a NIC, OVN
 * localnet — the same as the cdk8s construct.
 */
export class VlanBridgeNetwork extends EnvironmentPart implements INetwork {
  /** References a network declared elsewhere in the same environment (e.g. its data form). */
  public static fromNetworkName(name: string): INetwork {
    return { networkName: name };
  }

  /** Id of the network in the environment. */
  public readonly networkName: string;
  /** Names of the NNCPs rendered from this network (its bridge, where it has one of its own). */
  public readonly policyNames: pulumi.Output<string[]>;
  /** Its NADs, as `namespace/name`. */
  public readonly nadNames: pulumi.Output<string[]>;

  constructor(name: string, args: VlanBridgeNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TYPE_TOKENS.VlanBridgeNetwork, name, opts, [args?.uplink, args?.nodeGroup]);
    const spec = networkSpec(name, args as VlanBridgeNetworkProps);
    this.networkName = spec.name;
    this.scope.declare(this, { kind: 'network', name: spec.name }, (t) => t.addNetwork(spec));
    this.policyNames = this.fromRender((r) => policyNamesOf(r.manifests));
    this.nadNames = this.fromRender((r) => nadNamesOf(r.manifests));
  }

  /**
   * Exposes the network to another namespace (one more NAD) and returns the namespace; exposing it
   * to a namespace it already reaches (the same string) changes nothing.
   */
  public exposeTo(namespace: pulumi.Input<string>): pulumi.Input<string> {
    this.scope.change(this, `expose network ${this.networkName}`, (t) =>
      t.updateNetwork(this.networkName, (n) => (n.namespaces.includes(namespace as string) ? n : { ...n, namespaces: [...n.namespaces, namespace as string] })),
    );
    return namespace;
  }

  /** Attaches a VM to this network (a NIC with a pinned MAC and cloud-init addresses); returns the interface name. */
  public attach(vm: MultihomedVM, options: AttachOptions = {}): string {
    return vm.addAttachment(this, options);
  }

  protected outputsOf(): pulumi.Inputs {
    return { networkName: this.networkName, policyNames: this.policyNames, nadNames: this.nadNames };
  }
}
