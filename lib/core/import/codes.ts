import { CodeTable } from '../errors';

/** Problems of `multihome import`'s input that stop it before anything is written. */
export const IMPORT_CODES: CodeTable = {
  IMPORT_DUPLICATE_OBJECT: {
    severity: 'error',
    summary: 'Two input objects have the same kind, namespace and name; applying both keeps only the last, so the import cannot say which one the estate means.',
    upstream: 'Kubernetes object identity (apimachinery ObjectMeta: name unique per kind and namespace)',
  },
  IMPORT_OBJECT_INVALID: {
    severity: 'error',
    summary: 'An input object lacks what any manifest needs (apiVersion, kind, metadata.name as strings; string labels and annotations), so it can be neither modeled nor written as given.',
    upstream: 'kubernetes/apimachinery ObjectMeta (name required for kubectl apply; labels and annotations map[string]string)',
  },
  IMPORT_INPUT_UNREADABLE: {
    severity: 'error',
    summary: 'An import path cannot be read (missing, not a regular file, or larger than the input limit).',
    upstream: 'multihome (input limits, lib/core/source/bounded-yaml.ts)',
  },
  IMPORT_NO_OBJECTS: {
    severity: 'error',
    summary: 'The paths given to `multihome import` hold no Kubernetes object.',
    upstream: 'multihome',
  },
  IMPORT_NAME_INVALID: {
    severity: 'error',
    summary: 'The environment name (`--name`) is not a DNS-1123 label, which the output directory and the cdk8s chart need.',
    upstream: 'multihome (environment names, lib/core/render/environment-names.ts)',
  },
};
