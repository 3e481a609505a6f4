import { CodeTable } from '../errors';

const NETIFACE = 'kubevirt/kubevirt pkg/network/admitter/netiface.go';
const NETSOURCE = 'kubevirt/kubevirt pkg/network/admitter/netsource.go';
const BINDING = 'kubevirt/kubevirt pkg/network/admitter/binding.go';
const ADMIT = 'kubevirt/kubevirt pkg/network/admitter/admit.go';
const VMI_CREATE = 'kubevirt/kubevirt pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go';

/**
 * Problem codes of the KubeVirt VM/VMI network validator, declared once. Severity and the upstream
 * file that enforces each rule live here; `validate.ts` only refers to the code (the
 * {@link ProblemSink} takes the severity from this table). `multihome` lints cite the KubeVirt
 * issue they guard against.
 */
export const KUBEVIRT_CODES = {
  // --- shape ---------------------------------------------------------------------------------
  KUBEVIRT_KIND: {
    severity: 'error',
    summary: 'the object is not a kubevirt.io VirtualMachine or VirtualMachineInstance',
    upstream: 'kubevirt/kubevirt staging/src/kubevirt.io/api/core/v1/types.go',
  },
  KUBEVIRT_FIELD_TYPE: {
    severity: 'error',
    summary: 'a field of the network section or a cloud-init volume has the wrong JSON type (the API server rejects the object)',
    upstream: 'kubevirt/kubevirt api/openapi-spec/swagger.json',
  },

  // --- interfaces ↔ networks (netiface.go) ----------------------------------------------------
  KUBEVIRT_NETWORK_WITHOUT_INTERFACE: {
    severity: 'error',
    summary: 'a networks[] entry has no interfaces[] entry of the same name',
    upstream: `${NETIFACE} validateNetworksAssignedToInterfaces`,
  },
  KUBEVIRT_INTERFACE_WITHOUT_NETWORK: {
    severity: 'error',
    summary: 'an interfaces[] entry has no networks[] entry of the same name',
    upstream: `${NETIFACE} validateInterfacesAssignedToNetworks`,
  },
  KUBEVIRT_DUPLICATE_NETWORK_NAME: {
    severity: 'error',
    summary: 'two networks[] entries share a name',
    upstream: `${NETIFACE} validateNetworkNameUnique`,
  },
  KUBEVIRT_DUPLICATE_INTERFACE_NAME: {
    severity: 'error',
    summary: 'two interfaces[] entries share a name (only one interface per network)',
    upstream: `${NETIFACE} validateInterfaceNameUnique`,
  },
  KUBEVIRT_INTERFACE_NAME_INVALID: {
    severity: 'error',
    summary: 'interface name does not match ^[A-Za-z0-9-_]+$',
    upstream: `${NETIFACE} validateInterfaceNameFormat`,
  },

  // --- bindings (binding.go, discontinued.go, passt.go) ---------------------------------------
  KUBEVIRT_BINDING_COUNT: {
    severity: 'error',
    summary: 'an interface needs exactly one of bridge, masquerade, sriov, passtBinding or binding: {name} (admission checks it since v1.9; before, virt-handler fails on it)',
    upstream: `${BINDING} validateInterfaceBindingExists`,
  },
  KUBEVIRT_BINDING_DISCONTINUED: {
    severity: 'error',
    summary: 'core bindings slirp, macvtap and passt are rejected on creation since KubeVirt v1.3',
    upstream: 'kubevirt/kubevirt pkg/network/admitter/discontinued.go validateDiscontinuedBindings',
  },
  KUBEVIRT_BINDING_DEPRECATED: {
    severity: 'warning',
    summary: 'core bindings slirp, macvtap and passt on a target before KubeVirt v1.3: admitted (behind permitSlirpInterface / the Macvtap / Passt feature gates) but deprecated and refused on creation from v1.3 on',
    upstream: 'kubevirt/kubevirt pkg/network/admitter/slirp.go validateCreationSlirpBinding (PR #11701, v1.3.0); pkg/virt-config/deprecation/feature-gates.go v1.3.0 (Macvtap, Passt: Discontinued; PRs #11901, #11915)',
  },
  KUBEVIRT_BINDING_REQUIRES_POD_NETWORK: {
    severity: 'error',
    summary: 'masquerade and passtBinding are only implemented on the pod network',
    upstream: `${BINDING} validateMasqueradeBinding; kubevirt/kubevirt pkg/network/admitter/passt.go validatePasstBinding`,
  },
  KUBEVIRT_MAC_RESERVED: {
    severity: 'error',
    summary: 'MAC 02:00:00:00:00:00 is reserved for the masquerade in-pod bridge',
    upstream: `${BINDING} validateMasqueradeBinding; kubevirt/kubevirt pkg/network/link/mac.go IsReserved`,
  },
  KUBEVIRT_BRIDGE_ON_POD_NETWORK: {
    severity: 'warning',
    summary: 'bridge binding on the pod network: rejected when permitBridgeInterfaceOnPodNetwork is false, and blocks live migration',
    upstream: `${BINDING} validateBridgeBinding; kubevirt/kubevirt pkg/network/vmispec/interface.go VerifyVMIMigratable`,
  },

  // --- fields of a newer KubeVirt than the target (version.ts KUBEVIRT_API_SINCE) --------------
  KUBEVIRT_FIELD_NOT_IN_VERSION: {
    severity: 'error',
    summary: 'the field does not exist in the target KubeVirt version (passtBinding < v1.8, binding plugins < v1.1, resourceClaim networks and portRanges < v1.9): the API server prunes or rejects it',
    upstream: 'kubevirt/kubevirt staging/src/kubevirt.io/api/core/v1/schema.go at each release tag (see lib/core/kubevirt/version.ts KUBEVIRT_API_SINCE)',
  },

  // --- network sources (netsource.go, dra.go) -------------------------------------------------
  KUBEVIRT_NETWORK_SOURCE_COUNT: {
    severity: 'error',
    summary: 'a network needs exactly one source: pod, multus or resourceClaim',
    upstream: `${NETSOURCE} validateSingleNetworkSource`,
  },
  KUBEVIRT_MULTUS_NETWORK_NAME_REQUIRED: {
    severity: 'error',
    summary: 'a multus network needs a networkName',
    upstream: `${NETSOURCE} validateMultusNetworkSource`,
  },
  KUBEVIRT_MULTIPLE_POD_NETWORKS: {
    severity: 'error',
    summary: 'more than one pod network',
    upstream: `${NETSOURCE} validateSinglePodNetwork`,
  },
  KUBEVIRT_MULTIPLE_MULTUS_DEFAULT: {
    severity: 'error',
    summary: 'more than one multus network with default: true',
    upstream: `${NETSOURCE} validateSinglePodNetwork`,
  },
  KUBEVIRT_POD_AND_MULTUS_DEFAULT: {
    severity: 'error',
    summary: 'a pod network and a multus default network together',
    upstream: `${NETSOURCE} validateSinglePodNetwork`,
  },
  KUBEVIRT_RESOURCE_CLAIM_INVALID: {
    severity: 'error',
    summary: 'a resourceClaim (DRA) network lacks claimName/requestName, names an undeclared claim, repeats a claim/request, is mixed with multus or its interface is not sriov/plugin',
    upstream: 'kubevirt/kubevirt pkg/network/admitter/dra.go validateNetworkDevicesWithDRA',
  },

  // --- interface fields (netiface.go, vmi-create-admitter.go, schema.go) ----------------------
  KUBEVIRT_INTERFACE_MODEL_INVALID: {
    severity: 'error',
    summary: 'model is not one of e1000, e1000e, igb (v1.4+), ne2k_pci, pcnet, rtl8139, virtio',
    upstream: `${NETIFACE} validateInterfaceModel`,
  },
  KUBEVIRT_MAC_INVALID: {
    severity: 'error',
    summary: 'macAddress does not parse with Go net.ParseMAC or is longer than 6 bytes',
    upstream: `${NETIFACE} validateMacAddress; kubevirt/kubevirt pkg/network/link/mac.go ValidateMacAddress`,
  },
  KUBEVIRT_MAC_MULTICAST: {
    severity: 'error',
    summary: 'macAddress is a multicast (group) address: admitted by KubeVirt, then libvirt refuses the domain ("expected unicast mac address, found multicast")',
    upstream: 'libvirt domain XML MAC parsing ("XML error: expected unicast mac address, found multicast"); KubeVirt pkg/network/link/mac.go ValidateMacAddress does not check it',
  },
  KUBEVIRT_PCI_ADDRESS_INVALID: {
    severity: 'error',
    summary: 'pciAddress does not match dddd:bb:ss.f (hex domain, bus, slot; function 0-7)',
    upstream: `${NETIFACE} validatePciAddress; kubevirt/kubevirt pkg/util/hardware/hw_utils.go ParsePciAddress`,
  },
  KUBEVIRT_BOOT_ORDER_INVALID: {
    severity: 'error',
    summary: 'bootOrder must be an integer > 0',
    upstream: `${VMI_CREATE} validateInterfaceBootOrder`,
  },
  KUBEVIRT_BOOT_ORDER_DUPLICATE: {
    severity: 'error',
    summary: 'bootOrder already used by another disk or interface',
    upstream: `${VMI_CREATE} validateBootOrder, validateInterfaceBootOrder`,
  },
  KUBEVIRT_ACPI_INDEX_INVALID: {
    severity: 'error',
    summary: 'acpiIndex must be between 1 and 16383 (not checked by admission; QEMU refuses larger values at start, KubeVirt silently ignores values <= 0)',
    upstream: 'kubevirt/kubevirt staging/src/kubevirt.io/api/core/v1/schema.go Interface.ACPIIndex; qemu hw/pci/pci.c pci_qdev_realize (ONBOARD_INDEX_MAX)',
  },
  KUBEVIRT_ACPI_INDEX_DUPLICATE: {
    severity: 'error',
    summary: 'acpiIndex must be unique across devices (not checked by admission; QEMU refuses the second device at start)',
    upstream: 'kubevirt/kubevirt staging/src/kubevirt.io/api/core/v1/schema.go Interface.ACPIIndex; qemu hw/pci/pci.c pci_qdev_realize',
  },
  KUBEVIRT_PORT_INVALID: {
    severity: 'error',
    summary: 'ports[].port is missing, 0 or outside 1..65535 (pod-network interfaces)',
    upstream: `${NETIFACE} validateForwardPortNonZero, validateForwardPortInRange`,
  },
  KUBEVIRT_PORT_PROTOCOL_INVALID: {
    severity: 'error',
    summary: 'ports[].protocol is not TCP or UDP (pod-network interfaces)',
    upstream: `${NETIFACE} validateForwardPortProtocol`,
  },
  KUBEVIRT_PORT_NAME_INVALID: {
    severity: 'error',
    summary: 'ports[].name is not a valid IANA service name (k8s IsValidPortName)',
    upstream: `${NETIFACE} validateForwardPortsName`,
  },
  KUBEVIRT_PORT_NAME_DUPLICATE: {
    severity: 'error',
    summary: 'two ports[] of one interface share a name',
    upstream: `${NETIFACE} validateForwardPortsName`,
  },
  KUBEVIRT_PORT_RANGES_CONFLICT: {
    severity: 'error',
    summary: 'an interface sets both ports and portRanges (pod-network interfaces)',
    upstream: `${NETIFACE} validatePortRangeMutualExclusivity`,
  },
  KUBEVIRT_PORT_RANGES_REQUIRE_MASQUERADE: {
    severity: 'error',
    summary: 'portRanges are only supported on masquerade interfaces (pod network)',
    upstream: `${NETIFACE} validatePortRangeMasqueradeOnly`,
  },
  KUBEVIRT_PORT_RANGE_INVALID: {
    severity: 'error',
    summary: 'a portRanges[] entry has a protocol other than TCP/UDP, a start or end outside 1..65535, start > end, or there are more than 10 ranges',
    upstream: `${NETIFACE} validateForwardPortRanges`,
  },
  KUBEVIRT_PORT_RANGE_OVERLAP: {
    severity: 'error',
    summary: 'two portRanges[] of one protocol overlap',
    upstream: `${NETIFACE} validateForwardPortRangesOverlaps`,
  },
  KUBEVIRT_DHCP_PRIVATE_OPTION_INVALID: {
    severity: 'error',
    summary: 'dhcpOptions.privateOptions[].option must be 224..254',
    upstream: `${NETIFACE} validateDHCPPrivateOptionsWithinRange`,
  },
  KUBEVIRT_DHCP_PRIVATE_OPTION_DUPLICATE: {
    severity: 'error',
    summary: 'dhcpOptions.privateOptions[] repeats an option number',
    upstream: `${NETIFACE} validateDHCPExtraOptions`,
  },
  KUBEVIRT_DHCP_NTP_SERVER_INVALID: {
    severity: 'error',
    summary: 'dhcpOptions.ntpServers[] must be IPv4 addresses',
    upstream: `${NETIFACE} validateDHCPNTPServersAreValidIPv4Addresses`,
  },

  // --- interface state (admit.go) -------------------------------------------------------------
  KUBEVIRT_INTERFACE_STATE_INVALID: {
    severity: 'error',
    summary: 'state is not "", up, down or absent (up/down only since KubeVirt v1.5)',
    upstream: `${ADMIT} validateInterfaceStateValue`,
  },
  KUBEVIRT_LINK_STATE_SRIOV: {
    severity: 'error',
    summary: 'state up/down is not supported for SR-IOV interfaces',
    upstream: `${ADMIT} validateInterfaceStateValue`,
  },
  KUBEVIRT_ABSENT_REQUIRES_BRIDGE: {
    severity: 'error',
    summary: 'state absent (hot-unplug) is supported only for bridge binding',
    upstream: `${ADMIT} validateInterfaceStateValue`,
  },
  KUBEVIRT_ABSENT_ON_DEFAULT_NETWORK: {
    severity: 'error',
    summary: 'state absent is not supported on the default network (pod or multus default)',
    upstream: `${ADMIT} validateInterfaceStateValue`,
  },

  // --- cloud-init (vmi-create-admitter.go validateVolumes) ------------------------------------
  KUBEVIRT_CLOUD_INIT_USER_DATA_TOO_LARGE: {
    severity: 'error',
    summary: 'inline userData/userDataBase64 exceeds 2048 bytes (cloudInitUserMaxLen); use secretRef',
    upstream: `${VMI_CREATE} validateVolumes (cloudInitUserMaxLen)`,
  },
  KUBEVIRT_CLOUD_INIT_NETWORK_DATA_TOO_LARGE: {
    severity: 'error',
    summary: 'inline networkData/networkDataBase64 exceeds 2048 bytes (cloudInitNetworkMaxLen); use networkDataSecretRef',
    upstream: `${VMI_CREATE} validateVolumes (cloudInitNetworkMaxLen)`,
  },
  KUBEVIRT_CLOUD_INIT_USER_DATA_SOURCES: {
    severity: 'error',
    summary: 'more than one of userData, userDataBase64, secretRef',
    upstream: `${VMI_CREATE} validateVolumes`,
  },
  KUBEVIRT_CLOUD_INIT_NETWORK_DATA_SOURCES: {
    severity: 'error',
    summary: 'more than one of networkData, networkDataBase64, networkDataSecretRef',
    upstream: `${VMI_CREATE} validateVolumes`,
  },
  KUBEVIRT_CLOUD_INIT_EMPTY: {
    severity: 'error',
    summary: 'a cloud-init volume has neither a user-data nor a network-data source',
    upstream: `${VMI_CREATE} validateVolumes`,
  },
  KUBEVIRT_CLOUD_INIT_BASE64_INVALID: {
    severity: 'error',
    summary: 'userDataBase64/networkDataBase64 is not valid standard base64',
    upstream: `${VMI_CREATE} validateVolumes`,
  },
  KUBEVIRT_NETWORK_DATA_INVALID: {
    severity: 'error',
    summary: 'inline networkData is not a YAML mapping: admitted by KubeVirt, then cloud-init in the guest fails to read it',
    upstream: 'canonical/cloud-init cloudinit/net/network_state.py; doc/rtd/reference/network-config-format-v2.rst',
  },

  KUBEVIRT_PROBE_REQUIRES_POD_NETWORK: {
    severity: 'error',
    summary: 'a readinessProbe/livenessProbe uses httpGet or tcpSocket while no pod network is attached',
    upstream: `${VMI_CREATE} ValidateVirtualMachineInstanceSpec (appendStatusCauseForProbeNotAllowedWithNoPodNetworkPresent)`,
  },

  KUBEVIRT_RUN_STRATEGY_INVALID: {
    severity: 'error',
    summary: 'spec.runStrategy is not one of Always, RerunOnFailure, Manual, Halted, Once, WaitAsReceiver; virt-api refuses the VM',
    upstream: 'kubevirt/kubevirt staging/src/kubevirt.io/api/core/v1/types.go (VirtualMachineRunStrategy); pkg/virt-api/webhooks/validating-webhook/admitters/vms-admitter.go validateRunStrategy',
  },
  KUBEVIRT_QUANTITY_INVALID: {
    severity: 'error',
    summary: 'a memory or CPU quantity is not a resource.Quantity (e.g. "1 GB"); the object is refused when it is decoded',
    upstream: 'kubernetes/apimachinery pkg/api/resource/quantity.go (ParseQuantity grammar: <signedNumber><suffix>)',
  },

  // --- multihome lints --------------------------------------------------------------------------
  KUBEVIRT_BRIDGE_WITHOUT_MAC: {
    severity: 'warning',
    summary: 'bridge-bound secondary NIC without macAddress: the guest takes the pod interface MAC, which changes with every new pod (kubevirt/kubevirt#16696)',
    upstream: 'multihome (kubevirt/kubevirt#16696, #7967)',
  },
  KUBEVIRT_NETWORK_DATA_MATCH_BY_NAME: {
    severity: 'warning',
    summary: 'networkData v2 configures NICs by guest name (eth1) without match.macaddress; guest NIC order is not stable (kubevirt/kubevirt#16693)',
    upstream: 'multihome (kubevirt/kubevirt#16693, #2224)',
  },
  KUBEVIRT_NETWORK_DATA_UNKNOWN_MAC: {
    severity: 'warning',
    summary: 'networkData v2 matches a macaddress that no interface of the VM sets',
    upstream: 'multihome (kubevirt/kubevirt#16693)',
  },
} as const satisfies CodeTable;

/** One of the codes in {@link KUBEVIRT_CODES}. */
export type KubevirtCode = keyof typeof KUBEVIRT_CODES;
