/** multihome lint: bridge-bound secondary NIC without a MAC (kubevirt/kubevirt#16696). */
import { joinPath } from '../../../path';
import { BindingMethod, VmInterfaceState } from '../../types';
import { VmContext } from '../context';
import { ifaceLabel, netLabel } from '../views';

/** multihome lint: a bridge-bound NIC on a secondary Multus network without macAddress (kubevirt/kubevirt#16696). */
export function checkBridgeWithoutMac(ctx: VmContext): void {
  for (const i of ctx.ifaces) {
    const net = ctx.networkOf(i);
    if (i.bindings.includes(BindingMethod.BRIDGE) && net?.multus && !net.multus.isDefault && !i.macAddress && i.state !== VmInterfaceState.ABSENT) {
      ctx.add('KUBEVIRT_BRIDGE_WITHOUT_MAC', joinPath(i.path, 'macAddress'), `${ifaceLabel(i)} is bridge-bound on ${netLabel(net)} without macAddress; the guest takes the pod interface MAC, which changes with every new pod (restart, migration: kubevirt/kubevirt#16696), breaking DHCP reservations and MAC-matched config`, 'set macAddress explicitly (MacAllocator gives a stable one per namespace/vm/interface)');
    }
  }
}
