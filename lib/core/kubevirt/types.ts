/**
 * Wire types of the KubeVirt VM network section: `spec.domain.devices.interfaces[]` (what the guest
 * sees) and `spec.networks[]` (what backs each interface), mirroring
 * `staging/src/kubevirt.io/api/core/v1/schema.go` (`Interface`, `InterfaceBindingMethod`,
 * `PluginBinding`, `Port`, `DHCPOptions`, `Network`, `NetworkSource`, `PodNetwork`,
 * `MultusNetwork`). Every type keeps fields multihome does not model (index signature), so a
 * parsed object renders back unchanged.
 */

/** Core binding methods (exactly one per interface, or a {@link PluginBinding}). */
export enum BindingMethod {
  /** In-pod Linux bridge; the default for secondary networks. */
  BRIDGE = 'bridge',
  /** NAT behind the pod IP; pod network only. */
  MASQUERADE = 'masquerade',
  /** VF passthrough (VFIO); the NAD must be an SR-IOV one. */
  SRIOV = 'sriov',
  /** User-space passt, core binding since v1.8 (`PasstBinding` gate); pod network only. */
  PASST_BINDING = 'passtBinding',
}

/** Core bindings still in the schema but rejected on creation since KubeVirt v1.3 (`discontinued.go`). */
export enum DiscontinuedBindingMethod {
  SLIRP = 'slirp',
  MACVTAP = 'macvtap',
  PASST = 'passt',
}

/** Every binding key an interface may carry, in render order. */
export const BINDING_KEYS: readonly string[] = [
  BindingMethod.BRIDGE,
  BindingMethod.MASQUERADE,
  BindingMethod.SRIOV,
  BindingMethod.PASST_BINDING,
  DiscontinuedBindingMethod.SLIRP,
  DiscontinuedBindingMethod.MACVTAP,
  DiscontinuedBindingMethod.PASST,
];

/** NIC models KubeVirt admits (`netiface.go` `validInterfaceModels`). */
export enum VmInterfaceModel {
  E1000 = 'e1000',
  E1000E = 'e1000e',
  IGB = 'igb',
  NE2K_PCI = 'ne2k_pci',
  PCNET = 'pcnet',
  RTL8139 = 'rtl8139',
  /** The default. Hot-plugged NICs are always virtio. */
  VIRTIO = 'virtio',
}

/** Requested interface state (`admit.go`); unset means up. */
export enum VmInterfaceState {
  /** Link up (v1.5+). */
  UP = 'up',
  /** Link down, "cable unplugged" (v1.5+); not for SR-IOV. */
  DOWN = 'down',
  /** Hot-unplug request (v1.0+): bridge binding only, not on the default network. */
  ABSENT = 'absent',
}

/** Protocol of a forwarded port. */
export enum VmPortProtocol {
  TCP = 'TCP',
  UDP = 'UDP',
}

/** Value of an enum or its wire string. */
export type WireOf<E extends string> = E | `${E}`;

/** A binding plugin reference (`binding: {name}`), registered in the KubeVirt CR. */
export interface PluginBinding {
  /** Plugin name as registered under `spec.configuration.network.binding` (e.g. `l2bridge`, `passt`). */
  name: string;
  [key: string]: unknown;
}

/** A forwarded port (pod-network interfaces only). */
export interface VmPort {
  /** IANA service name, unique per interface. */
  name?: string;
  /** 1..65535. */
  port: number;
  /** @default 'TCP' */
  protocol?: WireOf<VmPortProtocol> | string;
  [key: string]: unknown;
}

/** A forwarded port range (`portRanges[]`, v1.9+, PortRangesSpec gate; masquerade on the pod network only). */
export interface VmPortRange {
  /** Required: TCP or UDP. */
  protocol: WireOf<VmPortProtocol> | string;
  /** First port, 1..65535. */
  start: number;
  /** Last port, start..65535. */
  end: number;
  [key: string]: unknown;
}

/** One DHCP private option (224..254). */
export interface VmDhcpPrivateOption {
  option: number;
  value: string;
  [key: string]: unknown;
}

/** Extra DHCP options served by KubeVirt's in-pod DHCP server. */
export interface VmDhcpOptions {
  /** Option 67. */
  bootFileName?: string;
  /** Option 66. */
  tftpServerName?: string;
  /** IPv4 only. */
  ntpServers?: string[];
  privateOptions?: VmDhcpPrivateOption[];
  [key: string]: unknown;
}

/** One `spec.domain.devices.interfaces[]` entry. */
export interface VmInterface {
  /** Must equal a `networks[].name`; `^[A-Za-z0-9-_]+$`. */
  name: string;
  bridge?: Record<string, unknown>;
  masquerade?: Record<string, unknown>;
  sriov?: Record<string, unknown>;
  passtBinding?: Record<string, unknown>;
  /** Discontinued since v1.3. */
  slirp?: Record<string, unknown>;
  /** Discontinued since v1.3. */
  macvtap?: Record<string, unknown>;
  /** Discontinued since v1.3 (use `passtBinding` or the passt binding plugin). */
  passt?: Record<string, unknown>;
  binding?: PluginBinding;
  /** @default 'virtio' */
  model?: WireOf<VmInterfaceModel> | string;
  macAddress?: string;
  pciAddress?: string;
  bootOrder?: number;
  acpiIndex?: number;
  ports?: VmPort[];
  /** v1.9+ (PortRangesSpec gate); not together with `ports`; at most 10, no overlap per protocol. */
  portRanges?: VmPortRange[];
  dhcpOptions?: VmDhcpOptions;
  tag?: string;
  state?: WireOf<VmInterfaceState> | string;
  [key: string]: unknown;
}

/** `networks[].pod`. */
export interface PodNetworkSource {
  /** @default '10.0.2.0/24' */
  vmNetworkCIDR?: string;
  /** @default 'fd10:0:2::/120' */
  vmIPv6NetworkCIDR?: string;
  [key: string]: unknown;
}

/** `networks[].multus`. */
export interface MultusNetworkSource {
  /** `<nad>` (VM namespace) or `<namespace>/<nad>`. */
  networkName: string;
  /** Make this NAD the pod's primary network. @default false */
  default?: boolean;
  [key: string]: unknown;
}

/** `networks[].resourceClaim` (DRA, v1.9 alpha). */
export interface ResourceClaimNetworkSource {
  claimName: string;
  requestName: string;
  [key: string]: unknown;
}

/** One `spec.networks[]` entry. */
export interface VmNetwork {
  name: string;
  pod?: PodNetworkSource;
  multus?: MultusNetworkSource;
  resourceClaim?: ResourceClaimNetworkSource;
  [key: string]: unknown;
}

/**
 * The network section of one VM or VMI. `undefined` lists were absent in the parsed manifest and
 * stay absent when rendered.
 */
export interface VmNetworkSection {
  interfaces?: VmInterface[];
  networks?: VmNetwork[];
}

/** Which binding an interface uses: a core method, a discontinued one, `plugin:<name>`, or undefined when none. */
export function bindingOf(iface: VmInterface): string | undefined {
  for (const k of BINDING_KEYS) if (iface[k] !== undefined && iface[k] !== null) return k;
  if (iface.binding !== undefined) return `plugin:${iface.binding.name}`;
  return undefined;
}

/** Which source a network uses (`pod`, `multus`, `resourceClaim`), or undefined when none. */
export function sourceOf(network: VmNetwork): 'pod' | 'multus' | 'resourceClaim' | undefined {
  if (network.pod !== undefined) return 'pod';
  if (network.multus !== undefined) return 'multus';
  if (network.resourceClaim !== undefined) return 'resourceClaim';
  return undefined;
}

/**
 * The default network of a section, as KubeVirt `vmispec.LookUpDefaultNetwork`: the first
 * network that is `pod` or `multus` with `default: true`.
 */
export function defaultNetworkOf(networks: readonly VmNetwork[]): VmNetwork | undefined {
  return networks.find((n) => n.pod !== undefined || (n.multus !== undefined && n.multus.default === true));
}
