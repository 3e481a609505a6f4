/**
 * validateVirtualMachine: reads the VMI spec's interfaces and networks once into a
 * {@link VmContext}, then runs every rule over it, in report order.
 */
import { Problem, ResourceRef } from '../../errors';
import { FieldReader, Rec } from '../../field-reader';
import { joinPath } from '../../path';
import { isRecord, ProblemSink, show } from '../../problems';
import { KUBEVIRT_CODES } from '../codes';
import { isVmOrVmi, specLocation } from '../read';
import { VmContext, VmRule } from './context';
import { KUBEVIRT_READER_STYLE } from './reader';
import { checkAcpiIndex } from './rules/acpi-index';
import { checkBindings, checkDiscontinuedBindings } from './rules/binding';
import { checkBootOrder } from './rules/boot-order';
import { checkBridgeWithoutMac } from './rules/bridge-mac';
import { checkCloudInitVolumes } from './rules/cloud-init';
import { checkResourceClaims } from './rules/dra';
import { checkInterfaceState } from './rules/interface-state';
import { checkInterfaceFields, checkInterfaceNetworkPairs, checkUniqueNames } from './rules/netiface';
import { checkNetworkSources, checkSinglePodNetwork } from './rules/netsource';
import { readInterfaces, readNetworks } from './views';
import { checkQuantities, checkRunStrategy } from './rules/vm-values';
import { checkPortRanges } from './rules/port-ranges';
import { checkProbes } from './rules/probes';
import { checkVersionedFields } from './rules/versioned';
import { DEFAULT_KUBEVIRT_VERSION, KubevirtVersion, parseKubevirtVersion } from '../version';

/** Options of {@link validateVirtualMachine}. */
export interface VmValidationOptions {
  /**
   * The KubeVirt release the VM is meant for, 'MAJOR.MINOR' (a leading `v` and a patch level are
   * accepted). Rules whose upstream behaviour changed between releases follow it (see
   * KUBEVIRT_API_SINCE). Throws a RangeError when malformed or older than 1.0.
   * @default DEFAULT_KUBEVIRT_VERSION ('1.9')
   */
  readonly kubevirtVersion?: string;
}

/** The rules, in report order (each names its KubeVirt admitter file). */
const RULES: readonly VmRule[] = [
  checkVersionedFields,
  checkSinglePodNetwork,
  checkNetworkSources,
  checkInterfaceState,
  checkBindings,
  checkDiscontinuedBindings,
  checkUniqueNames,
  checkResourceClaims,
  checkInterfaceNetworkPairs,
  checkInterfaceFields,
  checkPortRanges,
  checkBootOrder,
  checkAcpiIndex,
  checkBridgeWithoutMac,
  checkCloudInitVolumes,
  checkProbes,
  checkQuantities,
];

function resourceOf(obj: unknown): ResourceRef {
  const kind = isRecord(obj) && typeof obj.kind === 'string' ? obj.kind : 'VirtualMachine';
  const md = isRecord(obj) && isRecord(obj.metadata) ? obj.metadata : {};
  return {
    kind,
    ...(typeof md.name === 'string' ? { name: md.name } : {}),
    ...(typeof md.namespace === 'string' ? { namespace: md.namespace } : {}),
  };
}

/** Reads the VM or VMI into a context: the VMI spec (each level required), then its devices, interfaces and networks. */
function readVm(read: FieldReader, obj: Rec & { kind: string }, version: KubevirtVersion): VmContext | undefined {
  const loc = specLocation(obj);
  let spec: Rec | undefined = obj;
  let walked = '';
  for (const seg of loc.segments as string[]) {
    spec = spec ? read.recordField(spec, seg, walked, true) : undefined;
    walked = joinPath(walked, seg);
  }
  if (!spec) return undefined;
  const base = loc.base;
  const domain = read.recordField(spec, 'domain', base);
  const devicesPath = joinPath(base, 'domain', 'devices');
  const devices = domain ? read.recordField(domain, 'devices', joinPath(base, 'domain')) : undefined;
  const ifaces = readInterfaces(read, devices, devicesPath);
  const nets = readNetworks(read, spec, base);
  return new VmContext(read, spec, base, devices, devicesPath, ifaces, nets, version);
}

/**
 * Validates a VirtualMachine (`spec.template.spec`) or VirtualMachineInstance (`spec`) manifest
 * and returns every problem at once: what KubeVirt admission would reject (errors), what libvirt
 * or cloud-init would fail on later (errors), and multihome lints (warnings). Objects of other
 * kinds get one `KUBEVIRT_KIND` error.
 *
 * `options.kubevirtVersion` selects the KubeVirt release the rules follow (default
 * {@link DEFAULT_KUBEVIRT_VERSION}); without options the result is the v1.9 one.
 */
export function validateVirtualMachine(obj: unknown, options: VmValidationOptions = {}): Problem[] {
  const version = parseKubevirtVersion(options.kubevirtVersion ?? DEFAULT_KUBEVIRT_VERSION);
  const sink = new ProblemSink(resourceOf(obj), KUBEVIRT_CODES);
  if (!isVmOrVmi(obj)) {
    const given = isRecord(obj) ? `${show(obj.apiVersion)} ${show(obj.kind)}` : show(obj);
    sink.add('KUBEVIRT_KIND', 'kind', `object is ${given}; expected kubevirt.io VirtualMachine or VirtualMachineInstance`, 'pass a kubevirt.io/v1 VirtualMachine or VirtualMachineInstance');
    return sink.problems;
  }
  checkRunStrategy(obj, (code, path, message, fix) => sink.add(code, path, message, fix));
  const ctx = readVm(new FieldReader(sink, KUBEVIRT_READER_STYLE), obj, version);
  if (ctx) for (const rule of RULES) rule(ctx);
  return sink.problems;
}
