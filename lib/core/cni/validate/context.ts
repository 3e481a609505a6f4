/** What every NAD rule works on: the NAD's identity, its plugin profile, the reader and the sink. */
import { FieldReader, Rec } from '../../field-reader';
import { joinPath } from '../../path';
import { isRecord, ProblemSink } from '../../problems';
import { CniCode } from '../codes';
import { ParsedNad } from '../nad';
import { PluginProfile } from '../profiles';
import { RESOURCE_NAME_ANNOTATION } from '../types';
import { CNI_READER_STYLE } from './reader';

/** Path of the resourceName annotation, where the rules about it report. */
export const RESOURCE_PATH = joinPath('metadata', 'annotations', RESOURCE_NAME_ANNOTATION);

/** The validation context of one NAD (collect all, fail once). */
export class NadContext {
  /** The shared field reader (CNI style). */
  readonly read: FieldReader;
  /** `metadata.name`. */
  readonly nadName: string;
  /** `metadata.namespace`, when given. */
  readonly namespace?: string;
  /** `metadata.annotations` (empty when missing). */
  readonly annotations: Rec;

  constructor(
    /** Where the NAD's problems go. */
    readonly sink: ProblemSink,
    /** Which plugin build the nodes run. */
    readonly profile: PluginProfile,
    /** The NAD as `readNad` parsed it. */
    nad: ParsedNad,
  ) {
    this.read = new FieldReader(sink, CNI_READER_STYLE);
    this.nadName = nad.metadata.name;
    this.namespace = typeof nad.metadata.namespace === 'string' ? nad.metadata.namespace : undefined;
    this.annotations = isRecord(nad.metadata.annotations) ? nad.metadata.annotations : {};
  }

  /** Records a problem with a CNI code. */
  add(code: CniCode, path: string, message: string, fix: string): void {
    this.sink.add(code, path, message, fix);
  }

  /** The cniVersion to suggest: 1.0.0 when the profile supports it, else its newest. */
  highestCommonVersion(): string {
    return this.profile.supportsCniVersion('1.0.0') ? '1.0.0' : this.profile.cniVersions[this.profile.cniVersions.length - 1];
  }
}

