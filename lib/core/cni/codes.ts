import { CodeTable } from '../errors';

// Upstream files. Snapshots read for these rules (see the report in the module README / index):
// containernetworking/plugins tags v1.1.1, v1.5.1, v1.8.0, v1.9.1 (main 3d27709f);
// containernetworking/cni v1.0.1, v1.1.2, v1.3.0; ovn-kubernetes/ovn-kubernetes 6c366bb4 and
// ovn-kubernetes/ovn-kubernetes 8871cd9c; k8snetworkplumbingwg/sriov-cni 1b7acc5b;
// k8snetworkplumbingwg/whereabouts 3a262bd0; k8snetworkplumbingwg/network-attachment-definition-client
// 46fcc411; k8snetworkplumbingwg/multus-cni 95a09323; kubevirt/bridge-marker 9fe89af9.
const PLUGINS = 'containernetworking/plugins';
const BRIDGE = `${PLUGINS} plugins/main/bridge/bridge.go`;
const HOST_LOCAL = `${PLUGINS} plugins/ipam/host-local/backend/allocator/range.go (Range.Canonicalize)`;
const LIBCNI = 'containernetworking/cni libcni/conf.go';
const NAD_CLIENT = 'k8snetworkplumbingwg/network-attachment-definition-client pkg/utils/cniconfig.go (GetCNIConfig, GetCNIConfigFromSpec)';
const OVN_VALIDATE = 'ovn-kubernetes/ovn-kubernetes go-controller/pkg/util/multi_network.go (ValidateNetConf)';
const SRIOV = 'k8snetworkplumbingwg/sriov-cni pkg/config/config.go (LoadConf)';
const WHEREABOUTS = 'k8snetworkplumbingwg/whereabouts pkg/config/config.go (LoadIPAMConfig)';
const HOST_LOCAL_CONFIG = `${PLUGINS} plugins/ipam/host-local/backend/allocator/config.go (LoadIPAMConfig)`;
const HOST_DEVICE = `${PLUGINS} plugins/main/host-device/host-device.go`;

/**
 * Problem codes of the CNI area (NetworkAttachmentDefinitions and the CNI JSON inside them),
 * declared once. `validate.ts` refers to codes only; the {@link ProblemSink} takes the severity
 * from here.
 *
 * Severity policy: `error` when the CNI plugin, libcni, Multus, OVN-Kubernetes or the kernel
 * rejects the config (the pod — and the VM — never starts, or starts without the network);
 * `warning` when the config is accepted but silently does something else than it says (keys the
 * plugin build ignores, settings ignored for a topology, per-node IPAM) or depends on something
 * multihome cannot see (a plugin binary installed by an operator, an on-disk config).
 */
export const CNI_CODES = {
  // --- the NetworkAttachmentDefinition envelope --------------------------------------------------
  NAD_SHAPE: {
    severity: 'error',
    summary: 'the object is not a well-formed NetworkAttachmentDefinition (apiVersion k8s.cni.cncf.io/v1, kind, metadata.name, spec a mapping)',
    upstream: 'k8snetworkplumbingwg/network-attachment-definition-client artifacts/networks-crd.yaml; pkg/apis/k8s.cni.cncf.io/v1/types.go',
  },
  NAD_CONFIG_MISSING: {
    severity: 'warning',
    summary: 'spec.config is missing or empty: Multus then loads an on-disk CNI config whose name equals the NAD name, which multihome cannot check',
    upstream: `${NAD_CLIENT} (GetCNIConfigFromFile when the spec is empty)`,
  },
  NAD_CONFIG_NOT_STRING: {
    severity: 'error',
    summary: 'spec.config must be a string holding CNI JSON (the CRD declares it `type: string`); a YAML mapping is rejected by the API server',
    upstream: 'k8snetworkplumbingwg/network-attachment-definition-client artifacts/networks-crd.yaml',
  },
  NAD_CONFIG_JSON_SYNTAX: {
    severity: 'error',
    summary: 'spec.config is not valid JSON: Multus fails every pod that selects the NAD ("failed to unmarshal Spec.Config")',
    upstream: NAD_CLIENT,
  },
  NAD_CONFIG_NOT_OBJECT: {
    severity: 'error',
    summary: 'spec.config must be a JSON object (a plugin config or a conflist), not an array, string, number or null',
    upstream: NAD_CLIENT,
  },
  NAD_NAME_MISMATCH: {
    severity: 'warning',
    summary: 'the CNI config `name` differs from metadata.name: Multus only injects the NAD name when `name` is absent; the two should match (OVN-K treats `name` as the network identity)',
    upstream: `${NAD_CLIENT}; k8snetworkplumbingwg/multi-net-spec v1.3 §3.4`,
  },
  NAD_BRIDGE_RESOURCE_NAME_MISSING: {
    severity: 'warning',
    summary: 'a Linux-bridge NAD without annotation k8s.v1.cni.cncf.io/resourceName: bridge.network.kubevirt.io/<bridge>: pods can land on nodes without the bridge, where the plugin creates an isolated one',
    upstream: `kubevirt/bridge-marker pkg/marker/marker.go; ${BRIDGE} (ensureBridge creates a missing bridge)`,
  },
  NAD_BRIDGE_RESOURCE_NAME_MISMATCH: {
    severity: 'error',
    summary: 'annotation k8s.v1.cni.cncf.io/resourceName names another bridge (or another prefix) than the config\'s `bridge`: pods wait for capacity no node has, or schedule where the bridge is missing',
    upstream: 'kubevirt/bridge-marker pkg/marker/marker.go (capacity bridge.network.kubevirt.io/<bridge>)',
  },
  NAD_SRIOV_RESOURCE_NAME_MISSING: {
    severity: 'error',
    summary: 'an sriov NAD needs annotation k8s.v1.cni.cncf.io/resourceName: without it Multus injects no deviceID and the plugin fails ("VF pci addr is required")',
    upstream: `${SRIOV}; k8snetworkplumbingwg/multus-cni pkg/k8sclient/k8sclient.go (getKubernetesDelegate)`,
  },

  // --- generic CNI config ------------------------------------------------------------------------
  CNI_TYPE_MISSING: {
    severity: 'error',
    summary: 'a plugin config without `type` (or a conflist plugin without `type`): libcni and Multus refuse it',
    upstream: `${LIBCNI} (ConfFromBytes "missing 'type'"); k8snetworkplumbingwg/multus-cni pkg/types/conf.go (LoadDelegateNetConf)`,
  },
  CNI_TYPE_NOT_IN_PROFILE: {
    severity: 'warning',
    summary: 'the plugin (or IPAM) type is not shipped by the selected plugin profile: the pod fails with "failed to find plugin" unless an operator installs the binary',
    upstream: `${PLUGINS} plugins/ (binaries per release); containernetworking/cni pkg/invoke/find.go (FindInPath)`,
  },
  CNI_VERSION_MISSING: {
    severity: 'warning',
    summary: 'no cniVersion: libcni treats the config as spec 0.1.0 (results without interfaces, no CHECK/GC)',
    upstream: 'containernetworking/cni pkg/types/create/create.go (DecodeVersion); pkg/version/plugin.go (ParseVersion)',
  },
  CNI_VERSION_UNSUPPORTED: {
    severity: 'error',
    summary: 'cniVersion is not one the profile\'s plugins support (exact match against their supported list)',
    upstream: 'containernetworking/cni pkg/version/reconcile.go (Reconciler.CheckRaw); pkg/skel/skel.go (checkVersionAndCall); pkg/version/version.go (All)',
  },
  CNI_VERSION_RESULT_WITHOUT_IP: {
    severity: 'error',
    summary: 'cniVersion 0.1.0/0.2.0 results must carry an IP address: a plugin without IPAM fails every ADD ("cannot convert: no valid IP addresses")',
    upstream: 'containernetworking/cni pkg/types/040/types.go (convertTo02x); containernetworking/plugins plugins/main/bridge/bridge_test.go, macvlan_test.go (AddErr020/AddErr010)',
  },
  CNI_VERSION_MULTIPLE_ADDRESSES: {
    severity: 'error',
    summary: 'cniVersion 0.1.0/0.2.0 allows one address per family: host-local with two IPv4 (or IPv6) range sets, or static with two IPv4 (or IPv6) addresses, fails',
    upstream: `${HOST_LOCAL_CONFIG} and ${PLUGINS} plugins/ipam/static/main.go (LoadIPAMConfig "CNI version %v does not support more than 1 address per family")`,
  },
  CNI_PLUGINS_INVALID: {
    severity: 'error',
    summary: 'a conflist whose `plugins` is not a non-empty list of objects',
    upstream: `${LIBCNI} (ConfListFromBytes "invalid 'plugins' type", "no plugins in list")`,
  },
  CNI_CONFLIST_FLAG_INVALID: {
    severity: 'error',
    summary: 'a conflist\'s disableCheck, disableGC and loadOnlyInlinedPlugins must be true/false (or the strings "true"/"false"): libcni refuses anything else',
    upstream: `${LIBCNI} @v1.3.0 (NetworkConfFromBytes readBool "invalid value %q for %s")`,
  },
  CNI_FIELD_TYPE: {
    severity: 'error',
    summary: 'a known key has the wrong JSON type (e.g. "vlan": "100"): the plugin\'s Go json.Unmarshal fails and so does every pod ADD',
    upstream: `${BRIDGE} (loadNetConf: json.Unmarshal into NetConf); same pattern in every plugin's config loader`,
  },
  CNI_UNKNOWN_KEY: {
    severity: 'warning',
    summary: 'a key the profile\'s plugin build does not know: Go\'s json decoding drops unknown keys silently, so the setting has no effect',
    upstream: `${BRIDGE} (NetConf struct; encoding/json ignores unknown fields)`,
  },
  CNI_CHAINED_PLUGIN_FIRST: {
    severity: 'error',
    summary: 'a chained-only meta plugin (tuning, bandwidth, portmap, sbr, firewall, vrf) is the first or only plugin: it needs a prevResult',
    upstream: `${PLUGINS} plugins/meta/tuning/tuning.go (cmdAdd "Required prevResult missing"); plugins/meta/bandwidth/main.go ("must be called as chained plugin")`,
  },
  CNI_MTU_INVALID: {
    severity: 'error',
    summary: 'mtu must be an integer between 68 and 65535 (0 or absent keeps the kernel default)',
    upstream: `linux net/core/dev.c (dev_validate_mtu, ETH_MIN_MTU/ETH_MAX_MTU); ${BRIDGE} (ensureBridge, setupVeth)`,
  },
  CNI_INTERFACE_NAME_INVALID: {
    severity: 'error',
    summary: 'a host interface name (bridge, master, device) is not a valid kernel interface name (≤15 bytes, no "/", ":" or whitespace)',
    upstream: `linux net/core/dev.c (dev_valid_name); ${BRIDGE} (ensureBridge: netlink LinkAdd)`,
  },

  // --- bridge / cnv-bridge -----------------------------------------------------------------------
  CNI_BRIDGE_VLAN_GATEWAY_NAME_TOO_LONG: {
    severity: 'error',
    summary: 'with isGateway/isDefaultGateway, a VLAN and IPAM the plugin creates "<bridge>.<vlan>", which must also fit in 15 bytes',
    upstream: `${BRIDGE} (ensureVlanInterface: fmt.Sprintf("%s.%d", br.Name, vlanID))`,
  },
  CNI_BRIDGE_VLAN_RANGE: {
    severity: 'error',
    summary: 'bridge `vlan` must be an integer 0..4094 (0 = untagged)',
    upstream: `${BRIDGE} (loadNetConf "invalid VLAN ID %d (must be between 0 and 4094)")`,
  },
  CNI_BRIDGE_VLAN_TRUNK_INVALID: {
    severity: 'error',
    summary: 'vlanTrunk entries need id or minID+maxID, each 1..4094, minID ≤ maxID',
    upstream: `${BRIDGE} (collectVlanTrunk)`,
  },
  CNI_BRIDGE_VLAN_WITH_TRUNK: {
    severity: 'error',
    summary: 'vlan and vlanTrunk together are rejected by bridge plugins before v1.8.0 (from v1.8.0 vlan is the trunk\'s native VLAN)',
    upstream: `${BRIDGE} @v1.5.1..v1.7.1 (loadNetConf "cannot set vlan and vlanTrunk at the same time")`,
  },
  CNI_BRIDGE_HAIRPIN_PROMISC: {
    severity: 'error',
    summary: 'hairpinMode and promiscMode cannot both be true',
    upstream: `${BRIDGE} (cmdAdd "cannot set hairpin mode and promiscuous mode at the same time")`,
  },
  CNI_BRIDGE_DISABLE_IFACE_WITH_IPAM: {
    severity: 'error',
    summary: 'disableContainerInterface cannot be combined with an IPAM type',
    upstream: `${BRIDGE} (cmdAdd "cannot use IPAM when DisableContainerInterface flag is set")`,
  },
  CNI_BRIDGE_MACSPOOFCHK_OFF: {
    severity: 'warning',
    summary: 'macspoofchk is false or absent (plugin default false): a VM can send frames with any source MAC onto the bridge',
    upstream: `${BRIDGE} (MacSpoofChk; pkg/link/spoofcheck.go)`,
  },

  // --- macvlan / ipvlan / host-device ------------------------------------------------------------
  CNI_MACVLAN_MODE_INVALID: {
    severity: 'error',
    summary: 'macvlan `mode` must be bridge, private, vepa or passthru',
    upstream: `${PLUGINS} plugins/main/macvlan/macvlan.go (modeFromString)`,
  },
  CNI_IPVLAN_MODE_INVALID: {
    severity: 'error',
    summary: 'ipvlan `mode` must be l2, l3 or l3s',
    upstream: `${PLUGINS} plugins/main/ipvlan/ipvlan.go (modeFromString)`,
  },
  CNI_HOST_DEVICE_NO_SELECTOR: {
    severity: 'error',
    summary: 'host-device needs one of device, hwaddr, kernelpath, pciBusID, runtimeConfig.deviceID (or a resourceName annotation so Multus injects runtimeConfig.deviceID)',
    upstream: `${HOST_DEVICE} (loadConf, handleDeviceID)`,
  },
  CNI_HOST_DEVICE_SELECTOR_INVALID: {
    severity: 'error',
    summary: 'the host-device selector in use is malformed: hwaddr must be a MAC address, kernelpath an absolute path under /sys/devices/',
    upstream: `${HOST_DEVICE} (getLink "failed to parse MAC address", "kernel device path %q must be absolute and begin with /sys/devices/")`,
  },
  CNI_HOST_DEVICE_SELECTOR_IGNORED: {
    severity: 'warning',
    summary: 'several host-device selectors: the plugin uses the first of device, hwaddr, kernelpath, pciBusID/deviceID and silently ignores the others',
    upstream: `${HOST_DEVICE} (getLink: switch on device, hwaddr, kernelpath, pciaddr, auxDev in that order)`,
  },

  // --- vlan, dummy --------------------------------------------------------------------------------
  CNI_VLAN_INVALID: {
    severity: 'error',
    summary: 'the vlan plugin needs a master and a vlanId 0..4095',
    upstream: `${PLUGINS} plugins/main/vlan/vlan.go (loadConf "master field is required", "invalid VLAN ID %d (must be between 0 and 4095 inclusive)")`,
  },
  CNI_IPAM_REQUIRED: {
    severity: 'error',
    summary: 'the dummy plugin needs an IPAM type ("dummy interface requires an IPAM configuration")',
    upstream: `${PLUGINS} plugins/main/dummy/dummy.go (cmdAdd)`,
  },

  // --- meta plugins: tuning, bandwidth, portmap ------------------------------------------------------
  CNI_TUNING_SYSCTL_INVALID: {
    severity: 'error',
    summary: 'tuning sysctl keys must be unique and name a net.* sysctl ("duplicated sysctl keys are not allowed", "invalid net sysctl key")',
    upstream: `${PLUGINS} plugins/meta/tuning/tuning.go (validateSysctlConflictingKeys, getSysctlFilename)`,
  },
  CNI_BANDWIDTH_INVALID: {
    severity: 'error',
    summary: 'bandwidth rates and bursts are non-negative, set in pairs (rate with burst) and a burst below 4 GB',
    upstream: `${PLUGINS} plugins/meta/bandwidth/main.go (parseConfig, validateRateAndBurst)`,
  },
  CNI_PORTMAP_INVALID: {
    severity: 'error',
    summary: 'portmap: backend iptables or nftables without the other backend\'s options, markMasqBit 0..31 and not with externalSetMarkChain, static portMappings with ports > 0',
    upstream: `${PLUGINS} plugins/meta/portmap/main.go (parseConfig, ensureBackend)`,
  },

  // --- sriov ------------------------------------------------------------------------------------
  CNI_SRIOV_VLAN_INVALID: {
    severity: 'error',
    summary: 'sriov vlan must be 0..4094; vlanQoS 0..7 and only with a non-zero vlan; vlanProto 802.1Q/802.1ad only with vlan (802.1ad with a non-zero vlan)',
    upstream: SRIOV,
  },
  CNI_SRIOV_FLAG_INVALID: {
    severity: 'error',
    summary: 'sriov spoofchk/trust must be "on" or "off" (anything else silently means off) and link_state auto, enable or disable',
    upstream: `${SRIOV}; k8snetworkplumbingwg/sriov-cni pkg/sriov/sriov.go (ApplyVFConfig)`,
  },

  // --- ovn-k8s-cni-overlay ------------------------------------------------------------------------
  CNI_OVN_TOPOLOGY_INVALID: {
    severity: 'error',
    summary: 'ovn-k8s-cni-overlay `topology` must be layer3, layer2 or localnet (absent = the default cluster network)',
    upstream: 'ovn-kubernetes/ovn-kubernetes go-controller/pkg/util/multi_network.go (newNetInfo "topology %s not supported"); go-controller/pkg/config/cni.go (ParseNetConf)',
  },
  CNI_OVN_NAD_NAME_MISMATCH: {
    severity: 'error',
    summary: 'netAttachDefName must be "<metadata.namespace>/<metadata.name>" of the enclosing NAD',
    upstream: `${OVN_VALIDATE} ("net-attach-def name (%s) is inconsistent with config (%s)"); go-controller/pkg/config/cni.go (ValidateNetConfNameFields)`,
  },
  CNI_OVN_NAME_INVALID: {
    severity: 'error',
    summary: 'an OVN secondary network needs a `name` other than "default" and "ovn-kubernetes"',
    upstream: 'ovn-kubernetes/ovn-kubernetes go-controller/pkg/config/cni.go (ValidateNetConfNameFields)',
  },
  CNI_OVN_FIELD_NOT_FOR_TOPOLOGY: {
    severity: 'error',
    summary: 'a field the topology rejects: role other than secondary or joinSubnet on localnet, allowPersistentIPs on layer3, an unknown role, an ipam block',
    upstream: OVN_VALIDATE,
  },
  CNI_OVN_LOCALNET_ONLY_FIELD: {
    severity: 'warning',
    summary: 'vlanID / physicalNetworkName only apply to topology localnet and are ignored elsewhere',
    upstream: 'ovn-kubernetes/ovn-kubernetes go-controller/pkg/util/multi_network.go (newLocalnetNetConfInfo is the only reader); go-controller/pkg/cni/types/types.go',
  },
  CNI_OVN_SUBNETS_INVALID: {
    severity: 'error',
    summary: 'subnets/excludeSubnets must be comma lists of CIDRs (layer3 may add a host prefix "/24"); excluded subnets must lie inside subnets',
    upstream: 'ovn-kubernetes/ovn-kubernetes go-controller/pkg/config/utils.go (ParseClusterSubnetEntriesWithDefaults); go-controller/pkg/util/multi_network.go (parseSubnets)',
  },
  CNI_OVN_VLAN_ID_INVALID: {
    severity: 'error',
    summary: 'localnet `vlanID` must be an integer 1..4094 (0 or absent = untagged)',
    upstream: 'ovn-kubernetes/ovn-kubernetes go-controller/pkg/cni/types/types.go (VLANID int); go-controller/pkg/ovn/localnet_user_defined_network_controller.go (TagRequest on the localnet port when non-zero); go-controller/pkg/crd/userdefinednetwork/v1/cudn.go (AccessVLANConfig id Minimum=1 Maximum=4094)',
  },
  CNI_OVN_MTU_INVALID: {
    severity: 'error',
    summary: 'an OVN network with an IPv6 subnet needs mtu ≥ 1280 (the kernel disables IPv6 below it)',
    upstream: 'ovn-kubernetes/ovn-kubernetes go-controller/pkg/crd/userdefinednetwork/v1/cudn.go (LocalnetConfig "MTU should be greater than or equal to 1280 when an IPv6 subnet is used"); torvalds/linux net/ipv6/addrconf.c (IPV6_MIN_MTU)',
  },
  CNI_OVN_PERSISTENT_IPS_WITHOUT_SUBNETS: {
    severity: 'warning',
    summary: 'allowPersistentIPs without subnets persists nothing: OVN-Kubernetes allocates no address to keep',
    upstream: 'ovn-kubernetes/ovn-kubernetes docs/features/multiple-networks/multi-homing.md (allowPersistentIPs "Only makes sense if the subnets attribute is also defined"); go-controller/pkg/crd/userdefinednetwork/v1/shared.go (lifecycle Persistent only with ipam.mode Enabled)',
  },
  CNI_OVN_PHYSICAL_NETWORK_INVALID: {
    severity: 'error',
    summary: 'physicalNetworkName must not contain "," or ":" (the separators of the ovn-bridge-mappings list)',
    upstream: 'ovn-kubernetes/ovn-kubernetes go-controller/pkg/crd/userdefinednetwork/v1/cudn.go (physicalNetworkName "cannot contain `,` or `:` characters"); nmstate/nmstate rust/src/lib/ovn.rs (OvnBridgeMapping FromStr splits "<localnet>:<bridge>", the list is joined with ",")',
  },
  CNI_OVN_TRANSPORT_INVALID: {
    severity: 'error',
    summary: 'ovn-k8s-cni-overlay `transport` must be "no-overlay" or "evpn" (absent = Geneve overlay); `outboundSNAT` only with transport "no-overlay", and only "enabled" or "disabled"',
    upstream: `${OVN_VALIDATE} ("invalid transport %q", "outboundSNAT is only valid when transport is %q", "invalid outboundSNAT %q")`,
  },

  // --- IPAM -------------------------------------------------------------------------------------
  CNI_IPAM_INVALID: {
    severity: 'error',
    summary: 'ipam must be an object; a non-empty ipam needs a string `type`',
    upstream: `containernetworking/cni pkg/types/types.go (IPAM); ${BRIDGE} (isLayer3 := n.IPAM.Type != "")`,
  },
  CNI_IPAM_STATIC_ADDRESS_INVALID: {
    severity: 'error',
    summary: 'static IPAM addresses[].address, args.cni.ips[] and runtimeConfig.ips[] must be CIDRs ("10.0.0.5/24") and gateway an IP',
    upstream: `${PLUGINS} plugins/ipam/static/main.go (LoadIPAMConfig "the 'address' field is expected to be in CIDR notation", "an entry in the 'ips' field is NOT in CIDR notation")`,
  },
  CNI_IPAM_HOST_LOCAL_RANGE_INVALID: {
    severity: 'error',
    summary: 'host-local needs a subnet (network address, room for hosts) with rangeStart/rangeEnd inside it and rangeStart ≤ rangeEnd',
    upstream: `${HOST_LOCAL}; plugins/ipam/host-local/backend/allocator/config.go (LoadIPAMConfig "no IP ranges specified")`,
  },
  CNI_IPAM_HOST_LOCAL_RANGE_SET_INVALID: {
    severity: 'error',
    summary: 'host-local range sets must be non-empty, of one address family each, and no two ranges (within a set or across sets) may overlap',
    upstream: `${HOST_LOCAL_CONFIG} ("range set %d overlaps with %d"); plugins/ipam/host-local/backend/allocator/range_set.go (RangeSet.Canonicalize "empty range set", "mixed address families", "subnets %s and %s overlap")`,
  },
  CNI_IPAM_HOST_LOCAL_REQUESTED_IP_INVALID: {
    severity: 'error',
    summary: 'IPs requested in a host-local config must be IP addresses; those of args.cni.ips must each lie in rangeStart..rangeEnd of a range set of their own',
    upstream: `${PLUGINS} plugins/ipam/host-local/main.go (cmdAdd "failed to allocate all requested IPs"); ${HOST_LOCAL_CONFIG} ("cannot understand ip")`,
  },
  CNI_IPAM_GATEWAY_OUTSIDE_SUBNET: {
    severity: 'warning',
    summary: 'the IPAM gateway is not inside the subnet/address it belongs to: the plugins accept it but the route via it cannot be installed',
    upstream: `multihome (${HOST_LOCAL} and plugins/ipam/static/main.go do not check it; pkg/ipam/ipam_linux.go ConfigureIface then fails adding the route)`,
  },
  CNI_IPAM_WHEREABOUTS_RANGE_INVALID: {
    severity: 'error',
    summary: 'whereabouts range must be a CIDR (or "<start>-<CIDR>"), range_start/range_end/gateway IPs, exclude entries CIDRs or IPs',
    upstream: `${WHEREABOUTS}; k8snetworkplumbingwg/whereabouts pkg/allocate/allocate.go (parseExcludedRange)`,
  },
  CNI_IPAM_WHEREABOUTS_BOUND_IGNORED: {
    severity: 'warning',
    summary: 'whereabouts range_start/range_end outside the range (or start after end) is silently ignored and the whole range is used',
    upstream: 'k8snetworkplumbingwg/whereabouts pkg/iphelpers/iphelpers.go (GetIPRange)',
  },
  CNI_IPAM_HOST_LOCAL_PER_NODE: {
    severity: 'warning',
    summary: 'host-local IPAM keeps its state per node: on an L2 shared by several nodes it hands out duplicate addresses and VMs change IP on migration (kubevirt/kubevirt#7967)',
    upstream: `${PLUGINS} plugins/ipam/host-local/backend/disk/backend.go (per-node dataDir)`,
  },
} as const satisfies CodeTable;

/** A problem code of the CNI area. */
export type CniCode = keyof typeof CNI_CODES;
