import { Construct } from 'constructs';
import { BondMode } from '../core/nmstate/types';
import { UplinkSpec } from '../core/topology/model';
import { Uplink, UplinkProps } from './uplink';

/** Props of {@link BondedUplink}. */
export interface BondedUplinkProps extends UplinkProps {
  /** Bond mode (nmstate wire names). */
  readonly mode: BondMode | `${BondMode}`;
  /** Physical ports of the bond. */
  readonly ports: readonly string[];
  /** Link monitoring interval in ms. @default 100 */
  readonly miimon?: number;
  /** Preferred port (active-backup, balance-tlb, balance-alb). @default - none */
  readonly primary?: string;
  /** Other kernel bond options (snake_case names). @default - none */
  readonly options?: Readonly<Record<string, string | number | boolean>>;
}

/**
 * A bond of NICs as a node group's uplink (seed 002: `bond0` active-backup over ens161/ens256).
 * Renders one NNCP with the bond and the host VLANs added by `addVlan`; networks hang off it.
 */
export class BondedUplink extends Uplink {
  constructor(scope: Construct, id: string, props: BondedUplinkProps) {
    super(scope, id, props);
  }

  protected override extraSpec(props: UplinkProps): Partial<UplinkSpec> {
    const p = props as BondedUplinkProps;
    return { bond: { mode: p.mode, ports: [...p.ports], miimon: p.miimon, primary: p.primary, options: p.options } };
  }
}
