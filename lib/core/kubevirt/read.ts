/**
 * Typed reads of untrusted manifest fields: each returns the value when it has the expected JSON
 * type, `undefined` when absent (or `null`, which Go decodes as unset), and records
 * `KUBEVIRT_FIELD_TYPE` otherwise. Internal to the kubevirt module.
 */
import { API } from '../manifest';
import { joinPath, PathSegment } from '../path';
import { isRecord, ProblemSink, show } from '../problems';

type Kind = 'string' | 'integer' | 'boolean' | 'record' | 'array';

const WANT: Record<Kind, string> = {
  string: 'a string',
  integer: 'an integer',
  boolean: 'true or false',
  record: 'a mapping',
  array: 'a list',
};

function hasKind(v: unknown, kind: Kind): boolean {
  switch (kind) {
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'record':
      return isRecord(v);
    case 'array':
      return Array.isArray(v);
    default: {
      const never: never = kind;
      return never;
    }
  }
}

/** Reads fields of one resource, reporting wrong JSON types once, at the field's path. */
export class FieldReader {
  constructor(private readonly sink: ProblemSink) {}

  private read(obj: Record<string, unknown>, key: string, kind: Kind, base: string, required: boolean): unknown {
    const v = obj[key];
    const path = joinPath(base, key);
    if (v === undefined || v === null) {
      if (required) this.sink.add('KUBEVIRT_FIELD_TYPE', path, `${path} is required and missing`, `set ${key} to ${WANT[kind]}`);
      return undefined;
    }
    if (!hasKind(v, kind)) {
      this.sink.add('KUBEVIRT_FIELD_TYPE', path, `${path} is ${show(v)}; it must be ${WANT[kind]}`, `write ${key} as ${WANT[kind]}`);
      return undefined;
    }
    return v;
  }

  /** A string field. */
  str(obj: Record<string, unknown>, key: string, base: string, required = false): string | undefined {
    return this.read(obj, key, 'string', base, required) as string | undefined;
  }

  /** An integer field. */
  int(obj: Record<string, unknown>, key: string, base: string, required = false): number | undefined {
    return this.read(obj, key, 'integer', base, required) as number | undefined;
  }

  /** A boolean field. */
  bool(obj: Record<string, unknown>, key: string, base: string): boolean | undefined {
    return this.read(obj, key, 'boolean', base, false) as boolean | undefined;
  }

  /** A mapping field. */
  rec(obj: Record<string, unknown>, key: string, base: string, required = false): Record<string, unknown> | undefined {
    return this.read(obj, key, 'record', base, required) as Record<string, unknown> | undefined;
  }

  /** A list field. */
  arr(obj: Record<string, unknown>, key: string, base: string): unknown[] | undefined {
    return this.read(obj, key, 'array', base, false) as unknown[] | undefined;
  }

  /** The mapping items of a list, with their paths; non-mapping items are reported and skipped. */
  records(list: unknown[] | undefined, base: string): Array<{ index: number; path: string; value: Record<string, unknown> }> {
    const out: Array<{ index: number; path: string; value: Record<string, unknown> }> = [];
    (list ?? []).forEach((v, index) => {
      const path = joinPath(base, index);
      if (isRecord(v)) out.push({ index, path, value: v });
      else this.sink.add('KUBEVIRT_FIELD_TYPE', path, `${path} is ${show(v)}; it must be a mapping`, 'write each list item as a mapping');
    });
    return out;
  }
}

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
