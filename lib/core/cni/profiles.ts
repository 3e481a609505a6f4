/**
 * Plugin profiles: which CNI plugin binaries, config keys and CNI spec versions a cluster's nodes
 * actually have. The bridge plugin (like every Go plugin) decodes its config with encoding/json,
 * which silently drops keys its NetConf struct does not declare — so a key written for plugins
 * v1.5+ "works" on Debian's v1.1.1 with different semantics. A profile lets the validator say so.
 *
 * Key tables are declared once, with the containernetworking/plugins release that introduced
 * each key (read from the NetConf structs at tags v1.1.1 … v1.9.1), and every profile is derived
 * from them.
 */
import type { JsonKind } from '../field-reader';

export type { JsonKind } from '../field-reader';

/** JSON type a Go config field decodes from (the shared reader's {@link JsonKind}). */
export type FieldKind = JsonKind;

/** A key of a plugin config: its JSON kind and the plugins release that added it. */
interface KeySpec {
  readonly kind: FieldKind;
  /** containernetworking/plugins release that introduced the key. @default - present since v1.0.0 */
  readonly since?: string;
}
type KeyTable = Readonly<Record<string, FieldKind | KeySpec>>;

/** Where a plugin binary comes from; decides which profiles ship it. */
type Source = 'plugins' | 'sriov-cni' | 'ovn-kubernetes' | 'whereabouts' | 'cnao';

interface PluginEntry {
  readonly source: Source;
  /** Release of containernetworking/plugins that added the plugin. @default - v1.0.0 */
  readonly since?: string;
  /** Keys beyond the common ones; undefined = not modelled (no unknown-key check). */
  readonly keys?: KeyTable;
  /** Meta plugin that needs a prevResult (must not be first in a chain). */
  readonly chainedOnly?: boolean;
}

// containernetworking/cni pkg/types/types.go PluginConf (+ args/runtimeConfig conventions).
const COMMON_KEYS: KeyTable = {
  cniVersion: 'string',
  name: 'string',
  type: 'string',
  capabilities: 'boolMap',
  ipam: 'object',
  dns: 'object',
  prevResult: 'object',
  runtimeConfig: 'object',
  args: 'object',
  'cni.dev/valid-attachments': 'array',
};

// containernetworking/plugins plugins/main/bridge/bridge.go NetConf (v1.1.1 … v1.9.1).
const BRIDGE_KEYS: KeyTable = {
  bridge: 'string',
  isGateway: 'boolean',
  isDefaultGateway: 'boolean',
  forceAddress: 'boolean',
  ipMasq: 'boolean',
  ipMasqBackend: { kind: 'string', since: '1.6.0' },
  mtu: 'integer',
  hairpinMode: 'boolean',
  promiscMode: 'boolean',
  vlan: 'integer',
  vlanTrunk: { kind: 'array', since: '1.3.0' },
  preserveDefaultVlan: { kind: 'boolean', since: '1.3.0' },
  macspoofchk: 'boolean',
  enabledad: 'boolean',
  disableContainerInterface: { kind: 'boolean', since: '1.4.1' },
  portIsolation: { kind: 'boolean', since: '1.7.0' },
};

// plugins/meta/tuning/tuning.go TuningConf.
const TUNING_KEYS: KeyTable = {
  dataDir: 'string',
  sysctl: 'stringMap',
  mac: 'string',
  promisc: 'boolean',
  mtu: 'integer',
  txQLen: { kind: 'integer', since: '1.4.0' },
  allmulti: 'boolean',
};

/** Every plugin type multihome knows, with its source and key table. */
const PLUGINS: Readonly<Record<string, PluginEntry>> = {
  bridge: { source: 'plugins', keys: BRIDGE_KEYS },
  'cnv-bridge': { source: 'cnao', keys: BRIDGE_KEYS },
  // plugins/main/macvlan/macvlan.go NetConf
  macvlan: {
    source: 'plugins',
    keys: { master: 'string', mode: 'string', mtu: 'integer', mac: 'string', linkInContainer: { kind: 'boolean', since: '1.3.0' }, bcqueuelen: { kind: 'integer', since: '1.6.0' } },
  },
  // plugins/main/ipvlan/ipvlan.go NetConf
  ipvlan: { source: 'plugins', keys: { master: 'string', mode: 'string', mtu: 'integer', linkInContainer: { kind: 'boolean', since: '1.3.0' } } },
  // plugins/main/host-device/host-device.go NetConf
  'host-device': { source: 'plugins', keys: { device: 'string', hwaddr: 'string', kernelpath: 'string', pciBusID: 'string' } },
  ptp: { source: 'plugins' },
  vlan: { source: 'plugins' },
  loopback: { source: 'plugins' },
  dummy: { source: 'plugins', since: '1.2.0' },
  tap: { source: 'plugins', since: '1.3.0' },
  tuning: { source: 'plugins', keys: TUNING_KEYS, chainedOnly: true },
  'cnv-tuning': { source: 'cnao', keys: TUNING_KEYS, chainedOnly: true },
  bandwidth: { source: 'plugins', chainedOnly: true },
  portmap: { source: 'plugins', chainedOnly: true },
  firewall: { source: 'plugins', chainedOnly: true },
  sbr: { source: 'plugins', chainedOnly: true },
  vrf: { source: 'plugins', chainedOnly: true },
  // k8snetworkplumbingwg/sriov-cni pkg/types/types.go SriovNetConf
  sriov: {
    source: 'sriov-cni',
    keys: {
      deviceID: 'string',
      vlan: 'integer',
      vlanQoS: 'integer',
      vlanProto: 'string',
      spoofchk: 'string',
      trust: 'string',
      link_state: 'string',
      min_tx_rate: 'integer',
      max_tx_rate: 'integer',
      // MAC and MTU have no json tag: Go matches "mac"/"mtu" case-insensitively.
      mac: 'string',
      mtu: 'integer',
      logLevel: 'string',
      logFile: 'string',
    },
  },
  // ovn-kubernetes/ovn-kubernetes go-controller/pkg/cni/types/types.go NetConf (+ newer keys of
  // ovn-kubernetes/ovn-kubernetes main, 2026-08, so NADs generated by newer UDN controllers pass).
  'ovn-k8s-cni-overlay': {
    source: 'ovn-kubernetes',
    keys: {
      role: 'string',
      topology: 'string',
      netAttachDefName: 'string',
      mtu: 'integer',
      subnets: 'string',
      excludeSubnets: 'string',
      joinSubnet: 'string',
      vlanID: 'integer',
      allowPersistentIPs: 'boolean',
      physicalNetworkName: 'string',
      deviceID: 'string',
      logFile: 'string',
      logLevel: 'string',
      'logfile-maxsize': 'integer',
      'logfile-maxbackups': 'integer',
      'logfile-maxage': 'integer',
      reservedSubnets: 'string',
      infrastructureSubnets: 'string',
      transitSubnet: 'string',
      defaultGatewayIPs: 'string',
      transport: 'string',
      outboundSNAT: 'string',
      evpn: 'any',
      uplink: 'string',
    },
  },
};

/** IPAM types multihome knows, with their keys (beyond `type` and `routes`). */
const IPAMS: Readonly<Record<string, PluginEntry>> = {
  // plugins/ipam/static/main.go IPAMConfig
  static: { source: 'plugins', keys: { addresses: 'array', dns: 'object' } },
  // plugins/ipam/host-local/backend/allocator/config.go IPAMConfig + Range
  'host-local': {
    source: 'plugins',
    keys: { subnet: 'string', rangeStart: 'string', rangeEnd: 'string', gateway: 'string', ranges: 'array', dataDir: 'string', resolvConf: 'string' },
  },
  // plugins/ipam/dhcp/main.go IPAMConfig
  dhcp: { source: 'plugins', keys: { daemonSocketPath: 'string', provide: 'array', request: 'array', priority: { kind: 'integer', since: '1.6.0' } } },
  // k8snetworkplumbingwg/whereabouts pkg/types/types.go IPAMConfig
  whereabouts: {
    source: 'whereabouts',
    keys: {
      range: 'string',
      range_start: 'string',
      range_end: 'string',
      exclude: 'array',
      ipRanges: 'array',
      addresses: 'array',
      gateway: 'string',
      dns: 'object',
      node_slice_size: 'string',
      network_name: 'string',
      enable_overlapping_ranges: 'boolean',
      leader_lease_duration: 'integer',
      leader_renew_deadline: 'integer',
      leader_retry_period: 'integer',
      log_file: 'string',
      log_level: 'string',
      reconciler_cron_expression: 'string',
      sleep_for_race: 'integer',
      kubernetes: 'object',
      configuration_path: 'string',
      datastore: 'string',
      etcd_host: 'string',
    },
  },
};

const IPAM_COMMON_KEYS: KeyTable = { type: 'string', routes: 'array' };

/** Compares dotted versions numerically (`1.10.0` > `1.9.1`). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function keysAt(table: KeyTable | undefined, version: string, common: KeyTable): ReadonlyMap<string, FieldKind> | undefined {
  if (!table) return undefined;
  const out = new Map<string, FieldKind>();
  for (const [k, v] of Object.entries({ ...common, ...table })) {
    const spec: KeySpec = typeof v === 'string' ? { kind: v } : v;
    if (spec.since === undefined || compareVersions(version, spec.since) >= 0) out.set(k, spec.kind);
  }
  return out;
}

/** Names a profile can be selected by (CLI `--plugin-profile`, Pulumi stack config). */
export const PLUGIN_PROFILE_NAMES = ['upstream', 'debian-1.1.1', 'openshift'] as const;

/** The name of a plugin profile. */
export type PluginProfileName = (typeof PLUGIN_PROFILE_NAMES)[number];

interface ProfileProps {
  readonly name: string;
  readonly description: string;
  readonly pluginsVersion: string;
  readonly cniVersions: readonly string[];
  readonly sources: readonly Source[];
}

/**
 * The CNI plugin build a set of nodes runs: which plugin types exist, which keys each plugin
 * decodes, which CNI spec versions it accepts, and version-dependent behaviour (vlan + vlanTrunk).
 * Use one of the static instances; {@link pluginProfileByName} maps CLI/stack names to them.
 */
export class PluginProfile {
  /**
   * Current upstream: containernetworking/plugins v1.9.x (built with containernetworking/cni
   * v1.3.0, CNI spec 0.1.0 … 1.1.0), plus the add-ons a KubeVirt cluster usually has: whereabouts,
   * sriov-cni, ovn-k8s-cni-overlay. No `cnv-bridge`/`cnv-tuning` (those come from CNAO).
   */
  static readonly UPSTREAM = new PluginProfile({
    name: 'upstream',
    description: 'containernetworking/plugins v1.9.x + whereabouts, sriov-cni, ovn-k8s-cni-overlay',
    pluginsVersion: '1.9.1',
    cniVersions: ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0'],
    sources: ['plugins', 'sriov-cni', 'ovn-kubernetes', 'whereabouts'],
  });

  /**
   * Debian bookworm `containernetworking-plugins 1.1.1+ds1-3+b5` (binaries in /usr/lib/cni,
   * verified on this project's machines): built with containernetworking/cni v1.0.1, so CNI spec
   * ≤ 1.0.0; bridge without vlanTrunk, preserveDefaultVlan, disableContainerInterface,
   * ipMasqBackend, portIsolation; no dummy/tap; no whereabouts, sriov or OVN binaries.
   */
  static readonly DEBIAN_1_1_1 = new PluginProfile({
    name: 'debian-1.1.1',
    description: 'Debian bookworm containernetworking-plugins 1.1.1 (/usr/lib/cni)',
    pluginsVersion: '1.1.1',
    cniVersions: ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0'],
    sources: ['plugins'],
  });

  /**
   * OpenShift Virtualization / CNAO: `cnv-bridge` and `cnv-tuning` are the upstream bridge and
   * tuning binaries at plugins v1.5.1 (CNAO `components.yaml`, linux-bridge c29dc79f; built with
   * containernetworking/cni v1.1.2, CNI spec ≤ 1.0.0). The platform's own containernetworking
   * plugins are assumed to be the same release (conservative: keys newer than v1.5.1 warn).
   * Ships whereabouts, SR-IOV and OVN-Kubernetes.
   */
  static readonly OPENSHIFT = new PluginProfile({
    name: 'openshift',
    description: 'OpenShift Virtualization / CNAO (cnv-bridge = containernetworking/plugins v1.5.1)',
    pluginsVersion: '1.5.1',
    cniVersions: ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0'],
    sources: ['plugins', 'cnao', 'sriov-cni', 'ovn-kubernetes', 'whereabouts'],
  });

  /** Profile name: one of {@link PLUGIN_PROFILE_NAMES}, or a versioned target name (`upstream-1.6`, `openshift-4.19`). */
  readonly name: string;
  /** One line describing the build. */
  readonly description: string;
  /** containernetworking/plugins release the profile's reference plugins come from. */
  readonly pluginsVersion: string;
  /** CNI spec versions the plugins accept (exact strings, libcni `Reconciler.CheckRaw`). */
  readonly cniVersions: readonly string[];
  private readonly sources: readonly Source[];
  /** Key maps of modelled plugins and IPAMs, built once per type (the tables are constant). */
  private readonly keyMaps = new Map<string, ReadonlyMap<string, FieldKind>>();

  private constructor(props: ProfileProps) {
    this.name = props.name;
    this.description = props.description;
    this.pluginsVersion = props.pluginsVersion;
    this.cniVersions = props.cniVersions;
    this.sources = props.sources;
  }

  private ships(entry: PluginEntry | undefined): entry is PluginEntry {
    if (!entry || !this.sources.includes(entry.source)) return false;
    return entry.source !== 'plugins' || entry.since === undefined || compareVersions(this.pluginsVersion, entry.since) >= 0;
  }

  /** True when the profile ships a plugin binary named `type`. */
  hasPlugin(type: string): boolean {
    return this.ships(PLUGINS[type]);
  }

  /** True when the profile ships the IPAM plugin `type`. */
  hasIpam(type: string): boolean {
    return this.ships(IPAMS[type]);
  }

  /** True when multihome knows `type` as a plugin in any profile. */
  static isKnownPlugin(type: string): boolean {
    return Object.prototype.hasOwnProperty.call(PLUGINS, type);
  }

  /** True when multihome knows `type` as an IPAM plugin in any profile. */
  static isKnownIpam(type: string): boolean {
    return Object.prototype.hasOwnProperty.call(IPAMS, type);
  }

  /**
   * Keys the profile's build of plugin `type` decodes (common keys included), with their JSON
   * kinds; undefined when multihome does not model the plugin's keys (then nothing is flagged).
   */
  pluginKeys(type: string): ReadonlyMap<string, FieldKind> | undefined {
    const e = PLUGINS[type];
    return e ? this.keyMap(`plugin:${type}`, e.keys, COMMON_KEYS) : undefined;
  }

  /** Keys the profile's build of IPAM plugin `type` decodes; undefined when not modelled. */
  ipamKeys(type: string): ReadonlyMap<string, FieldKind> | undefined {
    const e = IPAMS[type];
    return e ? this.keyMap(`ipam:${type}`, e.keys, IPAM_COMMON_KEYS) : undefined;
  }

  private keyMap(cacheKey: string, table: KeyTable | undefined, common: KeyTable): ReadonlyMap<string, FieldKind> | undefined {
    if (!table) return undefined;
    let m = this.keyMaps.get(cacheKey);
    if (!m) this.keyMaps.set(cacheKey, (m = keysAt(table, this.pluginsVersion, common)!));
    return m;
  }

  /** The plugins release that added `key` to plugin `type`, when it is not in this profile. */
  keyIntroducedIn(type: string, key: string): string | undefined {
    const v = PLUGINS[type]?.keys?.[key];
    return v !== undefined && typeof v !== 'string' ? v.since : undefined;
  }

  /** True for meta plugins that need a prevResult (tuning, bandwidth, portmap, …). */
  isChainedOnly(type: string): boolean {
    return PLUGINS[type]?.chainedOnly === true;
  }

  /** True when `cniVersion` is one the profile's plugins accept. */
  supportsCniVersion(cniVersion: string): boolean {
    return this.cniVersions.includes(cniVersion);
  }

  /**
   * True when the bridge plugin accepts `vlan` together with `vlanTrunk` (v1.8.0 made `vlan` the
   * trunk's native VLAN; v1.3.0 … v1.7.x reject the pair in loadNetConf).
   */
  get bridgeAllowsVlanWithTrunk(): boolean {
    return compareVersions(this.pluginsVersion, '1.8.0') >= 0;
  }

  /**
   * The build a target's `cni` names: `upstream` / `upstream-<x.y[.z]>` (containernetworking/plugins
   * 1.0 … 1.9; CNI spec 1.1.0 from v1.6.0, whose go.mod moved to containernetworking/cni v1.2.3),
   * `debian-1.1.1`, `openshift` / `openshift-<4.N>` (CNAO's cnv-bridge at plugins v1.5.1 for every
   * OpenShift release multihome models). Undefined for any other name.
   */
  static forCniTarget(name: string): PluginProfile | undefined {
    if (name === 'upstream' || name === 'debian-1.1.1' || name === 'openshift') return PluginProfile.all().find((p) => p.name === name);
    if (/^openshift-4\.(1[2-9]|[2-9]\d)$/.test(name)) return PluginProfile.OPENSHIFT;
    const m = /^upstream-(1\.\d)(\.\d{1,2})?$/.exec(name);
    if (!m) return undefined;
    const version = m[1] + (m[2] ?? (m[1] === '1.9' ? '.1' : '.0'));
    if (compareVersions(version, '1.9.1') > 0) return undefined;
    if (version === PluginProfile.UPSTREAM.pluginsVersion) return PluginProfile.UPSTREAM;
    let p = VERSIONED_UPSTREAM.get(version);
    if (!p) {
      const cniVersions = ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0', ...(compareVersions(version, '1.6.0') >= 0 ? ['1.1.0'] : [])];
      p = new PluginProfile({ name, description: `containernetworking/plugins v${version} + whereabouts, sriov-cni, ovn-k8s-cni-overlay`, pluginsVersion: version, cniVersions, sources: ['plugins', 'sriov-cni', 'ovn-kubernetes', 'whereabouts'] });
      VERSIONED_UPSTREAM.set(version, p);
    }
    return p;
  }

  /** All profiles, in {@link PLUGIN_PROFILE_NAMES} order. */
  static all(): readonly PluginProfile[] {
    return [PluginProfile.UPSTREAM, PluginProfile.DEBIAN_1_1_1, PluginProfile.OPENSHIFT];
  }
}

/** Upstream profiles of other plugin releases, made once per version ({@link PluginProfile.forCniTarget}). */
const VERSIONED_UPSTREAM = new Map<string, PluginProfile>();

/** The profile `validateNad` uses when none is given: current upstream. */
export const DEFAULT_PLUGIN_PROFILE: PluginProfile = PluginProfile.UPSTREAM;

/** Looks a profile up by name (`upstream`, `debian-1.1.1`, `openshift`); throws on an unknown name. */
export function pluginProfileByName(name: string): PluginProfile {
  const p = PluginProfile.all().find((x) => x.name === name);
  if (!p) throw new Error(`unknown CNI plugin profile ${JSON.stringify(name)}; expected one of ${PLUGIN_PROFILE_NAMES.join(', ')}`);
  return p;
}
