/**
 * Parse ⇄ render of the VM network section (`domain.devices.interfaces[]` + `networks[]`) of a
 * VirtualMachine (`spec.template.spec`) or VirtualMachineInstance (`spec`). Unknown fields are
 * kept; rendering orders keys canonically (known fields in schema order, then unknown ones
 * sorted), so identical sections give byte-identical YAML.
 */
import { MultihomeError } from '../errors';
import { isRecord } from '../problems';
import { BINDING_KEYS, VmInterface, VmNetwork, VmNetworkSection } from './types';
import { isVmOrVmi, specLocation } from './read';
import { validateVirtualMachine } from './validate';

/** Key order of rendered objects, per kind of object; unknown keys follow, sorted. */
const ORDER = {
  interface: ['name', ...BINDING_KEYS, 'binding', 'model', 'macAddress', 'pciAddress', 'bootOrder', 'acpiIndex', 'ports', 'portRanges', 'dhcpOptions', 'tag', 'state'],
  network: ['name', 'pod', 'multus', 'resourceClaim'],
  pod: ['vmNetworkCIDR', 'vmIPv6NetworkCIDR'],
  multus: ['networkName', 'default'],
  resourceClaim: ['claimName', 'requestName'],
  binding: ['name'],
  port: ['name', 'port', 'protocol'],
  portRange: ['protocol', 'start', 'end'],
  dhcpOptions: ['bootFileName', 'tftpServerName', 'ntpServers', 'privateOptions'],
  privateOption: ['option', 'value'],
} as const;

/** Deep copy with keys in `order` first, then the rest sorted; nested objects sorted recursively. */
function canonical(v: unknown, order: readonly string[] = [], nested: Record<string, readonly string[]> = {}, listItem: Record<string, readonly string[]> = {}): unknown {
  if (Array.isArray(v)) return v.map((x) => canonical(x));
  if (!isRecord(v)) return v;
  const keys = Object.keys(v);
  const known = order.filter((k) => keys.includes(k));
  const rest = keys.filter((k) => !order.includes(k)).sort();
  const out: Record<string, unknown> = {};
  for (const k of [...known, ...rest]) {
    const x = v[k];
    if (nested[k] && isRecord(x)) out[k] = canonical(x, nested[k]);
    else if (listItem[k] && Array.isArray(x)) out[k] = x.map((item) => canonical(item, listItem[k]));
    else out[k] = canonical(x);
  }
  return out;
}

function renderInterface(i: VmInterface): Record<string, unknown> {
  const out = canonical(i, ORDER.interface, { binding: ORDER.binding }, { ports: ORDER.port, portRanges: ORDER.portRange }) as Record<string, unknown>;
  if (isRecord(i.dhcpOptions)) {
    out.dhcpOptions = canonical(i.dhcpOptions, ORDER.dhcpOptions, {}, { privateOptions: ORDER.privateOption });
  }
  return out;
}

function renderNetwork(n: VmNetwork): Record<string, unknown> {
  return canonical(n, ORDER.network, { pod: ORDER.pod, multus: ORDER.multus, resourceClaim: ORDER.resourceClaim }) as Record<string, unknown>;
}

/**
 * Renders a network section as plain JSON (`{interfaces?, networks?}`), keys in canonical order.
 * Lists that are undefined in the section are left out.
 */
export function renderNetworkSection(section: VmNetworkSection): { interfaces?: Record<string, unknown>[]; networks?: Record<string, unknown>[] } {
  return {
    ...(section.interfaces !== undefined ? { interfaces: section.interfaces.map(renderInterface) } : {}),
    ...(section.networks !== undefined ? { networks: section.networks.map(renderNetwork) } : {}),
  };
}

function clone<T>(v: T): T {
  return structuredClone(v);
}

/** The VMI spec object of a VM or VMI manifest (undefined when absent). */
function vmiSpecOf(manifest: Record<string, unknown>): Record<string, unknown> | undefined {
  let cur: unknown = manifest;
  for (const seg of specLocation(manifest as { kind: string }).segments as string[]) cur = isRecord(cur) ? cur[seg] : undefined;
  return isRecord(cur) ? cur : undefined;
}

/**
 * Reads the network section of a VirtualMachine or VirtualMachineInstance manifest. Unknown
 * fields are kept. Throws a {@link MultihomeError} when the object is not a VM/VMI or a field of
 * the section has the wrong JSON type (`KUBEVIRT_KIND`, `KUBEVIRT_FIELD_TYPE`); semantic problems
 * are left to {@link validateVirtualMachine}.
 */
export function parseNetworkSection(manifest: unknown): VmNetworkSection {
  const shape = validateVirtualMachine(manifest).filter(
    (p) => p.code === 'KUBEVIRT_KIND' || (p.code === 'KUBEVIRT_FIELD_TYPE' && !/\.volumes\[|\.disks\[/.test(p.path)),
  );
  if (shape.length) throw new MultihomeError(shape, 'cannot parse the VM network section');
  if (!isVmOrVmi(manifest)) throw new Error('unreachable: not a VM/VMI');
  const spec = vmiSpecOf(manifest);
  const devices = isRecord(spec?.domain) && isRecord(spec.domain.devices) ? spec.domain.devices : undefined;
  const interfaces = Array.isArray(devices?.interfaces) ? (clone(devices.interfaces) as VmInterface[]) : undefined;
  const networks = Array.isArray(spec?.networks) ? (clone(spec.networks) as VmNetwork[]) : undefined;
  return { ...(interfaces ? { interfaces } : {}), ...(networks ? { networks } : {}) };
}

/** Field path of the VMI spec in a manifest of `kind`: `spec.template.spec` (VirtualMachine) or `spec`. */
export function networkSectionBase(kind: string): string {
  return specLocation({ kind }).base;
}

/**
 * Returns a copy of a VM/VMI manifest with its network section replaced by `section` (rendered
 * canonically); lists undefined in `section` are removed. Missing parents are created.
 */
export function withNetworkSection<M extends Record<string, unknown>>(manifest: M, section: VmNetworkSection): M {
  if (!isVmOrVmi(manifest)) throw new Error(`withNetworkSection: ${String(manifest.kind)} is not a kubevirt.io VirtualMachine or VirtualMachineInstance`);
  const out = clone(manifest);
  let spec: Record<string, unknown> = out;
  for (const seg of specLocation(out as { kind: string }).segments as string[]) {
    if (!isRecord(spec[seg])) spec[seg] = {};
    spec = spec[seg] as Record<string, unknown>;
  }
  const rendered = renderNetworkSection(section);
  if (rendered.interfaces !== undefined) {
    if (!isRecord(spec.domain)) spec.domain = {};
    const domain = spec.domain as Record<string, unknown>;
    if (!isRecord(domain.devices)) domain.devices = {};
    (domain.devices as Record<string, unknown>).interfaces = rendered.interfaces;
  } else if (isRecord(spec.domain) && isRecord(spec.domain.devices)) {
    delete spec.domain.devices.interfaces;
  }
  if (rendered.networks !== undefined) spec.networks = rendered.networks;
  else delete spec.networks;
  return out;
}
