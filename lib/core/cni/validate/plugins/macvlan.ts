/** The macvlan plugin (plugins/main/macvlan/macvlan.go). */
import { Rec } from '../../../field-reader';
import { checkMaster, checkMode, checkMtu } from '../common-fields';
import { NadContext } from '../context';

const MACVLAN_MODES = ['bridge', 'private', 'vepa', 'passthru'];

/** A macvlan config: master, mode (macvlan.go modeFromString), mtu. */
export function checkMacvlan(ctx: NadContext, p: Rec, path: string): void {
  checkMaster(ctx, p, path);
  checkMode(ctx, p, path, 'CNI_MACVLAN_MODE_INVALID', MACVLAN_MODES, 'plugins/main/macvlan/macvlan.go modeFromString');
  checkMtu(ctx, p, path);
}
