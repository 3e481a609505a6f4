/**
 * VirtualMachines of a topology: interfaces and networks paired by construction, MACs pinned
 * (deterministic allocator), cloud-init `networkData` generated from the same attachments, and
 * placement derived from the node groups that have the bridges.
 */
import { Manifest } from '../manifest';
import { MultihomeError, Problem } from '../errors';
import { joinPath, parsePath } from '../path';
import { MacAllocator, networkDataV2, cloudInitSecret } from '../kubevirt';
import { macAddressError } from '../kubevirt/mac';
import type { EthernetSpec } from '../kubevirt/cloud-init';
import { bridgeInterface, masqueradeInterface, multusNetwork, passtBindingInterface, passtPluginInterface, podNetwork, VmInterfaceOptions } from '../kubevirt/builders';
import { defaultTarget, Target } from '../target';
import type { VmInterface, VmNetwork } from '../kubevirt/types';
import { ResolvedAttachment, ResolvedTopology, ResolvedVm } from './resolve';
import { vmHasInvalidAddresses } from './rules/intent-addresses';
import { Findings } from './rules/report';
import { conflictLocation, conflictText, hasBootSource, mergeVirtualMachine, MergedVm } from './vm-merge';
import { userInterfaceMac } from './vm-source';

/**
 * MACs of every VM NIC, keyed `namespace/vm/interface`, allocated in declaration order.
 * `keptPodMacs` (keyed by {@link podMacKey}) are the pod NIC MACs of the previous output: a pod
 * NIC keeps its MAC even when the VM no longer has networkData (the last addressed NIC unplugged
 * or removed), since any change of a running VM's interface other than `state` is RestartRequired
 * (kubevirt/kubevirt pkg/network/vmliveupdate/restart.go `areNormalizedIfacesEqual`) and would
 * turn a hot-unplug into a restart.
 */
export function allocateMacs(t: ResolvedTopology, keptPodMacs: ReadonlyMap<string, string> = new Map()): Map<string, string> {
  const alloc = new MacAllocator(t.macPrefix ? { prefix: t.macPrefix } : {});
  const out = new Map<string, string>();
  const kept = (vm: ResolvedVm): string | undefined => {
    const mac = vm.podNetwork ? keptPodMacs.get(podMacKey(vm)) : undefined;
    return mac !== undefined && macAddressError(mac) === undefined ? mac : undefined;
  };
  // Explicit MACs first, so the allocator never hands one of them out.
  // A malformed MAC is rendered as given and reported by the VM's validation (KubeVirt admission),
  // never thrown here; it cannot collide with an allocated one.
  for (const vm of t.vms) {
    for (const a of vm.attachments) if (a.macAddress && macAddressError(a.macAddress) === undefined) alloc.reserve(a.macAddress);
    const pod = userPodMac(vm) ?? kept(vm);
    if (pod !== undefined) alloc.reserve(pod);
  }
  for (const vm of t.vms) {
    // the pod NIC is matched by MAC in networkData (podNetworkEntry), so it gets a pinned MAC then
    // (a VM brought with its own pod interface MAC keeps it)
    if (vm.podNetwork && vmHasNetworkData(vm)) out.set(podMacKey(vm), userPodMac(vm) ?? kept(vm) ?? alloc.allocate(vm.namespace, vm.name, vm.podInterfaceName));
    else if (kept(vm) !== undefined) out.set(podMacKey(vm), userPodMac(vm) ?? kept(vm)!);
    for (const a of vm.attachments) {
      out.set(macKey(vm, a), a.macAddress ?? alloc.allocate(vm.namespace, vm.name, a.name));
    }
  }
  return out;
}

/** The valid MAC a brought VM (`virtualMachine`) sets on its own pod interface, if any. */
function userPodMac(vm: ResolvedVm): string | undefined {
  const mac = vm.userVm && vm.podNetwork ? userInterfaceMac(vm.userVm, vm.podInterfaceName) : undefined;
  return mac !== undefined && macAddressError(mac) === undefined ? mac : undefined;
}

/** Key of a VM's pod NIC in {@link allocateMacs} (present when the VM has networkData). */
export function podMacKey(vm: { namespace: string; name: string; podInterfaceName: string }): string {
  return `${vm.namespace}/${vm.name}/${vm.podInterfaceName}`;
}

/** True when the VM gets cloud-init networkData: a present NIC with addresses or DHCP, or the pod network's IPv6. */
export function vmHasNetworkData(vm: ResolvedVm): boolean {
  if (vm.podNetwork && vm.podNetworkIpv6) return true;
  return vm.attachments.some((a) => a.state === 'present' && !!(a.ipv4?.length || a.ipv6?.length || a.dhcp4 || a.dhcp6));
}

/**
 * KubeVirt's masquerade address and gateway for the guest's IPv6 (the default
 * `vmIPv6NetworkCIDR` fd10:0:2::/120: kubevirt user-guide interfaces_and_networks "masquerade -
 * IPv4 and IPv6 dual-stack support", and tests/libvmifact GetVMIMasquerade's networkData).
 */
export const MASQUERADE_IPV6 = { address: 'fd10:0:2::2/120', gateway: 'fd10:0:2::1' } as const;

/**
 * The pod NIC's networkData entry: once a VM has networkData, cloud-init configures only the NICs
 * it lists (no fallback DHCP on the first NIC), so a netplan guest would lose the pod network.
 * DHCPv4 (KubeVirt's masquerade DHCP server), plus the masquerade IPv6 when asked; matched by
 * its pinned MAC, no `set-name` (the guest keeps its kernel name for it).
 */
function podNetworkEntry(vm: ResolvedVm, macs: ReadonlyMap<string, string>): EthernetSpec | undefined {
  const mac = macs.get(podMacKey(vm));
  if (!vm.podNetwork || mac === undefined) return undefined;
  const e: { -readonly [K in keyof EthernetSpec]: EthernetSpec[K] } = { id: vm.podInterfaceName, mac, dhcp4: true };
  if (vm.podNetworkIpv6 && vm.podNetwork === 'passt') e.dhcp6 = true;
  else if (vm.podNetworkIpv6) {
    e.addresses = [MASQUERADE_IPV6.address];
    e.gateway6 = MASQUERADE_IPV6.gateway;
  }
  return e;
}

/** Key of one NIC in {@link allocateMacs}. */
export function macKey(vm: { namespace: string; name: string }, a: { name: string }): string {
  return `${vm.namespace}/${vm.name}/${a.name}`;
}

/** Placement of a VM: its explicit nodeSelector, else the union of its networks' node group selectors. */
export function vmPlacement(vm: ResolvedVm): Record<string, string> {
  if (vm.nodeSelector) return { ...vm.nodeSelector };
  const sel: Record<string, string> = {};
  for (const a of vm.attachments) Object.assign(sel, a.networkSpec?.nodeGroupSpec?.nodeSelector ?? {});
  return sel;
}

/** Reference to a NAD from a VM: plain name in the same namespace. */
function networkName(a: ResolvedAttachment): string {
  return a.networkSpec?.nadName ?? a.network;
}

/** cloud-init NoCloud networkData v2 for the present attachments with addresses or DHCP. */
export function vmNetworkData(vm: ResolvedVm, macs: ReadonlyMap<string, string>, problems?: Problem[]): string | undefined {
  // With a collector (buildEnvironment), validateTopology reports a VM's bad addresses and
  // duplicate NIC names at the prop (rules/intent-addresses.ts, TOPOLOGY_DUPLICATE_NAME): the VM
  // renders without networkData and no second, networkData-level problem is added here.
  if (problems && networkDataBlocked(vm)) return undefined;
  const ethernets: EthernetSpec[] = [];
  for (const a of vm.attachments) {
    if (a.state !== 'present' || !(a.ipv4?.length || a.ipv6?.length || a.dhcp4 || a.dhcp6)) continue;
    const e: { -readonly [K in keyof EthernetSpec]: EthernetSpec[K] } = { id: a.guestName, name: a.guestName, mac: macs.get(macKey(vm, a))!, addresses: [...(a.ipv4 ?? []), ...(a.ipv6 ?? [])] };
    if (a.dhcp4) e.dhcp4 = true;
    if (a.dhcp6) e.dhcp6 = true;
    if (a.gateway4) e.gateway4 = a.gateway4;
    if (a.gateway6) e.gateway6 = a.gateway6;
    if (a.routes) e.routes = a.routes;
    if (a.nameservers) e.nameservers = { addresses: [...a.nameservers] };
    if (a.networkSpec?.mtu) e.mtu = a.networkSpec.mtu;
    ethernets.push(e);
  }
  const pod = podNetworkEntry(vm, macs);
  if (pod) ethernets.unshift(pod);
  if (!ethernets.length) return undefined;
  try {
    return networkDataV2({ ethernets });
  } catch (e) {
    if (!(e instanceof MultihomeError) || !problems) throw e;
    // Addresses, gateways and routes are the user's: with a collector (buildEnvironment) their
    // problems name this VM and the VM renders without networkData, instead of a crash.
    const resource = { kind: 'VirtualMachine', name: vm.name, namespace: vm.namespace };
    for (const p of e.problems) problems.push({ ...p, resource, path: joinPath(NETWORK_DATA_PATH, ...parsePath(p.path)) });
    return undefined;
  }
}

/** True when validateTopology refuses what this VM's networkData would be built from. */
function networkDataBlocked(vm: ResolvedVm): boolean {
  const names = new Set<string>();
  for (const a of vm.attachments) {
    if (names.has(a.name)) return true;
    names.add(a.name);
  }
  return vmHasInvalidAddresses(vm);
}

/** Where a VM's rendered networkData sits, for problems of its content. */
const NETWORK_DATA_PATH = 'spec.template.spec.volumes[cloudinit].cloudInitNoCloud.networkData';

/** Name of the Secret that carries a VM's cloud-init parts above KubeVirt's inline limit. */
export function cloudInitSecretName(vm: { name: string }): string {
  return `${vm.name}-cloudinit`;
}

/**
 * Renders one VM and, when its networkData or userData exceeds KubeVirt's 2048-byte inline limit,
 * the Secret its cloud-init volume refers to (after the VM: both sit in the same apply wave, and
 * KubeVirt waits for the Secret before it starts the VMI).
 */
export function vmManifests(vm: ResolvedVm, macs: ReadonlyMap<string, string>, problems?: Problem[], target: Target = defaultTarget()): Manifest[] {
  const networkData = vmNetworkData(vm, macs, problems);
  const merged = vmManifestWith(vm, macs, networkData, target, problems);
  const secret = cloudInitSecret({ secretName: cloudInitSecretName(vm), namespace: vm.namespace, networkData: merged.secretParts.networkData, userData: merged.secretParts.userData });
  return secret ? [merged.manifest, secret] : [merged.manifest];
}

/** Renders one VM (see {@link vmManifests} for the cloud-init Secret that may go with it). */
export function vmManifest(vm: ResolvedVm, macs: ReadonlyMap<string, string>, target: Target = defaultTarget()): Manifest {
  return vmManifestWith(vm, macs, vmNetworkData(vm, macs), target).manifest;
}

/**
 * {@link vmManifest} with its networkData already rendered (undefined: none): multihome's network
 * sections merged into the user's VM (vm-merge.ts); its conflicts and a missing boot source go to
 * `problems`.
 */
function vmManifestWith(vm: ResolvedVm, macs: ReadonlyMap<string, string>, networkData: string | undefined, target: Target, problems?: Problem[]): MergedVm {
  const interfaces: VmInterface[] = [];
  const networks: VmNetwork[] = [];
  for (const a of vm.attachments) {
    interfaces.push(
      bridgeInterface(a.name, {
        macAddress: macs.get(macKey(vm, a)),
        // a model outside KubeVirt's list is rendered as given and reported by the KubeVirt rules
        model: a.model !== 'virtio' ? (a.model as VmInterfaceOptions['model']) : undefined,
        state: a.state === 'absent' ? 'absent' : undefined,
      }),
    );
    networks.push(multusNetwork(a.name, networkName(a)));
  }
  const podMac = macs.get(podMacKey(vm));
  const pod = vm.podNetwork ? { iface: podInterface(vm, target, podMac ? { macAddress: podMac } : {}), network: podNetwork(vm.podInterfaceName) } : undefined;
  const merged = mergeVirtualMachine(vm, { pod, interfaces, networks, placement: vmPlacement(vm), networkData, secretName: cloudInitSecretName(vm) });
  if (problems) reportVmProblems(vm, merged, problems);
  return merged;
}

/** The merge's conflicts and a missing boot source, as problems on the VM. */
function reportVmProblems(vm: ResolvedVm, merged: MergedVm, problems: Problem[]): void {
  const findings = new Findings();
  const resource = { kind: 'VirtualMachine', name: vm.name, namespace: vm.namespace };
  for (const c of merged.conflicts) {
    const where = conflictLocation(vm, c.segments);
    const t = conflictText(c, where.path);
    findings.add(where.fromTemplateExtra ? 'TOPOLOGY_TEMPLATE_EXTRA_OWNED' : 'TOPOLOGY_VM_FIELD_CONFLICT', resource, where.path, t.message, t.fix);
  }
  if (!hasBootSource(vm)) {
    findings.add(
      'TOPOLOGY_VM_NO_BOOT_SOURCE',
      resource,
      'image',
      `VM ${vm.namespace}/${vm.name} has nothing to boot from: no image, and its virtualMachine has no disk volume (containerDisk, dataVolume, persistentVolumeClaim, ephemeral, hostDisk), no dataVolumeTemplates, no kernel boot and no network boot; multihome adds no default image`,
      'give the VM image: <containerDisk image>, or bring its disks with virtualMachine (volumes + disks, or dataVolumeTemplates)',
    );
  }
  problems.push(...findings.problems);
}

/**
 * The pod NIC for the VM's binding and the target KubeVirt: masquerade, or passt as the core
 * `passtBinding` (v1.8+: kubevirt/user-guide interfaces_and_networks "passtBinding [v1.8.0]")
 * or the passt binding plugin before (v1.1 … v1.7: docs/network/net_binding_plugins/passt.md).
 */
function podInterface(vm: ResolvedVm, target: Target, options: VmInterfaceOptions) {
  if (vm.podNetwork !== 'passt') return masqueradeInterface(vm.podInterfaceName, options);
  return target.kubevirtAtLeast('1.8') ? passtBindingInterface(vm.podInterfaceName, options) : passtPluginInterface(vm.podInterfaceName, options);
}
