/**
 * The VirtualMachine a user brings (`VmSpec.virtualMachine`, plus the deprecated `templateExtra`)
 * as plain JSON, and what it already says about the parts multihome would otherwise default (pod
 * network, MACs, memory, run strategy). vm-merge.ts merges multihome's network sections into it.
 *
 * A cdk8s user may hand over the props of the imported `VirtualMachine` (imports/kubevirt.io.ts):
 * their field names are the camelCase TypeScript names and their values may be cdk8s union
 * classes. {@link plainVirtualMachine} turns such props into the manifest the generated
 * `toJson_VirtualMachineProps` would write, without importing cdk8s:
 * - a key whose value is `undefined` is dropped (the generated code filters undefined values);
 * - an instance of a class (not a plain object or array) with a string or number `value` is that
 *   value: cdk8s `Quantity` and `IntOrString` (`Quantity.fromString('8Gi')` → `'8Gi'`), as
 *   cdk8s's `NumberStringUnionResolver` and the generated `toJson_*` (`obj.value`) do;
 * - the five KubeVirt fields whose generated names differ are renamed back, only where KubeVirt
 *   has them (the generated `toJson_*` functions map `autoattachVsock` → `autoattachVSOCK` under
 *   `domain.devices`, `dedicatedIoThread` → `dedicatedIOThread` in `disks` entries,
 *   `vmNetworkCidr` → `vmNetworkCIDR` and `vmIPv6NetworkCidr` → `vmIPv6NetworkCIDR` under a
 *   network's `pod`, `initImageUrl` → `initImageURL` under a DataVolume's `source.vddk`); every
 *   other generated name equals the KubeVirt name. A plain manifest passes through unchanged.
 */
import { isRecord } from '../problems';
import type { VmSpec } from './model';

/**
 * A complete KubeVirt VirtualMachine as the user has it: a plain object, a parsed manifest
 * (`{ apiVersion, kind, metadata, spec }`), or the props of the cdk8s-imported `VirtualMachine`
 * (`{ metadata, spec }`, camelCase names and cdk8s `Quantity` values allowed).
 * @see https://kubevirt.io/api-reference/main/definitions.html#_v1_virtualmachine
 */
export interface VirtualMachineInput {
  /** @default 'kubevirt.io/v1' (any other value is a problem) */
  readonly apiVersion?: string;
  /** @default 'VirtualMachine' (any other value is a problem) */
  readonly kind?: string;
  /** Name and namespace must equal the VM's (or be left out); labels and annotations are kept. */
  readonly metadata?: VirtualMachineInputMetadata;
  /** `VirtualMachineSpec`: instancetype, preference, dataVolumeTemplates, runStrategy, template, … */
  readonly spec: object;
}

/** The metadata of a {@link VirtualMachineInput} (other ObjectMeta fields pass through too). */
export interface VirtualMachineInputMetadata {
  /** @default - the VM's name */
  readonly name?: string;
  /** @default - the VM's namespace */
  readonly namespace?: string;
  readonly labels?: { readonly [key: string]: string };
  readonly annotations?: { readonly [key: string]: string };
}

/** A JSON mapping. */
export type JsonMap = Record<string, unknown>;

/** Generated TypeScript name → KubeVirt name, by the key of the mapping (or list) that holds the field. */
const RENAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  devices: { autoattachVsock: 'autoattachVSOCK' },
  disks: { dedicatedIoThread: 'dedicatedIOThread' },
  pod: { vmNetworkCidr: 'vmNetworkCIDR', vmIPv6NetworkCidr: 'vmIPv6NetworkCIDR' },
  vddk: { initImageUrl: 'initImageURL' },
};

/** True for `{}`-literal-like objects (what JSON and YAML parsers make). */
function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * `v` as JSON: see the module comment. `parentKey` is the key whose value `v` is (or whose list
 * holds it); `path` holds the objects above `v`, so a cycle (which no manifest can have) is cut
 * instead of recursing forever. Functions and symbols are dropped, as JSON.stringify drops them.
 */
function plain(v: unknown, parentKey: string, path: Set<object>): unknown {
  if (typeof v === 'function' || typeof v === 'symbol') return undefined;
  if (v === null || typeof v !== 'object') return v;
  if (path.has(v)) return undefined;
  if (!Array.isArray(v) && !isPlainObject(v)) {
    const value = (v as { value?: unknown }).value;
    if (typeof value === 'string' || typeof value === 'number') return value;
  }
  path.add(v);
  let out: unknown;
  if (Array.isArray(v)) out = v.map((x) => plain(x, parentKey, path) ?? null);
  else {
    const renames = RENAMES[parentKey];
    const m: JsonMap = {};
    for (const [k, x] of Object.entries(v)) {
      const value = plain(x, k, path);
      if (value === undefined) continue;
      const key = renames?.[k] !== undefined && !Object.prototype.hasOwnProperty.call(v, renames[k]) ? renames[k] : k;
      m[key] = value;
    }
    out = m;
  }
  path.delete(v);
  return out;
}

/**
 * A user's VirtualMachine (or any part of it) as plain JSON: a deep copy, cdk8s union values
 * unwrapped and generated names renamed to KubeVirt's (see the module comment). Never modifies
 * its input; a value that is not a mapping is returned as it is (the shape gate reports it).
 */
export function plainVirtualMachine<T>(v: T): T {
  return plain(v, '', new Set()) as T;
}

/**
 * `extra` deep-merged over `base` (neither modified): mappings merge key by key, recursively;
 * lists and scalars of `extra` replace `base`'s. The rule of the deprecated `templateExtra`.
 */
export function deepMerge(base: JsonMap, extra: JsonMap): JsonMap {
  const out: JsonMap = {};
  for (const k of Object.keys(base)) out[k] = base[k];
  for (const k of Object.keys(extra)) {
    const x = extra[k];
    if (x === undefined) continue;
    const b = base[k];
    out[k] = isRecord(x) && isRecord(b) ? deepMerge(b, x) : x;
  }
  return out;
}

/**
 * The VirtualMachine the user brings for `vm`, as plain JSON: `virtualMachine` with
 * `templateExtra` deep-merged into `spec.template.spec` ({@link deepMerge}); undefined when the VM
 * gives neither (multihome renders a VM of its own then).
 */
export function userVirtualMachine(vm: Pick<VmSpec, 'virtualMachine' | 'templateExtra'>): JsonMap | undefined {
  if (vm.virtualMachine === undefined && vm.templateExtra === undefined) return undefined;
  const base = vm.virtualMachine !== undefined && isRecord(vm.virtualMachine) ? (plainVirtualMachine(vm.virtualMachine) as unknown as JsonMap) : {};
  if (vm.templateExtra === undefined || !isRecord(vm.templateExtra)) return base;
  const extra = plainVirtualMachine(vm.templateExtra) as JsonMap;
  const spec = mapAt(base, 'spec');
  const template = mapAt(spec, 'template');
  const out: JsonMap = Object.assign({}, base);
  out.spec = Object.assign({}, spec, { template: Object.assign({}, template, { spec: deepMerge(mapAt(template, 'spec'), extra) }) });
  return out;
}

/** `m[key]` when it is a mapping, else an empty one. */
export function mapAt(m: unknown, key: string): JsonMap {
  const v = isRecord(m) ? m[key] : undefined;
  return isRecord(v) ? v : {};
}

/** `m[key]` when it is a list, else an empty one. */
export function listAt(m: unknown, key: string): unknown[] {
  const v = isRecord(m) ? m[key] : undefined;
  return Array.isArray(v) ? v : [];
}

/** The `spec.template.spec` of a user VM (empty when it has none). */
export function templateSpecOf(user: JsonMap | undefined): JsonMap {
  return mapAt(mapAt(mapAt(user, 'spec'), 'template'), 'spec');
}

/** The name of the user VM's pod network (the network with a `pod` source), if it has one. */
export function userPodNetworkName(user: JsonMap | undefined): string | undefined {
  const net = listAt(templateSpecOf(user), 'networks').find((n) => isRecord(n) && isRecord(n.pod));
  return isRecord(net) && typeof net.name === 'string' ? net.name : undefined;
}

/**
 * Whether the VM has the pod network when `podNetwork` is not given: yes when the user VM
 * declares one; no when it lists other networks only; without networks, yes unless
 * `domain.devices.autoattachPodInterface` is false — as KubeVirt, which gives a VM without
 * interfaces and networks the pod network unless autoattachPodInterface is false
 * (kubevirt/kubevirt pkg/network/vmispec/defaults.go SetDefaultNetworkInterface).
 */
export function userHasPodNetwork(user: JsonMap | undefined): boolean {
  if (user === undefined) return true;
  const spec = templateSpecOf(user);
  const networks = listAt(spec, 'networks');
  if (networks.length) return userPodNetworkName(user) !== undefined;
  return mapAt(mapAt(spec, 'domain'), 'devices').autoattachPodInterface !== false;
}

/** The `macAddress` the user VM sets on its interface `name`, if any. */
export function userInterfaceMac(user: JsonMap | undefined, name: string): string | undefined {
  const iface = listAt(mapAt(mapAt(templateSpecOf(user), 'domain'), 'devices'), 'interfaces').find((i) => isRecord(i) && i.name === name);
  return isRecord(iface) && typeof iface.macAddress === 'string' ? iface.macAddress : undefined;
}

/**
 * True when the user VM sizes its own memory: an instancetype, `domain.memory.guest` or
 * `.hugepages`, or a memory request or limit — KubeVirt needs one of guest, hugepages or a memory
 * request (vmi-create-admitter.go ValidateVirtualMachineInstanceMandatoryFields), a limit alone
 * becomes the request, and an instancetype provides it.
 */
export function userHasMemory(user: JsonMap | undefined): boolean {
  if (user === undefined) return false;
  if (isRecord(mapAt(user, 'spec').instancetype)) return true;
  const domain = mapAt(templateSpecOf(user), 'domain');
  const memory = mapAt(domain, 'memory');
  if (memory.guest !== undefined || memory.hugepages !== undefined) return true;
  const resources = mapAt(domain, 'resources');
  return mapAt(resources, 'requests').memory !== undefined || mapAt(resources, 'limits').memory !== undefined;
}

/** True when the user VM says how it runs (`spec.runStrategy` or the older `spec.running`). */
export function userHasRunStrategy(user: JsonMap | undefined): boolean {
  const spec = mapAt(user, 'spec');
  return spec.runStrategy !== undefined || spec.running !== undefined;
}
