import { Construct } from 'constructs';
import { HostNetworkPolicyProps, hostPolicySpec } from '../core/topology/props';
import { declareSpec } from './environment-scope';

export type { HostNetworkPolicyProps } from '../core/topology/props';

/**
 * Node-side configuration that is not a VM network, inside an environment (seed 002: node02's
 * static `eth1` address, `eth1.102` with DHCP): one NNCP, validated with the rest of the
 * environment.
 */
export class HostNetworkPolicy extends Construct {
  /** `metadata.name` of the NNCP. */
  public readonly policyName: string;

  constructor(scope: Construct, id: string, props: HostNetworkPolicyProps) {
    super(scope, id);
    const spec = hostPolicySpec(id, props);
    this.policyName = spec.name;
    declareSpec(this, { kind: 'hostPolicy', name: spec.name }, (t) => t.addHostPolicy(spec));
  }
}
