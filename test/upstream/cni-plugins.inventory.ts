import { MinedAcceptance, MinedRejection, MinedSuite } from './inventory';

/*
 * containernetworking/plugins v1.9.1 (adc3e6b5), the rejections its tests assert for the plugins
 * a NAD configures. What is listed: every assertion that a plugin entry point (cmdAdd, cmdDel,
 * cmdCheck), a config loader (loadConf, loadNetConf, parseConfig, LoadIPAMConfig) or a config
 * validator (Range/RangeSet.Canonicalize, collectVlanTrunk, validateRateAndBurst, allocator
 * Get) returns an error. What is not: post-conditions phrased as errors (`LinkByName` after DEL
 * returns "not found", `os.Stat` of a released lease file, the ifb device or iptables chain is
 * gone), which reject nothing. Tests generated per spec version (`for _, ver := range …`) and
 * per table entry are listed once per generated test, as Ginkgo runs them.
 *
 * Read: plugins/main/{bridge,macvlan,ipvlan,host-device,vlan,ptp,dummy,tap}, plugins/meta/
 * {tuning,bandwidth,portmap,sbr,vrf}, plugins/ipam/{host-local (incl. backend/allocator),
 * static,dhcp} *_test.go. ipvlan_test.go and dhcp2_test.go assert no rejection; vrf_test.go
 * "When looking for a table id" has no entry that expects a failure.
 */

/** pkg/testutils/testing.go AllSpecVersions. */
const ALL = ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0'];
/** Versions without multiple IPs per family / without IP-less results (SpecVersionHasMultipleIPs false). */
const PRE_030 = ['0.1.0', '0.2.0'];
/** AllSpecVersions from 0.3.0 on (SpecVersionHasMultipleIPs true). */
const FROM_030 = ['0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0'];
/** Versions without CHECK (SpecVersionHasCHECK false). */
const NO_CHECK = ['0.1.0', '0.2.0', '0.3.0', '0.3.1'];
/** The version list of host-device, tuning, bandwidth and portmap tests. */
const FOUR = ['0.3.0', '0.3.1', '0.4.0', '1.0.0'];

const BRIDGE = 'plugins/main/bridge/bridge_test.go';
const MACVLAN = 'plugins/main/macvlan/macvlan_test.go';
const HOST_DEVICE = 'plugins/main/host-device/host-device_test.go';
const VLAN = 'plugins/main/vlan/vlan_test.go';
const PTP = 'plugins/main/ptp/ptp_test.go';
const DUMMY = 'plugins/main/dummy/dummy_test.go';
const TAP = 'plugins/main/tap/tap_test.go';
const TUNING = 'plugins/meta/tuning/tuning_test.go';
const BANDWIDTH = 'plugins/meta/bandwidth/bandwidth_linux_test.go';
const PORTMAP = 'plugins/meta/portmap/portmap_test.go';
const PORTMAP_NFT = 'plugins/meta/portmap/portmap_nftables_test.go';
const SBR = 'plugins/meta/sbr/sbr_linux_test.go';
const VRF = 'plugins/meta/vrf/vrf_test.go';
const HOST_LOCAL = 'plugins/ipam/host-local/host_local_test.go';
const ALLOC = 'plugins/ipam/host-local/backend/allocator';
const STATIC = 'plugins/ipam/static/static_test.go';
const DHCP = 'plugins/ipam/dhcp/dhcp_test.go';

const R_CHECK =
  'CHECK of a config whose cniVersion predates 0.4.0 ("config version does not allow CHECK", pkg/skel): the runtime (libcni CheckNetwork) never sends it, and the ADD of the same config succeeds in the same test';
const R_DEL_CONFLICT = 'DEL fails because the test created another host device with the original name meanwhile: state of the node, not the config';
const R_LEASES = 'the allocation state on the node (leases already on disk in the data dir), not the config';

function covered(test: string, asserts: string, fixture: string, code: string): MinedRejection {
  return { test, asserts, status: 'covered', fixture, code };
}

function excluded(test: string, asserts: string, reason: string): MinedRejection {
  return { test, asserts, status: 'excluded', reason };
}

/** One entry per spec version of a generated `[%s] …` test. */
function perVersion<T>(versions: readonly string[], file: string, name: string, make: (test: string, v: string) => T): T[] {
  return versions.map((v) => make(`${file} [${v}] ${name}`, v));
}

const slug = (v: string): string => v.replace(/\./g, '-');

// ---- plugins/main/bridge -------------------------------------------------------------------------
const bridgeL2 = [
  'configures and deconfigures a l2 bridge and veth with ADD/DEL',
  'configures and deconfigures a l2 bridge with vlan id 100 using ADD/DEL',
  'configures and deconfigures a l2 bridge with vlanTrunk 101,200~210 using ADD/DEL',
  'configures and deconfigures a l2 bridge with vlan 100, and vlanTrunk 101,200~210 using ADD/DEL',
  'configures and deconfigures a l2 bridge with vlan id 100 and no default vlan using ADD/DEL',
  'should set the container veth peer state down',
  'when port-isolation is off, should set the veth peer on node with isolation off',
  'when port-isolation is on, should set the veth peer on node with isolation on',
].flatMap((name) =>
  perVersion(PRE_030, BRIDGE, name, (t, v) => covered(t, `cniVersion ${v}, no IPAM: ADD fails "cannot convert: no valid IP addresses"`, `bridge-l2-cni-${slug(v)}`, 'CNI_VERSION_RESULT_WITHOUT_IP')),
);

const bridgeThreeSubnets = [
  '(3) configures and deconfigures a bridge and veth with default route with ADD/DEL',
  '(3) configures and deconfigures a bridge, veth with default route and vlanID 100 with ADD/DEL',
  '(3) configures and deconfigures a bridge, veth with default route and vlanID 100 and no default vlan with ADD/DEL',
].flatMap((name) =>
  perVersion(PRE_030, BRIDGE, name, (t, v) => [
    covered(t, `cniVersion ${v}, 1 IPv4 + 2 IPv6 host-local ranges: ADD fails "does not support more than 1 address per family"`, `bridge-three-subnets-cni-${slug(v)}`, 'CNI_VERSION_MULTIPLE_ADDRESSES'),
    covered(t, `cniVersion ${v}, 1 IPv4 + 2 IPv6 host-local ranges: DEL fails "does not support more than 1 address per family"`, `bridge-three-subnets-cni-${slug(v)}`, 'CNI_VERSION_MULTIPLE_ADDRESSES'),
  ]).flat(),
);

const trunkEntries: Array<[string, string]> = [
  ['when not passed the maxID', 'minID without maxID'],
  ['when not passed the minID', 'maxID without minID'],
  ['when the minID is negative', 'minID -1'],
  ['when the minID is larger than 4094', 'minID 5000'],
  ['when the maxID is larger than 4094', 'maxID 5000'],
  ['when the maxID is negative', 'maxID 5000 (the entry passes overID)'],
  ['when the ID is larger than 4094', 'id 5000'],
  ['when the ID is negative', 'id -1'],
  ['when the maxID is smaller than minID', 'minID 1000 > maxID 100'],
];

const bridge: MinedRejection[] = [
  ...bridgeThreeSubnets,
  ...bridgeL2,
  ...[0, 1].flatMap((i) =>
    perVersion(ALL, BRIDGE, `(${i}) ensure bridge address`, (t) =>
      excluded(t, `ensureAddr refuses a second ${i === 0 ? 'IPv4' : 'overlapping IPv6'} gateway address on an existing bridge without forceAddress`, 'the addresses a bridge already carries on the node (another network configured it): runtime state, not the config'),
    ),
  ),
  ...perVersion(ALL, BRIDGE, 'checks ip release in case of error', (t) => excluded(t, 'ADD fails with an injected debugPostIPAMError', 'a failure injected by the test after IPAM (debugPostIPAMError), not a property of the config')),
  ...perVersion(ALL, BRIDGE, 'should fail when both IPAM and DisableContainerInterface are set', (t) =>
    covered(t, 'disableContainerInterface with host-local IPAM: ADD fails', 'bridge-disable-iface-with-ipam', 'CNI_BRIDGE_DISABLE_IFACE_WITH_IPAM'),
  ),
  covered(`${BRIDGE} check vlan id when loading net conf`, 'cniVersion 1.0.0, vlan -100: "invalid VLAN ID -100 (must be between 0 and 4094)"', 'bridge-vlan-id-negative', 'CNI_BRIDGE_VLAN_RANGE'),
  covered(`${BRIDGE} check vlan id when loading net conf`, 'cniVersion 0.4.0, vlan -100: "invalid VLAN ID -100 (must be between 0 and 4094)"', 'bridge-vlan-id-negative', 'CNI_BRIDGE_VLAN_RANGE'),
  covered(`${BRIDGE} check vlan id when loading net conf`, 'cniVersion 1.0.0, vlan 5000: "invalid VLAN ID 5000 (must be between 0 and 4094)"', 'bridge-vlan-id-5000', 'CNI_BRIDGE_VLAN_RANGE'),
  covered(`${BRIDGE} check vlan id when loading net conf`, 'cniVersion 0.4.0, vlan 5000: "invalid VLAN ID 5000 (must be between 0 and 4094)"', 'bridge-vlan-id-5000', 'CNI_BRIDGE_VLAN_RANGE'),
  ...trunkEntries.map(([entry, what]) => covered(`${BRIDGE} collectVlanTrunk failed ${entry}`, `vlanTrunk entry with ${what} is refused`, 'bridge-vlan-trunk-collect-failed', 'CNI_BRIDGE_VLAN_TRUNK_INVALID')),
];

// ---- plugins/main/{macvlan,host-device,vlan,ptp,dummy,tap} -----------------------------------------
const macvlan: MinedRejection[] = [
  ...[
    'configures and deconfigures a l2 macvlan link with ADD/DEL',
    'configures and deconfigures l2 macvlan link with mac address (from CNI_ARGS) with ADD/DEL',
    'configures and deconfigures l2 macvlan link with mac address (from RuntimeConfig) with ADD/DEL',
  ].flatMap((name) =>
    perVersion(PRE_030, MACVLAN, name, (t, v) => covered(t, `cniVersion ${v}, "ipam": {}: ADD fails "cannot convert: no valid IP addresses"`, `macvlan-l2-cni-${slug(v)}`, 'CNI_VERSION_RESULT_WITHOUT_IP')),
  ),
  ...perVersion(NO_CHECK, MACVLAN, 'configures and deconfigures a macvlan link with ADD/CHECK/DEL', (t) => excluded(t, 'CHECK fails "config version does not allow CHECK"', R_CHECK)),
];

const hostDevice: MinedRejection[] = [
  ...perVersion(FOUR, HOST_DEVICE, 'fails an invalid config', (t) =>
    covered(t, 'no device, hwaddr, kernelpath or pciBusID: `specify either "device", "hwaddr", "kernelpath" or "pciBusID"`', 'host-device-no-selector', 'CNI_HOST_DEVICE_NO_SELECTOR'),
  ),
  ...perVersion(FOUR, HOST_DEVICE, 'ensures CmdDel is idempotent', (t) => excluded(t, 'DEL fails while a conflicting device named like the original exists', R_DEL_CONFLICT)),
  ...FOUR.map((v) => excluded(`${HOST_DEVICE} Test idempotence of CmdDel with ${v} config`, 'DEL fails while a conflicting device named like the original exists', R_DEL_CONFLICT)),
];

const vlan: MinedRejection[] = [false, true].flatMap((inContainer) => {
  const where = `(linkInContainer ${inContainer})`;
  return [
    ...perVersion(NO_CHECK, VLAN, 'configures and deconfigures a vlan link with ADD/CHECK/DEL', (t) => excluded(t, `${where} CHECK fails "config version does not allow CHECK"`, R_CHECK)),
    ...perVersion(ALL, VLAN, 'fails to create vlan link with greater MTU than master interface', (t) =>
      excluded(t, `${where} mtu 1600 over a master with MTU 1500: "invalid MTU 1600, must be [0, master MTU(1500)]"`, "needs the master interface's MTU on the node (vlan.go loadConf reads it from the link); the static part, a negative mtu, is covered"),
    ),
    ...perVersion(ALL, VLAN, 'fails to create vlan link with negative MTU', (t) =>
      covered(t, `${where} mtu -100: "invalid MTU -100, must be [0, master MTU(1500)]"`, inContainer ? 'vlan-mtu-negative-link-in-container' : 'vlan-mtu-negative', 'CNI_MTU_INVALID'),
    ),
  ];
});

const ptp: MinedRejection[] = [
  'configures and deconfigures a ptp link with ADD/DEL',
  'configures and deconfigures a ptp link when specifying ipMasqBackend: iptables',
  'configures and deconfigures a ptp link when specifying ipMasqBackend: nftables',
  'configures and deconfigures a dual-stack ptp link + routes with ADD/DEL',
  'does not override IPAM DNS settings if no DNS settings provided',
  'overrides IPAM DNS settings if any DNS settings provided',
  'overrides IPAM DNS settings if any empty list DNS settings provided',
].flatMap((name) => perVersion(NO_CHECK, PTP, name, (t) => excluded(t, 'CHECK (doTest) fails "config version does not allow CHECK"', R_CHECK)));

const dummy: MinedRejection[] = [
  ...perVersion(NO_CHECK, DUMMY, 'configures and deconfigures a dummy link with ADD/CHECK/DEL', (t) => excluded(t, 'CHECK fails "config version does not allow CHECK"', R_CHECK)),
  ...perVersion(ALL, DUMMY, 'fails to create dummy link with no ipam', (t) => covered(t, 'no ipam: "dummy interface requires an IPAM configuration"', 'dummy-no-ipam', 'CNI_IPAM_REQUIRED')),
];

const tap: MinedRejection[] = perVersion(NO_CHECK, TAP, 'add, check and remove a tap device run correctly', (t) => excluded(t, 'CHECK fails "config version does not allow CHECK"', R_CHECK));

// ---- plugins/meta ----------------------------------------------------------------------------------
const tuning: MinedRejection[] = [
  ...perVersion(FOUR, TUNING, 'passes prevResult through unchanged', (t) =>
    excluded(t, 'ADD fails while the sysctl allowlist does not list net.ipv4.conf.all.log_martians', "the node's sysctl allowlist file (/etc/cni/tuning/allowlist.conf, tuning.go readAllowList) decides; multihome cannot see it"),
  ),
  ...perVersion(FOUR, TUNING, 'does not allow duplicated sysctl values', (t) => covered(t, 'the same sysctl key twice: "duplicated sysctl keys are not allowed"', 'tuning-sysctl-duplicated', 'CNI_TUNING_SYSCTL_INVALID')),
  ...perVersion(FOUR, TUNING, 'does not allow ifname with path separator', (t) =>
    excluded(t, 'interface name "eth/0": "contains an invalid character /"', 'the interface name is CNI_IFNAME, chosen by the runtime (Multus: the pod network selection), not part of the NAD config'),
  ),
];

const bandwidth: MinedRejection[] = [
  ...perVersion(FOUR, BANDWIDTH, 'fails an invalid ingress config', (t) => covered(t, 'ingressBurst 123 with ingressRate 0: "if burst is set, rate must also be set"', 'bandwidth-invalid-ingress', 'CNI_BANDWIDTH_INVALID')),
  ...perVersion(FOUR, BANDWIDTH, 'should apply static config when both static config and runtime config exist', (t) =>
    covered(t, 'the static entry (ingressBurst without ingressRate) wins over runtimeConfig.bandwidth: "if burst is set, rate must also be set"', 'bandwidth-static-over-runtime', 'CNI_BANDWIDTH_INVALID'),
  ),
  ...perVersion(FOUR, BANDWIDTH, 'should fail when container interface has no veth peer', (t) => excluded(t, 'ADD fails: the container interface has no veth peer', 'the links in the pod and host network namespaces at ADD time')),
  ...perVersion(FOUR, BANDWIDTH, 'should fail when preResult has no interfaces', (t) => excluded(t, 'ADD fails: prevResult lists no interfaces', 'prevResult is the previous plugin\'s ADD result, injected by the runtime (libcni), never part of a NAD')),
  ...perVersion(FOUR, BANDWIDTH, 'should fail when veth peer of container interface does not match any of host interfaces in preResult', (t) =>
    excluded(t, 'ADD fails: no prevResult host interface is the veth peer', 'prevResult and the links at ADD time (runtime)'),
  ),
  covered(`${BANDWIDTH} Validating input Should allow only 4GB burst rate`, 'validateRateAndBurst(5000, 4*1024*1024*1024*8): "burst cannot be more than 4GB"', 'bandwidth-validate-rate-and-burst', 'CNI_BANDWIDTH_INVALID'),
  covered(`${BANDWIDTH} Validating input Should allow only 4GB burst rate`, 'validateRateAndBurst(0, 1): "if burst is set, rate must also be set"', 'bandwidth-validate-rate-and-burst', 'CNI_BANDWIDTH_INVALID'),
  covered(`${BANDWIDTH} Validating input Should allow only 4GB burst rate`, 'validateRateAndBurst(1, 0): "if rate is set, burst must also be set"', 'bandwidth-rate-without-burst', 'CNI_BANDWIDTH_INVALID'),
];

const nftCheck: Array<[string, string]> = [
  ['before ADD', 'all rules missing'],
  ['after ADD with snat false', 'SNAT rules missing'],
  ['after DELETE', 'all rules missing'],
];
const portmap: MinedRejection[] = [
  ...perVersion(FOUR, PORTMAP, 'fails with invalid mappings', (t) => covered(t, 'runtimeConfig.portMappings with hostPort 0: "Invalid host port number: 0"', 'portmap-invalid-mappings', 'CNI_PORTMAP_INVALID')),
  ...perVersion(FOUR, PORTMAP, "rejects nftables options with 'backend: iptables'", (t) =>
    covered(t, 'nftables conditions with backend iptables: "iptables backend was requested but configuration contains nftables-specific options"', 'portmap-nftables-options-iptables-backend', 'CNI_PORTMAP_INVALID'),
  ),
  ...perVersion(FOUR, PORTMAP, "rejects iptables options with 'backend: nftables'", (t) =>
    covered(t, 'externalSetMarkChain and iptables conditions with backend nftables: "nftables backend was requested but configuration contains iptables-specific options"', 'portmap-iptables-options-nftables-backend', 'CNI_PORTMAP_INVALID'),
  ),
  ...perVersion(FOUR, PORTMAP_NFT, 'has working CHECK', (t) =>
    nftCheck.flatMap(([when, what]) => ['IPv4', 'IPv6'].map((fam) => excluded(t, `checkPorts ${fam} ${when}: ${what}`, 'CHECK compares the nftables rules on the node with the config: runtime state'))),
  ).flat(),
];

const sbrVrf: MinedRejection[] = [
  covered(`${SBR} fails with CNI spec versions that don't support plugin chaining`, 'sbr alone with cniVersion 0.2.0: "This plugin must be called as chained plugin"', 'sbr-not-chained-cni-0-2-0', 'CNI_CHAINED_PLUGIN_FIRST'),
  excluded(`${VRF} fails if the interface already has a master set`, 'ADD fails: "has already a master set"', 'the interface\'s state in the pod network namespace (another attachment enslaved it)'),
  excluded(`${VRF} handles tableid conflicts same vrf with different tableids`, 'ADD fails: "already exist with different routing table"', 'a VRF of that name created by another attachment of the same pod, with another table: state of the pod, not one NAD'),
];

// ---- plugins/ipam ----------------------------------------------------------------------------------
const hostLocal: MinedRejection[] = [
  ...perVersion(ALL, HOST_LOCAL, 'repeat allocating addresses on specific interface for same container ID with ADD', (t) => [
    excluded(t, 'second ADD for the same container ID and interface fails', R_LEASES),
    excluded(t, 'third ADD for the same container ID and interface fails', R_LEASES),
  ]).flat(),
  ...perVersion(PRE_030, HOST_LOCAL, 'allocates custom IPs from multiple ranges', (t, v) =>
    covered(t, `cniVersion ${v}, two IPv4 range sets: "CNI version ${v} does not support more than 1 address per family"`, `host-local-custom-ips-cni-${slug(v)}`, 'CNI_VERSION_MULTIPLE_ADDRESSES'),
  ),
  ...perVersion(PRE_030, HOST_LOCAL, 'fails if a requested custom IP is not used', (t, v) =>
    covered(t, `cniVersion ${v}, two IPv4 range sets: "CNI version ${v} does not support more than 1 address per family"`, `host-local-custom-ips-cni-${slug(v)}`, 'CNI_VERSION_MULTIPLE_ADDRESSES'),
  ),
  ...perVersion(FROM_030, HOST_LOCAL, 'fails if a requested custom IP is not used', (t) =>
    covered(t, 'args.cni.ips 10.1.2.88 and 10.1.2.77 in the same range set: "failed to allocate all requested IPs: 10.1.2."', 'host-local-requested-ip-unused', 'CNI_IPAM_HOST_LOCAL_REQUESTED_IP_INVALID'),
  ),
  excluded(`${ALLOC}/allocator_test.go host-local ip allocator when has free ip should not allocate the broadcast address`, 'Get fails once the /29 is used up', R_LEASES),
  excluded(`${ALLOC}/allocator_test.go host-local ip allocator when requesting a specific IP must fail when the requested IP is allocated`, 'Get of an IP already allocated fails', R_LEASES),
  covered(`${ALLOC}/allocator_test.go host-local ip allocator when requesting a specific IP must return an error when the requested IP is after RangeEnd`, 'requested 192.168.1.5 with rangeEnd 192.168.1.4', 'host-local-requested-ip-after-range-end', 'CNI_IPAM_HOST_LOCAL_REQUESTED_IP_INVALID'),
  covered(`${ALLOC}/allocator_test.go host-local ip allocator when requesting a specific IP must return an error when the requested IP is before RangeStart`, 'requested 192.168.1.2 with rangeStart 192.168.1.3', 'host-local-requested-ip-before-range-start', 'CNI_IPAM_HOST_LOCAL_REQUESTED_IP_INVALID'),
  ...['10.0.0.0/30 with 10.0.0.2 taken', '10.0.0.0/29 with .2-.6 taken', '10.0.0.0/30 and 10.0.1.0/30 with .2 of each taken'].map((what) =>
    excluded(`${ALLOC}/allocator_test.go host-local ip allocator when out of ips returns a meaningful error`, `${what}: "no IP addresses available in range set"`, R_LEASES),
  ),
  covered(`${ALLOC}/config_test.go IPAM config Should detect overlap between rangesets`, '"range set 0 overlaps with 1"', 'host-local-range-sets-overlap', 'CNI_IPAM_HOST_LOCAL_RANGE_SET_INVALID'),
  covered(`${ALLOC}/config_test.go IPAM config Should detect overlap within rangeset`, '"invalid range set 0: subnets 10.1.0.1-10.1.3.254 and 10.1.2.1-10.1.2.254 overlap"', 'host-local-range-set-overlap-within', 'CNI_IPAM_HOST_LOCAL_RANGE_SET_INVALID'),
  covered(`${ALLOC}/config_test.go IPAM config should error on rangesets with different families`, '"invalid range set 0: mixed address families"', 'host-local-range-set-mixed-families', 'CNI_IPAM_HOST_LOCAL_RANGE_SET_INVALID'),
  covered(`${ALLOC}/config_test.go IPAM config Should should error on too many ranges`, 'cniVersion 0.2.0, two IPv4 range sets: "CNI version 0.2.0 does not support more than 1 address per family"', 'host-local-too-many-ranges-cni-0-2-0', 'CNI_VERSION_MULTIPLE_ADDRESSES'),
  covered(`${ALLOC}/range_set_test.go range sets should detect set membership correctly`, 'RangeFor(192.168.99.99): "192.168.99.99 not in range set …"', 'host-local-requested-ip-not-in-range-set', 'CNI_IPAM_HOST_LOCAL_REQUESTED_IP_INVALID'),
  covered(`${ALLOC}/range_set_test.go range sets should discover overlaps within a set`, '"subnets 192.168.0.1-192.168.15.254 and 192.168.2.1-192.168.2.254 overlap"', 'host-local-range-set-overlap-within-20', 'CNI_IPAM_HOST_LOCAL_RANGE_SET_INVALID'),
  ...(
    [
      ['should reject ipv4 subnet using a masked address', '192.0.2.12/24: "Network has host bits set …"'],
      ['should reject ipv6 subnet using a masked address', '2001:DB8:1::24:19ff:fee1:c44a/64: "Network has host bits set …"'],
      ['should reject ipv6 prefix with host bit set', '2001:DB8:24:19ff::/63: "Network has host bits set …"'],
      ['should reject ipv4 network with host bit set', '192.168.127.0/23: "Network has host bits set …"'],
      ["Should reject a network that's too small", '192.0.2.0/31: "too small to allocate from"'],
      ['should reject invalid RangeStart and RangeEnd specifications', 'RangeStart 192.0.3.0: "RangeStart 192.0.3.0 not in network 192.0.2.0/24"'],
      ['should reject invalid RangeStart and RangeEnd specifications', 'RangeEnd 192.0.4.0: "RangeEnd 192.0.4.0 not in network 192.0.2.0/24"'],
      ['should reject invalid RangeStart and RangeEnd specifications', 'RangeStart .50 after RangeEnd .40: "RangeStart 192.0.2.50 not in network 192.0.2.0/24"'],
    ] as Array<[string, string]>
  ).map(([name, what]) => covered(`${ALLOC}/range_test.go IP ranges ${name}`, what, 'host-local-range-canonicalize', 'CNI_IPAM_HOST_LOCAL_RANGE_INVALID')),
];

const staticIpam: MinedRejection[] = [
  ...perVersion(PRE_030, STATIC, 'allocates and releases multiple addresses with ADD/DEL, with ENV variables', (t, v) =>
    excluded(t, `cniVersion ${v}, two IPv4 addresses from CNI_ARGS IP=…: "does not support more than 1 address per family"`, 'the addresses come from CNI_ARGS (IP=…), set by the runtime per call; the same rule on addresses written in the config is CNI_VERSION_MULTIPLE_ADDRESSES (fixture static-two-addresses-cni-0-2-0)'),
  ),
  ...perVersion(ALL, STATIC, 'is returning an error on missing ipam key when args are set', (t) =>
    excluded(t, 'static called on a config without ipam: "IPAM config missing \'ipam\' key"', 'a NAD only runs static through its ipam.type, so the static binary never sees a config without ipam'),
  ),
  ...perVersion(ALL, STATIC, 'is returning an error on missing ipam key when runtimeConfig is set', (t) =>
    excluded(t, 'static called on a config without ipam: "IPAM config missing \'ipam\' key"', 'a NAD only runs static through its ipam.type, so the static binary never sees a config without ipam'),
  ),
  ...perVersion(ALL, STATIC, 'errors when passed an invalid CIDR via ipam config', (t) =>
    covered(t, 'addresses[0].address "10.10.0.1": "the \'address\' field is expected to be in CIDR notation"', 'static-address-not-cidr', 'CNI_IPAM_STATIC_ADDRESS_INVALID'),
  ),
  ...perVersion(ALL, STATIC, 'errors when passed an invalid CIDR via Args', (t) =>
    excluded(t, 'CNI_ARGS IP=10.10.0.1: "the \'ip\' field is expected to be in CIDR notation"', 'CNI_ARGS is set by the runtime per call, not written in the NAD'),
  ),
  ...perVersion(ALL, STATIC, 'errors when passed an invalid CIDR via CNI_ARGS', (t) =>
    covered(t, 'args.cni.ips ["10.10.0.1"] in the config: "an entry in the \'ips\' field is NOT in CIDR notation"', 'static-args-ips-not-cidr', 'CNI_IPAM_STATIC_ADDRESS_INVALID'),
  ),
  ...perVersion(ALL, STATIC, 'errors when passed an invalid CIDR via RuntimeConfig', (t) =>
    covered(t, 'RuntimeConfig.ips ["10.10.0.1"] in the config: "an entry in the \'ips\' field is NOT in CIDR notation"', 'static-runtime-config-ips-not-cidr', 'CNI_IPAM_STATIC_ADDRESS_INVALID'),
  ),
];

const dhcp: MinedRejection[] = perVersion(ALL, DHCP, 'configures multiple links with multiple ADD with second lease unavailable', (t) =>
  excluded(t, 'ADD fails "error calling DHCP.Allocate: no more tries"', 'the DHCP server and the dhcp daemon on the node (no lease offered), not the config'),
);

const accepted: MinedAcceptance[] = [
  { test: `${HOST_DEVICE} Works with a valid 1.0.0 config on auxiliary device`, fixture: 'host-device-aux-device-id' },
  { test: `${HOST_DEVICE} Works with a valid 1.0.0 config on a DPDK device with IPAM`, fixture: 'host-device-dpdk-pci-bus-id' },
  { test: `${BANDWIDTH} [1.0.0] does not apply egress when disabled`, fixture: 'bandwidth-egress-disabled' },
  { test: `${PORTMAP} [1.0.0] allows nftables conditions if nftables is requested`, fixture: 'portmap-nftables-conditions' },
  { test: `${PORTMAP} [1.0.0] correctly parses a DEL config`, fixture: 'portmap-iptables-conditions' },
  { test: `${HOST_LOCAL} [1.0.0] allocates custom IPs from multiple ranges`, fixture: 'host-local-custom-ips-multiple-ranges' },
  { test: `${HOST_LOCAL} [1.0.0] allocates custom IPs from multiple protocols`, fixture: 'host-local-custom-ips-multiple-protocols' },
  { test: `${ALLOC}/config_test.go IPAM config Should allow one v4 and v6 range for 0.2.0`, fixture: 'host-local-one-per-family-cni-0-2-0' },
  { test: `${ALLOC}/config_test.go IPAM config Should parse custom IPs from runtime configuration`, fixture: 'host-local-runtime-config-ips' },
  { test: `${ALLOC}/config_test.go IPAM config Should parse a mixed config with runtime args`, fixture: 'host-local-mixed-config-runtime-ranges' },
];

/** containernetworking/plugins v1.9.1: the config rejections its plugin tests assert, against multihome's NAD validator. */
export const SUITE: MinedSuite = {
  suite: 'cni-plugins',
  repository: 'containernetworking/plugins',
  commit: 'adc3e6b5b581638afbd194cf2e9319ecbb0151a1',
  paths: [
    'plugins/main/{bridge,macvlan,ipvlan,host-device,vlan,ptp,dummy,tap}/*_test.go',
    'plugins/meta/{tuning,bandwidth,portmap,sbr,vrf}/*_test.go',
    'plugins/ipam/host-local/*_test.go',
    'plugins/ipam/host-local/backend/allocator/*_test.go',
    'plugins/ipam/{static,dhcp}/*_test.go',
  ],
  area: 'cni',
  rejections: [...bridge, ...macvlan, ...hostDevice, ...vlan, ...ptp, ...dummy, ...tap, ...tuning, ...bandwidth, ...portmap, ...sbrVrf, ...hostLocal, ...staticIpam, ...dhcp],
  accepted,
};
