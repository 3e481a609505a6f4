import { Construct } from 'constructs';
import { PREREQUISITES_ORIGIN } from '../core/topology/origin';
import { ClusterNetworkPrerequisitesProps } from '../core/topology/props';
import { declareSpec } from './environment-scope';

export type { ClusterNetworkPrerequisitesProps } from '../core/topology/props';

/**
 * Operator CRs the rest needs: the `NMState` CR (named `nmstate`, the only name
 * kubernetes-nmstate honours) and optionally a `NetworkAddonsConfig` (seed 004).
 */
export class ClusterNetworkPrerequisites extends Construct {
  constructor(scope: Construct, id: string, props: ClusterNetworkPrerequisitesProps = {}) {
    super(scope, id);
    declareSpec(this, PREREQUISITES_ORIGIN, (t) => t.configure({ prerequisites: props }));
  }
}
