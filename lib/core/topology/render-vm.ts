/**
 * VirtualMachines of a topology: interfaces and networks paired by construction, MACs pinned
 * (deterministic allocator), cloud-init `networkData` generated from the same attachments, and
 * placement derived from the node groups that have the bridges.
 */
import { API, Manifest } from '../manifest';
import { MultihomeError, Problem } from '../errors';
import { joinPath, parsePath } from '../path';
import { MacAllocator, networkDataV2, cloudInitSecret, cloudInitVolume } from '../kubevirt';
import { macAddressError } from '../kubevirt/mac';
import type { EthernetSpec } from '../kubevirt/cloud-init';
import { bridgeInterface, masqueradeInterface, multusNetwork, podNetwork, VmInterfaceOptions } from '../kubevirt/builders';
import type { VmInterface, VmNetwork } from '../kubevirt/types';
import { ResolvedAttachment, ResolvedTopology, ResolvedVm } from './resolve';
import { vmHasInvalidAddresses } from './rules/intent-addresses';
import { Findings } from './rules/report';
import { mergeTemplateExtra, ownedConflictText } from './template-extra';

/** MACs of every VM NIC, keyed `namespace/vm/interface`, allocated in declaration order. */
export function allocateMacs(t: ResolvedTopology): Map<string, string> {
  const alloc = new MacAllocator(t.macPrefix ? { prefix: t.macPrefix } : {});
  const out = new Map<string, string>();
  // Explicit MACs first, so the allocator never hands one of them out.
  // A malformed MAC is rendered as given and reported by the VM's validation (KubeVirt admission),
  // never thrown here; it cannot collide with an allocated one.
  for (const vm of t.vms) for (const a of vm.attachments) if (a.macAddress && macAddressError(a.macAddress) === undefined) alloc.reserve(a.macAddress);
  for (const vm of t.vms) {
    // the pod NIC is matched by MAC in networkData (podNetworkEntry), so it gets a pinned MAC then
    if (vm.podNetwork && vmHasNetworkData(vm)) out.set(podMacKey(vm), alloc.allocate(vm.namespace, vm.name, vm.podInterfaceName));
    for (const a of vm.attachments) {
      out.set(macKey(vm, a), a.macAddress ?? alloc.allocate(vm.namespace, vm.name, a.name));
    }
  }
  return out;
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
  if (vm.podNetworkIpv6) {
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
export function vmManifests(vm: ResolvedVm, macs: ReadonlyMap<string, string>, problems?: Problem[]): Manifest[] {
  const networkData = vmNetworkData(vm, macs, problems);
  const secret = cloudInitSecret({ secretName: cloudInitSecretName(vm), namespace: vm.namespace, networkData, userData: vm.userData });
  const manifest = vmManifestWith(vm, macs, networkData, problems);
  return secret ? [manifest, secret] : [manifest];
}

/** Renders one VM (see {@link vmManifests} for the cloud-init Secret that may go with it). */
export function vmManifest(vm: ResolvedVm, macs: ReadonlyMap<string, string>): Manifest {
  return vmManifestWith(vm, macs, vmNetworkData(vm, macs));
}

/**
 * {@link vmManifest} with its networkData already rendered (undefined: none); templateExtra
 * conflicts with the network sections go to `problems` (template-extra.ts).
 */
function vmManifestWith(vm: ResolvedVm, macs: ReadonlyMap<string, string>, networkData: string | undefined, problems?: Problem[]): Manifest {
  const interfaces: VmInterface[] = [];
  const networks: VmNetwork[] = [];
  if (vm.podNetwork) {
    const podMac = macs.get(podMacKey(vm));
    interfaces.push(masqueradeInterface(vm.podInterfaceName, podMac ? { macAddress: podMac } : {}));
    networks.push(podNetwork(vm.podInterfaceName));
  }
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
  const volumes: Record<string, unknown>[] = [{ name: 'containerdisk', containerDisk: { image: vm.image } }];
  const disks: Record<string, unknown>[] = [{ name: 'containerdisk', disk: { bus: 'virtio' } }];
  if (networkData || vm.userData) {
    volumes.push(cloudInitVolume({ name: 'cloudinitdisk', networkData, userData: vm.userData, secretName: cloudInitSecretName(vm) }));
    disks.push({ name: 'cloudinitdisk', disk: { bus: 'virtio' } });
  }
  const nodeSelector = vmPlacement(vm);
  // plain assignments, no object spread: this runs once per VM (see resolve.ts on V8's spread cost)
  const templateSpec: Record<string, unknown> = {};
  if (Object.keys(nodeSelector).length) templateSpec.nodeSelector = nodeSelector;
  templateSpec.domain = { devices: { disks, interfaces }, resources: { requests: { memory: vm.memory } } };
  templateSpec.networks = networks;
  templateSpec.volumes = volumes;
  const spec = vm.templateExtra ? withTemplateExtra(vm, templateSpec, vm.templateExtra, problems) : templateSpec;
  return {
    apiVersion: API.vm.apiVersion,
    kind: API.vm.kind,
    metadata: { name: vm.name, namespace: vm.namespace },
    spec: { runStrategy: vm.runStrategy, template: { metadata: { labels: { 'kubevirt.io/vm': vm.name } }, spec } },
  };
}

/** `templateSpec` with the VM's templateExtra merged in (template-extra.ts), each conflict reported on the VM. */
function withTemplateExtra(vm: ResolvedVm, templateSpec: Record<string, unknown>, extra: Readonly<Record<string, unknown>>, problems?: Problem[]): Record<string, unknown> {
  const { spec, conflicts } = mergeTemplateExtra(templateSpec, extra);
  if (problems) {
    const findings = new Findings();
    const resource = { kind: 'VirtualMachine', name: vm.name, namespace: vm.namespace };
    for (const c of conflicts) {
      const t = ownedConflictText(c);
      findings.add('TOPOLOGY_TEMPLATE_EXTRA_OWNED', resource, t.path, t.message, t.fix);
    }
    problems.push(...findings.problems);
  }
  return spec;
}
