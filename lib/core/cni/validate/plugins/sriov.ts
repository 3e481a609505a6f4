/** The sriov plugin (k8snetworkplumbingwg/sriov-cni). */
import { integerOf, Rec, stringOf } from '../../../field-reader';
import { joinPath } from '../../../path';
import { show } from '../../../problems';
import { RESOURCE_NAME_ANNOTATION } from '../../types';
import { checkMtu } from '../common-fields';
import { NadContext, RESOURCE_PATH } from '../context';

const VF_FLAGS = ['spoofchk', 'trust'];
const LINK_STATES = ['auto', 'enable', 'disable'];

/** An sriov config: a resourceName (first plugin), vlan/vlanQoS/vlanProto, VF flags, link_state, mtu. */
export function checkSriov(ctx: NadContext, p: Rec, path: string, index: number): void {
  // sriov-cni pkg/config/config.go LoadConf "VF pci addr is required": the deviceID comes from
  // Multus, which only looks it up through the resourceName annotation (k8sclient.go).
  if (index === 0 && ctx.annotations[RESOURCE_NAME_ANNOTATION] === undefined && typeof p.deviceID !== 'string') {
    ctx.add('NAD_SRIOV_RESOURCE_NAME_MISSING', RESOURCE_PATH, `no ${RESOURCE_NAME_ANNOTATION} annotation on an sriov NAD; Multus cannot inject the VF's deviceID and the plugin fails ("VF pci addr is required")`, `add ${RESOURCE_NAME_ANNOTATION}: <vendor>/<pool> of the SR-IOV device plugin (a vfio-pci pool for KubeVirt)`);
  }
  checkSriovVlan(ctx, p, path);
  // sriov-cni pkg/sriov/sriov.go ApplyVFConfig: spoofchk/trust == "on" → on, anything else → off;
  // config.go LoadConf: "invalid link_state value".
  for (const k of VF_FLAGS) {
    const v = p[k];
    if (typeof v === 'string' && v !== '' && v !== 'on' && v !== 'off') {
      ctx.add('CNI_SRIOV_FLAG_INVALID', joinPath(path, k), `${k} is ${show(v)}; allowed: "on" or "off" (sriov-cni treats every other value as off)`, `set "${k}": "on" or "off"`);
    }
  }
  const ls = p.link_state;
  if (typeof ls === 'string' && ls !== '' && !LINK_STATES.includes(ls)) {
    ctx.add('CNI_SRIOV_FLAG_INVALID', joinPath(path, 'link_state'), `link_state is ${show(ls)}; allowed: auto, enable, disable`, 'use auto, enable or disable');
  }
  checkMtu(ctx, p, path);
}

/** sriov-cni config.go LoadConf (vlan / vlanQoS / vlanProto rules, in upstream order). */
function checkSriovVlan(ctx: NadContext, p: Rec, path: string): void {
  const vlan = integerOf(p.vlan);
  const qos = integerOf(p.vlanQoS);
  const proto = stringOf(p.vlanProto);
  const bad = (key: string, msg: string, fix: string): void => ctx.add('CNI_SRIOV_VLAN_INVALID', joinPath(path, key), msg, fix);
  if (p.vlan === undefined || p.vlan === null) {
    if (p.vlanQoS !== undefined && p.vlanQoS !== null) bad('vlanQoS', `vlanQoS is ${show(p.vlanQoS)} without vlan; sriov-cni requires vlan to set QoS`, 'set vlan or drop vlanQoS');
    if (p.vlanProto !== undefined && p.vlanProto !== null) bad('vlanProto', `vlanProto is ${show(p.vlanProto)} without vlan; sriov-cni requires vlan to set the protocol`, 'set vlan or drop vlanProto');
  } else if (vlan !== undefined) {
    if (vlan < 0 || vlan > 4094) bad('vlan', `vlan is ${vlan}; allowed: 0..4094`, 'use a VLAN id 0..4094');
    else if (qos !== undefined && (qos < 0 || qos > 7)) bad('vlanQoS', `vlanQoS is ${qos}; allowed: 0..7 (802.1p PCP)`, 'use a priority 0..7');
    else if (qos !== undefined && qos !== 0 && vlan === 0) bad('vlanQoS', `vlanQoS is ${qos} with vlan 0; a non-zero QoS needs a non-zero vlan`, 'set a VLAN id or vlanQoS 0');
    else if (proto !== undefined && !['802.1q', '802.1ad'].includes(proto.toLowerCase())) bad('vlanProto', `vlanProto is ${show(proto)}; allowed: 802.1Q, 802.1ad`, 'use "802.1Q" (default) or "802.1ad"');
    else if (proto !== undefined && proto.toLowerCase() === '802.1ad' && vlan === 0) bad('vlanProto', 'vlanProto is 802.1ad with vlan 0; 802.1ad needs a non-zero vlan', 'set a VLAN id');
  }
}
