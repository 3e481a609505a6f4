import { Problem, ResourceRef } from '../errors';
import { API, Manifest, ObjectMeta } from '../manifest';
import { isRecord, ProblemSink, show } from '../problems';
import { CNI_CODES } from './codes';
import { parseNadConfig, renderNadConfig } from './json';
import { NadConfig, RESOURCE_NAME_ANNOTATION } from './types';

/**
 * A NetworkAttachmentDefinition read from a manifest: the config parsed, the resourceName
 * annotation surfaced, everything else kept verbatim so {@link renderNad} gives the object back.
 */
export interface ParsedNad {
  /** As given (normally `k8s.cni.cncf.io/v1`). */
  readonly apiVersion: string;
  /** `NetworkAttachmentDefinition`. */
  readonly kind: string;
  /** metadata, verbatim (annotations included). */
  readonly metadata: ObjectMeta;
  /** The parsed `spec.config`; undefined when the spec has none (Multus then reads an on-disk config). */
  readonly config?: NadConfig;
  /** `metadata.annotations["k8s.v1.cni.cncf.io/resourceName"]`, when set. */
  readonly resourceName?: string;
  /** Keys of `spec` other than `config`, verbatim. */
  readonly specExtra: Readonly<Record<string, unknown>>;
  /** Top-level keys other than apiVersion, kind, metadata and spec, verbatim. */
  readonly extra: Readonly<Record<string, unknown>>;
  /** Whether the manifest had a `spec` key at all (kept for the round trip). */
  readonly hasSpec: boolean;
}

/** Result of {@link parseNad}. */
export type ParseNadResult = { readonly ok: true; readonly nad: ParsedNad } | { readonly ok: false; readonly problems: Problem[] };

/** The resource reference problems about `obj` carry. */
export function nadResourceRef(obj: unknown): ResourceRef {
  const meta = isRecord(obj) && isRecord(obj.metadata) ? obj.metadata : {};
  return {
    kind: isRecord(obj) && typeof obj.kind === 'string' ? obj.kind : API.nad.kind,
    ...(typeof meta.name === 'string' ? { name: meta.name } : {}),
    ...(typeof meta.namespace === 'string' ? { namespace: meta.namespace } : {}),
  };
}

/** Outcome of {@link readNad}: what could be read, with problems already reported to the sink. */
export interface ReadNad {
  /** The envelope when it is well-formed enough to go on. */
  readonly nad?: ParsedNad;
  /** True when the config could not be read (syntax/shape error already reported). */
  readonly configFailed: boolean;
}

/**
 * Reads the envelope and `spec.config` of a NAD, reporting NAD_SHAPE, NAD_CONFIG_MISSING,
 * NAD_CONFIG_NOT_STRING, NAD_CONFIG_JSON_SYNTAX and NAD_CONFIG_NOT_OBJECT to `sink`. Shared by
 * {@link parseNad} and `validateNad` so the two can never disagree.
 */
export function readNad(obj: unknown, sink: ProblemSink): ReadNad {
  if (!isRecord(obj)) {
    sink.add('NAD_SHAPE', '', `the document must be a NetworkAttachmentDefinition mapping, got ${show(obj)}`, 'write the NAD as a YAML mapping with apiVersion, kind, metadata and spec');
    return { configFailed: true };
  }
  let shapeOk = true;
  if (obj.kind !== API.nad.kind) {
    sink.add('NAD_SHAPE', 'kind', `kind is ${show(obj.kind)}; allowed: "${API.nad.kind}"`, `set kind: ${API.nad.kind}`);
    shapeOk = false;
  }
  if (typeof obj.apiVersion !== 'string' || obj.apiVersion.split('/')[0] !== 'k8s.cni.cncf.io') {
    sink.add('NAD_SHAPE', 'apiVersion', `apiVersion is ${show(obj.apiVersion)}; allowed: "${API.nad.apiVersion}" (or the legacy k8s.cni.cncf.io/v1beta1)`, `set apiVersion: ${API.nad.apiVersion}`);
    shapeOk = false;
  }
  const meta = obj.metadata;
  if (!isRecord(meta) || typeof meta.name !== 'string' || meta.name === '') {
    sink.add('NAD_SHAPE', isRecord(meta) ? 'metadata.name' : 'metadata', `metadata.name is ${show(isRecord(meta) ? meta.name : meta)}; a NAD needs a non-empty name`, 'set metadata.name (a DNS-1123 label)');
    shapeOk = false;
  } else if (meta.annotations !== undefined && !isRecord(meta.annotations)) {
    sink.add('NAD_SHAPE', 'metadata.annotations', `metadata.annotations is ${show(meta.annotations)}; it must be a map of strings`, 'write annotations as a mapping');
    shapeOk = false;
  }
  const spec = obj.spec;
  if (spec !== undefined && spec !== null && !isRecord(spec)) {
    sink.add('NAD_SHAPE', 'spec', `spec is ${show(spec)}; it must be a mapping with a config string`, "write spec: {config: '<CNI JSON>'}");
    shapeOk = false;
  }
  if (!shapeOk) return { configFailed: true };

  const metadata = meta as ObjectMeta;
  const specRec = isRecord(spec) ? spec : {};
  const { config: rawConfig, ...specExtra } = specRec;
  const { apiVersion, kind, metadata: _m, spec: _s, ...extra } = obj;
  void _m;
  void _s;
  const annotations = isRecord(metadata.annotations) ? metadata.annotations : {};
  const rn = annotations[RESOURCE_NAME_ANNOTATION];
  const base = {
    apiVersion: apiVersion as string,
    kind: kind as string,
    metadata,
    specExtra,
    extra,
    hasSpec: Object.prototype.hasOwnProperty.call(obj, 'spec'),
    ...(typeof rn === 'string' ? { resourceName: rn } : {}),
  };

  // network-attachment-definition-client pkg/utils/cniconfig.go GetCNIConfig: an empty spec makes
  // Multus look for an on-disk config named like the NAD; otherwise GetCNIConfigFromSpec
  // json.Unmarshals spec.config into a map.
  if (rawConfig === undefined || rawConfig === null || rawConfig === '') {
    sink.add('NAD_CONFIG_MISSING', 'spec.config', `spec.config is ${show(rawConfig)}: Multus will load an on-disk CNI config named "${metadata.name}", which multihome cannot check`, 'put the CNI JSON in spec.config');
    // keep an explicit "" / null verbatim for the round trip
    return { nad: rawConfig === undefined ? base : { ...base, specExtra: { ...specExtra, config: rawConfig } }, configFailed: false };
  }
  if (typeof rawConfig !== 'string') {
    sink.add('NAD_CONFIG_NOT_STRING', 'spec.config', `spec.config is ${Array.isArray(rawConfig) ? 'a YAML list' : isRecord(rawConfig) ? 'a YAML mapping' : `a ${typeof rawConfig}`} (${show(rawConfig)}); the CRD declares it a string holding JSON`, "quote the JSON: config: '{\"cniVersion\": \"1.0.0\", ...}' (or use a `>` block scalar)");
    return { nad: base, configFailed: true };
  }
  const parsed = parseNadConfig(rawConfig);
  if (!parsed.ok) {
    if (parsed.syntax) {
      const s = parsed.syntax;
      const excerpt = rawConfig.split('\n')[s.line - 1]?.trim() ?? '';
      sink.add(
        'NAD_CONFIG_JSON_SYNTAX',
        'spec.config',
        `spec.config is not valid JSON: ${s.message} at line ${s.line}, column ${s.column} of the config (near ${show(excerpt)})`,
        'fix the JSON at that position (a missing comma between members is the usual cause)',
      );
    } else {
      sink.add('NAD_CONFIG_NOT_OBJECT', 'spec.config', `spec.config is JSON ${show(parsed.value)}; allowed: a JSON object (one plugin config or a conflist with "plugins")`, 'wrap the config in {...}');
    }
    return { nad: base, configFailed: true };
  }
  return { nad: { ...base, config: parsed.config }, configFailed: false };
}

/**
 * Parses a whole NetworkAttachmentDefinition manifest. Fails (with the problems) only when the
 * object is not a NAD or `spec.config` is not a JSON object; a missing config is fine.
 */
export function parseNad(manifest: unknown): ParseNadResult {
  const sink = new ProblemSink(nadResourceRef(manifest), CNI_CODES);
  const r = readNad(manifest, sink);
  if (!r.nad || r.configFailed) return { ok: false, problems: sink.problems.filter((p) => p.code !== 'NAD_CONFIG_MISSING') };
  return { ok: true, nad: r.nad };
}

/**
 * Renders a parsed NAD back to a manifest: everything verbatim except `spec.config`, which is
 * {@link renderNadConfig} of the config (same JSON value, deterministic text).
 */
export function renderNad(nad: ParsedNad): Manifest {
  const spec: Record<string, unknown> = { ...nad.specExtra };
  if (nad.config !== undefined) spec.config = renderNadConfig(nad.config);
  return {
    apiVersion: nad.apiVersion,
    kind: nad.kind,
    metadata: nad.metadata,
    ...nad.extra,
    ...(nad.hasSpec || nad.config !== undefined ? { spec } : {}),
  };
}
