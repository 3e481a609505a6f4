/**
 * One desired state as the rules see it: its interfaces read once into {@link Iface} records,
 * indexed by name, plus the lookups nmstate's `Interfaces` offers (rust/src/lib/ifaces/inter_ifaces.rs).
 */
import { isCaptureTemplate, Rec } from '../../field-reader';
import { joinPath } from '../../path';
import { isRecord } from '../../problems';
import { InterfaceType, KNOWN_INTERFACE_TYPES } from '../types';
import { NmstateReader } from './reader';

/** The kinds with their own validator; every other type string is `other` (base fields only). */
export type Kind = InterfaceType | 'other';

/** The type strings that have their own validator. */
export const TYPED_KINDS: readonly string[] = Object.values(InterfaceType);

/** nmstate's userspace types are keyed by (name, type); kernel ones by name (rust/src/lib/iface.rs is_userspace). */
export function isUserspaceType(t: string | undefined): boolean {
  return t !== undefined && (t === 'ovs-bridge' || t === 'ipsec' || !KNOWN_INTERFACE_TYPES.includes(t));
}

/** One `interfaces[]` entry. */
export interface Iface {
  readonly path: string;
  readonly raw: Rec;
  /** undefined when missing, not a string or a capture template. */
  readonly name?: string;
  /** undefined when missing (nmstate: `unknown`, resolved from the node) or not a plain string. */
  readonly type?: string;
  readonly kind: Kind;
  /** canonical state; `up` when omitted; undefined when invalid. */
  readonly state?: string;
}

/** True when the interface's state is `up` (given or defaulted). */
export function isUp(i: Iface): boolean {
  return i.state === 'up';
}

/** A port named by a controller's port list, with the path of the name. */
export interface PortRef {
  readonly name?: string;
  readonly path: string;
}

/** The validation state of one desired state. */
export interface State {
  readonly ctx: NmstateReader;
  /** Path of the desired state (`spec.desiredState`). */
  readonly base: string;
  readonly ifaces: Iface[];
  /** Interfaces by name, in document order (duplicates included). */
  readonly byName: Map<string, Iface[]>;
}

const ANY = (): boolean => true;

/** The last interface named `name` that matches `pred` (nmstate keeps the last of duplicates). */
export function find(st: State, name: string, pred: (i: Iface) => boolean = ANY): Iface | undefined {
  const all = st.byName.get(name) ?? [];
  // nmstate keeps the last entry of a duplicate (Interfaces::push), so search from the end.
  for (let k = all.length - 1; k >= 0; k--) if (pred(all[k])) return all[k];
  return undefined;
}

/** A kernel interface of this name (nmstate `kernel_ifaces`). */
export function findKernel(st: State, name: string): Iface | undefined {
  return find(st, name, (i) => !isUserspaceType(i.type));
}

/** An OVS bridge of this name, else a kernel interface of this name (how nmstate resolves `controller`). */
export function findController(st: State, name: string): Iface | undefined {
  return find(st, name, (i) => i.type === 'ovs-bridge') ?? findKernel(st, name);
}

/**
 * The port list of a controller as nmstate's `Interface::ports()` returns it: undefined when the
 * interface is no controller or its desired state does not mention ports (or they are a capture
 * template); empty for an absent controller.
 */
export function portsOf(i: Iface): PortRef[] | undefined {
  const isController = i.type === 'bond' || i.type === 'linux-bridge' || i.type === 'ovs-bridge' || i.type === 'vrf';
  if (!isController) return undefined;
  if (i.state === 'absent') return [];
  const out: PortRef[] = [];
  const nameOf = (v: unknown): string | undefined => (typeof v === 'string' && !isCaptureTemplate(v) ? v : undefined);
  if (i.type === 'bond') {
    // `bond:` is an alias of `link-aggregation:` since nmstate 2.2.47.
    const section = i.raw['link-aggregation'] === undefined && i.raw.bond !== undefined ? 'bond' : 'link-aggregation';
    const la = i.raw[section];
    if (!isRecord(la)) return undefined;
    const key = la.port !== undefined ? 'port' : la.ports !== undefined ? 'ports' : undefined;
    if (key !== undefined) {
      if (!Array.isArray(la[key])) return undefined;
      (la[key] as unknown[]).forEach((p, k) => out.push({ name: nameOf(p), path: joinPath(i.path, section, key, k) }));
      return out;
    }
    if (!Array.isArray(la['ports-config'])) return undefined;
    (la['ports-config'] as unknown[]).forEach((p, k) =>
      out.push({ name: isRecord(p) ? nameOf(p.name) : undefined, path: joinPath(i.path, section, 'ports-config', k, 'name') }),
    );
    return out;
  }
  if (i.type === 'vrf') {
    const vrf = i.raw.vrf;
    if (!isRecord(vrf) || !Array.isArray(vrf.port)) return undefined;
    vrf.port.forEach((p, k) => out.push({ name: nameOf(p), path: joinPath(i.path, 'vrf', 'port', k) }));
    return out;
  }
  const br = i.raw.bridge;
  if (!isRecord(br)) return undefined;
  const key = br.port !== undefined ? 'port' : br.ports !== undefined ? 'ports' : undefined;
  if (key === undefined || !Array.isArray(br[key])) return undefined;
  (br[key] as unknown[]).forEach((p, k) => {
    const pp = joinPath(i.path, 'bridge', key, k);
    if (!isRecord(p)) return;
    // rust/src/lib/ifaces/ovs.rs OvsBridgeInterface::ports(): the ports of an OVS bond are ports of the bridge.
    const la = i.type === 'ovs-bridge' ? p['link-aggregation'] : undefined;
    if (isRecord(la)) {
      // ovs.rs OvsBridgeBondConfig `port` (alias `ports`).
      const bpKey = la.port === undefined && la.ports !== undefined ? 'ports' : 'port';
      const bps = la[bpKey];
      if (Array.isArray(bps)) bps.forEach((bp, m) => out.push({ name: isRecord(bp) ? nameOf(bp.name) : undefined, path: joinPath(pp, 'link-aggregation', bpKey, m, 'name') }));
    } else out.push({ name: nameOf(p.name), path: joinPath(pp, 'name') });
  });
  return out;
}
