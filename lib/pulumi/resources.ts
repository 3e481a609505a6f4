import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { Manifest } from '../core/manifest';

/** Pulumi resource name of a manifest: `<prefix>-<kind>-<namespace>-<name>`, unique in a stack. */
export function resourceName(m: Manifest, prefix?: string): string {
  return [prefix, m.kind.toLowerCase(), m.metadata.namespace, m.metadata.name].filter(Boolean).join('-');
}

/**
 * Registers one core manifest as a @pulumi/kubernetes resource: CustomResource for CRD kinds
 * (NNCP, NAD, VM, NMState, NetworkAddonsConfig), the typed class for core kinds.
 */
export function registerManifest(m: Manifest, opts: pulumi.CustomResourceOptions, prefix?: string): pulumi.CustomResource {
  const { apiVersion, kind, metadata, ...rest } = m;
  switch (`${apiVersion}/${kind}`) {
    case 'v1/Secret':
      return new k8s.core.v1.Secret(resourceName(m, prefix), { metadata, ...(rest as object) }, opts);
    case 'v1/ConfigMap':
      return new k8s.core.v1.ConfigMap(resourceName(m, prefix), { metadata, ...(rest as object) }, opts);
    default:
      return new k8s.apiextensions.CustomResource(resourceName(m, prefix), { apiVersion, kind, metadata, ...rest }, opts);
  }
}
