/**
 * Rejections asserted by KubeVirt's network admission tests, read at v1.9.0 (issue 19 §3):
 * pkg/network/admitter/*_test.go, plus the network-related cases of the VMI-create and VM
 * admitter tests (interfaces, networks, probes that need the pod network, DRA claim pairs, boot
 * order, cloud-init volumes). One entry per `It` and per `Entry` of a `DescribeTable`. Fixtures
 * live in test/fixtures/kubevirt/ (`adm-*` from pkg/network/admitter, `vc-*` from
 * vmi-create-admitter_test.go, `vms-*` from vms-admitter_test.go); each input.yaml names its test.
 * Upstream's stub cluster config enables nothing unless the test says so; where a rejection
 * depends only on cluster configuration (feature gates, kubevirt-config), it is excluded.
 */
import { MinedAcceptance, MinedRejection, MinedSuite } from './inventory';

const ADMIT = 'pkg/network/admitter/admit_test.go';
const BINDING = 'pkg/network/admitter/binding_test.go';
const DISCONTINUED = 'pkg/network/admitter/discontinued_test.go';
const PASST = 'pkg/network/admitter/passt_test.go';
const NETSOURCE = 'pkg/network/admitter/netsource_test.go';
const NETIFACE = 'pkg/network/admitter/netiface_test.go';
const DRA = 'pkg/network/admitter/dra_test.go';
const VMI_CREATE = 'pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter_test.go';
const VMS = 'pkg/virt-api/webhooks/validating-webhook/admitters/vms-admitter_test.go';

const covered = (test: string, asserts: string, fixture: string, code: string): MinedRejection => ({ test, asserts, status: 'covered', fixture, code });
const excluded = (test: string, asserts: string, reason: string): MinedRejection => ({ test, asserts, status: 'excluded', reason });
const accepted = (test: string, fixture: string): MinedAcceptance => ({ test, fixture });

const FEATURE_GATE = (gate: string) => `depends only on cluster configuration: the ${gate} feature gate is a KubeVirt CR setting, not part of the VM manifest multihome validates`;

const rejections: MinedRejection[] = [
  // --- admit.go (interface state) ---------------------------------------------------------------
  covered(`${ADMIT} Validating VMI network spec network interface state value is invalid`, 'state "foo" is unsupported', 'adm-state-value-unsupported', 'KUBEVIRT_INTERFACE_STATE_INVALID'),
  covered(`${ADMIT} Validating VMI network spec network interface state down is not supported for sriov`, 'state down on an SR-IOV interface', 'adm-state-down-sriov', 'KUBEVIRT_LINK_STATE_SRIOV'),
  covered(`${ADMIT} Validating VMI network spec network interface state up is not supported for sriov`, 'state up on an SR-IOV interface', 'adm-state-up-sriov', 'KUBEVIRT_LINK_STATE_SRIOV'),
  covered(`${ADMIT} Validating VMI network spec network interface state absent is not supported when bridge-binding is not used`, 'state absent on a non-bridge (SR-IOV) interface', 'adm-state-absent-sriov', 'KUBEVIRT_ABSENT_REQUIRES_BRIDGE'),
  covered(`${ADMIT} Validating VMI network spec network interface state value of absent is not supported on the default network`, 'state absent on the pod (default) network', 'adm-state-absent-default-network', 'KUBEVIRT_ABSENT_ON_DEFAULT_NETWORK'),

  // --- binding.go ---------------------------------------------------------------------------------
  covered(`${BINDING} Validating network binding combinations network interface has both binding plugin and interface binding method`, 'bridge plus binding plugin on one interface', 'adm-binding-plugin-and-method', 'KUBEVIRT_BINDING_COUNT'),
  covered(`${BINDING} Validating network binding combinations network interface has neither binding plugin nor interface binding method`, 'interface without any binding', 'adm-binding-none', 'KUBEVIRT_BINDING_COUNT'),
  covered(`${BINDING} Validating network binding combinations network interface has more than one binding method`, 'bridge plus masquerade on one interface', 'adm-binding-two-methods', 'KUBEVIRT_BINDING_COUNT'),
  covered(`${BINDING} Validating core binding should reject a masquerade interface on a network different than pod`, 'masquerade on a multus network', 'adm-masquerade-on-multus', 'KUBEVIRT_BINDING_REQUIRES_POD_NETWORK'),
  covered(`${BINDING} Validating core binding should reject a masquerade interface with a specified reserved MAC address`, 'masquerade with MAC 02:00:00:00:00:00', 'adm-masquerade-reserved-mac', 'KUBEVIRT_MAC_RESERVED'),
  covered(
    `${BINDING} Validating core binding should reject a bridge interface on a pod network when it is not permitted`,
    'bridge on the pod network while permitBridgeInterfaceOnPodNetwork is false (cluster config: multihome warns, as it cannot see the setting)',
    'adm-bridge-on-pod-network',
    'KUBEVIRT_BRIDGE_ON_POD_NETWORK',
  ),

  // --- discontinued.go ----------------------------------------------------------------------------
  covered(`${DISCONTINUED} Validate discontinued bindings should be rejected SLIRP binding`, 'core slirp binding on creation', 'adm-discontinued-slirp', 'KUBEVIRT_BINDING_DISCONTINUED'),
  covered(`${DISCONTINUED} Validate discontinued bindings should be rejected Discontinued Passt binding`, 'old core passt binding on creation', 'adm-discontinued-passt', 'KUBEVIRT_BINDING_DISCONTINUED'),
  covered(`${DISCONTINUED} Validate discontinued bindings should be rejected Discontinued macvtap binding`, 'core macvtap binding on creation', 'adm-discontinued-macvtap', 'KUBEVIRT_BINDING_DISCONTINUED'),

  // --- passt.go -----------------------------------------------------------------------------------
  covered(`${PASST} Validating passtBinding core binding should reject networks with a multus network source and passtBinding interface`, 'passtBinding on a multus network', 'adm-passt-binding-on-multus', 'KUBEVIRT_BINDING_REQUIRES_POD_NETWORK'),
  excluded(`${PASST} Validating passtBinding core binding should reject networks with a passtBinding interface and passtBinding feature gate disabled`, 'passtBinding with the PasstBinding feature gate disabled', FEATURE_GATE('PasstBinding')),

  // --- netsource.go -------------------------------------------------------------------------------
  covered(`${NETSOURCE} Validate network source support only a single pod network`, 'two pod networks', 'adm-two-pod-networks', 'KUBEVIRT_MULTIPLE_POD_NETWORKS'),
  covered(`${NETSOURCE} Validate network source should reject when multiple types defined for a CNI network`, 'one network with multus and pod', 'adm-network-multus-and-pod', 'KUBEVIRT_NETWORK_SOURCE_COUNT'),
  covered(`${NETSOURCE} Validate network source when network source is not configured`, 'network without a source', 'adm-network-no-source', 'KUBEVIRT_NETWORK_SOURCE_COUNT'),
  covered(`${NETSOURCE} Validate network source should reject when resourceClaim is combined with another network type pod network`, 'resourceClaim and pod on one network', 'adm-claim-and-pod', 'KUBEVIRT_NETWORK_SOURCE_COUNT'),
  covered(`${NETSOURCE} Validate network source should reject when resourceClaim is combined with another network type multus network`, 'resourceClaim and multus on one network', 'adm-claim-and-multus', 'KUBEVIRT_NETWORK_SOURCE_COUNT'),
  covered(`${NETSOURCE} Validate network source should reject multus network source without networkName`, 'multus without networkName', 'adm-multus-without-network-name', 'KUBEVIRT_MULTUS_NETWORK_NAME_REQUIRED'),
  covered(`${NETSOURCE} Validate network source should reject multiple multus networks with a multus default`, 'two multus networks with default: true', 'adm-two-multus-default', 'KUBEVIRT_MULTIPLE_MULTUS_DEFAULT'),
  covered(`${NETSOURCE} Validate network source should reject pod network with a multus default`, 'pod network and a multus default network', 'adm-pod-and-multus-default', 'KUBEVIRT_POD_AND_MULTUS_DEFAULT'),

  // --- netiface.go --------------------------------------------------------------------------------
  covered(`${NETIFACE} Validating VMI network spec should reject network with missing interface`, 'network without an interface of its name', 'adm-network-missing-interface', 'KUBEVIRT_NETWORK_WITHOUT_INTERFACE'),
  covered(`${NETIFACE} Validating VMI network spec should reject interface with missing network`, 'interface without a network of its name', 'adm-interface-missing-network', 'KUBEVIRT_INTERFACE_WITHOUT_NETWORK'),
  covered(`${NETIFACE} Validating VMI network spec should reject networks with duplicate names`, 'two networks named default', 'adm-duplicate-network-names', 'KUBEVIRT_DUPLICATE_NETWORK_NAME'),
  covered(`${NETIFACE} Validating VMI network spec should reject interfaces with duplicate names`, 'two interfaces named default', 'adm-duplicate-interface-names', 'KUBEVIRT_DUPLICATE_INTERFACE_NAME'),
  covered(`${NETIFACE} Validating VMI network spec should reject interface named with unsupported characters`, 'interface name bad.name', 'adm-interface-name-invalid', 'KUBEVIRT_INTERFACE_NAME_INVALID'),
  covered(`${NETIFACE} Validating VMI network spec should reject invalid interface model`, 'model invalid_model', 'adm-interface-model-invalid', 'KUBEVIRT_INTERFACE_MODEL_INVALID'),
  covered(`${NETIFACE} Validating VMI network spec should reject invalid MAC addresses too short address`, 'MAC de:ad:00:00:be (5 bytes)', 'adm-mac-too-short', 'KUBEVIRT_MAC_INVALID'),
  covered(`${NETIFACE} Validating VMI network spec should reject invalid MAC addresses too short address with '-'`, 'MAC de-ad-00-00-be (5 bytes)', 'adm-mac-too-short-dash', 'KUBEVIRT_MAC_INVALID'),
  covered(`${NETIFACE} Validating VMI network spec should reject invalid MAC addresses too long address`, 'MAC of 8 bytes', 'adm-mac-too-long', 'KUBEVIRT_MAC_INVALID'),
  covered(`${NETIFACE} Validating VMI network spec should reject invalid PCI addresses too many dots`, 'PCI address 0000:80.10.1', 'adm-pci-too-many-dots', 'KUBEVIRT_PCI_ADDRESS_INVALID'),
  covered(`${NETIFACE} Validating VMI network spec should reject invalid PCI addresses too many parts'-'`, 'PCI address 0000:80:80:1.0', 'adm-pci-too-many-parts', 'KUBEVIRT_PCI_ADDRESS_INVALID'),
  covered(`${NETIFACE} Validating VMI network spec should reject invalid PCI addresses function out of range`, 'PCI address 0000:80:11.15', 'adm-pci-function-out-of-range', 'KUBEVIRT_PCI_ADDRESS_INVALID'),
  covered(`${NETIFACE} Validating VMI network spec the interface port is specified should reject interface port with only the port name`, 'forwarded port without a number', 'adm-port-name-only', 'KUBEVIRT_PORT_INVALID'),
  covered(`${NETIFACE} Validating VMI network spec the interface port is specified should reject interface port with bad protocol type`, 'port protocol "bad"', 'adm-port-bad-protocol', 'KUBEVIRT_PORT_PROTOCOL_INVALID'),
  covered(`${NETIFACE} Validating VMI network spec the interface port is specified should reject interface port with port out of range`, 'port 80000', 'adm-port-out-of-range', 'KUBEVIRT_PORT_INVALID'),
  covered(`${NETIFACE} Validating VMI network spec the interface port is specified should reject interface port with two ports that have the same name`, 'two ports named testport', 'adm-port-duplicate-name', 'KUBEVIRT_PORT_NAME_DUPLICATE'),
  covered(`${NETIFACE} Validating VMI network spec the interface port is specified should reject interface port with bad port name`, 'port name "Test"', 'adm-port-bad-name', 'KUBEVIRT_PORT_NAME_INVALID'),
  excluded(`${NETIFACE} Validating VMI network spec the interface portRanges is specified should reject portRanges when feature gate is disabled`, 'portRanges with the PortRangesSpec feature gate disabled', FEATURE_GATE('PortRangesSpec')),
  covered(`${NETIFACE} Validating VMI network spec the interface portRanges is specified should reject when binding method is not masquerade`, 'portRanges on a bridge interface', 'adm-port-ranges-not-masquerade', 'KUBEVIRT_PORT_RANGES_REQUIRE_MASQUERADE'),
  covered(`${NETIFACE} Validating VMI network spec the interface portRanges is specified should reject when portRanges and ports are both set`, 'ports and portRanges on one interface', 'adm-port-ranges-and-ports', 'KUBEVIRT_PORT_RANGES_CONFLICT'),
  covered(`${NETIFACE} Validating VMI network spec the interface portRanges is specified should reject portRanges with bad protocol`, 'port range protocol SCTP', 'adm-port-range-bad-protocol', 'KUBEVIRT_PORT_RANGE_INVALID'),
  covered(`${NETIFACE} Validating VMI network spec the interface portRanges is specified should reject portRanges with start port out of range`, 'port range start 0', 'adm-port-range-start-out-of-range', 'KUBEVIRT_PORT_RANGE_INVALID'),
  covered(`${NETIFACE} Validating VMI network spec the interface portRanges is specified should reject portRanges with end port out of range`, 'port range end 70000', 'adm-port-range-end-out-of-range', 'KUBEVIRT_PORT_RANGE_INVALID'),
  covered(`${NETIFACE} Validating VMI network spec the interface portRanges is specified should reject portRanges with start greater than end`, 'port range 100-80', 'adm-port-range-start-after-end', 'KUBEVIRT_PORT_RANGE_INVALID'),
  covered(`${NETIFACE} Validating VMI network spec the interface portRanges is specified should reject portRanges with two TCP ranges overlapping`, 'TCP ranges 80-200 and 150-300', 'adm-port-range-overlap', 'KUBEVIRT_PORT_RANGE_OVERLAP'),
  covered(`${NETIFACE} Validating VMI network spec the interface DHCP options is specified should reject interface DHCP options with invalid DHCPPrivateOptions`, 'DHCP private option 223', 'adm-dhcp-private-option-out-of-range', 'KUBEVIRT_DHCP_PRIVATE_OPTION_INVALID'),
  covered(`${NETIFACE} Validating VMI network spec the interface DHCP options is specified should reject interface DHCP options with duplicate DHCPPrivateOptions`, 'DHCP private option 240 twice', 'adm-dhcp-private-option-duplicate', 'KUBEVIRT_DHCP_PRIVATE_OPTION_DUPLICATE'),
  covered(`${NETIFACE} Validating VMI network spec the interface DHCP options is specified should reject interface DHCP options with non-IPv4 NTP servers`, 'NTP servers ::1 and hostname', 'adm-dhcp-ntp-not-ipv4', 'KUBEVIRT_DHCP_NTP_SERVER_INVALID'),

  // --- dra.go -------------------------------------------------------------------------------------
  excluded(`${DRA} Validate network DRA should reject DRA network when feature gate is disabled`, 'resourceClaim network with NetworkDevicesWithDRA disabled', FEATURE_GATE('NetworkDevicesWithDRA')),
  covered(`${DRA} Validate network DRA should reject DRA network with empty claimName`, 'resourceClaim without claimName', 'adm-dra-empty-claim-name', 'KUBEVIRT_RESOURCE_CLAIM_INVALID'),
  covered(`${DRA} Validate network DRA should reject DRA network with empty requestName`, 'resourceClaim without requestName', 'adm-dra-empty-request-name', 'KUBEVIRT_RESOURCE_CLAIM_INVALID'),
  covered(`${DRA} Validate network DRA should reject DRA network with non-existent resourceClaim reference`, 'claimName not in spec.resourceClaims', 'adm-dra-undeclared-claim', 'KUBEVIRT_RESOURCE_CLAIM_INVALID'),
  covered(`${DRA} Validate network DRA should reject duplicate claimName/requestName across DRA networks`, 'two DRA networks with one claim/request pair', 'adm-dra-duplicate-pair', 'KUBEVIRT_RESOURCE_CLAIM_INVALID'),
  covered(`${DRA} Validate network DRA should reject mixing Multus and DRA networks`, 'multus and resourceClaim networks in one VMI', 'adm-dra-mixed-multus', 'KUBEVIRT_RESOURCE_CLAIM_INVALID'),
  covered(`${DRA} Validate network DRA should reject DRA network with non-SRIOV interface binding`, 'bridge interface on a DRA network', 'adm-dra-bridge-interface', 'KUBEVIRT_RESOURCE_CLAIM_INVALID'),
  covered(`${DRA} Validate network DRA should reject DRA network with no corresponding interface`, 'DRA network without an interface', 'adm-dra-no-interface', 'KUBEVIRT_NETWORK_WITHOUT_INTERFACE'),

  // --- vmi-create-admitter_test.go (network-related) -----------------------------------------------
  covered(
    `${VMI_CREATE} Validating VMICreate Admitter with probes given should reject properly configured network-based readiness and liveness probes if no Pod Network is present`,
    'tcpSocket/httpGet probes without a pod network',
    'vc-probes-without-pod-network',
    'KUBEVIRT_PROBE_REQUIRES_POD_NETWORK',
  ),
  covered(`${VMI_CREATE} Validating VMICreate Admitter with VirtualMachineInstance spec should reject disks with the same boot order`, 'two disks with bootOrder 1', 'vc-disks-same-boot-order', 'KUBEVIRT_BOOT_ORDER_DUPLICATE'),
  covered(
    `${VMI_CREATE} Validating VMICreate Admitter with VirtualMachineInstance spec should reject duplicate claimName/requestName between DRA network and DRA GPU`,
    'a DRA network and a DRA GPU share a claim/request pair',
    'vc-dra-pair-shared-with-gpu',
    'KUBEVIRT_RESOURCE_CLAIM_INVALID',
  ),
  covered(
    `${VMI_CREATE} Validating VMICreate Admitter with VirtualMachineInstance spec should reject duplicate claimName/requestName between DRA network and DRA HostDevice`,
    'a DRA network and a DRA host device share a claim/request pair',
    'vc-dra-pair-shared-with-host-device',
    'KUBEVIRT_RESOURCE_CLAIM_INVALID',
  ),
  excluded(
    `${VMI_CREATE} Validating VMICreate Admitter with AMD SEV LaunchSecurity should reject when there are bootable NICs`,
    'SEV launch security with an interface bootOrder',
    'needs launchSecurity (outside the network section), the WorkloadEncryptionSEV feature gate and an amd64 node (pkg/virt-api/webhooks/amd64.go); multihome does not model confidential-computing VMs',
  ),
  excluded(
    `${VMI_CREATE} Validating VMICreate Admitter with Intel TDX LaunchSecurity should reject when there are bootable NICs`,
    'TDX launch security with an interface bootOrder',
    'needs launchSecurity (outside the network section), the WorkloadEncryptionTDX feature gate and an amd64 node (pkg/virt-api/webhooks/amd64.go); multihome does not model confidential-computing VMs',
  ),
  covered(`${VMI_CREATE} additional tests should fail when invalid boot order is given to interface`, 'interface bootOrder 0', 'vc-interface-boot-order-zero', 'KUBEVIRT_BOOT_ORDER_INVALID'),
  covered(`${VMI_CREATE} additional tests should fail when same boot order is given to more than one device`, 'interface and disk with bootOrder 7', 'vc-boot-order-shared-with-disk', 'KUBEVIRT_BOOT_ORDER_DUPLICATE'),
  covered(`${VMI_CREATE} Validating VMICreate Admitter with volume should reject CloudInitNoCloud volume if either userData or networkData is missing`, 'cloudInitNoCloud without user-data and network-data', 'vc-cloud-init-empty', 'KUBEVIRT_CLOUD_INIT_EMPTY'),

  // --- vms-admitter_test.go (cloud-init volumes) ---------------------------------------------------
  covered(`${VMS} Validating VM Admitter with Volume should verify cloud-init userdata length should reject userdata greater than max limit`, 'inline userData of 2049 bytes', 'vms-user-data-too-large', 'KUBEVIRT_CLOUD_INIT_USER_DATA_TOO_LARGE'),
  covered(`${VMS} Validating VM Admitter with Volume should verify cloud-init userdata length should reject userdata base64 greater than max limit`, 'userDataBase64 decoding to 2049 bytes', 'vms-user-data-base64-too-large', 'KUBEVIRT_CLOUD_INIT_USER_DATA_TOO_LARGE'),
  covered(`${VMS} Validating VM Admitter with Volume should verify cloud-init networkdata length should reject networkdata greater than max limit`, 'inline networkData of 2049 bytes', 'vms-network-data-too-large', 'KUBEVIRT_CLOUD_INIT_NETWORK_DATA_TOO_LARGE'),
  covered(`${VMS} Validating VM Admitter with Volume should verify cloud-init networkdata length should reject networkdata base64 greater than max limit`, 'networkDataBase64 decoding to 2049 bytes', 'vms-network-data-base64-too-large', 'KUBEVIRT_CLOUD_INIT_NETWORK_DATA_TOO_LARGE'),
  covered(`${VMS} Validating VM Admitter with Volume should reject cloud-init with invalid base64 userdata`, 'userDataBase64 that is not base64', 'vms-user-data-base64-invalid', 'KUBEVIRT_CLOUD_INIT_BASE64_INVALID'),
  covered(`${VMS} Validating VM Admitter with Volume should reject cloud-init with invalid base64 networkdata`, 'networkDataBase64 that is not base64', 'vms-network-data-base64-invalid', 'KUBEVIRT_CLOUD_INIT_BASE64_INVALID'),
  covered(`${VMS} Validating VM Admitter with Volume should reject cloud-init with multiple userdata sources`, 'userData and secretRef together', 'vms-user-data-sources', 'KUBEVIRT_CLOUD_INIT_USER_DATA_SOURCES'),
  covered(`${VMS} Validating VM Admitter with Volume should reject cloud-init with multiple networkdata sources`, 'networkData and networkDataSecretRef together', 'vms-network-data-sources', 'KUBEVIRT_CLOUD_INIT_NETWORK_DATA_SOURCES'),
];

const acceptedInputs: MinedAcceptance[] = [
  accepted(`${ADMIT} Validating VMI network spec network interface state valid value is empty`, 'adm-state-valid-empty'),
  accepted(`${ADMIT} Validating VMI network spec network interface state valid value is absent when bridge binding is used`, 'adm-state-valid-absent'),
  accepted(`${ADMIT} Validating VMI network spec network interface state valid value is up when bridge binding is used`, 'adm-state-valid-up'),
  accepted(`${ADMIT} Validating VMI network spec network interface state valid value is down when bridge binding is used`, 'adm-state-valid-down'),
  accepted(`${BINDING} Validating network binding combinations network interface has only plugin binding`, 'adm-binding-plugin-only'),
  accepted(`${BINDING} Validating network binding combinations network interface has only binding method`, 'adm-binding-method-only'),
  accepted(`${PASST} Validating passtBinding core binding should accept networks with a pod network source and passtBinding interface`, 'adm-passt-binding-on-pod'),
  accepted(`${NETSOURCE} Validate network source should accept resourceClaim network type`, 'adm-claim-network'),
  accepted(`${NETSOURCE} Validate network source should allow single multus network with a multus default`, 'adm-single-multus-default'),
  accepted(`${NETSOURCE} Validate network source should accept networks with a multus network source and bridge interface`, 'adm-multus-bridge'),
  accepted(`${NETSOURCE} Validate network source should allow primary network and multiple secondary networks`, 'adm-pod-and-two-multus'),
  accepted(`${NETIFACE} Validating VMI network spec should accept valid interface model`, 'adm-interface-model-virtio'),
  accepted(`${NETIFACE} Validating VMI network spec should accept valid MAC addresses valid address in lowercase and colon separated`, 'adm-mac-valid-lower-colon'),
  accepted(`${NETIFACE} Validating VMI network spec should accept valid MAC addresses valid address in uppercase and colon separated`, 'adm-mac-valid-upper-colon'),
  accepted(`${NETIFACE} Validating VMI network spec should accept valid MAC addresses valid address in lowercase and dash separated`, 'adm-mac-valid-lower-dash'),
  accepted(`${NETIFACE} Validating VMI network spec should accept valid MAC addresses valid address in uppercase and dash separated`, 'adm-mac-valid-upper-dash'),
  accepted(`${NETIFACE} Validating VMI network spec should accept valid PCI address valid address A`, 'adm-pci-valid-a'),
  accepted(`${NETIFACE} Validating VMI network spec should accept valid PCI address valid address B`, 'adm-pci-valid-b'),
  accepted(`${NETIFACE} Validating VMI network spec the interface port is specified should accept interface with single minimal port`, 'adm-ports-valid-single'),
  accepted(`${NETIFACE} Validating VMI network spec the interface port is specified should accept interface with multiple ports, same number, with protocol and without`, 'adm-ports-valid-same-number-two'),
  accepted(`${NETIFACE} Validating VMI network spec the interface port is specified should accept interface with multiple ports, same number, different protocols`, 'adm-ports-valid-same-number-three'),
  accepted(`${NETIFACE} Validating VMI network spec the interface portRanges is specified should accept portRanges with single range`, 'adm-port-ranges-valid-single'),
  accepted(`${NETIFACE} Validating VMI network spec the interface portRanges is specified should accept portRanges with single port (start == end)`, 'adm-port-ranges-valid-single-port'),
  accepted(`${NETIFACE} Validating VMI network spec the interface portRanges is specified should accept portRanges with two non-overlapping TCP ranges`, 'adm-port-ranges-valid-two-tcp'),
  accepted(`${NETIFACE} Validating VMI network spec the interface portRanges is specified should accept portRanges with TCP and UDP ranges that overlap (allowed)`, 'adm-port-ranges-valid-tcp-udp-overlap'),
  accepted(`${NETIFACE} Validating VMI network spec the interface DHCP options is specified should accept interface DHCP options with valid DHCPPrivateOptions`, 'adm-dhcp-valid-private-option'),
  accepted(`${NETIFACE} Validating VMI network spec the interface DHCP options is specified should accept interface DHCP options with valid NTP servers`, 'adm-dhcp-valid-ntp-servers'),
  accepted(`${NETIFACE} Validating VMI network spec the interface DHCP options is specified should accept interface DHCP options with unique DHCPPrivateOptions`, 'adm-dhcp-valid-unique-private-options'),
  accepted(`${DRA} Validate network DRA should accept valid DRA network when feature gate is enabled`, 'adm-dra-valid'),
  accepted(`${DRA} Validate network DRA should accept DRA network with plugin interface binding`, 'adm-dra-plugin-binding'),
  accepted(`${VMI_CREATE} additional tests should work when boot order is given to interfaces`, 'vc-interface-boot-order'),
  accepted(`${VMI_CREATE} additional tests should work when different boot orders are given to devices`, 'vc-distinct-boot-orders'),
  accepted(`${VMI_CREATE} Validating VMICreate Admitter with volume should accept CloudInitNoCloud volume if it has only a userData source`, 'vc-cloud-init-user-data-only'),
  accepted(`${VMI_CREATE} Validating VMICreate Admitter with volume should accept CloudInitNoCloud volume if it has only a networkData source`, 'vc-cloud-init-network-data-only'),
  accepted(`${VMI_CREATE} Validating VMICreate Admitter with volume should accept CloudInitNoCloud volume if it has both userData and networkData sources`, 'vc-cloud-init-user-and-network-data'),
];

/** KubeVirt's network admitter tests at v1.9.0, rule for rule against test/fixtures/kubevirt. */
export const SUITE: MinedSuite = {
  suite: 'kubevirt-network-admitter',
  repository: 'kubevirt/kubevirt',
  commit: '79d34c1762169e5b0370ec491cef5ca12e6b504c',
  paths: [
    'pkg/network/admitter/*_test.go',
    'pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter_test.go (network-related cases)',
    'pkg/virt-api/webhooks/validating-webhook/admitters/vms-admitter_test.go (cloud-init volume cases)',
  ],
  area: 'kubevirt',
  rejections,
  accepted: acceptedInputs,
};
