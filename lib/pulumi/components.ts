/**
 * The Pulumi components with the same names as the cdk8s constructs. Inside a
 * {@link NetworkEnvironment} each is created by the environment with the manifests lib/core
 * rendered for it; they only translate manifests into @pulumi/kubernetes resources.
 */
import * as pulumi from '@pulumi/pulumi';
import { ManifestGroup, ManifestGroupArgs } from './manifest-group';

/** Type tokens, declared once: `multihome:index:<Name>`. */
export const TYPE_TOKENS = {
  NetworkEnvironment: 'multihome:index:NetworkEnvironment',
  ClusterNetworkPrerequisites: 'multihome:index:ClusterNetworkPrerequisites',
  BondedUplink: 'multihome:index:BondedUplink',
  VlanBridgeNetwork: 'multihome:index:VlanBridgeNetwork',
  MultihomedVM: 'multihome:index:MultihomedVM',
  NodeNetworkPolicy: 'multihome:index:NodeNetworkPolicy',
  NetworkAttachment: 'multihome:index:NetworkAttachment',
  NetworkAgent: 'multihome:index:NetworkAgent',
} as const;

/** NMState CR and NetworkAddonsConfig. */
export class ClusterNetworkPrerequisites extends ManifestGroup {
  constructor(name: string, args: ManifestGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TYPE_TOKENS.ClusterNetworkPrerequisites, name, args, opts);
    this.registerOutputs({});
  }
}

/** The NNCP of a bonded uplink (bond + host VLANs). */
export class BondedUplink extends ManifestGroup {
  /** NNCP name. */
  public readonly policyName: string;
  constructor(name: string, args: ManifestGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TYPE_TOKENS.BondedUplink, name, args, opts);
    this.policyName = args.manifests[0]?.metadata.name ?? name;
    this.registerOutputs({ policyName: this.policyName });
  }
}

/** One NNCP (host policy, or a NIC uplink's host VLANs). */
export class NodeNetworkPolicy extends ManifestGroup {
  public readonly policyName: string;
  constructor(name: string, args: ManifestGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TYPE_TOKENS.NodeNetworkPolicy, name, args, opts);
    this.policyName = args.manifests[0]?.metadata.name ?? name;
    this.registerOutputs({ policyName: this.policyName });
  }
}

/** One NAD. */
export class NetworkAttachment extends ManifestGroup {
  /** `namespace/name` of the NAD. */
  public readonly nadName: string;
  constructor(name: string, args: ManifestGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TYPE_TOKENS.NetworkAttachment, name, args, opts);
    const m = args.manifests[0];
    this.nadName = m ? `${m.metadata.namespace}/${m.metadata.name}` : name;
    this.registerOutputs({ nadName: this.nadName });
  }
}

/** A network: its NNCP (when it owns one) and its NADs. */
export class VlanBridgeNetwork extends ManifestGroup {
  public readonly policyNames: string[];
  public readonly nadNames: string[];
  constructor(name: string, args: ManifestGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TYPE_TOKENS.VlanBridgeNetwork, name, args, opts);
    this.policyNames = args.manifests.filter((m) => m.kind === 'NodeNetworkConfigurationPolicy').map((m) => m.metadata.name);
    this.nadNames = args.manifests.filter((m) => m.kind === 'NetworkAttachmentDefinition').map((m) => `${m.metadata.namespace}/${m.metadata.name}`);
    this.registerOutputs({ policyNames: this.policyNames, nadNames: this.nadNames });
  }
}

/** Addresses and MACs of one VM's secondary NICs. */
export interface VmNetworkOutputs {
  /** MAC per interface name. */
  readonly macs: Record<string, string>;
  /** Static addresses (CIDR) per interface name. */
  readonly addresses: Record<string, string[]>;
}

/** A VirtualMachine (and its cloud-init Secret when large). */
export class MultihomedVM extends ManifestGroup {
  public readonly network: VmNetworkOutputs;
  constructor(name: string, args: ManifestGroupArgs & { readonly network: VmNetworkOutputs }, opts?: pulumi.ComponentResourceOptions) {
    super(TYPE_TOKENS.MultihomedVM, name, args, opts);
    this.network = args.network;
    this.registerOutputs({ network: this.network });
  }
}
