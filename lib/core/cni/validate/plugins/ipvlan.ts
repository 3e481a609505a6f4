/** The ipvlan plugin (plugins/main/ipvlan/ipvlan.go). */
import { Rec } from '../../../field-reader';
import { checkMaster, checkMode, checkMtu } from '../common-fields';
import { NadContext } from '../context';

const IPVLAN_MODES = ['l2', 'l3', 'l3s'];

/** An ipvlan config: master, mode (ipvlan.go modeFromString), mtu. */
export function checkIpvlan(ctx: NadContext, p: Rec, path: string): void {
  checkMaster(ctx, p, path);
  checkMode(ctx, p, path, 'CNI_IPVLAN_MODE_INVALID', IPVLAN_MODES, 'plugins/main/ipvlan/ipvlan.go modeFromString');
  checkMtu(ctx, p, path);
}
