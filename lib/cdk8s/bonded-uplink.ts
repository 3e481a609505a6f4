import { Construct } from 'constructs';
import { BondedUplinkProps, bondedUplinkSpec } from '../core/topology/props';
import { UplinkBase } from './uplink';

export type { BondedUplinkProps } from '../core/topology/props';

/**
 * A bond of NICs as a node group's uplink (seed 002: `bond0` active-backup over ens161/ens256).
 * Renders one NNCP with the bond and the host VLANs added by `addVlan`; networks hang off it.
 */
export class BondedUplink extends UplinkBase {
  constructor(scope: Construct, id: string, props: BondedUplinkProps) {
    super(scope, id, bondedUplinkSpec(id, props));
  }
}
