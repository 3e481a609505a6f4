import type { AgentDeploymentOptions, AgentMode, AgentProbeSpec } from './agent-options';
import type { AttachmentSpec, HostPolicySpec, NetworkSpec, NodeGroupSpec, Topology, UplinkSpec, VmSpec } from './model';

/** {@link AgentDeploymentOptions} whose node group names must be declared node groups (`G`). */
export interface TypedAgentOptions<G extends string> extends Omit<AgentDeploymentOptions, 'nodeGroups' | 'nodeGroupModes' | 'probes'> {
  readonly nodeGroups?: ReadonlyArray<NoInfer<G>>;
  readonly nodeGroupModes?: Readonly<Partial<Record<NoInfer<G>, AgentMode>>>;
  readonly probes?: Readonly<Partial<Record<NoInfer<G>, readonly AgentProbeSpec[]>>>;
}

/**
 * A topology whose cross-references are checked by the compiler: an uplink's `nodeGroup`, a
 * network's `uplink`, an attachment's `network` and the node groups the agent options name must
 * be objects declared in the same environment, so a typo fails `tsc` instead of a deploy.
 */
export interface TypedTopology<G extends string, U extends string, N extends string>
  extends Omit<Topology, 'nodeGroups' | 'uplinks' | 'networks' | 'vms' | 'hostPolicies' | 'agent'> {
  readonly nodeGroups: ReadonlyArray<NodeGroupSpec & { readonly name: G }>;
  readonly uplinks: ReadonlyArray<UplinkSpec & { readonly name: U; readonly nodeGroup: NoInfer<G> }>;
  readonly networks: ReadonlyArray<NetworkSpec & { readonly name: N; readonly uplink?: NoInfer<U>; readonly nodeGroup?: NoInfer<G> }>;
  readonly vms: ReadonlyArray<
    Omit<VmSpec, 'attachments'> & { readonly attachments: ReadonlyArray<AttachmentSpec & { readonly network: NoInfer<N> }> }
  >;
  readonly hostPolicies?: ReadonlyArray<HostPolicySpec & { readonly nodeGroup?: NoInfer<G> }>;
  readonly agent?: TypedAgentOptions<G>;
}

/**
 * Declares an environment as typed data (see {@link TypedTopology}); returns it as a plain
 * {@link Topology} for the renderer and validator.
 */
export function defineEnvironment<const G extends string, const U extends string, const N extends string>(
  topology: TypedTopology<G, U, N>,
): Topology {
  // the agent maps are Partial<Record<G, …>> (only declared groups, any subset); as plain records they are the same data
  return topology as Topology;
}
