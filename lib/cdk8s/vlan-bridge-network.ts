import { Construct } from 'constructs';
import { INetwork, networkSpec, VlanBridgeNetworkProps } from '../core/topology/props';
import { declareSpec, environmentOf } from './environment-scope';
import type { AttachOptions, MultihomedVM } from './multihomed-vm';

export type { INetwork, VlanBridgeNetworkProps } from '../core/topology/props';

/**
 * One VLAN (or plain bridge) network, from the node's uplink to the NADs in every namespace
 * that may use it: the NNCP and the NADs are rendered from this one object, so bridge names
 * and VLAN ids cannot diverge. Patterns: per-VLAN bridge (seed 001), VLAN-filtering trunk
 * bridge shared by many VLANs (seed 004), bridge on a NIC (seed 000), OVN localnet.
 */
export class VlanBridgeNetwork extends Construct implements INetwork {
  /** References a network declared elsewhere in the same environment (e.g. in an environment file). */
  public static fromNetworkName(_scope: Construct, _id: string, name: string): INetwork {
    return { networkName: name };
  }

  /** Id of the network in the environment. */
  public readonly networkName: string;

  constructor(scope: Construct, id: string, props: VlanBridgeNetworkProps) {
    super(scope, id);
    const spec = networkSpec(id, props);
    this.networkName = spec.name;
    declareSpec(this, { kind: 'network', name: spec.name }, (t) => t.addNetwork(spec));
  }

  /** Exposes the network to another namespace (one more NAD) and returns the namespace; exposing it to a namespace it already reaches changes nothing. */
  public exposeTo(namespace: string): string {
    environmentOf(this).topology.updateNetwork(this.networkName, (n) => (n.namespaces.includes(namespace) ? n : { ...n, namespaces: [...n.namespaces, namespace] }));
    return namespace;
  }

  /** Attaches a VM to this network (a NIC with a pinned MAC and cloud-init addresses); returns the interface name. */
  public attach(vm: MultihomedVM, options: AttachOptions = {}): string {
    return vm.addAttachment(this, options);
  }
}
