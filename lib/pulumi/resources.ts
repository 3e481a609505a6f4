import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { Manifest } from '../core/manifest';

/** Pulumi resource name of a manifest: `<prefix>-<kind>-<namespace>-<name>`, unique in a stack. */
export function resourceName(m: Manifest, prefix?: string): string {
  return [prefix, m.kind.toLowerCase(), m.metadata.namespace, m.metadata.name].filter(Boolean).join('-');
}

/** A core manifest as the args of a typed resource (the core render is the JSON those args describe). */
const args = <T>(m: pulumi.Input<Manifest>): T => m as unknown as T;

type Register = (name: string, m: pulumi.Input<Manifest>, opts: pulumi.CustomResourceOptions) => pulumi.CustomResource;

/** The typed @pulumi/kubernetes class of every core kind multihome renders, declared once; CRD kinds are CustomResources. */
const TYPED: Readonly<Record<string, Register>> = {
  'v1/Namespace': (n, m, o) => new k8s.core.v1.Namespace(n, args<k8s.core.v1.NamespaceArgs>(m), o),
  'v1/ServiceAccount': (n, m, o) => new k8s.core.v1.ServiceAccount(n, args<k8s.core.v1.ServiceAccountArgs>(m), o),
  'v1/ConfigMap': (n, m, o) => new k8s.core.v1.ConfigMap(n, args<k8s.core.v1.ConfigMapArgs>(m), o),
  'v1/Secret': (n, m, o) => new k8s.core.v1.Secret(n, args<k8s.core.v1.SecretArgs>(m), o),
  'rbac.authorization.k8s.io/v1/ClusterRole': (n, m, o) => new k8s.rbac.v1.ClusterRole(n, args<k8s.rbac.v1.ClusterRoleArgs>(m), o),
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': (n, m, o) => new k8s.rbac.v1.ClusterRoleBinding(n, args<k8s.rbac.v1.ClusterRoleBindingArgs>(m), o),
  'apps/v1/DaemonSet': (n, m, o) => new k8s.apps.v1.DaemonSet(n, args<k8s.apps.v1.DaemonSetArgs>(m), o),
  'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy': (n, m, o) =>
    new k8s.admissionregistration.v1.ValidatingAdmissionPolicy(n, args<k8s.admissionregistration.v1.ValidatingAdmissionPolicyArgs>(m), o),
  'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding': (n, m, o) =>
    new k8s.admissionregistration.v1.ValidatingAdmissionPolicyBinding(n, args<k8s.admissionregistration.v1.ValidatingAdmissionPolicyBindingArgs>(m), o),
};

/**
 * Registers one core manifest as a @pulumi/kubernetes resource: the typed class for core kinds,
 * a CustomResource for CRD kinds (NNCP, NAD, VM, NMState, NetworkAddonsConfig). `m` names the
 * resource and picks its class; `input` is what is registered (`m` itself, or an Output of it
 * while an Input it uses settles).
 */
export function registerManifest(m: Manifest, input: pulumi.Input<Manifest>, opts: pulumi.CustomResourceOptions, prefix?: string): pulumi.CustomResource {
  const typed = TYPED[`${m.apiVersion}/${m.kind}`];
  const name = resourceName(m, prefix);
  if (typed) return typed(name, input, opts);
  if (!pulumi.Output.isInstance(input) && !(input instanceof Promise)) {
    const { apiVersion, kind, metadata, ...rest } = input;
    return new k8s.apiextensions.CustomResource(name, { apiVersion, kind, metadata, ...rest }, opts);
  }
  const o = pulumi.output(input) as unknown as pulumi.Output<Record<string, unknown>>;
  // the same fields as the manifest, each settling with it (CustomResource args are spread at registration)
  const fields: Record<string, pulumi.Input<unknown>> = { apiVersion: m.apiVersion, kind: m.kind };
  for (const k of Object.keys(m)) if (k !== 'apiVersion' && k !== 'kind') fields[k] = o.apply((x) => x[k]);
  return new k8s.apiextensions.CustomResource(name, fields as k8s.apiextensions.CustomResourceArgs, opts);
}
