/** ACPI index of interfaces: KubeVirt `schema.go` Interface.ACPIIndex and QEMU `hw/pci/pci.c`. */
import { joinPath } from '../../../path';
import { VmContext } from '../context';
import { ifaceLabel } from '../views';

/** KubeVirt schema.go / QEMU ONBOARD_INDEX_MAX: acpiIndex between 1 and 16*1024-1. */
const ACPI_INDEX_MAX = 16 * 1024 - 1;

/**
 * acpiIndex: schema.go Interface.ACPIIndex ("unique across all devices, 1..16*1024-1").
 * Admission does not check it; virt-launcher (converter/network/configurator.go) passes values > 0
 * to libvirt and QEMU's pci_qdev_realize (hw/pci/pci.c) refuses > ONBOARD_INDEX_MAX or a duplicate,
 * so the VM fails to start. Values < 0 are silently dropped by KubeVirt; we report them too.
 */
export function checkAcpiIndex(ctx: VmContext): void {
  const acpi = new Map<number, string>();
  for (const i of ctx.ifaces) {
    if (i.acpiIndex === undefined || i.acpiIndex === 0) continue; // 0 = unset (omitempty)
    const p = joinPath(i.path, 'acpiIndex');
    if (i.acpiIndex < 1 || i.acpiIndex > ACPI_INDEX_MAX) {
      ctx.add('KUBEVIRT_ACPI_INDEX_INVALID', p, `${ifaceLabel(i)} has acpiIndex ${i.acpiIndex}; allowed 1..${ACPI_INDEX_MAX} (${i.acpiIndex < 1 ? 'KubeVirt silently ignores it' : 'QEMU refuses to start the VM'})`, `use a value in 1..${ACPI_INDEX_MAX}`);
    } else if (acpi.has(i.acpiIndex)) {
      ctx.add('KUBEVIRT_ACPI_INDEX_DUPLICATE', p, `${ifaceLabel(i)} has acpiIndex ${i.acpiIndex}, already used by ${acpi.get(i.acpiIndex)}`, 'give each interface its own acpiIndex');
    } else {
      acpi.set(i.acpiIndex, ifaceLabel(i));
    }
  }
}
