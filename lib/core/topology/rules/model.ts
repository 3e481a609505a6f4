/**
 * The read side of the cross-resource rules: a manifest set read once, leniently, into small
 * records (NNCP interfaces, NAD plugin facts, VM NICs) with the indexes every rule needs, so each
 * rule is a pass over one kind plus map lookups — linear in the size of the set.
 *
 * Reading is lenient on purpose: per-resource validators (lib/core/nmstate, cni, kubevirt) report
 * malformed objects; here anything unreadable is skipped so one broken object does not hide the
 * problems between the others. Parsing is delegated to those modules where they export a parser
 * (`parseNadConfig`, `pluginsOf`, `parseCidr`, `normalizeMac`, `parseNetworkData`, `bindingOf`).
 *
 * This file only declares the records; the readers (read-nncp.ts, read-nad.ts, read-vm.ts,
 * read-set.ts) import their types from here and are imported directly by their users.
 */
import type { ResourceRef } from '../../errors';
import type { Manifest } from '../../manifest';
import type { Cidr, PluginConfig } from '../../cni';
import type { PlacementAlternative, Selector } from './selectors';

// --- NNCP ---------------------------------------------------------------------------------------

/** One `spec.desiredState.interfaces[]` entry. */
export interface NncpIface {
  readonly policy: NncpInfo;
  readonly index: number;
  /** `spec.desiredState.interfaces[<index>]`. */
  readonly path: string;
  readonly name: string;
  readonly type?: string;
  /** `up` unless given. */
  readonly state: string;
  readonly absent: boolean;
  readonly mtu?: number;
  /** Ports of a linux-bridge, bond or ovs-bridge, with their paths. */
  readonly ports: ReadonlyArray<{ readonly name: string; readonly path: string; readonly vlan?: Record<string, unknown> }>;
  /** `vlan.base-iface` / `vlan.id` of a VLAN interface. */
  readonly vlanBase?: string;
  readonly vlanId?: number;
  /** `controller:` of a port. */
  readonly controller?: string;
  /** True when an ipv4/ipv6 block is enabled with addresses or DHCP. */
  readonly hasIp: boolean;
  readonly raw: Record<string, unknown>;
}

/** One `ovn.bridge-mappings[]` entry. */
export interface OvnMapping {
  readonly policy: NncpInfo;
  readonly path: string;
  readonly localnet: string;
  readonly bridge?: string;
  readonly absent: boolean;
}

/** A NodeNetworkConfigurationPolicy as the rules see it. */
export interface NncpInfo {
  readonly manifest: Manifest;
  readonly ref: ResourceRef;
  readonly name: string;
  readonly selector: Selector;
  readonly ifaces: NncpIface[];
  readonly mappings: OvnMapping[];
}

// --- NAD ----------------------------------------------------------------------------------------

/** How a NAD reaches the wire. */
export type NadFlavour = 'bridge' | 'macvlan' | 'ipvlan' | 'ovn' | 'other';

/** One IPAM subnet of a NAD, with the path it came from. */
export interface NadSubnet {
  readonly cidr: Cidr;
  readonly text: string;
  readonly path: string;
}

/** A NetworkAttachmentDefinition as the rules see it (facts of its first, main plugin). */
export interface NadInfo {
  readonly manifest: Manifest;
  readonly ref: ResourceRef;
  readonly namespace: string;
  readonly name: string;
  /** `namespace/name`. */
  readonly key: string;
  /** The parsed config, when `spec.config` is a JSON object. */
  readonly config?: Record<string, unknown>;
  readonly flavour: NadFlavour;
  /** The main (first) plugin and its path (`spec.config` or `spec.config.plugins[0]`). */
  readonly main?: PluginConfig;
  readonly mainPath: string;
  /** Bridge of a bridge/cnv-bridge NAD (`cni0` when unset, as the plugin defaults). */
  readonly bridge?: string;
  readonly vlan?: number;
  /** VLAN ids of `vlanTrunk`. */
  readonly vlanTrunk: readonly number[];
  readonly mtu?: number;
  readonly macspoofchk?: boolean;
  readonly ipamType?: string;
  readonly subnets: readonly NadSubnet[];
  readonly resourceName?: string;
  /** macvlan/ipvlan `master`. */
  readonly master?: string;
  /** OVN: network `name`, `topology`, localnet physical network. */
  readonly ovnName?: string;
  readonly ovnTopology?: string;
  readonly physicalNetwork?: string;
  /** Identity of the L2 segment the NAD attaches to (same key = same wire). */
  readonly segment: string;
}

// --- VM -----------------------------------------------------------------------------------------

/** One VM interface paired with its network. */
export interface VmNic {
  readonly index: number;
  /** `<base>.domain.devices.interfaces[<index>]`. */
  readonly path: string;
  readonly name: string;
  readonly binding?: string;
  /** Canonical MAC (lowercase, colons) when `macAddress` parses. */
  readonly mac?: string;
  readonly absent: boolean;
  readonly raw: Record<string, unknown>;
  /** The paired `networks[]` entry. */
  readonly network?: { readonly index: number; readonly path: string; readonly multus?: string; readonly pod: boolean };
  /** `namespace/name` of the NAD a multus network names. */
  readonly nadKey?: string;
}

/** Where a VM's cloud-init networkData text is. */
export interface NetworkDataSource {
  readonly text: string;
  /** Path of the field holding it (in the VM, or `stringData.networkdata` of a Secret). */
  readonly path: string;
  /** `namespace/name` of the Secret it was read from (`networkDataSecretRef`); undefined when inline. */
  readonly secret?: string;
}

/** A VirtualMachine or VirtualMachineInstance as the rules see it. */
export interface VmInfo {
  readonly manifest: Manifest;
  readonly ref: ResourceRef;
  readonly namespace: string;
  readonly name: string;
  /** `spec.template.spec` (VM) or `spec` (VMI). */
  readonly base: string;
  readonly nodeSelector?: Selector;
  /**
   * Where the VM may run: `nodeSelector` ANDed with each required node-affinity term, one
   * alternative per term. Undefined when neither constrains the VM (any node).
   */
  readonly placement?: readonly PlacementAlternative[];
  /** True when `affinity.nodeAffinity` is set (its required terms are in {@link placement}). */
  readonly hasAffinity: boolean;
  readonly nics: VmNic[];
  readonly networkData?: NetworkDataSource;
  /** False for `runStrategy: Halted` or `running: false`. */
  readonly running: boolean;
}

// --- the set ------------------------------------------------------------------------------------

/** A manifest set read and indexed once. */
export interface SetModel {
  readonly nncps: NncpInfo[];
  readonly nads: NadInfo[];
  readonly vms: VmInfo[];
  /** Every NNCP interface entry by interface name. */
  readonly ifacesByName: Map<string, NncpIface[]>;
  /** NADs by `namespace/name` (first wins when duplicated). */
  readonly nadsByKey: Map<string, NadInfo>;
  /** OVN mappings by localnet. */
  readonly mappingsByLocalnet: Map<string, OvnMapping[]>;
  /** VM NICs by the `namespace/name` of the NAD their multus network names. */
  readonly usersByNad: Map<string, Array<{ readonly vm: VmInfo; readonly nic: VmNic }>>;
}
