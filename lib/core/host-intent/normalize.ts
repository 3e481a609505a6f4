/**
 * desiredState (the wire types of lib/core/nmstate) → {@link HostIntent}, checking every rule of
 * the subset the agent implements and refusing what it does not implement. All problems are
 * collected (STYLE.md #11); the caller applies nothing when any is an error.
 */
import * as ipaddr from 'ipaddr.js';
import { interfaceNameError } from '../names';
import { isRecord, ProblemSink, show } from '../problems';
import { BOND_MODES } from '../nmstate/types';
import type {
  BondConfig, BondOptionName, BridgePortVlanConfig, DesiredState, Interface, IpConfig, LinuxBridgePort, RouteEntry, TrunkTag, VlanConfig,
} from '../nmstate/types';
import {
  BondIntent, BridgeIntent, BridgePortIntent, Cidr, HostIntent, IpIntent, LinkIntent, LinkKind, LinkState, MAIN_TABLE,
  NotCompared, PortVlanIntent, RouteIntent, VlanIntent,
} from './model';

/** Characters that would change the meaning of an `ip -batch` line (quotes, comment, escape). */
const BATCH_UNSAFE = /["'#\\]/;

/**
 * Why `name` cannot be used: kernel rules (lib/core/names.ts) plus the characters `ip -batch`
 * treats specially and a leading `-`. Undefined when it is usable.
 */
export function agentNameError(name: unknown): string | undefined {
  const kernel = interfaceNameError(name);
  if (kernel) return kernel;
  const s = name as string;
  if (BATCH_UNSAFE.test(s)) return 'contains a quote, "#" or "\\", which the agent does not write into batch files';
  if (s.startsWith('-')) return 'starts with "-"';
  return undefined;
}

/**
 * Bond modes nmstate accepts (`rust/src/lib/ifaces/bond.rs`): each name and its numeric alias,
 * mapped to the kernel name; derived from {@link BOND_MODES}.
 */
const BOND_MODE_ALIASES: Readonly<Record<string, string>> = Object.fromEntries(BOND_MODES.flatMap((m, n) => [[m, m], [String(n), m]]));

/**
 * Bond options the agent applies, with the key `ip -j -d link show` reports them under. Options
 * not listed here are refused (AGENT_UNSUPPORTED) rather than silently dropped. The names are
 * nmstate's ({@link BondOptionName}).
 */
export const BOND_OPTIONS: Readonly<Record<string, string>> = {
  miimon: 'miimon',
  updelay: 'updelay',
  downdelay: 'downdelay',
  use_carrier: 'use_carrier',
  primary: 'primary',
  primary_reselect: 'primary_reselect',
  fail_over_mac: 'fail_over_mac',
  xmit_hash_policy: 'xmit_hash_policy',
  lacp_rate: 'ad_lacp_rate',
  ad_select: 'ad_select',
  min_links: 'min_links',
  arp_interval: 'arp_interval',
  arp_validate: 'arp_validate',
  all_slaves_active: 'all_slaves_active',
  num_grat_arp: 'num_peer_notif',
  resend_igmp: 'resend_igmp',
} satisfies Partial<Record<BondOptionName, string>>;

/** Top-level interface keys that change nothing on the host and are accepted as they are. */
const DESCRIPTIVE_KEYS = new Set(['name', 'type', 'state', 'description', 'profile-name']);
const BASE_KEYS = new Set([...DESCRIPTIVE_KEYS, 'mtu', 'mac-address', 'ipv4', 'ipv6', 'controller']);
const KIND_BLOCK: Readonly<Record<string, string>> = { vlan: 'vlan', 'linux-bridge': 'bridge', bond: 'link-aggregation', ethernet: 'ethernet' };
const KIND_OF: Readonly<Record<string, LinkKind>> = { ethernet: 'ethernet', veth: 'ethernet', vlan: 'vlan', 'linux-bridge': 'bridge', bond: 'bond' };

/** Options of {@link normalizeDesiredState}. */
export interface NormalizeOptions {
  /**
   * Dynamic addressing (`dhcp: true`, `autoconf: true`): `refuse` reports AGENT_UNSUPPORTED (what
   * apply needs: the agent runs no DHCP client and does not manage SLAAC); `not-compared` accepts
   * it, leaves that family's addresses out of the intent and lists it in `notCompared` (what
   * observe needs on kubernetes-nmstate nodes, where NetworkManager runs the DHCP client).
   * @default 'refuse'
   */
  readonly dynamicAddressing?: 'refuse' | 'not-compared';
}

/**
 * Normalizes a desiredState into the agent's intent. Problems go to `sink` with paths under
 * `base` (e.g. `desiredState`). The returned intent is meaningful only when no error was added.
 */
export function normalizeDesiredState(state: DesiredState, sink: ProblemSink, base: string, options: NormalizeOptions = {}): HostIntent {
  const notCompared: NotCompared[] | undefined = options.dynamicAddressing === 'not-compared' ? [] : undefined;
  const links: LinkIntent[] = [];
  const ifaces = Array.isArray(state.interfaces) ? state.interfaces : [];
  if (state.interfaces !== undefined && !Array.isArray(state.interfaces))
    sink.at('AGENT_INVALID_VALUE', base, ['interfaces'], `interfaces must be a list, got ${show(state.interfaces)}`, 'give interfaces as a YAML list');
  for (const key of Object.keys(state)) {
    if (key !== 'interfaces' && key !== 'routes')
      sink.at('AGENT_UNSUPPORTED', base, [key], `the agent does not apply "${key}"`, `remove "${key}" from the agent's desiredState (kubernetes-nmstate applies it on NetworkManager nodes)`);
  }
  const seen = new Map<string, number>();
  ifaces.forEach((iface, i) => {
    const path = `${base}.interfaces[${i}]`;
    if (!isRecord(iface)) {
      sink.add('AGENT_INVALID_VALUE', path, `an interface must be a mapping, got ${show(iface)}`, 'give name, type and state');
      return;
    }
    const link = normalizeInterface(iface as Interface, sink, path, notCompared);
    if (!link) return;
    const prev = seen.get(link.name);
    if (prev !== undefined) {
      sink.add('AGENT_DUPLICATE_INTERFACE', `${path}.name`, `interface ${link.name} is already configured at interfaces[${prev}]`, 'configure each interface once');
      return;
    }
    seen.set(link.name, i);
    links.push(link);
  });
  checkRelations(links, sink, base, ifaces);
  const routes = normalizeRoutes(state.routes, links, sink, `${base}.routes`);
  const kept = notCompared?.filter((n) => links.some((l) => l.name === n.name)) ?? [];
  return { links, routes, ...(kept.length ? { notCompared: kept } : {}) };
}

function normalizeInterface(iface: Interface, sink: ProblemSink, path: string, notCompared?: NotCompared[]): LinkIntent | undefined {
  const nameErr = agentNameError(iface.name);
  if (nameErr) {
    sink.add('AGENT_INTERFACE_NAME', `${path}.name`, `interface name ${show(iface.name)} ${nameErr}`, 'use a kernel interface name of at most 15 bytes without /, :, whitespace, quotes or #');
    return undefined;
  }
  const name = iface.name;
  const rawState = iface.state ?? 'up';
  if (rawState === 'ignore') return undefined;
  if (rawState !== 'up' && rawState !== 'down' && rawState !== 'absent') {
    sink.add('AGENT_INVALID_VALUE', `${path}.state`, `state of ${name} is ${show(rawState)}; allowed: up, down, absent, ignore`, 'use one of the nmstate interface states');
    return undefined;
  }
  const state = rawState as LinkState;
  const type = iface.type;
  let kind: LinkKind;
  if (type === undefined || type === 'unknown') {
    if (state !== 'absent') {
      sink.add('AGENT_MISSING_FIELD', `${path}.type`, `interface ${name} has no type`, 'give type (ethernet, vlan, linux-bridge or bond); only state: absent may omit it');
      return undefined;
    }
    kind = 'any';
  } else if (typeof type === 'string' && Object.hasOwn(KIND_OF, type)) {
    // own keys only: `type: constructor` must not find Object's, and a mapping as the type is no key at all
    kind = KIND_OF[type];
  } else {
    sink.add('AGENT_UNSUPPORTED', `${path}.type`, `interface ${name} has type ${show(type)}; the agent manages ethernet, vlan, linux-bridge and bond`, 'manage this interface with kubernetes-nmstate or leave it out of the agent config');
    return undefined;
  }
  if (state === 'absent') return { name, kind, state };

  const block = type ? KIND_BLOCK[type === 'veth' ? 'ethernet' : type] : undefined;
  for (const key of Object.keys(iface)) {
    if (BASE_KEYS.has(key) || key === block || (type === 'veth' && key === 'veth')) continue;
    sink.at('AGENT_UNSUPPORTED', path, [key], `field "${key}" of ${name} is not supported by the agent`, `remove "${key}" (see lib/agent/README.md for the supported subset)`);
  }
  const rec = iface as Record<string, unknown>;
  if (type === 'ethernet' && rec.ethernet !== undefined && !(isRecord(rec.ethernet) && Object.keys(rec.ethernet).length === 0))
    sink.add('AGENT_UNSUPPORTED', `${path}.ethernet`, `ethernet settings of ${name} (${show(rec.ethernet)}) are not applied by the agent`, 'remove the ethernet block (speed/duplex/sr-iov need NetworkManager or ethtool)');

  let mtu: number | undefined;
  if (iface.mtu !== undefined) {
    if (!Number.isInteger(iface.mtu) || iface.mtu < 68 || iface.mtu > 65535)
      sink.add('AGENT_INVALID_VALUE', `${path}.mtu`, `mtu of ${name} is ${show(iface.mtu)}; allowed 68-65535`, 'give an integer MTU');
    else mtu = iface.mtu;
  }
  let mac: string | undefined;
  if (iface['mac-address'] !== undefined) {
    const m = String(iface['mac-address']).toLowerCase();
    if (!/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(m))
      sink.add('AGENT_INVALID_VALUE', `${path}.mac-address`, `mac-address of ${name} is ${show(iface['mac-address'])}`, 'give six colon-separated hex bytes');
    else mac = m;
  }
  const ipv4 = normalizeIp(iface.ipv4, 4, name, sink, `${path}.ipv4`, notCompared);
  const ipv6 = normalizeIp(iface.ipv6, 6, name, sink, `${path}.ipv6`, notCompared);
  if (ipv6?.enabled && mtu !== undefined && mtu < 1280)
    sink.add('AGENT_INVALID_VALUE', `${path}.mtu`, `MTU should be >= 1280 when IPv6 is enabled on interface ${name}, but got mtu: ${mtu}`, 'raise the MTU or disable IPv6');

  const out: { -readonly [K in keyof LinkIntent]: LinkIntent[K] } = { name, kind, state };
  if (mtu !== undefined) out.mtu = mtu;
  if (mac !== undefined) out.mac = mac;
  if (ipv4) out.ipv4 = ipv4;
  if (ipv6) out.ipv6 = ipv6;
  if (kind === 'vlan') out.vlan = normalizeVlan((iface as { vlan?: VlanConfig }).vlan, name, sink, `${path}.vlan`);
  if (kind === 'bridge') out.bridge = normalizeBridge(rec.bridge, name, sink, `${path}.bridge`);
  if (kind === 'bond') out.bond = normalizeBond((iface as { 'link-aggregation'?: BondConfig })['link-aggregation'], name, sink, `${path}.link-aggregation`);
  return out;
}

/** One family's addresses; with `notCompared`, dynamic addressing is recorded there instead of refused. */
function normalizeIp(ip: IpConfig | undefined, family: 4 | 6, name: string, sink: ProblemSink, path: string, notCompared?: NotCompared[]): IpIntent | undefined {
  if (ip === undefined) return undefined;
  if (!isRecord(ip)) {
    sink.add('AGENT_INVALID_VALUE', path, `ipv${family} of ${name} must be a mapping, got ${show(ip)}`, 'give {enabled, address}');
    return undefined;
  }
  const allowed = new Set(['enabled', 'dhcp', 'autoconf', 'address', 'auto-dns', 'auto-gateway', 'auto-routes', 'auto-route-table-id', 'auto-route-metric']);
  for (const k of Object.keys(ip))
    if (!allowed.has(k)) sink.add('AGENT_UNSUPPORTED', `${path}.${k}`, `ipv${family}.${k} of ${name} is not supported by the agent`, `remove ${k}`);
  if (ip.dhcp === true || ip.autoconf === true) {
    const reason = ip.dhcp === true ? 'dhcp' : 'autoconf';
    if (notCompared) notCompared.push({ name, family, reason });
    else sink.add('AGENT_UNSUPPORTED', `${path}.${reason}`, `ipv${family} of ${name} asks for dynamic addressing; the agent runs no DHCP client and does not manage SLAAC`, 'use static addresses, observe this node instead (mode observe), or let kubernetes-nmstate manage this interface');
    return undefined;
  }
  const given = Array.isArray(ip.address) ? ip.address : [];
  const enabled = ip.enabled ?? (given.length > 0 ? true : undefined);
  if (enabled === undefined) return undefined;
  if (!enabled) return { enabled: false, addresses: [] };
  const addresses = new Set<Cidr>();
  given.forEach((a, j) => {
    const p = `${path}.address[${j}]`;
    if (!isRecord(a) || typeof a.ip !== 'string' || !ipaddr.isValid(a.ip)) {
      sink.add('AGENT_INVALID_VALUE', p, `address ${show(a)} of ${name} is not an IP address`, 'give {ip, prefix-length}');
      return;
    }
    const addr = ipaddr.parse(a.ip);
    const max = family === 4 ? 32 : 128;
    if ((addr.kind() === 'ipv4') !== (family === 4)) {
      sink.add('AGENT_INVALID_VALUE', `${p}.ip`, `Got IPv${family === 4 ? 6 : 4} address ${a.ip} in ipv${family} config section of ${name}`, `move it to ipv${family === 4 ? 6 : 4}`);
      return;
    }
    const plen = a['prefix-length'];
    if (!Number.isInteger(plen) || plen < 0 || plen > max) {
      sink.add('AGENT_INVALID_VALUE', `${p}.prefix-length`, `Invalid IPv${family} network prefix length ${show(plen)} on ${name}, should be in the range of 0 to ${max}`, 'fix the prefix length');
      return;
    }
    if (family === 6 && addr.range() === 'linkLocal') return; // nmstate ignores link-local addresses in desired state
    addresses.add(`${addr.toString()}/${plen}`);
  });
  return { enabled: true, addresses: [...addresses].sort() };
}

function normalizeVlan(vlan: VlanConfig | undefined, name: string, sink: ProblemSink, path: string): VlanIntent | undefined {
  if (!isRecord(vlan)) {
    sink.add('AGENT_MISSING_FIELD', path, `Missing 'vlan.base-iface' for interface '${name}'`, 'give vlan: {base-iface, id}');
    return undefined;
  }
  for (const k of Object.keys(vlan)) {
    if (k === 'base-iface' || k === 'id' || k === 'protocol') continue;
    const v = (vlan as Record<string, unknown>)[k];
    const harmless = (k === 'registration-protocol' && v === 'none') || (k === 'reorder-headers' && v === true) || (k === 'loose-binding' && v === false);
    if (!harmless) sink.add('AGENT_UNSUPPORTED', `${path}.${k}`, `vlan.${k}: ${show(v)} of ${name} is not supported by the agent`, `remove ${k} (kernel defaults apply)`);
  }
  const baseErr = agentNameError(vlan['base-iface']);
  if (vlan['base-iface'] === undefined) sink.add('AGENT_MISSING_FIELD', `${path}.base-iface`, `Missing 'vlan.base-iface' for interface '${name}'`, 'name the parent interface');
  else if (baseErr) sink.add('AGENT_INTERFACE_NAME', `${path}.base-iface`, `base-iface ${show(vlan['base-iface'])} of ${name} ${baseErr}`, 'use a valid interface name');
  const id = vlan.id;
  if (id === undefined) sink.add('AGENT_MISSING_FIELD', `${path}.id`, `Missing 'vlan.id' for interface '${name}'`, 'give the VLAN id');
  else if (!Number.isInteger(id) || id < 1 || id > 4094) sink.add('AGENT_INVALID_VALUE', `${path}.id`, `vlan.id of ${name} is ${show(id)}; allowed 1-4094`, 'give a VLAN id between 1 and 4094');
  const proto = vlan.protocol ?? '802.1q';
  if (proto !== '802.1q' && proto !== '802.1ad') sink.add('AGENT_INVALID_VALUE', `${path}.protocol`, `vlan.protocol of ${name} is ${show(proto)}; allowed 802.1q, 802.1ad`, 'use 802.1q or 802.1ad');
  if (baseErr || id === undefined) return undefined;
  return { base: vlan['base-iface'] as string, id: id as number, protocol: proto === '802.1ad' ? '802.1ad' : '802.1Q' };
}

function normalizeBridge(bridge: unknown, name: string, sink: ProblemSink, path: string): BridgeIntent {
  if (bridge === undefined) return {};
  if (!isRecord(bridge)) {
    sink.add('AGENT_INVALID_VALUE', path, `bridge of ${name} must be a mapping`, 'give bridge: {options, port}');
    return {};
  }
  const out: { -readonly [K in keyof BridgeIntent]: BridgeIntent[K] } = {};
  for (const k of Object.keys(bridge))
    if (k !== 'options' && k !== 'port' && k !== 'ports') sink.add('AGENT_UNSUPPORTED', `${path}.${k}`, `bridge.${k} of ${name} is not supported`, `remove ${k}`);
  const o = bridge.options;
  if (o !== undefined) {
    if (!isRecord(o)) sink.add('AGENT_INVALID_VALUE', `${path}.options`, `bridge.options of ${name} must be a mapping`, 'give a mapping');
    else {
      for (const k of Object.keys(o)) {
        const v = o[k];
        const p = `${path}.options.${k}`;
        switch (k) {
          case 'stp': {
            if (typeof v === 'boolean') out.stp = v;
            else if (isRecord(v)) {
              for (const sk of Object.keys(v))
                if (sk !== 'enabled') sink.add('AGENT_UNSUPPORTED', `${p}.${sk}`, `bridge STP option ${sk} of ${name} is not supported by the agent`, 'remove it (kernel defaults apply)');
              if (typeof v.enabled === 'boolean') out.stp = v.enabled;
            } else sink.add('AGENT_INVALID_VALUE', p, `stp of ${name} is ${show(v)}`, 'give stp: {enabled: bool}');
            break;
          }
          case 'vlan-protocol':
            if (v === '802.1q' || v === '802.1ad') out.vlanProtocol = v === '802.1q' ? '802.1Q' : '802.1ad';
            else sink.add('AGENT_INVALID_VALUE', p, `vlan-protocol of ${name} is ${show(v)}`, 'use 802.1q or 802.1ad');
            break;
          case 'vlan-default-pvid':
            if (Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 4094) out.defaultPvid = v as number;
            else sink.add('AGENT_INVALID_VALUE', p, `vlan-default-pvid of ${name} is ${show(v)}`, 'give 0-4094');
            break;
          case 'multicast-snooping':
            if (typeof v === 'boolean') out.multicastSnooping = v;
            else sink.add('AGENT_INVALID_VALUE', p, `multicast-snooping of ${name} is ${show(v)}`, 'give true or false');
            break;
          case 'group-forward-mask':
            if (Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 65535) out.groupForwardMask = v as number;
            else sink.add('AGENT_INVALID_VALUE', p, `group-forward-mask of ${name} is ${show(v)}`, 'give a 16-bit mask');
            break;
          default:
            sink.add('AGENT_UNSUPPORTED', p, `bridge option ${k} of ${name} is not supported by the agent`, 'remove it (kernel defaults apply)');
        }
      }
    }
  }
  const rawPorts = bridge.port ?? bridge.ports;
  if (rawPorts !== undefined) {
    if (!Array.isArray(rawPorts)) sink.add('AGENT_INVALID_VALUE', `${path}.port`, `bridge.port of ${name} must be a list`, 'give a list of {name, vlan}');
    else {
      const ports: BridgePortIntent[] = [];
      const names = new Set<string>();
      (rawPorts as LinuxBridgePort[]).forEach((p, j) => {
        const pp = `${path}.port[${j}]`;
        if (!isRecord(p)) {
          sink.add('AGENT_INVALID_VALUE', pp, `a port of ${name} must be a mapping`, 'give {name}');
          return;
        }
        const err = agentNameError(p.name);
        if (err) {
          sink.add('AGENT_INTERFACE_NAME', `${pp}.name`, `port name ${show(p.name)} of ${name} ${err}`, 'use a valid interface name');
          return;
        }
        if (names.has(p.name)) {
          sink.add('AGENT_PORT_CONFLICT', `${pp}.name`, `port ${p.name} is listed twice in bridge ${name}`, 'list each port once');
          return;
        }
        names.add(p.name);
        for (const k of Object.keys(p))
          if (k !== 'name' && k !== 'vlan') sink.add('AGENT_UNSUPPORTED', `${pp}.${k}`, `bridge port option ${k} of ${p.name} is not supported by the agent`, 'remove it');
        const vlan = p.vlan !== undefined && isRecord(p.vlan) && Object.keys(p.vlan).length > 0 ? normalizePortVlan(p.vlan, p.name, sink, `${pp}.vlan`) : undefined;
        ports.push(vlan ? { name: p.name, vlan } : { name: p.name });
      });
      out.ports = ports;
      out.vlanFiltering = ports.some((p) => p.vlan !== undefined);
    }
  }
  if (out.defaultPvid !== undefined && out.defaultPvid !== 1 && out.vlanFiltering === false)
    sink.add('AGENT_BRIDGE_VLAN', `${path}.options.vlan-default-pvid`, `Linux bridge ${name} has vlan-default-pvid different than 1 but VLAN filtering is not enabled.`, 'give a port a vlan block, or leave vlan-default-pvid at 1');
  return out;
}

function normalizePortVlan(v: BridgePortVlanConfig, port: string, sink: ProblemSink, path: string): PortVlanIntent | undefined {
  const mode = v.mode ?? 'access';
  const before = sink.problems.length;
  for (const k of Object.keys(v))
    if (!['mode', 'trunk-tags', 'tag', 'enable-native'].includes(k)) sink.add('AGENT_UNSUPPORTED', `${path}.${k}`, `port vlan option ${k} of ${port} is not supported`, 'remove it');
  if (mode !== 'trunk' && mode !== 'access') {
    sink.add('AGENT_INVALID_VALUE', `${path}.mode`, `vlan mode of port ${port} is ${show(mode)}; allowed trunk, access`, 'use trunk or access');
    return undefined;
  }
  const tag = v.tag;
  if (tag !== undefined && (!Number.isInteger(tag) || tag < 1 || tag > 4094))
    sink.add('AGENT_INVALID_VALUE', `${path}.tag`, `vlan tag of port ${port} is ${show(tag)}; allowed 1-4094`, 'give a VLAN id');
  const native = v['enable-native'] === true;
  const tags = v['trunk-tags'];
  if (mode === 'trunk' && tag !== undefined && tag !== 0 && !native)
    sink.add('AGENT_BRIDGE_VLAN', `${path}.tag`, 'Bridge VLAN filtering `tag` cannot be use in trunk mode without `enable-native`', 'set enable-native: true or drop tag');
  if (mode === 'access' && native)
    sink.add('AGENT_BRIDGE_VLAN', `${path}.enable-native`, 'Bridge VLAN filtering `enable-native: true` cannot be set in access mode', 'drop enable-native');
  if (mode === 'access' && Array.isArray(tags) && tags.length > 0)
    sink.add('AGENT_BRIDGE_VLAN', `${path}.trunk-tags`, 'Bridge VLAN filtering access mode cannot have trunk-tags defined', 'use mode: trunk or drop trunk-tags');
  if (mode === 'trunk' && tags === undefined)
    sink.add('AGENT_BRIDGE_VLAN', `${path}.trunk-tags`, 'Bridge VLAN filtering trunk mode cannot have empty trunk-tags', 'list the VLANs the trunk carries');
  if (mode === 'access' && tag === undefined)
    sink.add('AGENT_BRIDGE_VLAN', `${path}.tag`, `access port ${port} has no tag`, 'give the access VLAN as tag');
  if (native && tag === undefined)
    sink.add('AGENT_BRIDGE_VLAN', `${path}.tag`, `trunk port ${port} has enable-native without a tag`, 'give the native VLAN as tag');
  const ids = new Set<number>();
  const spans: Array<[number, number, string]> = [];
  (Array.isArray(tags) ? (tags as TrunkTag[]) : []).forEach((t, j) => {
    const tp = `${path}.trunk-tags[${j}]`;
    let lo: number;
    let hi: number;
    if (isRecord(t) && 'id' in t && !('id-range' in t)) lo = hi = (t as { id: number }).id;
    else if (isRecord(t) && 'id-range' in t && !('id' in t) && isRecord(t['id-range'])) {
      lo = (t['id-range'] as { min: number }).min;
      hi = (t['id-range'] as { max: number }).max;
    } else {
      sink.add('AGENT_BRIDGE_VLAN', tp, "BridgePortTrunkTag only support 'id' or 'id-range'", 'give {id} or {id-range: {min, max}}');
      return;
    }
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 1 || hi > 4094 || lo > hi) {
      sink.add('AGENT_INVALID_VALUE', tp, `trunk tag ${show(t)} of port ${port} is outside 1-4094 or has min > max`, 'give ids between 1 and 4094 with min <= max');
      return;
    }
    const label = lo === hi ? `${lo}` : `${lo}-${hi}`;
    for (const [a, b, other] of spans)
      if (lo <= b && a <= hi) sink.add('AGENT_BRIDGE_VLAN', tp, `Bridge VLAN trunk tag ${label} is overlapping with other tag ${other}`, 'remove the overlap');
    spans.push([lo, hi, label]);
    for (let id = lo; id <= hi; id++) ids.add(id);
  });
  if (sink.problems.length > before) return undefined;
  return {
    mode,
    trunk: mode === 'trunk' ? [...ids].sort((a, b) => a - b) : [],
    pvid: mode === 'access' ? tag : native ? tag : undefined,
  };
}

function normalizeBond(la: BondConfig | undefined, name: string, sink: ProblemSink, path: string): BondIntent {
  if (la === undefined) return { options: {} };
  if (!isRecord(la)) {
    sink.add('AGENT_INVALID_VALUE', path, `link-aggregation of ${name} must be a mapping`, 'give {mode, port, options}');
    return { options: {} };
  }
  for (const k of Object.keys(la))
    if (!['mode', 'port', 'ports', 'options'].includes(k)) sink.add('AGENT_UNSUPPORTED', `${path}.${k}`, `link-aggregation.${k} of ${name} is not supported by the agent`, `remove ${k}`);
  let mode: string | undefined;
  if (la.mode !== undefined) {
    mode = BOND_MODE_ALIASES[String(la.mode)];
    if (!mode) sink.add('AGENT_INVALID_VALUE', `${path}.mode`, `bond mode of ${name} is ${show(la.mode)}`, `use one of ${BOND_MODES.join(', ')}`);
  }
  let ports: string[] | undefined;
  const rawPorts = la.port ?? (la as Record<string, unknown>).ports;
  if (rawPorts !== undefined) {
    if (!Array.isArray(rawPorts)) sink.add('AGENT_INVALID_VALUE', `${path}.port`, `link-aggregation.port of ${name} must be a list`, 'give a list of names');
    else {
      ports = [];
      rawPorts.forEach((p, j) => {
        const err = agentNameError(p);
        if (err) sink.add('AGENT_INTERFACE_NAME', `${path}.port[${j}]`, `port ${show(p)} of ${name} ${err}`, 'use a valid interface name');
        else if (ports!.includes(p as string)) sink.add('AGENT_PORT_CONFLICT', `${path}.port[${j}]`, `port ${p} is listed twice in bond ${name}`, 'list each port once');
        else ports!.push(p as string);
      });
    }
  }
  const options: Record<string, string | number> = {};
  const o = la.options;
  if (o !== undefined && isRecord(o)) {
    for (const [k, v] of Object.entries(o)) {
      if (!(k in BOND_OPTIONS)) {
        sink.add('AGENT_UNSUPPORTED', `${path}.options.${k}`, `bond option ${k} of ${name} is not supported by the agent`, `remove ${k}, or use one of ${Object.keys(BOND_OPTIONS).join(', ')}`);
        continue;
      }
      const s = typeof v === 'boolean' ? (v ? 1 : 0) : v;
      if ((typeof s !== 'string' && typeof s !== 'number') || !/^[A-Za-z0-9_.+-]+$/.test(String(s))) {
        sink.add('AGENT_INVALID_VALUE', `${path}.options.${k}`, `bond option ${k} of ${name} is ${show(v)}`, 'give a number or a kernel keyword');
        continue;
      }
      if (k === 'primary' && agentNameError(s)) {
        sink.add('AGENT_INTERFACE_NAME', `${path}.options.primary`, `bond primary ${show(s)} of ${name} is not a valid interface name`, 'name one of the ports');
        continue;
      }
      options[k] = typeof s === 'string' && /^\d+$/.test(s) ? Number(s) : s;
    }
    if (Number(options.miimon ?? 0) > 0 && Number(options.arp_interval ?? 0) > 0)
      sink.add('AGENT_INVALID_VALUE', `${path}.options`, 'Bond miimon and arp interval are not compatible options.', 'use one link monitor');
  }
  return { ...(mode ? { mode } : {}), ...(ports ? { ports } : {}), options };
}

/** Cross-interface rules: port ownership, ports without IP, parents not absent. */
function checkRelations(links: readonly LinkIntent[], sink: ProblemSink, base: string, raw: readonly unknown[]): void {
  const indexOf = (n: string) => raw.findIndex((r) => isRecord(r) && r.name === n);
  const byName = new Map(links.map((l) => [l.name, l]));
  const owner = new Map<string, string>();
  for (const l of links) {
    if (l.state === 'absent') continue;
    const ports = l.bridge?.ports?.map((p) => p.name) ?? l.bond?.ports ?? [];
    for (const p of ports) {
      const i = indexOf(l.name);
      const prev = owner.get(p);
      if (prev) sink.add('AGENT_PORT_CONFLICT', `${base}.interfaces[${i}]`, `Port ${p} is overbooked by two controller: ${l.name}, ${prev}`, 'give each port one controller');
      owner.set(p, l.name);
      if (p === l.name) sink.add('AGENT_PORT_CONFLICT', `${base}.interfaces[${i}]`, `${l.name} lists itself as a port`, 'remove it from its port list');
      const port = byName.get(p);
      if (port && (port.ipv4?.enabled || port.ipv6?.enabled))
        sink.add('AGENT_PORT_CONFLICT', `${base}.interfaces[${indexOf(p)}]`, `Interface ${p} cannot have IP enabled as it is attached to a controller where IP is not allowed`, `move the address to ${l.name}, or set ipv4/ipv6 enabled: false on ${p}`);
      if (port && port.state === 'absent')
        sink.add('AGENT_PARENT_ABSENT', `${base}.interfaces[${indexOf(p)}]`, `port ${p} of ${l.name} is marked absent`, `drop ${p} from the port list of ${l.name}`);
    }
    if (l.vlan) {
      const parent = byName.get(l.vlan.base);
      if (parent && parent.state === 'absent' && l.state === 'up')
        sink.add('AGENT_PARENT_ABSENT', `${base}.interfaces[${indexOf(l.name)}]`, `Interface ${l.name} cannot be in up state as its parent ${l.vlan.base} has been marked as absent`, `mark ${l.name} absent too, or keep ${l.vlan.base}`);
      if (l.vlan.base === l.name) sink.add('AGENT_INVALID_VALUE', `${base}.interfaces[${indexOf(l.name)}].vlan.base-iface`, `${l.name} is its own base`, 'name the parent interface');
    }
  }
  links.forEach((l) => {
    const c = (raw[indexOf(l.name)] as Record<string, unknown>)?.controller;
    if (typeof c === 'string' && c !== '' && owner.get(l.name) !== c)
      sink.add('AGENT_PORT_CONFLICT', `${base}.interfaces[${indexOf(l.name)}].controller`, `Interface ${l.name} has controller ${c} but not listed in port list of controller interface`, `list ${l.name} in the ports of ${c}`);
  });
}

function normalizeRoutes(routes: unknown, links: readonly LinkIntent[], sink: ProblemSink, path: string): RouteIntent[] {
  if (routes === undefined) return [];
  if (!isRecord(routes)) {
    sink.add('AGENT_INVALID_VALUE', path, 'routes must be a mapping with config', 'give routes: {config: [...]}');
    return [];
  }
  for (const k of Object.keys(routes))
    if (k !== 'config') sink.add('AGENT_UNSUPPORTED', `${path}.${k}`, `routes.${k} is not applied by the agent`, `remove ${k}`);
  const config = routes.config;
  if (config === undefined) return [];
  if (!Array.isArray(config)) {
    sink.add('AGENT_INVALID_VALUE', `${path}.config`, 'routes.config must be a list', 'give a list of routes');
    return [];
  }
  const absent = new Set(links.filter((l) => l.state === 'absent').map((l) => l.name));
  const out: RouteIntent[] = [];
  (config as RouteEntry[]).forEach((r, i) => {
    const p = `${path}.config[${i}]`;
    if (!isRecord(r)) {
      sink.add('AGENT_ROUTE', p, `route ${show(r)} is not a mapping`, 'give {destination, next-hop-interface, next-hop-address}');
      return;
    }
    const before = sink.problems.length;
    for (const k of Object.keys(r))
      if (!['destination', 'next-hop-address', 'next-hop-interface', 'metric', 'table-id', 'state'].includes(k))
        sink.add('AGENT_UNSUPPORTED', `${p}.${k}`, `route field ${k} is not supported by the agent`, `remove ${k}`);
    const state = r.state === 'absent' ? 'absent' : 'present';
    if (r.state !== undefined && r.state !== 'absent') sink.add('AGENT_ROUTE', `${p}.state`, `route state ${show(r.state)}; only absent is allowed`, 'omit state or use absent');
    const dst = parseCidr(r.destination);
    if (!dst) {
      sink.add('AGENT_ROUTE', `${p}.destination`, `route destination ${show(r.destination)} is not a CIDR`, 'give e.g. 198.51.100.0/24 or 0.0.0.0/0');
      return;
    }
    const family: 4 | 6 = dst.includes(':') ? 6 : 4;
    if (family === 4 && dst !== '0.0.0.0/0' && dst.startsWith('0.') && Number(dst.split('/')[1]) >= 8 && state === 'present')
      sink.add('AGENT_ROUTE', `${p}.destination`, '0.0.0.0/8 and its subnet cannot be used as the route destination for unicast route, please use the default gateway 0.0.0.0/0 instead', 'use 0.0.0.0/0');
    let via: string | undefined;
    if (r['next-hop-address'] !== undefined) {
      const a = String(r['next-hop-address']);
      if (!ipaddr.isValid(a) || (ipaddr.parse(a).kind() === 'ipv6') !== (family === 6))
        sink.add('AGENT_ROUTE', `${p}.next-hop-address`, `next-hop-address ${show(a)} is not an IPv${family} address`, 'give an address of the destination family');
      else via = ipaddr.parse(a).toString();
    }
    const dev = r['next-hop-interface'];
    if (dev !== undefined) {
      const err = agentNameError(dev);
      if (err) sink.add('AGENT_INTERFACE_NAME', `${p}.next-hop-interface`, `next-hop-interface ${show(dev)} ${err}`, 'use a valid interface name');
      else if (absent.has(dev) && state === 'present')
        sink.add('AGENT_ROUTE', `${p}.next-hop-interface`, `The next hop interface of desired Route '${dst}' has been marked as absent`, 'drop the route or keep the interface');
    } else if (state === 'present') sink.add('AGENT_ROUTE', `${p}.next-hop-interface`, `Route with empty next hop interface is not supported: ${dst}`, 'give next-hop-interface');
    let metric: number | undefined;
    if (r.metric !== undefined && r.metric !== -1) {
      if (!Number.isInteger(r.metric) || r.metric < 0 || r.metric > 4294967295) sink.add('AGENT_ROUTE', `${p}.metric`, `metric ${show(r.metric)} is invalid`, 'give a non-negative integer');
      else metric = r.metric;
    }
    let table = MAIN_TABLE;
    if (r['table-id'] !== undefined && r['table-id'] !== 0) {
      if (r['table-id'] !== MAIN_TABLE) sink.add('AGENT_UNSUPPORTED', `${p}.table-id`, `route table ${show(r['table-id'])}: the agent manages the main table (254) only`, 'drop table-id');
      table = MAIN_TABLE;
    }
    if (sink.problems.length > before) return;
    out.push({ family, destination: dst, ...(via ? { via } : {}), ...(typeof dev === 'string' ? { dev } : {}), ...(metric !== undefined ? { metric } : {}), table, state });
  });
  return out;
}

/** Canonical `net/prefix` (host bits cleared) or undefined. */
export function parseCidr(s: unknown): string | undefined {
  if (typeof s !== 'string' || !s.includes('/')) return undefined;
  try {
    const [addr, len] = ipaddr.parseCIDR(s);
    const net = addr.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(s) : ipaddr.IPv6.networkAddressFromCIDR(s);
    return `${net.toString()}/${len}`;
  } catch {
    return undefined;
  }
}
