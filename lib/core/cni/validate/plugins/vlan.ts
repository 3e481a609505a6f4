/**
 * The vlan plugin (containernetworking/plugins plugins/main/vlan/vlan.go, read at v1.9.1
 * adc3e6b5).
 */
import { integerOf, Rec } from '../../../field-reader';
import { joinPath } from '../../../path';
import { show } from '../../../problems';
import { checkMaster, checkMtu } from '../common-fields';
import { NadContext } from '../context';
import { goField, goKey } from '../raw-json';

/**
 * A vlan config: master given and a valid name, vlanId 0..4095, mtu. vlan.go loadConf also
 * refuses an mtu above the master's (runtime: the master's MTU is only known on the node) and
 * any negative mtu ("invalid MTU %d, must be [0, master MTU(%d)]"), which checkMtu covers.
 */
export function checkVlan(ctx: NadContext, p: Rec, path: string): void {
  // vlan.go loadConf: `"master" field is required. It specifies the host interface name to create the VLAN for`.
  const master = goField(p, 'master');
  if (master === undefined || master === null || master === '') {
    ctx.add('CNI_VLAN_INVALID', joinPath(path, 'master'), 'the vlan plugin has no master; it fails with: "master" field is required', 'set "master" to the host interface the VLAN rides on (e.g. "eth1")');
  } else {
    checkMaster(ctx, p, path);
  }
  // vlan.go loadConf: "invalid VLAN ID %d (must be between 0 and 4095 inclusive)".
  const idKey = goKey(p, 'vlanId');
  const id = idKey === undefined ? undefined : integerOf(p[idKey]);
  if (id !== undefined && (id < 0 || id > 4095)) {
    ctx.add('CNI_VLAN_INVALID', joinPath(path, idKey!), `vlanId is ${show(p[idKey!])}; allowed: 0..4095`, 'use the VLAN id the uplink carries (1..4094)');
  }
  checkMtu(ctx, p, path);
}
