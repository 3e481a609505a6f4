/**
 * cloud-init NoCloud `networkData` (network config format v2) for VM NICs, and the cloud-init
 * volume that carries it.
 *
 * Format: canonical/cloud-init `doc/rtd/reference/network-config-format-v2.rst` — `ethernets`
 * keyed by an id; `match.macaddress` ("Letters must be lowercase", best practice to quote it) plus
 * `set-name` renames the NIC that has the MAC ("macaddress is required for cloud-init to perform
 * the rename"); `gateway4`/`gateway6` are deprecated in favour of `routes` with a default
 * destination. Matching on MAC is what makes the config independent of the guest's NIC order
 * (kubevirt/kubevirt#16693).
 *
 * Size: KubeVirt `pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go`
 * (`cloudInitUserMaxLen = 2048`, `cloudInitNetworkMaxLen = 2048`) rejects larger inline
 * `userData`/`networkData`; beyond that they go into a Secret (`secretRef` /
 * `networkDataSecretRef`, keys `userdata` / `networkdata`, read by `pkg/cloud-init/cloud-init.go`).
 */
import * as ipaddr from 'ipaddr.js';
import * as jsyaml from 'js-yaml';
import * as YAML from 'yaml';
import { MultihomeError, Problem, ResourceRef } from '../errors';
import { Manifest } from '../manifest';
import { emitYamlDocument } from '../render/yaml';
import { joinPath } from '../path';
import { isRecord, ProblemSink, show } from '../problems';
import { KUBEVIRT_CODES } from './codes';
import { parseMac } from './mac';

/** Largest inline `userData` KubeVirt admits, in bytes (`cloudInitUserMaxLen`). */
export const CLOUD_INIT_USER_DATA_MAX_BYTES = 2048;

/** Largest inline `networkData` KubeVirt admits, in bytes (`cloudInitNetworkMaxLen`). */
export const CLOUD_INIT_NETWORK_DATA_MAX_BYTES = 2048;

/** A static route of one NIC. */
export interface NetworkDataRoute {
  /** Destination CIDR (`0.0.0.0/0` / `::/0` for a default route). */
  readonly to: string;
  /** Next hop. */
  readonly via: string;
  readonly metric?: number;
}

/** One guest NIC in {@link networkDataV2}. */
export interface EthernetSpec {
  /** Key under `ethernets` (a label when `match` is used). */
  readonly id: string;
  /** The NIC's MAC (the VM interface `macAddress`); rendered lowercase in `match.macaddress`. */
  readonly mac: string;
  /** Guest interface name to set (`set-name`). @default - the kernel's name is kept */
  readonly name?: string;
  /** Static addresses, CIDR notation, IPv4 and/or IPv6. @default [] */
  readonly addresses?: readonly string[];
  /** @default false */
  readonly dhcp4?: boolean;
  /** @default false */
  readonly dhcp6?: boolean;
  readonly routes?: readonly NetworkDataRoute[];
  /** Default IPv4 gateway; rendered as a route to `0.0.0.0/0` (gateway4 is deprecated upstream). */
  readonly gateway4?: string;
  /** Default IPv6 gateway; rendered as a route to `::/0`. */
  readonly gateway6?: string;
  readonly nameservers?: { readonly addresses?: readonly string[]; readonly search?: readonly string[] };
  /** MTU in bytes. */
  readonly mtu?: number;
}

/** Input of {@link networkDataV2}. */
export interface NetworkDataSpec {
  readonly ethernets: readonly EthernetSpec[];
}

const NETWORK_DATA_RESOURCE: ResourceRef = { kind: 'NetworkData' };

/**
 * The ipaddr.js parser of a text's family: IPv6 texts contain a colon and IPv4 texts never do, so
 * this is what `ipaddr.parseCIDR`/`ipaddr.parse` end up using, without their first try at IPv6
 * throwing (and building a stack trace) for every IPv4 address.
 */
const familyOf = (s: string) => (s.includes(':') ? ipaddr.IPv6 : ipaddr.IPv4);

function isCidr(s: string): boolean {
  try {
    familyOf(s).parseCIDR(s);
    return true;
  } catch {
    return false;
  }
}

function ipKind(s: string): 'ipv4' | 'ipv6' | undefined {
  const family = familyOf(s);
  return family.isValid(s) ? family.parse(s).kind() : undefined;
}

/**
 * Keys whose values are always double-quoted: a MAC of digits and colons is a base-60 integer in
 * YAML 1.1, which cloud-init's PyYAML reads.
 */
const QUOTED_KEYS: ReadonlySet<string> = new Set(['macaddress']);

/**
 * Renders cloud-init network config v2 for the given NICs: one `ethernets` entry per NIC, in the
 * order given, each matched by MAC (`match: {macaddress: "<lowercase>"}`) with `set-name` when a
 * name is given. `gateway4`/`gateway6` become routes to `0.0.0.0/0` / `::/0`. Output is YAML
 * (1.1-safe quoting, as cloud-init reads it with PyYAML) and byte-identical for identical input.
 * Throws a {@link MultihomeError} listing every invalid MAC, address, gateway, route or duplicate.
 */
export function networkDataV2(spec: NetworkDataSpec): string {
  const sink = new ProblemSink(NETWORK_DATA_RESOURCE, KUBEVIRT_CODES);
  const bad = (path: string, message: string, fix: string): void => sink.add('KUBEVIRT_NETWORK_DATA_INVALID', path, message, fix);
  const ethernets: Record<string, unknown> = {};
  const seenMacs = new Map<string, string>();
  spec.ethernets.forEach((e, i) => {
    const p = joinPath('ethernets', i);
    if (!e.id) bad(joinPath(p, 'id'), `ethernet ${i} has no id`, 'give every NIC an id (e.g. its guest name)');
    if (Object.prototype.hasOwnProperty.call(ethernets, e.id)) bad(joinPath(p, 'id'), `id ${show(e.id)} is used twice`, 'use a distinct id per NIC');
    const mac = parseMac(e.mac);
    if (!mac) bad(joinPath(p, 'mac'), `NIC ${e.id}: mac ${show(e.mac)} is not a 6-byte MAC`, 'use the interface macAddress, e.g. 02:4a:be:00:00:01');
    else if (seenMacs.has(mac.text)) bad(joinPath(p, 'mac'), `NIC ${e.id}: mac ${mac.text} is also used by ${seenMacs.get(mac.text)}`, 'give each NIC its own MAC');
    else seenMacs.set(mac.text, e.id);
    (e.addresses ?? []).forEach((a, j) => {
      if (!isCidr(a)) bad(joinPath(p, 'addresses', j), `NIC ${e.id}: address ${show(a)} is not in CIDR notation`, 'write addresses as addr/prefix, e.g. 10.200.0.1/24');
    });
    if (e.gateway4 !== undefined && ipKind(e.gateway4) !== 'ipv4') bad(joinPath(p, 'gateway4'), `NIC ${e.id}: gateway4 ${show(e.gateway4)} is not an IPv4 address`, 'give an IPv4 address');
    if (e.gateway6 !== undefined && ipKind(e.gateway6) !== 'ipv6') bad(joinPath(p, 'gateway6'), `NIC ${e.id}: gateway6 ${show(e.gateway6)} is not an IPv6 address`, 'give an IPv6 address');
    (e.routes ?? []).forEach((r, j) => {
      if (!isCidr(r.to) && r.to !== 'default') bad(joinPath(p, 'routes', j, 'to'), `NIC ${e.id}: route destination ${show(r.to)} is not a CIDR`, 'write the destination as addr/prefix');
      if (!ipKind(r.via)) bad(joinPath(p, 'routes', j, 'via'), `NIC ${e.id}: route next hop ${show(r.via)} is not an IP address`, 'give the gateway IP');
    });
    if (e.mtu !== undefined && (!Number.isInteger(e.mtu) || e.mtu < 68 || e.mtu > 65535)) bad(joinPath(p, 'mtu'), `NIC ${e.id}: mtu ${show(e.mtu)} is outside 68..65535`, 'give the MTU in bytes');

    const routes: Array<Record<string, unknown>> = [];
    if (e.gateway4 !== undefined) routes.push({ to: '0.0.0.0/0', via: e.gateway4 });
    if (e.gateway6 !== undefined) routes.push({ to: '::/0', via: e.gateway6 });
    for (const r of e.routes ?? []) routes.push({ to: r.to, via: r.via, ...(r.metric !== undefined ? { metric: r.metric } : {}) });
    const ns = e.nameservers;
    // assignments rather than object spread: this runs once per VM NIC at render
    const entry: Record<string, unknown> = { match: { macaddress: mac?.text ?? e.mac } };
    if (e.name !== undefined) entry['set-name'] = e.name;
    if (e.dhcp4 !== undefined) entry.dhcp4 = e.dhcp4;
    if (e.dhcp6 !== undefined) entry.dhcp6 = e.dhcp6;
    if (e.addresses && e.addresses.length) entry.addresses = [...e.addresses];
    if (routes.length) entry.routes = routes;
    if (ns && (ns.addresses?.length || ns.search?.length)) {
      const nameservers: Record<string, unknown> = {};
      if (ns.addresses?.length) nameservers.addresses = [...ns.addresses];
      if (ns.search?.length) nameservers.search = [...ns.search];
      entry.nameservers = nameservers;
    }
    if (e.mtu !== undefined) entry.mtu = e.mtu;
    ethernets[e.id] = entry;
  });
  if (sink.problems.length) throw new MultihomeError(sink.problems, 'invalid cloud-init networkData');
  // The direct emitter writes exactly what the `yaml` Document below would (tested over many
  // documents in test/bench/yaml-emitter.test.ts), ~10x faster; `yaml` stays for what it declines.
  const fast = emitYamlDocument({ version: 2, ethernets }, { doubleQuotedKeys: QUOTED_KEYS });
  if (fast !== undefined) {
    // What parsing this text gives back is the value it was written from (JSON data through a
    // faithful emitter; built fresh above and referenced by nothing else), so validators reading
    // it later skip the YAML parse.
    rememberParse(fast, { version: 2, ethernets });
    return fast;
  }
  const doc = new YAML.Document({ version: 2, ethernets }, { version: '1.1' });
  YAML.visit(doc, {
    Pair(_, pair) {
      if (YAML.isScalar(pair.key) && pair.key.value === 'macaddress' && YAML.isScalar(pair.value)) pair.value.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ lineWidth: 0 });
}

/** One `ethernets` entry read back by {@link parseNetworkData}. */
export interface ParsedEthernet {
  /** Key under `ethernets`. */
  readonly id: string;
  /** `match.macaddress` as written, when present. */
  readonly macaddress?: string;
  /** True when the entry has a `match` mapping at all. */
  readonly hasMatch: boolean;
  /** `set-name`, when present. */
  readonly setName?: string;
  /** The entry as parsed. */
  readonly raw: Record<string, unknown>;
}

/** A networkData document read by {@link parseNetworkData}. */
export interface ParsedNetworkData {
  /** `version` (1 or 2 for real configs). */
  readonly version?: unknown;
  /** `ethernets` entries (v2 only), in document order. */
  readonly ethernets: readonly ParsedEthernet[];
  /** The whole document. */
  readonly raw: Record<string, unknown>;
}

/** Thrown by {@link parseNetworkData} when the text is not a YAML mapping. */
export class NetworkDataParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkDataParseError';
  }
}

/**
 * Reads networkData text as cloud-init does (YAML 1.1, PyYAML `safe_load`). Accepts a v2
 * document with or without the `network:` wrapper. Throws {@link NetworkDataParseError} when the
 * text is not YAML or not a mapping.
 */
export function parseNetworkData(text: string): ParsedNetworkData {
  const cached = parsedNetworkData.get(text);
  if (cached instanceof NetworkDataParseError) throw cached;
  if (cached) return cached;
  if (parsedNetworkData.size >= PARSE_CACHE_ENTRIES) parsedNetworkData.clear();
  try {
    const parsed = parseNetworkDataUncached(text);
    parsedNetworkData.set(text, parsed);
    return parsed;
  } catch (e) {
    if (e instanceof NetworkDataParseError) parsedNetworkData.set(text, e);
    throw e;
  }
}

/**
 * Parses of networkData texts by text: the per-VM validator and the cross-resource rules read
 * the same text within one run, and the renderer records the parse of what it generates (the
 * YAML 1.1 parse is most of their cost). Results are shared; callers only read them. Emptied by
 * {@link forgetNetworkDataParses} when a validation run ends, so nothing outlives it.
 */
const parsedNetworkData = new Map<string, ParsedNetworkData | NetworkDataParseError>();
const PARSE_CACHE_ENTRIES = 20000;

/** Drops the remembered networkData parses (`validateManifests` calls it when it is done). */
export function forgetNetworkDataParses(): void {
  parsedNetworkData.clear();
}

function rememberParse(text: string, value: unknown): void {
  if (parsedNetworkData.size >= PARSE_CACHE_ENTRIES) parsedNetworkData.clear();
  parsedNetworkData.set(text, parsedFromValue(value));
}

function parseNetworkDataUncached(text: string): ParsedNetworkData {
  // js-yaml's YAML 1.1 schema reads as PyYAML does (sexagesimal numbers, yes/no booleans);
  // `json: true` lets a repeated key win as PyYAML's does. Several times faster than `yaml`.
  let value: unknown;
  try {
    value = jsyaml.load(text, { schema: jsyaml.YAML11_SCHEMA, json: true });
  } catch (e) {
    throw new NetworkDataParseError(`networkData is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  return parsedFromValue(value);
}

/** {@link ParsedNetworkData} of an already parsed networkData value. */
function parsedFromValue(value: unknown): ParsedNetworkData {
  let raw = value;
  if (!isRecord(raw)) throw new NetworkDataParseError(`networkData is ${show(raw)}; it must be a YAML mapping with version and ethernets`);
  if (isRecord(raw.network) && raw.version === undefined) raw = raw.network;
  const root = raw as Record<string, unknown>;
  const ethernets: ParsedEthernet[] = [];
  if (root.version === 2 && isRecord(root.ethernets)) {
    for (const [id, v] of Object.entries(root.ethernets)) {
      const e = isRecord(v) ? v : {};
      const match = isRecord(e.match) ? e.match : undefined;
      ethernets.push({
        id,
        hasMatch: match !== undefined,
        ...(match && match.macaddress !== undefined ? { macaddress: String(match.macaddress) } : {}),
        ...(typeof e['set-name'] === 'string' ? { setName: e['set-name'] } : {}),
        raw: e,
      });
    }
  }
  return { version: root.version, ethernets, raw: root };
}

/** Options of {@link cloudInitVolume}. */
export interface CloudInitVolumeOptions {
  /** Volume name (pair it with a disk of the same name). @default 'cloudinitdisk' */
  readonly name?: string;
  /** networkData text (e.g. from {@link networkDataV2}). */
  readonly networkData?: string;
  /** userData text. */
  readonly userData?: string;
  /**
   * Secret that holds the parts too large to inline (keys `networkdata` / `userdata`); required
   * when a part exceeds 2048 bytes. Create it with {@link cloudInitSecret}.
   */
  readonly secretName?: string;
  /** `noCloud` (`cloudInitNoCloud`) or `configDrive` (`cloudInitConfigDrive`). @default 'noCloud' */
  readonly dataSource?: 'noCloud' | 'configDrive';
}

function tooLarge(text: string | undefined, max: number): boolean {
  return text !== undefined && Buffer.byteLength(text, 'utf8') > max;
}

/**
 * A cloud-init volume (`{name, cloudInitNoCloud: {...}}`): each part inline when it fits the
 * 2048-byte admission limit, otherwise a reference to `secretName` (`networkDataSecretRef` /
 * `secretRef`). Throws when a part is too large and no `secretName` is given, or when there is
 * nothing to carry.
 */
export function cloudInitVolume(options: CloudInitVolumeOptions): Record<string, unknown> {
  const { networkData, userData, secretName } = options;
  if (networkData === undefined && userData === undefined) throw new Error('cloudInitVolume: give networkData and/or userData');
  const bigNet = tooLarge(networkData, CLOUD_INIT_NETWORK_DATA_MAX_BYTES);
  const bigUser = tooLarge(userData, CLOUD_INIT_USER_DATA_MAX_BYTES);
  if ((bigNet || bigUser) && !secretName) {
    throw new Error(
      `cloudInitVolume: ${bigNet ? `networkData (${Buffer.byteLength(networkData!, 'utf8')} bytes)` : `userData (${Buffer.byteLength(userData!, 'utf8')} bytes)`} exceeds KubeVirt's 2048-byte inline limit; pass secretName and create the Secret with cloudInitSecret()`,
    );
  }
  const source: Record<string, unknown> = {};
  if (networkData !== undefined) {
    if (bigNet) source.networkDataSecretRef = { name: secretName };
    else source.networkData = networkData;
  }
  if (userData !== undefined) {
    if (bigUser) source.secretRef = { name: secretName };
    else source.userData = userData;
  }
  const key = options.dataSource === 'configDrive' ? 'cloudInitConfigDrive' : 'cloudInitNoCloud';
  return { name: options.name ?? 'cloudinitdisk', [key]: source };
}

/** Options of {@link cloudInitSecret}. */
export interface CloudInitSecretOptions {
  readonly secretName: string;
  /** Namespace of the VM. */
  readonly namespace?: string;
  readonly networkData?: string;
  readonly userData?: string;
}

/**
 * The Secret that {@link cloudInitVolume} refers to for the parts above the inline limit (keys
 * `networkdata` / `userdata` as KubeVirt `pkg/cloud-init/cloud-init.go` reads them), or undefined
 * when everything fits inline.
 */
export function cloudInitSecret(options: CloudInitSecretOptions): Manifest | undefined {
  const stringData: Record<string, string> = {};
  if (options.networkData !== undefined && tooLarge(options.networkData, CLOUD_INIT_NETWORK_DATA_MAX_BYTES)) stringData.networkdata = options.networkData;
  if (options.userData !== undefined && tooLarge(options.userData, CLOUD_INIT_USER_DATA_MAX_BYTES)) stringData.userdata = options.userData;
  if (Object.keys(stringData).length === 0) return undefined;
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: options.secretName, ...(options.namespace ? { namespace: options.namespace } : {}) },
    type: 'Opaque',
    stringData,
  };
}

/** Problems of {@link networkDataV2} input without throwing (empty when valid). */
export function networkDataProblems(spec: NetworkDataSpec): Problem[] {
  try {
    networkDataV2(spec);
    return [];
  } catch (e) {
    if (e instanceof MultihomeError) return [...e.problems];
    throw e;
  }
}
