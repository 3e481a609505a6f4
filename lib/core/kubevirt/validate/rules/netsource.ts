/** Network sources: `pkg/network/admitter/netsource.go`. */
import { joinPath } from '../../../path';
import { show } from '../../../problems';
import { VmContext } from '../context';
import { netLabel } from '../views';

/** netsource.go validateSinglePodNetwork: one pod network, one Multus default, not both. */
export function checkSinglePodNetwork(ctx: VmContext): void {
  const podNets = ctx.nets.filter((n) => n.pod);
  const multusDefaults = ctx.nets.filter((n) => n.multus?.isDefault);
  for (const n of podNets.slice(1)) {
    ctx.add('KUBEVIRT_MULTIPLE_POD_NETWORKS', n.path, `${netLabel(n)} is a second pod network (first: ${show(podNets[0].name)}); a VM has at most one`, 'connect only one interface to the pod network; use multus networks for the others');
  }
  for (const n of multusDefaults.slice(1)) {
    ctx.add('KUBEVIRT_MULTIPLE_MULTUS_DEFAULT', joinPath(n.path, 'multus', 'default'), `${netLabel(n)} is a second multus network with default: true (first: ${show(multusDefaults[0].name)}); Multus has one default network`, 'set default: true on one multus network only');
  }
  if (podNets.length > 0) {
    for (const n of multusDefaults) {
      ctx.add('KUBEVIRT_POD_AND_MULTUS_DEFAULT', joinPath(n.path, 'multus', 'default'), `${netLabel(n)} is a multus default network while ${show(podNets[0].name)} is a pod network; a pod network cannot be defined when a Multus default network is`, 'drop the pod network, or remove default: true from the multus network');
    }
  }
}

/** netsource.go validateSingleNetworkSource, validateMultusNetworkSource: exactly one source; multus needs a networkName. */
export function checkNetworkSources(ctx: VmContext): void {
  for (const n of ctx.nets) {
    const sources = [n.pod ? 'pod' : '', n.multus ? 'multus' : '', n.claim ? 'resourceClaim' : ''].filter(Boolean);
    if (sources.length !== 1) {
      ctx.add('KUBEVIRT_NETWORK_SOURCE_COUNT', n.path, `${netLabel(n)} has ${sources.length ? sources.join(' and ') : 'no source'}; a network needs exactly one of pod, multus, resourceClaim`, 'keep exactly one source: pod: {}, multus: {networkName}, or resourceClaim: {claimName, requestName}');
    }
    // Upstream returns after the first such network; we report each.
    if (n.multus && !n.multus.networkName) {
      ctx.add('KUBEVIRT_MULTUS_NETWORK_NAME_REQUIRED', joinPath(n.path, 'multus', 'networkName'), `${netLabel(n)} is a multus network without networkName`, 'set multus.networkName to the NetworkAttachmentDefinition, <name> or <namespace>/<name>');
    }
  }
}
