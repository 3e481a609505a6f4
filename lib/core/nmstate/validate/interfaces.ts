/**
 * The interface list: each entry read into an {@link Iface}, then checked by its base validator and
 * the validator of its kind (rust/src/lib/iface.rs Interface, dispatched like Interface::sanitize).
 */
import { isCaptureTemplate } from '../../field-reader';
import { joinPath } from '../../path';
import { show } from '../../problems';
import { InterfaceType, KNOWN_INTERFACE_TYPES } from '../types';
import { IFACE_STATES } from './fields';
import { closestInterfaceKey, INTERFACE_TYPE_SINCE, interfaceKeys, unknownInterfaceKeys } from './interface-keys';
import { newerThan } from './versions';
import { validateBase } from './ifaces/base';
import { validateBond } from './ifaces/bond';
import { validateEthernet } from './ifaces/ethernet';
import { validateLinuxBridge } from './ifaces/linux-bridge';
import { validateMacVlan } from './ifaces/mac-vlan';
import { validateOvsBridge, validateOvsInterface } from './ifaces/ovs';
import { validateVlan } from './ifaces/vlan';
import { Iface, isUserspaceType, Kind, State, TYPED_KINDS } from './state';

function assertNever(x: never): never {
  throw new Error(`multihome internal error: unhandled interface kind ${String(x)}`);
}

/**
 * Type-specific validation: one validator per typed kind; `other` types get base checks only.
 * The switch is exhaustive (it ends in a `never` check), so a new kind cannot skip validation.
 */
export function validateKind(st: State, i: Iface): void {
  const kind = i.kind;
  switch (kind) {
    case InterfaceType.ETHERNET:
      return validateEthernet(st, i);
    case InterfaceType.VLAN:
      return validateVlan(st, i);
    case InterfaceType.LINUX_BRIDGE:
      return validateLinuxBridge(st, i);
    case InterfaceType.BOND:
      return validateBond(st, i);
    case InterfaceType.MAC_VLAN:
      return validateMacVlan(st, i);
    case InterfaceType.OVS_BRIDGE:
      return validateOvsBridge(st, i);
    case InterfaceType.OVS_INTERFACE:
      return validateOvsInterface(st, i);
    case 'other':
      return;
    default:
      return assertNever(kind);
  }
}

/** Reads the interface list into {@link Iface} records and runs the per-interface checks. */
export function readInterfaces(st: State, list: unknown[]): void {
  const { ctx } = st;
  const seen = new Map<string, string>();
  list.forEach((v, k) => {
    const path = joinPath(st.base, 'interfaces', k);
    const raw = ctx.record(v, path, 'interface');
    if (!raw) return;
    const name = ctx.string(raw.name, joinPath(path, 'name'), 'name', true);
    let type: string | undefined;
    if (raw.type !== undefined && raw.type !== null && !isCaptureTemplate(raw.type)) {
      type = ctx.string(raw.type, joinPath(path, 'type'), 'type');
      // iface.rs Interface::deserialize: an unknown type string is logged and resolved from the node.
      if (type !== undefined && !KNOWN_INTERFACE_TYPES.includes(type)) {
        ctx.add('NMSTATE_INTERFACE_TYPE_UNKNOWN', joinPath(path, 'type'), `interface ${show(name)} has type ${show(type)}, which nmstate does not know; known: ${KNOWN_INTERFACE_TYPES.join(', ')}`, 'fix the type (e.g. linux-bridge, not linux_bridge), or omit it to use the type the interface has on the node');
      } else if (type !== undefined) {
        // iface.rs InterfaceType: a type added after the target release is unknown to it.
        const since = newerThan(INTERFACE_TYPE_SINCE, type, ctx.version);
        if (since) ctx.newer(joinPath(path, 'type'), `interface type ${show(type)}`, since);
      }
    }
    const state = raw.state === undefined || raw.state === null ? 'up' : ctx.oneOf(raw.state, joinPath(path, 'state'), 'state', IFACE_STATES);
    if (state !== 'absent') {
      const typed = type !== undefined && KNOWN_INTERFACE_TYPES.includes(type) && type !== 'unknown';
      // Keys every release knows for this type, but not the target: base.rs / ifaces/*.rs serde.
      const table = interfaceKeys(typed ? type : undefined);
      for (const key of Object.keys(raw)) {
        const since = table.all.includes(key) ? newerThan(table, key, ctx.version) : undefined;
        if (since) ctx.newer(joinPath(path, key), `interface key ${show(key)}`, since);
      }
      for (const key of unknownInterfaceKeys(raw, typed ? type : undefined)) {
        const near = closestInterfaceKey(key, typed ? type : undefined, ctx.version);
        const fix = near !== undefined ? `did you mean ${show(near)}? rename the key` : `remove ${show(key)} or fix its spelling`;
        if (typed) {
          // BaseInterface deny_unknown_fields: unit_tests/ifaces.rs test_ifaces_deny_unknonw_attribute ("unknown field `foo`").
          ctx.add('NMSTATE_UNKNOWN_FIELD', joinPath(path, key), `interface ${show(name)} (type ${show(type)}) has key ${show(key)}, which nmstate ${ctx.version} does not know; nmstate rejects the whole state`, fix);
        } else {
          // UnknownInterface keeps every key; inter_ifaces.rs resolve_unknown_ifaces re-reads it with the node's type.
          ctx.add(
            'NMSTATE_INTERFACE_UNKNOWN_KEY',
            joinPath(path, key),
            `interface ${show(name)}${type !== undefined ? ` (type ${show(type)})` : ' (no type)'} has key ${show(key)}, which nmstate does not know; nmstate re-reads the interface with the type it has on the node and then rejects the key`,
            fix,
          );
        }
      }
    }
    const kind: Kind = type !== undefined && TYPED_KINDS.includes(type) ? (type as InterfaceType) : 'other';
    const iface: Iface = { path, raw, name, type, kind, state };
    st.ifaces.push(iface);
    if (name !== undefined) {
      st.byName.set(name, [...(st.byName.get(name) ?? []), iface]);
      if (type !== 'ipsec') ctx.ifname(name, joinPath(path, 'name'), 'interface name');
      // inter_ifaces.rs Interfaces::push: kernel interfaces keyed by name, userspace by (name, type); the last wins.
      const key = isUserspaceType(type) ? `${name}\u0000${type}` : name;
      const prev = seen.get(key);
      if (prev !== undefined) {
        ctx.add('NMSTATE_DUPLICATE_INTERFACE', path, `interface ${show(name)} is listed again (first at ${prev}); nmstate keeps only the last entry`, 'merge the two entries into one');
      } else seen.set(key, path);
    }
    // iface.rs Interface::deserialize: "Ignore all properties except type if state: absent".
    if (state === 'absent') return;
    validateBase(st, iface);
    validateKind(st, iface);
  });
}
