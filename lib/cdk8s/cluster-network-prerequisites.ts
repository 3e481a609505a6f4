import { Construct } from 'constructs';
import { prerequisiteKeys } from '../core/topology/keys';
import { PrerequisitesSpec } from '../core/topology/model';
import { NetworkEnvironment } from './network-environment';

/** Props of {@link ClusterNetworkPrerequisites}. */
export type ClusterNetworkPrerequisitesProps = PrerequisitesSpec;

/**
 * Operator CRs the rest needs: the `NMState` CR (named `nmstate`, the only name
 * kubernetes-nmstate honours) and optionally a `NetworkAddonsConfig` (seed 004).
 */
export class ClusterNetworkPrerequisites extends Construct {
  constructor(scope: Construct, id: string, props: ClusterNetworkPrerequisitesProps = {}) {
    super(scope, id);
    const env = NetworkEnvironment.of(this);
    env.topology.configure({ prerequisites: props });
    for (const k of prerequisiteKeys({ prerequisites: props })) env._own(this, k);
  }
}
