/**
 * VirtualMachines compared across two outputs: what KubeVirt does with each change to a running
 * VM's networks, per version (kubevirt-features.ts cites the sources), cloud-init networkData
 * (cloud-init applies network config once per instance-id: cloudinit docs "network configuration
 * is applied on first boot of an instance"), and the rest of the template.
 */
import { joinPath } from '../path';
import { isRecord } from '../problems';
import type { SetModel, VmInfo, VmNic } from '../topology/rules/model';
import { ChangeClass } from './change';
import { KubevirtNetworkFeatures } from './kubevirt-features';
import { Changes, ChangedObject, objectOf } from './record';
import { differingPaths, sameValue, shown, without } from './value-diff';

/** What the VM comparison assumes about the cluster. */
export interface VmDiffContext {
  readonly kubevirt: KubevirtNetworkFeatures;
  /** multus-dynamic-networks-controller runs: bridge NICs plug and unplug in place. */
  readonly dynamicNetworks: boolean;
}

const vmKey = (v: VmInfo) => `${v.ref.kind}/${v.namespace}/${v.name}`;

/** The template spec (VM) or spec (VMI) of a VM record. */
function specOf(v: VmInfo): Record<string, unknown> {
  const s = v.manifest.spec;
  if (!isRecord(s)) return {};
  if (v.ref.kind !== 'VirtualMachine') return s;
  return isRecord(s.template) && isRecord(s.template.spec) ? s.template.spec : {};
}

/** The raw `networks[]` entry of a NIC. */
function networkOf(v: VmInfo, nic: VmNic): unknown {
  const nets = specOf(v).networks;
  return nic.network && Array.isArray(nets) ? nets[nic.network.index] : undefined;
}

/** False when the VM cannot live-migrate for a reason the manifest shows: bridge binding on the pod network (kubevirt#7238). */
function migratable(v: VmInfo): boolean {
  return !v.nics.some((n) => n.network?.pod && n.binding === 'bridge');
}

/** The class and wording of a change KubeVirt applies by plugging (in place or through a migration). */
function plugClass(ctx: VmDiffContext, v: VmInfo, binding: string | undefined, what: string): { cls: ChangeClass; how: string; fix: string } {
  const kv = ctx.kubevirt;
  if (!kv.nicHotplug) return { cls: 'vm-restart', how: `KubeVirt ${kv.version} has no NIC hot-plug without the HotplugNICs gate (GA in 1.4): RestartRequired`, fix: 'restart the VM after applying' };
  if (binding === 'bridge' && ctx.dynamicNetworks) return { cls: 'vm-in-place', how: `${what} in place (multus-dynamic-networks-controller)`, fix: '' };
  if (binding !== 'bridge' && binding !== 'sriov') return { cls: 'vm-restart', how: `only bridge and SR-IOV NICs can be hot-plugged; this one (${binding ?? 'unknown binding'}) gets RestartRequired`, fix: 'restart the VM after applying' };
  if (!migratable(v)) return { cls: 'vm-restart', how: `${what} needs a live migration, and the VM is not migratable (bridge binding on the pod network): RestartRequired`, fix: 'restart the VM after applying' };
  return kv.autoMigration
    ? { cls: 'vm-live-migration', how: `${what} through a live migration KubeVirt starts itself (vmRolloutStrategy LiveUpdate)${binding === 'bridge' ? ' unless multus-dynamic-networks-controller plugs it in place' : ''}`, fix: '' }
    : { cls: 'vm-live-migration', how: `${what} once the VM is migrated (KubeVirt ${kv.version} does not migrate by itself)`, fix: 'virtctl migrate the VM after applying' };
}

/** Every change between the VMs of two outputs. */
export function diffVms(out: Changes, old: SetModel, next: SetModel, ctx: VmDiffContext): void {
  const nextByKey = new Map(next.vms.map((v) => [vmKey(v), v]));
  const oldByKey = new Map(old.vms.map((v) => [vmKey(v), v]));
  for (const a of old.vms) {
    if (nextByKey.has(vmKey(a))) continue;
    out.add(objectOf(a.manifest), 'removed', 'removal', '', `the ${a.ref.kind} is deleted${a.running ? ' (it is running: it stops)' : ''}, with the disks of its dataVolumeTemplates`, a.running ? 'make sure the VM is meant to go; back up its disks first' : '', a.running ? 'warning' : 'info');
  }
  for (const b of next.vms) {
    const a = oldByKey.get(vmKey(b));
    const obj = objectOf(b.manifest);
    if (!a) out.add(obj, 'added', 'in-place', '', `new ${b.ref.kind}${b.running ? ' (starts)' : ''}`, '');
    else if (!sameValue(a.manifest, b.manifest)) changedVm(out, obj, a, b, next, ctx);
  }
}

function changedVm(out: Changes, obj: ChangedObject, a: VmInfo, b: VmInfo, next: SetModel, ctx: VmDiffContext): void {
  const before = out.list.length;
  if (b.ref.kind === 'VirtualMachineInstance') {
    for (const path of differingPaths(a.manifest.spec, b.manifest.spec, 'spec', 3)) out.add(obj, 'modified', 'replace', path, `${path} of a VirtualMachineInstance changes: a VMI's spec cannot be updated, it is deleted and created again (the guest restarts)`, 'manage the VM through a VirtualMachine instead');
    return;
  }
  const runsA = a.running;
  if (runsA !== b.running) out.add(obj, 'modified', 'vm-restart', 'spec', b.running ? 'the VM is started' : 'the VM is stopped', '');
  if (!runsA || !b.running) {
    const paths = differingPaths(specOf(a), specOf(b), 'spec.template.spec', 3);
    if (paths.length) out.add(obj, 'modified', 'vm-in-place', paths[0], `the template changes (${paths.map((p) => p.replace('spec.template.spec.', '')).join(', ')}) while the VM is stopped: it applies at the next start`, '');
  } else {
    nicChanges(out, obj, a, b, ctx);
    const nd = networkDataChange(a, b);
    if (nd) out.add(obj, 'modified', 'vm-guest-config', nd, `cloud-init networkData changes: cloud-init applies network config only on a new instance-id, so the running guest keeps its addresses (and keeps them across a plain reboot)`, 'change the instance-id with it (cloud-init metaData), or apply the new addresses inside the guest');
    const rest = differingPaths(templateRest(a), templateRest(b), 'spec.template', 4);
    if (rest.length) out.add(obj, 'modified', 'vm-restart', rest[0], `template fields outside networking change (${rest.map((p) => p.replace('spec.template.', '')).join(', ')}): KubeVirt applies CPU sockets and memory live under vmRolloutStrategy LiveUpdate and marks the rest RestartRequired`, 'restart the VM after applying');
  }
  void next;
  const otherSpec = differingPaths(without(a.manifest.spec, ['template', 'running', 'runStrategy']), without(b.manifest.spec, ['template', 'running', 'runStrategy']), 'spec', 3);
  for (const path of otherSpec) out.add(obj, 'modified', 'in-place', path, `${path} changes`, '');
  if (out.list.length === before) out.add(obj, 'modified', 'cosmetic', 'metadata', 'only metadata (labels, annotations, sync wave) changes; nothing changes for the VM', '');
}

/** The template without what the network comparisons cover (interfaces, networks, networkData). */
function templateRest(v: VmInfo): unknown {
  const s = v.manifest.spec;
  const tmpl: Record<string, unknown> = isRecord(s) && isRecord(s.template) ? s.template : {};
  const spec = isRecord(tmpl.spec) ? tmpl.spec : {};
  const domain = isRecord(spec.domain) ? spec.domain : {};
  const devices = isRecord(domain.devices) ? domain.devices : {};
  const volumes = Array.isArray(spec.volumes) ? spec.volumes.map((vol) => (isRecord(vol) ? { ...vol, cloudInitNoCloud: without(vol.cloudInitNoCloud, ['networkData', 'networkDataBase64']), cloudInitConfigDrive: without(vol.cloudInitConfigDrive, ['networkData', 'networkDataBase64']) } : vol)) : spec.volumes;
  return { ...tmpl, spec: { ...(without(spec, ['networks', 'volumes']) as Record<string, unknown>), volumes, domain: { ...domain, devices: without(devices, ['interfaces']) } } };
}

/** Path of the networkData that changed (inline; a Secret's change is reported on the Secret). */
function networkDataChange(a: VmInfo, b: VmInfo): string | undefined {
  if (a.networkData?.text === b.networkData?.text) return undefined;
  if (b.networkData?.secret !== undefined && a.networkData?.secret === b.networkData.secret) return undefined;
  return b.networkData?.path ?? a.networkData?.path ?? joinPath('spec.template.spec', 'volumes');
}

/** NICs added, unplugged, removed or changed on a running VM. */
function nicChanges(out: Changes, obj: ChangedObject, a: VmInfo, b: VmInfo, ctx: VmDiffContext): void {
  const was = new Map(a.nics.map((n) => [n.name, n]));
  const now = new Map(b.nics.map((n) => [n.name, n]));
  for (const n of b.nics) {
    const o = was.get(n.name);
    if (!o) {
      if (n.absent) {
        out.add(obj, 'modified', 'cosmetic', n.path, `interface ${JSON.stringify(n.name)} is added already absent: nothing is plugged`, '');
      } else if (n.network?.pod) {
        out.add(obj, 'modified', 'vm-restart', n.path, `a pod-network interface ${JSON.stringify(n.name)} is added: KubeVirt cannot hot-plug the pod network (RestartRequired)`, 'restart the VM after applying');
      } else {
        const p = plugClass(ctx, b, n.binding, `interface ${JSON.stringify(n.name)} is hot-plugged`);
        out.add(obj, 'modified', p.cls, n.path, p.how, p.fix);
      }
      continue;
    }
    if (!o.absent && n.absent) {
      const p = n.binding === 'bridge' && !n.network?.pod ? plugClass(ctx, b, 'bridge', `interface ${JSON.stringify(n.name)} is hot-unplugged`) : { cls: 'vm-restart' as const, how: `interface ${JSON.stringify(n.name)} is set absent, which KubeVirt accepts only for bridge-bound secondary NICs`, fix: 'remove it while the VM is stopped' };
      out.add(obj, 'modified', p.cls, joinPath(n.path, 'state'), p.how, p.fix);
      continue;
    }
    const ifaceRest = (x: VmNic) => without(x.raw, ['state']);
    if (!sameValue(ifaceRest(o), ifaceRest(n))) {
      const fields = differingPaths(ifaceRest(o), ifaceRest(n), '', 4);
      out.add(obj, 'modified', 'vm-restart', joinPath(n.path, fields[0] ?? ''), `interface ${JSON.stringify(n.name)} changes (${fields.join(', ')}): KubeVirt cannot change a NIC of a running VM (RestartRequired)`, 'restart the VM after applying');
    } else if (o.raw.state !== n.raw.state) {
      const linkOk = ctx.kubevirt.linkState && n.binding !== 'sriov';
      out.add(obj, 'modified', linkOk ? 'vm-in-place' : 'vm-restart', joinPath(n.path, 'state'), linkOk ? `link of ${JSON.stringify(n.name)} is set ${shown(n.raw.state ?? 'up')} in place` : `link state ${shown(n.raw.state)} is not supported here (KubeVirt ${ctx.kubevirt.version}, binding ${n.binding ?? '?'})`, linkOk ? '' : 'leave the state as it was');
    }
    networkChange(out, obj, a, o, b, n, ctx);
  }
  for (const o of a.nics) {
    if (now.has(o.name)) continue;
    if (o.absent) out.add(obj, 'modified', 'cosmetic', joinPath('spec.template.spec.domain.devices.interfaces'), `interface ${JSON.stringify(o.name)} was absent already (unplugged); dropping it is what KubeVirt does itself`, '');
    // a bridge NIC could have been hot-unplugged: skipping that phase is a mistake (TOPOLOGY_VM_IFACE_REMOVED_WITHOUT_ABSENT), others can only restart
    else if (o.binding === 'bridge' && !o.network?.pod) out.add(obj, 'modified', 'vm-restart', 'spec.template.spec.domain.devices.interfaces', `interface ${JSON.stringify(o.name)} is removed without the state: absent phase: the running VM gets RestartRequired instead of a hot-unplug`, `unplug it first (attachment state: 'absent', or vm.unplug('${o.name}')), then remove it in a later change`, 'error');
    else out.add(obj, 'modified', 'vm-restart', 'spec.template.spec.domain.devices.interfaces', `interface ${JSON.stringify(o.name)} (${o.binding ?? 'unknown binding'}) is removed: KubeVirt hot-unplugs only bridge-bound secondary NICs, so the running VM gets RestartRequired`, 'restart the VM after applying');
  }
}

/** The network entry of a NIC changed: a NAD swap (LiveUpdateNADRef) or anything else. */
function networkChange(out: Changes, obj: ChangedObject, a: VmInfo, o: VmNic, b: VmInfo, n: VmNic, ctx: VmDiffContext): void {
  const x = networkOf(a, o);
  const y = networkOf(b, n);
  if (sameValue(x, y)) return;
  const path = n.network ? n.network.path : n.path;
  const nadOnly = isRecord(x) && isRecord(y) && isRecord(x.multus) && isRecord(y.multus) && sameValue(without(x, ['multus']), without(y, ['multus'])) && sameValue(without(x.multus, ['networkName']), without(y.multus, ['networkName']));
  if (!nadOnly) {
    out.add(obj, 'modified', 'vm-restart', path, `network ${JSON.stringify(n.name)} changes ${shown(x)} → ${shown(y)}: RestartRequired`, 'restart the VM after applying');
    return;
  }
  const swap = `network ${JSON.stringify(n.name)} moves from NAD ${shown((x.multus as Record<string, unknown>).networkName)} to ${shown((y.multus as Record<string, unknown>).networkName)}`;
  const nadPath = joinPath(path, 'multus', 'networkName');
  const kv = ctx.kubevirt;
  if (kv.liveNadRef === 'ga' && migratable(b)) out.add(obj, 'modified', 'vm-live-migration', nadPath, `${swap}: KubeVirt ${kv.version} live-migrates the VM onto it, keeping the MAC and the guest NIC (LiveUpdateNADRef)`, '');
  else if (kv.liveNadRef === 'gate' && migratable(b)) out.add(obj, 'modified', 'vm-restart', nadPath, `${swap}: on KubeVirt ${kv.version} that migrates live only with the LiveUpdateNADRef feature gate (beta); without it the VM gets RestartRequired`, 'enable the LiveUpdateNADRef feature gate (KubeVirt CR) to migrate instead, or restart the VM after applying');
  else out.add(obj, 'modified', 'vm-restart', nadPath, `${swap}: ${migratable(b) ? `KubeVirt ${kv.version} has no live NAD swap (LiveUpdateNADRef, 1.8+)` : 'the VM is not migratable'}, so it gets RestartRequired`, 'restart the VM after applying');
}
