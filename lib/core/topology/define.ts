import type { AttachmentSpec, HostPolicySpec, NetworkSpec, NodeGroupSpec, Topology, UplinkSpec, VmSpec } from './model';

/**
 * A topology whose cross-references are checked by the compiler: an uplink's `nodeGroup`, a
 * network's `uplink` and an attachment's `network` must name objects declared in the same
 * environment, so a typo fails `tsc` instead of a deploy.
 */
export interface TypedTopology<G extends string, U extends string, N extends string>
  extends Omit<Topology, 'nodeGroups' | 'uplinks' | 'networks' | 'vms' | 'hostPolicies'> {
  readonly nodeGroups: ReadonlyArray<NodeGroupSpec & { readonly name: G }>;
  readonly uplinks: ReadonlyArray<UplinkSpec & { readonly name: U; readonly nodeGroup: NoInfer<G> }>;
  readonly networks: ReadonlyArray<NetworkSpec & { readonly name: N; readonly uplink: NoInfer<U> }>;
  readonly vms: ReadonlyArray<
    Omit<VmSpec, 'attachments'> & { readonly attachments: ReadonlyArray<AttachmentSpec & { readonly network: NoInfer<N> }> }
  >;
  readonly hostPolicies?: ReadonlyArray<HostPolicySpec & { readonly nodeGroup?: NoInfer<G> }>;
}

/**
 * Declares an environment as typed data (see {@link TypedTopology}); returns it as a plain
 * {@link Topology} for the renderer and validator.
 */
export function defineEnvironment<const G extends string, const U extends string, const N extends string>(
  topology: TypedTopology<G, U, N>,
): Topology {
  return topology;
}
