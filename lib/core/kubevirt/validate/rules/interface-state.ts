/** Interface link state: `pkg/network/admitter/admit.go` validateInterfaceStateValue. */
import { joinPath } from '../../../path';
import { show } from '../../../problems';
import { BindingMethod, VmInterfaceState } from '../../types';
import { VmContext } from '../context';
import { ifaceLabel } from '../views';

const STATES: readonly string[] = ['', ...Object.values(VmInterfaceState)];

/** Link states up/down (v1.5+). */
const LINK_STATES: readonly string[] = [VmInterfaceState.UP, VmInterfaceState.DOWN];

/**
 * admit.go validateInterfaceStateValue: known values; no link state on SR-IOV; absent only
 * bridge-bound and not on the default network.
 *
 * Versions: `absent` and its two checks exist since v1.0 (commit 3bfb19cc97, the oldest target);
 * `up`/`down` since v1.5 (commit bdaacf331f, PR #13850), which also added the SR-IOV check. On
 * an older target, up/down are "unsupported" values (v1.4.0 admit.go accepted "" and absent only).
 */
export function checkInterfaceState(ctx: VmContext): void {
  const defaultNet = ctx.nets.find((n) => n.pod || n.multus?.isDefault); // vmispec.LookUpDefaultNetwork
  const linkState = ctx.has('linkState');
  for (const i of ctx.ifaces) {
    if (i.state === undefined) continue;
    const sp = joinPath(i.path, 'state');
    if (!STATES.includes(i.state)) {
      ctx.add('KUBEVIRT_INTERFACE_STATE_INVALID', sp, `${ifaceLabel(i)} has state ${show(i.state)}; allowed: ${linkState ? 'up, down, ' : ''}absent (or unset)`, linkState ? 'use up, down or absent' : 'use absent (hot-unplug) or leave state unset');
    } else if (!linkState && LINK_STATES.includes(i.state)) {
      ctx.add('KUBEVIRT_INTERFACE_STATE_INVALID', sp, `${ifaceLabel(i)} has state ${show(i.state)}; link state up/down exists since KubeVirt v1.5, the target v${ctx.version.text} admits only absent (or unset)`, 'remove state (the link is up), or target KubeVirt v1.5+');
    }
    if (linkState && i.bindings.includes(BindingMethod.SRIOV) && LINK_STATES.includes(i.state)) {
      ctx.add('KUBEVIRT_LINK_STATE_SRIOV', sp, `${ifaceLabel(i)} is SR-IOV with state ${show(i.state)}; link state is not supported for SR-IOV NICs`, 'remove state (or use absent only with bridge binding)');
    }
    if (i.state === VmInterfaceState.ABSENT && !i.bindings.includes(BindingMethod.BRIDGE)) {
      ctx.add('KUBEVIRT_ABSENT_REQUIRES_BRIDGE', sp, `${ifaceLabel(i)} has state absent but is not bridge-bound; hot-unplug is supported only for bridge binding`, 'remove the interface and its network instead (restart), or use bridge binding');
    }
    if (i.state === VmInterfaceState.ABSENT && defaultNet && defaultNet.name === i.name) {
      ctx.add('KUBEVIRT_ABSENT_ON_DEFAULT_NETWORK', sp, `${ifaceLabel(i)} has state absent on the default network ${show(defaultNet.name)}; the default network cannot be unplugged`, 'remove state: absent; only secondary networks can be hot-unplugged');
    }
  }
}
