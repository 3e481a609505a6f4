/**
 * Kubernetes' string rules for names, label keys and values, as the API server applies them.
 * Each returns why `s` breaks the rule, or undefined when it follows it; lengths are in bytes, as
 * Go's `len(string)` counts them. Ported from k8s.io/apimachinery (kubernetes/apimachinery at
 * eed236c): `pkg/util/validation/validation.go` (DNS names) and `pkg/api/validate/content/kube.go`
 * and `path.go` (label keys/values, path segments). Reused for the names multihome emits.
 */
import { DNS1123_LABEL, DNS1123_SUBDOMAIN } from '../names';
import { show } from '../problems';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** `DNS1123LabelMaxLength` (validation.go). */
export const DNS1123_LABEL_MAX = 63;
/** `DNS1123SubdomainMaxLength` (validation.go). */
export const DNS1123_SUBDOMAIN_MAX = 253;
/** `labelKeyMaxLength` / `LabelValueMaxLength` (content/kube.go): the name part of a qualified name, and a label value. */
export const QUALIFIED_NAME_MAX = 63;

/** validation.go `dns1035LabelFmt`. */
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
/** content/kube.go `labelKeyFmt` (the name part of a qualified name; a label value is this or empty). */
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** validation.go `IsDNS1123Label`: lower-case alphanumerics and '-', alphanumeric at both ends, at most 63. */
export function dns1123LabelError(s: string): string | undefined {
  if (bytes(s) > DNS1123_LABEL_MAX) return `is ${bytes(s)} characters long; a DNS-1123 label has at most ${DNS1123_LABEL_MAX}`;
  if (!DNS1123_LABEL.test(s)) return "is not a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit";
  return undefined;
}

/** validation.go `IsDNS1123Subdomain`: DNS-1123 labels joined by '.', at most 253. */
export function dns1123SubdomainError(s: string): string | undefined {
  if (bytes(s) > DNS1123_SUBDOMAIN_MAX) return `is ${bytes(s)} characters long; a DNS-1123 subdomain has at most ${DNS1123_SUBDOMAIN_MAX}`;
  if (!DNS1123_SUBDOMAIN.test(s)) return "is not a DNS-1123 subdomain: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit";
  return undefined;
}

/** validation.go `IsDNS1035Label`: like a DNS-1123 label, but starting with a letter. */
export function dns1035LabelError(s: string): string | undefined {
  if (bytes(s) > DNS1123_LABEL_MAX) return `is ${bytes(s)} characters long; a DNS-1035 label has at most ${DNS1123_LABEL_MAX}`;
  if (!DNS1035_LABEL.test(s)) return "is not a DNS-1035 label: lower-case letters, digits and '-', starting with a letter and ending with a letter or digit";
  return undefined;
}

/**
 * content/kube.go `IsLabelKey` (= `IsQualifiedName`): `[prefix/]name`, the prefix a DNS-1123
 * subdomain, the name at most 63 of `[A-Za-z0-9_.-]` starting and ending alphanumeric; a second
 * '/' is refused.
 */
export function qualifiedNameError(s: string): string | undefined {
  const parts = s.split('/');
  if (parts.length > 2) return "has more than one '/'; a qualified name is [prefix/]name (e.g. example.com/my-name)";
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    const prefix = parts[0];
    if (prefix === '') return "has an empty prefix before '/'";
    const e = dns1123SubdomainError(prefix);
    if (e) return `has the prefix ${show(prefix)}, which ${e}`;
  }
  if (name === '') return 'has an empty name part';
  if (bytes(name) > QUALIFIED_NAME_MAX) return `has a name part of ${bytes(name)} characters; at most ${QUALIFIED_NAME_MAX}`;
  if (!QUALIFIED_NAME_PART.test(name)) return "has a name part that is not letters, digits, '-', '_' and '.' starting and ending with a letter or digit";
  return undefined;
}

/** content/kube.go `IsLabelValue`: empty, or at most 63 of `[A-Za-z0-9_.-]` starting and ending alphanumeric. */
export function labelValueError(s: string): string | undefined {
  if (bytes(s) > QUALIFIED_NAME_MAX) return `is ${bytes(s)} characters long; a label value has at most ${QUALIFIED_NAME_MAX}`;
  if (s !== '' && !QUALIFIED_NAME_PART.test(s)) return "is not a label value: empty, or letters, digits, '-', '_' and '.' starting and ending with a letter or digit";
  return undefined;
}

/**
 * content/path.go `IsPathSegmentName`: not "." or "..", no '/' or '%' (no length limit, no
 * charset). The name rule of RBAC objects (kubernetes `pkg/apis/rbac/validation/validation.go`
 * `ValidateRBACName`).
 */
export function pathSegmentNameError(s: string): string | undefined {
  if (s === '.' || s === '..') return `may not be ${show(s)}`;
  if (s.includes('/')) return "may not contain '/'";
  if (s.includes('%')) return "may not contain '%'";
  return undefined;
}
