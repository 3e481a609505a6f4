/**
 * The props of multihome's constructs, declared once for both homes: the cdk8s constructs
 * (lib/cdk8s) and the Pulumi components (lib/pulumi) take these types, derived from the core
 * specs (model.ts) so names and defaults cannot diverge, and turn them into specs with the
 * functions below. References between objects are the small interfaces `INodeGroup`, `IUplink`,
 * `INetwork`, which a construct, a component or a plain object (`{ networkName: 'vlan100' }`)
 * satisfies alike.
 */
import type { TargetSpec } from '../target/versions';
import type { AgentDeploymentOptions } from './agent-options';
import type { TopologySettings } from './builder';
import {
  AttachmentSpec, BondSpec, HostPolicySpec, HostVlanSpec, NamespaceSpec, NetworkSpec, NodeGroupSpec, OrderingSpec, Platform, PrerequisitesSpec, Topology, UplinkSpec, VmSpec,
} from './model';
import type { EnvironmentValidationOptions } from './validate-environment';
import { plainVirtualMachine } from './vm-source';

/** A node group as other objects reference it. */
export interface INodeGroup {
  /** Id of the group in the environment. */
  readonly nodeGroupName: string;
}

/** An uplink (NIC or bond) as networks reference it. */
export interface IUplink {
  /** Id of the uplink in the environment. */
  readonly uplinkName: string;
  /** Interface name on the nodes (`eth1`, `bond0`). */
  readonly interfaceName: string;
}

/** An L2 network as VMs reference it. */
export interface INetwork {
  /** Id of the network in the environment. */
  readonly networkName: string;
}

/** Props of `NodeGroup`: the core {@link NodeGroupSpec} with the name optional. */
export interface NodeGroupProps extends Omit<NodeGroupSpec, 'name'> {
  /** @default the construct id (cdk8s) or resource name (Pulumi) */
  readonly name?: string;
}

/** Options of `Uplink.addVlan`: a host VLAN without its id (given separately). */
export type HostVlanOptions = Omit<HostVlanSpec, 'id'>;

/** Props of `Uplink`: the core {@link UplinkSpec} with the node group as a reference. */
export interface UplinkProps extends Omit<UplinkSpec, 'name' | 'nodeGroup' | 'bond'> {
  /** @default the construct id (cdk8s) or resource name (Pulumi) */
  readonly name?: string;
  /** The node group whose nodes have this uplink. */
  readonly nodeGroup: INodeGroup;
}

/** Props of `BondedUplink`: an uplink plus the bond's settings ({@link BondSpec}). */
export interface BondedUplinkProps extends UplinkProps, BondSpec {}

/** Props of `VlanBridgeNetwork`: the core {@link NetworkSpec} with the uplink as a reference. */
export interface VlanBridgeNetworkProps extends Omit<NetworkSpec, 'name' | 'uplink' | 'nodeGroup' | 'namespaces'> {
  /** @default the construct id (cdk8s) or resource name (Pulumi) */
  readonly name?: string;
  /** The uplink carrying the network. Required, except on an `existingBridge` localnet that gives `nodeGroup`. */
  readonly uplink?: IUplink;
  /** Node group of an `existingBridge` localnet without an uplink (only there). @default - the uplink's node group */
  readonly nodeGroup?: INodeGroup;
  /** Namespaces that get a NAD (one each). @default - none; use `exposeTo` */
  readonly namespaces?: readonly string[];
}

/** Options of `MultihomedVM.addAttachment` / `network.attach(vm, options)`: a NIC without its network. */
export type AttachOptions = Omit<AttachmentSpec, 'network'>;

/** One NIC in {@link MultihomedVMProps}: its options and the network as a reference. */
export interface VmAttachmentProps extends AttachOptions {
  readonly network: INetwork;
}

/**
 * Props of `MultihomedVM`: the core {@link VmSpec} with attachments referencing networks. Bring an
 * existing VM with `virtualMachine` (a manifest, or the props of the cdk8s-imported
 * `VirtualMachine`): multihome merges only its attachments' interfaces, networks, MACs,
 * networkData and placement into it (lib/core/topology/vm-merge.ts).
 */
export interface MultihomedVMProps extends Omit<VmSpec, 'name' | 'attachments'> {
  /** @default the construct id (cdk8s) or resource name (Pulumi) */
  readonly name?: string;
  /** Secondary NICs. @default - none; use `network.attach(vm)` */
  readonly attachments?: readonly VmAttachmentProps[];
}

/** Props of `HostNetworkPolicy`: the core {@link HostPolicySpec} with the node group as a reference. */
export interface HostNetworkPolicyProps extends Omit<HostPolicySpec, 'name' | 'nodeGroup'> {
  /** NNCP name. @default the construct id (cdk8s) or resource name (Pulumi) */
  readonly name?: string;
  /** Node group whose nodes get the policy. @default - every node (only `nodeSelector` applies) */
  readonly nodeGroup?: INodeGroup;
}

/** Props of `ClusterNetworkPrerequisites`. */
export type ClusterNetworkPrerequisitesProps = PrerequisitesSpec;

/** Props of `NetworkAgent`: the agent deployment's options with node groups as references. */
export interface NetworkAgentProps extends Omit<AgentDeploymentOptions, 'nodeGroups'> {
  /**
   * Node groups that run the agent (one DaemonSet + ConfigMap each).
   * @default - every node group of the environment
   */
  readonly nodeGroups?: readonly INodeGroup[];
}

/** Props of `NetworkEnvironment`: a typed environment to start from, settings over it, and how to validate it. */
export interface NetworkEnvironmentProps extends Omit<EnvironmentValidationOptions, 'target'> {
  /**
   * A typed environment (`defineEnvironment`) to build from.
   * @default - empty; add constructs (cdk8s) to it
   */
  readonly environment?: Topology;
  /** @default - the environment's name, else the construct id (cdk8s) or resource name (Pulumi) */
  readonly name?: string;
  /** @default - the environment's, else Platform.VANILLA */
  readonly platform?: Platform | `${Platform}`;
  /**
   * The versions the cluster runs (`Topology.target`): a preset such as `'openshift-4.19'`, or
   * component versions. The output follows it and the rules judge against it.
   * @default - the environment's, else the platform's default preset (the newest versions multihome knows)
   */
  readonly target?: TargetSpec;
  /** @default - the environment's; none otherwise */
  readonly prerequisites?: PrerequisitesSpec;
  /**
   * Namespaces the environment creates (`{ 'team-a': { create: true } }`) or expects to exist
   * (`{ 'team-b': {} }`), merged over the environment's (`Topology.namespaces`).
   * @default - the environment's; none otherwise
   */
  readonly namespaces?: Readonly<Record<string, NamespaceSpec>>;
  /** @default - the environment's, else sync waves on with the default waves */
  readonly ordering?: OrderingSpec;
  /** MAC prefix of the deterministic allocator. @default - the environment's, else kubemacpool's default range */
  readonly macPrefix?: string;
  /** Warning codes not to report, added to the environment's. @default - none */
  readonly silence?: readonly string[];
  /** Objects written as given (`Topology.passThrough`), after the environment's. @default - the environment's; none otherwise */
  readonly passThrough?: Topology['passThrough'];
}

/** The environment-wide settings of {@link NetworkEnvironmentProps}: the props over the environment's. */
export function environmentSettings(id: string, given: NetworkEnvironmentProps): TopologySettings {
  const props = given ?? {};
  const env = props.environment;
  return {
    name: props.name ?? env?.name ?? id,
    platform: props.platform ?? env?.platform,
    target: props.target ?? env?.target,
    prerequisites: props.prerequisites ?? env?.prerequisites,
    namespaces: props.namespaces || env?.namespaces ? { ...env?.namespaces, ...props.namespaces } : undefined,
    ordering: props.ordering ?? env?.ordering,
    macPrefix: props.macPrefix ?? env?.macPrefix,
    silence: concatLists(env?.silence ?? [], props.silence ?? []),
    passThrough: env?.passThrough || props.passThrough ? concatLists(env?.passThrough ?? [], props.passThrough ?? []) : undefined,
    agent: env?.agent,
  };
}

/** The whole topology of {@link NetworkEnvironmentProps} (the data form): the environment with the props' settings. */
export function environmentTopology(id: string, props: NetworkEnvironmentProps): Topology {
  const env = props?.environment;
  return { nodeGroups: [], uplinks: [], networks: [], vms: [], ...env, ...environmentSettings(id, props) };
}

/** The spec of a node group from its props. */
export function nodeGroupSpec(id: string, props: NodeGroupProps): NodeGroupSpec {
  return { ...props, name: props?.name ?? id } as NodeGroupSpec;
}

/**
 * The name a reference prop gives: the referenced construct's name (`{ nodeGroupName }`), the
 * name itself when a string was given (JavaScript callers, data), or the value as it is when it is
 * neither — the topology's shape gate (TOPOLOGY_SHAPE) then reports it instead of a TypeError here.
 */
export function referenceName(ref: unknown, key: 'nodeGroupName' | 'uplinkName' | 'networkName'): string {
  if (typeof ref === 'string') return ref;
  if (typeof ref === 'object' && ref !== null && typeof (ref as Record<string, unknown>)[key] === 'string') return (ref as Record<string, string>)[key];
  return ref as string;
}

/** The spec of a NIC uplink from its props. */
export function uplinkSpec(id: string, props: UplinkProps): UplinkSpec {
  const { name, nodeGroup, ...rest } = props ?? ({} as UplinkProps);
  return { ...rest, name: name ?? id, nodeGroup: referenceName(nodeGroup, 'nodeGroupName') };
}

/** The spec of a bonded uplink from its props: the uplink's fields, the bond's under `bond`. */
export function bondedUplinkSpec(id: string, props: BondedUplinkProps): UplinkSpec {
  const { mode, ports, miimon, primary, options, ...uplink } = props ?? ({} as BondedUplinkProps);
  return { ...uplinkSpec(id, uplink), bond: { mode, ports: listOf(ports), miimon, primary, options } };
}

/** Two list props joined; a value that is no list is passed on as it is (the shape gate reports it). */
function concatLists<T>(a: readonly T[], b: readonly T[]): T[] {
  if (!Array.isArray(a)) return a as T[];
  if (!Array.isArray(b)) return b as T[];
  return [...a, ...b];
}

/** A list prop as given: copied when it is a list, passed on as it is otherwise (the shape gate reports it). */
function listOf<T>(v: readonly T[] | undefined): T[] {
  return (Array.isArray(v) ? [...v] : v) as T[];
}

/** The spec of a network from its props. */
export function networkSpec(id: string, props: VlanBridgeNetworkProps): NetworkSpec {
  const { name, uplink, nodeGroup, namespaces, ...rest } = props ?? ({} as VlanBridgeNetworkProps);
  return {
    ...rest,
    name: name ?? id,
    ...(uplink !== undefined ? { uplink: referenceName(uplink, 'uplinkName') } : {}),
    ...(nodeGroup !== undefined ? { nodeGroup: referenceName(nodeGroup, 'nodeGroupName') } : {}),
    namespaces: listOf(namespaces ?? []),
  };
}

/** The spec of one VM NIC on `network`. */
export function attachmentSpec(network: INetwork, options: AttachOptions = {}): AttachmentSpec {
  return { ...(options ?? {}), network: referenceName(network, 'networkName') };
}

/**
 * The spec of a VM from its props; a `virtualMachine` given as cdk8s-imported props becomes
 * plain JSON here (vm-source.ts plainVirtualMachine).
 */
export function vmSpec(id: string, props: MultihomedVMProps): VmSpec {
  const { name, attachments, virtualMachine, ...rest } = props ?? ({} as MultihomedVMProps);
  const list = attachments ?? [];
  return {
    ...rest,
    ...(virtualMachine !== undefined ? { virtualMachine: plainVirtualMachine(virtualMachine) } : {}),
    name: name ?? id,
    attachments: Array.isArray(list) ? list.map((a) => (typeof a === 'object' && a !== null ? attachmentSpec(a.network, omitNetwork(a)) : (a as never))) : (list as never),
  };
}

/** An attachment's options without its network reference. */
function omitNetwork(a: VmAttachmentProps): AttachOptions {
  const { network: _network, ...options } = a;
  return options;
}

/** The spec of a host policy from its props. */
export function hostPolicySpec(id: string, props: HostNetworkPolicyProps): HostPolicySpec {
  const { name, nodeGroup, ...rest } = props ?? ({} as HostNetworkPolicyProps);
  return { ...rest, name: name ?? id, ...(nodeGroup !== undefined ? { nodeGroup: referenceName(nodeGroup, 'nodeGroupName') } : {}) };
}

/** The agent deployment options of {@link NetworkAgentProps}. */
export function agentOptions(props: NetworkAgentProps): AgentDeploymentOptions {
  const { nodeGroups, ...rest } = props ?? {};
  return { ...rest, ...(nodeGroups !== undefined ? { nodeGroups: Array.isArray(nodeGroups) ? nodeGroups.map((g) => referenceName(g, 'nodeGroupName')) : (nodeGroups as never) } : {}) };
}
