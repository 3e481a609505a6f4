import { CodeTable } from '../errors';

// Upstream read: ovn-kubernetes/ovn-kubernetes 8871cd9cec9c (the CRDs in crds/ovn-kubernetes are
// byte-for-byte helm/ovn-kubernetes/crds/ at that commit, generated from these Go types).
const TYPES = 'ovn-kubernetes/ovn-kubernetes go-controller/pkg/crd/userdefinednetwork/v1';
const CUDN_GO = `${TYPES}/cudn.go`;
const SHARED_GO = `${TYPES}/shared.go`;
const EVPN_GO = `${TYPES}/evpn.go`;
const CRD = 'ovn-kubernetes/ovn-kubernetes helm/ovn-kubernetes/crds/k8s.ovn.org_clusteruserdefinednetworks.yaml, k8s.ovn.org_userdefinednetworks.yaml';
const RENDER = 'ovn-kubernetes/ovn-kubernetes go-controller/pkg/clustermanager/userdefinednetwork/template/net-attach-def-template.go (renderCNINetworkConfig → util.NewNetInfo)';

/**
 * Problem codes of the OVN-Kubernetes ClusterUserDefinedNetwork / UserDefinedNetwork validator
 * (lib/core/ovn/cudn.ts), declared once. Almost every rule is one the API server enforces from the
 * CRD's OpenAPI schema or one of its `x-kubernetes-validations` (CEL) rules, so almost every code
 * is an `error`: `kubectl apply` is refused. The exceptions say so: a rule the controller enforces
 * when it renders the NADs (the CUDN is accepted, the network is never created), and warnings for
 * what the API server silently drops or selects.
 *
 * Update-only rules (`self == oldSelf`: topology, layer2, localnet, transport, mtu, role, joinSubnets
 * and subnets are immutable; subnets may not be removed) need the stored object and are not checked.
 */
export const OVN_CUDN_CODES = {
  // --- shape ---------------------------------------------------------------------------------
  CUDN_SHAPE: {
    severity: 'error',
    summary: 'the object is not a well-formed k8s.ovn.org/v1 ClusterUserDefinedNetwork / UserDefinedNetwork (apiVersion, kind, spec a mapping)',
    upstream: `${CRD} (served version v1 only; spec required)`,
  },
  CUDN_FIELD_TYPE: {
    severity: 'error',
    summary: 'a field has the wrong type for the CRD schema (e.g. mtu as a string, subnets as a comma string instead of a list): the API server rejects the object',
    upstream: `${CRD} (openAPIV3Schema types)`,
  },
  CUDN_REQUIRED_FIELD_MISSING: {
    severity: 'error',
    summary: 'a field the CRD requires is missing (spec.namespaceSelector, spec.network, topology, role, physicalNetworkName, layer3 subnets, vlan.mode, vlan.access.id, evpn.vtep, vni, noOverlay fields, …)',
    upstream: `${CRD} (required); ${CUDN_GO}, ${SHARED_GO} (+required, +kubebuilder:validation:Required)`,
  },
  CUDN_UNKNOWN_FIELD: {
    severity: 'warning',
    summary: 'a field the CRD does not declare: the API server prunes it (kubectl --validate=strict refuses it), so the setting silently does nothing — usually a typo or a field of the NAD config (vlanID, allowPersistentIPs) written on the CUDN',
    upstream: `${CRD} (structural schema, no x-kubernetes-preserve-unknown-fields)`,
  },
  CUDN_ENUM_INVALID: {
    severity: 'error',
    summary: 'a value outside the field\'s enum (topology Layer2|Layer3|Localnet (UDN: Layer2|Layer3), role Primary|Secondary (localnet: Secondary), ipam.mode Enabled|Disabled, ipam.lifecycle Persistent, transport NoOverlay|EVPN, noOverlay outboundSNAT/routing)',
    upstream: `${SHARED_GO}, ${CUDN_GO} (+kubebuilder:validation:Enum)`,
  },
  CUDN_VALUE_OUT_OF_RANGE: {
    severity: 'error',
    summary: 'a number, string length or list size outside the CRD bounds (list minItems/maxItems, ipam minProperties 1, evpn vni 1..16777215, evpn.vtep non-empty)',
    upstream: `${CRD} (minimum/maximum, minLength/maxLength, minItems/maxItems, minProperties)`,
  },

  // --- spec / network ------------------------------------------------------------------------
  CUDN_NAMESPACE_SELECTOR_INVALID: {
    severity: 'error',
    summary: 'namespaceSelector.matchExpressions: operator must be In, NotIn, Exists or DoesNotExist; In/NotIn need values, Exists/DoesNotExist take none. The API server accepts it, but the controller cannot build the selector and creates no NAD',
    upstream: 'ovn-kubernetes/ovn-kubernetes go-controller/pkg/clustermanager/userdefinednetwork/controller.go (getSelectedNamespaces → metav1.LabelSelectorAsSelector); kubernetes/apimachinery pkg/labels/selector.go (NewRequirement)',
  },
  CUDN_NAMESPACE_SELECTOR_EMPTY: {
    severity: 'warning',
    summary: 'an empty namespaceSelector ({}) selects every namespace: the CUDN renders a NAD into each of them (and a Primary network would claim every namespace carrying the primary-UDN label)',
    upstream: 'kubernetes/apimachinery pkg/apis/meta/v1/helpers.go (LabelSelectorAsSelector: empty selector = labels.Everything())',
  },
  CUDN_TOPOLOGY_CONFIG_MISMATCH: {
    severity: 'error',
    summary: 'the topology block must match topology: spec.layer3 is required when topology is Layer3 and forbidden otherwise (likewise layer2, localnet)',
    upstream: `${CUDN_GO} NetworkSpec, ${TYPES}/udn.go UserDefinedNetworkSpec (XValidation "spec.<topology> is required when topology is <Topology> and forbidden otherwise")`,
  },
  CUDN_ROLE_FIELD_INVALID: {
    severity: 'error',
    summary: 'a field the network role does not allow: joinSubnets, defaultGatewayIPs, reservedSubnets and infrastructureSubnets only on Primary; ipam.mode Disabled only on Secondary',
    upstream: `${SHARED_GO} Layer2Config, Layer3Config (XValidation "… is only supported for Primary network", "Disabled ipam.mode is only supported for Secondary network")`,
  },
  CUDN_PHYSICAL_NETWORK_NAME_INVALID: {
    severity: 'error',
    summary: 'localnet physicalNetworkName must be 1..253 characters without "," or ":" (it names an ovn-bridge-mappings entry "<physnet>:<bridge>,…")',
    upstream: `${CUDN_GO} LocalnetConfig.PhysicalNetworkName (MinLength=1, MaxLength=253, XValidation "physicalNetworkName cannot contain \`,\` or \`:\` characters")`,
  },
  CUDN_CIDR_INVALID: {
    severity: 'error',
    summary: 'a CIDR or IP entry does not parse (CEL isCIDR/isIP) or is longer than 43 characters',
    upstream: `${SHARED_GO} CIDR (XValidation "CIDR is invalid", MaxLength=43), IP (XValidation "IP is invalid")`,
  },
  CUDN_DUAL_STACK_INVALID: {
    severity: 'error',
    summary: 'a dual-stack list is not one entry per IP family: two CIDRs/IPs of the same family, a Secondary layer3 with more than 2 subnets, or defaultGatewayIPs not one per subnet',
    upstream: `${SHARED_GO} DualStackCIDRs, DualStackIPs ("When 2 CIDRs are set, they must be from different IP families"), Layer3Config ("Secondary networks may define at most 2 subnets"), Layer2Config ("defaultGatewayIPs must be specified for all IP families")`,
  },
  CUDN_IPAM_SUBNETS_MISMATCH: {
    severity: 'error',
    summary: 'subnets are required with ipam.mode Enabled or unset and forbidden with Disabled; excludeSubnets/reservedSubnets/infrastructureSubnets need subnets; ipam.lifecycle Persistent needs ipam.mode Enabled',
    upstream: `${CUDN_GO} LocalnetConfig, ${SHARED_GO} Layer2Config, IPAMConfig (XValidation "Subnets is required with ipam.mode is Enabled or unset…", "excludeSubnets must be unset when subnets is unset", "lifecycle Persistent is only supported when ipam.mode is Enabled")`,
  },
  CUDN_SUBNET_NOT_CONTAINED: {
    severity: 'error',
    summary: 'excludeSubnets, reservedSubnets and infrastructureSubnets must lie inside subnets; defaultGatewayIPs inside subnets (and inside infrastructureSubnets when set)',
    upstream: `${SHARED_GO} Layer2Config (XValidation "… must be subnetworks of the networks specified in the subnets field", "defaultGatewayIPs must belong to …"); localnet excludeSubnets: the CEL rule is disabled in ${CUDN_GO} (kubernetes/kubernetes#130441), ${RENDER} rejects it when rendering the NAD`,
  },
  CUDN_SUBNET_OVERLAP: {
    severity: 'error',
    summary: 'layer3 subnets must not repeat, overlap or contain each other; infrastructureSubnets and reservedSubnets must not overlap',
    upstream: `${SHARED_GO} Layer3Config ("Subnets must not overlap or contain each other", "Subnets with same CIDR are not allowed"), Layer2Config ("infrastructureSubnets and reservedSubnets must not overlap")`,
  },
  CUDN_SUBNET_NOT_MASKED: {
    severity: 'error',
    summary: 'reservedSubnets and infrastructureSubnets must be network addresses (no host bits set)',
    upstream: `${SHARED_GO} Layer2Config ("… must be a masked network address (no host bits set)")`,
  },
  CUDN_HOST_SUBNET_INVALID: {
    severity: 'error',
    summary: 'layer3 hostSubnet must be 1..127, longer than the CIDR prefix, below 32 for IPv4, and the same for every subnet of one IP family',
    upstream: `${SHARED_GO} Layer3Subnet (Minimum=1, Maximum=127, "HostSubnet must be smaller than CIDR subnet", "HostSubnet must < 32 for ipv4 CIDR"), Layer3Config ("Subnets from the same IP family must use the same hostSubnet value")`,
  },
  CUDN_MTU_INVALID: {
    severity: 'error',
    summary: 'mtu must be 576..65536, and at least 1280 when an IPv6 subnet is used',
    upstream: `${CUDN_GO} LocalnetConfig, ${SHARED_GO} Layer2Config, Layer3Config (Minimum=576, Maximum=65536, "MTU should be greater than or equal to 1280 when … IPv6 subnet is used")`,
  },
  CUDN_VLAN_INVALID: {
    severity: 'error',
    summary: 'localnet vlan: mode must be Access, vlan.access is required with mode Access (and forbidden otherwise), vlan.access.id 1..4094',
    upstream: `${CUDN_GO} VLANConfig (Enum=Access, "vlan access config is required when vlan mode is 'Access', and forbidden otherwise"), AccessVLANConfig (Minimum=1, Maximum=4094)`,
  },
  CUDN_TRANSPORT_INVALID: {
    severity: 'error',
    summary: 'transport NoOverlay only on Layer3 Primary with spec.network.noOverlay; EVPN only on Layer2/Layer3 Primary with spec.network.evpn (Layer2: macVRF required; Layer3: ipVRF required, macVRF forbidden; at least one VRF; different VNIs); noOverlay/evpn blocks forbidden without their transport',
    upstream: `${CUDN_GO} NetworkSpec (XValidation "transport 'NoOverlay' is only supported for Layer3 primary networks", "spec.evpn field is required when transport is 'EVPN'", …), ${EVPN_GO} EVPNConfig`,
  },
  CUDN_ROUTE_TARGET_INVALID: {
    severity: 'error',
    summary: 'an EVPN routeTarget must be "<global>:<local>" (≤ 21 characters): *:N (N ≤ 4294967295), A.B.C.D:N (N ≤ 65535), or ASN:N with a 2-byte ASN and 4-byte N or a 4-byte ASN and 2-byte N',
    upstream: `${EVPN_GO} RouteTarget (MaxLength=21, XValidation "RT must contain exactly one colon", "RT global administrator must be either '*', an IPv4 address, or a number", …)`,
  },
  CUDN_UPLINKS_INVALID: {
    severity: 'error',
    summary: 'spec.uplinks only on Primary Layer2/Layer3 networks without EVPN transport; one entry, a DNS-1123 label-like name (1..253 characters)',
    upstream: `${CUDN_GO} ClusterUserDefinedNetworkSpec (XValidation "spec.uplinks is supported only for primary Layer2 and Layer3 networks", "spec.uplinks is not supported with EVPN transport"; MaxItems=1, items Pattern)`,
  },
} as const satisfies CodeTable;

/** A problem code of the OVN-Kubernetes CUDN/UDN validator. */
export type OvnCudnCode = keyof typeof OVN_CUDN_CODES;
