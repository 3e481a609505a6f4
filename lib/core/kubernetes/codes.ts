import { CodeTable } from '../errors';

/**
 * Problems in an object's `metadata`, as the API server's ObjectMeta validation reports them
 * (k8s.io/apimachinery `pkg/api/validation/objectmeta.go` ValidateObjectMetaAccessor). Every
 * object of every kind is held to them: `kubectl apply` of a file stops at the first object the
 * API server refuses.
 */
export const METADATA_CODES: CodeTable = {
  METADATA_INVALID: {
    severity: 'error',
    summary: 'metadata is not a mapping, or a field of it has the wrong type (the object does not decode into ObjectMeta).',
    upstream: 'k8s.io/apimachinery pkg/apis/meta/v1/types.go (ObjectMeta: name, namespace, generateName are strings; labels and annotations map[string]string)',
  },
  METADATA_NAME_MISSING: {
    severity: 'error',
    summary: 'The object has neither metadata.name nor metadata.generateName.',
    upstream: 'k8s.io/apimachinery pkg/api/validation/objectmeta.go ValidateObjectMetaAccessor ("name or generateName is required")',
  },
  METADATA_NAME_INVALID: {
    severity: 'error',
    summary: "metadata.name (or generateName) breaks its kind's name rule: DNS-1123 subdomain for most kinds, DNS-1123 label for Namespace, DNS-1035 label for Service, path segment for RBAC kinds.",
    upstream: 'k8s.io/apimachinery pkg/api/validation/generic.go (NameIsDNSSubdomain, NameIsDNSLabel, NameIsDNS1035Label); kubernetes pkg/apis/rbac/validation/validation.go ValidateRBACName',
  },
  METADATA_NAMESPACE_INVALID: {
    severity: 'error',
    summary: 'metadata.namespace is not a DNS-1123 label (at most 63 characters).',
    upstream: 'k8s.io/apimachinery pkg/api/validation/objectmeta.go (ValidateNamespaceName = NameIsDNSLabel)',
  },
  METADATA_LABEL_INVALID: {
    severity: 'error',
    summary: 'A label key is not a qualified name, or a label value is not a string of at most 63 characters [A-Za-z0-9_.-] starting and ending alphanumeric.',
    upstream: 'k8s.io/apimachinery pkg/apis/meta/v1/validation/validation.go ValidateLabels; pkg/api/validate/content/kube.go IsLabelKey, IsLabelValue',
  },
  METADATA_ANNOTATION_INVALID: {
    severity: 'error',
    summary: 'An annotation key is not a qualified name, or an annotation value is not a string.',
    upstream: 'k8s.io/apimachinery pkg/api/validation/objectmeta.go ValidateAnnotations (IsQualifiedName(strings.ToLower(key)))',
  },
  METADATA_ANNOTATIONS_TOO_LARGE: {
    severity: 'error',
    summary: "The object's annotations (keys and values) total more than 256 KiB.",
    upstream: 'k8s.io/apimachinery pkg/api/validation/objectmeta.go (TotalAnnotationSizeLimitB = 256 * (1 << 10))',
  },
};
