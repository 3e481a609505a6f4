/**
 * Diff and plan: intent + current host state → the minimal ordered list of operations that
 * converges the host, following nmstate's semantics for the subset (partial edit; port lists
 * replace; implicit VLAN filtering; `absent` deletes virtual interfaces and downs NICs; a port of
 * a controller carries no IP). Pure: no I/O, no iproute2 syntax (the backend renders the ops).
 *
 * Order (one `ip -batch`, then one `bridge -batch`): route deletions → address deletions → port
 * detaches → link deletions (dependents first) → attribute changes of existing links (a base's
 * MTU grows before a VLAN with that MTU is created on it: the kernel refuses a VLAN MTU above its
 * base's) → link creations (bases first) → enslavements → address additions → up/down → route
 * additions → bridge VLANs.
 */
import { CodeTable, Problem } from '../core/errors';
import { ProblemSink } from '../core/problems';
import { AGENT_CODES } from '../core/host-intent/codes';
import { BOND_OPTIONS } from '../core/host-intent/normalize';
import type { BridgeIntent, Cidr, Family, HostIntent, LinkIntent, LinkKind, RouteIntent } from '../core/host-intent/model';
import type { CurrentLink, CurrentRoute, HostState, PortVlanState } from './state';
import { addTo } from '../core/multimap';

/** Attributes of a link set at creation or changed later, by kernel (`ip link`) name. */
export type KernelAttrs = Readonly<Record<string, string | number>>;

/** One planned change. `tool` says which batch it goes to. */
export type Op =
  | { readonly op: 'route-del'; readonly route: CurrentRoute }
  | { readonly op: 'addr-del'; readonly dev: string; readonly family: Family; readonly cidr: Cidr }
  | { readonly op: 'set-nomaster'; readonly dev: string }
  | { readonly op: 'link-del'; readonly dev: string }
  | {
      readonly op: 'link-add';
      readonly dev: string;
      readonly kind: 'vlan' | 'bridge' | 'bond';
      readonly up: boolean;
      readonly mtu?: number;
      readonly mac?: string;
      readonly vlan?: { readonly base: string; readonly id: number; readonly protocol: string };
      readonly attrs: KernelAttrs;
    }
  | { readonly op: 'link-set'; readonly dev: string; readonly mtu?: number; readonly mac?: string; readonly kind?: 'bridge' | 'bond'; readonly attrs?: KernelAttrs }
  | { readonly op: 'set-master'; readonly dev: string; readonly master: string; readonly downFirst: boolean }
  | { readonly op: 'addr-add'; readonly dev: string; readonly family: Family; readonly cidr: Cidr }
  | { readonly op: 'set-state'; readonly dev: string; readonly up: boolean }
  | { readonly op: 'route-add'; readonly route: RouteIntent }
  | { readonly op: 'vlan-del'; readonly dev: string; readonly ids: readonly number[] }
  | { readonly op: 'vlan-add'; readonly dev: string; readonly ids: readonly number[]; readonly pvid: boolean; readonly untagged: boolean };

/** Which batch an op belongs to. */
export function toolOf(op: Op): 'ip' | 'bridge' {
  return op.op === 'vlan-add' || op.op === 'vlan-del' ? 'bridge' : 'ip';
}

/** The result of planning. Host-dependent problems (a missing NIC) mean: apply nothing. */
export interface Plan {
  readonly ops: readonly Op[];
  readonly problems: readonly Problem[];
  /** Links the kernel removes as a side effect of a deletion (VLANs on a deleted base). */
  readonly cascade: readonly string[];
}

/**
 * Kinds the agent creates and deletes. Anything else is a device it only configures. Each has
 * rtnl `dellink`, so a link group of them can be deleted in one call (rollback-run.ts).
 */
export const AGENT_LINK_KINDS: ReadonlySet<string> = new Set(['vlan', 'bridge', 'bond']);

/** The intent kind a current link counts as. */
export function kindOfCurrent(c: CurrentLink): LinkKind {
  return c.kind === 'vlan' || c.kind === 'bridge' || c.kind === 'bond' ? c.kind : 'ethernet';
}

/** Kinds of links that are left alone when they sit in a bridge but the intent never names them (CNI/VM ports, nmstate `ignore`). */
const IGNORED_PORT_KINDS: ReadonlySet<string> = new Set(['veth', 'tun', 'tap']);

/** Bridge attributes: intent field → kernel name (`ip -d link` and `ip link ... type bridge`). */
function bridgeAttrs(b: BridgeIntent | undefined): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  if (!b) return out;
  if (b.stp !== undefined) out.stp_state = b.stp ? 1 : 0;
  if (b.vlanFiltering !== undefined) out.vlan_filtering = b.vlanFiltering ? 1 : 0;
  if (b.defaultPvid !== undefined) out.vlan_default_pvid = b.defaultPvid;
  if (b.vlanProtocol !== undefined) out.vlan_protocol = b.vlanProtocol;
  if (b.multicastSnooping !== undefined) out.mcast_snooping = b.multicastSnooping ? 1 : 0;
  if (b.groupForwardMask !== undefined) out.group_fwd_mask = b.groupForwardMask;
  return out;
}

/** Bridge attributes a new bridge already has: left out of `link add` (also keeps kernels without VLAN filtering happy). */
const BRIDGE_DEFAULTS: Readonly<Record<string, string | number>> = { stp_state: 0, vlan_filtering: 0, vlan_default_pvid: 1, vlan_protocol: '802.1Q', mcast_snooping: 1, group_fwd_mask: 0 };

function withoutKernelDefaults(a: Record<string, string | number>, defaults: Readonly<Record<string, string | number>>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(a).filter(([k, v]) => !(k in defaults && sameValue(v, defaults[k]))));
}

function sameValue(want: string | number, have: unknown): boolean {
  if (have === undefined || have === null) return false;
  if (typeof want === 'number') return Number(have) === want;
  return String(have).toLowerCase() === want.toLowerCase();
}

/** Options of {@link planChanges}. */
export interface PlanOptions {
  /** Resource the problems are reported against. @default { kind: 'Host' } */
  readonly resource?: { kind: string; name?: string };
}

/** Computes the ordered changes that bring `state` to `intent`. */
export function planChanges(intent: HostIntent, state: HostState, options: PlanOptions = {}): Plan {
  const sink = new ProblemSink(options.resource ?? { kind: 'Host' }, AGENT_CODES as CodeTable);
  const cur = state.links;
  const want = new Map(intent.links.map((l) => [l.name, l]));
  const mentioned = new Set<string>();
  for (const l of intent.links) {
    mentioned.add(l.name);
    l.bridge?.ports?.forEach((p) => mentioned.add(p.name));
    l.bond?.ports?.forEach((p) => mentioned.add(p));
  }

  // ---- which links go away, which are (re)created -------------------------------------------
  const deleted = new Set<string>();
  const created = new Set<string>();
  const downed: string[] = [];
  intent.links.forEach((l, i) => {
    const c = cur.get(l.name);
    const path = `interfaces[${i}]`;
    if (l.state === 'absent') {
      if (!c) return;
      const ck = kindOfCurrent(c);
      if (l.kind !== 'any' && l.kind !== ck) return; // nmstate matches absent by name and type
      if (AGENT_LINK_KINDS.has(c.kind)) deleted.add(l.name);
      else if (c.up) downed.push(l.name);
      return;
    }
    if (l.kind === 'ethernet') {
      if (!c) sink.add('AGENT_HOST_MISSING', path, `Ethernet interface ${l.name} does not exists`, `check the NIC name on this node, or use a nodeSelector that leaves this node out`);
      else if (AGENT_LINK_KINDS.has(c.kind)) sink.add('AGENT_HOST_KIND', `${path}.type`, `${l.name} is a ${c.kind} on the host, not an ethernet device`, 'fix the type, or mark the interface absent first');
      return;
    }
    if (!c) {
      created.add(l.name);
      return;
    }
    const ck = kindOfCurrent(c);
    if (ck !== l.kind) {
      if (AGENT_LINK_KINDS.has(c.kind)) {
        deleted.add(l.name);
        created.add(l.name);
      } else sink.add('AGENT_HOST_KIND', `${path}.type`, `${l.name} exists on the host as a ${c.kind || 'physical'} device; the agent will not replace it with a ${l.kind}`, 'rename the interface');
      return;
    }
    const vlanChanged = l.vlan && c.vlan && (l.vlan.base !== c.vlan.base || l.vlan.id !== c.vlan.id || l.vlan.protocol.toLowerCase() !== c.vlan.protocol.toLowerCase());
    const modeChanged = l.bond?.mode && c.bond && !sameValue(l.bond.mode, c.bond.mode);
    if (vlanChanged || modeChanged) {
      deleted.add(l.name);
      created.add(l.name);
    }
  });
  // The kernel deletes VLANs whose base is deleted; they must be deleted first and recreated when wanted.
  const cascade: string[] = [];
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of cur.values()) {
      if (c.vlan && deleted.has(c.vlan.base) && !deleted.has(c.name)) {
        deleted.add(c.name);
        grew = true;
        const w = want.get(c.name);
        if (w && w.state !== 'absent') created.add(c.name);
        else if (!w) cascade.push(c.name);
      }
    }
  }

  // ---- the current state as it is after the deletions ------------------------------------------
  const after = new Map<string, CurrentLink>();
  const deletedBonds = new Set([...deleted].filter((n) => cur.get(n)?.kind === 'bond'));
  for (const c of cur.values()) {
    if (deleted.has(c.name)) continue;
    if (c.master && deleted.has(c.master)) {
      const { master: _m, ...rest } = c;
      after.set(c.name, { ...rest, up: deletedBonds.has(c.master) ? false : c.up });
    } else after.set(c.name, c);
  }
  // the ports of each controller, read once (a lookup per bridge instead of a walk of every link)
  const portsOfMaster = new Map<string, CurrentLink[]>();
  for (const c of after.values()) if (c.master) addTo(portsOfMaster, c.master, c);

  hostConflicts(intent, after, created, sink);

  // ---- dependency ranks (bases and ports before the links built on them) -------------------------
  const rank = ranks(intent, cur);
  const byRank = (a: string, b: string) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0) || a.localeCompare(b);

  const routeDel: Op[] = [];
  const addrDel: Op[] = [];
  const detach: Op[] = [];
  const linkDel: Op[] = [];
  const linkAdd: Op[] = [];
  const linkSet: Op[] = [];
  const enslave: Op[] = [];
  const addrAdd: Op[] = [];
  const upDown: Op[] = [];
  const routeAdd: Op[] = [];
  const vlanOps: Op[] = [];

  for (const n of [...deleted].sort((a, b) => -byRank(a, b))) linkDel.push({ op: 'link-del', dev: n });
  for (const n of downed) upDown.push({ op: 'set-state', dev: n, up: false });

  // projected master after this plan, to validate and to know the bridge each port ends up in
  const projectedMaster = new Map<string, string | undefined>();
  for (const c of after.values()) projectedMaster.set(c.name, c.master);

  const indexOf = new Map(intent.links.map((l, i) => [l, i]));
  const present = intent.links.filter((l) => l.state !== 'absent').sort((a, b) => byRank(a.name, b.name));
  for (const l of present) {
    const i = indexOf.get(l)!;
    const c = after.get(l.name);
    if (created.has(l.name)) {
      const kind = l.kind as 'vlan' | 'bridge' | 'bond';
      let attrs: Record<string, string | number> = {};
      if (kind === 'bridge') attrs = withoutKernelDefaults(bridgeAttrs(l.bridge), BRIDGE_DEFAULTS);
      if (kind === 'bond') {
        if (!l.bond?.mode) sink.add('AGENT_MISSING_FIELD', `interfaces[${i}].link-aggregation.mode`, `Bond mode is mandatory for new bond interface: ${l.name}`, 'give link-aggregation.mode');
        attrs = { ...(l.bond?.mode ? { mode: l.bond.mode } : {}), ...(l.bond?.options ?? {}) };
      }
      if (kind === 'vlan' && !l.vlan) continue;
      if (kind === 'vlan') {
        const base = l.vlan!.base;
        if (!after.has(base) && !(want.get(base) && want.get(base)!.state !== 'absent' && created.has(base)))
          sink.add('AGENT_HOST_MISSING', `interfaces[${i}].vlan.base-iface`, `base-iface ${base} of ${l.name} does not exist and is not created by this state`, `create ${base} in the same state or fix the name`);
      }
      linkAdd.push({
        op: 'link-add',
        dev: l.name,
        kind,
        up: l.state === 'up',
        ...(l.mtu !== undefined ? { mtu: l.mtu } : {}),
        ...(l.mac !== undefined ? { mac: l.mac } : {}),
        ...(kind === 'vlan' ? { vlan: { base: l.vlan!.base, id: l.vlan!.id, protocol: l.vlan!.protocol } } : {}),
        attrs,
      });
    } else if (c) {
      const mtu = l.mtu !== undefined && l.mtu !== c.mtu ? l.mtu : undefined;
      const mac = l.mac !== undefined && l.mac !== c.mac ? l.mac : undefined;
      const changed: Record<string, string | number> = {};
      if (l.kind === 'bridge') for (const [k, v] of Object.entries(bridgeAttrs(l.bridge))) if (!sameValue(v, c.bridge?.[k])) changed[k] = v;
      if (l.kind === 'bond')
        for (const [k, v] of Object.entries(l.bond?.options ?? {})) if (!sameValue(v, c.bond?.[BOND_OPTIONS[k] ?? k])) changed[k] = v;
      const hasAttrs = Object.keys(changed).length > 0;
      if (mtu !== undefined || mac !== undefined || hasAttrs) {
        linkSet.push({
          op: 'link-set',
          dev: l.name,
          ...(mtu !== undefined ? { mtu } : {}),
          ...(mac !== undefined ? { mac } : {}),
          ...(hasAttrs ? { kind: l.kind as 'bridge' | 'bond', attrs: changed } : {}),
        });
      }
    }
    // ports
    const ports = l.bridge?.ports?.map((p) => p.name) ?? l.bond?.ports;
    if (ports) {
      for (const p of ports) {
        const pc = after.get(p);
        const pw = want.get(p);
        if (!pc && !(pw && created.has(p))) {
          sink.add('AGENT_HOST_MISSING', `interfaces[${i}]`, `port ${p} of ${l.name} does not exist on the host`, `check the port name, or create ${p} in the same state`);
          continue;
        }
        if (created.has(l.name) || pc?.master !== l.name) {
          enslave.push({ op: 'set-master', dev: p, master: l.name, downFirst: l.kind === 'bond' && (pc?.up ?? (pw?.state === 'up')) });
          projectedMaster.set(p, l.name);
        }
      }
      if (!created.has(l.name)) {
        for (const pc of portsOfMaster.get(l.name) ?? []) {
          if (ports.includes(pc.name)) continue;
          if (!mentioned.has(pc.name) && IGNORED_PORT_KINDS.has(pc.kind)) continue;
          if (projectedMaster.get(pc.name) === l.name) {
            detach.push({ op: 'set-nomaster', dev: pc.name });
            projectedMaster.set(pc.name, undefined);
          }
        }
      }
    }
    // addresses
    for (const fam of [4, 6] as const) {
      const ip = fam === 4 ? l.ipv4 : l.ipv6;
      if (!ip) continue;
      const have = created.has(l.name) ? [] : c?.addresses[fam] ?? [];
      const wantSet = new Set(ip.enabled ? ip.addresses : []);
      for (const a of have) if (!wantSet.has(a)) addrDel.push({ op: 'addr-del', dev: l.name, family: fam, cidr: a });
      for (const a of ip.addresses) if (!have.includes(a)) addrAdd.push({ op: 'addr-add', dev: l.name, family: fam, cidr: a });
    }
    // up / down (a new link is created in its state; a new bond port is opened by the bond)
    if (!created.has(l.name) && c) {
      const enslavedToBond = enslave.some((o) => o.op === 'set-master' && o.dev === l.name && want.get(o.master)?.kind === 'bond');
      const isUp = enslavedToBond ? true : c.up;
      if ((l.state === 'up') !== isUp) upDown.push({ op: 'set-state', dev: l.name, up: l.state === 'up' });
    }
  }
  // ports released by a deleted bond come back down; bring up those the intent wants up
  // (handled above through `after`), and order enslavements by controller rank
  enslave.sort((a, b) => byRank((a as { master: string }).master, (b as { master: string }).master));

  // ---- bridge port VLANs ------------------------------------------------------------------------
  for (const l of present) {
    if (l.kind !== 'bridge' || !l.bridge?.ports) continue;
    const defaultPvid = l.bridge.defaultPvid ?? Number(after.get(l.name)?.bridge?.vlan_default_pvid ?? 1);
    for (const p of l.bridge.ports) {
      if (!p.vlan) continue;
      const fresh = created.has(l.name) || created.has(p.name) || after.get(p.name)?.master !== l.name;
      let have: readonly PortVlanState[];
      if (fresh) have = defaultPvid > 0 ? [{ id: defaultPvid, pvid: true, untagged: true }] : [];
      else if (state.bridgeVlans) have = state.bridgeVlans.get(p.name) ?? [];
      else {
        sink.add('AGENT_INVALID_VALUE', 'bridgeVlans', 'bridge VLANs were not read but the intent configures port VLANs', 'internal: read with bridgeVlans');
        continue;
      }
      vlanOps.push(...portVlanOps(p.name, p.vlan, have));
    }
  }

  // ---- routes -----------------------------------------------------------------------------------
  const liveRoutes = state.routes.filter((r) => !r.dev || !deleted.has(r.dev));
  const deletedRoutes = new Set<CurrentRoute>();
  intent.routes.forEach((r) => {
    if (r.state === 'absent') {
      for (const c of liveRoutes) if (!deletedRoutes.has(c) && routeMatches(r, c)) {
        deletedRoutes.add(c);
        routeDel.push({ op: 'route-del', route: c });
      }
      return;
    }
    const devRecreated = r.dev !== undefined && created.has(r.dev);
    const found = !devRecreated && liveRoutes.some((c) => !deletedRoutes.has(c) && routeMatches(r, c, true));
    if (!found) routeAdd.push({ op: 'route-add', route: r });
  });

  const ops = [...routeDel, ...addrDel, ...detach, ...linkDel, ...linkSet, ...linkAdd, ...enslave, ...addrAdd, ...upDown.sort((a, b) => byRank((a as { dev: string }).dev, (b as { dev: string }).dev)), ...routeAdd, ...vlanOps];
  return { ops, problems: sink.problems, cascade };
}

/** Does current route `c` match intent `r`? `exact`: a present route must match its via (or lack of one) too. */
export function routeMatches(r: RouteIntent, c: CurrentRoute, exact = false): boolean {
  if (r.family !== c.family || r.destination !== c.destination || r.table !== c.table) return false;
  if (r.dev !== undefined && r.dev !== c.dev) return false;
  if (r.via !== undefined ? r.via !== c.via : exact && c.via !== undefined) return false;
  if (r.metric !== undefined && r.metric !== (c.metric ?? (c.family === 4 ? 0 : 1024))) return false;
  return true;
}

/** The `bridge vlan` changes that turn `have` into the port's intended VLAN set. */
export function portVlanOps(
  dev: string,
  v: { readonly trunk: readonly number[]; readonly pvid?: number; readonly untagged?: readonly number[] },
  have: readonly PortVlanState[],
): Op[] {
  const want = new Map<number, { pvid: boolean; untagged: boolean }>();
  for (const id of v.trunk) want.set(id, { pvid: false, untagged: false });
  for (const id of v.untagged ?? []) want.set(id, { pvid: false, untagged: true });
  if (v.pvid !== undefined) want.set(v.pvid, { pvid: true, untagged: true });
  const haveMap = new Map(have.map((h) => [h.id, h]));
  const del = [...haveMap.keys()].filter((id) => !want.has(id)).sort((a, b) => a - b);
  const ops: Op[] = [];
  if (del.length) ops.push({ op: 'vlan-del', dev, ids: del });
  const groups = new Map<string, number[]>();
  for (const [id, f] of [...want.entries()].sort((a, b) => a[0] - b[0])) {
    const h = haveMap.get(id);
    if (h && h.pvid === f.pvid && h.untagged === f.untagged) continue;
    const key = `${f.pvid}/${f.untagged}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(id);
  }
  for (const [key, ids] of groups) {
    const [pvid, untagged] = key.split('/').map((s) => s === 'true');
    ops.push({ op: 'vlan-add', dev, ids, pvid, untagged });
  }
  return ops;
}

/** Rank of every link: 0 for leaves, 1 + the highest rank of its base and ports otherwise. */
function ranks(intent: HostIntent, cur: ReadonlyMap<string, CurrentLink>): Map<string, number> {
  const deps = new Map<string, string[]>();
  const add = (n: string, d: string) => {
    if (!deps.has(n)) deps.set(n, []);
    deps.get(n)!.push(d);
  };
  for (const c of cur.values()) {
    if (c.vlan) add(c.name, c.vlan.base);
    if (c.master) add(c.master, c.name);
  }
  for (const l of intent.links) {
    if (l.state === 'absent') continue;
    if (l.vlan) add(l.name, l.vlan.base);
    l.bridge?.ports?.forEach((p) => add(l.name, p.name));
    l.bond?.ports?.forEach((p) => add(l.name, p));
  }
  const out = new Map<string, number>();
  const visit = (n: string, stack: Set<string>): number => {
    const known = out.get(n);
    if (known !== undefined) return known;
    if (stack.has(n)) return 0;
    stack.add(n);
    let r = 0;
    for (const d of deps.get(n) ?? []) r = Math.max(r, 1 + visit(d, stack));
    stack.delete(n);
    out.set(n, r);
    return r;
  };
  // one stack for every walk: each visit removes what it added
  const stack = new Set<string>();
  for (const n of cur.keys()) visit(n, stack);
  for (const l of intent.links) visit(l.name, stack);
  return out;
}

/** Intent kinds, re-exported for callers that build intents from snapshots. */
export type { LinkIntent };

/**
 * What the kernel would refuse half-way through the batch, found before anything runs: a new VLAN
 * whose base and id another link (not being recreated) already has — `vlan_check_real_dev` returns
 * EEXIST (Linux net/8021q/vlan.c) — and an MTU outside the min/max an existing interface reports
 * (`dev_validate_mtu`, net/core/dev.c). Both leave the host untouched: the plan is unsatisfiable.
 */
function hostConflicts(intent: HostIntent, after: ReadonlyMap<string, CurrentLink>, created: ReadonlySet<string>, sink: ProblemSink): void {
  // the VLANs that stay, by base, id and protocol, and the links the state keeps, by name: one
  // lookup per interface instead of a walk of every link (hosts carry hundreds of bridges)
  const vlanKey = (base: string, id: number, protocol: string) => `${base}\0${id}\0${protocol.toLowerCase()}`;
  const kept = new Map<string, CurrentLink[]>();
  for (const x of after.values()) if (x.vlan && !created.has(x.name)) addTo(kept, vlanKey(x.vlan.base, x.vlan.id, x.vlan.protocol), x);
  const presentByName = new Map<string, LinkIntent>();
  for (const x of intent.links) if (x.state !== 'absent' && !presentByName.has(x.name)) presentByName.set(x.name, x);
  intent.links.forEach((l, i) => {
    if (l.state === 'absent') return;
    const path = `interfaces[${i}]`;
    if (l.kind === 'vlan' && l.vlan && created.has(l.name)) {
      const { base, id, protocol } = l.vlan;
      const other = kept.get(vlanKey(base, id, protocol))?.find((x) => x.name !== l.name);
      if (other)
        sink.add(
          'AGENT_HOST_VLAN_IN_USE', `${path}.vlan.id`,
          `VLAN ${id} on ${base} already exists on the host as ${other.name}; the kernel allows one interface per base and VLAN id, so ${l.name} cannot be created`,
          `remove ${other.name} from the host (or mark it absent in this state), or give ${l.name} the name ${other.name}`,
        );
    }
    if (l.kind === 'vlan' && l.vlan && l.mtu !== undefined) {
      // vlan_newlink refuses (EINVAL) and vlan_dev_change_mtu (ERANGE) a VLAN MTU above its base's
      // (Linux net/8021q/vlan_netlink.c, vlan_dev.c)
      const base = l.vlan.base;
      const baseIntent = presentByName.get(base);
      const baseMtu = baseIntent?.mtu ?? (created.has(base) ? undefined : after.get(base)?.mtu);
      if (baseMtu !== undefined && l.mtu > baseMtu)
        sink.add(
          'AGENT_HOST_MTU_RANGE', `${path}.mtu`,
          `MTU ${l.mtu} of VLAN ${l.name} is above the MTU of its base ${base} (${baseMtu}); the kernel refuses it`,
          `raise the MTU of ${base} to at least ${l.mtu} in the same state, or lower ${l.name}'s MTU`,
        );
    }
    const c = after.get(l.name);
    const range = c && !created.has(l.name) ? c.details : undefined;
    // a max_mtu of 0 means no maximum (dev_validate_mtu checks `dev->max_mtu > 0`)
    const max = range?.maxMtu ? range.maxMtu : undefined;
    const min = range?.minMtu ?? 0;
    if (l.mtu !== undefined && range && (l.mtu < min || (max !== undefined && l.mtu > max)))
      sink.add(
        'AGENT_HOST_MTU_RANGE', `${path}.mtu`,
        `MTU ${l.mtu} is outside what ${l.name} accepts on this host (${min}..${max ?? 'unbounded'})`,
        `give ${l.name} an MTU between ${min} and ${max ?? 'its maximum'}`,
      );
  });
}
