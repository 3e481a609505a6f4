/**
 * A linux-bridge port's `vlan` block of a NodeNetworkState from the VLANs `bridge vlan show` lists
 * for it — nmstate/nmstate rust/src/lib/nispor/linux_bridge_port_vlan.rs `parse_port_vlan_conf`.
 * The kernel hands nispor compressed ranges; `bridge -j vlan show` lists every id, so consecutive
 * ids with the same flags (none of them the PVID) are joined into one range first.
 */
import type { PortVlanState } from './state';

/** One entry of `trunk-tags`. */
export type NnsTrunkTag = { readonly id: number } | { readonly 'id-range': { readonly min: number; readonly max: number } };

/** A bridge port's `vlan` block as nmstate shows it. */
export interface NnsPortVlan {
  readonly mode: 'trunk' | 'access';
  readonly 'trunk-tags': readonly NnsTrunkTag[];
  readonly tag?: number;
  /** Only for trunk ports. */
  readonly 'enable-native'?: boolean;
}

interface VlanRange {
  readonly min: number;
  max: number;
  readonly pvid: boolean;
  readonly untagged: boolean;
}

/** Consecutive ids with equal flags, the PVID never merged (the kernel's compressed dump). */
export function vlanRanges(entries: readonly PortVlanState[]): VlanRange[] {
  const out: VlanRange[] = [];
  for (const e of [...entries].sort((a, b) => a.id - b.id)) {
    const prev = out[out.length - 1];
    if (prev && !prev.pvid && !e.pvid && prev.untagged === e.untagged && e.id === prev.max + 1) prev.max = e.id;
    else out.push({ min: e.id, max: e.id, pvid: e.pvid, untagged: e.untagged });
  }
  return out;
}

/**
 * The port's `vlan` block, or undefined when it has only the bridge's default PVID (nmstate
 * omits the block then). `defaultPvid` is the bridge's `vlan_default_pvid` (1 when unknown).
 */
export function portVlanOf(entries: readonly PortVlanState[], defaultPvid: number): NnsPortVlan | undefined {
  const ranges = vlanRanges(entries);
  const access = ranges.length === 1 && ranges[0].pvid && ranges[0].untagged;
  let tag: number | undefined;
  let native = false;
  const trunk: NnsTrunkTag[] = [];
  for (const r of ranges) {
    if (r.min === defaultPvid && r.max === defaultPvid) continue;
    if (access) tag = r.min;
    else if (r.pvid && r.untagged) {
      tag = r.max;
      native = true;
    } else if (r.min === r.max) trunk.push({ id: r.min });
    else trunk.push({ 'id-range': { min: r.min, max: r.max } });
  }
  if (!trunk.length) return tag === undefined ? undefined : { mode: 'access', 'trunk-tags': [], tag };
  return { mode: 'trunk', 'trunk-tags': trunk, ...(tag !== undefined ? { tag } : {}), 'enable-native': native };
}
