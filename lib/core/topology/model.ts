/**
 * The intent graph: everything one environment declares, as plain data. Constructs (cdk8s),
 * components (Pulumi), environment files and `multihome check` all reduce to a {@link Topology};
 * one renderer turns it into ordered manifests and one validator checks it across resources.
 *
 * References between objects are by id (the name of the referenced object); the constructs offer
 * typed references on top (`network.attach(...)`, `uplink.addVlan(...)`).
 */
import type { TargetSpec } from '../target/versions';
import type { BondMode, Interface, RouteEntry } from '../nmstate/types';
import type { AgentDeploymentOptions } from './agent-options';
import type { VirtualMachineInput } from './vm-source';

/** A set of nodes that share hardware and therefore host-network configuration. */
export interface NodeGroupSpec {
  /** Id of the group, e.g. `workers`, `c7000`. */
  readonly name: string;
  /** NNCP nodeSelector (equality only, as kubernetes-nmstate supports). Empty = every node running the nmstate handler. */
  readonly nodeSelector: Readonly<Record<string, string>>;
  /**
   * Known node names of the group (hostnames). Used to check VM pinning and to render per-node
   * agent configs; optional.
   */
  readonly nodes?: readonly string[];
  /** NNCP `maxUnavailable` for policies of this group. @default - kubernetes-nmstate's default ("50%") */
  readonly maxUnavailable?: number | string;
}

/** Static address in CIDR form (`10.200.0.1/24`, `fd00::1/64`). */
export type Cidr = string;

/**
 * Static host addresses of one node each, by node name (a key of the group's `nodes`): one CIDR
 * or a list, e.g. `{ perNode: { 'worker-0': '10.50.0.11/24', 'worker-1': ['10.50.0.12/24'] } }`.
 * A node of the group without an entry gets no address of this family.
 */
export interface PerNodeAddresses {
  readonly perNode: Readonly<Record<string, Cidr | readonly Cidr[]>>;
}

/**
 * Static host addresses taken from a pool, one per node of the group's `nodes`, in their listed
 * order: node i gets `start + i` with the pool's prefix length (`{ pool: '10.50.0.0/24', start:
 * '10.50.0.11' }` gives the first node 10.50.0.11/24, the second 10.50.0.12/24). Appending nodes at
 * the end keeps every other node's address; reordering or removing one in the middle moves the
 * later ones. The pool's network address (and, for IPv4 up to /30, its broadcast address) is never
 * handed out.
 */
export interface AddressPool {
  /** The subnet addresses come from, CIDR (`10.50.0.0/24`, `fd00:50::/64`). */
  readonly pool: Cidr;
  /** Address of the first node, inside the pool. @default - the first address after the network address */
  readonly start?: string;
}

/**
 * Static host addresses of one family: a list of CIDRs every selected node gets (only right when
 * the interface's policy selects one node: a group with one `nodes` entry, or a
 * `kubernetes.io/hostname` nodeSelector), an explicit node → addresses map, or a pool allocated
 * over the group's `nodes`. The per-node forms render one NNCP per node (`<policy>-<node>`,
 * nodeSelector + `kubernetes.io/hostname: <node>`) that declares the interface again with only that
 * node's addresses, applied after the group's policy.
 */
export type HostAddresses = readonly Cidr[] | PerNodeAddresses | AddressPool;

/** Host-side IP configuration of an interface multihome creates on the node. */
export interface HostIpSpec {
  /** Static IPv4 addresses: CIDRs, per node, or from a pool ({@link HostAddresses}). */
  readonly ipv4?: HostAddresses;
  /** Static IPv6 addresses: CIDRs, per node, or from a pool ({@link HostAddresses}). */
  readonly ipv6?: HostAddresses;
  /** DHCPv4 on this interface. @default false */
  readonly dhcp4?: boolean;
  /** DHCPv6 on this interface. @default false */
  readonly dhcp6?: boolean;
}

/** A host VLAN sub-interface hanging off an uplink (seed 002 `bond0.144`), not bridged to VMs. */
export interface HostVlanSpec extends HostIpSpec {
  readonly id: number;
  /** @default `<uplink interface>.<id>` */
  readonly name?: string;
}

/** The physical side of a node group: a NIC or a bond of NICs. */
export interface UplinkSpec extends HostIpSpec {
  /** Id of the uplink, unique in the topology. */
  readonly name: string;
  /** Node group whose nodes have this uplink. */
  readonly nodeGroup: string;
  /** Interface name on the node (`eth1`, `eno49`, `bond0`). */
  readonly interface: string;
  /** Present for a bond: its mode, ports and options. */
  readonly bond?: BondSpec;
  /** MTU of the uplink (and the bond's ports). @default - left as the node has it */
  readonly mtu?: number;
  /** VLAN sub-interfaces with host addresses (seed 002). */
  readonly vlans?: readonly HostVlanSpec[];
  /** Name of the NNCP that creates the bond and its host VLANs. @default `<uplink>-<nodeGroup>` */
  readonly policyName?: string;
  /** Extra nodeSelector labels for the bond policy only (seed 002 targets one node). */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /**
   * `absent` renders the bond and its host VLANs (a NIC's host VLANs; the NIC itself stays) as
   * absent: the first phase of removal, before the uplink is deleted. @default 'present'
   */
  readonly state?: 'present' | 'absent';
}

/** Bond settings (`link-aggregation` in nmstate). */
export interface BondSpec {
  readonly mode: BondMode | `${BondMode}`;
  readonly ports: readonly string[];
  /** @default 100 for modes that need link monitoring */
  readonly miimon?: number;
  readonly primary?: string;
  /** Other kernel bond options (snake_case). */
  readonly options?: Readonly<Record<string, string | number | boolean>>;
}

/** How a network reaches VMs (ARCHITECTURE.md, VlanBridgeNetwork patterns). */
export enum NetworkPattern {
  /** uplink → VLAN sub-interface → one bridge per VLAN; NAD without tag (seed 001). */
  VLAN_BRIDGE = 'vlan-bridge',
  /** one VLAN-filtering bridge on the uplink carries many VLANs; NAD sets `vlan` (seed 004). */
  TRUNK_BRIDGE = 'trunk-bridge',
  /** plain bridge on a NIC, no VLAN (seed 000). */
  BRIDGE = 'bridge',
  /** OVN-Kubernetes localnet + `ovn.bridge-mappings`. */
  OVN_LOCALNET = 'ovn-localnet',
}

/** CNI plugin type used for Linux-bridge NADs. */
export enum BridgePlugin {
  /** Upstream containernetworking `bridge`. */
  BRIDGE = 'bridge',
  /** OpenShift Virtualization / CNAO copy of the bridge plugin. */
  CNV_BRIDGE = 'cnv-bridge',
}

/** IPAM of a network's NADs. */
export type IpamSpec =
  | { readonly type: 'none' }
  | { readonly type: 'whereabouts'; readonly range: Cidr; readonly rangeStart?: string; readonly rangeEnd?: string; readonly exclude?: readonly Cidr[]; readonly gateway?: string }
  | { readonly type: 'host-local'; readonly subnet: Cidr; readonly rangeStart?: string; readonly rangeEnd?: string; readonly gateway?: string }
  | { readonly type: 'static' }
  | { readonly type: 'dhcp' };

/** One L2 network exposed to VMs. */
export interface NetworkSpec {
  /** Id of the network; also the default NAD name. */
  readonly name: string;
  /**
   * How the network reaches VMs.
   * @default NetworkPattern.TRUNK_BRIDGE when `vlan` is set, NetworkPattern.BRIDGE otherwise
   */
  readonly pattern?: NetworkPattern | `${NetworkPattern}`;
  /**
   * Uplink carrying the network; its node group is the network's. Required, except on an
   * `existingBridge` localnet, which may name its `nodeGroup` instead (it adds no port).
   */
  readonly uplink?: string;
  /**
   * Node group of an `existingBridge` localnet that names no uplink (the bridge, e.g. `br-ex`,
   * already holds the node's NIC). Only on such networks. @default - the uplink's node group
   */
  readonly nodeGroup?: string;
  /** VLAN id (vlan-bridge, trunk-bridge; optional for ovn-localnet, where OVN tags it: NAD `vlanID`). */
  readonly vlan?: number;
  /**
   * Bridge name on the node (Linux bridge, or OVS bridge for ovn-localnet).
   * @default `br<vlan>` (vlan-bridge), `br0` (trunk-bridge), the network name (bridge, ovn-localnet)
   */
  readonly bridge?: string;
  /** VLAN sub-interface name (vlan-bridge). @default `<uplink interface>.<vlan>` */
  readonly vlanInterface?: string;
  /** NAD name in every namespace. @default the network name */
  readonly nadName?: string;
  /** `name` inside the CNI config. @default the NAD name */
  readonly cniName?: string;
  /** Namespaces that get a NAD. */
  readonly namespaces: readonly string[];
  /** Bridge CNI flavour. @default from the environment's platform */
  readonly plugin?: BridgePlugin | `${BridgePlugin}`;
  /** @default '0.3.1' */
  readonly cniVersion?: string;
  /** Source-MAC spoof check on the bridge port. @default true */
  readonly macspoofchk?: boolean;
  /** Chain the `tuning` plugin after the bridge (seed 004). @default false */
  readonly tuning?: boolean;
  /** @default { type: 'none' } (L2 only; guests configure themselves) */
  readonly ipam?: IpamSpec;
  /** Subnets of the L2 segment, used to check VM addresses. */
  readonly subnets?: readonly Cidr[];
  /** MTU of the NAD (and of the bridge/VLAN the network creates). */
  readonly mtu?: number;
  /** Annotate NADs with `k8s.v1.cni.cncf.io/resourceName: bridge.network.kubevirt.io/<bridge>`. @default true */
  readonly resourceName?: boolean;
  /** Name of the NNCP that creates the VLAN/bridge. @default `<network>-<nodeGroup>` (per-VLAN) or `<bridge>-<uplink interface>` (shared bridge) */
  readonly policyName?: string;
  /** Host IP on the bridge (seed 000 `br1` takes DHCP). */
  readonly bridgeIp?: HostIpSpec;
  /** Description written on the NNCP interfaces. */
  readonly description?: string;
  /** OVN physical network name (localnet). @default the network name */
  readonly physicalNetworkName?: string;
  /**
   * ovn-localnet: the OVS bridge already exists on the nodes (OVN-Kubernetes's `br-ex`, or one
   * the platform made); the NNCP only adds the `ovn.bridge-mappings` entry and never declares
   * the bridge or its ports. @default false
   */
  readonly existingBridge?: boolean;
  /**
   * ovn-localnet: written as a ClusterUserDefinedNetwork (`cudn`: OVN-Kubernetes writes the
   * same-named NAD in each namespace) or as NADs (`nad`). Keep `nad` for a localnet whose NADs
   * already exist: the CUDN controller does not take over NADs it did not create.
   * @default - `cudn` where the target's OVN-Kubernetes serves CUDN Localnet (≥ 1.1, OpenShift ≥ 4.19), `nad` elsewhere
   */
  readonly localnetAs?: 'cudn' | 'nad';
  /**
   * ovn-localnet: OVN-Kubernetes allocates the guests' addresses from `subnets` (rendered into
   * the NAD; OVN then enforces IP port security, so VMs cannot use static addresses). Off,
   * `subnets` only checks VM addresses and the NAD is pure L2. @default false
   */
  readonly ovnIpam?: boolean;
  /** ovn-localnet with `ovnIpam`: CIDRs inside `subnets` OVN never hands out (NAD `excludeSubnets`). */
  readonly excludeSubnets?: readonly Cidr[];
  /** ovn-localnet with `ovnIpam`: VMs keep their OVN-allocated addresses across restart and migration (IPAMClaims; NAD `allowPersistentIPs`). @default false */
  readonly allowPersistentIPs?: boolean;
  /** `absent`: first phase of removal — interfaces rendered `state: absent`, NADs dropped. @default 'present' */
  readonly state?: 'present' | 'absent';
}

/** One VM NIC on a network. */
export interface AttachmentSpec {
  readonly network: string;
  /** Interface/network name inside the VM spec. @default the network name */
  readonly name?: string;
  /** @default - allocated deterministically from namespace/vm/interface */
  readonly macAddress?: string;
  readonly ipv4?: readonly Cidr[];
  readonly ipv6?: readonly Cidr[];
  readonly dhcp4?: boolean;
  readonly dhcp6?: boolean;
  /** Default gateway via this NIC. */
  readonly gateway4?: string;
  readonly gateway6?: string;
  readonly nameservers?: readonly string[];
  readonly routes?: ReadonlyArray<{ readonly to: Cidr; readonly via: string; readonly metric?: number }>;
  /**
   * Guest interface name set by cloud-init (`set-name`).
   * @default - the interface name (`name`) when Linux accepts it (15 bytes at most, no `/`, `:` or
   *   whitespace), else its first characters and a short hash of it (guest-name.ts). Never derived
   *   from the NIC's position, so removing another NIC renames nothing.
   */
  readonly guestName?: string;
  /** `absent`: hot-unplug first phase (bridge binding only). @default 'present' */
  readonly state?: 'present' | 'absent';
  /** NIC model. @default 'virtio' */
  readonly model?: string;
}

/**
 * One KubeVirt VM with its secondary NICs: a VM multihome renders alone (give `image`), or a
 * complete VirtualMachine the user already has (`virtualMachine`), into which multihome merges
 * only what its attachments need — interfaces, networks, MACs, cloud-init networkData and the
 * nodeSelector labels of their node groups (vm-merge.ts has the rules). Everything else of the
 * VM passes through untouched.
 */
export interface VmSpec {
  /** `metadata.name` of the VirtualMachine (a `virtualMachine.metadata.name` must be the same). */
  readonly name: string;
  /** `metadata.namespace` of the VirtualMachine (a `virtualMachine.metadata.namespace` must be the same). */
  readonly namespace: string;
  /**
   * Pod network binding, or false for none. `passt` (user-space, the pod's own addresses) is
   * written for the target KubeVirt: the core `passtBinding: {}` from v1.8 (`PasstBinding`
   * feature gate), the passt binding plugin `binding: {name: passt}` on v1.1 … v1.7 (registered
   * in the KubeVirt CR); older KubeVirt has neither (TOPOLOGY_POD_NETWORK_BINDING).
   * @default - 'masquerade'; with a `virtualMachine`: its own pod network if it has one, none if
   * it lists other networks only, 'masquerade' if it lists no networks (KubeVirt's own default)
   */
  readonly podNetwork?: 'masquerade' | 'passt' | false;
  /**
   * The guest also takes the pod network's IPv6 (dual-stack clusters). With passt, networkData
   * asks for DHCPv6 (passt answers DHCPv6 and NDP with the pod's address). With masquerade, it
   * gives the pod NIC KubeVirt's masquerade address `fd10:0:2::2/120` with gateway `fd10:0:2::1` (the default
   * `vmIPv6NetworkCIDR`, kubevirt user-guide "masquerade - IPv4 and IPv6 dual-stack support":
   * "The IPv6 address for the VM and default gateway must be the ones shown"). @default false
   */
  readonly podNetworkIpv6?: boolean;
  /** Name of the pod network's interface/network entry. @default - the `virtualMachine`'s pod network name, else 'default' */
  readonly podInterfaceName?: string;
  readonly attachments: readonly AttachmentSpec[];
  /** Explicit placement; must lie inside the node groups of every attached network. */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** `spec.runStrategy`. @default 'Always', unless the `virtualMachine` sets runStrategy or running */
  readonly runStrategy?: string;
  /**
   * Guest memory request (`domain.resources.requests.memory`).
   * @default '1Gi', unless the `virtualMachine` sizes memory itself (instancetype, memory.guest or
   * hugepages, a memory request or limit)
   */
  readonly memory?: string;
  /**
   * containerDisk image: a convenience that adds a `containerdisk` volume and disk (first). There
   * is no default: a VM without `image` needs a boot disk of its own in `virtualMachine`
   * (volumes or dataVolumeTemplates), else TOPOLOGY_VM_NO_BOOT_SOURCE.
   * @default - none
   */
  readonly image?: string;
  /** cloud-init userData (into the VM's cloud-init volume when it has no userData of its own). */
  readonly userData?: string;
  /**
   * A complete VirtualMachine to bring: a plain object, a parsed manifest, or the props of the
   * cdk8s-imported `VirtualMachine` (imports/kubevirt.io.ts). multihome owns only the interfaces
   * and networks named like its attachments (and the pod network it adds), their MACs, the
   * networkData in the VM's cloud-init volume and the nodeSelector labels its networks need;
   * instancetype, preference, dataVolumeTemplates, disks, volumes, cpu/memory, labels,
   * annotations, runStrategy, evictionStrategy, affinity, tolerations, probes and existing
   * cloud-init pass through untouched. A value it sets for an owned field that differs is
   * TOPOLOGY_VM_FIELD_CONFLICT, naming both (lib/core/topology/vm-merge.ts).
   * @default - none: multihome renders the VM from the props above
   */
  readonly virtualMachine?: VirtualMachineInput;
  /**
   * Fields deep-merged into `virtualMachine.spec.template.spec` (mappings merge, lists and scalars
   * replace), under the same ownership rules; a conflict is TOPOLOGY_TEMPLATE_EXTRA_OWNED.
   * @deprecated use `virtualMachine: { spec: { template: { spec: { ... } } } }`
   */
  readonly templateExtra?: Readonly<Record<string, unknown>>;
}

/** Host configuration that is not a VM network (seed 002 `static-ip`, `eth1.102`). */
export interface HostPolicySpec {
  /** NNCP name. */
  readonly name: string;
  /** Node group, or none for every node. */
  readonly nodeGroup?: string;
  /** Extra nodeSelector labels (e.g. one hostname). */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  readonly interfaces: readonly Interface[];
  readonly routes?: readonly RouteEntry[];
}

/** Which cluster flavour the manifests target. */
export enum Platform {
  /** Upstream Kubernetes + KubeVirt + CNAO/Multus: `bridge` CNI, no namespace isolation. */
  VANILLA = 'vanilla',
  /** OpenShift Virtualization: `cnv-bridge`, Multus namespace isolation (same namespace or `default`). */
  OPENSHIFT = 'openshift',
}

/** Operators the rest needs (seed 002 NMState CR, seed 004 NetworkAddonsConfig). */
export interface PrerequisitesSpec {
  /** Render the `NMState` CR named `nmstate` (when prerequisites are given at all). @default true */
  readonly nmstate?: boolean;
  /** Render a `NetworkAddonsConfig` named `cluster` with these components. */
  readonly networkAddons?: {
    readonly multus?: boolean;
    readonly linuxBridge?: boolean;
    /**
     * @deprecated CNAO has no nmstate component (its CRD has no `spec.nmstate`): an error
     * (TOPOLOGY_NETWORK_ADDONS_NMSTATE), never rendered. nmstate comes from `prerequisites.nmstate`.
     */
    readonly nmstate?: boolean;
    readonly kubeMacPool?: boolean | { readonly rangeStart: string; readonly rangeEnd: string };
    readonly imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  };
}

/** GitOps ordering. */
export interface OrderingSpec {
  /** Write `argocd.argoproj.io/sync-wave` annotations. @default true */
  readonly syncWaves?: boolean;
  /** Waves by layer. @default { prerequisites: -20, nncp: -10, nad: -5, vm: 0 } */
  readonly waves?: Partial<Readonly<Record<'prerequisites' | 'nncp' | 'nad' | 'vm', number>>>;
}

/**
 * A namespace the environment uses. `create: true` renders it as a `v1/Namespace` (first, in the
 * prerequisites layer) with its labels and annotations, kept on removal (Argo CD
 * `Prune=false,Delete=false`, Pulumi `retainOnDelete`: deleting a namespace deletes every VM in
 * it). Without `create`, the namespace is only recorded as existing (created by someone else).
 */
export type NamespaceSpec =
  | {
      /** Render the Namespace object. */
      readonly create: true;
      /** Labels of the Namespace (e.g. Pod Security levels). */
      readonly labels?: Readonly<Record<string, string>>;
      /** Annotations of the Namespace. */
      readonly annotations?: Readonly<Record<string, string>>;
    }
  | {
      /** The namespace exists already; nothing is rendered. @default false */
      readonly create?: false;
    };

/**
 * A Kubernetes object the environment ships as given (`Topology.passThrough`): what
 * `multihome import` could not express as intent (the generated file lists each with the
 * reason), or any object a team keeps next to its networks.
 */
export interface PassThroughObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
    readonly [field: string]: unknown;
  };
  readonly [field: string]: unknown;
}

/** A whole environment's intent. */
export interface Topology {
  readonly name: string;
  /** @default Platform.VANILLA */
  readonly platform?: Platform | `${Platform}`;
  /**
   * What the cluster runs: a preset (`'openshift-4.19'`, `'kubevirt-1.8-upstream'`, …) or the
   * versions of KubeVirt, nmstate, kubernetes-nmstate, the CNI plugins, OVN-Kubernetes and
   * OpenShift (any left out come from `preset`, else the platform's default). The output follows
   * it (NNCP apiVersion, explicit `maxUnavailable`, `passtBinding` or the passt plugin, localnet
   * networks as ClusterUserDefinedNetworks where OVN-Kubernetes serves them) and the rules judge
   * against it. README "Target versions" lists the presets.
   * @default - the newest versions multihome knows: 'kubevirt-1.9-upstream', or 'openshift-4.20' on Platform.OPENSHIFT
   */
  readonly target?: TargetSpec;
  readonly nodeGroups: readonly NodeGroupSpec[];
  readonly uplinks: readonly UplinkSpec[];
  readonly networks: readonly NetworkSpec[];
  readonly vms: readonly VmSpec[];
  readonly hostPolicies?: readonly HostPolicySpec[];
  /**
   * The namespaces the environment's NADs, VMs and node agent use, by name: created by the
   * environment (`{ create: true }`) or existing (`{}`). A NAD, VM or agent namespace that is
   * neither is reported (TOPOLOGY_NAMESPACE_UNDECLARED); `default` and the `kube-*` namespaces
   * always exist.
   * @default - none declared
   */
  readonly namespaces?: Readonly<Record<string, NamespaceSpec>>;
  readonly prerequisites?: PrerequisitesSpec;
  /**
   * Deploy the multihome node agent (lib/agent) with the environment: its Namespace, RBAC and a
   * ConfigMap + DaemonSet per node group render in the prerequisites layer, after the operator
   * CRs. `mode`/`nodeGroupModes` say where it only observes (kubernetes-nmstate nodes) and where
   * it applies (nodes without NetworkManager).
   * @default - no agent
   */
  readonly agent?: AgentDeploymentOptions;
  readonly ordering?: OrderingSpec;
  /** MAC prefix (3 bytes) of the deterministic allocator. @default '02:00:00' range as kubemacpool's default */
  readonly macPrefix?: string;
  /** Problem codes to silence (warnings only). */
  readonly silence?: readonly string[];
  /**
   * Objects written as given, in the layer of their kind (NNCPs with the policies, NADs with the
   * NADs, VirtualMachines and VirtualMachineInstances with the VMs, anything else with the
   * prerequisites) and ordered like it; each gets the layer's sync wave unless it has one. They
   * are checked like every manifest, but a problem of their own is a warning (they are the
   * user's, as given); a problem they cause in a modeled object stays an error. multihome
   * derives nothing from them (no MACs, no agent config).
   * @default - none
   */
  readonly passThrough?: readonly PassThroughObject[];
}
