/**
 * The one field reader of the per-resource validators (nmstate, CNI, KubeVirt): typed reads of
 * untrusted manifest fields. A read returns the value when it has the expected type, `undefined`
 * when it is absent (or `null`, which Go and serde decode as unset), and otherwise reports the
 * field once, at its path, and returns `undefined` so the rules go on (collect all, fail once).
 *
 * What differs between the areas is configuration, not code: each area passes a
 * {@link FieldReaderStyle} with its problem codes, its wording, whether values may be nmpolicy
 * capture templates (nmstate resolves them on the node) and whether scalars are read leniently
 * (nmstate's serde `*_or_string` readers) or strictly (Go's encoding/json).
 *
 * Reads come in two shapes: `string(value, path, label)` for a value whose path the caller has
 * (list items, values read before), and `stringField(obj, key, base)` for a field of an object,
 * whose path is only joined when there is something to report (the hot path allocates nothing).
 */
import { joinPath } from './path';
import { isRecord, ProblemSink } from './problems';

/** A JSON/YAML mapping as the readers return it. */
export type Rec = Record<string, unknown>;

/**
 * JSON value kinds a field can be declared with, as Go's encoding/json decodes them:
 * `stringMap`/`boolMap` are objects of string/boolean values, `any` accepts everything.
 */
export type JsonKind = 'string' | 'boolean' | 'integer' | 'object' | 'array' | 'stringMap' | 'boolMap' | 'any';

/** True when `v` (not null) has JSON kind `kind`; integers are numbers without a fraction. */
export function hasJsonKind(v: unknown, kind: JsonKind): boolean {
  switch (kind) {
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'object':
      return isRecord(v);
    case 'array':
      return Array.isArray(v);
    case 'stringMap':
      return isRecord(v) && Object.values(v).every((x) => typeof x === 'string' || x === null);
    case 'boolMap':
      return isRecord(v) && Object.values(v).every((x) => typeof x === 'boolean' || x === null);
    case 'any':
      return true;
  }
}

/** The JSON type name of a value, in Go-decoder terms, for messages (`integer`, `object`, …). */
export function jsonTypeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (Number.isInteger(v)) return 'integer';
  return typeof v === 'object' ? 'object' : typeof v;
}

/** The value when it is an integer, else undefined (no report: for fields whose type was checked already). */
export function integerOf(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

/**
 * A non-negative integer given as a number or a string of digits (nmstate deserializes its integers
 * from either: rust/src/lib/deserializer.rs u32_or_string), else undefined.
 */
export function countOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return undefined;
}

/** The value when it is a string, else undefined (no report: for fields whose type was checked already). */
export function stringOf(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** True for an nmpolicy capture reference such as `"{{ capture.base-iface.interfaces.0.name }}"`. */
export function isCaptureTemplate(v: unknown): v is string {
  return typeof v === 'string' && /\{\{[^]*\}\}/.test(v);
}

/** Integer ranges of the Rust types nmstate deserializes into. */
export const INT_RANGES = {
  u8: [0, 255],
  u16: [0, 65535],
  u32: [0, 4294967295],
  u64: [0, Number.MAX_SAFE_INTEGER],
  i32: [-2147483648, 2147483647],
  i64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
} as const;

/** The name of an integer range (`u16`, `i64`, …). */
export type IntKind = keyof typeof INT_RANGES;

/** Strings serde's `option_bool_or_string` reads as true (compared lower-cased). */
export const TRUE_STRINGS: readonly string[] = ['1', 'true', 'yes', 'on', 'y'];
/** Strings serde's `option_bool_or_string` reads as false (compared lower-cased). */
export const FALSE_STRINGS: readonly string[] = ['0', 'false', 'no', 'off', 'n'];

/** True when a lenient boolean reads as true (true, 1, "yes", "on", …), without reporting. */
export function isTrueFlag(v: unknown): boolean {
  return v === true || v === 1 || (typeof v === 'string' && TRUE_STRINGS.includes(v.toLowerCase()));
}

/** True when a lenient boolean reads as false (false, 0, "no", "off", …), without reporting. */
export function isFalseFlag(v: unknown): boolean {
  return v === false || v === 0 || (typeof v === 'string' && FALSE_STRINGS.includes(v.toLowerCase()));
}

/** A problem's message and fix, as a style words them. */
export interface Wording {
  readonly message: string;
  readonly fix: string;
}

/** How an area's reader reports: codes, wording and leniency (see the module comment). */
export interface FieldReaderStyle {
  /** Code of a missing required field or a value of the wrong type (e.g. `NMSTATE_FIELD_TYPE`). */
  readonly typeCode: string;
  /**
   * Code of a value outside an enumeration ({@link FieldReader.oneOf}).
   * @default - typeCode
   */
  readonly enumCode?: string;
  /** Capture templates (`{{ … }}`) are resolved later: read them as absent and never check them. */
  readonly skipTemplates: boolean;
  /** Integers may be decimal strings and booleans `1`/`0`/`yes`/`no`/`on`/`off`/`y`/`n` (serde `*_or_string`). */
  readonly lenientScalars: boolean;
  /** Wording of a required field that is missing. */
  missing(path: string, label: string, kind: JsonKind): Wording;
  /** Wording of a value of the wrong type; `range` is given for integers read with one. */
  mistyped(path: string, label: string, value: unknown, kind: JsonKind, range?: IntKind): Wording;
  /** Wording of a value outside `allowed` ({@link FieldReader.oneOf}). */
  notAllowed?(path: string, label: string, value: unknown, allowed: readonly string[]): Wording;
}

/** One list item that is a mapping, with its index and path. */
export interface RecordItem {
  readonly index: number;
  readonly path: string;
  readonly value: Rec;
}

const NO_ALIASES: Readonly<Record<string, string>> = {};

/**
 * Reads the fields of one resource and reports each wrong one once, into the resource's sink.
 * Create one per validated document; it holds no per-field state.
 */
export class FieldReader {
  constructor(
    /** Where problems go. */
    readonly sink: ProblemSink,
    /** The area's codes, wording and leniency. */
    readonly style: FieldReaderStyle,
  ) {}

  /** A mapping at `path`, or undefined (absent, template, or wrong type: reported). */
  record(v: unknown, path: string, label: string, required = false): Rec | undefined {
    return this.typed(v, path, undefined, label, 'object', required) as Rec | undefined;
  }

  /** A list at `path`, or undefined (absent, template, or wrong type: reported). */
  list(v: unknown, path: string, label: string, required = false): unknown[] | undefined {
    return this.typed(v, path, undefined, label, 'array', required) as unknown[] | undefined;
  }

  /** A string at `path`, or undefined (absent, template, or wrong type: reported). */
  string(v: unknown, path: string, label: string, required = false): string | undefined {
    return this.typed(v, path, undefined, label, 'string', required) as string | undefined;
  }

  /** A boolean at `path` (lenient styles: also 1/0 and yes/no/on/off/y/n), or undefined. */
  bool(v: unknown, path: string, label: string, required = false): boolean | undefined {
    return this.boolean(v, path, undefined, label, required);
  }

  /**
   * An integer at `path`, within `range` when one is given (lenient styles: also a decimal
   * string), or undefined (absent, template, wrong type or out of range: reported).
   */
  int(v: unknown, path: string, label: string, range?: IntKind, required = false): number | undefined {
    return this.integer(v, path, undefined, label, range, required);
  }

  /** A value of JSON kind `kind` at `path` (null reads as absent), or undefined (wrong kind: reported). */
  ofKind(v: unknown, path: string, label: string, kind: JsonKind): unknown {
    return this.typed(v, path, undefined, label, kind, false);
  }

  /**
   * One of `allowed` (wire strings) at `path`; numbers are read as their decimal text (nmstate's
   * `NumberAsString`), and `aliases` maps alternative spellings to the canonical value. Returns
   * the canonical value, or undefined (absent, template, or not allowed: reported).
   */
  oneOf(v: unknown, path: string, label: string, allowed: readonly string[], aliases: Readonly<Record<string, string>> = NO_ALIASES): string | undefined {
    if (v === undefined || v === null || (this.style.skipTemplates && isCaptureTemplate(v))) return undefined;
    const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v : undefined;
    if (s !== undefined) {
      if (allowed.includes(s)) return s;
      if (s in aliases) return aliases[s];
    }
    const w = this.style.notAllowed
      ? this.style.notAllowed(path, label, v, allowed)
      : this.style.mistyped(path, label, v, 'string');
    this.sink.add(this.style.enumCode ?? this.style.typeCode, path, w.message, w.fix);
    return undefined;
  }

  /** Field `key` of `obj` as a mapping (path `base.key`, label `key`). */
  recordField(obj: Rec, key: string, base: string, required = false): Rec | undefined {
    return this.typed(obj[key], base, key, key, 'object', required) as Rec | undefined;
  }

  /** Field `key` of `obj` as a list (path `base.key`, label `key`). */
  listField(obj: Rec, key: string, base: string, required = false): unknown[] | undefined {
    return this.typed(obj[key], base, key, key, 'array', required) as unknown[] | undefined;
  }

  /** Field `key` of `obj` as a string (path `base.key`, label `key`). */
  stringField(obj: Rec, key: string, base: string, required = false): string | undefined {
    return this.typed(obj[key], base, key, key, 'string', required) as string | undefined;
  }

  /** Field `key` of `obj` as a boolean (path `base.key`, label `key`). */
  boolField(obj: Rec, key: string, base: string, required = false): boolean | undefined {
    return this.boolean(obj[key], base, key, key, required);
  }

  /** Field `key` of `obj` as an integer, within `range` when given (path `base.key`, label `key`). */
  intField(obj: Rec, key: string, base: string, required = false, range?: IntKind): number | undefined {
    return this.integer(obj[key], base, key, key, range, required);
  }

  /**
   * The mapping items of a list with their paths (`base[i]`); other items are reported as
   * mistyped (label `itemLabel`) and skipped.
   */
  records(list: readonly unknown[] | undefined, base: string, itemLabel: string): RecordItem[] {
    const out: RecordItem[] = [];
    // forEach, not a for loop: holes of a sparse array are skipped, as they always were.
    list?.forEach((v, index) => {
      const path = joinPath(base, index);
      if (isRecord(v)) out.push({ index, path, value: v });
      else this.report(path, this.style.mistyped(path, itemLabel, v, 'object'));
    });
    return out;
  }

  private report(path: string, w: Wording): void {
    this.sink.add(this.style.typeCode, path, w.message, w.fix);
  }

  /** Absent/template handling shared by every read: true when the value reads as absent. */
  private absent(v: unknown, base: string, key: string | undefined, label: string, kind: JsonKind, required: boolean): boolean {
    if (v === undefined || v === null) {
      if (required) {
        const path = key === undefined ? base : joinPath(base, key);
        this.report(path, this.style.missing(path, label, kind));
      }
      return true;
    }
    return this.style.skipTemplates && isCaptureTemplate(v);
  }

  private typed(v: unknown, base: string, key: string | undefined, label: string, kind: JsonKind, required: boolean): unknown {
    if (this.absent(v, base, key, label, kind, required)) return undefined;
    if (hasJsonKind(v, kind)) return v;
    const path = key === undefined ? base : joinPath(base, key);
    this.report(path, this.style.mistyped(path, label, v, kind));
    return undefined;
  }

  private boolean(v: unknown, base: string, key: string | undefined, label: string, required: boolean): boolean | undefined {
    if (this.absent(v, base, key, label, 'boolean', required)) return undefined;
    if (typeof v === 'boolean') return v;
    if (this.style.lenientScalars) {
      if (v === 1 || v === 0) return v === 1;
      if (typeof v === 'string') {
        const s = v.toLowerCase();
        if (TRUE_STRINGS.includes(s)) return true;
        if (FALSE_STRINGS.includes(s)) return false;
      }
    }
    const path = key === undefined ? base : joinPath(base, key);
    this.report(path, this.style.mistyped(path, label, v, 'boolean'));
    return undefined;
  }

  private integer(v: unknown, base: string, key: string | undefined, label: string, range: IntKind | undefined, required: boolean): number | undefined {
    if (this.absent(v, base, key, label, 'integer', required)) return undefined;
    let n: number | undefined;
    if (typeof v === 'number' && Number.isInteger(v)) n = v;
    else if (this.style.lenientScalars && typeof v === 'string' && /^\s*[-+]?\d+\s*$/.test(v)) n = Number(v.trim());
    if (n !== undefined && (range === undefined || (n >= INT_RANGES[range][0] && n <= INT_RANGES[range][1]))) return n;
    const path = key === undefined ? base : joinPath(base, key);
    this.report(path, this.style.mistyped(path, label, v, 'integer', range));
    return undefined;
  }
}
