/** `type: bond` (rust/src/lib/ifaces/bond.rs). */
import { isCaptureTemplate } from '../../../field-reader';
import { joinPath } from '../../../path';
import { show } from '../../../problems';
import { BOND_MODES, BondMode, BondOptionName } from '../../types';
import { BOND_KEYS, BOND_MODE_ALIASES, BOND_OPTION_ENUM_ALIASES, BOND_OPTION_ENUMS, BOND_OPTION_INTS, BOND_OPTION_KEYS } from '../fields';
import { newerThan } from '../versions';
import { Iface, isUp, State } from '../state';

/**
 * Kernel per-mode bond option matrix: the modes in which each option has an effect.
 * linux Documentation/networking/bonding.rst and drivers/net/bonding/bond_options.c (`unsuppmodes`).
 * nmstate has no such matrix: it passes the options to NetworkManager and only warns when
 * verification finds them missing (rust/src/lib/ifaces/bond.rs BondConfig doc).
 */
const BOND_OPTION_MODES: Readonly<Record<string, readonly string[]>> = {
  primary: ['active-backup', 'balance-tlb', 'balance-alb'],
  lacp_rate: ['802.3ad'],
  ad_select: ['802.3ad'],
  ad_actor_sys_prio: ['802.3ad'],
  ad_actor_system: ['802.3ad'],
  ad_user_port_key: ['802.3ad'],
  xmit_hash_policy: ['balance-xor', '802.3ad', 'balance-tlb', 'balance-alb'],
  packets_per_slave: ['balance-rr'],
  arp_interval: ['balance-rr', 'active-backup', 'balance-xor', 'broadcast'],
} satisfies Partial<Record<BondOptionName, ReadonlyArray<`${BondMode}`>>>;

/** The `link-aggregation:` block of a bond: mode, ports, ports-config and options (bond.rs). */
export function validateBond(st: State, i: Iface): void {
  const { ctx } = st;
  // `bond:` is an alias of `link-aggregation:` since 2.2.47 (interface-keys.ts reports it for older targets).
  const section = i.raw['link-aggregation'] === undefined && i.raw.bond !== undefined ? 'bond' : 'link-aggregation';
  const path = joinPath(i.path, section);
  if (isCaptureTemplate(i.raw[section])) return;
  const la = ctx.record(i.raw[section], path, section) ?? {};
  ctx.unknownKeys(la, path, BOND_KEYS, 'BondConfig');

  // BO1: bond.rs validate_new_iface_with_no_mode — only an error when the bond is new on the node.
  let mode: string | undefined;
  if (la.mode === undefined || la.mode === null) {
    if (isUp(i)) {
      ctx.add('NMSTATE_BOND_MODE_MISSING', joinPath(path, 'mode'), `bond ${show(i.name)} has no link-aggregation.mode; nmstate rejects it on nodes where the bond does not exist yet`, `set mode (${BOND_MODES.join(', ')})`);
    }
  } else if (!isCaptureTemplate(la.mode)) {
    // bond.rs BondMode: names or numeric aliases "0".."6" (NumberAsString).
    const s = typeof la.mode === 'number' || typeof la.mode === 'string' ? String(la.mode) : '';
    mode = (BOND_MODES as readonly string[]).includes(s) ? s : /^[0-6]$/.test(s) ? BOND_MODES[Number(s)] : undefined;
    // `lacp` is an alias of 802.3ad since 2.2.47.
    if (mode === undefined && BOND_MODE_ALIASES.all.includes(s)) {
      const since = newerThan(BOND_MODE_ALIASES, s, ctx.version);
      if (since) ctx.newer(joinPath(path, 'mode'), `bond mode alias ${show(s)}`, since);
      else mode = '802.3ad';
    } else if (mode === undefined) {
      ctx.add('NMSTATE_BOND_MODE_INVALID', joinPath(path, 'mode'), `bond ${show(i.name)} has mode ${show(la.mode)}; allowed: ${BOND_MODES.join(', ')} (or 0–6)`, 'use one of the bond mode names');
    }
  }

  // port list (alias ports) and ports-config.
  const portKey = la.port !== undefined ? 'port' : 'ports';
  const ports = ctx.list(la[portKey], joinPath(path, portKey), `link-aggregation.${portKey}`);
  const portNames: Array<string | undefined> = (ports ?? []).map((p, k) => {
    const n = ctx.string(p, joinPath(path, portKey, k), 'bond port', true);
    if (n !== undefined) ctx.ifname(n, joinPath(path, portKey, k), 'bond port');
    return n;
  });
  const cfg = ctx.list(la['ports-config'], joinPath(path, 'ports-config'), 'link-aggregation.ports-config');
  const cfgNames: Array<string | undefined> = [];
  const qids = new Map<number, string>();
  (cfg ?? []).forEach((c, k) => {
    const cp = joinPath(path, 'ports-config', k);
    const rec = ctx.record(c, cp, 'ports-config entry');
    if (!rec) return cfgNames.push(undefined);
    const n = ctx.string(rec.name, joinPath(cp, 'name'), 'ports-config name', true);
    cfgNames.push(n);
    const priority = ctx.int(rec.priority, joinPath(cp, 'priority'), 'ports-config priority', 'i32');
    // BO8: bond.rs BondPortConfig.priority — only verified in active-backup, balance-tlb, balance-alb.
    if (priority !== undefined && mode !== undefined && !['active-backup', 'balance-tlb', 'balance-alb'].includes(mode)) {
      ctx.add('NMSTATE_BOND_OPTION_MODE', joinPath(cp, 'priority'), `bond ${show(i.name)} in mode ${mode}: ports-config priority of ${show(n)} has no effect (only active-backup, balance-tlb, balance-alb) and fails verification`, 'remove priority, or use a mode that supports it');
    }
    // BO3: bond.rs check_overlap_queue_id.
    const q = ctx.int(rec['queue-id'], joinPath(cp, 'queue-id'), 'queue-id', 'u16');
    if (q !== undefined && q !== 0) {
      const prev = qids.get(q);
      if (prev !== undefined) {
        ctx.add('NMSTATE_BOND_QUEUE_ID_SHARED', joinPath(cp, 'queue-id'), `ports ${show(prev)} and ${show(n)} of bond ${show(i.name)} share queue-id ${q}; the kernel allows each non-zero queue-id once`, 'give each port a different queue-id (or 0)');
      } else qids.set(q, n ?? '?');
    }
    return undefined;
  });
  // BO2: bond.rs validate_conflict_in_port_and_port_configs (sorted lists must match).
  if (ports !== undefined && cfg !== undefined && !portNames.includes(undefined) && !cfgNames.includes(undefined)) {
    const a = [...(portNames as string[])].sort();
    const b = [...(cfgNames as string[])].sort();
    if (a.length !== b.length || a.some((x, k) => x !== b[k])) {
      ctx.add('NMSTATE_BOND_PORTS_CONFIG_CONFLICT', joinPath(path, 'ports-config'), `bond ${show(i.name)}: ${portKey} ${show(a)} and ports-config ${show(b)} name different ports`, 'list the same ports in both, or drop port and keep ports-config');
    }
  }

  // options (snake_case kernel names, BondOptions deny_unknown_fields).
  const op = joinPath(path, 'options');
  const opts = ctx.record(la.options, op, 'link-aggregation.options');
  if (!opts) return;
  ctx.unknownKeys(opts, op, BOND_OPTION_KEYS, 'BondOptions');
  const val: Record<string, unknown> = {};
  for (const [k, values] of Object.entries(BOND_OPTION_ENUMS)) {
    val[k] = ctx.oneOf(opts[k], joinPath(op, k), k, values, BOND_OPTION_ENUM_ALIASES[k]);
  }
  for (const [k, kind] of Object.entries(BOND_OPTION_INTS)) val[k] = ctx.int(opts[k], joinPath(op, k), k, kind);
  for (const k of ['tlb_dynamic_lb', 'use_carrier']) ctx.bool(opts[k], joinPath(op, k), k);
  const slbKey = opts.balance_slb !== undefined ? 'balance_slb' : 'balance-slb';
  const slb = ctx.bool(opts[slbKey], joinPath(op, slbKey), 'balance_slb');
  const actor = ctx.string(opts.ad_actor_system, joinPath(op, 'ad_actor_system'), 'ad_actor_system');
  ctx.string(opts.primary, joinPath(op, 'primary'), 'primary');
  ctx.string(opts.arp_ip_target, joinPath(op, 'arp_ip_target'), 'arp_ip_target');

  // BO4: bond.rs BondOptions::validate_miimon_and_arp_interval.
  const miimon = val.miimon as number | undefined;
  const arp = val.arp_interval as number | undefined;
  if (miimon !== undefined && arp !== undefined && miimon > 0 && arp > 0) {
    ctx.add('NMSTATE_BOND_MIIMON_ARP_INTERVAL', joinPath(op, 'arp_interval'), `bond ${show(i.name)} sets miimon ${miimon} and arp_interval ${arp}; the two link monitors exclude each other`, 'keep either miimon or arp_interval (set the other to 0 or remove it)');
  }
  // BO5: bond.rs BondOptions::validate_ad_actor_system_mac_address.
  if (actor !== undefined && actor.toUpperCase().startsWith('01:00:5E')) {
    ctx.add('NMSTATE_BOND_AD_ACTOR_SYSTEM_MULTICAST', joinPath(op, 'ad_actor_system'), `bond ${show(i.name)} has ad_actor_system ${show(actor)}, an IANA multicast MAC (01:00:5E…)`, 'use a unicast MAC address for ad_actor_system');
  }
  // BO6: bond.rs BondOptions::validate_balance_slb (needs the mode; skipped when it comes from the node).
  if (slb === true && mode !== undefined && (mode !== 'balance-xor' || val.xmit_hash_policy !== 'vlan+srcmac')) {
    ctx.add('NMSTATE_BOND_BALANCE_SLB', joinPath(op, slbKey), `bond ${show(i.name)} enables balance_slb with mode ${mode} and xmit_hash_policy ${show(val.xmit_hash_policy)}; it needs mode balance-xor and xmit_hash_policy vlan+srcmac`, "set mode: balance-xor and xmit_hash_policy: 'vlan+srcmac', or remove balance_slb");
  }
  // BO7: bond.rs validate_mac_restricted_mode.
  if (mode === 'active-backup' && val.fail_over_mac === 'active' && i.raw['mac-address'] !== undefined && i.raw['mac-address'] !== null) {
    ctx.add('NMSTATE_BOND_MAC_WITH_FAIL_OVER_MAC', joinPath(i.path, 'mac-address'), `bond ${show(i.name)} sets mac-address ${show(i.raw['mac-address'])} with active-backup and fail_over_mac: active, where the bond takes the active port's MAC`, 'remove mac-address, or use fail_over_mac none/follow');
  }
  // Kernel per-mode option matrix (bonding.rst, bond_options.c unsuppmodes): warnings.
  if (mode !== undefined) {
    for (const [k, modes] of Object.entries(BOND_OPTION_MODES)) {
      if (opts[k] === undefined || opts[k] === null || modes.includes(mode)) continue;
      if (k === 'arp_interval' && !(arp !== undefined && arp > 0)) continue;
      ctx.add('NMSTATE_BOND_OPTION_MODE', joinPath(op, k), `bond ${show(i.name)} in mode ${mode} sets ${k}, which only applies to ${modes.join(', ')}; the kernel refuses or ignores it`, `remove ${k}, or use a mode where it applies`);
    }
  }
}
