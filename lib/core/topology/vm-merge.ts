/**
 * How multihome's network sections merge into the VirtualMachine a user brings
 * (`VmSpec.virtualMachine`, with the deprecated `templateExtra` deep-merged into its
 * `spec.template.spec`; vm-source.ts). Without one, multihome renders a VM of its own from the
 * same rules (an empty user VM plus the conveniences `image`, `memory`, `runStrategy`).
 *
 * multihome owns exactly these, and nothing else (paths in `spec.template.spec` unless said):
 *
 * 1. `apiVersion`/`kind` (kubevirt.io/v1 VirtualMachine) and `metadata.name`/`.namespace` (the
 *    VM's). A different value given is a conflict; labels, annotations and every other metadata
 *    field pass through.
 * 2. `domain.devices.interfaces` entries named like an attachment (and like the pod network
 *    when multihome adds it): the binding (`bridge`, `masquerade`), `macAddress`, `model` (when
 *    the attachment gives a non-default one) and `state` (`absent` when unplugging). A user entry
 *    of that name keeps its place and its other fields (bootOrder, pciAddress, acpiIndex,
 *    dhcpOptions, tag, …); its own value for an owned field is kept when it is the same (a MAC in
 *    another spelling included) and a conflict when it differs (another binding, MAC, model or
 *    state). A user MAC on an attachment that gives none is adopted (resolve.ts), so an existing
 *    VM keeps its MACs. Entries multihome adds go after the user's, pod NIC first, then the
 *    attachments in declaration order: adding a NIC never moves the user's NICs.
 * 3. `networks` entries of the same names: `multus.networkName` (the NAD; the user's
 *    `<vm namespace>/<nad>` spelling is kept), or `pod: {}` for the pod network; another source
 *    (pod instead of multus, a different NAD) is a conflict. Same placement rules as interfaces.
 * 4. Interfaces and networks of OTHER names are the user's and stay as given, in place
 *    (KubeVirt allows any number; its pairing rules are checked by the KubeVirt validation).
 * 5. The pod network: a user network with a `pod` source IS the VM's pod network — multihome adds
 *    none and keeps the user's entry and binding; `podNetwork: false` or another
 *    `podInterfaceName` next to it is a conflict. A user VM listing networks without a pod one has
 *    no pod network unless `podNetwork` asks for it; one without networks gets it unless
 *    `autoattachPodInterface: false` (KubeVirt's own default, vm-source.ts userHasPodNetwork).
 * 6. cloud-init `networkData`: written into the VM's cloud-init volume — the first volume with a
 *    `cloudInitNoCloud` or `cloudInitConfigDrive` source (KubeVirt reads the first:
 *    kubevirt/kubevirt pkg/cloud-init/cloud-init.go findCloudInitNoCloudSecretVolume /
 *    findCloudInitConfigDriveSecretVolume), NoCloud or ConfigDrive alike — inline when it fits
 *    KubeVirt's 2048-byte limit, else as `networkDataSecretRef` to the Secret `<vm>-cloudinit`
 *    multihome renders (cloud-init.ts). A networkData, networkDataBase64 or networkDataSecretRef
 *    the volume already has is a conflict when multihome generates one (an identical inline text
 *    is not). The user's userData, userDataBase64 or secretRef stays byte for byte; inline
 *    networkData beside a userData `secretRef` is fine: KubeVirt counts and resolves the two parts
 *    separately (pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go
 *    validateVolumes: one source per part; pkg/cloud-init/cloud-init.go resolveNoCloudSecrets
 *    reads each secret ref only when set; pkg/virt-controller/services/rendervolumes.go mounts
 *    them as two pod volumes, `-udata` and `-ndata`). The `userData` prop goes into that volume
 *    when it has no userData of its own (a different one is a conflict). A VM without a
 *    cloud-init volume gets a NoCloud volume and virtio disk `cloudinitdisk` (after the user's;
 *    a user disk of that name is kept as the device; a user volume of that name that is not
 *    cloud-init is a conflict).
 * 7. `nodeSelector`: the labels the VM's networks need (the node groups' selectors, or the VM's
 *    `nodeSelector` prop) are added to the user's; the same key with another value is a conflict
 *    naming both. `affinity`, `tolerations` and the rest of the placement are the user's.
 * 8. Conveniences, only where the VM has nothing of its own: `image` prepends a `containerdisk`
 *    volume (containerDisk) and virtio disk (a user volume of that name that differs is a
 *    conflict); `memory` sets `domain.resources.requests.memory` — default 1Gi only when the VM
 *    sizes no memory itself (vm-source.ts userHasMemory); given next to an instancetype it is a
 *    conflict (KubeVirt refuses a memory request beside an instancetype:
 *    pkg/instancetype/apply/memory.go validateMemory), next to another request too;
 *    `runStrategy` sets `spec.runStrategy` — default Always only when the VM has neither
 *    runStrategy nor running; a different value, or `running` beside it, is a conflict (KubeVirt
 *    refuses running and runStrategy together). A VM multihome renders alone carries the
 *    template label `kubevirt.io/vm: <name>` (templateExtra alone does not change that); a
 *    `virtualMachine`'s template metadata is left as it is.
 *
 * Everything else — instancetype, preference, dataVolumeTemplates, disks, volumes, cpu, memory,
 * resources, labels and annotations of the VM and the template, evictionStrategy, affinity,
 * tolerations, probes, … — passes through untouched. A conflict keeps multihome's value (the
 * VM's networking stays consistent; a memory prop beside an instancetype, `running` beside the
 * runStrategy prop, the VM's own pod network and a Secret name clash stay as the VM has them) and
 * is a problem naming both values: TOPOLOGY_VM_FIELD_CONFLICT
 * at its `virtualMachine.…` path, or TOPOLOGY_TEMPLATE_EXTRA_OWNED at its `templateExtra.…` path
 * when the deprecated templateExtra set it. Without any boot source (no `image`, no volume
 * other than cloud-init/config ones, no dataVolumeTemplates, no kernel boot, no network boot)
 * the VM is TOPOLOGY_VM_NO_BOOT_SOURCE at `image`: there is no default image.
 */
import { API, Manifest } from '../manifest';
import { cloudInitVolume, CLOUD_INIT_NETWORK_DATA_MAX_BYTES, CLOUD_INIT_USER_DATA_MAX_BYTES } from '../kubevirt/cloud-init';
import { parseMac } from '../kubevirt/mac';
import { BINDING_KEYS } from '../kubevirt/types';
import type { VmInterface, VmNetwork } from '../kubevirt/types';
import { formatPath, joinPath, PathSegment } from '../path';
import { isRecord, show } from '../problems';
import type { ResolvedVm } from './resolve';
import { JsonMap, listAt, mapAt, plainVirtualMachine, templateSpecOf } from './vm-source';

/** Name of the cloud-init volume and disk multihome adds to a VM that has none. */
export const CLOUD_INIT_VOLUME = 'cloudinitdisk';

/** Name of the volume and disk the `image` convenience adds. */
export const CONTAINER_DISK_VOLUME = 'containerdisk';

/** What multihome renders for one VM's networks, merged by {@link mergeVirtualMachine}. */
export interface OwnedVmParts {
  /** The pod network's interface and network, when the VM has the pod network (added only if the user VM has none). */
  readonly pod?: { readonly iface: VmInterface; readonly network: VmNetwork };
  /** One interface per attachment, in declaration order. */
  readonly interfaces: readonly VmInterface[];
  /** One network per attachment, same order. */
  readonly networks: readonly VmNetwork[];
  /** Labels the VM's networks need on its node. */
  readonly placement: Readonly<Record<string, string>>;
  /** The networkData multihome generated, if any. */
  readonly networkData?: string;
  /** The Secret that takes cloud-init parts above the inline limit. */
  readonly secretName: string;
}

/** One user value that contradicts what multihome renders there. */
export interface VmFieldConflict {
  /** Path inside the user's VirtualMachine (`spec.template.spec.networks[1].multus.networkName`). */
  readonly segments: readonly PathSegment[];
  /** What the user gives there. */
  readonly given: unknown;
  /** What multihome renders there (or the prop it comes from, in words). */
  readonly rendered: unknown;
  /** Why multihome owns it. */
  readonly why: string;
  /** How to fix it, in the user's terms. */
  readonly fix: string;
}

/** What {@link mergeVirtualMachine} returns. */
export interface MergedVm {
  readonly manifest: Manifest;
  readonly conflicts: readonly VmFieldConflict[];
  /** The cloud-init parts multihome placed that exceed the inline limit go to this Secret (cloudInitSecret decides by size). */
  readonly secretParts: { readonly networkData?: string; readonly userData?: string };
}

const TEMPLATE_SPEC: readonly PathSegment[] = ['spec', 'template', 'spec'];
const INTERFACES_PATH: readonly PathSegment[] = [...TEMPLATE_SPEC, 'domain', 'devices', 'interfaces'];
const NETWORKS_PATH: readonly PathSegment[] = [...TEMPLATE_SPEC, 'networks'];
const NETWORK_SOURCE_KEYS: readonly string[] = ['pod', 'multus', 'resourceClaim'];
const CLOUD_INIT_KEYS: readonly string[] = ['cloudInitNoCloud', 'cloudInitConfigDrive'];
/** Volume sources a VM can boot from (kubevirt/kubevirt staging/src/kubevirt.io/api/core/v1/schema.go VolumeSource). */
const BOOTABLE_VOLUME_KEYS: readonly string[] = ['containerDisk', 'dataVolume', 'persistentVolumeClaim', 'ephemeral', 'hostDisk'];

/** Collects conflicts while merging. */
class Conflicts {
  readonly list: VmFieldConflict[] = [];
  add(segments: readonly PathSegment[], given: unknown, rendered: unknown, why: string, fix: string): void {
    this.list.push({ segments, given, rendered, why, fix });
  }
}

/** A shallow copy of the mapping at `key` of `m` (empty when there is none). */
function copyMap(m: JsonMap, key: string): JsonMap {
  return Object.assign({}, mapAt(m, key));
}

/** True when two MAC texts name the same address (or are the same text). */
function sameMac(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const pa = typeof a === 'string' ? parseMac(a) : undefined;
  const pb = typeof b === 'string' ? parseMac(b) : undefined;
  return pa !== undefined && pb !== undefined && pa.text === pb.text;
}

/** The binding key of an interface entry (`bridge`, `masquerade`, …, `binding` for a plugin). */
function bindingOf(e: JsonMap): string | undefined {
  for (const k of BINDING_KEYS) if (e[k] !== undefined && e[k] !== null) return k;
  return e.binding !== undefined && e.binding !== null ? 'binding' : undefined;
}

/** The source key of a network entry (`pod`, `multus`, `resourceClaim`). */
function sourceOf(e: JsonMap): string | undefined {
  return NETWORK_SOURCE_KEYS.find((k) => e[k] !== undefined && e[k] !== null);
}

/** The user's interface entry `given` with multihome's `owned` merged in (see rule 2). */
function mergeInterface(given: JsonMap, owned: VmInterface, at: readonly PathSegment[], c: Conflicts): JsonMap {
  const out = Object.assign({}, given);
  const mine = bindingOf(owned as JsonMap)!;
  const theirs = bindingOf(given);
  if (theirs === undefined) out[mine] = {};
  else if (theirs !== mine) {
    c.add([...at, theirs], { [theirs]: given[theirs] }, { [mine]: {} }, `interface ${show(owned.name)} is multihome's (an attachment or the pod network) and binds with ${mine}`, `remove ${theirs} from interface ${show(owned.name)}, or give the attachment another name`);
    delete out[theirs];
    out[mine] = {};
  }
  if (owned.macAddress !== undefined) {
    if (given.macAddress === undefined) out.macAddress = owned.macAddress;
    else if (!sameMac(given.macAddress, owned.macAddress)) {
      c.add([...at, 'macAddress'], given.macAddress, owned.macAddress, `the attachment's macAddress is ${owned.macAddress}; networkData matches the NIC by it`, `give the attachment and the VM's interface ${show(owned.name)} the same MAC, or drop one of them (the VM's MAC is adopted when the attachment gives none)`);
      out.macAddress = owned.macAddress;
    }
  }
  if (owned.model !== undefined) {
    if (given.model === undefined) out.model = owned.model;
    else if (given.model !== owned.model) {
      c.add([...at, 'model'], given.model, owned.model, "the attachment's model", `set the model in one place: the attachment's model option or the VM's interface`);
      out.model = owned.model;
    }
  }
  if (owned.state !== undefined) {
    if (given.state === undefined) out.state = owned.state;
    else if (given.state !== owned.state) {
      c.add([...at, 'state'], given.state, owned.state, 'the attachment is being unplugged (state absent)', "drop state from the VM's interface; unplug with vm.unplug(name)");
      out.state = owned.state;
    }
  }
  return out;
}

/** The user's network entry `given` with multihome's `owned` merged in (see rule 3). */
function mergeNetwork(given: JsonMap, owned: VmNetwork, namespace: string, at: readonly PathSegment[], c: Conflicts): JsonMap {
  const out = Object.assign({}, given);
  const mine = sourceOf(owned as JsonMap)!;
  const theirs = sourceOf(given);
  if (theirs === undefined) {
    out[mine] = owned[mine as 'pod' | 'multus'];
    return out;
  }
  if (theirs !== mine) {
    c.add([...at, theirs], { [theirs]: given[theirs] }, { [mine]: owned[mine as 'pod' | 'multus'] }, `network ${show(owned.name)} is multihome's (an attachment or the pod network)`, `remove network ${show(owned.name)} from the VM, or give the attachment another name`);
    delete out[theirs];
    out[mine] = owned[mine as 'pod' | 'multus'];
    return out;
  }
  if (mine === 'multus') {
    const nad = owned.multus!.networkName;
    const theirsName = mapAt(given, 'multus').networkName;
    if (theirsName !== nad && theirsName !== `${namespace}/${nad}`) {
      c.add([...at, 'multus', 'networkName'], theirsName, nad, `the attachment's network renders NetworkAttachmentDefinition ${namespace}/${nad}`, `point the VM's network ${show(owned.name)} at ${nad}, or remove it and let the attachment render it`);
      out.multus = Object.assign({}, mapAt(given, 'multus'), { networkName: nad });
    }
  }
  return out;
}

/**
 * `given` (the user's list of named entries) with `owned` merged in by name: a user entry of an
 * owned name is merged in place, the other owned entries are appended in order; other user
 * entries stay as they are.
 */
function mergeNamed<T extends { name: string }>(given: readonly unknown[], owned: readonly T[], at: readonly PathSegment[], merge: (g: JsonMap, o: T, at: readonly PathSegment[]) => JsonMap): unknown[] {
  const out = given.slice();
  for (const o of owned) {
    const i = out.findIndex((e) => isRecord(e) && e.name === o.name);
    if (i >= 0 && i < given.length) out[i] = merge(out[i] as JsonMap, o, [...at, i]);
    else out.push(o);
  }
  return out;
}

/** The owned pod entries to add: none when the user VM has its own pod network (rule 5, conflicts reported). */
function podEntries(vm: ResolvedVm, owned: OwnedVmParts, networks: readonly unknown[], c: Conflicts): { iface?: VmInterface; network?: VmNetwork } {
  const i = networks.findIndex((n) => isRecord(n) && isRecord(n.pod));
  if (i < 0) return owned.pod ? { iface: owned.pod.iface, network: owned.pod.network } : {};
  const name = (networks[i] as JsonMap).name;
  const at = [...TEMPLATE_SPEC, 'networks', i];
  if (!vm.podNetwork) c.add(at, networks[i], 'no pod network (podNetwork: false)', 'the VM is declared without the pod network', 'drop podNetwork: false, or remove the pod network from the VM');
  else if (name !== vm.podInterfaceName) c.add([...at, 'name'], name, vm.podInterfaceName, 'podInterfaceName names the pod network', `drop podInterfaceName (the VM's own pod network ${show(name)} is used), or rename the VM's pod network`);
  return {};
}

/**
 * The user's own pod interface gets the MAC networkData matches it by (render-vm.ts
 * podNetworkEntry), when it has none: the allocator took the user's MAC when it had one, so an
 * existing MAC is never changed. Nothing to do when multihome added the pod interface itself.
 */
function pinUserPodMac(interfaces: unknown[], owned: OwnedVmParts, addedPod: boolean): void {
  const mac = owned.pod?.iface.macAddress;
  if (addedPod || mac === undefined) return;
  const i = interfaces.findIndex((e) => isRecord(e) && e.name === owned.pod!.iface.name);
  if (i >= 0 && (interfaces[i] as JsonMap).macAddress === undefined) interfaces[i] = Object.assign({}, interfaces[i] as JsonMap, { macAddress: mac });
}

/** Index of the VM's cloud-init volume (the first with a NoCloud or ConfigDrive source) and its source key. */
function cloudInitVolumeOf(volumes: readonly unknown[]): { index: number; key: string } | undefined {
  for (let index = 0; index < volumes.length; index++) {
    const v = volumes[index];
    if (!isRecord(v)) continue;
    const key = CLOUD_INIT_KEYS.find((k) => isRecord(v[k]));
    if (key) return { index, key };
  }
  return undefined;
}

/** One cloud-init part: its inline, base64 and secret keys and limit. */
interface Part {
  readonly inline: 'networkData' | 'userData';
  readonly b64: string;
  readonly ref: string;
  readonly max: number;
  readonly what: string;
}
const NETWORK_PART: Part = { inline: 'networkData', b64: 'networkDataBase64', ref: 'networkDataSecretRef', max: CLOUD_INIT_NETWORK_DATA_MAX_BYTES, what: 'networkData' };
const USER_PART: Part = { inline: 'userData', b64: 'userDataBase64', ref: 'secretRef', max: CLOUD_INIT_USER_DATA_MAX_BYTES, what: 'userData' };

/**
 * Puts `text` into the user's cloud-init source `src` (a copy, modified) as part `p`; a source of
 * that part already there is a conflict unless it is the same inline text. Returns the text when it
 * went to the Secret.
 */
function placePart(src: JsonMap, p: Part, text: string, secretName: string, at: readonly PathSegment[], origin: string, c: Conflicts): string | undefined {
  const present = [p.inline, p.b64, p.ref].find((k) => src[k] !== undefined && src[k] !== null);
  if (present !== undefined) {
    if (present === p.inline && src[p.inline] === text) return undefined;
    c.add([...at, present], src[present], text, `multihome writes the ${p.what} (${origin}) and the cloud-init volume has its own`, `remove ${present} from the VM's cloud-init volume${p === NETWORK_PART ? ' and declare addresses on the attachments' : ', or drop the userData prop'}`);
    for (const k of [p.inline, p.b64, p.ref]) delete src[k];
  }
  if (Buffer.byteLength(text, 'utf8') <= p.max) {
    src[p.inline] = text;
    return undefined;
  }
  src[p.ref] = { name: secretName };
  return text;
}

/** Merges networkData and the userData prop into the volumes and disks (rule 6). */
function mergeCloudInit(vm: ResolvedVm, owned: OwnedVmParts, volumes: unknown[], disks: unknown[], c: Conflicts): { networkData?: string; userData?: string } {
  const secret: { networkData?: string; userData?: string } = {};
  const networkData = owned.networkData;
  const userData = vm.userData;
  if (networkData === undefined && userData === undefined) return secret;
  const found = cloudInitVolumeOf(volumes);
  if (found) {
    const volume = Object.assign({}, volumes[found.index] as JsonMap);
    const src = Object.assign({}, volume[found.key] as JsonMap);
    const at = [...TEMPLATE_SPEC, 'volumes', found.index, found.key];
    if (networkData !== undefined) secret.networkData = placePart(src, NETWORK_PART, networkData, owned.secretName, at, "from the attachments' addresses", c);
    if (userData !== undefined) secret.userData = placePart(src, USER_PART, userData, owned.secretName, at, 'the userData prop', c);
    if (secret.networkData !== undefined || secret.userData !== undefined) {
      for (const ref of ['secretRef', 'networkDataSecretRef']) {
        const theirs = mapAt(volume[found.key], ref).name;
        if (theirs === owned.secretName) c.add([...at, ref, 'name'], theirs, `multihome's Secret ${owned.secretName}`, `multihome renders Secret ${owned.secretName} for the cloud-init parts above 2048 bytes, which would replace the VM's own Secret of that name`, 'rename the Secret the VM refers to');
      }
    }
    volume[found.key] = src;
    volumes[found.index] = volume;
    return secret;
  }
  const clash = volumes.findIndex((v) => isRecord(v) && v.name === CLOUD_INIT_VOLUME);
  if (clash >= 0) {
    c.add([...TEMPLATE_SPEC, 'volumes', clash], volumes[clash], `a cloud-init volume named ${CLOUD_INIT_VOLUME}`, `the VM has no cloud-init volume, so multihome adds ${CLOUD_INIT_VOLUME} for the networkData`, `rename the VM's volume ${CLOUD_INIT_VOLUME}, or give the VM a cloudInitNoCloud volume`);
    return secret;
  }
  volumes.push(cloudInitVolume({ name: CLOUD_INIT_VOLUME, networkData, userData, secretName: owned.secretName }));
  if (networkData !== undefined && Buffer.byteLength(networkData, 'utf8') > CLOUD_INIT_NETWORK_DATA_MAX_BYTES) secret.networkData = networkData;
  if (userData !== undefined && Buffer.byteLength(userData, 'utf8') > CLOUD_INIT_USER_DATA_MAX_BYTES) secret.userData = userData;
  if (!disks.some((d) => isRecord(d) && d.name === CLOUD_INIT_VOLUME)) disks.push({ name: CLOUD_INIT_VOLUME, disk: { bus: 'virtio' } });
  return secret;
}

/** The `image` convenience: a containerdisk volume and disk first (rule 8). */
function mergeImage(image: string, volumes: unknown[], disks: unknown[], c: Conflicts): void {
  const volume = { name: CONTAINER_DISK_VOLUME, containerDisk: { image } };
  const i = volumes.findIndex((v) => isRecord(v) && v.name === CONTAINER_DISK_VOLUME);
  if (i >= 0) {
    const theirs = volumes[i] as JsonMap;
    if (mapAt(theirs, 'containerDisk').image !== image) {
      c.add([...TEMPLATE_SPEC, 'volumes', i], theirs, volume, `the image prop renders volume ${CONTAINER_DISK_VOLUME}`, `drop the image prop (the VM's volumes are used), or rename the VM's volume ${CONTAINER_DISK_VOLUME}`);
      volumes[i] = volume;
    }
  } else volumes.unshift(volume);
  if (!disks.some((d) => isRecord(d) && d.name === CONTAINER_DISK_VOLUME)) disks.unshift({ name: CONTAINER_DISK_VOLUME, disk: { bus: 'virtio' } });
}

/** The memory convenience (rule 8) on a copy of `domain`. */
function mergeMemory(vm: ResolvedVm, user: JsonMap, domain: JsonMap, c: Conflicts): void {
  if (vm.memory === undefined) return;
  const instancetype = mapAt(user, 'spec').instancetype;
  if (isRecord(instancetype)) {
    c.add(['spec', 'instancetype'], instancetype, `memory ${vm.memory}`, 'the memory prop sets domain.resources.requests.memory, which KubeVirt refuses beside an instancetype (pkg/instancetype/apply/memory.go)', 'drop the memory prop: the instancetype sizes the VM');
    return;
  }
  const resources = copyMap(domain, 'resources');
  const requests = copyMap(resources, 'requests');
  if (requests.memory !== undefined && requests.memory !== vm.memory) {
    c.add([...TEMPLATE_SPEC, 'domain', 'resources', 'requests', 'memory'], requests.memory, vm.memory, 'the memory prop sets the memory request', 'set the memory in one place: the memory prop or the VM');
  }
  requests.memory = vm.memory;
  resources.requests = requests;
  domain.resources = resources;
}

/** The runStrategy convenience (rule 8) on a copy of the VM's `spec`. */
function mergeRunStrategy(vm: ResolvedVm, spec: JsonMap, c: Conflicts): JsonMap {
  if (vm.runStrategy === undefined) return spec;
  if (spec.running !== undefined) {
    c.add(['spec', 'running'], spec.running, `runStrategy ${vm.runStrategy}`, 'KubeVirt refuses a VM with both running and runStrategy', 'drop the runStrategy prop, or replace running with runStrategy in the VM');
    return spec;
  }
  if (spec.runStrategy !== undefined) {
    if (spec.runStrategy !== vm.runStrategy) {
      c.add(['spec', 'runStrategy'], spec.runStrategy, vm.runStrategy, 'the runStrategy prop', 'set runStrategy in one place: the prop or the VM');
      spec.runStrategy = vm.runStrategy;
    }
    return spec;
  }
  return Object.assign({ runStrategy: vm.runStrategy }, spec);
}

/** The placement labels (rule 7) merged into a copy of the user's nodeSelector. */
function mergePlacement(given: JsonMap, placement: Readonly<Record<string, string>>, c: Conflicts): JsonMap {
  const out = Object.assign({}, given);
  for (const [k, v] of Object.entries(placement)) {
    if (out[k] === undefined) out[k] = v;
    else if (out[k] !== v) {
      c.add([...TEMPLATE_SPEC, 'nodeSelector', k], out[k], v, `the VM's networks exist only on nodes labelled ${k}=${v} (their node group)`, `drop ${k} from the VM's nodeSelector, or attach networks of a node group that matches it`);
      out[k] = v;
    }
  }
  return out;
}

/** Sets `m[key]` to `list` unless the list is empty and `m` had no such key (a user VM keeps its shape). */
function setList(m: JsonMap, key: string, list: unknown[]): void {
  if (list.length || m[key] !== undefined) m[key] = list;
}

/** The domain of a VM multihome renders itself: devices, resources, then what templateExtra adds. */
function ownDomain(devices: JsonMap, domain: JsonMap): JsonMap {
  const out: JsonMap = { devices };
  if (domain.resources !== undefined) out.resources = domain.resources;
  for (const k of Object.keys(domain)) if (k !== 'devices' && k !== 'resources') out[k] = domain[k];
  return out;
}

/**
 * The VirtualMachine of `vm`: the user's VM (`vm.userVm`, or none) with `owned` merged in by the
 * rules above. Never modifies its inputs; deterministic.
 */
export function mergeVirtualMachine(vm: ResolvedVm, owned: OwnedVmParts): MergedVm {
  const c = new Conflicts();
  const user: JsonMap = vm.userVm !== undefined ? plainVirtualMachine(vm.userVm) : {};
  // a VM multihome renders itself (no virtualMachine; the deprecated templateExtra only adds to it)
  const own = vm.virtualMachine === undefined;
  for (const [key, value] of [['apiVersion', API.vm.apiVersion], ['kind', API.vm.kind]] as const) {
    if (user[key] !== undefined && user[key] !== value) c.add([key], user[key], value, 'multihome renders a KubeVirt VirtualMachine', `set ${key}: ${value}, or leave it out`);
  }
  const metadata = copyMap(user, 'metadata');
  for (const [key, value] of [['name', vm.name], ['namespace', vm.namespace]] as const) {
    if (metadata[key] !== undefined && metadata[key] !== value) c.add(['metadata', key], metadata[key], value, `the VM is declared as ${vm.namespace}/${vm.name}`, `give the VM the same ${key} in both places, or leave metadata.${key} out`);
  }
  const spec = mergeRunStrategy(vm, copyMap(user, 'spec'), c);
  const template = copyMap(spec, 'template');
  const tspec: JsonMap = Object.assign({}, templateSpecOf(user));
  const domain = copyMap(tspec, 'domain');
  const devices = copyMap(domain, 'devices');
  const disks = listAt(devices, 'disks').slice();
  const volumes = listAt(tspec, 'volumes').slice();

  const userNetworks = listAt(tspec, 'networks');
  const pod = podEntries(vm, owned, userNetworks, c);
  const ownedIfaces = pod.iface ? [pod.iface].concat(owned.interfaces) : owned.interfaces;
  const ownedNets = pod.network ? [pod.network].concat(owned.networks) : owned.networks;
  const interfaces = mergeNamed(listAt(devices, 'interfaces'), ownedIfaces, INTERFACES_PATH, (g, o, at) => mergeInterface(g, o, at, c));
  pinUserPodMac(interfaces, owned, pod.iface !== undefined);
  const networks = mergeNamed(userNetworks, ownedNets, NETWORKS_PATH, (g, o, at) => mergeNetwork(g, o, vm.namespace, at, c));
  if (vm.image !== undefined) mergeImage(vm.image, volumes, disks, c);
  const secretParts = mergeCloudInit(vm, owned, volumes, disks, c);
  mergeMemory(vm, user, domain, c);

  // assemble: the user's keys keep their order; what multihome adds goes where its own VMs have it
  setList(devices, 'disks', disks);
  setList(devices, 'interfaces', interfaces);
  const renderedDomain: JsonMap = own ? ownDomain(devices, domain) : Object.assign(domain, { devices });
  const placement = mergePlacement(mapAt(tspec, 'nodeSelector'), owned.placement, c);
  const templateSpec: JsonMap = {};
  if (Object.keys(placement).length && tspec.nodeSelector === undefined) templateSpec.nodeSelector = placement;
  Object.assign(templateSpec, tspec);
  if (tspec.nodeSelector !== undefined) templateSpec.nodeSelector = placement;
  templateSpec.domain = renderedDomain;
  setList(templateSpec, 'networks', networks);
  setList(templateSpec, 'volumes', volumes);
  const renderedTemplate: JsonMap = own ? { metadata: { labels: { 'kubevirt.io/vm': vm.name } }, spec: templateSpec } : Object.assign(template, { spec: templateSpec });
  const manifest: Manifest = { apiVersion: API.vm.apiVersion, kind: API.vm.kind, metadata: { name: vm.name, namespace: vm.namespace } };
  for (const k of Object.keys(metadata)) if (k !== 'name' && k !== 'namespace') (manifest.metadata as JsonMap)[k] = metadata[k];
  for (const k of Object.keys(user)) if (k !== 'apiVersion' && k !== 'kind' && k !== 'metadata') manifest[k] = user[k];
  manifest.spec = Object.assign(spec, { template: renderedTemplate });
  return { manifest, conflicts: c.list, secretParts };
}

/**
 * True when the VM has something to boot from: the `image` prop, dataVolumeTemplates, a disk
 * volume (containerDisk, dataVolume, persistentVolumeClaim, ephemeral, hostDisk), a kernel boot
 * container, or an interface with a bootOrder (network boot).
 */
export function hasBootSource(vm: Pick<ResolvedVm, 'image' | 'userVm'>): boolean {
  if (vm.image !== undefined) return true;
  const user = vm.userVm;
  if (listAt(mapAt(user, 'spec'), 'dataVolumeTemplates').length) return true;
  const tspec = templateSpecOf(user);
  if (listAt(tspec, 'volumes').some((v) => isRecord(v) && BOOTABLE_VOLUME_KEYS.some((k) => v[k] !== undefined && v[k] !== null))) return true;
  const domain = mapAt(tspec, 'domain');
  if (isRecord(mapAt(mapAt(domain, 'firmware'), 'kernelBoot').container)) return true;
  return listAt(mapAt(domain, 'devices'), 'interfaces').some((i) => isRecord(i) && i.bootOrder !== undefined);
}

/**
 * Where a conflict is in the user's terms: `templateExtra.<path>` when the deprecated
 * templateExtra set the value (a list it gives replaces the VM's whole list), else
 * `virtualMachine.<path>`.
 */
export function conflictLocation(vm: Pick<ResolvedVm, 'templateExtra'>, segments: readonly PathSegment[]): { fromTemplateExtra: boolean; path: string } {
  const inTemplate = TEMPLATE_SPEC.every((s, i) => segments[i] === s);
  if (inTemplate && vm.templateExtra !== undefined && setByTemplateExtra(vm.templateExtra, segments.slice(TEMPLATE_SPEC.length))) {
    return { fromTemplateExtra: true, path: joinPath('templateExtra', ...segments.slice(TEMPLATE_SPEC.length)) };
  }
  return { fromTemplateExtra: false, path: joinPath('virtualMachine', ...segments) };
}

/** True when `extra` sets the value at `rest` (mappings merge; a list or scalar it sets replaces). */
function setByTemplateExtra(extra: unknown, rest: readonly PathSegment[]): boolean {
  let cur: unknown = extra;
  for (const seg of rest) {
    if (typeof seg === 'number') return true;
    if (!isRecord(cur) || cur[seg] === undefined) return false;
    cur = cur[seg];
    if (!isRecord(cur)) return true;
  }
  return true;
}

/** Message and fix of a conflict at its user path. */
export function conflictText(c: VmFieldConflict, path: string): { message: string; fix: string } {
  return {
    message: `${path} is ${show(c.given)} but multihome renders ${show(c.rendered)} there: ${c.why} (${formatPath(c.segments)} of the rendered VM)`,
    fix: c.fix,
  };
}
