import * as pulumi from '@pulumi/pulumi';
import { PREREQUISITES_ORIGIN } from '../core/topology/origin';
import { ClusterNetworkPrerequisitesProps } from '../core/topology/props';
import { TYPE_TOKENS } from './components';
import { EnvironmentPart } from './environment-part';

/** Args of {@link ClusterNetworkPrerequisites}: the core props, the same as the cdk8s construct's. */
export type ClusterNetworkPrerequisitesArgs = ClusterNetworkPrerequisitesProps;

/**
 * Operator CRs the rest needs: the `NMState` CR (named `nmstate`, the only name
 * kubernetes-nmstate honours) and optionally a `NetworkAddonsConfig` (seed 004). Both are cluster
 * singletons: Pulumi never deletes them (`retainOnDelete`), so removing the environment does not
 * uninstall the operators' components other workloads use.
 */
export class ClusterNetworkPrerequisites extends EnvironmentPart {
  constructor(name: string, args: ClusterNetworkPrerequisitesArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super(TYPE_TOKENS.ClusterNetworkPrerequisites, name, opts, []);
    this.scope.declare(this, PREREQUISITES_ORIGIN, (t) => t.configure({ prerequisites: args ?? {} }));
  }

  protected outputsOf(): pulumi.Inputs {
    return {};
  }
}
