/**
 * Reads a whole manifest set once into the indexes every rule uses (see {@link SetModel}).
 */
import { Manifest } from '../../manifest';
import { isRecord } from '../../problems';
import type { SetModel } from './model';
import { readNad } from './read-nad';
import { readNncp } from './read-nncp';
import { readVm } from './read-vm';
import { cudnNads, isCudn } from './read-cudn';
import { refOf } from './refs';
import { addTo } from '../../multimap';

/** True for `nmstate.io/*` NodeNetworkConfigurationPolicy objects. */
export function isNncp(m: Manifest): boolean {
  return m.kind === 'NodeNetworkConfigurationPolicy' && typeof m.apiVersion === 'string' && m.apiVersion.startsWith('nmstate.io/');
}

/** True for `k8s.cni.cncf.io/*` NetworkAttachmentDefinition objects. */
export function isNad(m: Manifest): boolean {
  return m.kind === 'NetworkAttachmentDefinition' && typeof m.apiVersion === 'string' && m.apiVersion.startsWith('k8s.cni.cncf.io/');
}

/** True for `kubevirt.io/*` VirtualMachine / VirtualMachineInstance objects. */
export function isVm(m: Manifest): boolean {
  return (m.kind === 'VirtualMachine' || m.kind === 'VirtualMachineInstance') && typeof m.apiVersion === 'string' && m.apiVersion.startsWith('kubevirt.io/');
}

/** Reads and indexes a manifest set (a ClusterUserDefinedNetwork as the NADs it makes). Objects that are not NNCP/NAD/CUDN/VM/VMI/Secret are ignored. */
export function readSet(manifests: readonly Manifest[]): SetModel {
  const secrets = new Map<string, Manifest>();
  for (const m of manifests) {
    if (isRecord(m) && m.kind === 'Secret' && m.apiVersion === 'v1') {
      const r = refOf(m, true);
      secrets.set(`${r.namespace}/${r.name}`, m);
    }
  }
  const model: SetModel = { nncps: [], nads: [], vms: [], ifacesByName: new Map(), nadsByKey: new Map(), mappingsByLocalnet: new Map(), usersByNad: new Map() };
  for (const m of manifests) {
    if (!isRecord(m) || !isRecord(m.metadata)) continue;
    if (isNncp(m)) {
      const p = readNncp(m);
      if (!p) continue;
      model.nncps.push(p);
      for (const i of p.ifaces) addTo(model.ifacesByName, i.name, i);
      for (const map of p.mappings) addTo(model.mappingsByLocalnet, map.localnet, map);
    } else if (isNad(m)) {
      const n = readNad(m);
      model.nads.push(n);
      if (!model.nadsByKey.has(n.key)) model.nadsByKey.set(n.key, n);
    } else if (isCudn(m)) {
      // the NADs OVN-Kubernetes writes from it, in each namespace it selects
      for (const n of cudnNads(m)) {
        model.nads.push(n);
        if (!model.nadsByKey.has(n.key)) model.nadsByKey.set(n.key, n);
      }
    } else if (isVm(m)) {
      const v = readVm(m, secrets);
      if (!v) continue;
      model.vms.push(v);
      for (const nic of v.nics) if (nic.nadKey) addTo(model.usersByNad, nic.nadKey, { vm: v, nic });
    }
  }
  return model;
}
