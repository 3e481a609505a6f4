/**
 * Guest interface names (cloud-init `set-name`) of a VM's NICs:
 * - TOPOLOGY_GUEST_NAME_INVALID: an explicit `guestName` Linux refuses as an interface name
 *   (torvalds/linux net/core/dev.c `dev_valid_name`: empty, ≥ IFNAMSIZ (16) bytes, `.`/`..`, or a
 *   `/`, `:` or whitespace); cloud-init's rename then fails in the guest and the NIC keeps its
 *   kernel name, so every config keyed on the intended name misses it.
 * - TOPOLOGY_GUEST_NAME_DUPLICATE: two NICs of one VM end up with the same guest name (given, or
 *   derived from the interface name: guest-name.ts); the second rename fails in the guest.
 */
import { joinPath } from '../../path';
import { Topology } from '../model';
import { defaultGuestName, guestNameError } from '../guest-name';
import { IntentReport } from './intent-vlans';

/** Reports invalid explicit guest names and guest names used twice within one VM. */
export function checkGuestNames(t: Topology, invalid: IntentReport, duplicate: IntentReport): void {
  t.vms.forEach((vm, v) => {
    const seen = new Map<string, number>();
    vm.attachments.forEach((a, j) => {
      const iface = a.name ?? a.network;
      if (a.guestName !== undefined) {
        const why = guestNameError(a.guestName);
        if (why) {
          invalid(
            joinPath('vms', v, 'attachments', j, 'guestName'),
            `guestName ${JSON.stringify(a.guestName)} of VM ${vm.namespace}/${vm.name} interface ${JSON.stringify(iface)} is not a Linux interface name: ${why} (at most 15 bytes, no "/", ":" or whitespace)`,
            `give a name of at most 15 characters, e.g. ${JSON.stringify(defaultGuestName(a.guestName))}, or leave guestName out to use the interface name`,
          );
          return;
        }
      }
      if (typeof iface !== 'string') return;
      const guest = a.guestName ?? defaultGuestName(iface);
      const first = seen.get(guest);
      if (first === undefined) {
        seen.set(guest, j);
        return;
      }
      duplicate(
        joinPath('vms', v, 'attachments', j, a.guestName !== undefined ? 'guestName' : 'name'),
        `VM ${vm.namespace}/${vm.name} gives guest name ${JSON.stringify(guest)} to attachments[${first}] and attachments[${j}]; cloud-init cannot rename two NICs to one name`,
        `set guestName on attachments[${j}] to a name no other NIC of the VM uses`,
      );
    });
  });
}
