/**
 * The semantic diff (STUB: being written; the signature is final).
 */
import { Manifest } from '../manifest';
import { Change } from './change';

/** Options of {@link diffManifests}. */
export interface DiffOptions {
  /**
   * KubeVirt version (`major.minor`) of the cluster the VMs run on: which VM changes are applied
   * live (NIC hot-plug, LiveUpdateNADRef) and which need a restart.
   * @default '1.8'
   */
  readonly kubevirt?: string;
}

/**
 * Every change between `previous` and `next` (objects matched by apiVersion group, kind,
 * namespace and name), classified; sorted by kind, namespace, name, path.
 */
export function diffManifests(previous: readonly Manifest[], next: readonly Manifest[], options: DiffOptions = {}): Change[] {
  void previous;
  void next;
  void options;
  return [];
}
