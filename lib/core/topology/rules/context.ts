/**
 * What every cross-resource rule receives: the indexed set, where to report, the resolved
 * options, and a few shared lookups (memoized so each rule stays linear).
 */
import type { Manifest } from '../../manifest';
import { Findings } from './report';
import { NncpIface, SetModel } from './model';
import { selectorsCompatible } from './selectors';

/**
 * Multus namespace isolation of the target cluster:
 * - `none`: upstream Multus default (`namespaceIsolation: false`), any namespace may use any NAD;
 * - `multus`: `namespaceIsolation: true`; own namespace plus `globalNamespaces`, which defaults
 *   to `default` and, when set, replaces it (k8snetworkplumbingwg/multus-cni pkg/types/conf.go,
 *   docs/configuration.md "globalNamespaces");
 * - `openshift`: what the cluster-network-operator deploys (isolation on, `default`,
 *   `openshift-multus`, `openshift-sriov-network-operator`, `openshift-cnv` global).
 */
export type IsolationProfile = 'none' | 'multus' | 'openshift';

/** Options of the rules, defaults resolved. */
export interface RuleOptions {
  readonly isolation: IsolationProfile;
  /** Namespaces whose NADs every namespace may use under isolation (besides its own). */
  readonly globalNamespaces: readonly string[];
  /**
   * The isolation one VM is judged under, when it differs from {@link isolation}: its
   * `multihome.io/isolation` annotation when the caller gave no isolation (render/targets.ts).
   */
  readonly isolationOf?: (vm: Manifest) => NamespaceIsolation | undefined;
}

/** An isolation profile with its global namespaces resolved. */
export interface NamespaceIsolation {
  readonly isolation: IsolationProfile;
  readonly globalNamespaces: readonly string[];
}

/** Input of one rule pass. */
export interface RuleContext {
  readonly model: SetModel;
  /** The previously synthesized (or applied) set, read the same way, when lifecycle rules run. */
  readonly previous?: SetModel;
  readonly findings: Findings;
  readonly options: RuleOptions;
}

/** A cross-resource rule: reads the context, reports to `ctx.findings`. */
export type SetRule = (ctx: RuleContext) => void;

/** Present (not `state: absent`) NNCP definitions of an interface name. */
export function presentDefs(model: SetModel, name: string): NncpIface[] {
  return (model.ifacesByName.get(name) ?? []).filter((d) => !d.absent);
}

/** Present `linux-bridge` definitions of a bridge name. */
export function bridgeDefs(model: SetModel, name: string): NncpIface[] {
  return presentDefs(model, name).filter((d) => d.type === 'linux-bridge');
}

/** Interfaces below an interface: bridge/bond ports and the VLAN base. */
export function lowersOf(d: NncpIface): string[] {
  const out = d.ports.map((p) => p.name);
  if (d.vlanBase) out.push(d.vlanBase);
  return out;
}

/** The smallest MTU declared on an interface or anything below it, and where. */
export interface MtuCap {
  readonly mtu: number;
  /** Interface that declares it. */
  readonly iface: string;
  /** The NNCP entry that declares it. */
  readonly def: NncpIface;
}

/**
 * Smallest MTU the NNCPs of the set declare on the interface entry `d` or on the interfaces
 * below it (bridge ports, VLAN base, bond ports), which bounds what can cross the uplink. Lower
 * interfaces count only when defined by a policy that may select the same nodes as `d`'s.
 * Undefined when none declares an MTU (the node's own values are unknown here). Memoized per
 * entry in `memo`; cycles and chains deeper than 8 stop the walk.
 */
export function mtuCap(model: SetModel, d: NncpIface, memo: Map<NncpIface, MtuCap | null>, depth = 0): MtuCap | undefined {
  const hit = memo.get(d);
  if (hit !== undefined) return hit ?? undefined;
  if (depth > 8) return undefined;
  memo.set(d, null); // cycle guard
  let best: MtuCap | undefined = d.mtu !== undefined ? { mtu: d.mtu, iface: d.name, def: d } : undefined;
  for (const lower of lowersOf(d)) {
    for (const ld of presentDefs(model, lower)) {
      if (!selectorsCompatible(ld.policy.selector, d.policy.selector)) continue;
      const c = mtuCap(model, ld, memo, depth + 1);
      if (c && (!best || c.mtu < best.mtu)) best = c;
    }
  }
  memo.set(d, best ?? null);
  return best;
}
