/** Recognizes VM/VMI manifests and locates their VMI spec (field reads go through lib/core/field-reader.ts). Internal to the kubevirt module. */
import { API } from '../manifest';
import { PathSegment } from '../path';
import { isRecord } from '../problems';

/** Where the VMI spec of a VM or VMI manifest lives. */
export interface SpecLocation {
  /** `spec.template.spec` for a VirtualMachine, `spec` for a VirtualMachineInstance. */
  readonly base: string;
  /** Path segments of `base`. */
  readonly segments: readonly PathSegment[];
}

/** True when `obj` is a kubevirt.io VirtualMachine or VirtualMachineInstance. */
export function isVmOrVmi(obj: unknown): obj is Record<string, unknown> & { kind: string } {
  return (
    isRecord(obj) &&
    (obj.kind === API.vm.kind || obj.kind === API.vmi.kind) &&
    typeof obj.apiVersion === 'string' &&
    obj.apiVersion.startsWith('kubevirt.io/')
  );
}

/** The VMI spec location for a VM (`spec.template.spec`) or VMI (`spec`). */
export function specLocation(obj: { kind: string }): SpecLocation {
  return obj.kind === API.vm.kind ? { base: 'spec.template.spec', segments: ['spec', 'template', 'spec'] } : { base: 'spec', segments: ['spec'] };
}
