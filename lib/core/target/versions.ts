/**
 * What a cluster runs: the versions of the components whose API and behaviour multihome's output
 * and rules depend on (issue 19). Each fact below is read from the component's history and cited
 * where it is used (lib/core/target/target.ts).
 */

/** The component versions an environment targets. */
export interface TargetVersions {
  /** KubeVirt release, `MAJOR.MINOR` (e.g. `1.9`). */
  readonly kubevirt: string;
  /** nmstate release the handler runs (`handlerNmstateVersion` of a NodeNetworkState), e.g. `2.2.62`. */
  readonly nmstate: string;
  /** kubernetes-nmstate operator release, `0.MINOR` (e.g. `0.86`). */
  readonly kubernetesNmstate: string;
  /**
   * The CNI plugin build of the nodes: `upstream-<plugins version>` (containernetworking/plugins,
   * e.g. `upstream-1.6`), `debian-1.1.1` (Debian bookworm's package) or `openshift-<4.N>`
   * (OpenShift's and CNAO's plugins). `upstream` and `openshift` alone name the newest known.
   */
  readonly cni: string;
  /**
   * OVN-Kubernetes release (upstream `MAJOR.MINOR`), when the cluster runs it.
   * @default - not declared: localnet networks are rendered as NetworkAttachmentDefinitions
   */
  readonly ovnKubernetes?: string;
  /** OpenShift release (`4.N`) when the cluster is OpenShift. @default - not OpenShift */
  readonly openshift?: string;
}

/** What an environment names as its target: a preset, or versions (any left out come from `preset` or the default). */
export type TargetSpec = string | (Partial<TargetVersions> & { readonly preset?: string });

/** The component names of {@link TargetVersions}, in the order they are written. */
export const TARGET_COMPONENTS = ['kubevirt', 'nmstate', 'kubernetesNmstate', 'cni', 'ovnKubernetes', 'openshift'] as const;

/** One of {@link TARGET_COMPONENTS}. */
export type TargetComponent = (typeof TARGET_COMPONENTS)[number];

/**
 * The newest released versions the library knows (2026-12): KubeVirt v1.9 (v1.10 in development),
 * nmstate 2.2.62 (man page Oct 2026), kubernetes-nmstate v0.86.0 (2026-03-25, newest tag),
 * containernetworking/plugins v1.9.1. No OVN-Kubernetes and no OpenShift: a vanilla cluster.
 */
export const NEWEST_UPSTREAM: TargetVersions = { kubevirt: '1.9', nmstate: '2.2.62', kubernetesNmstate: '0.86', cni: 'upstream-1.9', };

/**
 * Named presets. OpenShift releases carry the component versions their release shipped:
 * OpenShift Virtualization 4.N is KubeVirt 1.(N-14) (4.18 → 1.4, 4.19 → 1.5, 4.20 → 1.6),
 * RHCOS's nmstate (`handlerNmstateVersion`), the openshift/kubernetes-nmstate branch
 * (v1alpha1 gone from 4.19) and OpenShift's OVN-Kubernetes (ClusterUserDefinedNetwork localnet
 * from 4.19: openshift/openshift-docs#93001, #93859).
 */
export const TARGET_PRESETS: Readonly<Record<string, TargetVersions>> = {
  'kubevirt-1.9-upstream': NEWEST_UPSTREAM,
  'kubevirt-1.8-upstream': { kubevirt: '1.8', nmstate: '2.2.59', kubernetesNmstate: '0.85', cni: 'upstream-1.8' },
  'kubevirt-1.5-upstream': { kubevirt: '1.5', nmstate: '2.2.47', kubernetesNmstate: '0.83', cni: 'upstream-1.6' },
  'kubevirt-1.2-upstream': { kubevirt: '1.2', nmstate: '2.2.37', kubernetesNmstate: '0.81', cni: 'upstream-1.4' },
  'debian-lab': { kubevirt: '1.9', nmstate: '2.2.62', kubernetesNmstate: '0.86', cni: 'debian-1.1.1' },
  'openshift-4.18': { kubevirt: '1.4', nmstate: '2.2.37', kubernetesNmstate: '0.83', cni: 'openshift-4.18', ovnKubernetes: '1.0', openshift: '4.18' },
  'openshift-4.19': { kubevirt: '1.5', nmstate: '2.2.47', kubernetesNmstate: '0.84', cni: 'openshift-4.19', ovnKubernetes: '1.1', openshift: '4.19' },
  'openshift-4.20': { kubevirt: '1.6', nmstate: '2.2.50', kubernetesNmstate: '0.85', cni: 'openshift-4.20', ovnKubernetes: '1.1', openshift: '4.20' },
};

/** The preset an environment targets when it names none, by platform. */
export const DEFAULT_PRESETS = { vanilla: 'kubevirt-1.9-upstream', openshift: 'openshift-4.20' } as const;

/** Compares dotted versions numerically (`1.10` > `1.9`; missing parts are 0): the CNI profiles' comparison, one for every component. */
export { compareVersions } from '../cni/profiles';

/** A dotted version of 1 to 3 numbers, each without leading zeros (what every component above uses). */
export const VERSION_PATTERN = /^(0|[1-9]\d{0,3})(\.(0|[1-9]\d{0,3})){0,2}$/;
