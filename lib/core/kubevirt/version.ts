/**
 * The KubeVirt version a VM is validated for ('MAJOR.MINOR'), and when each version-dependent
 * part of the network API appeared or changed. Every entry of {@link KUBEVIRT_API_SINCE} names the
 * upstream commit/PR (kubevirt/kubevirt) and the first release tag that contains it (found with
 * `git tag --contains <commit>`).
 */
import { compareVersions as compareDottedVersions } from '../cni/profiles';

/** The KubeVirt release multihome targets when no version is given. */
export const DEFAULT_KUBEVIRT_VERSION = '1.9';

/** The oldest KubeVirt release multihome knows the network API of (v1.0.0, July 2023). */
export const OLDEST_KUBEVIRT_VERSION = '1.0';

/** A parsed 'MAJOR.MINOR' KubeVirt version. */
export interface KubevirtVersion {
  readonly major: number;
  readonly minor: number;
  /** The version as given back, 'MAJOR.MINOR'. */
  readonly text: string;
}

/**
 * When each version-dependent part of the network API was introduced or changed, as the first
 * KubeVirt minor release that has it. Rules compare the target version against these.
 */
export const KUBEVIRT_API_SINCE = {
  /**
   * `interfaces[].state: absent` (hot-unplug) and its admission checks: commits 0a0611cb83 and
   * 3bfb19cc97 (May 2023, "Reject `absent` on default and non-bridge-binding"), first in v1.0.0
   * (pkg/virt-api/webhooks/validating-webhook/admitters/network.go validateInterfaceStateValue).
   * Before v1.4 the unplug itself also needs the HotplugNICs feature gate (GA in v1.4).
   */
  interfaceStateAbsent: '1.0',
  /**
   * `interfaces[].binding: {name}` (network binding plugins): field added to schema.go in v1.1.0
   * behind the NetworkBindingPlugins feature gate (vmi-create-admitter.go v1.1.0
   * `NetworkBindingPlugingsEnabled`); gate graduated to GA in v1.5 (commit 581ee68c78, PR #13314).
   */
  bindingPlugin: '1.1',
  /** Binding plugins GA (no feature gate): commit 581ee68c78, PR #13314, first in v1.5.0. */
  bindingPluginGA: '1.5',
  /**
   * Core `slirp`, `macvtap`, `passt` discontinued: creation rejected since v1.3 (slirp: commit
   * 328754dd1c, PR #11701; macvtap: PR #11901; passt: PR #11915, feature gates Macvtap/Passt
   * marked Discontinued in pkg/virt-config/deprecation/feature-gates.go v1.3.0). Since v1.8 all
   * three live in pkg/network/admitter/discontinued.go (PRs #16428, #16453, #16456).
   */
  discontinuedBindings: '1.3',
  /** NIC model `igb`: commit 2f58d9ca9f, PR #11754, first in v1.4.0 (netiface.go validInterfaceModels). */
  igbModel: '1.4',
  /**
   * `interfaces[].state: up|down` (link state): commit bdaacf331f "Allow link up/down for
   * interface state", PR #13850, first in v1.5.0 (admit.go validateInterfaceStateValue; the
   * SR-IOV restriction came with it).
   */
  linkState: '1.5',
  /** Core `passtBinding` (PasstBinding feature gate): commit a21f2c4f9d, PR #16475, first in v1.8.0 (passt.go). */
  passtBinding: '1.8',
  /**
   * "exactly one binding method or binding plugin": commit 0bb9ff0fb3, PR #18374 (release-1.9
   * cherry-pick #18507), first in v1.9.0. Before, admission only refused a plugin together with a
   * core method; no binding or two core methods were admitted and failed in virt-handler.
   */
  exactlyOneBinding: '1.9',
  /** `networks[].resourceClaim` (DRA networks, NetworkDevicesWithDRA gate): commits f5f4c94fe5, e8930b5cd0, PR #17661, first in v1.9.0 (dra.go). */
  resourceClaimNetwork: '1.9',
  /** `interfaces[].portRanges` (PortRangesSpec gate, VEP 168): commit b162de709c, PR #18095, first in v1.9.0 (netiface.go validatePortRangesConfiguration). */
  portRanges: '1.9',
} as const;

/** A feature of {@link KUBEVIRT_API_SINCE}. */
export type KubevirtApiFeature = keyof typeof KUBEVIRT_API_SINCE;

/**
 * Parses 'MAJOR.MINOR' (a leading `v` and a patch level are tolerated: 'v1.8.2' is 1.8). Throws a
 * RangeError for anything else and for versions older than {@link OLDEST_KUBEVIRT_VERSION}.
 */
export function parseKubevirtVersion(version: string): KubevirtVersion {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(typeof version === 'string' ? version.trim() : '');
  if (!m) throw new RangeError(`kubevirtVersion ${JSON.stringify(version)} is not 'MAJOR.MINOR' (e.g. '${DEFAULT_KUBEVIRT_VERSION}')`);
  const v = { major: Number(m[1]), minor: Number(m[2]), text: `${Number(m[1])}.${Number(m[2])}` };
  if (compareVersions(v, OLDEST_KUBEVIRT_VERSION) < 0) {
    throw new RangeError(`kubevirtVersion ${JSON.stringify(version)} is older than ${OLDEST_KUBEVIRT_VERSION}, the oldest KubeVirt release multihome knows`);
  }
  return v;
}

/** Orders two versions: negative when `a` is older than `b`, 0 when equal, positive when newer (the dotted comparison every component uses). */
export function compareVersions(a: KubevirtVersion | string, b: KubevirtVersion | string): number {
  return compareDottedVersions(typeof a === 'string' ? a : a.text, typeof b === 'string' ? b : b.text);
}

/** True when `version` has `feature` (is at least the release of {@link KUBEVIRT_API_SINCE}). */
export function hasKubevirtFeature(version: KubevirtVersion, feature: KubevirtApiFeature): boolean {
  return compareVersions(version, KUBEVIRT_API_SINCE[feature]) >= 0;
}
