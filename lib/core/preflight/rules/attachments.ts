/**
 * Rules on what VMs attach to, per node: the NAD's bridge MTU, OVN localnet bridge mappings, and
 * VM MACs that equal a host NIC's.
 */
import { parseNad } from '../../cni/nad';
import { isBridgeConfig, PluginConfig, pluginsOf } from '../../cni/types';
import { ResourceRef } from '../../errors';
import { joinPath } from '../../path';
import { isRecord } from '../../problems';
import { FindingSink } from '../finding';
import { canonicalMac } from '../mac';
import { NodeFacts } from '../node-facts';

/** A NAD read for pre-flight. */
export interface NadInput {
  readonly resource: ResourceRef;
  readonly object: unknown;
  /** `namespace/name`. */
  readonly key: string;
  readonly plugins: ReadonlyArray<{ readonly plugin: PluginConfig; readonly path: string }>;
}

/** A VM (or VMI) read for pre-flight. */
export interface VmInput {
  readonly resource: ResourceRef;
  readonly object: unknown;
  /** The pod template spec path (`spec.template.spec` for a VM, `spec` for a VMI). */
  readonly specPath: string;
  readonly spec: Readonly<Record<string, unknown>>;
  /** NAD keys (`namespace/name`) the VM attaches. */
  readonly nads: readonly string[];
}

/** Reads a NAD's plugins (nothing when its config does not parse: `check` reports that). */
export function nadInputOf(object: unknown, resource: ResourceRef): NadInput | undefined {
  const parsed = parseNad(object);
  if (!parsed.ok || !parsed.nad.config) return undefined;
  const config = parsed.nad.config;
  const list = 'plugins' in config;
  const plugins = pluginsOf(config).map((plugin, i) => ({ plugin, path: list ? joinPath('spec.config', 'plugins', i) : 'spec.config' }));
  return { resource, object, key: `${resource.namespace ?? 'default'}/${resource.name ?? ''}`, plugins };
}

/** Reads a VM or VMI: its pod spec and the NADs it attaches. */
export function vmInputOf(object: Record<string, unknown>, resource: ResourceRef): VmInput | undefined {
  const isVmi = object.kind === 'VirtualMachineInstance';
  const spec = isRecord(object.spec) ? object.spec : undefined;
  const podSpec = isVmi ? spec : spec && isRecord(spec.template) && isRecord(spec.template.spec) ? spec.template.spec : undefined;
  if (!podSpec) return undefined;
  const namespace = resource.namespace ?? 'default';
  const nads: string[] = [];
  for (const n of Array.isArray(podSpec.networks) ? podSpec.networks : []) {
    const name = isRecord(n) && isRecord(n.multus) && typeof n.multus.networkName === 'string' ? n.multus.networkName : undefined;
    if (name) nads.push(name.includes('/') ? name : `${namespace}/${name}`);
  }
  return { resource, object, specPath: isVmi ? 'spec' : 'spec.template.spec', spec: podSpec, nads };
}

/** True when a VM with `spec` (nodeSelector, tolerations) may run on `node` (labels unknown: assumed). */
export function mayRunOn(spec: Readonly<Record<string, unknown>>, node: NodeFacts): boolean {
  if (node.unschedulable) return false;
  const selector = isRecord(spec.nodeSelector) ? spec.nodeSelector : {};
  if (node.labels && !Object.entries(selector).every(([k, v]) => node.labels![k] === v)) return false;
  const tolerations = (Array.isArray(spec.tolerations) ? spec.tolerations : []).filter(isRecord);
  // k8s.io/api core/v1 toleration.go ToleratesTaint: effect (empty = all), key (empty + Exists = all), value (Equal)
  const tolerates = (t: NodeFacts['taints'][number]) =>
    tolerations.some((o) => (o.effect === undefined || o.effect === '' || o.effect === t.effect) && (o.operator === 'Exists' ? o.key === undefined || o.key === '' || o.key === t.key : o.key === t.key && (o.value ?? '') === (t.value ?? '')));
  return node.taints.every(tolerates);
}

/**
 * PREFLIGHT_MAC_COLLISION. A VM MAC equal to a host NIC's (current or permanent) collides on the
 * segment (k8snetworkplumbingwg/kubemacpool issues 16, 77): checked against every node, since a
 * VM can be scheduled or migrated anywhere its selector allows.
 */
export function checkVmMacs(vm: VmInput, nodes: Iterable<NodeFacts>, sink: FindingSink): void {
  const devices = isRecord(vm.spec.domain) && isRecord(vm.spec.domain.devices) ? vm.spec.domain.devices : {};
  const ifaces = Array.isArray(devices.interfaces) ? devices.interfaces : [];
  const macs = ifaces.map((i, index) => ({ index, mac: isRecord(i) ? canonicalMac(i.macAddress) : undefined, name: isRecord(i) ? String(i.name ?? index) : String(index) })).filter((m) => m.mac);
  if (!macs.length) return;
  for (const node of nodes) {
    const state = node.state;
    if (!state) continue;
    for (const m of macs) {
      const nic = state.byMac.get(m.mac!);
      if (!nic) continue;
      sink.add('PREFLIGHT_MAC_COLLISION', { resource: vm.resource, object: vm.object, node: node.name }, joinPath(vm.specPath, 'domain', 'devices', 'interfaces', m.index, 'macAddress'), `VM interface ${m.name} has MAC ${m.mac}, which is ${nic.permanentMac === m.mac && nic.mac !== m.mac ? 'the permanent MAC' : 'the MAC'} of ${nic.name} on node ${node.name}`, 'pick another MAC (multihome pins MACs from the 02:… locally administered range; kubemacpool allocates from its pool), or drop macAddress and let kubemacpool choose');
    }
  }
}

/** The OVN-Kubernetes localnet network a plugin config names (`physicalNetworkName`, else `name`), if it is one. */
export function localnetName(plugin: PluginConfig): string | undefined {
  const p = plugin as Record<string, unknown>;
  if (p.type !== 'ovn-k8s-cni-overlay' || p.topology !== 'localnet') return undefined;
  const physical = typeof p.physicalNetworkName === 'string' && p.physicalNetworkName !== '' ? p.physicalNetworkName : undefined;
  return physical ?? (typeof p.name === 'string' ? p.name : undefined);
}

/** The bridge a bridge-CNI plugin config attaches to and its MTU, if it is one. */
export function bridgeOf(plugin: PluginConfig): { bridge: string; mtu?: number } | undefined {
  if (!isBridgeConfig(plugin)) return undefined;
  const p = plugin as Record<string, unknown>;
  return { bridge: typeof p.bridge === 'string' ? p.bridge : 'cni0', mtu: typeof p.mtu === 'number' ? p.mtu : undefined };
}
