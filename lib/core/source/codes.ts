import { CodeTable } from '../errors';

/** Problems found while reading YAML text, before any resource can be validated. */
export const SOURCE_CODES: CodeTable = {
  YAML_SYNTAX: {
    severity: 'error',
    summary: 'The document is not valid YAML; kubectl and Argo CD reject it before anything is applied.',
    upstream: 'kubernetes-sigs/yaml (go-yaml) as used by kubectl; eemeli/yaml for the position',
  },
  YAML_LENIENT_INDENTATION: {
    severity: 'warning',
    summary:
      'A multi-line quoted scalar continues at an indentation YAML 1.2 forbids; go-yaml (kubectl) accepts it, strict YAML tools do not.',
    upstream: 'go-yaml scannerc.go yaml_parser_scan_flow_scalar (no indentation check on continuation lines)',
  },
  MANIFEST_NOT_AN_OBJECT: {
    severity: 'error',
    summary: 'A YAML document is not a mapping, so it is not a Kubernetes object.',
    upstream: 'k8s.io/apimachinery pkg/util/yaml (decoding into unstructured.Unstructured)',
  },
  MANIFEST_MISSING_KIND: {
    severity: 'error',
    summary: 'A Kubernetes object needs apiVersion and kind.',
    upstream: 'k8s.io/apimachinery pkg/runtime/schema (Object Kind is missing)',
  },
};
