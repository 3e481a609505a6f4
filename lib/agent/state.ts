/**
 * The host's current network state as the planner sees it — backend-neutral plain data (the
 * iproute2 backend fills it from `ip -j`, tests from recorded fixtures).
 */
import type { Cidr, Family } from '../core/host-intent/model';

/** One VLAN entry of a bridge port (`bridge vlan show`). */
export interface PortVlanState {
  readonly id: number;
  readonly pvid: boolean;
  readonly untagged: boolean;
}

/**
 * What `ip -j -d addr show` tells about a link besides what the planner compares; read for the
 * NodeNetworkState of `/state` (node-network-state.ts) and never planned on.
 */
export interface LinkDetails {
  /** `link_type` (`ether`, `loopback`, `none`, ...). */
  readonly linkType?: string;
  /** `permaddr`, or a bond port's `perm_hwaddr`, lower-case. */
  readonly permanentMac?: string;
  readonly minMtu?: number;
  readonly maxMtu?: number;
  /** The link's group (`group`: `default`, a number, or a name from /etc/iproute2/group). */
  readonly group?: string;
  /** IPv6 link-local addresses (excluded from `addresses`), canonical CIDR. */
  readonly linkLocal6: readonly Cidr[];
  /** Families with an address of finite lifetime (DHCP, SLAAC). */
  readonly dynamic: { readonly 4: boolean; readonly 6: boolean };
}

/** One link. `kind` is the kernel `info_kind` (`vlan`, `bridge`, `bond`, `veth`, `dummy`) or '' for a physical NIC. */
export interface CurrentLink {
  readonly name: string;
  readonly index: number;
  readonly kind: string;
  readonly up: boolean;
  readonly mtu: number;
  readonly mac: string;
  /** Controller (bridge or bond) the link is a port of. */
  readonly master?: string;
  readonly vlan?: { readonly base: string; readonly id: number; readonly protocol: string };
  /** Kernel bridge attributes by `ip -d` name (vlan_filtering, stp_state, vlan_default_pvid, ...). */
  readonly bridge?: Readonly<Record<string, unknown>>;
  /** Kernel bond attributes by `ip -d` name (mode, miimon, primary, ...). */
  readonly bond?: Readonly<Record<string, unknown>>;
  /** Global/site addresses (IPv6 link-local excluded), canonical CIDR, by family. */
  readonly addresses: { readonly 4: readonly Cidr[]; readonly 6: readonly Cidr[] };
  /** Read-only facts for reports; absent in hand-built states. */
  readonly details?: LinkDetails;
}

/** One route of the main table. */
export interface CurrentRoute {
  readonly family: Family;
  readonly destination: Cidr;
  readonly via?: string;
  readonly dev?: string;
  readonly metric?: number;
  readonly table: number;
  readonly protocol?: string;
}

/** What the planner reads. `bridgeVlans` is present when it was read (only needed with VLAN filtering). */
export interface HostState {
  readonly links: ReadonlyMap<string, CurrentLink>;
  readonly routes: readonly CurrentRoute[];
  readonly bridgeVlans?: ReadonlyMap<string, readonly PortVlanState[]>;
}
