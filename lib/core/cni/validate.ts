import { Problem } from '../errors';
import { interfaceNameError, MAX_IFNAME_LENGTH } from '../names';
import { joinPath } from '../path';
import { isRecord, ProblemSink, show } from '../problems';
import { cidrContains, cidrContainsCidr, compareIps, formatCidr, hasHostBits, networkAddress, parseCidr, parseIp, Cidr, Ip } from './addr';
import { bridgeResourceName } from './builders';
import { CniCode, CNI_CODES } from './codes';
import { nadResourceRef, ParsedNad, readNad } from './nad';
import { DEFAULT_PLUGIN_PROFILE, FieldKind, PluginProfile } from './profiles';
import { RESOURCE_NAME_ANNOTATION } from './types';

/*
 * Validation of NetworkAttachmentDefinitions and the CNI JSON inside them, rule for rule as the
 * consumers check it: Multus / network-attachment-definition-client (the envelope), libcni (type,
 * cniVersion, conflist), the plugins' own config loaders (bridge, macvlan, ipvlan, host-device,
 * tuning, static, host-local at containernetworking/plugins v1.1.1 … v1.9.1), sriov-cni,
 * whereabouts and OVN-Kubernetes. Each rule cites the upstream file and function it mirrors; the
 * code table (codes.ts) holds severities. Paths are from the manifest root, e.g.
 * `spec.config.plugins[0].vlan`.
 */

/** Options of {@link validateNad}. */
export interface ValidateNadOptions {
  /**
   * Which plugin build the nodes run (which types, keys and cniVersions exist).
   * @default DEFAULT_PLUGIN_PROFILE (PluginProfile.UPSTREAM)
   */
  readonly profile?: PluginProfile;
}

type Rec = Record<string, unknown>;

const RESOURCE_PATH = joinPath('metadata', 'annotations', RESOURCE_NAME_ANNOTATION);

/** JSON type name of a value, in Go-decoder terms, for messages. */
function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (Number.isInteger(v)) return 'integer';
  return typeof v === 'object' ? 'object' : typeof v;
}

/** True when `v` decodes into a Go field of `kind` (JSON null always decodes: zero value). */
function kindMatches(kind: FieldKind, v: unknown): boolean {
  if (v === null) return true;
  switch (kind) {
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'object':
      return isRecord(v);
    case 'array':
      return Array.isArray(v);
    case 'stringMap':
      return isRecord(v) && Object.values(v).every((x) => typeof x === 'string' || x === null);
    case 'boolMap':
      return isRecord(v) && Object.values(v).every((x) => typeof x === 'boolean' || x === null);
    case 'any':
      return true;
  }
}

const KIND_WORDS: Record<FieldKind, string> = {
  string: 'a string',
  boolean: 'true or false',
  integer: 'an integer',
  object: 'a JSON object',
  array: 'a JSON array',
  stringMap: 'an object of string values',
  boolMap: 'an object of true/false values',
  any: 'any value',
};

/** Checks one NAD; every rule adds to the sink and goes on (collect all, fail once). */
class NadChecker {
  private readonly nadName: string;
  private readonly namespace?: string;
  private readonly annotations: Rec;

  constructor(
    private readonly sink: ProblemSink,
    private readonly profile: PluginProfile,
    private readonly nad: ParsedNad,
  ) {
    this.nadName = nad.metadata.name;
    this.namespace = typeof nad.metadata.namespace === 'string' ? nad.metadata.namespace : undefined;
    this.annotations = isRecord(nad.metadata.annotations) ? nad.metadata.annotations : {};
  }

  private add(code: CniCode, path: string, message: string, fix: string): void {
    this.sink.add(code, path, message, fix);
  }

  run(): void {
    const cfg = this.nad.config as Rec;
    const base = 'spec.config';
    this.checkName(cfg, base);
    this.checkCniVersion(cfg, base);
    if (Object.prototype.hasOwnProperty.call(cfg, 'plugins')) {
      // libcni/conf.go ConfListFromBytes: "invalid 'plugins' type", "no plugins in list".
      const plugins = cfg.plugins;
      const path = joinPath(base, 'plugins');
      if (!Array.isArray(plugins)) {
        this.add('CNI_PLUGINS_INVALID', path, `plugins is ${show(plugins)}; allowed: a non-empty JSON array of plugin objects`, 'list the plugins: "plugins": [{"type": "bridge", ...}]');
        return;
      }
      if (plugins.length === 0) {
        this.add('CNI_PLUGINS_INVALID', path, 'plugins is an empty list; libcni refuses a conflist without plugins ("no plugins in list")', 'add at least one plugin object');
        return;
      }
      plugins.forEach((p, i) => {
        const pp = joinPath(path, i);
        if (!isRecord(p)) {
          this.add('CNI_PLUGINS_INVALID', pp, `plugins[${i}] is ${show(p)}; allowed: a plugin object with "type"`, 'write each plugin as {"type": ..., ...}');
          return;
        }
        this.checkPlugin(p, pp, i, cfg);
      });
    } else {
      this.checkPlugin(cfg, base, 0, cfg);
    }
  }

  // --- envelope-level rules ---------------------------------------------------------------------

  private checkName(cfg: Rec, base: string): void {
    const path = joinPath(base, 'name');
    if (cfg.name === undefined) return; // network-attachment-definition-client GetCNIConfigFromSpec injects the NAD name
    if (typeof cfg.name !== 'string') {
      this.add('CNI_FIELD_TYPE', path, `name is ${show(cfg.name)} (${jsonType(cfg.name)}); allowed: a string`, `set "name": "${this.nadName}"`);
      return;
    }
    // Multus only injects metadata.name when `name` is absent or "" (GetCNIConfigFromSpec); the
    // multi-net-spec recommends both match and OVN-K treats `name` as the network identity.
    if (cfg.name !== '' && cfg.name !== this.nadName && !this.isOvn(cfg)) {
      this.add('NAD_NAME_MISMATCH', path, `name is ${show(cfg.name)} but metadata.name is ${show(this.nadName)}; they should be equal`, `set "name": "${this.nadName}" (or drop it: Multus injects the NAD name)`);
    }
  }

  private isOvn(cfg: Rec): boolean {
    if (cfg.type === 'ovn-k8s-cni-overlay') return true;
    return Array.isArray(cfg.plugins) && cfg.plugins.some((p) => isRecord(p) && p.type === 'ovn-k8s-cni-overlay');
  }

  private checkCniVersion(cfg: Rec, base: string): void {
    const path = joinPath(base, 'cniVersion');
    const v = cfg.cniVersion;
    const supported = this.profile.cniVersions.join(', ');
    if (v === undefined || v === '') {
      // containernetworking/cni pkg/types/create/create.go DecodeVersion: "" → "0.1.0".
      if (Array.isArray(cfg.cniVersions) && cfg.cniVersions.length > 0) return; // CNI 1.1 list form
      this.add('CNI_VERSION_MISSING', path, `cniVersion is missing; libcni then treats the config as CNI spec 0.1.0 (profile ${this.profile.name} supports ${supported})`, `set "cniVersion": "${this.highestCommon()}"`);
      return;
    }
    if (typeof v !== 'string') {
      this.add('CNI_FIELD_TYPE', path, `cniVersion is ${show(v)} (${jsonType(v)}); allowed: a version string such as "1.0.0"`, `set "cniVersion": "${this.highestCommon()}"`);
      return;
    }
    // pkg/skel/skel.go checkVersionAndCall → pkg/version/reconcile.go CheckRaw: exact match.
    if (!this.profile.supportsCniVersion(v)) {
      this.add('CNI_VERSION_UNSUPPORTED', path, `cniVersion is ${show(v)}; the ${this.profile.name} plugins accept exactly one of ${supported}`, `set "cniVersion": "${this.highestCommon()}"`);
    }
  }

  private highestCommon(): string {
    return this.profile.supportsCniVersion('1.0.0') ? '1.0.0' : this.profile.cniVersions[this.profile.cniVersions.length - 1];
  }

  // --- one plugin ---------------------------------------------------------------------------------

  private checkPlugin(p: Rec, path: string, index: number, top: Rec): void {
    const type = p.type;
    if (typeof type !== 'string' || type === '') {
      // libcni/conf.go ConfFromBytes "missing 'type'"; multus pkg/types/conf.go LoadDelegateNetConf.
      this.add('CNI_TYPE_MISSING', joinPath(path, 'type'), `type is ${show(type)}; every plugin needs a non-empty string type naming the plugin binary`, 'set "type" (e.g. "bridge", "macvlan", "ovn-k8s-cni-overlay")');
      return;
    }
    // Decision: a type the profile does not ship is a WARNING, not an error. NADs legitimately use
    // plugins installed by operators (ovs-cni, macvtap, SR-IOV operator, CNAO's cnv-bridge) that a
    // base profile cannot know about, and the failure is loud at pod start ("failed to find plugin
    // in path", containernetworking/cni pkg/invoke/find.go), not silent. Rejecting would produce
    // false errors on valid NADs such as the nad-client example with type "foo".
    if (!this.profile.hasPlugin(type)) {
      const known = PluginProfile.isKnownPlugin(type);
      this.add(
        'CNI_TYPE_NOT_IN_PROFILE',
        joinPath(path, 'type'),
        known
          ? `type ${show(type)} is not shipped by plugin profile ${this.profile.name} (${this.profile.description})`
          : `type ${show(type)} is not a plugin multihome knows; profile ${this.profile.name} does not ship it`,
        known ? `make sure the nodes have the ${type} binary (installed by its operator), or pick the matching profile` : 'check the spelling, and that the binary is installed on every node',
      );
    }
    // plugins/meta/tuning/tuning.go cmdAdd "Required prevResult missing"; bandwidth/portmap/sbr
    // main.go "must be called as chained plugin".
    if (index === 0 && this.profile.isChainedOnly(type)) {
      this.add('CNI_CHAINED_PLUGIN_FIRST', joinPath(path, 'type'), `${type} is a chained meta plugin but is the first plugin of ${path === 'spec.config' ? 'the config' : 'the conflist'}; it needs the result of a preceding plugin`, `put a main plugin (bridge, macvlan, …) before ${type} in "plugins"`);
    }
    const known = this.checkKeys(p, path, this.profile.pluginKeys(type), `the ${type} plugin of profile ${this.profile.name}`, type);

    const ipamType = this.checkIpam(p, path);

    switch (type) {
      case 'bridge':
      case 'cnv-bridge':
        this.checkBridge(p, path, known, ipamType, index);
        break;
      case 'macvlan':
        this.checkMaster(p, path);
        this.checkMode(p, path, 'CNI_MACVLAN_MODE_INVALID', ['bridge', 'private', 'vepa', 'passthru'], 'plugins/main/macvlan/macvlan.go modeFromString');
        this.checkMtu(p, path);
        break;
      case 'ipvlan':
        this.checkMaster(p, path);
        this.checkMode(p, path, 'CNI_IPVLAN_MODE_INVALID', ['l2', 'l3', 'l3s'], 'plugins/main/ipvlan/ipvlan.go modeFromString');
        this.checkMtu(p, path);
        break;
      case 'host-device':
        this.checkHostDevice(p, path);
        break;
      case 'sriov':
        this.checkSriov(p, path, index);
        break;
      case 'ovn-k8s-cni-overlay':
        this.checkOvn(p, path, top);
        break;
      case 'tuning':
      case 'cnv-tuning':
        this.checkMtu(p, path);
        break;
      default:
        break;
    }
  }

  /**
   * Unknown keys (warning: Go's encoding/json drops them — bridge.go NetConf et al.) and wrong
   * JSON types of known keys (error: json.Unmarshal fails in loadNetConf). Go matches keys
   * case-insensitively, so `"VLAN"` is the `vlan` field. Returns the keys the build knows.
   */
  private checkKeys(obj: Rec, path: string, keys: ReadonlyMap<string, FieldKind> | undefined, what: string, type: string): (key: string) => boolean {
    if (!keys) return () => true;
    const lower = new Map<string, string>();
    for (const k of keys.keys()) lower.set(k.toLowerCase(), k);
    for (const [k, v] of Object.entries(obj)) {
      const field = keys.has(k) ? k : lower.get(k.toLowerCase());
      const kp = joinPath(path, k);
      if (field === undefined) {
        const since = this.profile.keyIntroducedIn(type, k);
        this.add(
          'CNI_UNKNOWN_KEY',
          kp,
          since
            ? `${k} is ignored by ${what}: the key exists only from containernetworking/plugins v${since} (this build is v${this.profile.pluginsVersion}); Go's JSON decoding drops it silently`
            : `${k} is not a key of ${what}; Go's JSON decoding drops it silently`,
          since ? `remove ${k}, or target nodes with plugins ≥ v${since}` : `remove ${k} or fix its spelling`,
        );
        continue;
      }
      const kind = keys.get(field)!;
      if (!kindMatches(kind, v)) {
        this.add('CNI_FIELD_TYPE', kp, `${k} is ${show(v)} (${jsonType(v)}); allowed: ${KIND_WORDS[kind]} — otherwise the plugin's json.Unmarshal fails`, `write ${k} as ${KIND_WORDS[kind]}`);
      }
    }
    return (key: string) => keys.has(key);
  }

  private int(p: Rec, key: string): number | undefined {
    const v = p[key];
    return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
  }

  private str(p: Rec, key: string): string | undefined {
    const v = p[key];
    return typeof v === 'string' ? v : undefined;
  }

  private checkMtu(p: Rec, path: string): void {
    const mtu = this.int(p, 'mtu');
    // linux net/core/dev.c dev_validate_mtu: ETH_MIN_MTU 68 … ETH_MAX_MTU 65535; 0 = not set.
    if (mtu !== undefined && mtu !== 0 && (mtu < 68 || mtu > 65535)) {
      this.add('CNI_MTU_INVALID', joinPath(path, 'mtu'), `mtu is ${mtu}; allowed: 68..65535 (or 0/absent for the default)`, 'use the uplink MTU (e.g. 1500 or 9000) or drop mtu');
    }
  }

  private checkIfname(p: Rec, path: string, key: string, what: string): string | undefined {
    const v = p[key];
    if (typeof v !== 'string') return undefined;
    const err = interfaceNameError(v);
    if (err) {
      this.add('CNI_INTERFACE_NAME_INVALID', joinPath(path, key), `${key} (${what}) is ${show(v)}, which ${err}`, `use a kernel interface name of at most ${MAX_IFNAME_LENGTH} bytes without '/', ':' or whitespace`);
      return undefined;
    }
    return v;
  }

  private checkMaster(p: Rec, path: string): void {
    this.checkIfname(p, path, 'master', 'host interface');
  }

  private checkMode(p: Rec, path: string, code: CniCode, allowed: string[], upstream: string): void {
    const mode = p.mode;
    if (typeof mode === 'string' && mode !== '' && !allowed.includes(mode)) {
      // upstream: containernetworking/plugins <upstream> ("unknown … mode")
      this.add(code, joinPath(path, 'mode'), `mode is ${show(mode)}; allowed: ${allowed.join(', ')} (${upstream})`, `set "mode" to one of ${allowed.join(', ')} or drop it for the default ${allowed[0]}`);
    }
  }

  // --- bridge ------------------------------------------------------------------------------------

  private checkBridge(p: Rec, path: string, known: (k: string) => boolean, ipamType: string | undefined, index: number): void {
    const bridgeGiven = p.bridge !== undefined;
    // bridge.go loadNetConf: BrName defaults to "cni0"; ensureBridge → netlink LinkAdd (kernel
    // dev_valid_name).
    const bridge = bridgeGiven ? this.checkIfname(p, path, 'bridge', 'Linux bridge on the node') : 'cni0';
    const vlan = this.int(p, 'vlan');
    // bridge.go loadNetConf "invalid VLAN ID %d (must be between 0 and 4094)".
    if (vlan !== undefined && (vlan < 0 || vlan > 4094)) {
      this.add('CNI_BRIDGE_VLAN_RANGE', joinPath(path, 'vlan'), `vlan is ${vlan}; allowed: 0..4094 (0 = untagged)`, 'use the VLAN id the uplink trunk carries (1..4094) or 0');
    }
    const trunkIds = known('vlanTrunk') ? this.checkVlanTrunk(p, path) : 0;
    // bridge.go v1.3.0 … v1.7.1 loadNetConf "cannot set vlan and vlanTrunk at the same time"
    // (n.Vlan > 0 && n.vlans != nil); v1.8.0 made vlan the native VLAN of the trunk.
    if (vlan !== undefined && vlan > 0 && trunkIds > 0 && !this.profile.bridgeAllowsVlanWithTrunk) {
      this.add('CNI_BRIDGE_VLAN_WITH_TRUNK', joinPath(path, 'vlan'), `vlan ${vlan} together with vlanTrunk is rejected by the bridge plugin v${this.profile.pluginsVersion} (allowed from v1.8.0)`, 'use either vlan (access port) or vlanTrunk (tagged trunk), not both');
    }
    // bridge.go cmdAdd "cannot set hairpin mode and promiscuous mode at the same time".
    if (p.hairpinMode === true && p.promiscMode === true) {
      this.add('CNI_BRIDGE_HAIRPIN_PROMISC', joinPath(path, 'hairpinMode'), 'hairpinMode and promiscMode are both true; the bridge plugin refuses the combination', 'set only one of hairpinMode / promiscMode');
    }
    // bridge.go cmdAdd "cannot use IPAM when DisableContainerInterface flag is set" (v1.4.1+).
    if (known('disableContainerInterface') && p.disableContainerInterface === true && ipamType) {
      this.add('CNI_BRIDGE_DISABLE_IFACE_WITH_IPAM', joinPath(path, 'disableContainerInterface'), `disableContainerInterface is true while ipam.type is ${show(ipamType)}; the plugin refuses IPAM on a container interface it leaves down`, 'use "ipam": {} (L2 only) or drop disableContainerInterface');
    }
    // bridge.go ensureVlanInterface creates "<bridge>.<vlan>" when isGateway (isDefaultGateway
    // implies it) meets a VLAN and IPAM returned a gateway.
    const gw = p.isGateway === true || p.isDefaultGateway === true;
    if (bridge !== undefined && gw && vlan !== undefined && vlan > 0 && ipamType) {
      const name = `${bridge}.${vlan}`;
      if (Buffer.byteLength(name, 'utf8') > MAX_IFNAME_LENGTH) {
        this.add('CNI_BRIDGE_VLAN_GATEWAY_NAME_TOO_LONG', joinPath(path, 'bridge'), `bridge ${show(bridge)} with isGateway and vlan ${vlan} makes the plugin create ${show(name)} (${name.length} bytes); the kernel allows at most ${MAX_IFNAME_LENGTH}`, `shorten the bridge name to at most ${MAX_IFNAME_LENGTH - 1 - String(vlan).length} characters or drop isGateway`);
      }
    }
    // Security default: bridge.go MacSpoofChk defaults to false.
    // (a non-boolean value is already a CNI_FIELD_TYPE error)
    if (p.macspoofchk !== true && (p.macspoofchk === undefined || p.macspoofchk === null || p.macspoofchk === false)) {
      this.add('CNI_BRIDGE_MACSPOOFCHK_OFF', joinPath(path, 'macspoofchk'), `macspoofchk is ${show(p.macspoofchk)}; without it a VM can send frames with any source MAC`, 'set "macspoofchk": true (needs nftables on the node)');
    }
    if (index === 0) this.checkBridgeResourceName(bridge ?? (typeof p.bridge === 'string' ? p.bridge : 'cni0'), bridgeGiven);
    this.checkMtu(p, path);
  }

  /** Returns the number of VLAN ids the trunk declares (0 when none or invalid). */
  private checkVlanTrunk(p: Rec, path: string): number {
    const trunk = p.vlanTrunk;
    if (!Array.isArray(trunk)) return 0;
    let ids = 0;
    const tp = joinPath(path, 'vlanTrunk');
    const bad = (at: string, msg: string): void =>
      this.add('CNI_BRIDGE_VLAN_TRUNK_INVALID', at, msg, 'use {"id": N} or {"minID": A, "maxID": B} with 1 ≤ A ≤ B ≤ 4094');
    // bridge.go collectVlanTrunk.
    trunk.forEach((e, i) => {
      const ep = joinPath(tp, i);
      if (!isRecord(e)) {
        this.add('CNI_FIELD_TYPE', ep, `vlanTrunk[${i}] is ${show(e)}; allowed: an object {"id"} or {"minID", "maxID"}`, 'write the entry as an object');
        return;
      }
      for (const k of ['id', 'minID', 'maxID']) {
        if (e[k] !== undefined && e[k] !== null && !Number.isInteger(e[k])) {
          this.add('CNI_FIELD_TYPE', joinPath(ep, k), `vlanTrunk[${i}].${k} is ${show(e[k])}; allowed: an integer`, `write ${k} as a number`);
        }
      }
      const min = Number.isInteger(e.minID) ? (e.minID as number) : undefined;
      const max = Number.isInteger(e.maxID) ? (e.maxID as number) : undefined;
      const id = Number.isInteger(e.id) ? (e.id as number) : undefined;
      const inRange = (n: number): boolean => n >= 1 && n <= 4094;
      if (min !== undefined && max === undefined) bad(joinPath(ep, 'maxID'), `vlanTrunk[${i}] has minID ${min} but no maxID; the plugin needs both ("maxID is missing")`);
      else if (min === undefined && max !== undefined) bad(joinPath(ep, 'minID'), `vlanTrunk[${i}] has maxID ${max} but no minID; the plugin needs both ("minID is missing")`);
      else if (min !== undefined && max !== undefined) {
        if (!inRange(min)) bad(joinPath(ep, 'minID'), `vlanTrunk[${i}].minID is ${min}; allowed: 1..4094`);
        else if (!inRange(max)) bad(joinPath(ep, 'maxID'), `vlanTrunk[${i}].maxID is ${max}; allowed: 1..4094`);
        else if (max < min) bad(joinPath(ep, 'minID'), `vlanTrunk[${i}] has minID ${min} greater than maxID ${max}`);
        else ids += max - min + 1;
      }
      if (id !== undefined) {
        if (!inRange(id)) bad(joinPath(ep, 'id'), `vlanTrunk[${i}].id is ${id}; allowed: 1..4094`);
        else ids += 1;
      }
    });
    return ids;
  }

  private checkBridgeResourceName(bridge: string, bridgeGiven: boolean): void {
    // kubevirt/bridge-marker pkg/marker/marker.go reports node capacity
    // bridge.network.kubevirt.io/<bridge>; a NAD requesting it only schedules where the bridge is.
    const expected = bridgeResourceName(bridge);
    const rn = this.annotations[RESOURCE_NAME_ANNOTATION];
    if (rn === undefined) {
      this.add('NAD_BRIDGE_RESOURCE_NAME_MISSING', RESOURCE_PATH, `no ${RESOURCE_NAME_ANNOTATION} annotation on a Linux-bridge NAD; pods may land on nodes without bridge ${show(bridge)}${bridgeGiven ? '' : ' (the default "cni0")'}, where the plugin creates an isolated one`, `add annotation ${RESOURCE_NAME_ANNOTATION}: ${expected} (bridge-marker reports it)`);
    } else if (rn !== expected) {
      this.add('NAD_BRIDGE_RESOURCE_NAME_MISMATCH', RESOURCE_PATH, `${RESOURCE_NAME_ANNOTATION} is ${show(rn)} but the config's bridge is ${show(bridge)}; bridge-marker reports ${show(expected)}`, `set the annotation to ${expected}, or the config's bridge to the bridge the annotation names`);
    }
  }

  // --- host-device / sriov ------------------------------------------------------------------------

  private checkHostDevice(p: Rec, path: string): void {
    this.checkIfname(p, path, 'device', 'host interface to move into the pod');
    const has = ['device', 'hwaddr', 'kernelpath', 'pciBusID'].some((k) => typeof p[k] === 'string' && p[k] !== '');
    // host-device.go loadConf: `specify either "device", "hwaddr", "kernelpath" or "pciBusID"`,
    // unless Multus injects runtimeConfig.deviceID from the resourceName's device plugin.
    if (!has && this.annotations[RESOURCE_NAME_ANNOTATION] === undefined) {
      this.add('CNI_HOST_DEVICE_NO_SELECTOR', joinPath(path, 'device'), 'host-device names no device (device, hwaddr, kernelpath, pciBusID) and the NAD has no resourceName through which Multus could inject one', `set "device" (or hwaddr/kernelpath/pciBusID), or add ${RESOURCE_NAME_ANNOTATION} of a device-plugin pool`);
    }
  }

  private checkSriov(p: Rec, path: string, index: number): void {
    // sriov-cni pkg/config/config.go LoadConf "VF pci addr is required": the deviceID comes from
    // Multus, which only looks it up through the resourceName annotation (k8sclient.go).
    if (index === 0 && this.annotations[RESOURCE_NAME_ANNOTATION] === undefined && typeof p.deviceID !== 'string') {
      this.add('NAD_SRIOV_RESOURCE_NAME_MISSING', RESOURCE_PATH, `no ${RESOURCE_NAME_ANNOTATION} annotation on an sriov NAD; Multus cannot inject the VF's deviceID and the plugin fails ("VF pci addr is required")`, `add ${RESOURCE_NAME_ANNOTATION}: <vendor>/<pool> of the SR-IOV device plugin (a vfio-pci pool for KubeVirt)`);
    }
    const vlan = this.int(p, 'vlan');
    const qos = this.int(p, 'vlanQoS');
    const proto = this.str(p, 'vlanProto');
    const bad = (key: string, msg: string, fix: string): void => this.add('CNI_SRIOV_VLAN_INVALID', joinPath(path, key), msg, fix);
    // sriov-cni config.go LoadConf (vlan / vlanQoS / vlanProto rules, in upstream order).
    if (p.vlan === undefined || p.vlan === null) {
      if (p.vlanQoS !== undefined && p.vlanQoS !== null) bad('vlanQoS', `vlanQoS is ${show(p.vlanQoS)} without vlan; sriov-cni requires vlan to set QoS`, 'set vlan or drop vlanQoS');
      if (p.vlanProto !== undefined && p.vlanProto !== null) bad('vlanProto', `vlanProto is ${show(p.vlanProto)} without vlan; sriov-cni requires vlan to set the protocol`, 'set vlan or drop vlanProto');
    } else if (vlan !== undefined) {
      if (vlan < 0 || vlan > 4094) bad('vlan', `vlan is ${vlan}; allowed: 0..4094`, 'use a VLAN id 0..4094');
      else if (qos !== undefined && (qos < 0 || qos > 7)) bad('vlanQoS', `vlanQoS is ${qos}; allowed: 0..7 (802.1p PCP)`, 'use a priority 0..7');
      else if (qos !== undefined && qos !== 0 && vlan === 0) bad('vlanQoS', `vlanQoS is ${qos} with vlan 0; a non-zero QoS needs a non-zero vlan`, 'set a VLAN id or vlanQoS 0');
      else if (proto !== undefined && !['802.1q', '802.1ad'].includes(proto.toLowerCase())) bad('vlanProto', `vlanProto is ${show(proto)}; allowed: 802.1Q, 802.1ad`, 'use "802.1Q" (default) or "802.1ad"');
      else if (proto !== undefined && proto.toLowerCase() === '802.1ad' && vlan === 0) bad('vlanProto', 'vlanProto is 802.1ad with vlan 0; 802.1ad needs a non-zero vlan', 'set a VLAN id');
    }
    // sriov-cni pkg/sriov/sriov.go ApplyVFConfig: spoofchk/trust == "on" → on, anything else → off;
    // config.go LoadConf: "invalid link_state value".
    for (const k of ['spoofchk', 'trust']) {
      const v = p[k];
      if (typeof v === 'string' && v !== '' && v !== 'on' && v !== 'off') {
        this.add('CNI_SRIOV_FLAG_INVALID', joinPath(path, k), `${k} is ${show(v)}; allowed: "on" or "off" (sriov-cni treats every other value as off)`, `set "${k}": "on" or "off"`);
      }
    }
    const ls = p.link_state;
    if (typeof ls === 'string' && ls !== '' && !['auto', 'enable', 'disable'].includes(ls)) {
      this.add('CNI_SRIOV_FLAG_INVALID', joinPath(path, 'link_state'), `link_state is ${show(ls)}; allowed: auto, enable, disable`, 'use auto, enable or disable');
    }
    this.checkMtu(p, path);
  }

  // --- ovn-k8s-cni-overlay ------------------------------------------------------------------------

  private checkOvn(p: Rec, path: string, top: Rec): void {
    const topology = p.topology;
    const allowed = ['layer3', 'layer2', 'localnet'];
    // ovn-kubernetes go-controller/pkg/config/cni.go ParseNetConf: no topology = the default
    // network's NAD; pkg/util/multi_network.go newNetInfo "topology %s not supported".
    if (typeof topology !== 'string' || !allowed.includes(topology)) {
      this.add('CNI_OVN_TOPOLOGY_INVALID', joinPath(path, 'topology'), topology === undefined || topology === ''
        ? 'topology is missing; OVN-Kubernetes then treats the NAD as its default cluster network, not a secondary network'
        : `topology is ${show(topology)}; allowed: ${allowed.join(', ')}`, 'set "topology": "localnet" (physical network), "layer2" or "layer3"');
      return;
    }
    // config/cni.go ValidateNetConfNameFields: name must be set and not "default"/"ovn-kubernetes"
    // (the conflist name when the plugin sits in a list).
    const name = (p === top ? p.name : top.name) ?? p.name;
    const namePath = joinPath(p === top ? path : 'spec.config', 'name');
    if (typeof name !== 'string' || name === '' || name === 'default' || name === 'ovn-kubernetes') {
      this.add('CNI_OVN_NAME_INVALID', namePath, `name is ${show(name)}; an OVN secondary network needs a name other than "default" and "ovn-kubernetes" (it is the cluster-wide network identity)`, `set "name" to the network name shared by every NAD of this network`);
    }
    // multi_network.go ValidateNetConf "net-attach-def name (%s) is inconsistent with config (%s)".
    const nadRef = p.netAttachDefName;
    const expected = this.namespace !== undefined ? `${this.namespace}/${this.nadName}` : undefined;
    const ok = typeof nadRef === 'string' && (expected !== undefined ? nadRef === expected : /^[^/]+\//.test(nadRef) && nadRef.split('/')[1] === this.nadName && nadRef.split('/').length === 2);
    if (!ok) {
      const want = expected ?? `<namespace>/${this.nadName}`;
      this.add('CNI_OVN_NAD_NAME_MISMATCH', joinPath(path, 'netAttachDefName'), `netAttachDefName is ${show(nadRef)}; OVN-Kubernetes requires ${show(want)} (namespace/name of this NAD)`, `set "netAttachDefName": "${want}"`);
    }
    const reject = (key: string, msg: string, fix: string): void => this.add('CNI_OVN_FIELD_NOT_FOR_TOPOLOGY', joinPath(path, key), msg, fix);
    const role = p.role;
    // multi_network.go ValidateNetConf: role value set, role on localnet, persistent IPs on
    // layer3, joinSubnet on localnet, ipam key, primary layer2 without subnets, layer2-only keys.
    if (typeof role === 'string' && role !== '' && role !== 'primary' && role !== 'secondary') reject('role', `role is ${show(role)}; allowed: primary, secondary`, 'use "secondary" (default) or "primary"');
    else if (topology === 'localnet' && typeof role === 'string' && role !== '' && role !== 'secondary') reject('role', `role is ${show(role)} on a localnet network; localnet is always secondary`, 'drop role');
    if (topology === 'layer3' && p.allowPersistentIPs === true) reject('allowPersistentIPs', 'allowPersistentIPs is true on layer3; OVN-Kubernetes allows persistent IPs only on layer2 and localnet', 'drop allowPersistentIPs or use layer2/localnet');
    if (topology === 'localnet' && typeof p.joinSubnet === 'string' && p.joinSubnet !== '') reject('joinSubnet', `joinSubnet is ${show(p.joinSubnet)} on localnet; localnet has no services, so no join subnet`, 'drop joinSubnet');
    if (role === 'primary' && topology === 'layer2' && (typeof p.subnets !== 'string' || p.subnets.trim() === '')) reject('subnets', 'a primary layer2 network needs subnets', 'set "subnets"');
    for (const k of ['infrastructureSubnets', 'reservedSubnets', 'defaultGatewayIPs']) {
      if (topology !== 'layer2' && typeof p[k] === 'string' && p[k] !== '') reject(k, `${k} is only supported for layer2 topology (this is ${topology})`, `drop ${k}`);
    }
    const ipam = p.ipam;
    if (isRecord(ipam) && typeof ipam.type === 'string' && ipam.type !== '') {
      reject('ipam', `ipam.type is ${show(ipam.type)}; OVN-Kubernetes refuses an ipam block ("IPAM key is not supported. Use OVN-K provided IPAM via the subnets attribute")`, 'drop ipam and set "subnets"');
    }
    // Only newLocalnetNetConfInfo reads vlanID / physicalNetworkName.
    if (topology !== 'localnet') {
      for (const k of ['vlanID', 'physicalNetworkName']) {
        if (p[k] !== undefined && p[k] !== null && p[k] !== 0 && p[k] !== '') {
          this.add('CNI_OVN_LOCALNET_ONLY_FIELD', joinPath(path, k), `${k} is ${show(p[k])} on a ${topology} network; only localnet reads it, so it is ignored`, `drop ${k} or use topology localnet`);
        }
      }
    }
    this.checkOvnSubnets(p, path, topology);
    this.checkMtu(p, path);
  }

  private checkOvnSubnets(p: Rec, path: string, topology: string): void {
    // config/utils.go ParseClusterSubnetEntriesWithDefaults; util/multi_network.go parseSubnets.
    const parse = (key: string, hostLenAllowed: boolean): Cidr[] | undefined => {
      const v = p[key];
      if (typeof v !== 'string' || v.trim() === '') return [];
      const out: Cidr[] = [];
      for (const raw of v.split(',')) {
        const entry = raw.trim();
        const parts = entry.split('/');
        const c = parts.length >= 2 && parts.length <= 3 ? parseCidr(`${parts[0]}/${parts[1]}`) : undefined;
        let err: string | undefined;
        if (!c) err = `${show(entry)} is not a CIDR`;
        else if (parts.length === 3) {
          const hl = /^[0-9]+$/.test(parts[2]) ? Number(parts[2]) : NaN;
          const v6 = c.ip.kind() === 'ipv6';
          if (!hostLenAllowed) err = `${show(entry)} has a host prefix, which only layer3 subnets may have`;
          else if (Number.isNaN(hl)) err = `${show(entry)} has a non-numeric host prefix`;
          else if (v6 && hl !== 64) err = `${show(entry)}: IPv6 only supports /64 host subnets`;
          else if (!v6 && hl > 32) err = `${show(entry)}: the IPv4 host prefix must be ≤ 32`;
          else if (hl <= c.prefix) err = `${show(entry)}: the host prefix must be longer than the subnet prefix ${c.prefix}`;
        } else if (hostLenAllowed) {
          const hl = c.ip.kind() === 'ipv6' ? 64 : 24;
          if (hl <= c.prefix) err = `${show(entry)}: layer3 assumes a /${hl} per node, which must be longer than the subnet prefix (write "${entry}/<host prefix>")`;
        }
        if (err) {
          this.add('CNI_OVN_SUBNETS_INVALID', joinPath(path, key), `${key} ${err}; allowed: comma-separated CIDRs${hostLenAllowed ? ' with an optional host prefix (10.128.0.0/14/23)' : ''}`, `fix ${key}`);
          return undefined;
        }
        out.push(c!);
      }
      return out;
    };
    const subnets = parse('subnets', topology === 'layer3');
    const excludes = topology === 'layer3' ? [] : parse('excludeSubnets', false);
    if (!subnets || !excludes) return;
    for (const ex of excludes) {
      if (!subnets.some((s) => cidrContainsCidr(s, ex))) {
        this.add('CNI_OVN_SUBNETS_INVALID', joinPath(path, 'excludeSubnets'), `excludeSubnets entry ${formatCidr(ex)} is not inside any of subnets ${show(p.subnets)}`, 'exclude only addresses inside subnets');
        return;
      }
    }
  }

  // --- IPAM -------------------------------------------------------------------------------------

  /** Checks the ipam block of a plugin; returns its type when it has one. */
  private checkIpam(p: Rec, path: string): string | undefined {
    if (!Object.prototype.hasOwnProperty.call(p, 'ipam') || p.ipam === null) return undefined;
    const ip = joinPath(path, 'ipam');
    const ipam = p.ipam;
    // containernetworking/cni pkg/types/types.go IPAM{Type string}: a non-object fails decoding.
    if (!isRecord(ipam)) {
      this.add('CNI_IPAM_INVALID', ip, `ipam is ${show(ipam)}; allowed: a JSON object ({} for no IPAM)`, 'write "ipam": {} or an IPAM block with "type"');
      return undefined;
    }
    const type = ipam.type;
    if (type === undefined || type === '') {
      const keys = Object.keys(ipam).filter((k) => k !== 'type');
      // bridge.go: isLayer3 := n.IPAM.Type != "" — settings without a type are ignored.
      if (keys.length > 0) {
        this.add('CNI_IPAM_INVALID', joinPath(ip, 'type'), `ipam has ${keys.join(', ')} but no type; the plugin runs without IPAM and ignores them`, 'set ipam.type (static, host-local, whereabouts, dhcp) or use "ipam": {}');
      }
      return undefined;
    }
    if (typeof type !== 'string') {
      this.add('CNI_IPAM_INVALID', joinPath(ip, 'type'), `ipam.type is ${show(type)}; allowed: a string naming the IPAM plugin`, 'set ipam.type to static, host-local, whereabouts or dhcp');
      return undefined;
    }
    if (!this.profile.hasIpam(type)) {
      const known = PluginProfile.isKnownIpam(type);
      this.add('CNI_TYPE_NOT_IN_PROFILE', joinPath(ip, 'type'), known ? `IPAM type ${show(type)} is not shipped by plugin profile ${this.profile.name}` : `IPAM type ${show(type)} is not an IPAM plugin multihome knows; profile ${this.profile.name} does not ship it`, known ? `install ${type} on every node or use another IPAM` : 'check the spelling, and that the binary is installed on every node');
    }
    this.checkKeys(ipam, ip, this.profile.ipamKeys(type), `the ${type} IPAM plugin`, type);
    this.checkRoutes(ipam, ip);
    switch (type) {
      case 'static':
        this.checkStatic(ipam, ip);
        break;
      case 'host-local':
        this.checkHostLocal(ipam, ip, p);
        break;
      case 'whereabouts':
        this.checkWhereabouts(ipam, ip);
        break;
      default:
        break;
    }
    return type;
  }

  private checkRoutes(ipam: Rec, ip: string): void {
    // containernetworking/cni pkg/types/types.go Route.UnmarshalJSON: dst is a CIDR, gw an IP.
    if (!Array.isArray(ipam.routes)) return;
    ipam.routes.forEach((r, i) => {
      const rp = joinPath(ip, 'routes', i);
      if (!isRecord(r)) {
        this.add('CNI_IPAM_INVALID', rp, `routes[${i}] is ${show(r)}; allowed: {"dst": CIDR, "gw": IP}`, 'write the route as an object');
        return;
      }
      if (!parseCidr(r.dst)) this.add('CNI_IPAM_INVALID', joinPath(rp, 'dst'), `routes[${i}].dst is ${show(r.dst)}; allowed: a CIDR such as 0.0.0.0/0`, 'write dst as a CIDR');
      if (r.gw !== undefined && r.gw !== null && !parseIp(r.gw)) this.add('CNI_IPAM_INVALID', joinPath(rp, 'gw'), `routes[${i}].gw is ${show(r.gw)}; allowed: an IP address`, 'write gw as an IP');
    });
  }

  private checkStatic(ipam: Rec, ip: string): void {
    // plugins/ipam/static/main.go LoadIPAMConfig: "the 'address' field is expected to be in CIDR
    // notation"; Address.Gateway is a net.IP (decoding fails on a non-IP).
    if (!Array.isArray(ipam.addresses)) return;
    ipam.addresses.forEach((a, i) => {
      const ap = joinPath(ip, 'addresses', i);
      if (!isRecord(a)) {
        this.add('CNI_IPAM_STATIC_ADDRESS_INVALID', ap, `addresses[${i}] is ${show(a)}; allowed: {"address": CIDR, "gateway": IP}`, 'write the entry as an object');
        return;
      }
      const c = parseCidr(a.address);
      if (!c) {
        this.add('CNI_IPAM_STATIC_ADDRESS_INVALID', joinPath(ap, 'address'), `addresses[${i}].address is ${show(a.address)}; allowed: an address in CIDR notation such as 10.1.1.5/24`, 'add the prefix length (e.g. /24)');
      }
      if (a.gateway !== undefined && a.gateway !== null) {
        const gw = parseIp(a.gateway);
        if (!gw) this.add('CNI_IPAM_STATIC_ADDRESS_INVALID', joinPath(ap, 'gateway'), `addresses[${i}].gateway is ${show(a.gateway)}; allowed: an IP address`, 'write the gateway as an IP');
        else if (c) this.gatewayInside(gw, c, joinPath(ap, 'gateway'), `addresses[${i}].address ${show(a.address)}`);
      }
    });
  }

  private gatewayInside(gw: Ip, net: Cidr, path: string, what: string): void {
    if (!cidrContains(net, gw)) {
      this.add('CNI_IPAM_GATEWAY_OUTSIDE_SUBNET', path, `gateway ${gw.toString()} is outside ${what}; the route via it cannot be installed`, `use a gateway inside ${formatCidr({ ip: networkAddress(net), prefix: net.prefix })}`);
    }
  }

  private checkHostLocal(ipam: Rec, ip: string, plugin: Rec): void {
    // Per-node allocation state (backend/disk): duplicates across nodes (kubevirt/kubevirt#7967).
    this.add('CNI_IPAM_HOST_LOCAL_PER_NODE', joinPath(ip, 'type'), 'host-local allocates per node: on an L2 network that spans nodes two pods/VMs can get the same address, and a VM gets a new one after migration', 'use "ipam": {} with addresses set in the guest, static IPAM with per-VM ips, or whereabouts');
    const ranges: Array<{ r: Rec; path: string }> = [];
    if (ipam.subnet !== undefined) ranges.push({ r: ipam, path: ip });
    if (Array.isArray(ipam.ranges)) {
      ipam.ranges.forEach((set, i) => {
        if (Array.isArray(set)) set.forEach((r, j) => isRecord(r) && ranges.push({ r, path: joinPath(ip, 'ranges', i, j) }));
      });
    }
    const caps = isRecord(plugin.capabilities) ? plugin.capabilities : {};
    // allocator/config.go LoadIPAMConfig "no IP ranges specified" (unless runtimeConfig ipRanges).
    if (ranges.length === 0 && caps.ipRanges !== true) {
      this.add('CNI_IPAM_HOST_LOCAL_RANGE_INVALID', joinPath(ip, 'subnet'), 'host-local has neither subnet nor ranges; the plugin fails with "no IP ranges specified"', 'set ipam.subnet (e.g. "10.1.0.0/24")');
      return;
    }
    for (const { r, path } of ranges) this.checkHostLocalRange(r, path);
  }

  private checkHostLocalRange(r: Rec, path: string): void {
    const bad = (key: string, msg: string, fix: string): void => this.add('CNI_IPAM_HOST_LOCAL_RANGE_INVALID', joinPath(path, key), msg, fix);
    // backend/allocator/range.go Range.Canonicalize.
    const subnet = parseCidr(r.subnet);
    if (!subnet) {
      bad('subnet', `subnet is ${show(r.subnet)}; allowed: a network in CIDR notation such as 10.1.0.0/24`, 'write the subnet as a CIDR');
      return;
    }
    const bits = subnet.ip.kind() === 'ipv4' ? 32 : 128;
    if (subnet.prefix > bits - 2) {
      bad('subnet', `subnet ${show(r.subnet)} is too small to allocate from (/${subnet.prefix})`, `use a prefix of at most /${bits - 2}`);
      return;
    }
    if (hasHostBits(subnet)) {
      bad('subnet', `subnet ${show(r.subnet)} has host bits set; the network address is ${networkAddress(subnet).toString()}`, `write "${networkAddress(subnet).toString()}/${subnet.prefix}"`);
      return;
    }
    const bound = (key: 'rangeStart' | 'rangeEnd'): Ip | undefined => {
      if (r[key] === undefined || r[key] === null) return undefined;
      const a = parseIp(r[key]);
      if (!a) bad(key, `${key} is ${show(r[key])}; allowed: an IP address`, `write ${key} as an IP inside ${show(r.subnet)}`);
      else if (!cidrContains(subnet, a)) bad(key, `${key} ${a.toString()} is not in network ${show(r.subnet)}`, `use an address inside ${show(r.subnet)}`);
      else return a;
      return undefined;
    };
    const start = bound('rangeStart');
    const end = bound('rangeEnd');
    // range_set.go / allocator.go iterate from rangeStart to rangeEnd: start > end leaves nothing.
    if (start && end && compareIps(start, end) > 0) bad('rangeStart', `rangeStart ${start.toString()} is after rangeEnd ${end.toString()}; no address can be allocated`, 'swap rangeStart and rangeEnd');
    if (r.gateway !== undefined && r.gateway !== null) {
      const gw = parseIp(r.gateway);
      if (!gw) bad('gateway', `gateway is ${show(r.gateway)}; allowed: an IP address`, 'write the gateway as an IP');
      else this.gatewayInside(gw, subnet, joinPath(path, 'gateway'), `subnet ${show(r.subnet)}`);
    }
  }

  private checkWhereabouts(ipam: Rec, ip: string): void {
    const entries: Array<{ r: Rec; path: string }> = [];
    if (ipam.range !== undefined && ipam.range !== '') entries.push({ r: ipam, path: ip });
    if (Array.isArray(ipam.ipRanges)) ipam.ipRanges.forEach((r, i) => isRecord(r) && entries.push({ r, path: joinPath(ip, 'ipRanges', i) }));
    const bad = (path: string, msg: string, fix: string): void => this.add('CNI_IPAM_WHEREABOUTS_RANGE_INVALID', path, msg, fix);
    if (entries.length === 0) {
      bad(joinPath(ip, 'range'), 'whereabouts has neither range nor ipRanges; it has nothing to allocate from', 'set ipam.range (e.g. "192.168.2.0/24")');
    }
    // whereabouts pkg/config/config.go LoadIPAMConfig: range is "<start>-<CIDR>" or a CIDR.
    for (const { r, path } of entries) {
      const raw = r.range;
      let net: Cidr | undefined;
      let embeddedStart: Ip | undefined;
      if (typeof raw === 'string' && raw.includes('-')) {
        const [a, b] = raw.split('-', 2);
        embeddedStart = parseIp(a);
        net = parseCidr(b);
        if (!embeddedStart) bad(joinPath(path, 'range'), `range ${show(raw)} has an invalid start IP ${show(a)}`, 'write "<start IP>-<CIDR>" or a CIDR');
        else if (!net) bad(joinPath(path, 'range'), `range ${show(raw)}: ${show(b)} is not a CIDR`, 'write "<start IP>-<CIDR>" or a CIDR');
        else if (!cidrContains(net, embeddedStart)) bad(joinPath(path, 'range'), `range ${show(raw)}: start ${embeddedStart.toString()} is outside ${formatCidr(net)}`, 'use a start inside the CIDR');
        if (!embeddedStart || !net || !cidrContains(net, embeddedStart)) net = undefined;
      } else {
        net = parseCidr(raw);
        if (!net) bad(joinPath(path, 'range'), `range is ${show(raw)}; allowed: a CIDR such as 192.168.2.0/24 (a host address inside it marks the start)`, 'write range as a CIDR');
      }
      // RangeStart/RangeEnd/gateway are net.IP: invalid text fails decoding (UnmarshalText);
      // iphelpers.go GetIPRange ignores bounds outside the range.
      const bound = (key: 'range_start' | 'range_end'): Ip | undefined => {
        if (r[key] === undefined || r[key] === null) return undefined;
        const a = parseIp(r[key]);
        if (!a) {
          bad(joinPath(path, key), `${key} is ${show(r[key])}; allowed: an IP address`, `write ${key} as an IP`);
          return undefined;
        }
        if (net && !cidrContains(net, a)) {
          this.add('CNI_IPAM_WHEREABOUTS_BOUND_IGNORED', joinPath(path, key), `${key} ${a.toString()} is outside range ${formatCidr(net)}; whereabouts ignores it and uses the whole range`, `use an address inside ${formatCidr(net)}`);
          return undefined;
        }
        return a;
      };
      const start = bound('range_start');
      const end = bound('range_end');
      if (start && end && compareIps(start, end) > 0) {
        this.add('CNI_IPAM_WHEREABOUTS_BOUND_IGNORED', joinPath(path, 'range_start'), `range_start ${start.toString()} is after range_end ${end.toString()}; no address can be allocated`, 'swap range_start and range_end');
      }
      // allocate.go parseExcludedRange: a CIDR or a single IP.
      if (Array.isArray(r.exclude)) {
        r.exclude.forEach((e, i) => {
          if (!parseCidr(e) && !parseIp(e)) bad(joinPath(path, 'exclude', i), `exclude[${i}] is ${show(e)}; allowed: a CIDR or an IP address`, 'write the excluded range as a CIDR (e.g. 192.168.2.224/30)');
        });
      }
    }
    // config.go LoadIPAMConfig "couldn't parse gateway IP".
    if (typeof ipam.gateway === 'string' && ipam.gateway !== '' && !parseIp(ipam.gateway)) {
      bad(joinPath(ip, 'gateway'), `gateway is ${show(ipam.gateway)}; allowed: an IP address`, 'write the gateway as an IP');
    }
  }
}

/**
 * Validates a whole NetworkAttachmentDefinition manifest the way Multus, libcni, the CNI plugin
 * and its IPAM would, against a plugin profile (default {@link DEFAULT_PLUGIN_PROFILE}, i.e.
 * current upstream). Returns every problem at once; paths are from the manifest root
 * (`spec.config`, `spec.config.plugins[0].vlan`,
 * `metadata.annotations["k8s.v1.cni.cncf.io/resourceName"]`).
 */
export function validateNad(obj: unknown, options: ValidateNadOptions = {}): Problem[] {
  const profile = options.profile ?? DEFAULT_PLUGIN_PROFILE;
  const sink = new ProblemSink(nadResourceRef(obj), CNI_CODES);
  const r = readNad(obj, sink);
  if (r.nad?.config !== undefined) new NadChecker(sink, profile, r.nad).run();
  return sink.problems;
}
