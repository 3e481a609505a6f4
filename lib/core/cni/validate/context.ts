/** What every NAD rule works on: the NAD's identity, its plugin profile, the reader and the sink. */
import { FieldReader, Rec } from '../../field-reader';
import { joinPath } from '../../path';
import { isRecord, ProblemSink } from '../../problems';
import { CniCode } from '../codes';
import { ParsedNad } from '../nad';
import { PluginProfile } from '../profiles';
import { RESOURCE_NAME_ANNOTATION } from '../types';
import { parseRawJson, RawNode } from './raw-json';
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
  /**
   * The cniVersion every plugin of the config sees: libcni injects the conflist's cniVersion
   * into each plugin (libcni/api.go buildOneConfig), a single config carries its own. Undefined
   * when absent or not a string.
   */
  readonly cniVersion?: string;

  constructor(
    /** Where the NAD's problems go. */
    readonly sink: ProblemSink,
    /** Which plugin build the nodes run. */
    readonly profile: PluginProfile,
    /** The NAD as `readNad` parsed it. */
    nad: ParsedNad,
    /** The `spec.config` text as written (for what JSON.parse hides: duplicate keys). */
    readonly rawConfig?: string,
  ) {
    this.read = new FieldReader(sink, CNI_READER_STYLE);
    this.nadName = nad.metadata.name;
    this.namespace = typeof nad.metadata.namespace === 'string' ? nad.metadata.namespace : undefined;
    this.annotations = isRecord(nad.metadata.annotations) ? nad.metadata.annotations : {};
    const v = isRecord(nad.config) ? nad.config.cniVersion : undefined;
    this.cniVersion = typeof v === 'string' && v !== '' ? v : undefined;
  }

  /**
   * True when the config names a CNI spec version before 0.3.0 (0.1.0, 0.2.0): results then
   * have one IP per family and need at least one (containernetworking/cni pkg/types/040/types.go
   * convertTo02x). An absent cniVersion (also 0.1.0 for libcni) is left to CNI_VERSION_MISSING.
   */
  get isPre030(): boolean {
    return this.cniVersion === '0.1.0' || this.cniVersion === '0.2.0';
  }

  private rawRoot?: RawNode | null;

  /**
   * The raw JSON node of the plugin at `path` (`spec.config` itself, or the `index`-th of the
   * conflist's `plugins`, the last "plugins" key as JSON.parse and Go keep); undefined when the
   * text is not available.
   */
  rawPlugin(path: string, index: number): RawNode | undefined {
    if (this.rawRoot === undefined) this.rawRoot = (this.rawConfig !== undefined && parseRawJson(this.rawConfig)) || null;
    const root = this.rawRoot ?? undefined;
    if (path === 'spec.config') return root;
    const lists = root?.kind === 'object' ? root.members.filter(([k]) => k === 'plugins') : [];
    const list = lists.length > 0 ? lists[lists.length - 1][1] : undefined;
    return list?.kind === 'array' ? list.items[index] : undefined;
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

