import * as pulumi from '@pulumi/pulumi';
import { HostNetworkPolicyProps, hostPolicySpec } from '../core/topology/props';
import { TYPE_TOKENS } from './components';
import { EnvironmentPart } from './environment-part';

/** Args of {@link HostNetworkPolicy}: the core {@link HostNetworkPolicyProps} (the cdk8s construct's), nodeSelector values as Inputs. */
export interface HostNetworkPolicyArgs extends Omit<HostNetworkPolicyProps, 'nodeSelector'> {
  /** Extra nodeSelector labels (e.g. one hostname; a value may come from another resource). @default - none */
  readonly nodeSelector?: Readonly<Record<string, pulumi.Input<string>>>;
}

/**
 * Node-side configuration that is not a VM network, inside an environment (seed 002: node02's
 * static `eth1` address, `eth1.102` with DHCP): one NNCP, validated with the rest.
 */
export class HostNetworkPolicy extends EnvironmentPart {
  /** `metadata.name` of the NNCP. */
  public readonly policyName: string;

  constructor(name: string, args: HostNetworkPolicyArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TYPE_TOKENS.HostNetworkPolicy, name, opts, [args?.nodeGroup]);
    const spec = hostPolicySpec(name, args as HostNetworkPolicyProps);
    this.policyName = spec.name;
    this.scope.declare(this, { kind: 'hostPolicy', name: spec.name }, (t) => t.addHostPolicy(spec));
  }

  protected outputsOf(): pulumi.Inputs {
    return { policyName: this.policyName };
  }
}
