/** Boot order of disks and interfaces: `pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go`. */
import { joinPath } from '../../../path';
import { show } from '../../../problems';
import { VmContext } from '../context';
import { LIST_ITEM } from '../reader';
import { ifaceLabel } from '../views';

/** vmi-create-admitter.go validateBootOrder / validateInterfaceBootOrder: > 0 and distinct across disks and interfaces. */
export function checkBootOrder(ctx: VmContext): void {
  const { read, devices, devicesPath } = ctx;
  const bootOrders = new Map<number, string>();
  const disksPath = joinPath(devicesPath, 'disks');
  for (const d of read.records(devices ? read.listField(devices, 'disks', devicesPath) : undefined, disksPath, LIST_ITEM)) {
    const order = read.intField(d.value, 'bootOrder', d.path);
    if (order === undefined) continue;
    const p = joinPath(d.path, 'bootOrder');
    if (bootOrders.has(order)) ctx.add('KUBEVIRT_BOOT_ORDER_DUPLICATE', p, `disk ${show(d.value.name)} has bootOrder ${order}, already set for ${bootOrders.get(order)}`, 'give every bootable disk and interface a distinct bootOrder');
    else bootOrders.set(order, `disk ${show(d.value.name)}`);
  }
  for (const i of ctx.ifaces) {
    if (i.bootOrder === undefined) continue;
    const p = joinPath(i.path, 'bootOrder');
    if (i.bootOrder < 1) {
      ctx.add('KUBEVIRT_BOOT_ORDER_INVALID', p, `${ifaceLabel(i)} has bootOrder ${i.bootOrder}; it must be > 0 when supplied`, 'use 1 for the first boot device, or omit bootOrder to not PXE-boot from this NIC');
    } else if (bootOrders.has(i.bootOrder)) {
      ctx.add('KUBEVIRT_BOOT_ORDER_DUPLICATE', p, `${ifaceLabel(i)} has bootOrder ${i.bootOrder}, already set for ${bootOrders.get(i.bootOrder)}`, 'give every bootable disk and interface a distinct bootOrder');
    } else {
      bootOrders.set(i.bootOrder, ifaceLabel(i));
    }
  }
}
