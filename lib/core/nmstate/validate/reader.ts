/**
 * The nmstate flavour of the shared {@link FieldReader}: serde's lenient `*_or_string` scalars,
 * nmpolicy capture templates skipped, nmstate's wording, plus the two checks every nmstate struct
 * needs (deny_unknown_fields, kernel interface names).
 */
import { FieldReader, FieldReaderStyle, INT_RANGES, isCaptureTemplate, Rec } from '../../field-reader';
import { interfaceNameError } from '../../names';
import { joinPath } from '../../path';
import { ProblemSink, show } from '../../problems';
import { NmstateCode } from '../codes';
import { DEFAULT_NMSTATE_VERSION, describeSince, knownAt, newerThan, Since, Versioned } from './versions';

const WORDS: Readonly<Record<string, [string, string]>> = {
  object: ['a mapping', 'a YAML mapping'],
  array: ['a list', 'a YAML list'],
  string: ['a string', 'a string'],
};

/** How nmstate words a wrong field: `<path> (<what>) must be …, got <value>`. */
export const NMSTATE_READER_STYLE: FieldReaderStyle = {
  typeCode: 'NMSTATE_FIELD_TYPE' satisfies NmstateCode,
  enumCode: 'NMSTATE_ENUM_INVALID' satisfies NmstateCode,
  skipTemplates: true,
  lenientScalars: true,
  missing: (path, what) => ({ message: `${path} (${what}) is required`, fix: `set ${what}` }),
  mistyped: (path, what, v, kind, range) => {
    if (kind === 'integer' && range !== undefined) {
      const [min, max] = INT_RANGES[range];
      return { message: `${path} (${what}) must be an integer in ${min}–${max} (${range}), got ${show(v)}`, fix: `set ${what} to an integer in ${min}–${max}` };
    }
    if (kind === 'boolean') return { message: `${path} (${what}) must be a boolean (true|false|1|0|yes|no|on|off|y|n), got ${show(v)}`, fix: `set ${what} to true or false` };
    const [word, fixWord] = WORDS[kind] ?? [`a ${kind}`, `a ${kind}`];
    return { message: `${path} (${what}) must be ${word}, got ${show(v)}`, fix: `write ${what} as ${fixWord}` };
  },
  notAllowed: (path, what, v, allowed) => ({ message: `${path} (${what}) is ${show(v)}; allowed: ${allowed.join(', ')}`, fix: `set ${what} to one of ${allowed.join(', ')}` }),
};

/** The validation context of one resource: the shared reader with nmstate's codes and checks, for one nmstate release. */
export class NmstateReader extends FieldReader {
  constructor(
    sink: ProblemSink,
    style: FieldReaderStyle,
    /** The nmstate release the state is validated for (see versions.ts). */
    readonly version: string = DEFAULT_NMSTATE_VERSION,
  ) {
    super(sink, style);
  }

  /** Records a problem with an nmstate code. */
  add(code: NmstateCode, path: string, message: string, fix: string): void {
    this.sink.add(code, path, message, fix);
  }

  /**
   * Reports `what` (a key, enum value or interface type at `path`) that nmstate added after the
   * target release: the target's serde rejects it (NMSTATE_FIELD_NEWER_THAN_TARGET).
   */
  newer(path: string, what: string, since: Since): void {
    this.add(
      'NMSTATE_FIELD_NEWER_THAN_TARGET',
      path,
      `${path}: ${what} was added in ${describeSince(since)}; the target is nmstate ${this.version}, which rejects it`,
      `remove it, or target nmstate ${since.pinned === false ? 'newer than 2.2.37' : `${since.version} or newer`} (nmstateVersion)`,
    );
  }

  /**
   * Reports keys of `obj` that the deny_unknown_fields struct `struct` does not have at the target
   * release: unknown to every release (NMSTATE_UNKNOWN_FIELD) or added after it
   * (NMSTATE_FIELD_NEWER_THAN_TARGET). `skip` keys are checked by the caller.
   */
  unknownKeys(obj: Rec, path: string, table: Versioned, struct: string, skip: readonly string[] = []): void {
    for (const k of Object.keys(obj)) {
      if (skip.includes(k)) continue;
      if (table.all.includes(k)) {
        const s = newerThan(table, k, this.version);
        if (s) this.newer(joinPath(path, k), `${struct} field ${show(k)}`, s);
        continue;
      }
      const known = knownAt(table, this.version);
      this.add('NMSTATE_UNKNOWN_FIELD', joinPath(path, k), `${joinPath(path, k)}: ${struct} has no field ${show(k)} (nmstate ${this.version}); known fields: ${known.join(', ')}`, `remove ${show(k)} or fix its spelling (nmstate rejects unknown fields of ${struct})`);
    }
  }

  /**
   * One of the values of `table` at `path` (like {@link FieldReader.oneOf}); a value the target
   * release does not know yet is NMSTATE_FIELD_NEWER_THAN_TARGET. Returns the value, or undefined.
   */
  oneOfAt(v: unknown, path: string, label: string, table: Versioned, aliases?: Readonly<Record<string, string>>): string | undefined {
    const got = this.oneOf(v, path, label, table.all, aliases);
    if (got === undefined) return undefined;
    const s = newerThan(table, got, this.version);
    if (s) {
      this.newer(path, `${label} ${show(got)}`, s);
      return undefined;
    }
    return got;
  }

  /** Reports an invalid kernel interface name (linux net/core/dev.c dev_valid_name). */
  ifname(v: unknown, path: string, what: string): void {
    if (typeof v !== 'string' || isCaptureTemplate(v)) return;
    const err = interfaceNameError(v);
    if (err) this.add('NMSTATE_INTERFACE_NAME_INVALID', path, `${path} (${what}) ${show(v)} ${err}`, 'use a name of at most 15 bytes without "/", ":" or whitespace (for generated names like <base>.<vlan>, shorten the base or pick an explicit name)');
  }
}
