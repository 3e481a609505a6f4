import { Construct } from 'constructs';
import { HostVlanSpec, UplinkSpec } from '../core/topology/model';
import { HostVlanOptions, IUplink, UplinkProps, uplinkSpec } from '../core/topology/props';
import { declareSpec, environmentOf } from './environment-scope';

export type { HostVlanOptions, IUplink, UplinkProps } from '../core/topology/props';

/** What {@link Uplink} and `BondedUplink` share: declaring the spec, and host VLANs. */
export abstract class UplinkBase extends Construct implements IUplink {
  /** Id of the uplink in the environment. */
  public readonly uplinkName: string;
  /** Interface name on the nodes. */
  public readonly interfaceName: string;

  protected constructor(scope: Construct, id: string, spec: UplinkSpec) {
    super(scope, id);
    this.uplinkName = spec.name;
    this.interfaceName = spec.interface;
    declareSpec(this, { kind: 'uplink', name: spec.name }, (t) => t.addUplink(spec));
  }

  /** Adds a host VLAN sub-interface with host addresses (seed 002 `bond0.144`) and returns its spec. */
  public addVlan(id: number, options: HostVlanOptions = {}): HostVlanSpec {
    const vlan: HostVlanSpec = { ...options, id };
    environmentOf(this).topology.updateUplink(this.uplinkName, (u) => ({ ...u, vlans: [...(u.vlans ?? []), vlan] }));
    return vlan;
  }
}

/**
 * A NIC uplink of a node group (seeds 000, 001, 004); networks hang off it. With host VLANs
 * (`addVlan`) it renders an NNCP of its own. A bond is a `BondedUplink`.
 */
export class Uplink extends UplinkBase {
  /** References an uplink declared elsewhere in the same environment (e.g. in an environment file). */
  public static fromUplinkName(scope: Construct, _id: string, name: string): IUplink {
    const u = environmentOf(scope).topology.uplink(name);
    return { uplinkName: name, interfaceName: u?.interface ?? name };
  }

  constructor(scope: Construct, id: string, props: UplinkProps) {
    super(scope, id, uplinkSpec(id, props));
  }
}
