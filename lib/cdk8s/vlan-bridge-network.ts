import { Construct } from 'constructs';
import { networkKeys } from '../core/topology/keys';
import { BridgePlugin, Cidr, HostIpSpec, IpamSpec, NetworkPattern, NetworkSpec } from '../core/topology/model';
import type { MultihomedVM, AttachOptions } from './multihomed-vm';
import { NetworkEnvironment } from './network-environment';
import { IUplink } from './uplink';

/** An L2 network VMs can attach to. */
export interface INetwork {
  /** Id of the network in the environment. */
  readonly networkName: string;
}

/** Props of {@link VlanBridgeNetwork}. */
export interface VlanBridgeNetworkProps {
  /** @default the construct id */
  readonly name?: string;
  readonly uplink: IUplink;
  /**
   * How the network reaches VMs.
   * @default NetworkPattern.TRUNK_BRIDGE when `vlan` is set, NetworkPattern.BRIDGE otherwise
   */
  readonly pattern?: NetworkPattern | `${NetworkPattern}`;
  /** VLAN id (1–4094). */
  readonly vlan?: number;
  /** Bridge name on the nodes. @default `br<vlan>` (per-VLAN), `br0` (trunk), or the network name */
  readonly bridge?: string;
  /** Namespaces that get a NAD (one each). @default - none; use `exposeTo` */
  readonly namespaces?: readonly string[];
  /** NAD name. @default the network name */
  readonly nadName?: string;
  /** `name` inside the CNI config. @default the NAD name */
  readonly cniName?: string;
  /** @default - `cnv-bridge` on OpenShift, `bridge` elsewhere */
  readonly plugin?: BridgePlugin | `${BridgePlugin}`;
  /** @default '0.3.1' */
  readonly cniVersion?: string;
  /** @default true */
  readonly macspoofchk?: boolean;
  /** Chain the tuning plugin. @default false */
  readonly tuning?: boolean;
  /** @default - L2 only (`"ipam": {}`) */
  readonly ipam?: IpamSpec;
  /** Subnets of the segment, to check VM addresses. @default - none */
  readonly subnets?: readonly Cidr[];
  /** @default - the node's */
  readonly mtu?: number;
  /** bridge-marker `resourceName` annotation on the NADs. @default true */
  readonly resourceName?: boolean;
  /** NNCP name. @default - derived from the network and node group */
  readonly policyName?: string;
  /** VLAN sub-interface name (per-VLAN pattern). @default `<uplink>.<vlan>` */
  readonly vlanInterface?: string;
  /** Host IP on the bridge. @default - none (`ipv4.enabled: false`) */
  readonly bridgeIp?: HostIpSpec;
  /** @default - generated ("Linux bridge with <port> as a port") */
  readonly description?: string;
  /** OVN localnet physical network name. @default the network name */
  readonly physicalNetworkName?: string;
  /**
   * `absent` is the first phase of removing the network: its node interfaces are rendered
   * `state: absent` and its NADs dropped; synth fails while a VM still uses it.
   * @default 'present'
   */
  readonly state?: 'present' | 'absent';
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
