import { CodeTable } from '../errors';

/** Problems found while reading YAML text, before any resource can be validated. */
export const SOURCE_CODES: CodeTable = {
  STACK_CONFIG_INVALID: {
    severity: 'error',
    summary: 'A `multihome:` key of the Pulumi stack configuration is unknown or its value has the wrong type; the program stops before registering anything.',
    upstream: 'multihome (lib/pulumi/stack-config.ts STACK_CONFIG_SCHEMA; Pulumi `requireObject<T>` does not check T)',
  },
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
  INPUT_TOO_LARGE: {
    severity: 'error',
    summary: 'A document is larger than 3 MiB; the API server refuses any request body that large, and check does not read it.',
    upstream: 'k8s.io/apiserver pkg/server/config.go (MaxRequestBodyBytes = 3 * 1024 * 1024)',
  },
  YAML_LIMIT_EXCEEDED: {
    severity: 'error',
    summary: 'A document nests deeper than 64 levels, uses more than 1000 aliases, merges more than 10 000 keys or expands to more than 10^6 values through aliases (a "billion laughs"); it is refused unread.',
    upstream: 'go-yaml decode.go (yaml: document contains excessive aliasing), limits of lib/core/source/bounded-yaml.ts',
  },
  INPUT_ENCODING: {
    severity: 'error',
    summary: 'The file is not UTF-8 (a Latin-1 byte, or UTF-16 with a byte-order mark); names would be read as U+FFFD.',
    upstream: 'go-yaml readerc.go yaml_parser_update_buffer ("invalid leading UTF-8 octet"); YAML 1.2 §5.2 character encodings',
  },
  MANIFEST_LIST_ITEMS_INVALID: {
    severity: 'error',
    summary: "An object with an `items` field is a List to kubectl, and its items must be a sequence of objects.",
    upstream: 'k8s.io/apimachinery pkg/apis/meta/v1/unstructured/helpers.go (unstructuredJSONScheme.decode: an `items` field makes an UnstructuredList)',
  },
};
