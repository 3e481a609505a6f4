/** Networks backed by DRA resource claims: `pkg/network/admitter/dra.go`. */
import { joinPath } from '../../../path';
import { isRecord, show } from '../../../problems';
import { BindingMethod } from '../../types';
import { VmContext } from '../context';
import { ifaceLabel, netLabel } from '../views';

/** dra.go validateNetworkDevicesWithDRA: no mixing with Multus; SR-IOV or plugin bindings; declared, unique claims. */
export function checkResourceClaims(ctx: VmContext): void {
  const { nets, spec } = ctx;
  const claimNets = nets.filter((n) => n.claim);
  if (!claimNets.length) return;
  const declared = new Set(
    (Array.isArray(spec.resourceClaims) ? spec.resourceClaims : []).filter(isRecord).map((c) => c.name).filter((x): x is string => typeof x === 'string'),
  );
  const multus = nets.find((n) => n.multus);
  if (multus) {
    ctx.add('KUBEVIRT_RESOURCE_CLAIM_INVALID', joinPath(ctx.base, 'networks'), `networks mix resourceClaim (${show(claimNets[0].name)}) and multus (${show(multus.name)}); mixing Multus and DRA networks in one VMI is not supported`, 'use either multus or resourceClaim networks for secondary NICs');
    return;
  }
  const seenTuple = new Set<string>();
  for (const n of claimNets) {
    const c = n.claim!;
    const iface = n.name !== undefined ? ctx.ifaceByName.get(n.name) : undefined;
    if (iface && !iface.bindings.includes(BindingMethod.SRIOV) && !iface.plugin) {
      ctx.add('KUBEVIRT_RESOURCE_CLAIM_INVALID', iface.path, `${ifaceLabel(iface)} is on DRA ${netLabel(n)} but is not SR-IOV or a binding plugin`, 'use sriov: {} or binding: {name} for DRA networks');
    }
    if (!c.claimName) ctx.add('KUBEVIRT_RESOURCE_CLAIM_INVALID', joinPath(n.path, 'resourceClaim', 'claimName'), `${netLabel(n)} has no resourceClaim.claimName`, 'set claimName to an entry of spec.resourceClaims');
    if (!c.requestName) ctx.add('KUBEVIRT_RESOURCE_CLAIM_INVALID', joinPath(n.path, 'resourceClaim', 'requestName'), `${netLabel(n)} has no resourceClaim.requestName`, 'set requestName to a request of the ResourceClaim');
    if (!c.claimName || !c.requestName) continue;
    if (!declared.has(c.claimName)) ctx.add('KUBEVIRT_RESOURCE_CLAIM_INVALID', joinPath(n.path, 'resourceClaim', 'claimName'), `${netLabel(n)} references resourceClaim ${show(c.claimName)}, which is not defined in resourceClaims`, 'declare the claim under resourceClaims of the VMI spec');
    const key = `${c.claimName}/${c.requestName}`;
    if (seenTuple.has(key)) ctx.add('KUBEVIRT_RESOURCE_CLAIM_INVALID', n.path, `${netLabel(n)} repeats claimName/requestName ${show(key)}`, 'give each DRA network its own claim request');
    seenTuple.add(key);
  }
}
