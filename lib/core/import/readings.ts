/**
 * What one input object says in multihome's terms, read alone: an NNCP as the host side of a
 * network (a VLAN bridge, a shared bridge, an OVN localnet mapping) or as a host policy; a NAD
 * as a network's NAD; a VirtualMachine as a VM to bring whole. A reading is a candidate only:
 * the importer synthesizes it and keeps it when the result equals the input up to the declared
 * additions (import.ts). A reading that cannot be made says why (`reason`).
 */
import { namespacesSelectedByName } from '../ovn/cudn';
import type { BondSpec, HostIpSpec, HostVlanSpec, IpamSpec, NetworkSpec } from '../topology/model';
import { isRecord } from '../problems';
import { apiGroupOf as group } from '../kubernetes/metadata';
import { SYNC_WAVE_ANNOTATION } from '../topology/sync-wave';

/** Why an object is kept as given. */
export interface NotModeled {
  readonly reason: string;
}

/** The host side of a network an NNCP declares. */
export type NetworkHost =
  | { readonly pattern: 'vlan-bridge'; readonly bridge: string; readonly uplink: string; readonly vlan: number; readonly vlanInterface: string; readonly bridgeFields: BridgeFields }
  | { readonly pattern: 'shared'; readonly bridge: string; readonly uplink: string; readonly bridgeFields: BridgeFields }
  | { readonly pattern: 'localnet'; readonly bridge: string; readonly uplink?: string; readonly localnets: readonly string[]; readonly existingBridge: boolean };

/** Fields of a network that come from its bridge's interface in the NNCP. */
export interface BridgeFields {
  readonly mtu?: number;
  readonly description?: string;
  readonly bridgeIp?: HostIpSpec;
  readonly uplinkMtu?: number;
}

/** The uplink an NNCP builds on its own: a bond (or a NIC) with its host VLANs and addresses. */
export interface UplinkHost {
  readonly interface: string;
  readonly bond?: BondSpec;
  readonly mtu?: number;
  readonly ip?: HostIpSpec;
  readonly vlans: readonly HostVlanSpec[];
}

/** An NNCP read for import. */
export interface NncpReading {
  readonly name: string;
  readonly nodeSelector: Readonly<Record<string, string>>;
  readonly maxUnavailable?: number | string;
  readonly interfaces: readonly Record<string, unknown>[];
  readonly routes?: readonly Record<string, unknown>[];
  /** The network host side it declares, when it matches one of multihome's patterns. */
  readonly network?: NetworkHost;
  /** The uplink it declares, when it is an uplink's own policy (a bond, host VLANs). */
  readonly uplink?: UplinkHost;
}

const keysWithin = (o: Record<string, unknown>, allowed: readonly string[]): string | undefined => Object.keys(o).find((k) => !allowed.includes(k));

/** Reads an NNCP; a reason when it has what no multihome spec renders (capture, dns, route rules, …). */
export function readNncp(obj: Record<string, unknown>): NncpReading | NotModeled {
  if (group(obj.apiVersion) !== 'nmstate.io') return { reason: `apiVersion ${String(obj.apiVersion)} is not nmstate.io` };
  const meta = obj.metadata as Record<string, unknown>;
  const extraMeta = keysWithin(meta, ['name', 'annotations']);
  if (extraMeta) return { reason: `metadata.${extraMeta} is not modeled` };
  const spec = isRecord(obj.spec) ? obj.spec : undefined;
  if (!spec) return { reason: 'it has no spec' };
  const extra = keysWithin(spec, ['nodeSelector', 'desiredState', 'maxUnavailable']);
  if (extra) return { reason: `spec.${extra} is not modeled (host policies carry a nodeSelector, interfaces and routes)` };
  const ds = isRecord(spec.desiredState) ? spec.desiredState : undefined;
  if (!ds) return { reason: 'spec.desiredState is missing' };
  const extraDs = keysWithin(ds, ['interfaces', 'routes', 'ovn']);
  if (extraDs) return { reason: `spec.desiredState.${extraDs} is not modeled` };
  const nodeSelector = spec.nodeSelector ?? {};
  if (!isRecord(nodeSelector) || !Object.values(nodeSelector).every((v) => typeof v === 'string')) return { reason: 'spec.nodeSelector is not a map of strings' };
  const interfaces = ds.interfaces ?? [];
  if (!Array.isArray(interfaces) || !interfaces.every((i) => isRecord(i) && typeof i.name === 'string')) return { reason: 'spec.desiredState.interfaces is not a list of named interfaces' };
  let routes: Record<string, unknown>[] | undefined;
  if (ds.routes !== undefined) {
    if (!isRecord(ds.routes) || keysWithin(ds.routes, ['config']) || !Array.isArray(ds.routes.config) || !ds.routes.config.every(isRecord)) return { reason: 'spec.desiredState.routes holds more than a config list' };
    routes = ds.routes.config as Record<string, unknown>[];
  }
  const maxUnavailable = spec.maxUnavailable;
  if (maxUnavailable !== undefined && typeof maxUnavailable !== 'number' && typeof maxUnavailable !== 'string') return { reason: 'spec.maxUnavailable is neither a number nor a string' };
  const reading: NncpReading = {
    name: String(meta.name),
    nodeSelector: nodeSelector as Record<string, string>,
    ...(maxUnavailable !== undefined ? { maxUnavailable } : {}),
    interfaces: interfaces as Record<string, unknown>[],
    ...(routes ? { routes } : {}),
  };
  if (ds.ovn !== undefined) {
    const localnet = readLocalnet(ds.ovn, reading.interfaces);
    if (!localnet || routes) return { reason: 'spec.desiredState.ovn holds more than bridge mappings of one OVS bridge' };
    return { ...reading, network: localnet };
  }
  const network = routes ? undefined : readBridgeHost(reading.interfaces);
  if (network) return { ...reading, network };
  const uplink = routes ? undefined : readUplinkHost(reading.interfaces);
  return uplink ? { ...reading, uplink } : reading;
}

const BOND_MODES = ['balance-rr', 'active-backup', 'balance-xor', 'broadcast', '802.3ad', 'balance-tlb', 'balance-alb'];

/**
 * An uplink's own policy, as multihome renders it for a bonded uplink or an uplink with host
 * VLANs (lib/core/topology/render: `<uplink>-<group>`): one bond (its mode, ports and options;
 * `miimon` and `primary` read as the bond props) or one NIC, up, with an MTU and host addresses,
 * and VLANs on it, each up with its id and host addresses. A NIC alone is no uplink policy.
 */
function readUplinkHost(interfaces: readonly Record<string, unknown>[]): UplinkHost | undefined {
  const primaries = interfaces.filter((i) => i.type === 'bond' || i.type === 'ethernet');
  if (primaries.length !== 1) return undefined;
  const p = primaries[0];
  const name = String(p.name);
  if (p.state !== 'up' || keysWithin(p, ['name', 'type', 'state', 'mtu', 'ipv4', 'ipv6', ...(p.type === 'bond' ? ['link-aggregation'] : [])])) return undefined;
  if (p.mtu !== undefined && typeof p.mtu !== 'number') return undefined;
  const ip = hostIp(p);
  if (ip === null) return undefined;
  let bond: BondSpec | undefined;
  if (p.type === 'bond') {
    const la = p['link-aggregation'];
    if (!isRecord(la) || keysWithin(la, ['mode', 'port', 'options']) || typeof la.mode !== 'string' || !BOND_MODES.includes(la.mode)) return undefined;
    if (!Array.isArray(la.port) || !la.port.every((x) => typeof x === 'string') || la.port.length === 0) return undefined;
    const options = la.options ?? {};
    if (!isRecord(options) || !Object.values(options).every((v) => ['string', 'number', 'boolean'].includes(typeof v))) return undefined;
    // miimon and primary as the bond props when they have their types; otherwise (miimon: "100") kept in the options as written
    const given = options as Record<string, string | number | boolean>;
    const miimon = typeof given.miimon === 'number' ? given.miimon : undefined;
    const primary = typeof given.primary === 'string' ? given.primary : undefined;
    const rest = Object.fromEntries(Object.entries(given).filter(([k]) => !(k === 'miimon' && miimon !== undefined) && !(k === 'primary' && primary !== undefined)));
    bond = {
      mode: la.mode as BondSpec['mode'],
      ports: la.port as string[],
      ...(miimon !== undefined ? { miimon } : {}),
      ...(primary !== undefined ? { primary } : {}),
      ...(Object.keys(rest).length ? { options: rest } : {}),
    };
  }
  const vlans: HostVlanSpec[] = [];
  for (const v of interfaces) {
    if (v === p) continue;
    const cfg = isRecord(v.vlan) ? v.vlan : undefined;
    if (v.type !== 'vlan' || v.state !== 'up' || !cfg || keysWithin(v, ['name', 'type', 'state', 'vlan', 'ipv4', 'ipv6']) || keysWithin(cfg, ['base-iface', 'id'])) return undefined;
    if (cfg['base-iface'] !== name || typeof cfg.id !== 'number') return undefined;
    const vip = hostIp(v);
    if (vip === null) return undefined;
    vlans.push({ id: cfg.id, ...(v.name !== `${name}.${cfg.id}` ? { name: String(v.name) } : {}), ...(vip ?? {}) });
  }
  if (!bond && vlans.length === 0 && !ip) return undefined;
  return { interface: name, ...(bond ? { bond } : {}), ...(typeof p.mtu === 'number' ? { mtu: p.mtu } : {}), ...(ip ? { ip } : {}), vlans };
}

/** An interface the uplink NIC may be declared as: up, with at most an MTU. */
function uplinkNic(i: Record<string, unknown>): boolean {
  return i.type === 'ethernet' && i.state === 'up' && !keysWithin(i, ['name', 'type', 'state', 'mtu']);
}

/** The one Linux bridge of a policy that builds a network, with its VLAN or its NIC as the port. */
function readBridgeHost(interfaces: readonly Record<string, unknown>[]): NetworkHost | undefined {
  const bridges = interfaces.filter((i) => i.type === 'linux-bridge');
  if (bridges.length !== 1) return undefined;
  const b = bridges[0];
  if (b.state !== 'up' || keysWithin(b, ['name', 'type', 'state', 'description', 'mtu', 'bridge', 'ipv4', 'ipv6'])) return undefined;
  const bridge = isRecord(b.bridge) ? b.bridge : {};
  const ports = Array.isArray(bridge.port) ? bridge.port : [];
  if (ports.length !== 1 || !isRecord(ports[0]) || typeof ports[0].name !== 'string') return undefined;
  const port = ports[0].name;
  const others = interfaces.filter((i) => i !== b);
  const bridgeIp = hostIp(b);
  if (bridgeIp === null) return undefined;
  const fields = (uplink: string): BridgeFields | undefined => {
    const nic = others.find((i) => i.name === uplink);
    if (nic && !uplinkNic(nic)) return undefined;
    return {
      ...(typeof b.mtu === 'number' ? { mtu: b.mtu } : {}),
      ...(typeof b.description === 'string' ? { description: b.description } : {}),
      ...(bridgeIp ? { bridgeIp } : {}),
      ...(nic && typeof nic.mtu === 'number' ? { uplinkMtu: nic.mtu } : {}),
    };
  };
  const vlanIf = others.find((i) => i.name === port && i.type === 'vlan');
  if (vlanIf) {
    const v = isRecord(vlanIf.vlan) ? vlanIf.vlan : {};
    const base = v['base-iface'];
    if (typeof base !== 'string' || typeof v.id !== 'number' || vlanIf.state !== 'up') return undefined;
    if (others.some((i) => i !== vlanIf && i.name !== base)) return undefined;
    const f = fields(base);
    return f ? { pattern: 'vlan-bridge', bridge: String(b.name), uplink: base, vlan: v.id, vlanInterface: port, bridgeFields: f } : undefined;
  }
  if (others.some((i) => i.name !== port)) return undefined;
  const f = fields(port);
  return f ? { pattern: 'shared', bridge: String(b.name), uplink: port, bridgeFields: f } : undefined;
}

/** An OVN localnet policy: bridge mappings, and the OVS bridge with its NIC (none on an existing bridge). */
function readLocalnet(ovn: unknown, interfaces: readonly Record<string, unknown>[]): NetworkHost | undefined {
  if (!isRecord(ovn) || keysWithin(ovn, ['bridge-mappings']) || !Array.isArray(ovn['bridge-mappings'])) return undefined;
  const mappings = ovn['bridge-mappings'];
  if (!mappings.every((m) => isRecord(m) && typeof m.localnet === 'string' && typeof m.bridge === 'string' && !keysWithin(m, ['localnet', 'bridge', 'state']) && m.state === undefined)) return undefined;
  const bridges = new Set(mappings.map((m) => (m as Record<string, string>).bridge));
  if (bridges.size !== 1) return undefined;
  const bridge = [...bridges][0];
  const localnets = mappings.map((m) => (m as Record<string, string>).localnet);
  if (interfaces.length === 0) return { pattern: 'localnet', bridge, localnets, existingBridge: true };
  const ovs = interfaces.find((i) => i.name === bridge && i.type === 'ovs-bridge');
  if (!ovs) return undefined;
  const ports = isRecord(ovs.bridge) && Array.isArray(ovs.bridge.port) ? ovs.bridge.port : [];
  const port = ports.length === 1 && isRecord(ports[0]) && typeof ports[0].name === 'string' ? ports[0].name : undefined;
  if (!port || interfaces.some((i) => i !== ovs && !(i.name === port && uplinkNic(i)))) return undefined;
  return { pattern: 'localnet', bridge, uplink: port, localnets, existingBridge: false };
}

/**
 * The static host addresses and DHCP of an interface as multihome props: undefined when it has
 * none (`enabled: false` or no block), null when it has what the props cannot say.
 */
function hostIp(i: Record<string, unknown>): HostIpSpec | undefined | null {
  const out: { ipv4?: string[]; ipv6?: string[]; dhcp4?: boolean; dhcp6?: boolean } = {};
  for (const [family, addrs, dhcp] of [['ipv4', 'ipv4', 'dhcp4'], ['ipv6', 'ipv6', 'dhcp6']] as const) {
    const block = i[family];
    if (block === undefined) continue;
    if (!isRecord(block)) return null;
    if (block.enabled === false && Object.keys(block).length === 1) continue;
    if (block.enabled !== true || keysWithin(block, ['enabled', 'address', 'dhcp'])) return null;
    if (block.dhcp === true) out[dhcp] = true;
    if (Array.isArray(block.address) && block.address.length) {
      const list: string[] = [];
      for (const a of block.address) {
        if (!isRecord(a) || typeof a.ip !== 'string' || typeof a['prefix-length'] !== 'number') return null;
        list.push(`${a.ip}/${a['prefix-length']}`);
      }
      out[addrs] = list;
    }
  }
  return Object.keys(out).length ? out : undefined;
}

/** A NAD read for import: the network props it says, the bridge (or OVN network) it uses. */
export interface NadReading {
  readonly name: string;
  /** Its namespace; `default` when it names none. */
  readonly namespace: string;
  readonly kind: 'bridge' | 'localnet';
  /** The Linux bridge (bridge NADs). */
  readonly bridge?: string;
  /** The OVN physical network (localnet NADs): `physicalNetworkName`, else the config's name. */
  readonly localnet?: string;
  /** Network props the NAD determines (no name, uplink or namespaces). */
  readonly props: Omit<NetworkSpec, 'name' | 'namespaces' | 'uplink'>;
}

const NAD_ANNOTATIONS = (k: string) => k === 'k8s.v1.cni.cncf.io/resourceName' || k === SYNC_WAVE_ANNOTATION || k.startsWith('multihome.io/');
const BRIDGE_KEYS = ['type', 'bridge', 'vlan', 'mtu', 'macspoofchk', 'ipam'];
const LOCALNET_KEYS = ['cniVersion', 'name', 'type', 'topology', 'netAttachDefName', 'physicalNetworkName', 'vlanID', 'mtu', 'subnets', 'excludeSubnets', 'allowPersistentIPs'];

/**
 * A single-plugin CNI config as the plugin list of one it is equivalent to: `{cniVersion, name,
 * plugins: [the rest]}`. libcni upconverts a single config this way (containernetworking/cni
 * libcni/conf.go ConfListFromConf) and injects the list's `name` and `cniVersion` into each
 * plugin when it runs it (libcni/api.go buildOneConfig → InjectConf), so the plugin sees the same
 * config either way. A list, an OVN-Kubernetes config, or anything else is returned as it is.
 */
export function asPluginList(config: unknown): unknown {
  if (!isRecord(config) || 'plugins' in config || typeof config.type !== 'string' || config.type === 'ovn-k8s-cni-overlay') return config;
  const { cniVersion, name, ...plugin } = config;
  return { ...(cniVersion !== undefined ? { cniVersion } : {}), ...(name !== undefined ? { name } : {}), plugins: [plugin] };
}

const CUDN_LOCALNET_KEYS = ['role', 'physicalNetworkName', 'subnets', 'excludeSubnets', 'ipam', 'mtu', 'vlan'];

/**
 * Reads a ClusterUserDefinedNetwork of topology Localnet as the NADs OVN-Kubernetes makes from
 * it (one reading per namespace its `kubernetes.io/metadata.name In [...]` selector names), as
 * the network multihome writes as a CUDN (`localnetAs: 'cudn'`, whatever the target); a reason
 * when it is not one multihome writes (other topologies, selectors by other labels, fields
 * multihome does not model). What multihome writes exactly is checked by the import's comparison.
 */
export function readCudn(obj: Record<string, unknown>): NadReading[] | NotModeled {
  if (group(obj.apiVersion) !== 'k8s.ovn.org') return { reason: `apiVersion ${String(obj.apiVersion)} is not k8s.ovn.org` };
  const meta = obj.metadata as Record<string, unknown>;
  const extraMeta = keysWithin(meta, ['name', 'annotations']);
  if (extraMeta) return { reason: `metadata.${extraMeta} is not modeled` };
  const annotations = isRecord(meta.annotations) ? meta.annotations : {};
  const foreign = Object.keys(annotations).find((k) => k !== SYNC_WAVE_ANNOTATION && !k.startsWith('multihome.io/'));
  if (foreign) return { reason: `annotation ${foreign} is not modeled` };
  const spec = isRecord(obj.spec) ? obj.spec : {};
  const network = isRecord(spec.network) ? spec.network : {};
  const localnet = isRecord(network.localnet) ? network.localnet : undefined;
  if (keysWithin(spec, ['namespaceSelector', 'network']) || network.topology !== 'Localnet' || !localnet || keysWithin(network, ['topology', 'localnet'])) return { reason: 'a ClusterUserDefinedNetwork other than a Localnet one multihome writes' };
  if (keysWithin(localnet, CUDN_LOCALNET_KEYS) || localnet.role !== 'Secondary' || typeof localnet.physicalNetworkName !== 'string') return { reason: 'its localnet has fields multihome does not write' };
  // the form multihome writes (matchExpressions In) is checked by the import's comparison
  const namespaces = namespacesSelectedByName(spec.namespaceSelector);
  if (!namespaces?.length) return { reason: 'its namespaceSelector is not kubernetes.io/metadata.name In [namespaces]' };
  const vlan = isRecord(localnet.vlan) && localnet.vlan.mode === 'Access' && isRecord(localnet.vlan.access) ? localnet.vlan.access.id : undefined;
  const strings = (v: unknown) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined);
  const subnets = strings(localnet.subnets);
  const exclude = strings(localnet.excludeSubnets);
  const name = String(meta.name);
  const props: NadReading['props'] = {
    pattern: 'ovn-localnet', localnetAs: 'cudn', physicalNetworkName: localnet.physicalNetworkName,
    ...(typeof vlan === 'number' ? { vlan } : {}),
    ...(typeof localnet.mtu === 'number' ? { mtu: localnet.mtu } : {}),
    ...(subnets ? { ovnIpam: true, subnets } : {}),
    ...(exclude ? { excludeSubnets: exclude } : {}),
  };
  return namespaces.map((namespace) => ({ name, namespace, kind: 'localnet', localnet: localnet.physicalNetworkName as string, props }));
}

/** Reads a NAD; a reason when its config is not a bridge or OVN localnet config multihome renders. */
export function readNad(obj: Record<string, unknown>): NadReading | NotModeled {
  if (group(obj.apiVersion) !== 'k8s.cni.cncf.io') return { reason: `apiVersion ${String(obj.apiVersion)} is not k8s.cni.cncf.io` };
  const meta = obj.metadata as Record<string, unknown>;
  const extraMeta = keysWithin(meta, ['name', 'namespace', 'annotations']);
  if (extraMeta) return { reason: `metadata.${extraMeta} is not modeled` };
  const annotations = isRecord(meta.annotations) ? meta.annotations : {};
  const foreign = Object.keys(annotations).find((k) => !NAD_ANNOTATIONS(k));
  if (foreign) return { reason: `annotation ${foreign} is not modeled` };
  const spec = isRecord(obj.spec) ? obj.spec : undefined;
  if (!spec || keysWithin(spec, ['config']) || typeof spec.config !== 'string') return { reason: 'spec is not one config string' };
  let config: unknown;
  try {
    config = asPluginList(JSON.parse(spec.config));
  } catch (e) {
    return { reason: `spec.config is not JSON (${(e as Error).message})` };
  }
  if (!isRecord(config)) return { reason: 'spec.config is not a JSON object' };
  const name = String(meta.name);
  const namespace = typeof meta.namespace === 'string' ? meta.namespace : 'default';
  const common = (cniName: unknown) => ({
    ...(typeof config.cniVersion === 'string' ? { cniVersion: config.cniVersion } : {}),
    ...(typeof cniName === 'string' && cniName !== name ? { cniName } : {}),
  });
  if (config.type === 'ovn-k8s-cni-overlay') {
    if (config.topology !== 'localnet' || keysWithin(config, LOCALNET_KEYS)) return { reason: 'an OVN-Kubernetes config other than a localnet one multihome renders' };
    const localnet = typeof config.physicalNetworkName === 'string' ? config.physicalNetworkName : String(config.name);
    const subnets = typeof config.subnets === 'string' ? config.subnets.split(',').map((s) => s.trim()) : undefined;
    const exclude = typeof config.excludeSubnets === 'string' ? config.excludeSubnets.split(',').map((s) => s.trim()) : undefined;
    return {
      name, namespace, kind: 'localnet', localnet,
      props: {
        // its NADs exist: keep writing NADs (the CUDN controller would not take them over)
        pattern: 'ovn-localnet', localnetAs: 'nad', ...common(config.name),
        ...(typeof config.physicalNetworkName === 'string' ? { physicalNetworkName: config.physicalNetworkName } : {}),
        ...(typeof config.vlanID === 'number' ? { vlan: config.vlanID } : {}),
        ...(typeof config.mtu === 'number' ? { mtu: config.mtu } : {}),
        ...(subnets ? { ovnIpam: true, subnets } : {}),
        ...(exclude ? { excludeSubnets: exclude } : {}),
        ...(config.allowPersistentIPs === true ? { allowPersistentIPs: true } : {}),
      },
    };
  }
  if (keysWithin(config, ['cniVersion', 'name', 'plugins']) || !Array.isArray(config.plugins)) return { reason: 'spec.config is not a plugin list (cniVersion, name, plugins) multihome renders' };
  const [first, second, ...rest] = config.plugins as unknown[];
  if (!isRecord(first) || (first.type !== 'bridge' && first.type !== 'cnv-bridge') || keysWithin(first, BRIDGE_KEYS) || typeof first.bridge !== 'string') {
    return { reason: 'its first plugin is not a bridge (bridge, cnv-bridge) with only the fields multihome renders' };
  }
  const tuning = second !== undefined;
  if (rest.length || (tuning && (!isRecord(second) || Object.keys(second).length !== 1 || (second.type !== 'tuning' && second.type !== 'cnv-tuning')))) {
    return { reason: 'it chains plugins other than one plain tuning' };
  }
  const ipam = readIpam(first.ipam);
  if (ipam === null) return { reason: 'its ipam is not one multihome renders (none, static, dhcp, host-local, whereabouts)' };
  const resourceName = annotations['k8s.v1.cni.cncf.io/resourceName'];
  if (resourceName !== undefined && resourceName !== `bridge.network.kubevirt.io/${first.bridge}`) return { reason: `its resourceName ${String(resourceName)} is not the bridge's (bridge.network.kubevirt.io/${first.bridge})` };
  return {
    name, namespace, kind: 'bridge', bridge: first.bridge,
    props: {
      plugin: first.type as 'bridge' | 'cnv-bridge',
      ...common(config.name),
      // VLAN 0 is no VLAN to the bridge plugin (bridge.go setupVeth "if vlanID != 0", setupBridge vlanFiltering "n.Vlan != 0"): an untagged network
      ...(typeof first.vlan === 'number' && first.vlan !== 0 ? { vlan: first.vlan } : {}),
      ...(typeof first.mtu === 'number' ? { mtu: first.mtu } : {}),
      ...(typeof first.macspoofchk === 'boolean' ? { macspoofchk: first.macspoofchk } : {}),
      ...(tuning ? { tuning: true } : {}),
      ...(ipam ? { ipam } : {}),
      resourceName: resourceName !== undefined,
    },
  };
}

/** A bridge plugin's ipam as a network's: undefined for none (`{}` or absent), null when not modeled. */
function readIpam(ipam: unknown): IpamSpec | undefined | null {
  if (ipam === undefined || (isRecord(ipam) && Object.keys(ipam).length === 0)) return undefined;
  if (!isRecord(ipam)) return null;
  const str = (k: string) => (typeof ipam[k] === 'string' ? { [k]: ipam[k] as string } : {});
  switch (ipam.type) {
    case 'static':
    case 'dhcp':
      return Object.keys(ipam).length === 1 ? { type: ipam.type } : null;
    case 'host-local':
      if (keysWithin(ipam, ['type', 'subnet', 'rangeStart', 'rangeEnd', 'gateway']) || typeof ipam.subnet !== 'string') return null;
      return { type: 'host-local', subnet: ipam.subnet, ...str('rangeStart'), ...str('rangeEnd'), ...str('gateway') };
    case 'whereabouts':
      if (keysWithin(ipam, ['type', 'range', 'range_start', 'range_end', 'exclude', 'gateway']) || typeof ipam.range !== 'string') return null;
      return {
        type: 'whereabouts', range: ipam.range,
        ...(typeof ipam.range_start === 'string' ? { rangeStart: ipam.range_start } : {}),
        ...(typeof ipam.range_end === 'string' ? { rangeEnd: ipam.range_end } : {}),
        ...(Array.isArray(ipam.exclude) ? { exclude: ipam.exclude as string[] } : {}),
        ...str('gateway'),
      };
    default:
      return null;
  }
}
