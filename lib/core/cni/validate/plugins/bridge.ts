/** The bridge plugin (plugins/main/bridge/bridge.go; CNAO's cnv-bridge is the same binary). */
import { integerOf, Rec } from '../../../field-reader';
import { MAX_IFNAME_LENGTH } from '../../../names';
import { joinPath } from '../../../path';
import { isRecord, show } from '../../../problems';
import { bridgeResourceName } from '../../builders';
import { FieldKind } from '../../profiles';
import { RESOURCE_NAME_ANNOTATION } from '../../types';
import { checkIfname, checkMtu } from '../common-fields';
import { NadContext, RESOURCE_PATH } from '../context';
import { decodesKey } from '../keys';

/**
 * A bridge plugin config: bridge name, vlan and vlanTrunk, hairpin/promisc, IPAM with a
 * container interface left down, the gateway VLAN interface's name, macspoofchk, the
 * bridge-marker resource name (first plugin only) and mtu. `keys` are the keys its build decodes.
 */
export function checkBridge(ctx: NadContext, p: Rec, path: string, keys: ReadonlyMap<string, FieldKind> | undefined, ipamType: string | undefined, index: number): void {
  const bridgeGiven = p.bridge !== undefined;
  // bridge.go loadNetConf: BrName defaults to "cni0"; ensureBridge → netlink LinkAdd (kernel
  // dev_valid_name).
  const bridge = bridgeGiven ? checkIfname(ctx, p, path, 'bridge', 'Linux bridge on the node') : 'cni0';
  const vlan = integerOf(p.vlan);
  // bridge.go loadNetConf "invalid VLAN ID %d (must be between 0 and 4094)".
  if (vlan !== undefined && (vlan < 0 || vlan > 4094)) {
    ctx.add('CNI_BRIDGE_VLAN_RANGE', joinPath(path, 'vlan'), `vlan is ${vlan}; allowed: 0..4094 (0 = untagged)`, 'use the VLAN id the uplink trunk carries (1..4094) or 0');
  }
  const trunkIds = decodesKey(keys, 'vlanTrunk') ? checkVlanTrunk(ctx, p, path) : 0;
  // bridge.go v1.3.0 … v1.7.1 loadNetConf "cannot set vlan and vlanTrunk at the same time"
  // (n.Vlan > 0 && n.vlans != nil); v1.8.0 made vlan the native VLAN of the trunk.
  if (vlan !== undefined && vlan > 0 && trunkIds > 0 && !ctx.profile.bridgeAllowsVlanWithTrunk) {
    ctx.add('CNI_BRIDGE_VLAN_WITH_TRUNK', joinPath(path, 'vlan'), `vlan ${vlan} together with vlanTrunk is rejected by the bridge plugin v${ctx.profile.pluginsVersion} (allowed from v1.8.0)`, 'use either vlan (access port) or vlanTrunk (tagged trunk), not both');
  }
  // bridge.go cmdAdd "cannot set hairpin mode and promiscuous mode at the same time".
  if (p.hairpinMode === true && p.promiscMode === true) {
    ctx.add('CNI_BRIDGE_HAIRPIN_PROMISC', joinPath(path, 'hairpinMode'), 'hairpinMode and promiscMode are both true; the bridge plugin refuses the combination', 'set only one of hairpinMode / promiscMode');
  }
  // bridge.go cmdAdd "cannot use IPAM when DisableContainerInterface flag is set" (v1.4.1+).
  if (decodesKey(keys, 'disableContainerInterface') && p.disableContainerInterface === true && ipamType) {
    ctx.add('CNI_BRIDGE_DISABLE_IFACE_WITH_IPAM', joinPath(path, 'disableContainerInterface'), `disableContainerInterface is true while ipam.type is ${show(ipamType)}; the plugin refuses IPAM on a container interface it leaves down`, 'use "ipam": {} (L2 only) or drop disableContainerInterface');
  }
  // bridge.go ensureVlanInterface creates "<bridge>.<vlan>" when isGateway (isDefaultGateway
  // implies it) meets a VLAN and IPAM returned a gateway.
  const gw = p.isGateway === true || p.isDefaultGateway === true;
  if (bridge !== undefined && gw && vlan !== undefined && vlan > 0 && ipamType) {
    const name = `${bridge}.${vlan}`;
    if (Buffer.byteLength(name, 'utf8') > MAX_IFNAME_LENGTH) {
      ctx.add('CNI_BRIDGE_VLAN_GATEWAY_NAME_TOO_LONG', joinPath(path, 'bridge'), `bridge ${show(bridge)} with isGateway and vlan ${vlan} makes the plugin create ${show(name)} (${name.length} bytes); the kernel allows at most ${MAX_IFNAME_LENGTH}`, `shorten the bridge name to at most ${MAX_IFNAME_LENGTH - 1 - String(vlan).length} characters or drop isGateway`);
    }
  }
  // Security default: bridge.go MacSpoofChk defaults to false.
  // (a non-boolean value is already a CNI_FIELD_TYPE error)
  if (p.macspoofchk !== true && (p.macspoofchk === undefined || p.macspoofchk === null || p.macspoofchk === false)) {
    ctx.add('CNI_BRIDGE_MACSPOOFCHK_OFF', joinPath(path, 'macspoofchk'), `macspoofchk is ${show(p.macspoofchk)}; without it a VM can send frames with any source MAC`, 'set "macspoofchk": true (needs nftables on the node)');
  }
  if (index === 0) checkBridgeResourceName(ctx, bridge ?? (typeof p.bridge === 'string' ? p.bridge : 'cni0'), bridgeGiven);
  checkMtu(ctx, p, path);
}

/** `vlanTrunk` entries (bridge.go collectVlanTrunk); returns the number of VLAN ids it declares (0 when none or invalid). */
export function checkVlanTrunk(ctx: NadContext, p: Rec, path: string): number {
  const trunk = p.vlanTrunk;
  if (!Array.isArray(trunk)) return 0;
  let ids = 0;
  const tp = joinPath(path, 'vlanTrunk');
  const bad = (at: string, msg: string): void =>
    ctx.add('CNI_BRIDGE_VLAN_TRUNK_INVALID', at, msg, 'use {"id": N} or {"minID": A, "maxID": B} with 1 ≤ A ≤ B ≤ 4094');
  // bridge.go collectVlanTrunk.
  trunk.forEach((e, i) => {
    const ep = joinPath(tp, i);
    if (!isRecord(e)) {
      ctx.add('CNI_FIELD_TYPE', ep, `vlanTrunk[${i}] is ${show(e)}; allowed: an object {"id"} or {"minID", "maxID"}`, 'write the entry as an object');
      return;
    }
    for (const k of ['id', 'minID', 'maxID']) {
      if (e[k] !== undefined && e[k] !== null && !Number.isInteger(e[k])) {
        ctx.add('CNI_FIELD_TYPE', joinPath(ep, k), `vlanTrunk[${i}].${k} is ${show(e[k])}; allowed: an integer`, `write ${k} as a number`);
      }
    }
    const min = Number.isInteger(e.minID) ? (e.minID as number) : undefined;
    const max = Number.isInteger(e.maxID) ? (e.maxID as number) : undefined;
    const id = Number.isInteger(e.id) ? (e.id as number) : undefined;
    const inRange = (n: number): boolean => n >= 1 && n <= 4094;
    if (min !== undefined && max === undefined) bad(joinPath(ep, 'maxID'), `vlanTrunk[${i}] has minID ${min} but no maxID; the plugin needs both ("maxID is missing")`);
    else if (min === undefined && max !== undefined) bad(joinPath(ep, 'minID'), `vlanTrunk[${i}] has maxID ${max} but no minID; the plugin needs both ("minID is missing")`);
    else if (min !== undefined && max !== undefined) {
      if (!inRange(min)) bad(joinPath(ep, 'minID'), `vlanTrunk[${i}].minID is ${min}; allowed: 1..4094`);
      else if (!inRange(max)) bad(joinPath(ep, 'maxID'), `vlanTrunk[${i}].maxID is ${max}; allowed: 1..4094`);
      else if (max < min) bad(joinPath(ep, 'minID'), `vlanTrunk[${i}] has minID ${min} greater than maxID ${max}`);
      else ids += max - min + 1;
    }
    if (id !== undefined) {
      if (!inRange(id)) bad(joinPath(ep, 'id'), `vlanTrunk[${i}].id is ${id}; allowed: 1..4094`);
      else ids += 1;
    }
  });
  return ids;
}

/** The resourceName annotation bridge-marker matches against `bridge` (first plugin of the NAD). */
export function checkBridgeResourceName(ctx: NadContext, bridge: string, bridgeGiven: boolean): void {
  // kubevirt/bridge-marker pkg/marker/marker.go reports node capacity
  // bridge.network.kubevirt.io/<bridge>; a NAD requesting it only schedules where the bridge is.
  const expected = bridgeResourceName(bridge);
  const rn = ctx.annotations[RESOURCE_NAME_ANNOTATION];
  if (rn === undefined) {
    ctx.add('NAD_BRIDGE_RESOURCE_NAME_MISSING', RESOURCE_PATH, `no ${RESOURCE_NAME_ANNOTATION} annotation on a Linux-bridge NAD; pods may land on nodes without bridge ${show(bridge)}${bridgeGiven ? '' : ' (the default "cni0")'}, where the plugin creates an isolated one`, `add annotation ${RESOURCE_NAME_ANNOTATION}: ${expected} (bridge-marker reports it)`);
  } else if (rn !== expected) {
    ctx.add('NAD_BRIDGE_RESOURCE_NAME_MISMATCH', RESOURCE_PATH, `${RESOURCE_NAME_ANNOTATION} is ${show(rn)} but the config's bridge is ${show(bridge)}; bridge-marker reports ${show(expected)}`, `set the annotation to ${expected}, or the config's bridge to the bridge the annotation names`);
  }
}
