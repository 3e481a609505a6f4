import { API } from '../manifest';
import {
  BondConfig,
  BondInterface,
  BondMode,
  BridgePortVlanConfig,
  BridgePortVlanMode,
  DesiredState,
  DnsResolver,
  EthernetInterface,
  Extra,
  Interface,
  InterfaceState,
  IpAddress,
  IpConfig,
  LinuxBridgeInterface,
  LinuxBridgeOptions,
  LinuxBridgePort,
  MacVlanInterface,
  MacVlanMode,
  Nncp,
  OvnBridgeMapping,
  OvsBridgeInterface,
  RouteEntry,
  RouteType,
  StpOptions,
  TrunkTag,
  VlanInterface,
  VlanProtocol,
} from './types';

/*
 * Typed builders: camelCase options in, nmstate wire objects (kebab-case; bond options in kernel
 * snake_case) out. Builders never validate — run `validateNncp` / `validateDesiredState` on what
 * they produce — and never emit a key nmstate does not know. Optional options that are not given
 * are not rendered, so nmstate keeps the node's current value (a desired state is a partial edit).
 */

/** Drops `undefined` values so rendered objects only carry what was asked for. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

// ---------------------------------------------------------------------------------------------
// IP
// ---------------------------------------------------------------------------------------------

/** One static address: `"192.0.2.10/24"`, or `{ip, prefixLength}`. */
export type AddressInput = string | { readonly ip: string; readonly prefixLength: number };

function toAddress(a: AddressInput, family: 4 | 6): IpAddress {
  if (typeof a !== 'string') return { ip: a.ip, 'prefix-length': a.prefixLength };
  const slash = a.indexOf('/');
  if (slash < 0) return { ip: a, 'prefix-length': family === 4 ? 32 : 128 };
  const len = a.slice(slash + 1);
  // A malformed length is passed through as text so that validation reports it (builders never throw).
  return { ip: a.slice(0, slash), 'prefix-length': (/^\d+$/.test(len) ? Number(len) : len) as number };
}

/** Options shared by the dynamic IP builders. */
export interface DynamicIpOptions {
  /**
   * Use DNS servers learnt from DHCP / router advertisements.
   * @default - nmstate's default (true)
   */
  readonly autoDns?: boolean;
  /**
   * Install the default gateway learnt dynamically.
   * @default - nmstate's default (true)
   */
  readonly autoGateway?: boolean;
  /**
   * Install routes learnt dynamically.
   * @default - nmstate's default (true)
   */
  readonly autoRoutes?: boolean;
  /**
   * Static addresses kept alongside the dynamic ones (nmstate allows it and only logs it).
   * @default - none
   */
  readonly addresses?: readonly AddressInput[];
}

function dynamic(o: DynamicIpOptions, family: 4 | 6): Partial<IpConfig> {
  return compact({
    'auto-dns': o.autoDns,
    'auto-gateway': o.autoGateway,
    'auto-routes': o.autoRoutes,
    address: o.addresses?.map((a) => toAddress(a, family)),
  });
}

/** `ipv4: {enabled: true, dhcp: false, address: [...]}`: static IPv4 addresses ("192.0.2.10/24"). */
export function ipv4Static(addresses: readonly AddressInput[]): IpConfig {
  return { enabled: true, dhcp: false, address: addresses.map((a) => toAddress(a, 4)) };
}

/** `ipv4: {enabled: true, dhcp: true}`: DHCPv4. */
export function ipv4Dhcp(options: DynamicIpOptions = {}): IpConfig {
  return { enabled: true, dhcp: true, ...dynamic(options, 4) };
}

/** `ipv4: {enabled: false}`: no IPv4 (what ports of bridges and bonds must have, rule I8). */
export function ipv4Disabled(): IpConfig {
  return { enabled: false };
}

/** `ipv6: {enabled: true, dhcp: false, autoconf: false, address: [...]}`: static IPv6 addresses ("2001:db8::10/64"). */
export function ipv6Static(addresses: readonly AddressInput[]): IpConfig {
  return { enabled: true, dhcp: false, autoconf: false, address: addresses.map((a) => toAddress(a, 6)) };
}

/** `ipv6: {enabled: true, dhcp: true, autoconf: true}`: DHCPv6 plus SLAAC. */
export function ipv6Auto(options: DynamicIpOptions = {}): IpConfig {
  return { enabled: true, dhcp: true, autoconf: true, ...dynamic(options, 6) };
}

/** `ipv6: {enabled: false}`: no IPv6. */
export function ipv6Disabled(): IpConfig {
  return { enabled: false };
}

// ---------------------------------------------------------------------------------------------
// interfaces
// ---------------------------------------------------------------------------------------------

/** Options every interface builder takes (BaseInterface, `rust/src/lib/ifaces/base.rs`). */
export interface InterfaceOptions {
  /** Kernel interface name (at most 15 bytes). */
  readonly name: string;
  /**
   * @default InterfaceState.UP
   */
  readonly state?: InterfaceState;
  /** @default - not rendered (nmstate keeps the current description) */
  readonly description?: string;
  /** @default - not rendered (nmstate keeps the current MTU) */
  readonly mtu?: number;
  /** @default - not rendered (the kernel/NetworkManager choose) */
  readonly macAddress?: string;
  /** Output of {@link ipv4Static}, {@link ipv4Dhcp}, {@link ipv4Disabled}. @default - not rendered */
  readonly ipv4?: IpConfig;
  /** Output of {@link ipv6Static}, {@link ipv6Auto}, {@link ipv6Disabled}. @default - not rendered */
  readonly ipv6?: IpConfig;
  /** Further wire fields (kebab-case) rendered as given, e.g. `{'lldp': {enabled: true}}`. @default - none */
  readonly extra?: Extra;
}

function base(type: string, o: InterfaceOptions): Interface {
  return compact({
    name: o.name,
    type,
    state: o.state ?? InterfaceState.UP,
    description: o.description,
    mtu: o.mtu,
    'mac-address': o.macAddress,
    ipv4: o.ipv4,
    ipv6: o.ipv6,
    ...o.extra,
  }) as Interface;
}

/** Options of {@link ethernet}. */
export interface EthernetOptions extends InterfaceOptions {}

/** A `type: ethernet` interface (a NIC; nmstate fails on nodes where it does not exist). */
export function ethernet(options: EthernetOptions): EthernetInterface {
  return base('ethernet', options) as EthernetInterface;
}

/** Options of {@link vlan}. */
export interface VlanOptions extends Omit<InterfaceOptions, 'name'> {
  /**
   * Interface name.
   * @default `<baseIface>.<id>` (validation reports it when longer than 15 bytes)
   */
  readonly name?: string;
  /** Parent interface (NIC or bond). */
  readonly baseIface: string;
  /** VLAN id, 0–4094 (0: 802.1p priority tagging on the base interface; the kernel rejects 4095). */
  readonly id: number;
  /** @default - not rendered (nmstate: 802.1q) */
  readonly protocol?: VlanProtocol;
}

/** The default name of a VLAN interface: `<base>.<id>`, e.g. `eno49.1085`. */
export function vlanName(baseIface: string, id: number): string {
  return `${baseIface}.${id}`;
}

/** A `type: vlan` interface (`rust/src/lib/ifaces/vlan.rs`). */
export function vlan(options: VlanOptions): VlanInterface {
  const iface = base('vlan', { ...options, name: options.name ?? vlanName(options.baseIface, options.id) }) as VlanInterface;
  iface.vlan = compact({ 'base-iface': options.baseIface, id: options.id, protocol: options.protocol });
  return iface;
}

/** One trunk entry: a VLAN id, or an inclusive `{min, max}` range. */
export type TrunkInput = number | { readonly min: number; readonly max: number };

function trunkTag(t: TrunkInput): TrunkTag {
  return typeof t === 'number' ? { id: t } : { 'id-range': { min: t.min, max: t.max } };
}

/** Port VLAN config for a trunk port: carries `tags`; `nativeVlan` is sent untagged (`enable-native`). */
export function trunkPortVlan(tags: readonly TrunkInput[], nativeVlan?: number): BridgePortVlanConfig {
  return compact({
    mode: BridgePortVlanMode.TRUNK,
    'trunk-tags': tags.map(trunkTag),
    tag: nativeVlan,
    'enable-native': nativeVlan !== undefined ? true : undefined,
  });
}

/** Port VLAN config for an access port of VLAN `tag`. */
export function accessPortVlan(tag: number): BridgePortVlanConfig {
  return { mode: BridgePortVlanMode.ACCESS, tag };
}

/** One linux-bridge port with options. */
export interface LinuxBridgePortOptions {
  readonly name: string;
  /** Output of {@link trunkPortVlan} / {@link accessPortVlan}; any port with one turns VLAN filtering on. @default - no VLAN filtering on this port */
  readonly vlan?: BridgePortVlanConfig;
  /** @default - not rendered */
  readonly stpPriority?: number;
  /** @default - not rendered */
  readonly stpPathCost?: number;
  /** @default - not rendered */
  readonly stpHairpinMode?: boolean;
}

/** STP settings of a linux bridge (`LinuxBridgeStpOptions`). */
export interface StpSettings {
  readonly enabled: boolean;
  /** Seconds, 2–30. @default - not rendered */
  readonly forwardDelay?: number;
  /** Seconds, 1–10. @default - not rendered */
  readonly helloTime?: number;
  /** Seconds, 6–40. @default - not rendered */
  readonly maxAge?: number;
  /** @default - not rendered */
  readonly priority?: number;
}

/** Options of {@link linuxBridge}. */
export interface LinuxBridgeInterfaceOptions extends InterfaceOptions {
  /**
   * Ports (names or port options). The list replaces the bridge's current ports; `[]` detaches all.
   * @default - not rendered (nmstate keeps the current ports)
   */
  readonly ports?: ReadonlyArray<string | LinuxBridgePortOptions>;
  /**
   * STP: a boolean or detailed settings.
   * @default false (bridges for VM networks do not run STP)
   */
  readonly stp?: boolean | StpSettings;
  /**
   * PVID given to ports without their own; other than 1 needs VLAN filtering (a port with `vlan`).
   * nmstate has no explicit `vlan-filtering` switch: filtering is on exactly when a port has a vlan block.
   * @default - not rendered
   */
  readonly vlanDefaultPvid?: number;
  /** @default - not rendered (802.1q) */
  readonly vlanProtocol?: VlanProtocol;
  /** Further `bridge.options` wire fields, e.g. `{'mac-ageing-time': 300}`. @default - none */
  readonly bridgeOptions?: Extra;
}

/** A `type: linux-bridge` interface (`rust/src/lib/ifaces/linux_bridge.rs`). */
export function linuxBridge(options: LinuxBridgeInterfaceOptions): LinuxBridgeInterface {
  const stpIn = options.stp ?? false;
  const stp: StpOptions =
    typeof stpIn === 'boolean'
      ? { enabled: stpIn }
      : compact({ enabled: stpIn.enabled, 'forward-delay': stpIn.forwardDelay, 'hello-time': stpIn.helloTime, 'max-age': stpIn.maxAge, priority: stpIn.priority });
  const opts: LinuxBridgeOptions = compact({ ...options.bridgeOptions, stp, 'vlan-default-pvid': options.vlanDefaultPvid, 'vlan-protocol': options.vlanProtocol });
  const port: LinuxBridgePort[] | undefined = options.ports?.map((p) =>
    typeof p === 'string'
      ? { name: p }
      : compact({ name: p.name, vlan: p.vlan, 'stp-priority': p.stpPriority, 'stp-path-cost': p.stpPathCost, 'stp-hairpin-mode': p.stpHairpinMode }),
  );
  const iface = base('linux-bridge', options) as LinuxBridgeInterface;
  iface.bridge = compact({ options: opts, port });
  return iface;
}

/** Options of {@link bond}. */
export interface BondInterfaceOptions extends InterfaceOptions {
  /** Bond mode; mandatory for a new bond (rule BO1). */
  readonly mode: BondMode;
  /**
   * Port interface names. The list replaces the bond's current ports.
   * @default - not rendered (nmstate keeps the current ports)
   */
  readonly ports?: readonly string[];
  /** MII link monitoring interval in milliseconds. @default - not rendered (kernel: 100) */
  readonly miimon?: number;
  /** Preferred port (active-backup, balance-tlb, balance-alb only). @default - not rendered */
  readonly primary?: string;
  /** Further kernel bond options, snake_case as in bonding.rst (e.g. `{lacp_rate: 'fast'}`). @default - none */
  readonly options?: Extra;
  /** Per-port settings (`ports-config`). @default - not rendered */
  readonly portsConfig?: ReadonlyArray<{ readonly name: string; readonly priority?: number; readonly queueId?: number }>;
}

/** A `type: bond` interface (`rust/src/lib/ifaces/bond.rs`, the block is `link-aggregation`). */
export function bond(options: BondInterfaceOptions): BondInterface {
  // explicit miimon/primary win over the same keys in `options`; miimon first, as kernel docs list it
  const { miimon, primary, ...rest } = (options.options ?? {}) as NonNullable<BondConfig['options']>;
  const opts = compact({ miimon: options.miimon ?? miimon, ...rest, primary: options.primary ?? primary });
  const la: BondConfig = compact({
    mode: options.mode,
    port: options.ports ? [...options.ports] : undefined,
    'ports-config': options.portsConfig?.map((p) => compact({ name: p.name, priority: p.priority, 'queue-id': p.queueId })),
    options: Object.keys(opts).length > 0 ? opts : undefined,
  });
  const iface = base('bond', options) as BondInterface;
  iface['link-aggregation'] = la;
  return iface;
}

/** Options of {@link macVlan}. */
export interface MacVlanOptions extends InterfaceOptions {
  readonly baseIface: string;
  readonly mode: MacVlanMode;
  /** `false` is only allowed in passthru mode. @default - not rendered */
  readonly promiscuous?: boolean;
}

/** A `type: mac-vlan` interface (`rust/src/lib/ifaces/mac_vlan.rs`). */
export function macVlan(options: MacVlanOptions): MacVlanInterface {
  const iface = base('mac-vlan', options) as MacVlanInterface;
  iface['mac-vlan'] = compact({ 'base-iface': options.baseIface, mode: options.mode, promiscuous: options.promiscuous });
  return iface;
}

/** Options of {@link ovsBridge}. */
export interface OvsBridgeOptions extends InterfaceOptions {
  /** Port interface names (system interfaces or internal ports). @default - not rendered */
  readonly ports?: readonly string[];
  /** @default false (bridges for VM networks do not run STP) */
  readonly stp?: boolean;
}

/**
 * A `type: ovs-bridge` interface (`rust/src/lib/ifaces/ovs.rs`), e.g. the bridge an OVN localnet
 * network maps to.
 */
export function ovsBridge(options: OvsBridgeOptions): OvsBridgeInterface {
  const iface = base('ovs-bridge', options) as OvsBridgeInterface;
  iface.bridge = compact({ options: { stp: options.stp ?? false }, port: options.ports?.map((name) => ({ name })) });
  return iface;
}

/**
 * Removes an interface: `{name, type, state: absent}` (nmstate ignores every other field of an
 * absent interface). Without a type nmstate resolves it from the node.
 */
export function absent(name: string, type?: string): Interface {
  return compact({ name, type, state: InterfaceState.ABSENT }) as Interface;
}

// ---------------------------------------------------------------------------------------------
// routes, DNS, OVN
// ---------------------------------------------------------------------------------------------

/** Options of {@link route}. */
export interface RouteOptions {
  /** Destination network, e.g. `198.51.100.0/24`, `0.0.0.0/0`. */
  readonly destination: string;
  /** Outgoing interface; required for unicast routes (rule R3). @default - none (only valid with routeType) */
  readonly nextHopInterface?: string;
  /** Gateway. @default - none (on-link route) */
  readonly nextHopAddress?: string;
  /** @default - not rendered (backend default metric) */
  readonly metric?: number;
  /** @default - not rendered (main table, 254) */
  readonly tableId?: number;
  /** ECMP weight 1–256 (IPv4 only). @default - not rendered */
  readonly weight?: number;
  /** blackhole / unreachable / prohibit: no next hop allowed (rule R4). @default - unicast */
  readonly routeType?: RouteType;
  /** Preferred source address. @default - not rendered */
  readonly source?: string;
}

/** One `routes.config` entry. */
export function route(options: RouteOptions): RouteEntry {
  return compact({
    destination: options.destination,
    'next-hop-interface': options.nextHopInterface,
    'next-hop-address': options.nextHopAddress,
    metric: options.metric,
    'table-id': options.tableId,
    weight: options.weight,
    'route-type': options.routeType,
    source: options.source,
  });
}

/** A route removal: every route matching the given fields (unset = wildcard) is removed. */
export function routeAbsent(match: Partial<RouteOptions>): RouteEntry {
  return { ...route(match as RouteOptions), state: 'absent' };
}

/** `dns-resolver.config` with the given servers, search domains and options (empty lists clear them). */
export function dnsResolver(config: { readonly servers?: readonly string[]; readonly search?: readonly string[]; readonly options?: readonly string[] }): DnsResolver {
  return { config: compact({ server: config.servers ? [...config.servers] : undefined, search: config.search ? [...config.search] : undefined, options: config.options ? [...config.options] : undefined }) };
}

/** An OVN bridge mapping `localnet → bridge` (stored as `ovn-bridge-mappings` in the OVS db). */
export function ovnBridgeMapping(localnet: string, bridge: string): OvnBridgeMapping {
  return { localnet, bridge };
}

/** Removes the OVN bridge mapping of `localnet`. */
export function ovnBridgeMappingAbsent(localnet: string): OvnBridgeMapping {
  return { localnet, state: 'absent' };
}

// ---------------------------------------------------------------------------------------------
// whole states and policies
// ---------------------------------------------------------------------------------------------

/** Options of {@link desiredState}. */
export interface DesiredStateOptions {
  /** @default - not rendered */
  readonly interfaces?: readonly Interface[];
  /** `routes.config` entries. @default - not rendered (routes untouched) */
  readonly routes?: readonly RouteEntry[];
  /** @default - not rendered (DNS untouched) */
  readonly dns?: DnsResolver;
  /** @default - not rendered */
  readonly ovnBridgeMappings?: readonly OvnBridgeMapping[];
}

/** A desired state from its parts; parts not given are not rendered (nmstate leaves them as they are). */
export function desiredState(options: DesiredStateOptions): DesiredState {
  return compact({
    interfaces: options.interfaces ? [...options.interfaces] : undefined,
    routes: options.routes ? { config: [...options.routes] } : undefined,
    'dns-resolver': options.dns,
    ovn: options.ovnBridgeMappings ? { 'bridge-mappings': [...options.ovnBridgeMappings] } : undefined,
  });
}

/** Options of {@link nncp}. */
export interface NncpOptions {
  /** metadata.name (cluster-scoped). */
  readonly name: string;
  readonly desiredState: DesiredState;
  /**
   * Node labels that must all match (equality only).
   * @default - not rendered: every node running the handler, control-plane nodes included (reported as a warning)
   */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** Integer or "N%". @default - not rendered (kubernetes-nmstate: "50%") */
  readonly maxUnavailable?: number | string;
  /** nmpolicy capture expressions. @default - not rendered */
  readonly capture?: Readonly<Record<string, string>>;
  /** @default - none */
  readonly labels?: Readonly<Record<string, string>>;
  /** @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** A NodeNetworkConfigurationPolicy object (render it with `renderNncp`). */
export function nncp(options: NncpOptions): Nncp {
  return {
    apiVersion: API.nncp.apiVersion,
    kind: API.nncp.kind,
    metadata: compact({ name: options.name, labels: options.labels ? { ...options.labels } : undefined, annotations: options.annotations ? { ...options.annotations } : undefined }),
    spec: compact({
      nodeSelector: options.nodeSelector ? { ...options.nodeSelector } : undefined,
      maxUnavailable: options.maxUnavailable,
      capture: options.capture ? { ...options.capture } : undefined,
      desiredState: options.desiredState,
    }),
  };
}
