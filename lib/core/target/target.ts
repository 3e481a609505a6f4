/**
 * A resolved target: the versions an environment's output is written for and judged against, and
 * what follows from them. Every version fact is read from the component's own history:
 *
 * - kubernetes-nmstate (nmstate/kubernetes-nmstate): `spec.maxUnavailable` replaced `parallel`
 *   in v0.44.0 (a0c316b6, #715) with default "50%" (pkg/node/nodes.go DefaultMaxunavailable);
 *   the NNCP `v1` API is served from v0.56.0 (23236eb6, #857); `v1alpha1` is no longer served
 *   from v0.84.0 (1cedcd87, #1304); `v1beta1` is served throughout.
 * - OVN-Kubernetes (ovn-kubernetes/ovn-kubernetes): the ClusterUserDefinedNetwork CRD and its
 *   `Localnet` topology arrived in v1.1.0 (b31afc43, 6d68ba40, 8efb425d); OpenShift ships the
 *   localnet CUDN for VMs from 4.19 (openshift/openshift-docs#93001, #93859).
 * - KubeVirt and nmstate facts live with their rules (lib/core/kubevirt, lib/core/nmstate), which
 *   take the version as an option.
 */
import { PluginProfile } from '../cni/profiles';
import { NNCP_API_VERSIONS, NncpApiVersions } from '../nmstate/validate/nncp-envelope';
import { compareVersions, TargetVersions } from './versions';

/** The versions an environment targets, and what its output and rules follow from them. */
export class Target {
  /** The preset the versions came from, when they are exactly a preset's. */
  readonly preset?: string;

  constructor(
    /** The component versions. */
    readonly versions: TargetVersions,
    preset?: string,
    /** The CNI plugin build `versions.cni` names. */
    readonly pluginProfile: PluginProfile = PluginProfile.forCniTarget(versions.cni) ?? PluginProfile.UPSTREAM,
  ) {
    this.preset = preset;
  }

  /** True when the target's KubeVirt is `v` or newer. */
  kubevirtAtLeast(v: string): boolean {
    return compareVersions(this.versions.kubevirt, v) >= 0;
  }

  /** True when the target's kubernetes-nmstate is `v` or newer. */
  kubernetesNmstateAtLeast(v: string): boolean {
    return compareVersions(this.versions.kubernetesNmstate, v) >= 0;
  }

  /** The NNCP apiVersion multihome writes: `nmstate.io/v1` from kubernetes-nmstate v0.56.0, `v1beta1` before. */
  get nncpApiVersion(): string {
    return this.kubernetesNmstateAtLeast('0.56') ? 'nmstate.io/v1' : 'nmstate.io/v1beta1';
  }

  /** The NNCP API versions the target's kubernetes-nmstate serves, and the one multihome writes (the nmstate validator's `apiVersions`). */
  get nncpApiVersions(): NncpApiVersions {
    return { current: this.nncpApiVersion, served: NNCP_API_VERSIONS.filter((v) => this.servesNncpApiVersion(v)) };
  }

  /** True when the target's kubernetes-nmstate serves NNCPs of `apiVersion` (`nmstate.io/<v>`). */
  servesNncpApiVersion(apiVersion: string): boolean {
    switch (apiVersion) {
      case 'nmstate.io/v1': return this.kubernetesNmstateAtLeast('0.56');
      case 'nmstate.io/v1beta1': return true;
      case 'nmstate.io/v1alpha1': return !this.kubernetesNmstateAtLeast('0.84');
      default: return false;
    }
  }

  /**
   * The `maxUnavailable` kubernetes-nmstate applies when a policy sets none ("50%" since
   * v0.44.0); undefined on older operators, which have no such field (policies ran one node at a
   * time, or all at once with `parallel: true`).
   */
  get defaultMaxUnavailable(): string | undefined {
    return this.kubernetesNmstateAtLeast('0.44') ? '50%' : undefined;
  }

  /**
   * True when localnet networks are written as a ClusterUserDefinedNetwork (topology Localnet):
   * OVN-Kubernetes ≥ 1.1 declared, or OpenShift ≥ 4.19.
   */
  get localnetAsCudn(): boolean {
    const { ovnKubernetes, openshift } = this.versions;
    if (openshift !== undefined) return compareVersions(openshift, '4.19') >= 0;
    return ovnKubernetes !== undefined && compareVersions(ovnKubernetes, '1.1') >= 0;
  }
}
