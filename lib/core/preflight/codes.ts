import { CodeTable } from '../errors';

/**
 * Problems `multihome preflight` finds by comparing intent (NNCPs, NADs, VMs) with each selected
 * node's NodeNetworkState. Each names the upstream behaviour it predicts; the rule files cite the
 * source lines next to the check.
 */
export const PREFLIGHT_CODES: CodeTable = {
  PREFLIGHT_INTERFACE_MISSING: {
    severity: 'error',
    summary: 'An interface the policy uses but does not create (an ethernet it configures, a bridge or bond port, a VLAN base) is not on a selected node; nmstate fails the whole state and the NNCE reports FailedToConfigure.',
    upstream: 'nmstate/nmstate rust/src/lib/ifaces/inter_ifaces.rs (unknown interface / port not found: InvalidArgument); kubernetes-nmstate NNCE FailedToConfigure',
  },
  PREFLIGHT_PORT_ENSLAVED: {
    severity: 'error',
    summary: 'A NIC the policy makes a bridge or bond port is already a port of another controller on the node that the policy leaves as it is; nmstate moves it, and the other controller (often br-ex, the node uplink) loses it.',
    upstream: 'nmstate/nmstate rust/src/lib/ifaces/inter_ifaces.rs (a port listed by a new controller is detached from its current one); NNS `controller`',
  },
  PREFLIGHT_DEFAULT_ROUTE_INTERFACE: {
    severity: 'error',
    summary: 'The policy enslaves, re-addresses or takes down the interface holding the node\'s default route or InternalIP without copying its MAC and addresses onto the new controller, as kubernetes-nmstate\'s capture example does; the node drops off the network (kubernetes-nmstate issues 1063, 1274, 714).',
    upstream: 'nmstate/kubernetes-nmstate test/e2e/handler/default_bridged_network_with_nmpolicy_test.go; issues 1063, 1274, 714',
  },
  PREFLIGHT_PROBE_ROLLBACK: {
    severity: 'error',
    summary: 'After the change the node would have no default gateway, or a DNS server the policy sets would be unreachable; kubernetes-nmstate\'s ping/DNS probes fail and the change is rolled back (NNCE FailedToConfigure).',
    upstream: 'nmstate/kubernetes-nmstate pkg/probe/probes.go (defaultGw, runPing, runDNS, Select)',
  },
  PREFLIGHT_MTU_CHAIN: {
    severity: 'error',
    summary: 'An MTU in the chain NIC max-mtu ≥ bond ≥ VLAN ≥ bridge ≥ NAD is larger than the one below it on a node (the kernel refuses it, or frames above the lower MTU are dropped).',
    upstream: 'linux net/8021q/vlan_dev.c vlan_dev_change_mtu (-ERANGE), net/core/dev.c dev_validate_mtu (max_mtu); kubevirt/kubevirt issue 18845',
  },
  PREFLIGHT_VLAN_ON_LINUX_BRIDGE: {
    severity: 'warning',
    summary: 'A VLAN interface sits on a Linux bridge; nmstate turns VLAN filtering on for that bridge on every reconcile, which drops the VMs\' tagged traffic (kubernetes-nmstate issue 1429).',
    upstream: 'nmstate/kubernetes-nmstate issue 1429; nmstate/nmstate rust/src/lib/ifaces/linux_bridge.rs (vlan filtering)',
  },
  PREFLIGHT_BRIDGE_MAPPING_MISSING: {
    severity: 'error',
    summary: 'An OVN-Kubernetes localnet network\'s physical network name is missing from a node\'s ovn.bridge-mappings (or maps to a bridge the node lacks) and no policy adds it; pods and VMs on it fail to start (ovn-kubernetes issue 5145).',
    upstream: 'ovn-org/ovn-kubernetes issues 5145, 5000 (localnet bridge-mappings check); nmstate/nmstate 2.2.47 (error when an OVN map bridge does not exist)',
  },
  PREFLIGHT_MAC_COLLISION: {
    severity: 'error',
    summary: 'A VM interface MAC equals a host NIC\'s mac-address or permanent-mac-address; the two collide on the L2 segment (kubemacpool issues 16, 77).',
    upstream: 'k8snetworkplumbingwg/kubemacpool issues 16, 77, 690',
  },
  PREFLIGHT_SRIOV_VFS_EXCEEDED: {
    severity: 'error',
    summary: 'The policy asks for more SR-IOV VFs than the NIC supports (NNS sr-iov max-vfs); nmstate ≥ 2.2.59 rejects it, older versions fail writing sriov_numvfs.',
    upstream: 'nmstate/nmstate pull 3078 (rust/src/lib/ifaces/sriov.rs: Desired VFS count exceeded the maximum)',
  },
  PREFLIGHT_POLICY_SELECTS_NO_NODE: {
    severity: 'warning',
    summary: 'The policy\'s nodeSelector matches no node; kubernetes-nmstate marks it Ignored (NoMatchingNode) and nothing is configured.',
    upstream: 'nmstate/kubernetes-nmstate pkg/policyconditions/conditions.go (Ignored, NoMatchingNode; PR 1362)',
  },
  PREFLIGHT_ALL_NODES_AT_ONCE: {
    severity: 'warning',
    summary: 'maxUnavailable (default 50%, rounded up) lets every selected node apply the policy at once, so a bad change takes them all down together.',
    upstream: 'nmstate/kubernetes-nmstate pkg/node/nodes.go (ScaledMaxUnavailableNodeCount, DefaultMaxunavailable "50%", rounded up, at least 1)',
  },
  PREFLIGHT_NODE_STATE_UNKNOWN: {
    severity: 'warning',
    summary: 'A node\'s NodeNetworkState is missing, failing (Failing=True / Available=False) or older than the accepted age; its verdict is unknown, not a pass.',
    upstream: 'nmstate/kubernetes-nmstate docs/content/user-guide/101-reporting.md (conditions, lastSuccessfulUpdateTime; the last good state is kept while failing)',
  },
  PREFLIGHT_NODE_NOT_READY: {
    severity: 'warning',
    summary: 'A selected node is not Ready; kubernetes-nmstate\'s node-readiness probe fails there and the enactment is rolled back (kubernetes-nmstate issue 835).',
    upstream: 'nmstate/kubernetes-nmstate pkg/probe/probes.go (checkNodeReadiness); issue 835',
  },
  PREFLIGHT_NODE_LABELS_UNKNOWN: {
    severity: 'warning',
    summary: 'The policy selects nodes by labels, but no Node objects were given, so which nodes it selects is unknown; it is not checked.',
    upstream: 'nmstate/kubernetes-nmstate pkg/selectors/labels.go (nodeSelector matched against Node labels)',
  },
  PREFLIGHT_CAPTURE_UNRESOLVED: {
    severity: 'warning',
    summary: 'An nmpolicy capture expression could not be evaluated against a node\'s state (unsupported syntax or nothing captured); the policy is not checked on that node.',
    upstream: 'nmstate/nmpolicy (capture expressions: ==, !=, :=, |); kubernetes-nmstate pkg/nmpolicy/generate.go',
  },
  PREFLIGHT_ENACTMENT_FAILING: {
    severity: 'warning',
    summary: 'The policy of this name already fails on a node (its NodeNetworkConfigurationEnactment is Failing or Aborted); the change is judged on the state the node was rolled back to.',
    upstream: 'nmstate/kubernetes-nmstate api/shared/nodenetworkconfigurationenactment_types.go (conditions Failing/Aborted, reasons FailedToConfigure, ConfigurationAborted); labels nmstate.io/node, nmstate.io/policy',
  },
  PREFLIGHT_NMSTATE_TOO_OLD: {
    severity: 'error',
    summary: 'The policy uses an nmstate feature newer than the node\'s handler (NNS handlerNmstateVersion); that handler rejects or ignores it.',
    upstream: 'nmstate/nmstate CHANGELOG (identifier mac-address 2.2.10, dispatch 2.2.17, ipvlan 2.2.37, identifier pci-address 2.2.47, route state ignore 2.2.50, ipip/sit 2.2.59)',
  },
  PREFLIGHT_TARGET_NEWER_THAN_NODE: {
    severity: 'warning',
    summary: 'A selected node\'s nmstate handler (NNS handlerNmstateVersion) is older than the nmstate the target names: the intent was judged for fields that handler may not know, so the target does not describe this cluster.',
    upstream: 'multihome (lib/core/target); nmstate/kubernetes-nmstate NodeNetworkState status.handlerNmstateVersion',
  },
  PREFLIGHT_STATE_UNREADABLE: {
    severity: 'error',
    summary: 'The cluster state given to an environment (clusterState) cannot be read: the path does not exist, is not a regular file or holds no YAML/JSON file.',
    upstream: 'multihome (lib/core/preflight/state-files.ts)',
  },
  PREFLIGHT_STATE_DUPLICATE: {
    severity: 'warning',
    summary: 'Two NodeNetworkStates (or two Nodes) of one name were given; the first is used, the other ignored.',
    upstream: 'nmstate/kubernetes-nmstate api/shared/nodenetworkstate_types.go (one cluster-scoped NodeNetworkState per node, named after it)',
  },
  PREFLIGHT_STATE_INVALID: {
    severity: 'error',
    summary: 'A NodeNetworkState or Node object given as cluster state is malformed (no metadata.name, status.currentState not a mapping, interfaces not a list).',
    upstream: 'nmstate/kubernetes-nmstate api/shared/nodenetworkstate_types.go',
  },
};
