/** `type: ethernet` (rust/src/lib/ifaces/ethernet.rs). */
import { Iface, State } from '../state';

/** ethernet.rs: the only rule (the NIC must exist) is node-dependent, so nothing is checked here. */
export function validateEthernet(_st: State, _i: Iface): void {
  return;
}
