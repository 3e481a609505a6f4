/**
 * What an object's target refuses that the object's own validator does not know: an NNCP
 * apiVersion the target kubernetes-nmstate does not serve, `maxUnavailable` before it existed, a
 * ClusterUserDefinedNetwork (Localnet) where OVN-Kubernetes does not serve it.
 */
import { Problem, ResourceRef } from '../errors';
import { isRecord, show } from '../problems';
import { TARGET_CODES, TargetCode } from './codes';
import { NNCP_API_VERSIONS } from '../nmstate/validate/nncp-envelope';
import { Target } from './target';
import { compareVersions } from './versions';

/** The target's problems with `obj` (NNCPs, CUDNs/UDNs; other kinds have none). */
export function targetProblems(obj: Record<string, unknown>, target: Target): Problem[] {
  const meta = isRecord(obj.metadata) ? obj.metadata : {};
  const resource: ResourceRef = {
    kind: String(obj.kind),
    ...(typeof meta.name === 'string' ? { name: meta.name } : {}),
    ...(typeof meta.namespace === 'string' ? { namespace: meta.namespace } : {}),
  };
  const out: Problem[] = [];
  const add = (code: TargetCode, path: string, message: string, fix: string) => out.push({ code, severity: TARGET_CODES[code].severity, resource, path, message, fix });
  const spec = isRecord(obj.spec) ? obj.spec : {};
  if (obj.kind === 'NodeNetworkConfigurationPolicy' && typeof obj.apiVersion === 'string' && obj.apiVersion.startsWith('nmstate.io/')) {
    // a version no release served is the nmstate validator's NMSTATE_NNCP_SHAPE
    if (NNCP_API_VERSIONS.includes(obj.apiVersion) && !target.servesNncpApiVersion(obj.apiVersion)) {
      add('TARGET_NNCP_API_NOT_SERVED', 'apiVersion', `apiVersion ${obj.apiVersion} is not served by kubernetes-nmstate ${target.versions.kubernetesNmstate} (v1alpha1 until v0.83, v1beta1 always, v1 from v0.56)`, `set apiVersion: ${target.nncpApiVersion}`);
    }
    if (spec.maxUnavailable !== undefined && target.defaultMaxUnavailable === undefined) {
      add('TARGET_FIELD_NOT_SERVED', 'spec.maxUnavailable', `maxUnavailable ${show(spec.maxUnavailable)} does not exist in kubernetes-nmstate ${target.versions.kubernetesNmstate} (added in v0.44.0): the policy applies on one node at a time`, 'remove maxUnavailable from the node group, or target kubernetes-nmstate 0.44 or newer');
    }
  }
  if ((obj.kind === 'ClusterUserDefinedNetwork' || obj.kind === 'UserDefinedNetwork') && typeof obj.apiVersion === 'string' && obj.apiVersion.startsWith('k8s.ovn.org/')) {
    const { ovnKubernetes, openshift } = target.versions;
    const network = isRecord(spec.network) ? spec.network : isRecord(spec) ? spec : {};
    const localnet = network.topology === 'Localnet';
    const served = openshift !== undefined ? compareVersions(openshift, '4.18') >= 0 : ovnKubernetes === undefined || compareVersions(ovnKubernetes, '1.1') >= 0;
    const declared = openshift !== undefined || ovnKubernetes !== undefined;
    const where = openshift !== undefined ? `OpenShift ${openshift}` : `OVN-Kubernetes ${ovnKubernetes}`;
    if (declared && !served) {
      add('TARGET_CUDN_NOT_SERVED', 'kind', `${obj.kind} is not served by ${where} (OVN-Kubernetes 1.1, OpenShift 4.18 and newer)`, 'write the network as a NetworkAttachmentDefinition (ovn-k8s-cni-overlay), or target a newer OVN-Kubernetes');
    } else if (declared && localnet && !target.localnetAsCudn) {
      add('TARGET_CUDN_NOT_SERVED', 'spec.network.topology', `topology Localnet is not served by ${where} (OVN-Kubernetes 1.1, OpenShift 4.19 and newer)`, 'write the localnet as a NetworkAttachmentDefinition (ovn-k8s-cni-overlay, topology localnet), or target a newer release');
    }
  }
  return out;
}
