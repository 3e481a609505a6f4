/**
 * Problem codes of the cross-resource validation (`validateManifestSet`) and of the intent-only
 * rules on the typed model (`validateTopology`). Each is something every component accepts on its
 * own but that breaks when the objects are put together; `upstream` names the code or behaviour
 * that makes it a real failure, or `multihome` for our own lints.
 */
import type { CodeTable } from '../errors';

const BRIDGE_GO = 'containernetworking/plugins plugins/main/bridge/bridge.go';
const KNMSTATE_PER_POLICY =
  'nmstate/kubernetes-nmstate controllers/handler/nodenetworkconfigurationpolicy_controller.go (each policy is applied alone, in no defined order: kubernetes-nmstate#1101; nothing merges or compares policies)';

/** Every code of lib/core/topology, declared once (STYLE.md #15). */
export const TOPOLOGY_CODES = {
  // --- the set as a whole ----------------------------------------------------------------------
  TOPOLOGY_DUPLICATE_RESOURCE: {
    severity: 'error',
    summary: 'two documents of the set have the same kind, namespace and name but different content; the one applied last silently replaces the other',
    upstream: 'kubernetes apply semantics (an object is identified by kind/namespace/name; a later apply overwrites the earlier one)',
  },

  // --- OpenShift: SecurityContextConstraints (rules/scc.ts) -------------------------------------
  TOPOLOGY_SCC_HOST_NETWORK: {
    severity: 'error',
    summary: 'on OpenShift, a workload with hostNetwork: true whose ServiceAccount may use no SecurityContextConstraints allowing host networking (none in the set, no built-in one granted); SCC admission refuses every pod',
    upstream: 'openshift/apiserver-library-go pkg/securitycontextconstraints/sccmatching (AssignSecurityContext: "unable to validate against any security context constraint"); OpenShift docs, Managing security context constraints',
  },
  TOPOLOGY_SCC_NOT_ADMITTED: {
    severity: 'error',
    summary: 'on OpenShift, the SCCs with host networking a host-network workload may use do not allow something its pods ask for (an added capability, a host port, hostPath volumes, a volume type, its uid, privileged); SCC admission refuses every pod',
    upstream: 'openshift/apiserver-library-go pkg/securitycontextconstraints (capabilities, user, volume and host-namespace checks); openshift/cluster-kube-apiserver-operator bindata/bootkube/scc-manifests (built-in SCCs: hostnetwork-v2 allows NET_BIND_SERVICE only)',
  },

  // --- NAD ↔ NNCP: bridges ------------------------------------------------------------------------
  TOPOLOGY_BRIDGE_NOT_CREATED: {
    severity: 'error',
    summary: 'a bridge NAD names a bridge that no NNCP of the set creates (or that the NNCPs only set absent); the bridge CNI then creates an isolated bridge without uplink',
    upstream: `${BRIDGE_GO} setupBridge/ensureBridge (netlink.LinkAdd of a missing bridge, default name cni0, EEXIST ignored); kubevirt/kubevirt#2241`,
  },
  TOPOLOGY_BRIDGE_NOT_LINUX_BRIDGE: {
    severity: 'error',
    summary: 'a bridge NAD names an interface the NNCPs create with another type (ovs-bridge, bond, vlan, …); the plugin fails "already exists but is not a bridge"',
    upstream: `${BRIDGE_GO} bridgeByName ("%q already exists but is not a bridge")`,
  },
  TOPOLOGY_BRIDGE_ABSENT_IN_USE: {
    severity: 'error',
    summary: 'an NNCP removes (state: absent) a bridge that a VM still reaches through a NAD; the next VM start recreates it isolated',
    upstream: `nmstate/nmstate (state: absent deletes the bridge); ${BRIDGE_GO} ensureBridge (recreates a missing bridge without uplink)`,
  },
  TOPOLOGY_MTU_ABOVE_UPLINK: {
    severity: 'error',
    summary: 'the NAD mtu is larger than the MTU the NNCPs declare on its bridge or on the uplink below it (port, VLAN, bond, NIC); large frames are dropped',
    upstream: `${BRIDGE_GO} setupVeth (the pod veth gets the NAD mtu); kubevirt/kubevirt#18845 (virtio applies the NAD MTU to the guest)`,
  },
  TOPOLOGY_MTU_ABOVE_LOWER: {
    severity: 'error',
    summary: 'a VLAN declares an MTU above the MTU another NNCP declares on its base interface; the kernel refuses it and the policy fails on the node',
    upstream: 'torvalds/linux net/8021q/vlan_dev.c vlan_dev_change_mtu (-ERANGE above the real device MTU); nmstate does not check it (nmstate.md §2.6 M3)',
  },
  TOPOLOGY_HOST_LOCAL_MULTI_NODE: {
    severity: 'warning',
    summary: 'host-local IPAM on a NAD whose bridge exists on more than one node (or on unknown nodes); every node hands out the same addresses',
    upstream: 'containernetworking/plugins plugins/ipam/host-local/backend/disk (per-node store); kubevirt/kubevirt#7967',
  },
  TOPOLOGY_MACSPOOFCHK_OFF: {
    severity: 'warning',
    summary: 'a bridge NAD used by a VM does not enable macspoofchk; the guest can send with any source MAC',
    upstream: `${BRIDGE_GO} NetConf.MacSpoofChk (default false; link.NewSpoofChecker only when set)`,
  },
  TOPOLOGY_MACVLAN_BRIDGE_BINDING: {
    severity: 'error',
    summary: 'a VM interface with bridge binding uses a macvlan/ipvlan NAD; return traffic never reaches the guest',
    upstream: 'kubevirt/user-guide docs/network/interfaces_and_networks.md "Invalid CNIs for secondary networks" (bridge binding moves the pod interface MAC to the VM); kubevirt/kubevirt#5483, #7001',
  },

  // --- VLANs --------------------------------------------------------------------------------------
  TOPOLOGY_VLAN_NOT_IN_TRUNK: {
    severity: 'error',
    summary: "the NAD tags a VLAN on a VLAN-filtering bridge whose uplink ports do not carry it (not in any port's trunk-tags or access tag)",
    upstream: `nmstate/nmstate rust/src/lib/ifaces/bridge_vlan.rs (port trunk-tags are the VLANs the port carries once filtering is on); ${BRIDGE_GO} setupVeth (BridgeVlanAdd on the pod veth only)`,
  },
  TOPOLOGY_VLAN_NO_FILTERING: {
    severity: 'warning',
    summary: 'the NAD sets vlan on a bridge the NNCP creates without VLAN filtering (no port vlan block); the tag isolates nothing',
    upstream: `${BRIDGE_GO} ensureBridge (vlan_filtering is only set on a bridge the plugin creates; EEXIST ignored)`,
  },
  TOPOLOGY_VLAN_SHADOWED: {
    severity: 'error',
    summary: "the NAD's VLAN on a trunk bridge is also a VLAN sub-interface of the bridge's uplink port; the sub-interface receives those frames, the bridge never sees them",
    upstream: 'torvalds/linux net/core/dev.c __netif_receive_skb_core (vlan_do_receive runs before the bridge rx_handler)',
  },
  TOPOLOGY_VLAN_ID_CONFLICT: {
    severity: 'error',
    summary: 'two NNCPs for overlapping nodes create VLAN interfaces with different names for the same id on the same base interface',
    upstream: `torvalds/linux net/8021q/vlan.c vlan_check_real_dev (-EEXIST: one VLAN device per id and parent); ${KNMSTATE_PER_POLICY}`,
  },
  TOPOLOGY_VLAN_IFACE_CONFLICT: {
    severity: 'error',
    summary: 'two NNCPs for overlapping nodes define the same VLAN interface name with a different base interface or id',
    upstream: KNMSTATE_PER_POLICY,
  },
  TOPOLOGY_PORT_CONTROLLER_CONFLICT: {
    severity: 'error',
    summary: 'two NNCPs for overlapping nodes put the same interface under different controllers (bridge/bond); the policy applied last wins',
    upstream: `nmstate/nmstate rust/src/lib/ifaces/inter_ifaces_controller.rs ("overbooked" is only detected inside one state); ${KNMSTATE_PER_POLICY}`,
  },

  // --- OVN localnet -------------------------------------------------------------------------------
  TOPOLOGY_OVN_LOCALNET_NO_MAPPING: {
    severity: 'error',
    summary: 'a localnet NAD names a physical network that no NNCP maps with ovn.bridge-mappings',
    upstream: 'ovn-kubernetes/ovn-kubernetes docs/features/multiple-networks/multi-homing.md (localnet needs an ovn-bridge-mappings entry on the node); nmstate/nmstate rust/src/lib/ovn.rs',
  },
  TOPOLOGY_OVN_NETWORK_CONFLICT: {
    severity: 'error',
    summary: 'NADs of the same OVN-Kubernetes network name carry different configs',
    upstream: 'ovn-kubernetes/ovn-kubernetes docs/features/multiple-networks/multi-homing.md (network name is cluster-wide; every NAD of it must carry the same config)',
  },
  TOPOLOGY_OVN_BRIDGE_RESERVED: {
    severity: 'error',
    summary: "a network would create OVN-Kubernetes's gateway bridge (br-ex, breth0) with its uplink as a port, or uses OVN's integration bridge br-int; a localnet on the existing gateway bridge is mapping-only (existingBridge: true)",
    upstream: 'ovn-kubernetes/ovn-kubernetes docs/design/external-ip-and-loadbalancer-ingress.md (the external bridge, br-ex or breth0, carries the node NIC); go-controller/pkg/cni/helper_linux.go (pod ports on br-int)',
  },
  TOPOLOGY_OVN_OPTION_NOT_LOCALNET: {
    severity: 'error',
    summary: 'existingBridge, ovnIpam, excludeSubnets or allowPersistentIPs on a network whose pattern is not ovn-localnet; nothing renders them',
    upstream: 'multihome',
  },
  TOPOLOGY_OVN_IPAM_NO_SUBNETS: {
    severity: 'error',
    summary: 'ovnIpam on a localnet without subnets: OVN has nothing to allocate from',
    upstream: 'ovn-kubernetes/ovn-kubernetes go-controller/pkg/crd/userdefinednetwork/v1/cudn.go (LocalnetConfig "Subnets is required with ipam.mode is Enabled or unset")',
  },
  TOPOLOGY_OVN_IPAM_REQUIRED: {
    severity: 'error',
    summary: 'excludeSubnets or allowPersistentIPs on a localnet without ovnIpam: the NAD carries no subnets, so OVN rejects the excludes and has no address to persist',
    upstream: 'ovn-kubernetes/ovn-kubernetes go-controller/pkg/util/multi_network.go (newLocalnetNetConfInfo validateSubnetContainment); docs/features/multiple-networks/multi-homing.md (allowPersistentIPs "Only makes sense if the subnets attribute is also defined"); go-controller/pkg/crd/userdefinednetwork/v1/cudn.go ("excludeSubnets must be unset when subnets is unset")',
  },
  TOPOLOGY_OVN_IPAM_STATIC_ADDRESS: {
    severity: 'error',
    summary: 'a VM gives static addresses on a localnet with OVN IPAM; OVN allocates the port address and its IP port security drops any other',
    upstream: 'ovn-kubernetes/ovn-kubernetes docs/features/multiple-networks/multi-homing.md ("specifying a static IP address for the pod is only possible when the attachment configuration does not feature subnets"; without subnets "Port security will only prevent MAC spoofing")',
  },
  TOPOLOGY_OVN_MAPPING_CONFLICT: {
    severity: 'error',
    summary: 'two NNCPs for overlapping nodes map the same localnet to different OVS bridges',
    upstream: `nmstate/nmstate rust/src/lib/ovn.rs (one external_ids:ovn-bridge-mappings entry per localnet); ${KNMSTATE_PER_POLICY}`,
  },

  // --- VMs ----------------------------------------------------------------------------------------
  TOPOLOGY_NAD_NOT_FOUND: {
    severity: 'error',
    summary: 'a VM network names a NetworkAttachmentDefinition that the set does not contain (checked when the set has NADs)',
    upstream: 'kubevirt/kubevirt pkg/network/multus/nad.go NetworkToResource ("failed to locate network attachment definition": the VM does not start; a plain networkName means the VM namespace)',
  },
  TOPOLOGY_NAD_NAMESPACE_ISOLATED: {
    severity: 'error',
    summary: 'a VM network uses a NAD in another namespace that the Multus namespace isolation profile forbids (allowed: own namespace and the global namespaces; OpenShift: default, openshift-multus, openshift-sriov-network-operator, openshift-cnv)',
    upstream: 'k8snetworkplumbingwg/multus-cni pkg/k8sclient/k8sclient.go GetNetworkDelegates ("namespace isolation enabled, annotation violates permission"), pkg/types/conf.go (NonIsolatedNamespaces default ["default"]); openshift/cluster-network-operator bindata/network/multus/multus.yaml (namespaceIsolation: true, globalNamespaces)',
  },
  TOPOLOGY_VM_PLACEMENT_MISMATCH: {
    severity: 'error',
    summary: "some placement the VM allows (nodeSelector AND a required node-affinity term) does not imply the nodeSelector of any NNCP that creates its bridge (or OVN mapping); it can run where the network does not exist (a VM pinned to one hostname counts as inside unless its labels contradict every such NNCP)",
    upstream: `nmstate/kubernetes-nmstate api/shared/nodenetworkconfigurationpolicy_types.go nodeSelector (applied on matching nodes only); ${BRIDGE_GO} ensureBridge (isolated bridge elsewhere)`,
  },
  TOPOLOGY_VM_PLACEMENT_UNCONSTRAINED: {
    severity: 'warning',
    summary: 'the VM has no nodeSelector or required node affinity, its bridge exists on some nodes only, and its NAD has no resourceName to steer the scheduler',
    upstream: 'kubevirt/bridge-marker pkg/marker/marker.go; kubevirt/kubevirt pkg/network/multus/nad.go (resourceName copied into the virt-launcher pod requests)',
  },
  TOPOLOGY_MAC_DUPLICATE: {
    severity: 'error',
    summary: 'two (present) VM interfaces of the set have the same MAC address',
    upstream: 'k8snetworkplumbingwg/kubemacpool pkg/pool-manager (explicit MACs are honoured; collisions are only counted, kmp_mac_collisions)',
  },

  // --- addresses ----------------------------------------------------------------------------------
  TOPOLOGY_IP_DUPLICATE: {
    severity: 'error',
    summary: 'two VM NICs on the same L2 segment (bridge + VLAN, or network) get the same static address from cloud-init',
    upstream: 'canonical/cloud-init doc/rtd/reference/network-config-format-v2.rst (addresses are applied as given; nothing upstream checks uniqueness)',
  },
  TOPOLOGY_IP_OUTSIDE_SUBNET: {
    severity: 'error',
    summary: "a VM's static address lies outside every subnet of its NAD's IPAM (host-local subnet/ranges, whereabouts range, OVN subnets)",
    upstream: 'containernetworking/plugins plugins/ipam/host-local, k8snetworkplumbingwg/whereabouts pkg/types (the segment\'s subnet); an address outside it reaches no peer',
  },
  TOPOLOGY_SUBNET_OVERLAP: {
    severity: 'warning',
    summary: 'two different L2 segments declare overlapping subnets in their NAD IPAM (a warning: separate VLANs may reuse a private prefix; a VM on both is TOPOLOGY_VM_SUBNET_OVERLAP)',
    upstream: 'multihome',
  },
  TOPOLOGY_VM_SUBNET_OVERLAP: {
    severity: 'error',
    summary: "one VM has NICs on two different L2 segments whose subnets (NAD IPAM or the VM's static addresses) overlap; the guest has two connected routes for one prefix",
    upstream: 'multihome (guest kernel routing: two connected routes for one prefix, replies leave through one NIC only)',
  },

  // --- lifecycle (compared with the previous set) -------------------------------------------------
  TOPOLOGY_PREVIOUS_MISSING: {
    severity: 'warning',
    summary: 'the previous output given to compare with (`previous`, `synth --previous`) does not exist; nothing is compared and no removal is rendered (fine for the first synthesis)',
    upstream: 'multihome',
  },
  TOPOLOGY_PREVIOUS_UNREADABLE: {
    severity: 'error',
    summary: 'the previous output given to compare with cannot be read (a file or directory that is not readable, or holds no YAML/JSON file); removals cannot be computed',
    upstream: 'multihome',
  },
  TOPOLOGY_IFACE_REMOVED_WITHOUT_ABSENT: {
    severity: 'error',
    summary: 'an interface the previous NNCP configured is gone from it without having been rendered state: absent first; it stays on the nodes',
    upstream: 'nmstate/kubernetes-nmstate#48 (interfaces not mentioned in the desired state are left alone)',
  },
  TOPOLOGY_POLICY_REMOVED_WITHOUT_ABSENT: {
    severity: 'error',
    summary: 'a previous NNCP is gone while its interfaces were not state: absent in it; deleting a policy does not change the nodes',
    upstream: 'openshift/openshift-docs modules/node-network-configuration-policy-file.adoc ("oc delete nncp ... does not delete any created objects, such as a bridge interface"); nmstate/kubernetes-nmstate#48',
  },
  TOPOLOGY_POLICY_SELECTOR_NARROWED: {
    severity: 'warning',
    summary: 'an NNCP no longer selects every node its previous nodeSelector selected; nodes that no longer match keep the old configuration',
    upstream: 'openshift/openshift-docs#20039 review (no history is kept: removal applies only to nodes the selector matches)',
  },
  TOPOLOGY_NAD_REMOVED_IN_USE: {
    severity: 'error',
    summary: 'a NAD of the previous set is gone while a VM of the set still names it; the VM cannot start or migrate again',
    upstream: 'kubevirt/kubevirt pkg/network/multus/nad.go NetworkToResource ("failed to locate network attachment definition")',
  },
  TOPOLOGY_VM_IFACE_REMOVED_WITHOUT_ABSENT: {
    severity: 'error',
    summary: 'a VM interface of the previous set is removed without having been state: absent; the running VM gets RestartRequired',
    upstream: 'kubevirt/kubevirt pkg/network/vmliveupdate/restart.go haveCurrentIfacesBeenRemoved',
  },
  TOPOLOGY_VM_IFACE_CHANGED: {
    severity: 'warning',
    summary: 'a field other than state of an existing VM interface changed (MAC, model, binding, …); the running VM gets RestartRequired',
    upstream: 'kubevirt/kubevirt pkg/network/vmliveupdate/restart.go haveCurrentIfacesChanged (areNormalizedIfacesEqual ignores state only)',
  },

  // --- intent only (validateTopology) -------------------------------------------------------------
  TOPOLOGY_UNKNOWN_REFERENCE: {
    severity: 'error',
    summary: 'a node group, uplink or network is referenced by a name the topology does not declare',
    upstream: 'multihome',
  },
  TOPOLOGY_DUPLICATE_NAME: {
    severity: 'error',
    summary: 'two node groups, uplinks, networks, VMs of a namespace, NADs of a namespace or NNCPs have the same name; one silently replaces the other',
    upstream: 'multihome',
  },
  TOPOLOGY_NETWORK_UPLINK_MISSING: {
    severity: 'error',
    summary: 'a network names no uplink; only an existingBridge localnet may name its nodeGroup instead',
    upstream: 'multihome',
  },
  TOPOLOGY_NETWORK_NODE_GROUP_CONFLICT: {
    severity: 'error',
    summary: "a network sets nodeGroup although it is not an existingBridge localnet, or names a node group other than its uplink's",
    upstream: 'multihome',
  },
  TOPOLOGY_VLAN_MISSING: {
    severity: 'error',
    summary: 'a vlan-bridge or trunk-bridge network has no VLAN id',
    upstream: 'multihome',
  },
  TOPOLOGY_VLAN_CLAIMED_TWICE: {
    severity: 'error',
    summary: 'two networks (or a network and a host VLAN of an uplink or host policy) claim the same VLAN id on the same uplink interface of overlapping node groups through different bridges',
    upstream: 'torvalds/linux net/8021q/vlan.c vlan_check_real_dev (one VLAN device per id and parent); nmstate/nmstate rust/src/lib/ifaces/inter_ifaces_controller.rs (one controller per port); net/core/dev.c (a VLAN sub-interface shadows the same id on a trunk bridge)',
  },
  TOPOLOGY_VLAN_IGNORED: {
    severity: 'error',
    summary: 'a plain bridge network sets a VLAN id, which the bridge pattern does not render (the traffic would be untagged)',
    upstream: 'multihome',
  },
  TOPOLOGY_ADDRESS_OUTSIDE_SUBNETS: {
    severity: 'error',
    summary: "an attachment's static address lies outside the network's declared subnets",
    upstream: 'multihome',
  },
  TOPOLOGY_SHARED_BRIDGE_MISMATCH: {
    severity: 'error',
    summary: 'networks sharing one bridge name on overlapping node groups disagree on uplink, policyName, plugin or mtu (or one is a vlan-bridge network, which owns its bridge); the renderer would silently use the first one',
    upstream: 'multihome',
  },
  TOPOLOGY_ATTACHMENT_ABSENT_NETWORK: {
    severity: 'error',
    summary: 'an attachment is state: absent on a network that is itself absent; unplug first, remove the network in a later step',
    upstream: 'multihome (two-phase removal: the hot-unplug still needs the NAD; kubevirt/kubevirt pkg/network/vmliveupdate/restart.go)',
  },
  TOPOLOGY_ATTACHMENT_ON_ABSENT_NETWORK: {
    severity: 'error',
    summary: 'a present attachment uses a network that is state: absent (its NADs are no longer rendered)',
    upstream: 'kubevirt/kubevirt pkg/network/multus/nad.go (the VM cannot start without the NAD)',
  },
  TOPOLOGY_VM_NAME_INVALID: {
    severity: 'error',
    summary: 'a VM name is not a DNS-1123 subdomain of at most 63 characters: it is the value of the kubevirt.io/vm label the VMI gets (and the prefix of its cloud-init Secret); the VM is accepted but never starts',
    upstream: 'kubernetes/apimachinery pkg/util/validation/validation.go (LabelValueMaxLength 63, IsValidLabelValue; IsDNS1123Subdomain 253)',
  },
  TOPOLOGY_NETWORK_ADDONS_NMSTATE: {
    severity: 'error',
    summary: 'prerequisites.networkAddons.nmstate asks for a NetworkAddonsConfig component that does not exist; nmstate is installed by the NMState CR (prerequisites.nmstate)',
    upstream: 'kubevirt/cluster-network-addons-operator manifests/cluster-network-addons/0.102.0/network-addons-config.crd.yaml (no spec.nmstate, no preserve-unknown-fields)',
  },
  TOPOLOGY_LOCALNET_FORM: {
    severity: 'error',
    summary: "a network's localnetAs is neither 'cudn' nor 'nad'",
    upstream: 'multihome',
  },
  TOPOLOGY_POD_NETWORK_BINDING: {
    severity: 'error',
    summary: "a VM's podNetwork names a binding multihome does not write, or passt on a KubeVirt that has no passt binding (core passtBinding from v1.8, the passt binding plugin from v1.1)",
    upstream: 'kubevirt/user-guide docs/network/interfaces_and_networks.md ("passtBinding [v1.8.0]"); docs/network/net_binding_plugins/passt.md',
  },
  TOPOLOGY_VM_NODE_UNKNOWN: {
    severity: 'error',
    summary: "a VM's nodeSelector pins a hostname that is not among the known nodes of the node group of one of its networks",
    upstream: 'multihome',
  },

  // --- issue 12 §1: shape, addresses, names, placement (intent and set) -------------------------
  TOPOLOGY_SHAPE: {
    severity: 'error',
    summary: 'a field of the topology has the wrong JSON type, a required field is missing, or a key is unknown (a typo); nothing is rendered until the shape is right',
    upstream: 'multihome (lib/core/source/topology-schema.ts, the outline of lib/core/topology/model.ts)',
  },
  TOPOLOGY_ADDRESS_INVALID: {
    severity: 'error',
    summary: 'a VM or host address, gateway, route or nameserver is not an address of the field\'s family (CIDR with prefix where a prefix is required); the VM renders without networkData',
    upstream: 'canonical/cloud-init doc/rtd/reference/network-config-format-v2.rst (addresses in CIDR notation; gateway4/gateway6, routes to/via, nameservers); nmstate/nmstate rust/src/lib/ip.rs InterfaceIpAddr (ip + prefix-length)',
  },
  TOPOLOGY_GATEWAY_OUTSIDE_SUBNET: {
    severity: 'error',
    summary: 'a NIC\'s gateway (or a route\'s next hop) lies outside every subnet of the NIC\'s static addresses of that family; the guest kernel refuses the route',
    upstream: 'torvalds/linux net/ipv4/fib_semantics.c fib_check_nh_v4_gw and net/ipv6/route.c ip6_validate_gw (a gateway must be reachable through a connected route unless the route is marked onlink; cloud-init v2 routes are not)',
  },
  TOPOLOGY_VM_DEFAULT_GATEWAY_TWICE: {
    severity: 'warning',
    summary: 'two NICs of one VM each set a default gateway of the same family; the guest keeps two default routes and replies may leave by the wrong NIC',
    upstream: 'multihome (canonical/cloud-init doc/rtd/reference/network-config-format-v2.rst: gateway4/gateway6 become a default route per NIC)',
  },
  TOPOLOGY_BASE_INTERFACE_UNDECLARED: {
    severity: 'error',
    summary: 'a host VLAN\'s base-iface is no interface the environment declares on those nodes (uplink, bond port, interface of a policy) and is one edit away from one (a typo)',
    upstream: 'torvalds/linux net/8021q/vlan_netlink.c vlan_newlink (the lower device must exist: "link does not exist", -ENODEV); the edit-distance guess is multihome\'s',
  },
  TOPOLOGY_INTERFACE_CONFLICT: {
    severity: 'error',
    summary: 'two NNCPs selecting overlapping nodes define the same interface with different type, MTU, bond mode or ports; the policy applied last wins and the other keeps failing or flapping',
    upstream: KNMSTATE_PER_POLICY,
  },
  TOPOLOGY_GUEST_NAME_INVALID: {
    severity: 'error',
    summary: "an attachment's guestName is not a Linux interface name (empty, over 15 bytes, '.'/'..', or '/', ':' or whitespace); cloud-init's rename fails in the guest",
    upstream: 'torvalds/linux net/core/dev.c dev_valid_name (IFNAMSIZ 16 with the NUL)',
  },
  TOPOLOGY_GUEST_NAME_DUPLICATE: {
    severity: 'error',
    summary: 'two NICs of one VM get the same guest name (given or derived from the interface name); cloud-init cannot rename both',
    upstream: 'canonical/cloud-init network-config-format-v2 set-name (one interface per name)',
  },
  TOPOLOGY_BRIDGE_MARKER_MISSING: {
    severity: 'warning',
    summary: 'NADs request bridge.network.kubevirt.io/<bridge> (resourceName) but the environment deploys neither bridge-marker (networkAddons.linuxBridge) nor the agent marking bridges; VMs stay Pending',
    upstream: 'kubevirt/kubevirt pkg/virt-controller/services/template.go (MULTUS_RESOURCE_NAME_ANNOTATION → launcher resource request); kubevirt/bridge-marker',
  },
  TOPOLOGY_UPLINK_ADDRESS_ON_PORT: {
    severity: 'error',
    summary: "host addresses on a NIC uplink that a network's bridge enslaves; a bridge port keeps no IP (put them in the network's bridgeIp)",
    upstream: 'nmstate/nmstate rust/src/lib/ifaces/base.rs validate_can_have_ip',
  },
  TOPOLOGY_VM_UNSCHEDULABLE: {
    severity: 'error',
    summary: 'a VM attaches to networks whose node groups cannot overlap (disjoint known nodes, or the same label with different values); no node has all its bridges',
    upstream: 'multihome (render-vm.ts vmPlacement merges the node groups\' selectors; kubernetes scheduler nodeSelector needs every label)',
  },
  TOPOLOGY_NAMESPACE_LISTED_TWICE: {
    severity: 'warning',
    summary: "a network lists one namespace twice (or exposeTo names it again); it is rendered once, but the repeat is usually a typo for another namespace",
    upstream: 'multihome',
  },
  TOPOLOGY_NAME_INVALID: {
    severity: 'error',
    summary: 'a name the renderer turns into a Kubernetes name (namespace, NAD, NNCP) is not valid there; the API server refuses the object',
    upstream: 'kubernetes/apimachinery pkg/api/validation/objectmeta.go ValidateObjectMetaAccessor (names by kind, namespace a DNS-1123 label); pkg/util/validation/validation.go',
  },
  TOPOLOGY_TEMPLATE_EXTRA_OWNED: {
    severity: 'error',
    summary: "a VM's deprecated templateExtra sets a field multihome owns (an interface or network named like an attachment, their MAC/binding/NAD, the cloud-init networkData, a placement label) to another value; multihome's value is kept, never silently replaced (same rules as TOPOLOGY_VM_FIELD_CONFLICT)",
    upstream: 'multihome (lib/core/topology/vm-merge.ts)',
  },
  TOPOLOGY_VM_FIELD_CONFLICT: {
    severity: 'error',
    summary: "a VM's virtualMachine sets a field multihome owns (an interface or network named like an attachment with another binding, MAC or NAD; networkData in its cloud-init volume; a nodeSelector label its networks' node group sets otherwise; metadata name/namespace) or a field a VM prop also sets (memory beside an instancetype, runStrategy beside running) to another value; multihome's value is kept and both are named",
    upstream: 'multihome (lib/core/topology/vm-merge.ts); kubevirt/kubevirt pkg/instancetype/apply/memory.go validateMemory (memory request beside an instancetype), pkg/virt-api/webhooks/validating-webhook/admitters/vms-admitter.go (running and runStrategy are mutually exclusive)',
  },
  TOPOLOGY_VM_NO_BOOT_SOURCE: {
    severity: 'error',
    summary: 'a VM has nothing to boot from: no image prop, and its virtualMachine has no disk volume, no dataVolumeTemplates, no kernel boot and no network boot; multihome adds no default image (a real VM would otherwise get a demo disk)',
    upstream: 'multihome',
  },
  TOPOLOGY_UNPLUG_UNKNOWN: {
    severity: 'error',
    summary: 'vm.unplug(name) names no attachment of the VM (a typo, the pod network, or an attach that comes later); nothing would be unplugged',
    upstream: 'multihome',
  },
  // --- ordering and namespaces (intent, rules/intent-ordering.ts, rules/intent-namespaces.ts) ---
  TOPOLOGY_POLICY_CYCLE: {
    severity: 'error',
    summary: 'NNCPs use interfaces each other creates in a cycle (A uses what B creates and B what A creates, on overlapping nodes); no apply order works',
    upstream: `${KNMSTATE_PER_POLICY}; nmstate/nmstate (a VLAN/bridge port whose base interface does not exist fails the whole desired state)`,
  },
  TOPOLOGY_POLICY_NAME_ORDER: {
    severity: 'warning',
    summary: 'an NNCP that uses an interface another NNCP creates sorts before it by name; kubernetes-nmstate re-applies a node\'s policies in name order when the node\'s labels change, so on a new node the dependent is applied first and fails until retried',
    upstream: 'nmstate/kubernetes-nmstate controllers/handler/nodenetworkconfigurationpolicy_controller.go allPolicies (sort.Slice by Name on node label changes, one reconcile worker; kubernetes-nmstate#1346)',
  },
  TOPOLOGY_NAMESPACE_UNDECLARED: {
    severity: 'warning',
    summary: 'a NAD, VM or the node agent uses a namespace the environment neither creates nor declares as existing; if it does not exist the objects are refused (Argo applies NADs before anything creates it)',
    upstream: 'kubernetes/kubernetes plugin/pkg/admission/namespace/lifecycle/admission.go (NamespaceLifecycle refuses objects in a namespace that does not exist)',
  },
  // --- per-node host addresses (issue 13 §2, rules/intent-host-addresses.ts) ---------------------
  TOPOLOGY_HOST_ADDRESS_MULTI_NODE: {
    severity: 'error',
    summary: 'a static host address (one list for the whole policy) is on an interface whose policy selects more than one known node; every node gets the same address (an address conflict)',
    upstream: `${KNMSTATE_PER_POLICY}; nmstate/kubernetes-nmstate docs/_pages/user-guide-102-configuration.md (one desiredState per policy, applied on every node its nodeSelector matches)`,
  },
  TOPOLOGY_HOST_ADDRESS_NODES_UNKNOWN: {
    severity: 'warning',
    summary: "a static host address is on an interface whose policy may select many nodes (the node group lists no nodes and the selector pins no kubernetes.io/hostname); every matching node would get it",
    upstream: 'nmstate/kubernetes-nmstate docs/_pages/user-guide-102-configuration.md (one desiredState per policy, applied on every node its nodeSelector matches)',
  },
  TOPOLOGY_HOST_ADDRESS_NEEDS_NODES: {
    severity: 'error',
    summary: 'host addresses per node (perNode or pool) on a node group that lists no nodes; no per-node policy can be rendered',
    upstream: 'multihome',
  },
  TOPOLOGY_HOST_ADDRESS_NODE_UNKNOWN: {
    severity: 'error',
    summary: "a perNode address map names a node that is not among the node group's nodes (or not the node the policy pins); that address is never rendered",
    upstream: 'multihome',
  },
  TOPOLOGY_HOST_ADDRESS_DUPLICATE: {
    severity: 'error',
    summary: 'a perNode address map gives two nodes the same address',
    upstream: 'multihome',
  },
  TOPOLOGY_HOST_ADDRESS_POOL_INVALID: {
    severity: 'error',
    summary: "an address pool's start lies outside the pool, or is its network or broadcast address",
    upstream: 'multihome',
  },
  TOPOLOGY_HOST_ADDRESS_POOL_EXHAUSTED: {
    severity: 'error',
    summary: 'an address pool has fewer addresses from its start than the node group has nodes; the last nodes get no address',
    upstream: 'multihome',
  },
} as const satisfies CodeTable;

/** A code of {@link TOPOLOGY_CODES}. */
export type TopologyCode = keyof typeof TOPOLOGY_CODES;
