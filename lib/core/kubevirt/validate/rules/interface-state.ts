/** Interface link state: `pkg/network/admitter/admit.go` validateInterfaceStateValue. */
import { joinPath } from '../../../path';
import { show } from '../../../problems';
import { BindingMethod, VmInterfaceState } from '../../types';
import { VmContext } from '../context';
import { ifaceLabel } from '../views';

const STATES: readonly string[] = ['', ...Object.values(VmInterfaceState)];

/** admit.go validateInterfaceStateValue: known values; no link state on SR-IOV; absent only bridge-bound and not on the default network. */
export function checkInterfaceState(ctx: VmContext): void {
  const defaultNet = ctx.nets.find((n) => n.pod || n.multus?.isDefault); // vmispec.LookUpDefaultNetwork
  for (const i of ctx.ifaces) {
    if (i.state === undefined) continue;
    const sp = joinPath(i.path, 'state');
    if (!STATES.includes(i.state)) {
      ctx.add('KUBEVIRT_INTERFACE_STATE_INVALID', sp, `${ifaceLabel(i)} has state ${show(i.state)}; allowed: up, down, absent (or unset)`, 'use up, down or absent');
    }
    if (i.bindings.includes(BindingMethod.SRIOV) && (i.state === VmInterfaceState.UP || i.state === VmInterfaceState.DOWN)) {
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
