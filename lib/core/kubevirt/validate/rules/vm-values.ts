/**
 * Values the API server or virt-api refuses on create, outside the network section:
 * - KUBEVIRT_RUN_STRATEGY_INVALID: `spec.runStrategy` of a VirtualMachine is one of the
 *   `VirtualMachineRunStrategy` constants (kubevirt/kubevirt staging/src/kubevirt.io/api/core/v1/types.go:
 *   Always, RerunOnFailure, Manual, Halted, Once, WaitAsReceiver); virt-api's
 *   pkg/virt-api/webhooks/validating-webhook/admitters/vms-admitter.go validateRunStrategy refuses
 *   any other ("Invalid RunStrategy"; WaitAsReceiver only with the DecentralizedLiveMigration gate).
 * - KUBEVIRT_QUANTITY_INVALID: memory and CPU quantities of the VMI spec
 *   (`domain.resources.requests|limits.memory|cpu`, `domain.memory.guest`) follow
 *   resource.Quantity's grammar (kubernetes/apimachinery pkg/api/resource/quantity.go):
 *   `<signedNumber><suffix>`, number `digits[.digits]` or `.digits`, suffix a binary SI
 *   (Ki Mi Gi Ti Pi Ei), a decimal SI (n u m "" k M G T P E) or an exponent (e/E and a signed
 *   integer). No spaces, no "GB": `1 GB` is refused when the object is decoded.
 */
import { joinPath } from '../../../path';
import { isRecord, show } from '../../../problems';
import { VmContext } from '../context';

/** types.go VirtualMachineRunStrategy constants. */
export const RUN_STRATEGIES: readonly string[] = ['Always', 'RerunOnFailure', 'Manual', 'Halted', 'Once', 'WaitAsReceiver'];

/** quantity.go's grammar as one expression (the `resource.Quantity` OpenAPI pattern). */
const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$/;

/** True when `v` parses as a resource.Quantity (a JSON number also decodes as one). */
export function isQuantity(v: unknown): boolean {
  return (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && QUANTITY.test(v));
}

/** KUBEVIRT_RUN_STRATEGY_INVALID on a VirtualMachine's `spec.runStrategy`. */
export function checkRunStrategy(obj: Record<string, unknown>, add: VmContext['add']): void {
  if (obj.kind !== 'VirtualMachine' || !isRecord(obj.spec)) return;
  const rs = obj.spec.runStrategy;
  if (rs === undefined || (typeof rs === 'string' && RUN_STRATEGIES.includes(rs))) return;
  const collapse = (x: string): string => x.toLowerCase().replace(/(.)\1+/g, '$1');
  const near = typeof rs === 'string' ? RUN_STRATEGIES.find((s) => collapse(s) === collapse(rs)) : undefined;
  add('KUBEVIRT_RUN_STRATEGY_INVALID', 'spec.runStrategy', `runStrategy ${show(rs)} is not a KubeVirt run strategy (${RUN_STRATEGIES.join(', ')}); virt-api refuses the VM`, `use one of ${RUN_STRATEGIES.slice(0, 5).join(', ')}${near ? ` (did you mean ${near}?)` : ''}`);
}

/** KUBEVIRT_QUANTITY_INVALID on the VMI spec's memory and CPU quantities. */
export function checkQuantities(ctx: VmContext): void {
  const domain = ctx.spec.domain;
  if (!isRecord(domain)) return;
  const at = joinPath(ctx.base, 'domain');
  const check = (v: unknown, path: string): void => {
    if (v === undefined || isQuantity(v)) return;
    ctx.add('KUBEVIRT_QUANTITY_INVALID', path, `${path} is ${show(v)}, not a Kubernetes quantity (a number with an optional suffix Ki, Mi, Gi, … or k, M, G, …, no space)`, `write it like 1Gi, 512Mi or 2 (e.g. "1 GB" → 1G, or 1Gi for 1024³ bytes)`);
  };
  const resources = domain.resources;
  if (isRecord(resources)) {
    for (const part of ['requests', 'limits']) {
      const r = resources[part];
      if (isRecord(r)) for (const k of ['memory', 'cpu']) check(r[k], joinPath(at, 'resources', part, k));
    }
  }
  if (isRecord(domain.memory)) check(domain.memory.guest, joinPath(at, 'memory', 'guest'));
}
