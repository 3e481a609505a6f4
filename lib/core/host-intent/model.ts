/**
 * The node agent's model of a node's intended network state: the nmstate desiredState subset
 * (ethernet, vlan, linux-bridge with port VLAN filtering, bond, static IPv4/IPv6, routes, mtu,
 * `state: absent`) normalized into plain data the planner (lib/agent/plan.ts) diffs against the
 * host. Nothing here knows about iproute2 (STYLE.md #21: model apart from backend). It lives in
 * lib/core because the agent deployment's validation (lib/core/topology) must know exactly what
 * the agent accepts; lib/core never imports lib/agent.
 */

/** Interface kinds the agent manages. `ethernet` covers any existing device it cannot create (NIC, veth); `any` only for `state: absent` without a `type` (resolved from the host, as nmstate does). */
export type LinkKind = 'ethernet' | 'vlan' | 'bridge' | 'bond' | 'any';

/** Desired state of one interface, after nmstate's defaults. */
export type LinkState = 'up' | 'down' | 'absent';

/** IP family selector. */
export type Family = 4 | 6;

/** An address in canonical `ip/prefix` form (lower-case, compressed IPv6). */
export type Cidr = string;

/** Port VLAN config of a bridge port, flattened to single ids (nmstate `bridge_vlan.rs`). */
export interface PortVlanIntent {
  readonly mode: 'trunk' | 'access';
  /** Tagged VLANs (trunk). Sorted, unique. */
  readonly trunk: readonly number[];
  /** PVID, sent and received untagged (access `tag`, or trunk native VLAN). */
  readonly pvid?: number;
  /** Further untagged VLANs that are not the PVID (only in rollback intents built from a snapshot). */
  readonly untagged?: readonly number[];
}

/** One bridge port. */
export interface BridgePortIntent {
  readonly name: string;
  /** Absent: the port's VLANs are left as the kernel sets them (default PVID). */
  readonly vlan?: PortVlanIntent;
}

/** Linux bridge settings the agent manages. Undefined fields are left as they are. */
export interface BridgeIntent {
  /** Exact port list (nmstate: port lists replace). Undefined: ports not managed. */
  readonly ports?: readonly BridgePortIntent[];
  readonly stp?: boolean;
  /** nmstate enables VLAN filtering implicitly when any port has a `vlan` block. Undefined when ports are not given. */
  readonly vlanFiltering?: boolean;
  readonly defaultPvid?: number;
  readonly vlanProtocol?: '802.1Q' | '802.1ad';
  readonly multicastSnooping?: boolean;
  readonly groupForwardMask?: number;
}

/** Bond settings. */
export interface BondIntent {
  /** Kernel mode name (`active-backup`, `802.3ad`, ...). Required for a new bond. */
  readonly mode?: string;
  /** Exact port list. Undefined: ports not managed. */
  readonly ports?: readonly string[];
  /** Kernel bond options (snake_case names as `ip link ... type bond` spells them). */
  readonly options: Readonly<Record<string, string | number>>;
}

/** VLAN sub-interface settings. */
export interface VlanIntent {
  readonly base: string;
  readonly id: number;
  readonly protocol: '802.1Q' | '802.1ad';
}

/** Static addresses of one family. `undefined` on the link means "not managed" (partial edit). */
export interface IpIntent {
  readonly enabled: boolean;
  /** Exact set of global addresses (sorted canonical CIDRs); link-local IPv6 is never touched. */
  readonly addresses: readonly Cidr[];
}

/** One interface of the intent. */
export interface LinkIntent {
  readonly name: string;
  readonly kind: LinkKind;
  readonly state: LinkState;
  readonly mtu?: number;
  /** Lower-case MAC. */
  readonly mac?: string;
  readonly vlan?: VlanIntent;
  readonly bridge?: BridgeIntent;
  readonly bond?: BondIntent;
  readonly ipv4?: IpIntent;
  readonly ipv6?: IpIntent;
}

/** One route of the intent. */
export interface RouteIntent {
  readonly family: Family;
  /** Canonical CIDR; `0.0.0.0/0` / `::/0` for default. */
  readonly destination: Cidr;
  readonly via?: string;
  readonly dev?: string;
  readonly metric?: number;
  /** Routing table id (main = 254). */
  readonly table: number;
  readonly state: 'present' | 'absent';
}

/**
 * Addresses of one interface and family the agent does not compare: the intent asks for dynamic
 * addressing (DHCP or IPv6 autoconf), which the agent cannot reproduce. Observe mode only — in
 * apply mode such an intent is refused.
 */
export interface NotCompared {
  /** Interface name. */
  readonly name: string;
  readonly family: Family;
  /** What the intent asks for instead of static addresses. */
  readonly reason: 'dhcp' | 'autoconf';
}

/** A node's whole intent, in desiredState order. */
export interface HostIntent {
  readonly links: readonly LinkIntent[];
  readonly routes: readonly RouteIntent[];
  /** Address families left out of the comparison (observe mode, dynamic addressing). @default - none */
  readonly notCompared?: readonly NotCompared[];
}

/** Main routing table id. */
export const MAIN_TABLE = 254;

/** Compresses sorted unique ids into `[min, max]` runs (for `bridge vlan ... vid a-b`). */
export function idRuns(ids: readonly number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const id of ids) {
    const last = out[out.length - 1];
    if (last && id === last[1] + 1) last[1] = id;
    else out.push([id, id]);
  }
  return out;
}
