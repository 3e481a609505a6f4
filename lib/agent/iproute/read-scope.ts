/**
 * What one state read covers. Every process costs ~33 ms under user-mode-linux (more on a loaded
 * node), so the bridge VLAN dump (`bridge -j vlan show`, one more process) is read only when it
 * can matter: the intent configures port VLANs or VLAN filtering, or a bridge the intent can touch
 * filters VLANs on the host now (then the snapshot needs its ports' VLANs, so that a rollback
 * restores them on a port the apply detached). Without VLAN filtering the kernel does not use
 * port VLANs, nmstate does not report them (nmstate/nmstate rust/src/lib/nispor/linux_bridge.rs
 * reads port VLANs only with vlan_filtering) and the planner plans none.
 */
import type { HostIntent } from '../../core/host-intent/model';
import type { IprouteBackend, ReadHow, ReadResult } from './backend';
import type { ReadOptions } from './read';
import type { HostState } from '../state';

/** Names of the links `intent` names: its interfaces and their bridge and bond ports. */
function namedLinks(intent: HostIntent): Set<string> {
  const out = new Set<string>();
  for (const l of intent.links) {
    out.add(l.name);
    l.bridge?.ports?.forEach((p) => out.add(p.name));
    l.bond?.ports?.forEach((p) => out.add(p));
  }
  return out;
}

/**
 * Does the host in `state` hold a VLAN-filtering bridge that applying `intent` can change: a
 * bridge the intent names, or the current controller of a link it names?
 */
export function hostNeedsBridgeVlans(intent: HostIntent, state: HostState): boolean {
  const named = namedLinks(intent);
  const filtering = (name: string | undefined) => {
    const b = name === undefined ? undefined : state.links.get(name);
    return b?.kind === 'bridge' && Number(b.bridge?.vlan_filtering ?? 0) !== 0;
  };
  for (const n of named) {
    if (filtering(n)) return true;
    if (filtering(state.links.get(n)?.master)) return true;
  }
  return false;
}

/**
 * Reads the host with `options`, and once more with the bridge VLANs when they were left out but
 * the host turns out to need them ({@link hostNeedsBridgeVlans}). Returns the read and the
 * options it was taken with (the verifying and rollback reads use the same). `how` applies to the
 * first read (a held read stays held: the wider one only adds a process).
 */
export async function readForIntent(backend: IprouteBackend, intent: HostIntent, options: ReadOptions, how?: ReadHow): Promise<{ read: ReadResult; options: ReadOptions }> {
  const read = await backend.read(options, how);
  if (options.bridgeVlans || !hostNeedsBridgeVlans(intent, read.state)) return { read, options };
  const wider: ReadOptions = { ...options, bridgeVlans: true };
  return { read: await backend.read(wider), options: wider };
}
