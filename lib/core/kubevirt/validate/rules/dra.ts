/** Networks backed by DRA resource claims: `pkg/network/admitter/dra.go`. */
import { joinPath } from '../../../path';
import { isRecord, show } from '../../../problems';
import { BindingMethod } from '../../types';
import { VmContext } from '../context';
import { ifaceLabel, netLabel } from '../views';

/**
 * Claim/request pairs of DRA GPUs and host devices (a `claimRequest` without `deviceName`), as
 * pkg/dra/admitter/dra_admitter.go gpuAdapter/hostDeviceAdapter isDRA reads them.
 */
function deviceClaimPairs(ctx: VmContext): Map<string, string> {
  const pairs = new Map<string, string>();
  const devices = ctx.devices;
  if (!devices) return pairs;
  for (const [key, label] of [['gpus', 'GPUs'], ['hostDevices', 'HostDevices']] as const) {
    const list = devices[key];
    if (!Array.isArray(list)) continue;
    list.forEach((d, k) => {
      if (!isRecord(d) || (typeof d.deviceName === 'string' && d.deviceName !== '') || !isRecord(d.claimRequest)) return;
      const { claimName, requestName } = d.claimRequest;
      if (typeof claimName !== 'string' || typeof requestName !== 'string') return;
      const pair = `${claimName}/${requestName}`;
      if (!pairs.has(pair)) pairs.set(pair, `${label}[${k}] (${joinPath(ctx.devicesPath, key, k)})`);
    });
  }
  return pairs;
}

/**
 * dra.go validateNetworkDevicesWithDRA: no mixing with Multus; SR-IOV or plugin bindings;
 * declared, unique claims; plus pkg/dra/admitter/dra_admitter.go validateCreationDRA
 * (pairDuplicateChecker): a network's claim/request pair is not one a DRA GPU or host device
 * uses already. DRA networks exist since v1.9 (PR #17661); older targets get
 * KUBEVIRT_FIELD_NOT_IN_VERSION from rules/versioned.ts instead.
 */
export function checkResourceClaims(ctx: VmContext): void {
  const { nets, spec } = ctx;
  const claimNets = nets.filter((n) => n.claim);
  if (!claimNets.length || !ctx.has('resourceClaimNetwork')) return;
  const declared = new Set(
    (Array.isArray(spec.resourceClaims) ? spec.resourceClaims : []).filter(isRecord).map((c) => c.name).filter((x): x is string => typeof x === 'string'),
  );
  const multus = nets.find((n) => n.multus);
  if (multus) {
    ctx.add('KUBEVIRT_RESOURCE_CLAIM_INVALID', joinPath(ctx.base, 'networks'), `networks mix resourceClaim (${show(claimNets[0].name)}) and multus (${show(multus.name)}); mixing Multus and DRA networks in one VMI is not supported`, 'use either multus or resourceClaim networks for secondary NICs');
    return;
  }
  const devicePairs = deviceClaimPairs(ctx);
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
    const device = devicePairs.get(key);
    if (device) ctx.add('KUBEVIRT_RESOURCE_CLAIM_INVALID', n.path, `${netLabel(n)} uses claimName/requestName ${show(key)}, already used by ${device}`, 'give the network its own request in the ResourceClaim');
    else if (seenTuple.has(key)) ctx.add('KUBEVIRT_RESOURCE_CLAIM_INVALID', n.path, `${netLabel(n)} repeats claimName/requestName ${show(key)}`, 'give each DRA network its own claim request');
    seenTuple.add(key);
  }
}
