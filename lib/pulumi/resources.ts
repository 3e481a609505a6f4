import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { Manifest } from '../core/manifest';

/** Pulumi resource name of a manifest: unique per kind/namespace/name. */
export function resourceName(m: Manifest): string {
  return [m.kind.toLowerCase(), m.metadata.namespace, m.metadata.name].filter(Boolean).join('-');
}

/**
 * Registers one core manifest as a @pulumi/kubernetes resource: CustomResource for CRD kinds
 * (NNCP, NAD, VM, NMState, NetworkAddonsConfig), the typed class for core kinds.
 */
export function registerManifest(m: Manifest, opts: pulumi.CustomResourceOptions): pulumi.CustomResource {
  const { apiVersion, kind, metadata, ...rest } = m;
  switch (`${apiVersion}/${kind}`) {
    case 'v1/Secret':
      return new k8s.core.v1.Secret(resourceName(m), { metadata, ...(rest as object) }, opts);
    case 'v1/ConfigMap':
      return new k8s.core.v1.ConfigMap(resourceName(m), { metadata, ...(rest as object) }, opts);
    default:
      return new k8s.apiextensions.CustomResource(resourceName(m), { apiVersion, kind, metadata, ...rest }, opts);
  }
}
