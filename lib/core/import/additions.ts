/**
 * What synthesizing an imported environment may add to the objects it was imported from — the
 * declared additions. A difference between an input object and its synthesized counterpart
 * that is not one of these makes the importer keep the object as given (pass-through) instead.
 */
import type { Difference } from './compare';
import { isRecord } from '../problems';
import { apiGroupOf } from '../kubernetes/metadata';
import { NAMESPACED_DEFAULT } from '../topology/rules/resources';
import { KEEP_ON_REMOVAL_SYNC_OPTIONS, SYNC_OPTIONS_ANNOTATION } from '../topology/render';
import { SYNC_WAVE_ANNOTATION } from '../topology/sync-wave';

/** The declared additions, by id, in words for the generated file and the command's report. */
export const DECLARED_ADDITIONS = {
  syncWave: 'Argo CD sync waves (argocd.argoproj.io/sync-wave): operator CRs and Namespaces, then NNCPs, then NADs, then VMs',
  keepOnRemoval: 'Argo CD Prune=false,Delete=false on Namespaces and operator CRs (kept when the environment is removed)',
  multihomeAnnotations: 'multihome.io/* annotations recording what each object was validated against',
  namespace: 'metadata.namespace: default on namespaced objects that named none (where kubectl would have put them)',
  apiVersion: 'the current apiVersion of the same kind (nmstate.io/v1, kubevirt.io/v1)',
  pluginList: 'a NAD config written as a single plugin where it was a plugin list of one, or the other way round (equivalent: libcni upconverts a single config the same way, ConfListFromConf)',
  macspoofchk: 'macspoofchk: true on bridge NADs (a guest cannot send with another source MAC)',
  ipam: 'an explicit empty ipam ({}: L2 only) on bridge NADs that named none',
  pinnedMac: 'a pinned MAC on every VM NIC multihome attaches (stable across restarts and live migration)',
  placement: "the nodeSelector labels of the node group a VM's networks reach",
  uplinkUp: 'the uplink NIC declared up in the policy that bridges it',
  ipOff: 'ipv4/ipv6 enabled: false on bridges and VLANs that have no host address',
  trunkPort: 'the trunk VLANs of the uplink port on a shared bridge (every VLAN its NADs use)',
  stpOff: 'STP off on the bridges multihome declares (a VM port forwards at once)',
  nullOmitted: 'a null value written as absent (the YAML writers of cdk8s and multihome leave null values out of mappings)',
  bondMiimon: 'miimon: 100 on a bond that sets neither miimon nor arp_interval (what NetworkManager applies to such a bond anyway)',
  description: 'descriptions on the interfaces multihome declares',
  configName: 'the NAD\'s name as the config\'s `name` where the config named none (what Multus and the NAD client inject: GetCNIConfigFromSpec "Inject network name if missing")',
  vlanZero: 'a bridge NAD\'s "vlan": 0 written absent (the bridge plugin tags nothing for VLAN 0, containernetworking/plugins bridge.go)',
  maxUnavailable: 'spec.maxUnavailable written out on NNCPs that set none (the target kubernetes-nmstate\'s own default, "50%")',
} as const;

/** Id of a declared addition. */
export type AdditionId = keyof typeof DECLARED_ADDITIONS;


const is = (segs: readonly string[], ...prefix: readonly (string | RegExp)[]): boolean =>
  segs.length === prefix.length && prefix.every((p, i) => (typeof p === 'string' ? segs[i] === p : p.test(segs[i])));
const NAMED = /^\[.+\]$/;
const INDEX = /^\[\d+\]$/;

/** The declared addition a difference is, or undefined when it is not one. `input` is the object compared (some additions depend on what it says). */
export function declaredAddition(kind: string, d: Difference, input?: Record<string, unknown>): AdditionId | undefined {
  const s = d.segments;
  if (d.change === 'changed' && is(s, 'apiVersion') && sameGroup(d.before, d.after)) return 'apiVersion';
  if (d.change === 'removed' && d.before === null) return 'nullOmitted';
  if (d.change === 'removed' && d.before === 0 && kind === 'NetworkAttachmentDefinition' && is(s, 'spec', 'config', 'plugins', INDEX, 'vlan')) return 'vlanZero';
  if (d.change !== 'added') return undefined;
  if (is(s, 'metadata', 'annotations', SYNC_WAVE_ANNOTATION)) return 'syncWave';
  if (is(s, 'metadata', 'annotations', SYNC_OPTIONS_ANNOTATION) && d.after === KEEP_ON_REMOVAL_SYNC_OPTIONS) return 'keepOnRemoval';
  if (is(s, 'metadata', 'annotations', /^multihome\.io\//)) return 'multihomeAnnotations';
  if (is(s, 'metadata', 'namespace') && d.after === 'default' && NAMESPACED_DEFAULT.has(kind)) return 'namespace';
  if (kind === 'NetworkAttachmentDefinition') return nadAddition(s, d.after, input);
  if (kind === 'VirtualMachine') return vmAddition(s);
  if (kind === 'NodeNetworkConfigurationPolicy') return nncpAddition(s, d.after, input);
  return undefined;
}

/** True when the input NNCP's bond `name` sets `option`. */
function bondOption(input: Record<string, unknown> | undefined, name: string, option: string): boolean {
  const spec = isRecord(input?.spec) ? input!.spec : {};
  const ds = isRecord(spec.desiredState) ? spec.desiredState : {};
  const iface = (Array.isArray(ds.interfaces) ? ds.interfaces : []).find((i) => isRecord(i) && i.name === name) as Record<string, unknown> | undefined;
  const la = isRecord(iface?.['link-aggregation']) ? (iface!['link-aggregation'] as Record<string, unknown>) : {};
  return isRecord(la.options) && option in la.options;
}

function sameGroup(a: unknown, b: unknown): boolean {
  return apiGroupOf(a) !== '' && apiGroupOf(a) === apiGroupOf(b);
}

function nadAddition(s: readonly string[], after: unknown, input?: Record<string, unknown>): AdditionId | undefined {
  const name = isRecord(input?.metadata) ? input!.metadata.name : undefined;
  if (is(s, 'spec', 'config', 'name') && after === name) return 'configName';
  if (is(s, 'spec', 'config', 'plugins', INDEX, 'macspoofchk') && after === true) return 'macspoofchk';
  if (is(s, 'spec', 'config', 'plugins', INDEX, 'ipam') && isRecord(after) && Object.keys(after).length === 0) return 'ipam';
  return undefined;
}

function vmAddition(s: readonly string[]): AdditionId | undefined {
  if (is(s, 'spec', 'template', 'spec', 'domain', 'devices', 'interfaces', NAMED, 'macAddress')) return 'pinnedMac';
  if (is(s, 'spec', 'template', 'spec', 'nodeSelector', /.*/)) return 'placement';
  return undefined;
}

function nncpAddition(s: readonly string[], after: unknown, input?: Record<string, unknown>): AdditionId | undefined {
  const iface = ['spec', 'desiredState', 'interfaces', NAMED] as const;
  // NetworkManager gives a bond without miimon and arp_interval miimon 100 (NetworkManager
  // src/core/devices/nm-device-bond.c apply_bonding_config: "If not given, and arp_interval is
  // not given, default to 100"), and nmstate applies bonds through it
  if (is(s, ...iface, 'link-aggregation', 'options', 'miimon') && after === 100 && !bondOption(input, s[3].slice(1, -1), 'arp_interval')) return 'bondMiimon';
  if (is(s, ...iface) && isRecord(after) && after.type === 'ethernet' && after.state === 'up' && Object.keys(after).every((k) => ['name', 'type', 'state', 'mtu'].includes(k))) return 'uplinkUp';
  if (is(s, ...iface, /^ipv[46]$/, 'enabled') && after === false) return 'ipOff';
  if (is(s, ...iface, 'bridge', 'port', NAMED, 'vlan', /^(mode|trunk-tags)$/)) return 'trunkPort';
  if (is(s, ...iface, 'bridge', 'options', 'stp', 'enabled') && after === false) return 'stpOff';
  if (is(s, ...iface, 'description')) return 'description';
  if (is(s, 'spec', 'maxUnavailable') && after === '50%') return 'maxUnavailable';
  return undefined;
}
