/**
 * An object's `metadata` as the API server validates it on create
 * (k8s.io/apimachinery `pkg/api/validation/objectmeta.go` `ValidateObjectMetaAccessor`, kubernetes/apimachinery
 * at eed236c): the name by its kind's rule, the namespace as a DNS-1123 label, label keys and values,
 * annotation keys and their total size. Also the `spec.template.metadata` of workloads and VMs,
 * whose labels land on Pods/VMIs the API server validates the same way.
 */
import { joinPath } from '../path';
import { Problem, ResourceRef } from '../errors';
import { isRecord, ProblemSink, show } from '../problems';
import { METADATA_CODES } from './codes';
import { dns1035LabelError, dns1123LabelError, dns1123SubdomainError, labelValueError, pathSegmentNameError, qualifiedNameError } from './names';

/** objectmeta.go `TotalAnnotationSizeLimitB`: keys and values of one object's annotations, in bytes. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** A kind's name rule: what it is called in messages and its check. */
export interface NameRule {
  readonly describe: string;
  readonly check: (name: string) => string | undefined;
}

const SUBDOMAIN: NameRule = { describe: 'a DNS-1123 subdomain', check: dns1123SubdomainError };

/**
 * The name rule of an object's kind. Most kinds, and every custom resource, use
 * `NameIsDNSSubdomain` (apiextensions-apiserver `pkg/registry/customresource/validator.go`);
 * the exceptions, from kubernetes `pkg/apis/core/validation/validation.go` and
 * `pkg/apis/rbac/validation/validation.go`:
 * - Namespace: `ValidateNamespaceName` = `NameIsDNSLabel`;
 * - Service: `ValidateServiceName` = `NameIsDNS1035Label`;
 * - Role, ClusterRole, RoleBinding, ClusterRoleBinding: `ValidateRBACName` = `IsValidPathSegmentName`.
 */
export function nameRuleOf(apiVersion: unknown, kind: unknown): NameRule {
  const group = apiGroupOf(apiVersion);
  if (group === '' && kind === 'Namespace') return { describe: 'a DNS-1123 label', check: dns1123LabelError };
  if (group === '' && kind === 'Service') return { describe: 'a DNS-1035 label', check: dns1035LabelError };
  if (group === 'rbac.authorization.k8s.io' && typeof kind === 'string' && RBAC_KINDS.includes(kind)) return { describe: 'a path segment', check: pathSegmentNameError };
  return SUBDOMAIN;
}

const RBAC_KINDS = ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'];

/** The API group of an apiVersion (`nmstate.io/v1` → `nmstate.io`; the core group `v1` → ''). */
export function apiGroupOf(apiVersion: unknown): string {
  return typeof apiVersion === 'string' && apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

/** Options of {@link validateObjectMeta}. */
export interface ObjectMetaOptions {
  /**
   * Report a missing name. Off for kinds whose own validator already reports it (so it is not
   * reported twice).
   * @default true
   */
  readonly requireName?: boolean;
  /** Path of the object inside its document (`items[3]` for a List item). @default '' */
  readonly base?: string;
}

/**
 * Validates `manifest.metadata` (and `spec.template.metadata` when present) into `sink`, whose
 * code table must hold {@link METADATA_CODES}. Values in messages are bounded (`show`).
 */
export function validateObjectMeta(manifest: Record<string, unknown>, sink: ProblemSink, options: ObjectMetaOptions = {}): void {
  const base = options.base ?? '';
  const at = (...segments: Array<string | number>) => joinPath(base, ...segments);
  const md = manifest.metadata;
  if (md === undefined || md === null) {
    if (options.requireName !== false) sink.add('METADATA_NAME_MISSING', at('metadata'), 'the object has no metadata, so no name', 'add metadata.name');
    return;
  }
  if (!isRecord(md)) {
    sink.add('METADATA_INVALID', at('metadata'), `metadata is ${show(md)}, not a mapping`, 'make metadata a mapping with at least name');
    return;
  }
  const rule = nameRuleOf(manifest.apiVersion, manifest.kind);
  const kind = typeof manifest.kind === 'string' ? manifest.kind : 'this kind';
  // objectmeta.go ValidateObjectMetaAccessor: generateName is checked as a prefix (generic.go maskTrailingDash),
  // then "name or generateName is required", then the name by the kind's nameFn.
  if (md.generateName !== undefined) {
    if (typeof md.generateName !== 'string') sink.add('METADATA_INVALID', at('metadata', 'generateName'), `metadata.generateName is ${show(md.generateName)}, not a string`, 'quote the value');
    else if (md.generateName !== '') {
      const masked = md.generateName.length > 1 && md.generateName.endsWith('-') ? md.generateName.slice(0, -2) + 'a' : md.generateName;
      const e = rule.check(masked);
      if (e) sink.add('METADATA_NAME_INVALID', at('metadata', 'generateName'), `metadata.generateName ${show(md.generateName)} ${e}`, `a ${kind} name must be ${rule.describe}; pick a prefix that is one`);
    }
  }
  if (md.name === undefined || md.name === null || md.name === '') {
    const generated = typeof md.generateName === 'string' && md.generateName !== '';
    if (!generated && options.requireName !== false) sink.add('METADATA_NAME_MISSING', at('metadata', 'name'), `metadata.name is ${show(md.name)}; name or generateName is required`, 'set metadata.name');
  } else if (typeof md.name !== 'string') {
    sink.add('METADATA_INVALID', at('metadata', 'name'), `metadata.name is ${show(md.name)}, not a string`, 'quote the name');
  } else {
    const e = rule.check(md.name);
    if (e) sink.add('METADATA_NAME_INVALID', at('metadata', 'name'), `metadata.name ${show(md.name)} ${e}`, `a ${kind} name must be ${rule.describe}, e.g. ${show(suggestName(md.name))}`);
  }
  // objectmeta.go validateObjectMetaAccessorWithOptsCommon: ValidateNamespaceName (= NameIsDNSLabel)
  if (md.namespace !== undefined && md.namespace !== null && md.namespace !== '') {
    if (typeof md.namespace !== 'string') sink.add('METADATA_INVALID', at('metadata', 'namespace'), `metadata.namespace is ${show(md.namespace)}, not a string`, 'quote the namespace');
    else {
      const e = dns1123LabelError(md.namespace);
      if (e) sink.add('METADATA_NAMESPACE_INVALID', at('metadata', 'namespace'), `metadata.namespace ${show(md.namespace)} ${e}`, `use a namespace that is a DNS-1123 label, e.g. ${show(suggestName(md.namespace).slice(0, 63).replace(/\./g, '-'))}`);
    }
  }
  validateLabelsAndAnnotations(md, sink, at('metadata'));
  const spec = manifest.spec;
  if (isRecord(spec) && isRecord(spec.template) && isRecord(spec.template.metadata)) {
    // Pod templates: kubernetes pkg/apis/core/validation ValidatePodTemplateSpec → ValidateTemplateObjectMeta
    // (labels, annotations); a VM's template labels are copied onto its VMI, a custom resource the API
    // server validates with ValidateObjectMetaAccessor.
    validateLabelsAndAnnotations(spec.template.metadata, sink, at('spec', 'template', 'metadata'));
  }
}

/** meta/v1/validation ValidateLabels and objectmeta.go ValidateAnnotations of one ObjectMeta at `path`. */
function validateLabelsAndAnnotations(md: Record<string, unknown>, sink: ProblemSink, path: string): void {
  const labels = md.labels;
  if (labels !== undefined && labels !== null) {
    if (!isRecord(labels)) sink.add('METADATA_INVALID', joinPath(path, 'labels'), `labels is ${show(labels)}, not a mapping`, 'write labels as key: "value" pairs');
    else
      for (const [k, v] of Object.entries(labels)) {
        const p = joinPath(path, 'labels', k);
        const ke = qualifiedNameError(k);
        if (ke) sink.add('METADATA_LABEL_INVALID', p, `label key ${show(k)} ${ke}`, 'use a key like app.kubernetes.io/name: an optional DNS subdomain and "/", then at most 63 letters, digits, "-", "_", "."');
        if (typeof v !== 'string') sink.add('METADATA_LABEL_INVALID', p, `label ${show(k)} has the value ${show(v)}, not a string`, `quote the value: ${show(k)}: "${typeof v === 'number' || typeof v === 'boolean' ? String(v) : '...'}"`);
        else {
          const ve = labelValueError(v);
          if (ve) sink.add('METADATA_LABEL_INVALID', p, `label ${show(k)} value ${show(v)} ${ve}`, 'shorten the value to at most 63 letters, digits, "-", "_", "." (or move it to an annotation)');
        }
      }
  }
  const annotations = md.annotations;
  if (annotations !== undefined && annotations !== null) {
    if (!isRecord(annotations)) {
      sink.add('METADATA_INVALID', joinPath(path, 'annotations'), `annotations is ${show(annotations)}, not a mapping`, 'write annotations as key: "value" pairs');
      return;
    }
    let total = 0;
    for (const [k, v] of Object.entries(annotations)) {
      const p = joinPath(path, 'annotations', k);
      // objectmeta.go ValidateAnnotations: IsQualifiedName(strings.ToLower(k))
      const ke = qualifiedNameError(k.toLowerCase());
      if (ke) sink.add('METADATA_ANNOTATION_INVALID', p, `annotation key ${show(k)} ${ke}`, 'use a key like example.com/my-note: an optional DNS subdomain and "/", then at most 63 letters, digits, "-", "_", "."');
      if (typeof v !== 'string') sink.add('METADATA_ANNOTATION_INVALID', p, `annotation ${show(k)} has the value ${show(v)}, not a string`, 'quote the value (annotations are strings; JSON goes in a quoted or block string)');
      total += Buffer.byteLength(k, 'utf8') + (typeof v === 'string' ? Buffer.byteLength(v, 'utf8') : 0);
    }
    if (total > TOTAL_ANNOTATION_SIZE_LIMIT)
      sink.add('METADATA_ANNOTATIONS_TOO_LARGE', joinPath(path, 'annotations'), `annotations total ${total} bytes; the API server allows at most ${TOTAL_ANNOTATION_SIZE_LIMIT} (256 KiB)`, 'move large data into a ConfigMap or Secret and reference it');
  }
}

/** A name that follows the DNS rules, derived from `s` for the fix text. */
function suggestName(s: string): string {
  // cut first: the regexes below backtrack over runs of '-'/'.', so they only ever see 100 characters
  const t = s
    .slice(0, 100)
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
    .slice(0, 63)
    .replace(/[^a-z0-9]+$/, '');
  return t === '' ? 'my-name' : t;
}

/** The METADATA_* problems of one object on `resource` ({@link validateObjectMeta} into a fresh sink). */
export function objectMetaProblems(manifest: Record<string, unknown>, resource: ResourceRef, options: ObjectMetaOptions = {}): Problem[] {
  const sink = new ProblemSink(resource, METADATA_CODES);
  validateObjectMeta(manifest, sink, options);
  return sink.problems;
}
