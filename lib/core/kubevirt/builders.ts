/**
 * Builders of the VM network section: one function per network source and per binding, and
 * {@link vmNetworkSection} that pairs interfaces with networks by name so the two lists cannot
 * diverge. Values are plain wire objects ({@link VmInterface}, {@link VmNetwork}).
 */
import {
  BindingMethod,
  VmDhcpOptions,
  VmInterfaceModel,
  VmInterfaceState,
  VmPort,
  VmInterface,
  VmNetwork,
  VmNetworkSection,
  WireOf,
} from './types';

/** Options common to every interface builder. */
export interface VmInterfaceOptions {
  /** Interface MAC (any form KubeVirt accepts). @default - none (KubeVirt/kubemacpool decide) */
  readonly macAddress?: string;
  /** @default - virtio (omitted) */
  readonly model?: WireOf<VmInterfaceModel>;
  /** @default - up (omitted) */
  readonly state?: WireOf<VmInterfaceState>;
  /** Guest PCI address, `dddd:bb:ss.f`. */
  readonly pciAddress?: string;
  /** Boot order (> 0, unique across disks and interfaces). @default - not a boot device */
  readonly bootOrder?: number;
  /** ACPI index for stable guest naming (1..16383, unique). */
  readonly acpiIndex?: number;
  /** Forwarded ports (pod-network interfaces only). @default - all ports */
  readonly ports?: readonly VmPort[];
  /** DHCP options served by KubeVirt's in-pod DHCP server. */
  readonly dhcpOptions?: VmDhcpOptions;
  /** Tag exposed to the guest through config-drive metadata. */
  readonly tag?: string;
}

function iface(name: string, binding: Record<string, unknown>, o: VmInterfaceOptions): VmInterface {
  // plain assignments, no object spread: one call per VM NIC at render (V8 copies spreads slowly)
  const out: VmInterface = Object.assign({ name }, binding);
  if (o.model !== undefined) out.model = o.model;
  if (o.macAddress !== undefined) out.macAddress = o.macAddress;
  if (o.pciAddress !== undefined) out.pciAddress = o.pciAddress;
  if (o.bootOrder !== undefined) out.bootOrder = o.bootOrder;
  if (o.acpiIndex !== undefined) out.acpiIndex = o.acpiIndex;
  if (o.ports !== undefined) out.ports = o.ports.map((p) => ({ ...p }));
  if (o.dhcpOptions !== undefined) out.dhcpOptions = structuredClone(o.dhcpOptions);
  if (o.tag !== undefined) out.tag = o.tag;
  if (o.state !== undefined) out.state = o.state;
  return out;
}

/** An interface with `bridge` binding (secondary networks; hot-plug/unplug capable). */
export function bridgeInterface(name: string, options: VmInterfaceOptions = {}): VmInterface {
  return iface(name, { [BindingMethod.BRIDGE]: {} }, options);
}

/** An interface with `masquerade` binding (pod network only). */
export function masqueradeInterface(name: string, options: VmInterfaceOptions = {}): VmInterface {
  return iface(name, { [BindingMethod.MASQUERADE]: {} }, options);
}

/** An interface with `sriov` binding (VF passthrough; the NAD must be an SR-IOV one). */
export function sriovInterface(name: string, options: VmInterfaceOptions = {}): VmInterface {
  return iface(name, { [BindingMethod.SRIOV]: {} }, options);
}

/** An interface with the core `passtBinding` (v1.8+, `PasstBinding` gate; pod network only). */
export function passtBindingInterface(name: string, options: VmInterfaceOptions = {}): VmInterface {
  return iface(name, { [BindingMethod.PASST_BINDING]: {} }, options);
}

/**
 * An interface with the passt network binding plugin (`binding: {name: passt}`): user-space
 * networking on the pod network for KubeVirt v1.1+ (binding plugins GA in v1.5). The plugin must
 * be registered as `passt` under `spec.configuration.network.binding` of the KubeVirt CR. Use it
 * on targets before v1.8, where the core {@link passtBindingInterface} (`passtBinding: {}`) does
 * not exist; upstream deprecates the plugin in favour of the core binding from v1.8 on.
 */
export function passtPluginInterface(name: string, options: VmInterfaceOptions = {}): VmInterface {
  return iface(name, { binding: { name: 'passt' } }, options);
}

/** An interface with a binding plugin (`binding: {name: plugin}`), e.g. `l2bridge`, `passt`, `macvtap`. */
export function pluginInterface(name: string, plugin: string, options: VmInterfaceOptions = {}): VmInterface {
  return iface(name, { binding: { name: plugin } }, options);
}

/** Options of {@link podNetwork}. */
export interface PodNetworkOptions {
  /** Guest IPv4 CIDR behind masquerade. @default '10.0.2.0/24' (omitted) */
  readonly vmNetworkCIDR?: string;
  /** Guest IPv6 CIDR behind masquerade. @default 'fd10:0:2::/120' (omitted) */
  readonly vmIPv6NetworkCIDR?: string;
}

/** The pod (cluster default) network. @param name network name @default 'default' */
export function podNetwork(name = 'default', options: PodNetworkOptions = {}): VmNetwork {
  return {
    name,
    pod: {
      ...(options.vmNetworkCIDR !== undefined ? { vmNetworkCIDR: options.vmNetworkCIDR } : {}),
      ...(options.vmIPv6NetworkCIDR !== undefined ? { vmIPv6NetworkCIDR: options.vmIPv6NetworkCIDR } : {}),
    },
  };
}

/** Options of {@link multusNetwork}. */
export interface MultusNetworkOptions {
  /** Make this NAD the pod's primary network (no pod network then). @default false */
  readonly default?: boolean;
}

/**
 * A Multus network backed by a NetworkAttachmentDefinition: `networkName` is `<nad>` in the VM
 * namespace or `<namespace>/<nad>`.
 */
export function multusNetwork(name: string, networkName: string, options: MultusNetworkOptions = {}): VmNetwork {
  return { name, multus: { networkName, ...(options.default ? { default: true } : {}) } };
}

/** A DRA network (`resourceClaim`, v1.9 alpha `NetworkDevicesWithDRA`); needs sriov or a binding plugin. */
export function resourceClaimNetwork(name: string, claimName: string, requestName: string): VmNetwork {
  return { name, resourceClaim: { claimName, requestName } };
}

/** One interface and the network behind it; their names must be equal. */
export interface NetworkAttachmentPair {
  readonly iface: VmInterface;
  readonly network: VmNetwork;
}

/**
 * Pairs interfaces with networks in the given order. Throws when a pair's names differ or a name
 * repeats — the two mistakes the parallel lists invite.
 */
export function vmNetworkSection(pairs: readonly NetworkAttachmentPair[]): VmNetworkSection {
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const [k, p] of pairs.entries()) {
    if (p.iface.name !== p.network.name) errors.push(`pair ${k}: interface ${JSON.stringify(p.iface.name)} and network ${JSON.stringify(p.network.name)} must have the same name`);
    if (seen.has(p.iface.name)) errors.push(`pair ${k}: name ${JSON.stringify(p.iface.name)} is used twice`);
    seen.add(p.iface.name);
  }
  if (errors.length) throw new Error(`vmNetworkSection: ${errors.join('; ')}`);
  return { interfaces: pairs.map((p) => structuredClone(p.iface)), networks: pairs.map((p) => structuredClone(p.network)) };
}
