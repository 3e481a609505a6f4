/**
 * The component kinds multihome registers, with the same names as the cdk8s constructs. Inside a
 * {@link NetworkEnvironment} each spec of the topology (a network, a VM, …) becomes one
 * {@link SpecComponent} holding the resources lib/core rendered from that spec.
 */
import * as pulumi from '@pulumi/pulumi';
import { OriginKind } from '../core/topology/origin';

/** Type tokens, declared once: `multihome:index:<Name>`. */
export const TYPE_TOKENS = {
  NetworkEnvironment: 'multihome:index:NetworkEnvironment',
  ClusterNetworkPrerequisites: 'multihome:index:ClusterNetworkPrerequisites',
  NodeGroup: 'multihome:index:NodeGroup',
  Uplink: 'multihome:index:Uplink',
  BondedUplink: 'multihome:index:BondedUplink',
  VlanBridgeNetwork: 'multihome:index:VlanBridgeNetwork',
  MultihomedVM: 'multihome:index:MultihomedVM',
  HostNetworkPolicy: 'multihome:index:HostNetworkPolicy',
  NetworkAgent: 'multihome:index:NetworkAgent',
} as const;

/** The component type of the specs that render manifests, by origin kind (a bonded uplink is a BondedUplink). */
export const COMPONENT_OF_ORIGIN: Readonly<Partial<Record<OriginKind, keyof typeof TYPE_TOKENS>>> = {
  prerequisites: 'ClusterNetworkPrerequisites',
  agent: 'NetworkAgent',
  hostPolicy: 'HostNetworkPolicy',
  uplink: 'Uplink',
  network: 'VlanBridgeNetwork',
  vm: 'MultihomedVM',
};

/** One spec's component: the Kubernetes resources rendered from it are its children. */
export class SpecComponent extends pulumi.ComponentResource {
  /** Registered resources, keyed `Kind/namespace/name`. */
  public readonly resources = new Map<string, pulumi.CustomResource>();

  constructor(type: string, name: string, opts?: pulumi.ComponentResourceOptions) {
    super(type, name, {}, opts);
  }

  /** Publishes the component's outputs: the keys of its resources. Call once its children are registered. */
  public done(): void {
    this.registerOutputs({ resources: [...this.resources.keys()] });
  }
}
