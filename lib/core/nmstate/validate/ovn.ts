/** `ovn:` bridge mappings (rust/src/lib/ovn.rs OvnConfiguration). */
import { joinPath } from '../../path';
import { show } from '../../problems';
import { OVN_KEYS, OVN_MAPPING_STATES } from './fields';
import { State } from './state';

/** `ovn.bridge-mappings`: unique localnets, a bridge for each present mapping (ovn.rs). */
export function validateOvn(st: State, v: unknown): void {
  const { ctx } = st;
  const path = joinPath(st.base, 'ovn');
  const ovn = ctx.record(v, path, 'ovn');
  if (!ovn) return;
  ctx.unknownKeys(ovn, path, OVN_KEYS, 'OvnConfiguration');
  const maps = ctx.list(ovn['bridge-mappings'], joinPath(path, 'bridge-mappings'), 'ovn.bridge-mappings');
  const seen = new Map<string, string>();
  (maps ?? []).forEach((m, k) => {
    const mp = joinPath(path, 'bridge-mappings', k);
    const rec = ctx.record(m, mp, 'bridge mapping');
    if (!rec) return;
    const localnet = ctx.string(rec.localnet, joinPath(mp, 'localnet'), 'localnet', true);
    const bridge = ctx.string(rec.bridge, joinPath(mp, 'bridge'), 'bridge');
    const state = ctx.oneOf(rec.state, joinPath(mp, 'state'), 'bridge mapping state', OVN_MAPPING_STATES);
    if (localnet !== undefined) {
      // ovn.rs OvnConfiguration::sanitize_unique_localnet_keys: "Found duplicate `localnet` key".
      const prev = seen.get(localnet);
      if (prev !== undefined) ctx.add('NMSTATE_OVN_DUPLICATE_LOCALNET', joinPath(mp, 'localnet'), `localnet ${show(localnet)} is mapped twice (first at ${prev})`, 'keep one mapping per localnet');
      else seen.set(localnet, mp);
    }
    // ovn.rs OvnBridgeMapping::sanitize: "mapping for `localnet` key … missing the `bridge` attribute".
    if (state !== 'absent' && (rec.bridge === undefined || rec.bridge === null)) {
      ctx.add('NMSTATE_OVN_MAPPING_BRIDGE_MISSING', joinPath(mp, 'bridge'), `bridge mapping for localnet ${show(rec.localnet)} has no bridge`, 'set bridge to the OVS bridge of the localnet, or state: absent to remove the mapping');
    } else if (bridge !== undefined) ctx.ifname(bridge, joinPath(mp, 'bridge'), 'bridge');
  });
}
