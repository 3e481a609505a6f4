/**
 * Per-resource validation of KubeVirt VirtualMachines and VirtualMachineInstances: the network
 * section (interfaces ↔ networks), interface fields, and cloud-init volumes, checked the way
 * KubeVirt admission checks them, plus multihome lints (warnings) for what admission accepts but
 * breaks later. Every rule names its upstream file and function next to it.
 *
 * Upstream snapshot read: kubevirt/kubevirt d923fdb8 (after v1.9.0):
 * `pkg/network/admitter/{validator,netsource,netiface,binding,passt,discontinued,admit,dra}.go`,
 * `pkg/network/link/mac.go`, `pkg/util/hardware/hw_utils.go`,
 * `pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go`.
 *
 * Paths are from the manifest root (`spec.template.spec.domain.devices.interfaces[1].macAddress`
 * for a VM, `spec.domain…` for a VMI). Where KubeVirt reports a coarser path (e.g. the whole
 * `networks` list, or the spec root for DHCP options) we report the offending entry instead.
 */
import * as ipaddr from 'ipaddr.js';
import { Problem, ResourceRef } from '../errors';
import { joinPath } from '../path';
import { isRecord, ProblemSink, show } from '../problems';
import { CLOUD_INIT_NETWORK_DATA_MAX_BYTES, CLOUD_INIT_USER_DATA_MAX_BYTES, NetworkDataParseError, parseNetworkData } from './cloud-init';
import { KUBEVIRT_CODES, KubevirtCode } from './codes';
import { isUnicast, macAddressError, MASQUERADE_BRIDGE_MAC, parseMac } from './mac';
import { FieldReader, isVmOrVmi, specLocation } from './read';
import { BindingMethod, DiscontinuedBindingMethod, VmInterfaceModel, VmInterfaceState, VmPortProtocol } from './types';

/** An interface as read for validation. */
interface IfaceView {
  readonly index: number;
  readonly path: string;
  readonly name?: string;
  /** Core binding keys present (bridge, masquerade, sriov, passtBinding). */
  readonly bindings: readonly BindingMethod[];
  /** Discontinued binding keys present. */
  readonly discontinued: readonly DiscontinuedBindingMethod[];
  /** `binding: {name}` present. */
  readonly plugin: boolean;
  readonly model?: string;
  readonly macAddress?: string;
  readonly pciAddress?: string;
  readonly bootOrder?: number;
  readonly acpiIndex?: number;
  readonly ports?: Array<{ path: string; name?: string; port?: number; protocol?: string }>;
  readonly dhcp?: {
    readonly path: string;
    readonly ntpServers: Array<{ path: string; value: string }>;
    readonly privateOptions: Array<{ path: string; option?: number }>;
  };
  readonly state?: string;
}

/** A network as read for validation. */
interface NetView {
  readonly index: number;
  readonly path: string;
  readonly name?: string;
  readonly pod: boolean;
  readonly multus?: { readonly networkName?: string; readonly isDefault: boolean };
  readonly claim?: { readonly claimName?: string; readonly requestName?: string };
}

const CORE_BINDINGS: readonly BindingMethod[] = Object.values(BindingMethod);
const DISCONTINUED: readonly DiscontinuedBindingMethod[] = Object.values(DiscontinuedBindingMethod);
const MODELS: readonly string[] = Object.values(VmInterfaceModel);
const STATES: readonly string[] = ['', ...Object.values(VmInterfaceState)];
const PROTOCOLS: readonly string[] = ['', ...Object.values(VmPortProtocol)];

/** `pkg/network/admitter/netiface.go` validateInterfaceNameFormat. */
const INTERFACE_NAME = /^[A-Za-z0-9-_]+$/;
/** `pkg/util/hardware/hw_utils.go` PCI_ADDRESS_PATTERN. */
const PCI_ADDRESS = /^([\da-fA-F]{4}):([\da-fA-F]{2}):([\da-fA-F]{2})\.([0-7]{1})$/;
/** KubeVirt schema.go / QEMU ONBOARD_INDEX_MAX: acpiIndex between 1 and 16*1024-1. */
const ACPI_INDEX_MAX = 16 * 1024 - 1;

function resourceOf(obj: unknown): ResourceRef {
  const kind = isRecord(obj) && typeof obj.kind === 'string' ? obj.kind : 'VirtualMachine';
  const md = isRecord(obj) && isRecord(obj.metadata) ? obj.metadata : {};
  return {
    kind,
    ...(typeof md.name === 'string' ? { name: md.name } : {}),
    ...(typeof md.namespace === 'string' ? { namespace: md.namespace } : {}),
  };
}

/** k8s.io/apimachinery `validation.IsValidPortName` (IANA service name); returns why not, or undefined. */
function portNameError(name: string): string | undefined {
  if (name.length > 15) return 'must be no more than 15 characters';
  if (!/^[-a-z0-9]+$/.test(name)) return 'must contain only lowercase alphanumerics and hyphens';
  if (!/[a-z]/.test(name)) return 'must contain at least one letter';
  if (name.includes('--')) return 'must not contain consecutive hyphens';
  if (name.startsWith('-') || name.endsWith('-')) return 'must not begin or end with a hyphen';
  return undefined;
}

/** Go `net.ParseIP(s).To4() != nil`: dotted IPv4 without leading zeros, or IPv4-mapped IPv6. */
function isGoIPv4(s: string): boolean {
  const octet = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
  if (new RegExp(`^${octet}(\\.${octet}){3}$`).test(s)) return true;
  if (!s.includes(':') || !ipaddr.IPv6.isValid(s)) return false;
  return ipaddr.IPv6.parse(s).isIPv4MappedAddress();
}

/** Go `base64.StdEncoding.DecodeString` (CR/LF ignored, padding required); undefined when invalid. */
function decodeStdBase64(s: string): Buffer | undefined {
  const t = s.replace(/[\r\n]/g, '');
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(t)) return undefined;
  return Buffer.from(t, 'base64');
}

/**
 * Validates a VirtualMachine (`spec.template.spec`) or VirtualMachineInstance (`spec`) manifest
 * and returns every problem at once: what KubeVirt admission would reject (errors), what libvirt
 * or cloud-init would fail on later (errors), and multihome lints (warnings). Objects of other
 * kinds get one `KUBEVIRT_KIND` error.
 */
export function validateVirtualMachine(obj: unknown): Problem[] {
  const sink = new ProblemSink(resourceOf(obj), KUBEVIRT_CODES);
  const add = (code: KubevirtCode, path: string, message: string, fix: string): void => sink.add(code, path, message, fix);
  const r = new FieldReader(sink);

  if (!isVmOrVmi(obj)) {
    const given = isRecord(obj) ? `${show(obj.apiVersion)} ${show(obj.kind)}` : show(obj);
    add('KUBEVIRT_KIND', 'kind', `object is ${given}; expected kubevirt.io VirtualMachine or VirtualMachineInstance`, 'pass a kubevirt.io/v1 VirtualMachine or VirtualMachineInstance');
    return sink.problems;
  }

  // Locate the VMI spec.
  const loc = specLocation(obj);
  let spec: Record<string, unknown> | undefined = obj;
  let walked = '';
  for (const seg of loc.segments as string[]) {
    spec = spec ? r.rec(spec, seg, walked, true) : undefined;
    walked = joinPath(walked, seg);
  }
  if (!spec) return sink.problems;
  const base = loc.base;
  const domain = r.rec(spec, 'domain', base);
  const devicesPath = joinPath(base, 'domain', 'devices');
  const devices = domain ? r.rec(domain, 'devices', joinPath(base, 'domain')) : undefined;
  const ifacesPath = joinPath(devicesPath, 'interfaces');
  const netsPath = joinPath(base, 'networks');

  // --- read interfaces --------------------------------------------------------------------------
  const ifaces: IfaceView[] = r.records(devices ? r.arr(devices, 'interfaces', devicesPath) : undefined, ifacesPath).map(({ index, path, value: v }) => {
    const bindings = CORE_BINDINGS.filter((k) => r.rec(v, k, path) !== undefined);
    const discontinued = DISCONTINUED.filter((k) => r.rec(v, k, path) !== undefined);
    const pluginRec = r.rec(v, 'binding', path);
    if (pluginRec) r.str(pluginRec, 'name', joinPath(path, 'binding'), true);
    const portsPath = joinPath(path, 'ports');
    const portsArr = r.arr(v, 'ports', path);
    const dhcpRec = r.rec(v, 'dhcpOptions', path);
    const dhcpPath = joinPath(path, 'dhcpOptions');
    let dhcp: IfaceView['dhcp'];
    if (dhcpRec) {
      r.str(dhcpRec, 'bootFileName', dhcpPath);
      r.str(dhcpRec, 'tftpServerName', dhcpPath);
      const ntpPath = joinPath(dhcpPath, 'ntpServers');
      const ntpServers: Array<{ path: string; value: string }> = [];
      (r.arr(dhcpRec, 'ntpServers', dhcpPath) ?? []).forEach((s, k) => {
        const p = joinPath(ntpPath, k);
        if (typeof s === 'string') ntpServers.push({ path: p, value: s });
        else add('KUBEVIRT_FIELD_TYPE', p, `${p} is ${show(s)}; it must be a string`, 'write NTP servers as IPv4 address strings');
      });
      const poPath = joinPath(dhcpPath, 'privateOptions');
      const privateOptions = r.records(r.arr(dhcpRec, 'privateOptions', dhcpPath), poPath).map((o) => {
        r.str(o.value, 'value', o.path);
        return { path: o.path, option: r.int(o.value, 'option', o.path) };
      });
      dhcp = { path: dhcpPath, ntpServers, privateOptions };
    }
    r.str(v, 'tag', path);
    r.arr(v, 'portRanges', path);
    return {
      index,
      path,
      name: r.str(v, 'name', path, true),
      bindings,
      discontinued,
      plugin: pluginRec !== undefined,
      model: r.str(v, 'model', path),
      macAddress: r.str(v, 'macAddress', path),
      pciAddress: r.str(v, 'pciAddress', path),
      bootOrder: r.int(v, 'bootOrder', path),
      acpiIndex: r.int(v, 'acpiIndex', path),
      ports:
        portsArr === undefined
          ? undefined
          : r.records(portsArr, portsPath).map((p) => ({
              path: p.path,
              name: r.str(p.value, 'name', p.path),
              port: r.int(p.value, 'port', p.path),
              protocol: r.str(p.value, 'protocol', p.path),
            })),
      dhcp,
      state: r.str(v, 'state', path),
    };
  });

  // --- read networks ----------------------------------------------------------------------------
  const nets: NetView[] = r.records(r.arr(spec, 'networks', base), netsPath).map(({ index, path, value: v }) => {
    const pod = r.rec(v, 'pod', path);
    if (pod) {
      r.str(pod, 'vmNetworkCIDR', joinPath(path, 'pod'));
      r.str(pod, 'vmIPv6NetworkCIDR', joinPath(path, 'pod'));
    }
    const m = r.rec(v, 'multus', path);
    const c = r.rec(v, 'resourceClaim', path);
    return {
      index,
      path,
      name: r.str(v, 'name', path, true),
      pod: pod !== undefined,
      multus: m ? { networkName: r.str(m, 'networkName', joinPath(path, 'multus')), isDefault: r.bool(m, 'default', joinPath(path, 'multus')) === true } : undefined,
      claim: c ? { claimName: r.str(c, 'claimName', joinPath(path, 'resourceClaim')), requestName: r.str(c, 'requestName', joinPath(path, 'resourceClaim')) } : undefined,
    };
  });

  const netByName = new Map<string, NetView>();
  for (const n of nets) if (n.name !== undefined && !netByName.has(n.name)) netByName.set(n.name, n);
  const ifaceByName = new Map<string, IfaceView>();
  for (const i of ifaces) if (i.name !== undefined && !ifaceByName.has(i.name)) ifaceByName.set(i.name, i);
  const ifaceLabel = (i: IfaceView): string => `interface ${show(i.name ?? `#${i.index}`)}`;
  const netLabel = (n: NetView): string => `network ${show(n.name ?? `#${n.index}`)}`;

  // --- network sources: netsource.go validateSinglePodNetwork --------------------------------------
  const podNets = nets.filter((n) => n.pod);
  const multusDefaults = nets.filter((n) => n.multus?.isDefault);
  for (const n of podNets.slice(1)) {
    add('KUBEVIRT_MULTIPLE_POD_NETWORKS', n.path, `${netLabel(n)} is a second pod network (first: ${show(podNets[0].name)}); a VM has at most one`, 'connect only one interface to the pod network; use multus networks for the others');
  }
  for (const n of multusDefaults.slice(1)) {
    add('KUBEVIRT_MULTIPLE_MULTUS_DEFAULT', joinPath(n.path, 'multus', 'default'), `${netLabel(n)} is a second multus network with default: true (first: ${show(multusDefaults[0].name)}); Multus has one default network`, 'set default: true on one multus network only');
  }
  if (podNets.length > 0) {
    for (const n of multusDefaults) {
      add('KUBEVIRT_POD_AND_MULTUS_DEFAULT', joinPath(n.path, 'multus', 'default'), `${netLabel(n)} is a multus default network while ${show(podNets[0].name)} is a pod network; a pod network cannot be defined when a Multus default network is`, 'drop the pod network, or remove default: true from the multus network');
    }
  }

  // --- netsource.go validateSingleNetworkSource, validateMultusNetworkSource ---------------------
  for (const n of nets) {
    const sources = [n.pod ? 'pod' : '', n.multus ? 'multus' : '', n.claim ? 'resourceClaim' : ''].filter(Boolean);
    if (sources.length !== 1) {
      add('KUBEVIRT_NETWORK_SOURCE_COUNT', n.path, `${netLabel(n)} has ${sources.length ? sources.join(' and ') : 'no source'}; a network needs exactly one of pod, multus, resourceClaim`, 'keep exactly one source: pod: {}, multus: {networkName}, or resourceClaim: {claimName, requestName}');
    }
    // Upstream returns after the first such network; we report each.
    if (n.multus && !n.multus.networkName) {
      add('KUBEVIRT_MULTUS_NETWORK_NAME_REQUIRED', joinPath(n.path, 'multus', 'networkName'), `${netLabel(n)} is a multus network without networkName`, 'set multus.networkName to the NetworkAttachmentDefinition, <name> or <namespace>/<name>');
    }
  }

  // --- admit.go validateInterfaceStateValue ------------------------------------------------------
  const defaultNet = nets.find((n) => n.pod || n.multus?.isDefault); // vmispec.LookUpDefaultNetwork
  for (const i of ifaces) {
    if (i.state === undefined) continue;
    const sp = joinPath(i.path, 'state');
    if (!STATES.includes(i.state)) {
      add('KUBEVIRT_INTERFACE_STATE_INVALID', sp, `${ifaceLabel(i)} has state ${show(i.state)}; allowed: up, down, absent (or unset)`, 'use up, down or absent');
    }
    if (i.bindings.includes(BindingMethod.SRIOV) && (i.state === VmInterfaceState.UP || i.state === VmInterfaceState.DOWN)) {
      add('KUBEVIRT_LINK_STATE_SRIOV', sp, `${ifaceLabel(i)} is SR-IOV with state ${show(i.state)}; link state is not supported for SR-IOV NICs`, 'remove state (or use absent only with bridge binding)');
    }
    if (i.state === VmInterfaceState.ABSENT && !i.bindings.includes(BindingMethod.BRIDGE)) {
      add('KUBEVIRT_ABSENT_REQUIRES_BRIDGE', sp, `${ifaceLabel(i)} has state absent but is not bridge-bound; hot-unplug is supported only for bridge binding`, 'remove the interface and its network instead (restart), or use bridge binding');
    }
    if (i.state === VmInterfaceState.ABSENT && defaultNet && defaultNet.name === i.name) {
      add('KUBEVIRT_ABSENT_ON_DEFAULT_NETWORK', sp, `${ifaceLabel(i)} has state absent on the default network ${show(defaultNet.name)}; the default network cannot be unplugged`, 'remove state: absent; only secondary networks can be hot-unplugged');
    }
  }

  // --- binding.go validateInterfaceBinding; passt.go validatePasstBinding -------------------------
  for (const i of ifaces) {
    const count = i.bindings.length + (i.plugin ? 1 : 0); // discontinued keys are not counted upstream
    if (count !== 1) {
      const given = [...i.bindings, ...(i.plugin ? ['binding'] : [])];
      add('KUBEVIRT_BINDING_COUNT', i.path, `${ifaceLabel(i)} has ${given.length ? given.join(' + ') : 'no binding'}; it needs exactly one binding method or binding plugin`, 'set exactly one of bridge: {}, masquerade: {}, sriov: {}, passtBinding: {} or binding: {name: <plugin>}');
    }
    const net = i.name !== undefined ? netByName.get(i.name) : undefined;
    // Upstream also fires when the network is missing; that case is reported as INTERFACE_WITHOUT_NETWORK only.
    for (const b of [BindingMethod.MASQUERADE, BindingMethod.PASST_BINDING]) {
      if (i.bindings.includes(b) && net && !net.pod) {
        add('KUBEVIRT_BINDING_REQUIRES_POD_NETWORK', joinPath(i.path, 'name'), `${ifaceLabel(i)} uses ${b} on ${netLabel(net)}, which is not the pod network; ${b} is only implemented with the pod network`, `use bridge (or sriov) for secondary networks, or connect ${b} to pod: {}`);
      }
    }
    // link.IsReserved compares the literal string; other spellings of the same MAC pass admission but collide with the bridge all the same.
    if (i.bindings.includes(BindingMethod.MASQUERADE) && i.macAddress && parseMac(i.macAddress)?.text === MASQUERADE_BRIDGE_MAC) {
      add('KUBEVIRT_MAC_RESERVED', joinPath(i.path, 'macAddress'), `${ifaceLabel(i)} is masquerade with macAddress ${show(i.macAddress)}, which is reserved for the in-pod bridge`, 'choose another MAC (e.g. from the allocator), or omit macAddress');
    }
    if (i.bindings.includes(BindingMethod.BRIDGE) && net?.pod) {
      add('KUBEVIRT_BRIDGE_ON_POD_NETWORK', joinPath(i.path, 'name'), `${ifaceLabel(i)} uses bridge binding on the pod network; KubeVirt rejects it when permitBridgeInterfaceOnPodNetwork is false and the VM is not live-migratable (unless annotated kubevirt.io/allow-pod-bridge-network-live-migration)`, 'use masquerade on the pod network and bridge on multus networks');
    }
  }

  // --- discontinued.go validateDiscontinuedBindings (creation) -----------------------------------
  for (const i of ifaces) {
    for (const d of i.discontinued) {
      const instead = d === DiscontinuedBindingMethod.PASST ? 'passtBinding: {} or binding: {name: passt}' : `binding: {name: ${d}} (a registered binding plugin)`;
      add('KUBEVIRT_BINDING_DISCONTINUED', joinPath(i.path, d), `${ifaceLabel(i)} uses the ${d} core binding, discontinued since KubeVirt v1.3; VM creation is rejected`, `use ${instead}`);
    }
  }

  // --- netiface.go validateNetworkNameUnique / validateInterfaceNameUnique -----------------------
  const seenNet = new Set<string>();
  for (const n of nets) {
    if (n.name === undefined) continue;
    if (seenNet.has(n.name)) add('KUBEVIRT_DUPLICATE_NETWORK_NAME', joinPath(n.path, 'name'), `network name ${show(n.name)} is used twice; every network must have a unique name`, 'rename one of the networks (and its interface)');
    seenNet.add(n.name);
  }
  const seenIface = new Set<string>();
  for (const i of ifaces) {
    if (i.name === undefined) continue;
    if (seenIface.has(i.name)) add('KUBEVIRT_DUPLICATE_INTERFACE_NAME', joinPath(i.path, 'name'), `interface name ${show(i.name)} is used twice; only one interface can be connected to one specific network`, 'give each interface its own network');
    seenIface.add(i.name);
  }

  // --- dra.go validateNetworkDevicesWithDRA ------------------------------------------------------
  const claimNets = nets.filter((n) => n.claim);
  if (claimNets.length) {
    const declared = new Set(
      (Array.isArray(spec.resourceClaims) ? spec.resourceClaims : []).filter(isRecord).map((c) => c.name).filter((x): x is string => typeof x === 'string'),
    );
    const multus = nets.find((n) => n.multus);
    if (multus) {
      add('KUBEVIRT_RESOURCE_CLAIM_INVALID', netsPath, `networks mix resourceClaim (${show(claimNets[0].name)}) and multus (${show(multus.name)}); mixing Multus and DRA networks in one VMI is not supported`, 'use either multus or resourceClaim networks for secondary NICs');
    } else {
      const seenTuple = new Set<string>();
      for (const n of claimNets) {
        const c = n.claim!;
        const iface = n.name !== undefined ? ifaceByName.get(n.name) : undefined;
        if (iface && !iface.bindings.includes(BindingMethod.SRIOV) && !iface.plugin) {
          add('KUBEVIRT_RESOURCE_CLAIM_INVALID', iface.path, `${ifaceLabel(iface)} is on DRA ${netLabel(n)} but is not SR-IOV or a binding plugin`, 'use sriov: {} or binding: {name} for DRA networks');
        }
        if (!c.claimName) add('KUBEVIRT_RESOURCE_CLAIM_INVALID', joinPath(n.path, 'resourceClaim', 'claimName'), `${netLabel(n)} has no resourceClaim.claimName`, 'set claimName to an entry of spec.resourceClaims');
        if (!c.requestName) add('KUBEVIRT_RESOURCE_CLAIM_INVALID', joinPath(n.path, 'resourceClaim', 'requestName'), `${netLabel(n)} has no resourceClaim.requestName`, 'set requestName to a request of the ResourceClaim');
        if (!c.claimName || !c.requestName) continue;
        if (!declared.has(c.claimName)) add('KUBEVIRT_RESOURCE_CLAIM_INVALID', joinPath(n.path, 'resourceClaim', 'claimName'), `${netLabel(n)} references resourceClaim ${show(c.claimName)}, which is not defined in resourceClaims`, 'declare the claim under resourceClaims of the VMI spec');
        const key = `${c.claimName}/${c.requestName}`;
        if (seenTuple.has(key)) add('KUBEVIRT_RESOURCE_CLAIM_INVALID', n.path, `${netLabel(n)} repeats claimName/requestName ${show(key)}`, 'give each DRA network its own claim request');
        seenTuple.add(key);
      }
    }
  }

  // --- netiface.go validateNetworksAssignedToInterfaces / validateInterfacesAssignedToNetworks -----
  for (const n of nets) {
    if (n.name !== undefined && !ifaceByName.has(n.name)) {
      add('KUBEVIRT_NETWORK_WITHOUT_INTERFACE', joinPath(n.path, 'name'), `${netLabel(n)} has no interface of the same name in domain.devices.interfaces`, `add an interface named ${show(n.name)} (e.g. bridge: {}), or remove the network`);
    }
  }
  for (const i of ifaces) {
    if (i.name !== undefined && !netByName.has(i.name)) {
      add('KUBEVIRT_INTERFACE_WITHOUT_NETWORK', joinPath(i.path, 'name'), `${ifaceLabel(i)} has no network of the same name in networks`, `add a network named ${show(i.name)} (pod: {} or multus: {networkName}), or remove the interface`);
    }
  }

  // --- netiface.go validateInterfacesFields --------------------------------------------------------
  for (const i of ifaces) {
    // validateInterfaceNameFormat
    if (i.name !== undefined && !INTERFACE_NAME.test(i.name)) {
      add('KUBEVIRT_INTERFACE_NAME_INVALID', joinPath(i.path, 'name'), `interface name ${show(i.name)} may only contain letters, digits, dashes (-) and underscores (_)`, 'rename the interface and its network, e.g. to [a-z0-9-]{1,63}');
    }
    // validateInterfaceModel
    if (i.model !== undefined && i.model !== '' && !MODELS.includes(i.model)) {
      add('KUBEVIRT_INTERFACE_MODEL_INVALID', joinPath(i.path, 'model'), `${ifaceLabel(i)} has model ${show(i.model)}; allowed: ${MODELS.join(', ')}`, 'use virtio (the default) unless the guest lacks drivers');
    }
    // validateMacAddress (link.ValidateMacAddress); multicast: libvirt virDomainNetDefParseXML
    if (i.macAddress !== undefined && i.macAddress !== '') {
      const err = macAddressError(i.macAddress);
      if (err) {
        add('KUBEVIRT_MAC_INVALID', joinPath(i.path, 'macAddress'), `${ifaceLabel(i)} has ${err}; expected 6 bytes like 02:4a:be:00:00:01, 02-4A-BE-00-00-01 or 024a.be00.0001`, 'write a 6-byte MAC, e.g. from MacAllocator');
      } else if (!isUnicast(i.macAddress)) {
        add('KUBEVIRT_MAC_MULTICAST', joinPath(i.path, 'macAddress'), `${ifaceLabel(i)} has macAddress ${show(i.macAddress)}, a multicast address (lowest bit of the first byte set); libvirt refuses it and the VM does not start`, 'use a unicast, locally administered MAC: first byte x2, x6, xA or xE (e.g. 02:…)');
      }
    }
    // validatePciAddress (hardware.ParsePciAddress)
    if (i.pciAddress !== undefined && i.pciAddress !== '' && !PCI_ADDRESS.test(i.pciAddress)) {
      add('KUBEVIRT_PCI_ADDRESS_INVALID', joinPath(i.path, 'pciAddress'), `${ifaceLabel(i)} has malformed PCI address ${show(i.pciAddress)}; expected dddd:bb:ss.f (hex domain, bus, slot; function 0-7)`, 'write it like 0000:81:01.0');
    }
    // validatePortConfiguration: only for interfaces on the pod network, and only when ports is set.
    const net = i.name !== undefined ? netByName.get(i.name) : undefined;
    if (net?.pod && i.ports) {
      const names = new Set<string>();
      for (const p of i.ports) {
        if (p.name !== undefined && p.name !== '') {
          if (names.has(p.name)) add('KUBEVIRT_PORT_NAME_DUPLICATE', joinPath(p.path, 'name'), `${ifaceLabel(i)} has two ports named ${show(p.name)}`, 'give each forwarded port its own name');
          const why = portNameError(p.name);
          if (why) add('KUBEVIRT_PORT_NAME_INVALID', joinPath(p.path, 'name'), `${ifaceLabel(i)} port name ${show(p.name)} is not a valid IANA service name: it ${why}`, 'use up to 15 lowercase letters, digits and single hyphens, e.g. http');
          names.add(p.name);
        }
        if (p.port === undefined || p.port === 0) {
          add('KUBEVIRT_PORT_INVALID', joinPath(p.path, 'port'), `${ifaceLabel(i)} forwarded port has no port number`, 'set port to 1..65535');
        } else if (p.port < 0 || p.port >= 65536) {
          add('KUBEVIRT_PORT_INVALID', joinPath(p.path, 'port'), `${ifaceLabel(i)} forwards port ${p.port}; allowed 1..65535`, 'set port to 1..65535');
        }
        if (p.protocol !== undefined && !PROTOCOLS.includes(p.protocol)) {
          add('KUBEVIRT_PORT_PROTOCOL_INVALID', joinPath(p.path, 'protocol'), `${ifaceLabel(i)} port protocol ${show(p.protocol)}; only TCP or UDP allowed`, 'use TCP (the default) or UDP, upper case');
        }
      }
    }
    // validateDHCPOptions
    if (i.dhcp) {
      const seen = new Set<number>();
      for (const o of i.dhcp.privateOptions) {
        const op = joinPath(o.path, 'option');
        const v = o.option ?? 0;
        if (seen.has(v)) add('KUBEVIRT_DHCP_PRIVATE_OPTION_DUPLICATE', op, `${ifaceLabel(i)} repeats DHCP private option ${v}`, 'list each private option once');
        seen.add(v);
        if (v < 224 || v > 254) add('KUBEVIRT_DHCP_PRIVATE_OPTION_INVALID', op, `${ifaceLabel(i)} DHCP private option ${v} is out of range; must be 224..254`, 'use a site-specific option number 224..254');
      }
      for (const s of i.dhcp.ntpServers) {
        if (!isGoIPv4(s.value)) add('KUBEVIRT_DHCP_NTP_SERVER_INVALID', s.path, `${ifaceLabel(i)} NTP server ${show(s.value)} is not an IPv4 address`, 'list NTP servers as IPv4 addresses');
      }
    }
  }

  // --- vmi-create-admitter.go validateBootOrder / validateInterfaceBootOrder ---------------------
  const bootOrders = new Map<number, string>();
  const disksPath = joinPath(devicesPath, 'disks');
  for (const d of r.records(devices ? r.arr(devices, 'disks', devicesPath) : undefined, disksPath)) {
    const order = r.int(d.value, 'bootOrder', d.path);
    if (order === undefined) continue;
    const p = joinPath(d.path, 'bootOrder');
    if (bootOrders.has(order)) add('KUBEVIRT_BOOT_ORDER_DUPLICATE', p, `disk ${show(d.value.name)} has bootOrder ${order}, already set for ${bootOrders.get(order)}`, 'give every bootable disk and interface a distinct bootOrder');
    else bootOrders.set(order, `disk ${show(d.value.name)}`);
  }
  for (const i of ifaces) {
    if (i.bootOrder === undefined) continue;
    const p = joinPath(i.path, 'bootOrder');
    if (i.bootOrder < 1) {
      add('KUBEVIRT_BOOT_ORDER_INVALID', p, `${ifaceLabel(i)} has bootOrder ${i.bootOrder}; it must be > 0 when supplied`, 'use 1 for the first boot device, or omit bootOrder to not PXE-boot from this NIC');
    } else if (bootOrders.has(i.bootOrder)) {
      add('KUBEVIRT_BOOT_ORDER_DUPLICATE', p, `${ifaceLabel(i)} has bootOrder ${i.bootOrder}, already set for ${bootOrders.get(i.bootOrder)}`, 'give every bootable disk and interface a distinct bootOrder');
    } else {
      bootOrders.set(i.bootOrder, ifaceLabel(i));
    }
  }

  // --- acpiIndex: schema.go Interface.ACPIIndex ("unique across all devices, 1..16*1024-1").
  // Admission does not check it; virt-launcher (converter/network/configurator.go) passes values > 0
  // to libvirt and QEMU's pci_qdev_realize (hw/pci/pci.c) refuses > ONBOARD_INDEX_MAX or a duplicate,
  // so the VM fails to start. Values < 0 are silently dropped by KubeVirt; we report them too.
  const acpi = new Map<number, string>();
  for (const i of ifaces) {
    if (i.acpiIndex === undefined || i.acpiIndex === 0) continue; // 0 = unset (omitempty)
    const p = joinPath(i.path, 'acpiIndex');
    if (i.acpiIndex < 1 || i.acpiIndex > ACPI_INDEX_MAX) {
      add('KUBEVIRT_ACPI_INDEX_INVALID', p, `${ifaceLabel(i)} has acpiIndex ${i.acpiIndex}; allowed 1..${ACPI_INDEX_MAX} (${i.acpiIndex < 1 ? 'KubeVirt silently ignores it' : 'QEMU refuses to start the VM'})`, `use a value in 1..${ACPI_INDEX_MAX}`);
    } else if (acpi.has(i.acpiIndex)) {
      add('KUBEVIRT_ACPI_INDEX_DUPLICATE', p, `${ifaceLabel(i)} has acpiIndex ${i.acpiIndex}, already used by ${acpi.get(i.acpiIndex)}`, 'give each interface its own acpiIndex');
    } else {
      acpi.set(i.acpiIndex, ifaceLabel(i));
    }
  }

  // --- multihome lint: bridge-bound secondary NIC without a MAC (kubevirt/kubevirt#16696) --------
  for (const i of ifaces) {
    const net = i.name !== undefined ? netByName.get(i.name) : undefined;
    if (i.bindings.includes(BindingMethod.BRIDGE) && net?.multus && !net.multus.isDefault && !i.macAddress && i.state !== VmInterfaceState.ABSENT) {
      add('KUBEVIRT_BRIDGE_WITHOUT_MAC', joinPath(i.path, 'macAddress'), `${ifaceLabel(i)} is bridge-bound on ${netLabel(net)} without macAddress; the guest takes the pod interface MAC, which changes with every new pod (restart, migration: kubevirt/kubevirt#16696), breaking DHCP reservations and MAC-matched config`, 'set macAddress explicitly (MacAllocator gives a stable one per namespace/vm/interface)');
    }
  }

  // --- cloud-init volumes: vmi-create-admitter.go validateVolumes --------------------------------
  const ifaceMacs = new Set(ifaces.map((i) => (i.macAddress ? parseMac(i.macAddress)?.text : undefined)).filter((m): m is string => m !== undefined));
  const liveIfaces = ifaces.filter((i) => i.state !== VmInterfaceState.ABSENT).length;
  const volsPath = joinPath(base, 'volumes');
  for (const vol of r.records(r.arr(spec, 'volumes', base), volsPath)) {
    const type = vol.value.cloudInitNoCloud !== undefined && vol.value.cloudInitNoCloud !== null ? 'cloudInitNoCloud' : vol.value.cloudInitConfigDrive !== undefined && vol.value.cloudInitConfigDrive !== null ? 'cloudInitConfigDrive' : undefined;
    if (!type) continue;
    const ci = r.rec(vol.value, type, vol.path);
    if (!ci) continue;
    const cp = joinPath(vol.path, type);
    const ref = (key: string): boolean => {
      const s = r.rec(ci, key, cp);
      return s !== undefined && !!r.str(s, 'name', joinPath(cp, key));
    };
    const part = (inlineKey: string, b64Key: string, refKey: string, max: number, tooLarge: KubevirtCode, sources: KubevirtCode, what: string): { text?: string; textPath?: string; count: number } => {
      let count = 0;
      let len = 0;
      let lenPath = '';
      let text: string | undefined;
      let textPath: string | undefined;
      if (ref(refKey)) count++;
      const b64 = r.str(ci, b64Key, cp);
      if (b64) {
        count++;
        const decoded = decodeStdBase64(b64);
        if (!decoded) add('KUBEVIRT_CLOUD_INIT_BASE64_INVALID', joinPath(cp, b64Key), `${b64Key} of volume ${show(vol.value.name)} is not valid base64`, 'encode with standard base64 (with padding), e.g. base64 -w0');
        else {
          text = decoded.toString('utf8');
          textPath = joinPath(cp, b64Key);
        }
        len = decoded?.length ?? 0;
        lenPath = joinPath(cp, b64Key);
      }
      const inline = r.str(ci, inlineKey, cp);
      if (inline) {
        count++;
        len = Buffer.byteLength(inline, 'utf8');
        lenPath = joinPath(cp, inlineKey);
        text = inline;
        textPath = lenPath;
      }
      if (count > 1) add(sources, cp, `volume ${show(vol.value.name)} sets more than one ${what} source (${inlineKey}, ${b64Key}, ${refKey})`, `keep exactly one of ${inlineKey}, ${b64Key}, ${refKey}`);
      if (len > max) add(tooLarge, lenPath, `${lenPath.split('.').pop()} of volume ${show(vol.value.name)} is ${len} bytes; KubeVirt admits at most ${max} bytes inline`, `move it into a Secret and reference it with ${refKey} (cloudInitVolume/cloudInitSecret do this)`);
      return { text, textPath, count };
    };
    const user = part('userData', 'userDataBase64', 'secretRef', CLOUD_INIT_USER_DATA_MAX_BYTES, 'KUBEVIRT_CLOUD_INIT_USER_DATA_TOO_LARGE', 'KUBEVIRT_CLOUD_INIT_USER_DATA_SOURCES', 'user-data');
    const net = part('networkData', 'networkDataBase64', 'networkDataSecretRef', CLOUD_INIT_NETWORK_DATA_MAX_BYTES, 'KUBEVIRT_CLOUD_INIT_NETWORK_DATA_TOO_LARGE', 'KUBEVIRT_CLOUD_INIT_NETWORK_DATA_SOURCES', 'network-data');
    if (user.count === 0 && net.count === 0) {
      add('KUBEVIRT_CLOUD_INIT_EMPTY', cp, `volume ${show(vol.value.name)} has no user-data and no network-data source`, 'set userData (or userDataBase64/secretRef) and/or networkData, or remove the volume');
    }
    if (net.text === undefined || net.textPath === undefined) continue;

    // networkData content: cloud-init parses it in the guest (network_state.py); KubeVirt does not.
    let parsed;
    try {
      parsed = parseNetworkData(net.text);
    } catch (e) {
      if (!(e instanceof NetworkDataParseError)) throw e;
      add('KUBEVIRT_NETWORK_DATA_INVALID', net.textPath, `${e.message}; cloud-init in the guest will not configure the network`, 'write a network config v2 mapping (version: 2, ethernets: …), e.g. with networkDataV2()');
      continue;
    }
    if (parsed.version !== 2) continue;
    // multihome lint: NICs addressed by guest name (kubevirt/kubevirt#16693). Only meaningful with more than one NIC.
    const byName = parsed.ethernets.filter((e) => e.macaddress === undefined);
    if (byName.length && liveIfaces > 1) {
      add('KUBEVIRT_NETWORK_DATA_MATCH_BY_NAME', net.textPath, `networkData configures ${byName.map((e) => e.id).join(', ')} by guest interface name without match.macaddress; with ${liveIfaces} NICs the guest's NIC order/naming is not stable (kubevirt/kubevirt#16693)`, 'set macAddress on each interface and match on it: match: {macaddress: "<mac>"} plus set-name (networkDataV2 renders this)');
    }
    const unknown = parsed.ethernets.filter((e) => e.macaddress !== undefined && !ifaceMacs.has(parseMac(e.macaddress)?.text ?? `?${e.macaddress}`));
    if (unknown.length) {
      add('KUBEVIRT_NETWORK_DATA_UNKNOWN_MAC', net.textPath, `networkData matches macaddress ${unknown.map((e) => `${e.macaddress} (${e.id})`).join(', ')}, which no interface of this VM sets; that config never applies`, 'set the same macAddress on the interface, or fix the MAC in networkData');
    }
  }

  return sink.problems;
}
