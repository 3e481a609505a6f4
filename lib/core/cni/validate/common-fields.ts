/** Fields several plugins share: mtu, interface names, mode. */
import { Rec, integerOf } from '../../field-reader';
import { interfaceNameError, MAX_IFNAME_LENGTH } from '../../names';
import { joinPath } from '../../path';
import { show } from '../../problems';
import { CniCode } from '../codes';
import { NadContext } from './context';

/** `mtu` within what the kernel accepts (linux net/core/dev.c dev_validate_mtu). */
export function checkMtu(ctx: NadContext, p: Rec, path: string): void {
  const mtu = integerOf(p.mtu);
  // linux net/core/dev.c dev_validate_mtu: ETH_MIN_MTU 68 … ETH_MAX_MTU 65535; 0 = not set.
  if (mtu !== undefined && mtu !== 0 && (mtu < 68 || mtu > 65535)) {
    ctx.add('CNI_MTU_INVALID', joinPath(path, 'mtu'), `mtu is ${mtu}; allowed: 68..65535 (or 0/absent for the default)`, 'use the uplink MTU (e.g. 1500 or 9000) or drop mtu');
  }
}

/** A kernel interface name in `p[key]`; returns it when valid, undefined when absent, not a string or invalid (reported). */
export function checkIfname(ctx: NadContext, p: Rec, path: string, key: string, what: string): string | undefined {
  const v = p[key];
  if (typeof v !== 'string') return undefined;
  const err = interfaceNameError(v);
  if (err) {
    ctx.add('CNI_INTERFACE_NAME_INVALID', joinPath(path, key), `${key} (${what}) is ${show(v)}, which ${err}`, `use a kernel interface name of at most ${MAX_IFNAME_LENGTH} bytes without '/', ':' or whitespace`);
    return undefined;
  }
  return v;
}

/** `master`: the host interface of macvlan/ipvlan. */
export function checkMaster(ctx: NadContext, p: Rec, path: string): void {
  checkIfname(ctx, p, path, 'master', 'host interface');
}

/** `mode` is one of `allowed` (the plugin's modeFromString, cited as `upstream`). */
export function checkMode(ctx: NadContext, p: Rec, path: string, code: CniCode, allowed: readonly string[], upstream: string): void {
  const mode = p.mode;
  if (typeof mode === 'string' && mode !== '' && !allowed.includes(mode)) {
    // upstream: containernetworking/plugins <upstream> ("unknown … mode")
    ctx.add(code, joinPath(path, 'mode'), `mode is ${show(mode)}; allowed: ${allowed.join(', ')} (${upstream})`, `set "mode" to one of ${allowed.join(', ')} or drop it for the default ${allowed[0]}`);
  }
}
