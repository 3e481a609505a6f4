/** Port VLAN filtering of linux and OVS bridges (rust/src/lib/ifaces/bridge_vlan.rs). */
import { isCaptureTemplate } from '../../../field-reader';
import { joinPath } from '../../../path';
import { isRecord, show } from '../../../problems';
import { PORT_VLAN_KEYS, PORT_VLAN_MODES } from '../fields';
import { Iface, State } from '../state';

/** Port VLAN filtering (rust/src/lib/ifaces/bridge_vlan.rs BridgePortVlanConfig::sanitize), linux and OVS bridges. */
export function validatePortVlan(st: State, bridge: Iface, port: string | undefined, vlanValue: unknown, path: string): void {
  const { ctx } = st;
  const vlan = ctx.record(vlanValue, path, 'port vlan');
  if (!vlan) return;
  const where = `port ${show(port)} of bridge ${show(bridge.name)}`;
  ctx.unknownKeys(vlan, path, PORT_VLAN_KEYS, 'BridgePortVlanConfig');
  const mode = ctx.oneOf(vlan.mode, joinPath(path, 'mode'), 'vlan.mode', PORT_VLAN_MODES);
  const native = ctx.bool(vlan['enable-native'], joinPath(path, 'enable-native'), 'vlan.enable-native');
  const tag = ctx.int(vlan.tag, joinPath(path, 'tag'), 'vlan.tag', 'u16');
  const tagsGiven = vlan['trunk-tags'] !== undefined && vlan['trunk-tags'] !== null;
  const tags = ctx.list(vlan['trunk-tags'], joinPath(path, 'trunk-tags'), 'vlan.trunk-tags');

  // B1: "Bridge VLAN filtering `tag` cannot be use in trunk mode without `enable-native`".
  if (mode === 'trunk' && tag !== undefined && tag !== 0 && native !== true) {
    ctx.add('NMSTATE_BRIDGE_VLAN_TAG_WITHOUT_NATIVE', joinPath(path, 'tag'), `${where}: trunk mode with tag ${tag} requires enable-native: true`, 'set enable-native: true to send the tag untagged (native VLAN), or remove tag');
  }
  // B2: "Bridge VLAN filtering `enable-native: true` cannot be set in access mode".
  if (mode === 'access' && native === true) {
    ctx.add('NMSTATE_BRIDGE_VLAN_ACCESS_NATIVE', joinPath(path, 'enable-native'), `${where}: enable-native: true is not allowed in access mode`, 'remove enable-native, or use mode: trunk');
  }
  // B3: "Bridge VLAN filtering access mode cannot have trunk-tags defined".
  if (mode === 'access' && tags !== undefined && tags.length > 0) {
    ctx.add('NMSTATE_BRIDGE_VLAN_ACCESS_TRUNK_TAGS', joinPath(path, 'trunk-tags'), `${where}: access mode cannot have trunk-tags (got ${tags.length})`, 'remove trunk-tags, or use mode: trunk');
  }
  // B4: "Bridge VLAN filtering trunk mode cannot have empty trunk-tags" (trunk-tags: None).
  if (mode === 'trunk' && !tagsGiven) {
    ctx.add('NMSTATE_BRIDGE_VLAN_TRUNK_TAGS_MISSING', joinPath(path, 'trunk-tags'), `${where}: trunk mode without trunk-tags`, 'list the VLANs the trunk carries in trunk-tags, e.g. [{id-range: {min: 2, max: 4094}}]');
  }
  if (tag !== undefined && tag > 4094) {
    ctx.add('NMSTATE_BRIDGE_VLAN_ID_RANGE', joinPath(path, 'tag'), `${where}: vlan.tag ${tag} is not a VLAN id; allowed 1–4094 (0 = none)`, 'use a VLAN id between 1 and 4094');
  }

  // B5/B6 and kernel ranges over trunk tags (bridge_vlan.rs BridgePortTrunkTag::deserialize, validate_overlap_trunk_tags).
  const found = new Map<number, string>();
  (tags ?? []).forEach((t, k) => {
    const tp = joinPath(path, 'trunk-tags', k);
    if (isCaptureTemplate(t)) return;
    let lo: number | undefined;
    let hi: number | undefined;
    let label: string;
    if (isRecord(t) && t.id !== undefined) {
      lo = hi = ctx.int(t.id, joinPath(tp, 'id'), 'trunk tag id', 'u16');
      label = `id=${show(t.id)}`;
      if (lo !== undefined && (lo < 1 || lo > 4094)) {
        ctx.add('NMSTATE_BRIDGE_VLAN_ID_RANGE', joinPath(tp, 'id'), `${where}: trunk tag id ${lo} is not a VLAN id; allowed 1–4094 (the kernel bridge rejects it)`, 'use VLAN ids between 1 and 4094');
        return;
      }
    } else if (isRecord(t) && t['id-range'] !== undefined) {
      const rp = joinPath(tp, 'id-range');
      const range = ctx.record(t['id-range'], rp, 'trunk tag id-range');
      if (!range) return;
      lo = ctx.int(range.min, joinPath(rp, 'min'), 'id-range.min', 'u16', true);
      hi = ctx.int(range.max, joinPath(rp, 'max'), 'id-range.max', 'u16', true);
      label = `id-range=[${show(range.min)},${show(range.max)}]`;
      let bad = false;
      for (const [v, key] of [[lo, 'min'], [hi, 'max']] as const) {
        if (v !== undefined && (v < 1 || v > 4094)) {
          ctx.add('NMSTATE_BRIDGE_VLAN_ID_RANGE', joinPath(rp, key), `${where}: id-range.${key} ${v} is not a VLAN id; allowed 1–4094 (the kernel bridge rejects it)`, 'keep trunk ranges within 1–4094');
          bad = true;
        }
      }
      if (lo !== undefined && hi !== undefined && lo > hi) {
        ctx.add('NMSTATE_BRIDGE_VLAN_RANGE_INVERTED', rp, `${where}: id-range min ${lo} is greater than max ${hi}; nmstate expands it to no VLAN at all`, 'swap min and max');
        return;
      }
      if (bad) return;
    } else {
      ctx.add('NMSTATE_BRIDGE_VLAN_TRUNK_TAG_SHAPE', tp, `${where}: trunk tag ${show(t)} is neither {id: N} nor {id-range: {min, max}}`, 'write each trunk tag as {id: N} or {id-range: {min: N, max: M}}');
      return;
    }
    if (lo === undefined || hi === undefined) return;
    // B5: "Bridge VLAN trunk tag {tag} is overlapping with other tag {existing}".
    for (let v = lo; v <= hi; v++) {
      const prev = found.get(v);
      if (prev !== undefined) {
        ctx.add('NMSTATE_BRIDGE_VLAN_TRUNK_OVERLAP', tp, `${where}: trunk tag ${label} overlaps with trunk tag ${prev} (VLAN ${v})`, 'list every VLAN once: merge or split the overlapping tags');
        return;
      }
    }
    for (let v = lo; v <= hi; v++) found.set(v, label);
  });
}
