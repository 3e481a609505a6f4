import { Construct } from 'constructs';
import { uplinkKeys } from '../core/topology/keys';
import { HostIpSpec, HostVlanSpec, UplinkSpec } from '../core/topology/model';
import { NetworkEnvironment } from './network-environment';
import { INodeGroup } from './node-group';

/** The physical side of a node group (a NIC or a bond), referenced by networks. */
export interface IUplink {
  /** Id of the uplink in the environment. */
  readonly uplinkName: string;
  /** Interface name on the node. */
  readonly interfaceName: string;
}

/** Options of {@link Uplink.addVlan}. */
export interface HostVlanOptions extends HostIpSpec {
  /** @default `<interface>.<id>` */
  readonly name?: string;
}

/** Props of {@link Uplink}. */
export interface UplinkProps extends HostIpSpec {
  /** @default the construct id */
  readonly name?: string;
  readonly nodeGroup: INodeGroup;
  /** Interface name on the nodes (`eth1`, `eno49`). */
  readonly interface: string;
  /** @default - left as the node has it */
  readonly mtu?: number;
  /** Name of the NNCP holding host VLANs added with `addVlan`. @default `<uplink>-<nodeGroup>` */
  readonly policyName?: string;
  /** Extra nodeSelector labels for that NNCP. */
  readonly nodeSelector?: Readonly<Record<string, string>>;
}

/** A NIC uplink (seeds 000, 001, 004). */
export class Uplink extends Construct implements IUplink {
  /** References an uplink declared elsewhere in the same environment. */
  public static fromUplinkName(scope: Construct, _id: string, name: string): IUplink {
    const u = NetworkEnvironment.of(scope).topology.uplink(name);
    return { uplinkName: name, interfaceName: u?.interface ?? name };
  }

  public readonly uplinkName: string;
  public readonly interfaceName: string;

  constructor(scope: Construct, id: string, props: UplinkProps | { spec: UplinkSpec }) {
    super(scope, id);
    const spec: UplinkSpec =
      'spec' in props
        ? props.spec
        : {
            name: props.name ?? id,
            nodeGroup: props.nodeGroup.nodeGroupName,
            interface: props.interface,
            mtu: props.mtu,
            ipv4: props.ipv4,
            ipv6: props.ipv6,
            dhcp4: props.dhcp4,
            dhcp6: props.dhcp6,
            policyName: props.policyName,
            nodeSelector: props.nodeSelector,
            ...this.extraSpec(props),
          };
    this.uplinkName = spec.name;
    this.interfaceName = spec.interface;
    NetworkEnvironment.of(this).topology.addUplink(spec);
    this.ownObjects();
  }

  /** Adds a host VLAN sub-interface with host addresses (seed 002 `bond0.144`) and returns its spec. */
  public addVlan(id: number, options: HostVlanOptions = {}): HostVlanSpec {
    const vlan: HostVlanSpec = { id, ...options };
    NetworkEnvironment.of(this).topology.updateUplink(this.uplinkName, (u) => ({ ...u, vlans: [...(u.vlans ?? []), vlan] }));
    this.ownObjects();
    return vlan;
  }

  /** Extra spec fields of subclasses. @internal */
  protected extraSpec(_props: UplinkProps): Partial<UplinkSpec> {
    return {};
  }

  private ownObjects(): void {
    const env = NetworkEnvironment.of(this);
    const spec = env.topology.uplink(this.uplinkName)!;
    for (const k of uplinkKeys(spec)) env._own(this, k);
  }
}
