/**
 * OVN-Kubernetes ClusterUserDefinedNetwork (CUDN) and UserDefinedNetwork (UDN) validation and the
 * localnet CUDN builder. Framework-free.
 *
 * The checks are what the API server enforces for the k8s.ovn.org/v1 CRDs — the OpenAPI schema
 * (schema.ts) and the `x-kubernetes-validations` (CEL) rules, each cited next to its check by the
 * rule's message — plus the few things the CUDN controller refuses when it renders the NADs.
 * Upstream read: ovn-kubernetes/ovn-kubernetes 8871cd9cec9c,
 * `go-controller/pkg/crd/userdefinednetwork/v1/{cudn.go,udn.go,shared.go,evpn.go}` and the CRDs
 * generated from them (crds/ovn-kubernetes/, see its SOURCES.md).
 *
 * Paths: the API server reports a CEL failure at the object that carries the rule
 * (`spec.network.localnet: Invalid value: "object": …`); we report the field the rule is about
 * (`spec.network.localnet.subnets`), or the offending list entry.
 *
 * One mistake, one problem: a CEL rule that reads an enum field is not evaluated while that field
 * holds a value outside its enum (the enum problem is reported instead), and rules on CIDRs skip
 * entries that do not parse (CUDN_CIDR_INVALID is reported for them).
 *
 * Not checked: update-only rules (`self == oldSelf`: immutable topology, layer2, localnet,
 * transport, noOverlay, uplinks, layer3 mtu/role/joinSubnets/hostSubnet, subnets of a Secondary
 * layer3, no removal of layer3 subnets), which need the stored object; metadata (the metadata
 * rules of lib/core/kubernetes check names); label key/value syntax in namespaceSelector.
 */
import { cidrContains, cidrContainsCidr, Cidr, formatCidr, hasHostBits, Ip, networkAddress, parseCidr, parseIp } from '../cni/addr';
import { Problem, ResourceRef } from '../errors';
import { Rec } from '../field-reader';
import { Manifest } from '../manifest';
import { joinPath } from '../path';
import { isRecord, ProblemSink, show } from '../problems';
import { OVN_CUDN_CODES } from './codes';
import { checkSchema, CUDN_SPEC_SCHEMA, SchemaNode, UDN_SPEC_SCHEMA } from './schema';

/** API group, version and kinds of the OVN-Kubernetes user-defined network CRDs. */
export const OVN_UDN_API = {
  group: 'k8s.ovn.org',
  apiVersion: 'k8s.ovn.org/v1',
  cudnKind: 'ClusterUserDefinedNetwork',
  udnKind: 'UserDefinedNetwork',
} as const;

/** Label every namespace carries with its own name (kube-apiserver sets it); the builder selects on it. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * The namespaces a CUDN `namespaceSelector` names by {@link NAMESPACE_NAME_LABEL} (matchLabels
 * and `In` expressions on it, intersected), sorted; undefined when it selects by anything else
 * (other labels, other operators): which namespaces those are depends on the cluster.
 */
export function namespacesSelectedByName(selector: unknown): string[] | undefined {
  if (!isRecord(selector)) return undefined;
  const labels = isRecord(selector.matchLabels) ? selector.matchLabels : {};
  const exprs = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  if (Object.keys(labels).some((k) => k !== NAMESPACE_NAME_LABEL) || !exprs.every((e) => isRecord(e) && e.key === NAMESPACE_NAME_LABEL && e.operator === 'In' && Array.isArray(e.values))) return undefined;
  let names: string[] | undefined = typeof labels[NAMESPACE_NAME_LABEL] === 'string' ? [labels[NAMESPACE_NAME_LABEL] as string] : undefined;
  for (const e of exprs as Array<{ values: unknown[] }>) {
    const values = e.values.filter((v): v is string => typeof v === 'string');
    names = names ? names.filter((n) => values.includes(n)) : values;
  }
  return names ? [...new Set(names)].sort() : undefined;
}

type Sink = ProblemSink;

const present = (o: Rec | undefined, k: string): boolean => o !== undefined && o[k] !== undefined && o[k] !== null;
const recOf = (v: unknown): Rec | undefined => (isRecord(v) ? v : undefined);
const strOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const intOf = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
const listOf = (v: unknown): unknown[] | undefined => (Array.isArray(v) ? v : undefined);
/** The value when it is one of `allowed`; `undefined` when absent; `null` when present but outside the enum (or not a string). */
function enumOf<T extends string>(o: Rec | undefined, k: string, allowed: readonly T[]): T | undefined | null {
  if (!present(o, k)) return undefined;
  const v = o![k];
  return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : null;
}

function resourceRef(obj: unknown, fallbackKind: string): ResourceRef {
  const meta = isRecord(obj) && isRecord(obj.metadata) ? obj.metadata : {};
  return {
    kind: isRecord(obj) && typeof obj.kind === 'string' ? obj.kind : fallbackKind,
    ...(typeof meta.name === 'string' ? { name: meta.name } : {}),
    ...(typeof meta.namespace === 'string' ? { namespace: meta.namespace } : {}),
  };
}

/**
 * Validates a whole k8s.ovn.org/v1 ClusterUserDefinedNetwork manifest the way the API server
 * (OpenAPI schema + CEL rules of the CRD) and the CUDN controller would, and returns every problem
 * (codes in {@link OVN_CUDN_CODES}; paths from the manifest root, e.g.
 * `spec.network.localnet.vlan.access.id`).
 */
export function validateCudn(obj: unknown): Problem[] {
  const sink = new ProblemSink(resourceRef(obj, OVN_UDN_API.cudnKind), OVN_CUDN_CODES);
  const spec = checkEnvelope(sink, obj, OVN_UDN_API.cudnKind, CUDN_SPEC_SCHEMA);
  if (!spec) return sink.problems;
  checkNamespaceSelector(sink, recOf(spec.namespaceSelector));
  const network = recOf(spec.network);
  if (network) {
    checkNetwork(sink, network, 'spec.network', ['Layer3', 'Layer2', 'Localnet']);
    checkTransport(sink, network, 'spec.network');
  }
  checkUplinks(sink, spec, network);
  return sink.problems;
}

/**
 * Validates a whole k8s.ovn.org/v1 UserDefinedNetwork manifest (namespaced; topology Layer2 or
 * Layer3 directly under spec) like {@link validateCudn}.
 */
export function validateUdn(obj: unknown): Problem[] {
  const sink = new ProblemSink(resourceRef(obj, OVN_UDN_API.udnKind), OVN_CUDN_CODES);
  const spec = checkEnvelope(sink, obj, OVN_UDN_API.udnKind, UDN_SPEC_SCHEMA);
  if (spec) checkNetwork(sink, spec, 'spec', ['Layer3', 'Layer2']);
  return sink.problems;
}

/** apiVersion, kind and spec, then the schema walk of spec; the spec when the rules can go on. */
function checkEnvelope(sink: Sink, obj: unknown, kind: string, schema: SchemaNode): Rec | undefined {
  if (!isRecord(obj)) {
    sink.add('CUDN_SHAPE', '', `the document is ${show(obj)}, not a ${kind} mapping`, `write a ${OVN_UDN_API.apiVersion} ${kind} manifest`);
    return undefined;
  }
  // The CRDs serve one version, v1 (crds/ovn-kubernetes/*.yaml spec.versions).
  if (obj.apiVersion !== OVN_UDN_API.apiVersion) sink.add('CUDN_SHAPE', 'apiVersion', `apiVersion is ${show(obj.apiVersion)}; the ${kind} CRD serves only ${OVN_UDN_API.apiVersion}`, `set apiVersion: ${OVN_UDN_API.apiVersion}`);
  if (obj.kind !== kind) sink.add('CUDN_SHAPE', 'kind', `kind is ${show(obj.kind)}; expected ${kind}`, `set kind: ${kind}`);
  // cudn.go / udn.go: Spec `+kubebuilder:validation:Required`.
  if (obj.spec === undefined || obj.spec === null) {
    sink.add('CUDN_REQUIRED_FIELD_MISSING', 'spec', 'spec is required', `add spec with ${kind === OVN_UDN_API.cudnKind ? 'namespaceSelector and network' : 'topology and its layer2/layer3 block'}`);
    return undefined;
  }
  return checkSchema(sink, schema, obj.spec, 'spec') ? (obj.spec as Rec) : undefined;
}

// --- namespaceSelector -----------------------------------------------------------------------

const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** metav1.LabelSelectorAsSelector, which the controller runs (controller.go getSelectedNamespaces). */
function checkNamespaceSelector(sink: Sink, sel: Rec | undefined): void {
  if (!sel) return;
  const labels = recOf(sel.matchLabels);
  const exprs = listOf(sel.matchExpressions);
  // apimachinery helpers.go LabelSelectorAsSelector: no labels and no expressions = labels.Everything().
  if ((!labels || Object.keys(labels).length === 0) && (!exprs || exprs.length === 0)) {
    sink.add('CUDN_NAMESPACE_SELECTOR_EMPTY', 'spec.namespaceSelector', 'namespaceSelector selects nothing specific, so it selects every namespace: the CUDN renders its NAD into all of them', `select the namespaces, e.g. matchExpressions: [{key: ${NAMESPACE_NAME_LABEL}, operator: In, values: [...]}]`);
  }
  exprs?.forEach((e, i) => {
    const r = recOf(e);
    const op = strOf(r?.operator);
    if (!r || op === undefined) return;
    const path = joinPath('spec.namespaceSelector.matchExpressions', i);
    const values = listOf(r.values) ?? [];
    // apimachinery labels/selector.go NewRequirement.
    if (!SELECTOR_OPERATORS.includes(op)) {
      sink.add('CUDN_NAMESPACE_SELECTOR_INVALID', joinPath(path, 'operator'), `operator is ${show(op)}: "is not a valid label selector operator"; allowed: ${SELECTOR_OPERATORS.join(', ')}`, 'use In, NotIn, Exists or DoesNotExist (case-sensitive)');
    } else if ((op === 'In' || op === 'NotIn') && values.length === 0) {
      sink.add('CUDN_NAMESPACE_SELECTOR_INVALID', joinPath(path, 'values'), `operator ${op} with no values: "for 'in', 'notin' operators, values set can't be empty"`, 'list the label values (namespace names) to match');
    } else if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0) {
      sink.add('CUDN_NAMESPACE_SELECTOR_INVALID', joinPath(path, 'values'), `operator ${op} with values ${show(values)}: "values set must be empty for exists and does not exist"`, 'drop values, or use In/NotIn');
    }
  });
}

// --- network (topology blocks) ---------------------------------------------------------------

const TOPOLOGY_BLOCK = { Layer3: 'layer3', Layer2: 'layer2', Localnet: 'localnet' } as const;
type Topology = keyof typeof TOPOLOGY_BLOCK;

/** NetworkSpec (CUDN spec.network) or UserDefinedNetworkSpec (UDN spec): the topology/block rules, then the block. */
function checkNetwork(sink: Sink, net: Rec, path: string, topologies: readonly Topology[]): void {
  const topology = enumOf(net, 'topology', topologies);
  // cudn.go NetworkSpec / udn.go UserDefinedNetworkSpec XValidation:
  //   "has(self.topology) && self.topology == 'Layer3' ? has(self.layer3): !has(self.layer3)",
  //   message "spec.layer3 is required when topology is Layer3 and forbidden otherwise" (likewise Layer2, Localnet).
  if (topology !== null) {
    for (const t of topologies) {
      const block = TOPOLOGY_BLOCK[t];
      if (topology === t && !present(net, block)) {
        sink.add('CUDN_TOPOLOGY_CONFIG_MISMATCH', joinPath(path, block), `topology is ${t} but ${block} is missing: "spec.${block} is required when topology is ${t} and forbidden otherwise"`, `add ${block} (${t} settings), or change topology to match the block you wrote`);
      } else if (topology !== t && present(net, block)) {
        sink.add('CUDN_TOPOLOGY_CONFIG_MISMATCH', joinPath(path, block), `${block} is set but topology is ${show(topology ?? '(missing)')}: "spec.${block} is required when topology is ${t} and forbidden otherwise"`, topology ? `drop ${block}, or set topology: ${t}` : `set topology: ${t}`);
      }
    }
  }
  const l3 = topology === 'Layer3' ? recOf(net.layer3) : undefined;
  const l2 = topology === 'Layer2' ? recOf(net.layer2) : undefined;
  const ln = topology === 'Localnet' ? recOf(net.localnet) : undefined;
  if (l3) checkLayer3(sink, l3, joinPath(path, 'layer3'));
  if (l2) checkLayer2(sink, l2, joinPath(path, 'layer2'));
  if (ln) checkLocalnet(sink, ln, joinPath(path, 'localnet'));
}

/** A parsed CIDR list entry with its path; entries that are not CIDRs are reported and left out. */
interface CidrAt {
  readonly text: string;
  readonly cidr: Cidr;
  readonly path: string;
}

/**
 * shared.go CIDR `XValidation:rule="isCIDR(self)", message="CIDR is invalid"`: reports entries that
 * are not CIDRs, returns the others. (CEL isCIDR takes "<ip>/<prefix>" with host bits allowed.)
 */
function cidrList(sink: Sink, o: Rec, key: string, path: string, pick: (e: unknown) => unknown = (e) => e, sub?: string): CidrAt[] {
  const out: CidrAt[] = [];
  listOf(o[key])?.forEach((e, i) => {
    const v = pick(e);
    if (typeof v !== 'string' || [...v].length > 43) return; // wrong type / too long: reported by the schema walk
    const at = sub ? joinPath(path, key, i, sub) : joinPath(path, key, i);
    const c = parseCidr(v);
    if (!c) sink.add('CUDN_CIDR_INVALID', at, `${at} is ${show(v)}: "CIDR is invalid"`, 'write a CIDR such as "10.0.0.0/24" or "fd00:10::/64"');
    else out.push({ text: v, cidr: c, path: at });
  });
  return out;
}

/** shared.go IP `XValidation:rule="isIP(self)", message="IP is invalid"`. */
function ipList(sink: Sink, o: Rec, key: string, path: string): Array<{ ip: Ip; path: string; text: string }> {
  const out: Array<{ ip: Ip; path: string; text: string }> = [];
  listOf(o[key])?.forEach((v, i) => {
    if (typeof v !== 'string') return;
    const at = joinPath(path, key, i);
    const ip = parseIp(v);
    if (!ip) sink.add('CUDN_CIDR_INVALID', at, `${at} is ${show(v)}: "IP is invalid"`, 'write an IP address such as "10.0.0.1"');
    else out.push({ ip, path: at, text: v });
  });
  return out;
}

const family = (c: Cidr): 4 | 6 => (c.ip.kind() === 'ipv4' ? 4 : 6);

/**
 * shared.go DualStackCIDRs `size(self) != 2 || … || cidr(self[0]).ip().family() != cidr(self[1]).ip().family()`,
 * message "When 2 CIDRs are set, they must be from different IP families".
 */
function checkDualStack(sink: Sink, list: readonly CidrAt[], rawLength: number, path: string): void {
  if (rawLength === 2 && list.length === 2 && family(list[0].cidr) === family(list[1].cidr)) {
    sink.add('CUDN_DUAL_STACK_INVALID', path, `${path} has two IPv${family(list[0].cidr)} CIDRs (${list.map((c) => c.text).join(', ')}): "When 2 CIDRs are set, they must be from different IP families"`, 'keep one CIDR per IP family (one IPv4 and one IPv6 for dual-stack)');
  }
}

/**
 * "MTU should be greater than or equal to 1280 when (an) IPv6 subnet is used":
 * `!has(self.subnets) || !has(self.mtu) || !self.subnets.exists_one(i, isCIDR(i) && cidr(i).ip().family() == 6) || self.mtu >= 1280`
 * (exists_one: exactly one IPv6 subnet, as upstream writes it).
 */
function checkIpv6Mtu(sink: Sink, o: Rec, path: string, subnets: readonly CidrAt[]): void {
  const mtu = intOf(o.mtu);
  if (mtu === undefined || mtu < 576 || mtu >= 1280) return; // below 576 is the schema's minimum problem
  if (subnets.filter((s) => family(s.cidr) === 6).length !== 1) return;
  sink.add('CUDN_MTU_INVALID', joinPath(path, 'mtu'), `mtu is ${mtu} with an IPv6 subnet: "MTU should be greater than or equal to 1280 when an IPv6 subnet is used"`, 'raise mtu to 1280 or more (IPv6 minimum), or drop the IPv6 subnet');
}

/** Whether OVN IPAM is on: ipam, ipam.mode absent or Enabled (template ipamEnabled); null when mode is outside its enum. */
function ipamEnabledOf(o: Rec): boolean | null {
  const mode = enumOf(recOf(o.ipam), 'mode', ['Enabled', 'Disabled']);
  return mode === null ? null : mode !== 'Disabled';
}

/**
 * shared.go IPAMConfig `!has(self.lifecycle) || self.lifecycle != 'Persistent' || !has(self.mode) || self.mode == 'Enabled'`,
 * message "lifecycle Persistent is only supported when ipam.mode is Enabled".
 */
function checkIpamLifecycle(sink: Sink, o: Rec, path: string): void {
  const ipam = recOf(o.ipam);
  const mode = enumOf(ipam, 'mode', ['Enabled', 'Disabled']);
  if (ipam?.lifecycle === 'Persistent' && mode === 'Disabled') {
    sink.add('CUDN_IPAM_SUBNETS_MISMATCH', joinPath(path, 'ipam', 'lifecycle'), 'ipam.lifecycle is Persistent but ipam.mode is Disabled: "lifecycle Persistent is only supported when ipam.mode is Enabled" (without OVN IPAM there is no address to persist)', 'drop ipam.lifecycle, or enable IPAM (ipam.mode Enabled or unset) and set subnets');
  }
}

/** Entries of `inner` not inside any of `outer` (reported), e.g. excludeSubnets outside subnets. */
function checkContained(sink: Sink, inner: readonly CidrAt[], outer: readonly CidrAt[], key: string, quote: string, fix: string): void {
  for (const e of inner) {
    if (!outer.some((s) => cidrContainsCidr(s.cidr, e.cidr))) {
      sink.add('CUDN_SUBNET_NOT_CONTAINED', e.path, `${key} entry ${e.text} is not inside any of subnets (${outer.map((s) => s.text).join(', ') || 'none'}): ${quote}`, fix);
    }
  }
}

/** cudn.go LocalnetConfig CEL rules (and what the NAD render rejects). */
function checkLocalnet(sink: Sink, o: Rec, path: string): void {
  // cudn.go PhysicalNetworkName `XValidation:rule="self.matches('^[^,:]+$')"`,
  // message "physicalNetworkName cannot contain `,` or `:` characters".
  const physnet = strOf(o.physicalNetworkName);
  if (physnet !== undefined && physnet !== '' && !/^[^,:]+$/.test(physnet)) {
    sink.add('CUDN_PHYSICAL_NETWORK_NAME_INVALID', joinPath(path, 'physicalNetworkName'), `physicalNetworkName is ${show(physnet)}: "physicalNetworkName cannot contain \`,\` or \`:\` characters" (they separate the ovn-bridge-mappings entries "<physnet>:<bridge>,…")`, 'use the localnet name of the NNCP ovn.bridge-mappings entry, without "," and ":"');
  }
  const subnets = cidrList(sink, o, 'subnets', path);
  const excludes = cidrList(sink, o, 'excludeSubnets', path);
  checkDualStack(sink, subnets, listOf(o.subnets)?.length ?? 0, joinPath(path, 'subnets'));
  // cudn.go LocalnetConfig `!has(self.ipam) || !has(self.ipam.mode) || self.ipam.mode == 'Enabled' ? has(self.subnets) : !has(self.subnets)`,
  // message "Subnets is required with ipam.mode is Enabled or unset, and forbidden otherwise".
  const ipamOn = ipamEnabledOf(o);
  if (ipamOn === true && !present(o, 'subnets')) {
    sink.add('CUDN_IPAM_SUBNETS_MISMATCH', joinPath(path, 'subnets'), 'subnets is missing while OVN IPAM is on (ipam.mode Enabled or unset): "Subnets is required with ipam.mode is Enabled or unset, and forbidden otherwise"', 'set subnets (OVN-Kubernetes assigns pod/VM addresses from them), or set ipam: {mode: Disabled} when the physical network has its own DHCP/IPAM or guests use static addresses');
  } else if (ipamOn === false && present(o, 'subnets')) {
    sink.add('CUDN_IPAM_SUBNETS_MISMATCH', joinPath(path, 'subnets'), 'subnets is set but ipam.mode is Disabled: "Subnets is required with ipam.mode is Enabled or unset, and forbidden otherwise"', 'drop subnets (and excludeSubnets), or drop ipam.mode Disabled to let OVN-Kubernetes assign addresses');
  }
  // cudn.go LocalnetConfig `!has(self.excludeSubnets) || has(self.subnets)`, message "excludeSubnets must be unset when subnets is unset".
  if (present(o, 'excludeSubnets') && !present(o, 'subnets')) {
    sink.add('CUDN_IPAM_SUBNETS_MISMATCH', joinPath(path, 'excludeSubnets'), 'excludeSubnets is set without subnets: "excludeSubnets must be unset when subnets is unset"', 'drop excludeSubnets, or set subnets that contain them');
  } else if (subnets.length > 0) {
    // The CEL rule "excludeSubnets must be subnetworks of the networks specified in the subnets field" is
    // commented out in cudn.go (kubernetes/kubernetes#130441); the controller's render (util.NewNetInfo,
    // validateSubnetContainment) refuses it, so the CUDN is accepted and its NADs never created.
    checkContained(sink, excludes, subnets, 'excludeSubnets', 'OVN-Kubernetes refuses to render the NAD ("the provided network subnets do not contain excluded subnets")', 'exclude only ranges inside subnets');
  }
  checkIpamLifecycle(sink, o, path);
  checkIpv6Mtu(sink, o, path, subnets);
  // cudn.go VLANConfig `has(self.mode) && self.mode == 'Access' ? has(self.access): !has(self.access)`,
  // message "vlan access config is required when vlan mode is 'Access', and forbidden otherwise".
  // (mode is required and Access is its only value, so "forbidden otherwise" only follows another problem.)
  const vlan = recOf(o.vlan);
  if (vlan?.mode === 'Access' && !present(vlan, 'access')) {
    sink.add('CUDN_VLAN_INVALID', joinPath(path, 'vlan', 'access'), `vlan.mode is Access but vlan.access is missing: "vlan access config is required when vlan mode is 'Access', and forbidden otherwise"`, 'add vlan.access.id (1..4094), or drop vlan for untagged traffic');
  }
}

/** shared.go Layer2Config CEL rules. */
function checkLayer2(sink: Sink, o: Rec, path: string): void {
  const role = enumOf(o, 'role', ['Primary', 'Secondary']);
  const subnets = cidrList(sink, o, 'subnets', path);
  const reserved = cidrList(sink, o, 'reservedSubnets', path);
  const infra = cidrList(sink, o, 'infrastructureSubnets', path);
  const join = cidrList(sink, o, 'joinSubnets', path);
  const gateways = ipList(sink, o, 'defaultGatewayIPs', path);
  checkDualStack(sink, subnets, listOf(o.subnets)?.length ?? 0, joinPath(path, 'subnets'));
  checkDualStack(sink, join, listOf(o.joinSubnets)?.length ?? 0, joinPath(path, 'joinSubnets'));
  // DualStackIPs: "When 2 IPs are set, they must be from different IP families".
  if (gateways.length === 2 && gateways[0].ip.kind() === gateways[1].ip.kind()) {
    sink.add('CUDN_DUAL_STACK_INVALID', joinPath(path, 'defaultGatewayIPs'), `defaultGatewayIPs has two ${gateways[0].ip.kind()} addresses: "When 2 IPs are set, they must be from different IP families"`, 'keep one gateway per IP family');
  }
  const ipamOn = ipamEnabledOf(o);
  // "has(self.ipam) && has(self.ipam.mode) && self.ipam.mode != 'Enabled' || has(self.subnets)",
  // message "Subnets is required with ipam.mode is Enabled or unset".
  if (ipamOn === true && !present(o, 'subnets')) {
    sink.add('CUDN_IPAM_SUBNETS_MISMATCH', joinPath(path, 'subnets'), 'subnets is missing while OVN IPAM is on (ipam.mode Enabled or unset): "Subnets is required with ipam.mode is Enabled or unset"', 'set subnets, or (Secondary only) set ipam: {mode: Disabled}');
  }
  // "!has(self.ipam) || !has(self.ipam.mode) || self.ipam.mode != 'Disabled' || !has(self.subnets)",
  // message "Subnets must be unset when ipam.mode is Disabled".
  if (ipamOn === false && present(o, 'subnets')) {
    sink.add('CUDN_IPAM_SUBNETS_MISMATCH', joinPath(path, 'subnets'), 'subnets is set but ipam.mode is Disabled: "Subnets must be unset when ipam.mode is Disabled"', 'drop subnets, or drop ipam.mode Disabled');
  }
  // "!has(self.ipam) || !has(self.ipam.mode) || self.ipam.mode != 'Disabled' || self.role == 'Secondary'",
  // message "Disabled ipam.mode is only supported for Secondary network".
  if (ipamOn === false && role === 'Primary') {
    sink.add('CUDN_ROLE_FIELD_INVALID', joinPath(path, 'ipam', 'mode'), 'ipam.mode is Disabled on a Primary network: "Disabled ipam.mode is only supported for Secondary network"', 'enable IPAM with subnets, or make the network Secondary');
  }
  checkIpamLifecycle(sink, o, path);
  checkIpv6Mtu(sink, o, path, subnets);
  if (role !== null) {
    // "!has(self.X) || has(self.role) && self.role == 'Primary'", message "X is only supported for Primary network"
    // for joinSubnets (JoinSubnets), defaultGatewayIPs, reservedSubnets, infrastructureSubnets.
    for (const [key, label] of [['joinSubnets', 'JoinSubnets'], ['defaultGatewayIPs', 'defaultGatewayIPs'], ['reservedSubnets', 'reservedSubnets'], ['infrastructureSubnets', 'infrastructureSubnets']] as const) {
      if (present(o, key) && role !== 'Primary') {
        sink.add('CUDN_ROLE_FIELD_INVALID', joinPath(path, key), `${key} is set on a ${role ?? 'role-less'} network: "${label} is only supported for Primary network"`, `drop ${key}, or make the network Primary`);
      }
    }
  }
  // "!has(self.reservedSubnets) || has(self.subnets)", message "reservedSubnets must be unset when subnets is unset" (likewise infrastructureSubnets).
  for (const key of ['reservedSubnets', 'infrastructureSubnets']) {
    if (present(o, key) && !present(o, 'subnets')) {
      sink.add('CUDN_IPAM_SUBNETS_MISMATCH', joinPath(path, key), `${key} is set without subnets: "${key} must be unset when subnets is unset"`, `drop ${key}, or set subnets that contain it`);
    }
  }
  const haveSubnets = present(o, 'subnets');
  // "!has(self.defaultGatewayIPs) || self.defaultGatewayIPs.all(ip, self.subnets.exists(subnet, cidr(subnet).containsIP(ip)))",
  // message "defaultGatewayIPs must belong to one of the subnets specified in the subnets field".
  for (const g of gateways) {
    if (!subnets.some((s) => cidrContains(s.cidr, g.ip))) {
      sink.add('CUDN_SUBNET_NOT_CONTAINED', g.path, `default gateway ${g.text} is not inside subnets (${subnets.map((s) => s.text).join(', ') || 'none'}): "defaultGatewayIPs must belong to one of the subnets specified in the subnets field"`, 'pick a gateway address inside subnets');
    } else if (infra.length > 0 && !infra.some((s) => cidrContains(s.cidr, g.ip))) {
      // "!has(self.infrastructureSubnets) || !has(self.defaultGatewayIPs) || self.defaultGatewayIPs.all(ip, self.infrastructureSubnets.exists(subnet, cidr(subnet).containsIP(ip)))",
      // message "defaultGatewayIPs have to belong to infrastructureSubnets".
      sink.add('CUDN_SUBNET_NOT_CONTAINED', g.path, `default gateway ${g.text} is not inside infrastructureSubnets (${infra.map((s) => s.text).join(', ')}): "defaultGatewayIPs have to belong to infrastructureSubnets"`, 'pick the gateway inside infrastructureSubnets');
    }
  }
  // "!has(self.defaultGatewayIPs) || size(self.defaultGatewayIPs) == size(self.subnets)", message "defaultGatewayIPs must be specified for all IP families".
  const gwCount = listOf(o.defaultGatewayIPs)?.length;
  const subnetCount = listOf(o.subnets)?.length;
  if (gwCount !== undefined && subnetCount !== undefined && gwCount !== subnetCount) {
    sink.add('CUDN_DUAL_STACK_INVALID', joinPath(path, 'defaultGatewayIPs'), `defaultGatewayIPs has ${gwCount} address(es) for ${subnetCount} subnet(s): "defaultGatewayIPs must be specified for all IP families"`, 'give one gateway per subnet (IP family)');
  }
  if (haveSubnets) {
    // fieldPath .reservedSubnets: "self.reservedSubnets.all(e, self.subnets.exists(s, cidr(s).containsCIDR(cidr(e))))",
    // message "reservedSubnets must be subnetworks of the networks specified in the subnets field" (likewise infrastructureSubnets).
    checkContained(sink, reserved, subnets, 'reservedSubnets', '"reservedSubnets must be subnetworks of the networks specified in the subnets field"', 'reserve only ranges inside subnets');
    checkContained(sink, infra, subnets, 'infrastructureSubnets', '"infrastructureSubnets must be subnetworks of the networks specified in the subnets field"', 'choose infrastructure ranges inside subnets');
  }
  // "self.infrastructureSubnets.all(infra, !self.reservedSubnets.exists(reserved, cidr(infra).containsCIDR(reserved) || cidr(reserved).containsCIDR(infra)))",
  // message "infrastructureSubnets and reservedSubnets must not overlap".
  for (const i of infra) {
    const r = reserved.find((x) => cidrContainsCidr(i.cidr, x.cidr) || cidrContainsCidr(x.cidr, i.cidr));
    if (r) sink.add('CUDN_SUBNET_OVERLAP', i.path, `infrastructureSubnets entry ${i.text} overlaps reservedSubnets entry ${r.text}: "infrastructureSubnets and reservedSubnets must not overlap"`, 'make the infrastructure and reserved ranges disjoint');
  }
  // "self.reservedSubnets.all(s, isCIDR(s) && cidr(s) == cidr(s).masked())", message "reservedSubnets must be a masked network address (no host bits set)" (likewise infrastructureSubnets).
  for (const [key, list] of [['reservedSubnets', reserved], ['infrastructureSubnets', infra]] as const) {
    for (const e of list) {
      if (hasHostBits(e.cidr)) sink.add('CUDN_SUBNET_NOT_MASKED', e.path, `${key} entry ${e.text} has host bits set: "${key} must be a masked network address (no host bits set)"`, `write the network address, e.g. ${formatMasked(e.cidr)}`);
    }
  }
}

function formatMasked(c: Cidr): string {
  return formatCidr({ ip: networkAddress(c), prefix: c.prefix });
}

/** shared.go Layer3Config and Layer3Subnet CEL rules. */
function checkLayer3(sink: Sink, o: Rec, path: string): void {
  const role = enumOf(o, 'role', ['Primary', 'Secondary']);
  const raw = listOf(o.subnets) ?? [];
  const subnets = cidrList(sink, o, 'subnets', path, (e) => recOf(e)?.cidr, 'cidr');
  const join = cidrList(sink, o, 'joinSubnets', path);
  checkDualStack(sink, join, listOf(o.joinSubnets)?.length ?? 0, joinPath(path, 'joinSubnets'));
  const subnetsPath = joinPath(path, 'subnets');
  if (role === 'Secondary') {
    // "self.role != 'Secondary' || !has(self.subnets) || self.subnets.size() <= 2", message "Secondary networks may define at most 2 subnets".
    if (raw.length > 2) sink.add('CUDN_DUAL_STACK_INVALID', subnetsPath, `a Secondary layer3 network has ${raw.length} subnets: "Secondary networks may define at most 2 subnets"`, 'keep one subnet per IP family');
    // "… size(self.subnets) != 2 || … cidr(self.subnets[0].cidr).ip().family() != cidr(self.subnets[1].cidr).ip().family()",
    // message "When 2 CIDRs are set for Secondary networks, they must be from different IP families".
    if (raw.length === 2 && subnets.length === 2 && family(subnets[0].cidr) === family(subnets[1].cidr)) {
      sink.add('CUDN_DUAL_STACK_INVALID', subnetsPath, `a Secondary layer3 network has two IPv${family(subnets[0].cidr)} subnets: "When 2 CIDRs are set for Secondary networks, they must be from different IP families"`, 'keep one subnet per IP family (multiple subnets per family need a Primary network)');
    }
  }
  // "!has(self.joinSubnets) || has(self.role) && self.role == 'Primary'", message "JoinSubnets is only supported for Primary network".
  if (role !== null && present(o, 'joinSubnets') && role !== 'Primary') {
    sink.add('CUDN_ROLE_FIELD_INVALID', joinPath(path, 'joinSubnets'), `joinSubnets is set on a ${role ?? 'role-less'} network: "JoinSubnets is only supported for Primary network"`, 'drop joinSubnets, or make the network Primary');
  }
  checkIpv6Mtu(sink, o, path, subnets);
  if (raw.length > 1) {
    // "!self.subnets.exists(i, self.subnets.filter(j, j.cidr == i.cidr).size() > 1)", message "Subnets with same CIDR are not allowed".
    const dup = subnets.find((s, k) => subnets.findIndex((x) => x.text === s.text) !== k);
    if (dup) sink.add('CUDN_SUBNET_OVERLAP', dup.path, `subnet ${dup.text} is listed twice: "Subnets with same CIDR are not allowed"`, 'list each CIDR once');
    // "!self.subnets.exists(i, self.subnets.exists(j, i != j && cidr(i.cidr).containsCIDR(j.cidr)))",
    // message "Subnets must not overlap or contain each other" (i != j compares whole entries: cidr and hostSubnet).
    const entry = (s: CidrAt): Rec | undefined => entry3(raw, s);
    const sameEntry = (a: CidrAt, b: CidrAt): boolean => a.text === b.text && entry(a)?.hostSubnet === entry(b)?.hostSubnet;
    const inner = subnets.find((j) => subnets.some((i) => i !== j && !sameEntry(i, j) && cidrContainsCidr(i.cidr, j.cidr)));
    if (inner) {
      const outer = subnets.find((i) => i !== inner && !sameEntry(i, inner) && cidrContainsCidr(i.cidr, inner.cidr))!;
      sink.add('CUDN_SUBNET_OVERLAP', inner.path, `subnet ${inner.text} lies inside subnet ${outer.text}: "Subnets must not overlap or contain each other"`, 'use disjoint subnets');
    }
    // "self.subnets.all(i, self.subnets.all(j, family(i) != family(j) || (has(i.hostSubnet) == has(j.hostSubnet) && (!has(i.hostSubnet) || i.hostSubnet == j.hostSubnet))))",
    // message "Subnets from the same IP family must use the same hostSubnet value".
    const bad = subnets.find((j, k) => subnets.slice(0, k).some((i) => family(i.cidr) === family(j.cidr) && entry(i)?.hostSubnet !== entry(j)?.hostSubnet));
    if (bad) sink.add('CUDN_HOST_SUBNET_INVALID', bad.path.replace(/\.cidr$/, ''), `the IPv${family(bad.cidr)} subnets use different hostSubnet values: "Subnets from the same IP family must use the same hostSubnet value"`, 'give every subnet of one IP family the same hostSubnet (or leave it unset on all)');
  }
  for (const s of subnets) {
    const hostSubnet = intOf(entry3(raw, s)?.hostSubnet);
    if (hostSubnet === undefined || hostSubnet < 1 || hostSubnet > 127) continue;
    const hsPath = s.path.replace(/\.cidr$/, '.hostSubnet');
    // Layer3Subnet "!has(self.hostSubnet) || !isCIDR(self.cidr) || self.hostSubnet > cidr(self.cidr).prefixLength()", message "HostSubnet must be smaller than CIDR subnet".
    if (hostSubnet <= s.cidr.prefix) sink.add('CUDN_HOST_SUBNET_INVALID', hsPath, `hostSubnet is ${hostSubnet} for ${s.text}: "HostSubnet must be smaller than CIDR subnet" (the per-node prefix must be longer than /${s.cidr.prefix})`, `set hostSubnet above ${s.cidr.prefix}`);
    // Layer3Subnet "(cidr(self.cidr).ip().family() != 4 || self.hostSubnet < 32)", message "HostSubnet must < 32 for ipv4 CIDR".
    if (family(s.cidr) === 4 && hostSubnet >= 32) sink.add('CUDN_HOST_SUBNET_INVALID', hsPath, `hostSubnet is ${hostSubnet} for IPv4 ${s.text}: "HostSubnet must < 32 for ipv4 CIDR"`, 'use a per-node prefix below 32 (e.g. 24)');
  }
}

function entry3(raw: readonly unknown[], s: CidrAt): Rec | undefined {
  const m = /\[(\d+)\]\.cidr$/.exec(s.path);
  return m ? recOf(raw[Number(m[1])]) : undefined;
}

// --- transport (NoOverlay, EVPN) -------------------------------------------------------------

/** True for a Primary Layer2/Layer3 network (the only ones EVPN and uplinks support). */
function primaryRole(net: Rec | undefined, topology: 'Layer2' | 'Layer3'): boolean {
  return net?.topology === topology && recOf(net[TOPOLOGY_BLOCK[topology]])?.role === 'Primary';
}

/** cudn.go NetworkSpec transport rules and evpn.go EVPNConfig / RouteTarget rules. */
function checkTransport(sink: Sink, net: Rec, path: string): void {
  const transport = enumOf(net, 'transport', ['NoOverlay', 'EVPN']);
  const topology = enumOf(net, 'topology', ['Layer2', 'Layer3', 'Localnet']);
  if (transport === null) return;
  const tPath = joinPath(path, 'transport');
  const add = (at: string, msg: string, fix: string) => sink.add('CUDN_TRANSPORT_INVALID', at, msg, fix);
  // "!has(self.transport) || self.transport != 'NoOverlay' || (self.topology == 'Layer3' && has(self.layer3) && self.layer3.role == 'Primary')",
  // message "transport 'NoOverlay' is only supported for Layer3 primary networks".
  if (transport === 'NoOverlay' && topology !== null && !primaryRole(net, 'Layer3')) add(tPath, `transport is NoOverlay on a ${describe(net)} network: "transport 'NoOverlay' is only supported for Layer3 primary networks"`, 'drop transport, or use a Layer3 Primary network');
  // "… || has(self.noOverlay)", message "spec.noOverlay is required when type transport is 'NoOverlay'".
  if (transport === 'NoOverlay' && !present(net, 'noOverlay')) add(joinPath(path, 'noOverlay'), 'transport is NoOverlay but noOverlay is missing: "spec.noOverlay is required when type transport is \'NoOverlay\'"', 'add noOverlay: {outboundSNAT: Enabled|Disabled, routing: Managed|Unmanaged}');
  // "(has(self.transport) && self.transport == 'NoOverlay') || !has(self.noOverlay)", message "spec.noOverlay is forbidden when transport type is not 'NoOverlay'".
  if (transport !== 'NoOverlay' && present(net, 'noOverlay')) add(joinPath(path, 'noOverlay'), `noOverlay is set but transport is ${show(transport ?? '(unset)')}: "spec.noOverlay is forbidden when transport type is not 'NoOverlay'"`, 'drop noOverlay, or set transport: NoOverlay');
  // "… self.transport != 'EVPN' || ((Layer2 primary) || (Layer3 primary))", message "transport 'EVPN' is only supported for Layer2 or Layer3 primary networks".
  if (transport === 'EVPN' && topology !== null && !primaryRole(net, 'Layer2') && !primaryRole(net, 'Layer3')) add(tPath, `transport is EVPN on a ${describe(net)} network: "transport 'EVPN' is only supported for Layer2 or Layer3 primary networks"`, 'drop transport, or use a Primary Layer2/Layer3 network');
  // "… || has(self.evpn)", message "spec.evpn field is required when transport is 'EVPN'".
  if (transport === 'EVPN' && !present(net, 'evpn')) add(joinPath(path, 'evpn'), 'transport is EVPN but evpn is missing: "spec.evpn field is required when transport is \'EVPN\'"', 'add evpn: {vtep: <VTEP name>, macVRF/ipVRF: {vni: …}}');
  // "(has(self.transport) && self.transport == 'EVPN') || !has(self.evpn)", message "spec.evpn field is forbidden when transport is not 'EVPN'".
  if (transport !== 'EVPN' && present(net, 'evpn')) add(joinPath(path, 'evpn'), `evpn is set but transport is ${show(transport ?? '(unset)')}: "spec.evpn field is forbidden when transport is not 'EVPN'"`, 'drop evpn, or set transport: EVPN');
  const evpn = recOf(net.evpn);
  if (transport === 'EVPN') {
    const ePath = joinPath(path, 'evpn');
    // message "spec.evpn.macVRF field is required for Layer2 topology when transport is 'EVPN'".
    if (topology === 'Layer2' && evpn && !present(evpn, 'macVRF')) add(joinPath(ePath, 'macVRF'), 'a Layer2 EVPN network without evpn.macVRF: "spec.evpn.macVRF field is required for Layer2 topology when transport is \'EVPN\'"', 'add evpn.macVRF: {vni: …}');
    // message "spec.evpn.ipVRF field is required for Layer3 topology when transport is 'EVPN'".
    if (topology === 'Layer3' && evpn && !present(evpn, 'ipVRF')) add(joinPath(ePath, 'ipVRF'), 'a Layer3 EVPN network without evpn.ipVRF: "spec.evpn.ipVRF field is required for Layer3 topology when transport is \'EVPN\'"', 'add evpn.ipVRF: {vni: …}');
    // message "spec.evpn.macVRF field is forbidden for Layer3 topology when transport is 'EVPN'".
    if (topology === 'Layer3' && evpn && present(evpn, 'macVRF')) add(joinPath(ePath, 'macVRF'), 'a Layer3 EVPN network with evpn.macVRF: "spec.evpn.macVRF field is forbidden for Layer3 topology when transport is \'EVPN\'"', 'drop evpn.macVRF (Layer3 routes only: ipVRF)');
  }
  if (evpn) checkEvpn(sink, evpn, joinPath(path, 'evpn'));
}

function describe(net: Rec): string {
  const t = strOf(net.topology) ?? 'topology-less';
  const block = recOf(net[TOPOLOGY_BLOCK[t as Topology] ?? '']);
  const role = strOf(block?.role);
  return role ? `${t} ${role}` : t;
}

/** evpn.go EVPNConfig and VRFConfig / RouteTarget rules. */
function checkEvpn(sink: Sink, evpn: Rec, path: string): void {
  const mac = recOf(evpn.macVRF);
  const ip = recOf(evpn.ipVRF);
  // EVPNConfig "has(self.macVRF) || has(self.ipVRF)", message "at least one of macVRF or ipVRF must be specified".
  if (!present(evpn, 'macVRF') && !present(evpn, 'ipVRF')) {
    sink.add('CUDN_TRANSPORT_INVALID', path, 'evpn has neither macVRF nor ipVRF: "at least one of macVRF or ipVRF must be specified"', 'add macVRF (Layer2) or ipVRF (Layer3)');
  }
  // "!has(self.macVRF) || !has(self.ipVRF) || self.macVRF.vni != self.ipVRF.vni", message "macVRF and ipVRF must use different VNIs".
  const mv = intOf(mac?.vni);
  if (mv !== undefined && mv === intOf(ip?.vni)) {
    sink.add('CUDN_TRANSPORT_INVALID', joinPath(path, 'ipVRF', 'vni'), `macVRF and ipVRF both use VNI ${mv}: "macVRF and ipVRF must use different VNIs"`, 'give the IP-VRF its own VNI');
  }
  for (const [key, vrf] of [['macVRF', mac], ['ipVRF', ip]] as const) {
    const rt = strOf(vrf?.routeTarget);
    if (rt !== undefined && [...rt].length <= 21) checkRouteTarget(sink, rt, joinPath(path, key, 'routeTarget'));
  }
}

const U32 = 4294967295n;
const U16 = 65535n;
const U64 = 18446744073709551615n;

/**
 * evpn.go RouteTarget CEL rules, in order; the first failing rule is reported (they describe one
 * mistake from several angles).
 */
function checkRouteTarget(sink: Sink, rt: string, path: string): void {
  const parts = rt.split(':');
  const fail = (quote: string) => sink.add('CUDN_ROUTE_TARGET_INVALID', path, `routeTarget is ${show(rt)}: "${quote}"`, 'write "<ASN>:<number>" (e.g. "65000:100"), "<IPv4>:<0..65535>" or "*:<number>"');
  // "self.split(':').size() == 2", message "RT must contain exactly one colon".
  if (parts.length !== 2) return fail('RT must contain exactly one colon');
  const [global, local] = parts;
  const digits = /^[0-9]+$/;
  // "(self.startsWith('*:') || isIP(self.split(':')[0]) || self.split(':')[0].matches('^[0-9]+$'))".
  if (!(rt.startsWith('*:') || parseIp(global) !== undefined || digits.test(global))) return fail("RT global administrator must be either '*', an IPv4 address, or a number");
  // "self.split(':')[1].matches('^[0-9]+$')", message "RT local administrator must be a number".
  if (!digits.test(local)) return fail('RT local administrator must be a number');
  const l = BigInt(local);
  // CEL uint() fails above 2^64-1: the rule errors and the API server refuses the object.
  if (l > U64 || (digits.test(global) && BigInt(global) > U64)) return fail('RT local administrator must be a number');
  // "!self.startsWith('*:') || (… uint(self.split(':')[1]) <= 4294967295u)".
  if (rt.startsWith('*:')) {
    if (l > U32) fail('RT with wildcard global administrator must have format *:OPQR where OPQR <= 4294967295');
    return;
  }
  // "!self.split(':')[0].contains('.') || (… uint(self.split(':')[1]) <= 65535u)".
  if (global.includes('.')) {
    if (l > U16) fail('RT with IPv4 global administrator must have format A.B.C.D:MN where MN <= 65535');
    return;
  }
  if (!digits.test(global)) return;
  const g = BigInt(global);
  // "… || uint(self.split(':')[0]) <= 65535u || uint(self.split(':')[1]) <= 65535u".
  if (g > U16 && l > U16) return fail('RT with 4-byte ASN global administrator must have format GHJK:MN where GHJK <= 4294967295 and MN <= 65535');
  // "… || uint(self.split(':')[0]) > 65535u || uint(self.split(':')[1]) <= 4294967295u".
  if (g <= U16 && l > U32) fail('RT with 2-byte ASN global administrator must have format EF:OPQR where EF <= 65535 and OPQR <= 4294967295');
}

/** cudn.go ClusterUserDefinedNetworkSpec uplinks rules. */
function checkUplinks(sink: Sink, spec: Rec, net: Rec | undefined): void {
  if (!present(spec, 'uplinks') || !net) return;
  if (net.topology === undefined || enumOf(net, 'topology', ['Layer2', 'Layer3', 'Localnet']) === null) return;
  // "!has(self.uplinks) || ((Layer2 primary) || (Layer3 primary))", message "spec.uplinks is supported only for primary Layer2 and Layer3 networks".
  if (!primaryRole(net, 'Layer2') && !primaryRole(net, 'Layer3')) {
    sink.add('CUDN_UPLINKS_INVALID', 'spec.uplinks', `uplinks is set on a ${describe(net)} network: "spec.uplinks is supported only for primary Layer2 and Layer3 networks"`, 'drop uplinks, or use a Primary Layer2/Layer3 network');
  }
  // "!has(self.uplinks) || !has(self.network.transport) || self.network.transport != 'EVPN'", message "spec.uplinks is not supported with EVPN transport".
  if (net.transport === 'EVPN') sink.add('CUDN_UPLINKS_INVALID', 'spec.uplinks', 'uplinks is set on an EVPN network: "spec.uplinks is not supported with EVPN transport"', 'drop uplinks or the EVPN transport');
}

// --- builder -----------------------------------------------------------------------------------

/** Input of {@link buildLocalnetCudn}. */
export interface LocalnetCudnProps {
  /** metadata.name of the CUDN; also the name of the NAD it renders in each namespace. */
  readonly name: string;
  /** Namespaces that get the network (selected by their `kubernetes.io/metadata.name` label); sorted and de-duplicated. */
  readonly namespaces: readonly string[];
  /** The ovn-bridge-mappings localnet name (NNCP `spec.desiredState.ovn.bridge-mappings[].localnet`). */
  readonly physicalNetworkName: string;
  /** Access VLAN 1..4094 on the localnet port. @default - untagged (no `vlan` block) */
  readonly vlanId?: number;
  /** Interface MTU 576..65536. @default - OVN-Kubernetes' localnet default (1500) */
  readonly mtu?: number;
  /**
   * Subnets OVN-Kubernetes assigns addresses from (one per IP family); with them the IPs are
   * persistent (`ipam.lifecycle: Persistent`, kept across VM restarts and migrations).
   * @default - none: `ipam.mode: Disabled` (guests configure addresses, or DHCP on the physical network)
   */
  readonly subnets?: readonly string[];
  /** Ranges inside `subnets` never assigned (gateways, static hosts). Needs `subnets`. */
  readonly excludeSubnets?: readonly string[];
}

/**
 * A k8s.ovn.org/v1 ClusterUserDefinedNetwork of topology Localnet (role Secondary) for VMs:
 * namespaces selected by `kubernetes.io/metadata.name In [...]`, OVN IPAM with persistent IPs when
 * subnets are given, otherwise IPAM disabled. A plain manifest, keys in the Go struct order of the
 * CRD types (cudn.go), deterministic for equal props. It is not validated here: run
 * {@link validateCudn} on it (a builder input such as a VLAN of 5000 is reported there).
 */
export function buildLocalnetCudn(props: LocalnetCudnProps): Manifest {
  const namespaces = [...new Set(props.namespaces)].sort();
  const localnet: Record<string, unknown> = { role: 'Secondary', physicalNetworkName: props.physicalNetworkName };
  const hasSubnets = props.subnets !== undefined && props.subnets.length > 0;
  if (hasSubnets) localnet.subnets = [...props.subnets!];
  if (props.excludeSubnets !== undefined && props.excludeSubnets.length > 0) localnet.excludeSubnets = [...props.excludeSubnets];
  localnet.ipam = hasSubnets ? { lifecycle: 'Persistent' } : { mode: 'Disabled' };
  if (props.mtu !== undefined) localnet.mtu = props.mtu;
  if (props.vlanId !== undefined && props.vlanId !== 0) localnet.vlan = { mode: 'Access', access: { id: props.vlanId } };
  return {
    apiVersion: OVN_UDN_API.apiVersion,
    kind: OVN_UDN_API.cudnKind,
    metadata: { name: props.name },
    spec: {
      namespaceSelector: { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'In', values: namespaces }] },
      network: { topology: 'Localnet', localnet },
    },
  };
}
