/**
 * The read side of the cross-resource rules: a manifest set read once, leniently, into small
 * records (NNCP interfaces, NAD plugin facts, VM NICs) with the indexes every rule needs, so each
 * rule is a pass over one kind plus map lookups — linear in the size of the set.
 *
 * Reading is lenient on purpose: per-resource validators (lib/core/nmstate, cni, kubevirt) report
 * malformed objects; here anything unreadable is skipped so one broken object does not hide the
 * problems between the others. Parsing is delegated to those modules where they export a parser
 * (`parseNadConfig`, `pluginsOf`, `parseCidr`, `normalizeMac`, `parseNetworkData`, `bindingOf`).
 */
import { ResourceRef } from '../../errors';
import { Manifest } from '../../manifest';
import { joinPath } from '../../path';
import { isRecord } from '../../problems';
import { Cidr, isConfList, parseCidr, parseNadConfig, pluginsOf, PluginConfig, RESOURCE_NAME_ANNOTATION } from '../../cni';
import { bindingOf, normalizeMac, VmInterface } from '../../kubevirt';
import { Selector } from './selectors';

/** Namespace of a namespaced object without `metadata.namespace` (what `kubectl apply` uses by default). */
export const DEFAULT_NAMESPACE = 'default';

// --- NNCP ---------------------------------------------------------------------------------------

/** One `spec.desiredState.interfaces[]` entry. */
export interface NncpIface {
  readonly policy: NncpInfo;
  readonly index: number;
  /** `spec.desiredState.interfaces[<index>]`. */
  readonly path: string;
  readonly name: string;
  readonly type?: string;
  /** `up` unless given. */
  readonly state: string;
  readonly absent: boolean;
  readonly mtu?: number;
  /** Ports of a linux-bridge, bond or ovs-bridge, with their paths. */
  readonly ports: ReadonlyArray<{ readonly name: string; readonly path: string; readonly vlan?: Record<string, unknown> }>;
  /** `vlan.base-iface` / `vlan.id` of a VLAN interface. */
  readonly vlanBase?: string;
  readonly vlanId?: number;
  /** `controller:` of a port. */
  readonly controller?: string;
  /** True when an ipv4/ipv6 block is enabled with addresses or DHCP. */
  readonly hasIp: boolean;
  readonly raw: Record<string, unknown>;
}

/** One `ovn.bridge-mappings[]` entry. */
export interface OvnMapping {
  readonly policy: NncpInfo;
  readonly path: string;
  readonly localnet: string;
  readonly bridge?: string;
  readonly absent: boolean;
}

/** A NodeNetworkConfigurationPolicy as the rules see it. */
export interface NncpInfo {
  readonly manifest: Manifest;
  readonly ref: ResourceRef;
  readonly name: string;
  readonly selector: Selector;
  readonly ifaces: NncpIface[];
  readonly mappings: OvnMapping[];
}

// --- NAD ----------------------------------------------------------------------------------------

/** How a NAD reaches the wire. */
export type NadFlavour = 'bridge' | 'macvlan' | 'ipvlan' | 'ovn' | 'other';

/** One IPAM subnet of a NAD, with the path it came from. */
export interface NadSubnet {
  readonly cidr: Cidr;
  readonly text: string;
  readonly path: string;
}

/** A NetworkAttachmentDefinition as the rules see it (facts of its first, main plugin). */
export interface NadInfo {
  readonly manifest: Manifest;
  readonly ref: ResourceRef;
  readonly namespace: string;
  readonly name: string;
  /** `namespace/name`. */
  readonly key: string;
  /** The parsed config, when `spec.config` is a JSON object. */
  readonly config?: Record<string, unknown>;
  readonly flavour: NadFlavour;
  /** The main (first) plugin and its path (`spec.config` or `spec.config.plugins[0]`). */
  readonly main?: PluginConfig;
  readonly mainPath: string;
  /** Bridge of a bridge/cnv-bridge NAD (`cni0` when unset, as the plugin defaults). */
  readonly bridge?: string;
  readonly vlan?: number;
  /** VLAN ids of `vlanTrunk`. */
  readonly vlanTrunk: readonly number[];
  readonly mtu?: number;
  readonly macspoofchk?: boolean;
  readonly ipamType?: string;
  readonly subnets: readonly NadSubnet[];
  readonly resourceName?: string;
  /** macvlan/ipvlan `master`. */
  readonly master?: string;
  /** OVN: network `name`, `topology`, localnet physical network. */
  readonly ovnName?: string;
  readonly ovnTopology?: string;
  readonly physicalNetwork?: string;
  /** Identity of the L2 segment the NAD attaches to (same key = same wire). */
  readonly segment: string;
}

// --- VM -----------------------------------------------------------------------------------------

/** One VM interface paired with its network. */
export interface VmNic {
  readonly index: number;
  /** `<base>.domain.devices.interfaces[<index>]`. */
  readonly path: string;
  readonly name: string;
  readonly binding?: string;
  /** Canonical MAC (lowercase, colons) when `macAddress` parses. */
  readonly mac?: string;
  readonly absent: boolean;
  readonly raw: Record<string, unknown>;
  /** The paired `networks[]` entry. */
  readonly network?: { readonly index: number; readonly path: string; readonly multus?: string; readonly pod: boolean };
  /** `namespace/name` of the NAD a multus network names. */
  readonly nadKey?: string;
}

/** Where a VM's cloud-init networkData text is. */
export interface NetworkDataSource {
  readonly text: string;
  /** Path of the field holding it (in the VM, or `stringData.networkdata` of a Secret). */
  readonly path: string;
}

/** A VirtualMachine or VirtualMachineInstance as the rules see it. */
export interface VmInfo {
  readonly manifest: Manifest;
  readonly ref: ResourceRef;
  readonly namespace: string;
  readonly name: string;
  /** `spec.template.spec` (VM) or `spec` (VMI). */
  readonly base: string;
  readonly nodeSelector?: Selector;
  /** True when placement uses affinity rules multihome cannot evaluate. */
  readonly hasAffinity: boolean;
  readonly nics: VmNic[];
  readonly networkData?: NetworkDataSource;
  /** False for `runStrategy: Halted` or `running: false`. */
  readonly running: boolean;
}

// --- the set ------------------------------------------------------------------------------------

/** A manifest set read and indexed once. */
export interface SetModel {
  readonly nncps: NncpInfo[];
  readonly nads: NadInfo[];
  readonly vms: VmInfo[];
  /** Every NNCP interface entry by interface name. */
  readonly ifacesByName: Map<string, NncpIface[]>;
  /** NADs by `namespace/name` (first wins when duplicated). */
  readonly nadsByKey: Map<string, NadInfo>;
  /** OVN mappings by localnet. */
  readonly mappingsByLocalnet: Map<string, OvnMapping[]>;
  /** VM NICs by the `namespace/name` of the NAD their multus network names. */
  readonly usersByNad: Map<string, Array<{ readonly vm: VmInfo; readonly nic: VmNic }>>;
}

/** `Kind/namespace/name` reference of a manifest. */
export function refOf(m: Manifest, namespaced: boolean): ResourceRef {
  const meta = isRecord(m.metadata) ? m.metadata : ({} as Record<string, unknown>);
  const name = typeof meta.name === 'string' ? meta.name : undefined;
  const ns = typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : namespaced ? DEFAULT_NAMESPACE : undefined;
  return { kind: m.kind, ...(name !== undefined ? { name } : {}), ...(ns !== undefined ? { namespace: ns } : {}) };
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function stringMap(v: unknown): Record<string, string> | undefined {
  if (!isRecord(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) out[k] = x === null || x === undefined ? '' : String(x);
  return out;
}

/** True for `nmstate.io/*` NodeNetworkConfigurationPolicy objects. */
export function isNncp(m: Manifest): boolean {
  return m.kind === 'NodeNetworkConfigurationPolicy' && typeof m.apiVersion === 'string' && m.apiVersion.startsWith('nmstate.io/');
}

/** True for `k8s.cni.cncf.io/*` NetworkAttachmentDefinition objects. */
export function isNad(m: Manifest): boolean {
  return m.kind === 'NetworkAttachmentDefinition' && typeof m.apiVersion === 'string' && m.apiVersion.startsWith('k8s.cni.cncf.io/');
}

/** True for `kubevirt.io/*` VirtualMachine / VirtualMachineInstance objects. */
export function isVm(m: Manifest): boolean {
  return (m.kind === 'VirtualMachine' || m.kind === 'VirtualMachineInstance') && typeof m.apiVersion === 'string' && m.apiVersion.startsWith('kubevirt.io/');
}

function ipEnabled(v: unknown): boolean {
  if (!isRecord(v) || v.enabled === false) return false;
  return v.dhcp === true || v.autoconf === true || (Array.isArray(v.address) && v.address.length > 0);
}

function readPorts(i: Record<string, unknown>, path: string): NncpIface['ports'] {
  const out: Array<{ name: string; path: string; vlan?: Record<string, unknown> }> = [];
  const list = (arr: unknown, p: string): void => {
    if (!Array.isArray(arr)) return;
    arr.forEach((x, k) => {
      if (typeof x === 'string') out.push({ name: x, path: joinPath(p, k) });
      else if (isRecord(x) && typeof x.name === 'string') out.push({ name: x.name, path: joinPath(p, k), ...(isRecord(x.vlan) ? { vlan: x.vlan } : {}) });
    });
  };
  if (isRecord(i.bridge)) {
    const key = i.bridge.port !== undefined ? 'port' : 'ports';
    list(i.bridge[key], joinPath(path, 'bridge', key));
  }
  const la = i['link-aggregation'];
  if (isRecord(la)) {
    const key = la.port !== undefined ? 'port' : 'ports';
    list(la[key], joinPath(path, 'link-aggregation', key));
  }
  return out;
}

function readNncp(m: Manifest): NncpInfo | undefined {
  const spec = isRecord(m.spec) ? m.spec : undefined;
  const ds = spec && isRecord(spec.desiredState) ? spec.desiredState : undefined;
  const policy: NncpInfo = {
    manifest: m,
    ref: refOf(m, false),
    name: str(m.metadata?.name) ?? '',
    selector: stringMap(spec?.nodeSelector) ?? {},
    ifaces: [],
    mappings: [],
  };
  const base = 'spec.desiredState';
  if (ds && Array.isArray(ds.interfaces)) {
    ds.interfaces.forEach((i, index) => {
      if (!isRecord(i) || typeof i.name !== 'string') return;
      const path = joinPath(base, 'interfaces', index);
      const state = str(i.state) ?? 'up';
      const vlan = isRecord(i.vlan) ? i.vlan : undefined;
      policy.ifaces.push({
        policy,
        index,
        path,
        name: i.name,
        type: str(i.type),
        state,
        absent: state === 'absent',
        mtu: num(i.mtu),
        ports: readPorts(i, path),
        vlanBase: vlan ? str(vlan['base-iface']) : undefined,
        vlanId: vlan ? num(vlan.id) : undefined,
        controller: str(i.controller),
        hasIp: ipEnabled(i.ipv4) || ipEnabled(i.ipv6),
        raw: i,
      });
    });
  }
  const ovn = ds && isRecord(ds.ovn) ? ds.ovn : undefined;
  const maps = ovn ? ovn['bridge-mappings'] : undefined;
  if (Array.isArray(maps)) {
    maps.forEach((x, k) => {
      if (!isRecord(x) || typeof x.localnet !== 'string') return;
      policy.mappings.push({ policy, path: joinPath(base, 'ovn', 'bridge-mappings', k), localnet: x.localnet, bridge: str(x.bridge), absent: x.state === 'absent' });
    });
  }
  return policy;
}

/** Parses a whereabouts range (`10.0.0.0/24`, or `10.0.0.5-10.0.0.20/24` with an embedded start). */
function whereaboutsCidr(s: unknown): Cidr | undefined {
  if (typeof s !== 'string') return undefined;
  const dash = s.lastIndexOf('-');
  return parseCidr(dash >= 0 && !s.includes(':') ? s.slice(dash + 1) : s);
}

/** OVN `subnets` entry: `10.128.0.0/16` or layer3 `10.128.0.0/16/24` (host prefix dropped). */
function ovnCidr(s: string): Cidr | undefined {
  const parts = s.trim().split('/');
  return parseCidr(parts.length > 2 ? `${parts[0]}/${parts[1]}` : s.trim());
}

function readSubnets(main: PluginConfig, mainPath: string): NadSubnet[] {
  const out: NadSubnet[] = [];
  const push = (text: unknown, cidr: Cidr | undefined, path: string): void => {
    if (cidr && typeof text === 'string') out.push({ cidr, text, path });
  };
  if (main.type === 'ovn-k8s-cni-overlay' && typeof main.subnets === 'string') {
    for (const s of main.subnets.split(',')) if (s.trim()) push(s.trim(), ovnCidr(s), joinPath(mainPath, 'subnets'));
  }
  const ipam = isRecord(main.ipam) ? main.ipam : undefined;
  if (!ipam) return out;
  const ip = joinPath(mainPath, 'ipam');
  if (ipam.type === 'host-local') {
    push(ipam.subnet, parseCidr(ipam.subnet), joinPath(ip, 'subnet'));
    if (Array.isArray(ipam.ranges)) {
      ipam.ranges.forEach((set, a) => {
        if (!Array.isArray(set)) return;
        set.forEach((r, b) => {
          if (isRecord(r)) push(r.subnet, parseCidr(r.subnet), joinPath(ip, 'ranges', a, b, 'subnet'));
        });
      });
    }
  } else if (ipam.type === 'whereabouts') {
    push(ipam.range, whereaboutsCidr(ipam.range), joinPath(ip, 'range'));
    if (Array.isArray(ipam.ipRanges)) {
      ipam.ipRanges.forEach((r, k) => {
        if (isRecord(r)) push(r.range, whereaboutsCidr(r.range), joinPath(ip, 'ipRanges', k, 'range'));
      });
    }
  }
  return out;
}

function flavourOf(p: PluginConfig | undefined): NadFlavour {
  switch (p?.type) {
    case 'bridge':
    case 'cnv-bridge':
      return 'bridge';
    case 'macvlan':
      return 'macvlan';
    case 'ipvlan':
      return 'ipvlan';
    case 'ovn-k8s-cni-overlay':
      return 'ovn';
    default:
      return 'other';
  }
}

function readNad(m: Manifest): NadInfo {
  const ref = refOf(m, true);
  const namespace = ref.namespace ?? DEFAULT_NAMESPACE;
  const name = ref.name ?? '';
  const key = `${namespace}/${name}`;
  const spec = isRecord(m.spec) ? m.spec : undefined;
  const parsed = typeof spec?.config === 'string' ? parseNadConfig(spec.config) : undefined;
  const config = parsed?.ok ? parsed.config : undefined;
  const plugins = config ? pluginsOf(config) : [];
  const main = plugins.find((p) => isRecord(p));
  const mainPath = config && isConfList(config) ? joinPath('spec.config', 'plugins', 0) : 'spec.config';
  const flavour = flavourOf(main);
  const annotations = isRecord(m.metadata?.annotations) ? m.metadata.annotations : {};
  const resourceName = str(annotations[RESOURCE_NAME_ANNOTATION]);
  const bridge = flavour === 'bridge' ? str(main?.bridge) ?? 'cni0' : undefined;
  const vlan = num(main?.vlan);
  const vlanTrunk: number[] = [];
  if (Array.isArray(main?.vlanTrunk)) {
    for (const t of main.vlanTrunk) {
      if (!isRecord(t)) continue;
      const id = num(t.id);
      if (id !== undefined) vlanTrunk.push(id);
      const lo = num(t.minID);
      const hi = num(t.maxID);
      if (lo !== undefined && hi !== undefined && hi - lo < 4096) for (let v = lo; v <= hi; v++) vlanTrunk.push(v);
    }
  }
  const ovnName = flavour === 'ovn' ? str(main?.name) ?? str(config?.name) : undefined;
  const ovnTopology = flavour === 'ovn' ? str(main?.topology) : undefined;
  const master = flavour === 'macvlan' || flavour === 'ipvlan' ? str(main?.master) : undefined;
  let segment: string;
  if (flavour === 'bridge') segment = `bridge:${bridge}:${vlan ?? 0}`;
  else if (flavour === 'ovn') segment = `ovn:${ovnName ?? key}`;
  else if ((flavour === 'macvlan' || flavour === 'ipvlan') && master) segment = `${flavour}:${master}`;
  else segment = `nad:${key}`;
  return {
    manifest: m,
    ref,
    namespace,
    name,
    key,
    config,
    flavour,
    main,
    mainPath,
    bridge,
    vlan,
    vlanTrunk,
    mtu: num(main?.mtu),
    macspoofchk: typeof main?.macspoofchk === 'boolean' ? main.macspoofchk : undefined,
    ipamType: isRecord(main?.ipam) ? str(main.ipam.type) : undefined,
    subnets: main ? readSubnets(main, mainPath) : [],
    resourceName,
    master,
    ovnName,
    ovnTopology,
    physicalNetwork: flavour === 'ovn' ? str(main?.physicalNetworkName) ?? ovnName : undefined,
    segment,
  };
}

/** `namespace/name` of the NAD a VM in `vmNamespace` means by `networkName` (`name` or `ns/name`). */
export function nadKeyOf(networkName: string, vmNamespace: string): string {
  return networkName.includes('/') ? networkName : `${vmNamespace}/${networkName}`;
}

function decodeBase64(s: unknown): string | undefined {
  if (typeof s !== 'string') return undefined;
  try {
    return Buffer.from(s, 'base64').toString('utf8');
  } catch {
    return undefined;
  }
}

function readNetworkData(volumes: unknown, base: string, namespace: string, secrets: Map<string, Manifest>): NetworkDataSource | undefined {
  if (!Array.isArray(volumes)) return undefined;
  for (let k = 0; k < volumes.length; k++) {
    const v = volumes[k];
    if (!isRecord(v)) continue;
    for (const key of ['cloudInitNoCloud', 'cloudInitConfigDrive']) {
      const src = v[key];
      if (!isRecord(src)) continue;
      const p = joinPath(base, 'volumes', k, key);
      if (typeof src.networkData === 'string') return { text: src.networkData, path: joinPath(p, 'networkData') };
      const b64 = decodeBase64(src.networkDataBase64);
      if (b64 !== undefined) return { text: b64, path: joinPath(p, 'networkDataBase64') };
      const ref = isRecord(src.networkDataSecretRef) ? str(src.networkDataSecretRef.name) : undefined;
      const secret = ref ? secrets.get(`${namespace}/${ref}`) : undefined;
      if (secret) {
        const sd = isRecord(secret.stringData) ? secret.stringData : {};
        const d = isRecord(secret.data) ? secret.data : {};
        const text = str(sd.networkdata) ?? decodeBase64(d.networkdata);
        if (text !== undefined) return { text, path: joinPath(p, 'networkDataSecretRef') };
      }
    }
  }
  return undefined;
}

function readVm(m: Manifest, secrets: Map<string, Manifest>): VmInfo | undefined {
  const ref = refOf(m, true);
  const namespace = ref.namespace ?? DEFAULT_NAMESPACE;
  const isVmKind = m.kind === 'VirtualMachine';
  const spec = isRecord(m.spec) ? m.spec : undefined;
  const tmpl = isVmKind && spec && isRecord(spec.template) ? spec.template : undefined;
  const vmi = isVmKind ? (tmpl && isRecord(tmpl.spec) ? tmpl.spec : undefined) : spec;
  if (!vmi) return undefined;
  const base = isVmKind ? 'spec.template.spec' : 'spec';
  const domain = isRecord(vmi.domain) ? vmi.domain : undefined;
  const devices = domain && isRecord(domain.devices) ? domain.devices : undefined;
  const ifaces = Array.isArray(devices?.interfaces) ? devices.interfaces : [];
  const networks = Array.isArray(vmi.networks) ? vmi.networks : [];
  const netByName = new Map<string, { index: number; rec: Record<string, unknown> }>();
  networks.forEach((n, index) => {
    if (isRecord(n) && typeof n.name === 'string' && !netByName.has(n.name)) netByName.set(n.name, { index, rec: n });
  });
  const nics: VmNic[] = [];
  ifaces.forEach((i, index) => {
    if (!isRecord(i) || typeof i.name !== 'string') return;
    const n = netByName.get(i.name);
    const multus = n && isRecord(n.rec.multus) ? str(n.rec.multus.networkName) : undefined;
    nics.push({
      index,
      path: joinPath(base, 'domain', 'devices', 'interfaces', index),
      name: i.name,
      binding: bindingOf(i as VmInterface),
      mac: typeof i.macAddress === 'string' ? normalizeMac(i.macAddress) : undefined,
      absent: i.state === 'absent',
      raw: i,
      ...(n ? { network: { index: n.index, path: joinPath(base, 'networks', n.index), multus, pod: n.rec.pod !== undefined } } : {}),
      ...(multus ? { nadKey: nadKeyOf(multus, namespace) } : {}),
    });
  });
  const runStrategy = isVmKind ? str(spec?.runStrategy) : undefined;
  const running = !(runStrategy === 'Halted' || (isVmKind && spec?.running === false));
  const nodeSelector = stringMap(vmi.nodeSelector);
  const affinity = isRecord(vmi.affinity) ? vmi.affinity : undefined;
  return {
    manifest: m,
    ref,
    namespace,
    name: ref.name ?? '',
    base,
    ...(nodeSelector ? { nodeSelector } : {}),
    hasAffinity: affinity !== undefined && affinity.nodeAffinity !== undefined,
    nics,
    networkData: readNetworkData(vmi.volumes, base, namespace, secrets),
    running,
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Reads and indexes a manifest set. Objects that are not NNCP/NAD/VM/VMI/Secret are ignored. */
export function readSet(manifests: readonly Manifest[]): SetModel {
  const secrets = new Map<string, Manifest>();
  for (const m of manifests) {
    if (isRecord(m) && m.kind === 'Secret' && m.apiVersion === 'v1') {
      const r = refOf(m, true);
      secrets.set(`${r.namespace}/${r.name}`, m);
    }
  }
  const model: SetModel = { nncps: [], nads: [], vms: [], ifacesByName: new Map(), nadsByKey: new Map(), mappingsByLocalnet: new Map(), usersByNad: new Map() };
  for (const m of manifests) {
    if (!isRecord(m) || !isRecord(m.metadata)) continue;
    if (isNncp(m)) {
      const p = readNncp(m);
      if (!p) continue;
      model.nncps.push(p);
      for (const i of p.ifaces) push(model.ifacesByName, i.name, i);
      for (const map of p.mappings) push(model.mappingsByLocalnet, map.localnet, map);
    } else if (isNad(m)) {
      const n = readNad(m);
      model.nads.push(n);
      if (!model.nadsByKey.has(n.key)) model.nadsByKey.set(n.key, n);
    } else if (isVm(m)) {
      const v = readVm(m, secrets);
      if (!v) continue;
      model.vms.push(v);
      for (const nic of v.nics) if (nic.nadKey) push(model.usersByNad, nic.nadKey, { vm: v, nic });
    }
  }
  return model;
}
