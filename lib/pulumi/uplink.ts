import * as pulumi from '@pulumi/pulumi';
import { policyNamesOf } from '../core/manifest';
import { HostVlanSpec, UplinkSpec } from '../core/topology/model';
import { BondedUplinkProps, bondedUplinkSpec, HostVlanOptions, IUplink, UplinkProps, uplinkSpec } from '../core/topology/props';
import { TYPE_TOKENS } from './components';
import { EnvironmentPart } from './environment-part';

/** What {@link Uplink} and {@link BondedUplink} share: declaring the spec, host VLANs, the policy names. */
export abstract class UplinkBase extends EnvironmentPart implements IUplink {
  /** Id of the uplink in the environment. */
  public readonly uplinkName: string;
  /** Interface name on the nodes. */
  public readonly interfaceName: string;
  /** Names of the NNCPs rendered from this uplink (its bond, host VLANs and addresses). */
  public readonly policyNames: pulumi.Output<string[]>;

  protected constructor(type: string, name: string, spec: UplinkSpec, refs: readonly unknown[], opts?: pulumi.ComponentResourceOptions) {
    super(type, name, opts, refs);
    this.uplinkName = spec.name;
    this.interfaceName = spec.interface;
    this.scope.declare(this, { kind: 'uplink', name: spec.name }, (t) => t.addUplink(spec));
    this.policyNames = this.fromRender((r) => policyNamesOf(r.manifests));
  }

  /** Adds a host VLAN sub-interface with host addresses (seed 002 `bond0.144`) and returns its spec. */
  public addVlan(id: number, options: HostVlanOptions = {}): HostVlanSpec {
    const vlan: HostVlanSpec = { ...options, id };
    this.scope.change(this, `add VLAN ${id} to uplink ${this.uplinkName}`, (t) => t.updateUplink(this.uplinkName, (u) => ({ ...u, vlans: [...(u.vlans ?? []), vlan] })));
    return vlan;
  }

  protected outputsOf(): pulumi.Inputs {
    return { uplinkName: this.uplinkName, interfaceName: this.interfaceName, policyNames: this.policyNames };
  }
}

/** Args of {@link Uplink}: the core {@link UplinkProps}, the same as the cdk8s construct's. */
export type UplinkArgs = UplinkProps;

/** A NIC uplink of a node group (seeds 000, 001, 004); networks hang off it. A bond is a {@link BondedUplink}. */
export class Uplink extends UplinkBase {
  /** References an uplink declared elsewhere in the same environment (e.g. its data form). */
  public static fromUplinkName(name: string, interfaceName: string = name): IUplink {
    return { uplinkName: name, interfaceName };
  }

  constructor(name: string, args: UplinkArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TYPE_TOKENS.Uplink, name, uplinkSpec(name, args), [args?.nodeGroup], opts);
  }
}

/** Args of {@link BondedUplink}: the core {@link BondedUplinkProps}, the same as the cdk8s construct's. */
export type BondedUplinkArgs = BondedUplinkProps;

/** A bond of a node group (seed 002: `bond0` over two NICs, LACP), rendered as its own NNCP; networks hang off it. */
export class BondedUplink extends UplinkBase {
  constructor(name: string, args: BondedUplinkArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TYPE_TOKENS.BondedUplink, name, bondedUplinkSpec(name, args), [args?.nodeGroup], opts);
  }
}
