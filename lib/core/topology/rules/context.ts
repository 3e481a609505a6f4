/**
 * What every cross-resource rule receives: the indexed set, where to report, the resolved
 * options, and a few shared lookups (memoized so each rule stays linear).
 */
import { Manifest } from '../../manifest';
import { Findings } from './report';
import { NncpIface, SetModel } from './model';

/** Options of the rules, defaults resolved. */
export interface RuleOptions {
  /** Multus namespace isolation of the target cluster. */
  readonly isolation: 'none' | 'openshift';
  /** Namespaces whose NADs every namespace may use under isolation (besides its own). */
  readonly globalNamespaces: readonly string[];
  /** The previously synthesized set, when lifecycle rules should run. */
  readonly previous?: readonly Manifest[];
}

/** Input of one rule pass. */
export interface RuleContext {
  readonly model: SetModel;
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
 * Smallest MTU the NNCPs of the set declare on `name` or on the interfaces below it (bridge
 * ports, VLAN base, bond ports), which bounds what can cross the uplink. Undefined when none
 * declares an MTU (the node's own values are unknown here). Memoized in `memo`.
 */
export function mtuCap(model: SetModel, name: string, memo: Map<string, MtuCap | null>, depth = 0): MtuCap | undefined {
  const hit = memo.get(name);
  if (hit !== undefined) return hit ?? undefined;
  if (depth > 8) return undefined;
  memo.set(name, null); // cycle guard
  let best: MtuCap | undefined;
  for (const d of presentDefs(model, name)) {
    if (d.mtu !== undefined && (!best || d.mtu < best.mtu)) best = { mtu: d.mtu, iface: d.name, def: d };
    for (const lower of lowersOf(d)) {
      const c = mtuCap(model, lower, memo, depth + 1);
      if (c && (!best || c.mtu < best.mtu)) best = c;
    }
  }
  memo.set(name, best ?? null);
  return best;
}
