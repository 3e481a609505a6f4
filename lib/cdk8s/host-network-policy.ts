import { Construct } from 'constructs';
import { hostPolicyKeys } from '../core/topology/keys';
import { HostPolicySpec } from '../core/topology/model';
import { NetworkEnvironment } from './network-environment';

/** Props of {@link HostNetworkPolicy}. */
export type HostNetworkPolicyProps = Omit<HostPolicySpec, 'name'> & { readonly name?: string };

/**
 * Node-side configuration that is not a VM network, inside an environment (seed 002: node02's
 * static `eth1` address, `eth1.102` with DHCP). Validated with the rest of the environment.
 */
export class HostNetworkPolicy extends Construct {
  /** NNCP name. */
  public readonly policyName: string;

  constructor(scope: Construct, id: string, props: HostNetworkPolicyProps) {
    super(scope, id);
    const spec: HostPolicySpec = { ...props, name: props.name ?? id };
    this.policyName = spec.name;
    const env = NetworkEnvironment.of(this);
    env.topology.addHostPolicy(spec);
    for (const k of hostPolicyKeys(spec)) env._own(this, k);
  }
}
