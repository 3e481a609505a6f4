import { Construct } from 'constructs';
import { networkKeys } from '../core/topology/keys';
import { NetworkPattern, NetworkSpec } from '../core/topology/model';
import type { MultihomedVM, AttachOptions } from './multihomed-vm';
import { NetworkEnvironment } from './network-environment';
import { IUplink } from './uplink';

/** An L2 network VMs can attach to. */
export interface INetwork {
  /** Id of the network in the environment. */
  readonly networkName: string;
}

/**
 * Props of {@link VlanBridgeNetwork}: the core {@link NetworkSpec} (same names, same defaults —
 * see lib/core/topology/model.ts), with the uplink as a construct and name/pattern/bridge/
 * namespaces optional.
 */
export interface VlanBridgeNetworkProps extends Omit<NetworkSpec, 'name' | 'uplink' | 'pattern' | 'bridge' | 'namespaces'> {
  /** @default the construct id */
  readonly name?: string;
  readonly uplink: IUplink;
  /**
   * How the network reaches VMs.
   * @default NetworkPattern.TRUNK_BRIDGE when `vlan` is set, NetworkPattern.BRIDGE otherwise
   */
  readonly pattern?: NetworkPattern | `${NetworkPattern}`;
  /** Bridge name on the nodes. @default `br<vlan>` (per-VLAN), `br0` (trunk), or the network name */
  readonly bridge?: string;
  /** Namespaces that get a NAD (one each). @default - none; use `exposeTo` */
  readonly namespaces?: readonly string[];
}

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

  public readonly networkName: string;

  constructor(scope: Construct, id: string, props: VlanBridgeNetworkProps | { spec: NetworkSpec }) {
    super(scope, id);
    const spec = 'spec' in props ? props.spec : VlanBridgeNetwork.specOf(id, props);
    this.networkName = spec.name;
    NetworkEnvironment.of(this).topology.addNetwork(spec);
    this.ownObjects();
  }

  private static specOf(id: string, p: VlanBridgeNetworkProps): NetworkSpec {
    const name = p.name ?? id;
    const pattern = (p.pattern ?? (p.vlan ? NetworkPattern.TRUNK_BRIDGE : NetworkPattern.BRIDGE)) as NetworkPattern;
    const bridge =
      p.bridge ?? (pattern === NetworkPattern.VLAN_BRIDGE ? `br${p.vlan}` : pattern === NetworkPattern.TRUNK_BRIDGE ? 'br0' : name);
    const { uplink, namespaces, ...rest } = p;
    return { ...rest, name, pattern, bridge, uplink: uplink.uplinkName, namespaces: [...(namespaces ?? [])] };
  }

  /** Exposes the network to another namespace (one more NAD) and returns the namespace. */
  public exposeTo(namespace: string): string {
    const env = NetworkEnvironment.of(this);
    env.topology.updateNetwork(this.networkName, (n) => ({ ...n, namespaces: [...n.namespaces, namespace] }));
    this.ownObjects();
    return namespace;
  }

  /** Attaches a VM to this network (a NIC with a pinned MAC and cloud-init addresses). */
  public attach(vm: MultihomedVM, options: AttachOptions = {}): string {
    return vm.addAttachment(this, options);
  }

  private ownObjects(): void {
    const env = NetworkEnvironment.of(this);
    const t = env.topology.topology();
    for (const k of networkKeys(t, env.topology.network(this.networkName)!)) env._own(this, k);
  }
}
