/**
 * What a KubeVirt release does with a change to a running VM's networks, per version. Sources
 * (kubevirt/kubevirt at d923fdb8, Aug 2026, and the user guide):
 * - NIC hot-plug: alpha v1.1 (gate `HotplugNICs`), beta v1.3, GA v1.4 (user-guide
 *   docs/network/hotplug/interfaces.md); bridge and SR-IOV bindings only; SR-IOV always through a
 *   migration, bridge in place when multus-dynamic-networks-controller runs, else through a
 *   migration (pkg/network/migration/evaluator.go `shouldMigrateOnIfaceHotplug`: SR-IOV
 *   `immediateMigration`, others `pendingMigration` with a 15 s grace period for the controller).
 * - KubeVirt triggers that migration itself under `vmRolloutStrategy: LiveUpdate`, the default
 *   since v1.6 (virt-config); before, the user migrates (`virtctl migrate`).
 * - Hot-unplug: `state: absent`, bridge binding only, never the pod network
 *   (pkg/network/admitter/admit.go); in place with the dynamic networks controller, else by
 *   migration (evaluator.go `shouldMigrateOnIfaceUnplug`).
 * - Link state `up`/`down`: v1.5 (kubevirt/enhancements veps/sig-network/3-link-state-proposal).
 * - RestartRequired (pkg/network/vmliveupdate/restart.go `IsRestartRequired`): an interface or
 *   network of the running VMI removed from the template without `absent`, any interface field
 *   but `state` changed, a pod network added, any network field changed — except, on a
 *   migratable VM, `multus.networkName` (LiveUpdateNADRef: beta v1.8 behind the gate, GA v1.9,
 *   "net: Remove LiveUpdateNADRef FG from conditionals" f3fbce8e7f, first in v1.9.0).
 */

/** A `major.minor` KubeVirt version as a comparable number pair. */
export interface KubevirtVersion {
  readonly major: number;
  readonly minor: number;
}

/** The KubeVirt version the diff assumes when none is given: the newest release the rules know. */
export const DEFAULT_KUBEVIRT_VERSION = '1.9';

/** Parses `1.8`, `v1.8.2`, `1.9.0-rc.1` into major/minor; undefined when it is not a version. */
export function parseKubevirtVersion(text: string): KubevirtVersion | undefined {
  const m = /^v?(\d{1,3})\.(\d{1,3})(?:\.\d{1,4})?(?:[-+][0-9A-Za-z.-]{1,64})?$/.exec(text.trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

/** True when `v` is at least `major.minor`. */
export function atLeast(v: KubevirtVersion, major: number, minor: number): boolean {
  return v.major > major || (v.major === major && v.minor >= minor);
}

/** What the version does with network changes of a running VM. */
export interface KubevirtNetworkFeatures {
  readonly version: string;
  /** NIC hot-plug/unplug without a feature gate (v1.4+). */
  readonly nicHotplug: boolean;
  /** KubeVirt migrates by itself when a hot-plug needs it (LiveUpdate rollout default, v1.6+). */
  readonly autoMigration: boolean;
  /** Interface `state: up|down` (v1.5+). */
  readonly linkState: boolean;
  /** `multus.networkName` changes migrate a migratable VM: 'ga' (v1.9+), 'gate' (v1.8, beta behind LiveUpdateNADRef), 'no'. */
  readonly liveNadRef: 'ga' | 'gate' | 'no';
}

/** The network features of a KubeVirt version. */
export function kubevirtNetworkFeatures(v: KubevirtVersion): KubevirtNetworkFeatures {
  return {
    version: `${v.major}.${v.minor}`,
    nicHotplug: atLeast(v, 1, 4),
    autoMigration: atLeast(v, 1, 6),
    linkState: atLeast(v, 1, 5),
    liveNadRef: atLeast(v, 1, 9) ? 'ga' : atLeast(v, 1, 8) ? 'gate' : 'no',
  };
}
