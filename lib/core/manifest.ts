/**
 * A plain Kubernetes object as multihome renders it: JSON-compatible, deterministic, no framework
 * types. The cdk8s and Pulumi adapters, `multihome synth` and the agent config all consume these.
 */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [key: string]: unknown;
}

/** One rendered Kubernetes object. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

/** API groups/versions and kinds multihome renders or reads, declared once. */
export const API = {
  nncp: { apiVersion: 'nmstate.io/v1', kind: 'NodeNetworkConfigurationPolicy' },
  nmstate: { apiVersion: 'nmstate.io/v1', kind: 'NMState' },
  nad: { apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition' },
  vm: { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine' },
  vmi: { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstance' },
  networkAddonsConfig: { apiVersion: 'networkaddonsoperator.network.kubevirt.io/v1', kind: 'NetworkAddonsConfig' },
  namespace: { apiVersion: 'v1', kind: 'Namespace' },
} as const;

/**
 * The key of an object: `Kind/namespace/name`, or `Kind/name` when cluster-scoped (no namespace).
 * The one format of manifest keys: the render's tags, the adapters' lookups and problem reports
 * all use it.
 */
export function objectKey(kind: string, name: string | undefined, namespace?: string): string {
  return namespace ? `${kind}/${namespace}/${name ?? ''}` : `${kind}/${name ?? ''}`;
}

/** The key of a manifest ({@link objectKey}). */
export function manifestKey(m: Pick<Manifest, 'kind' | 'metadata'>): string {
  return objectKey(m.kind, m.metadata.name, m.metadata.namespace);
}

/** The names of the NNCPs among `manifests`, in their order. */
export function policyNamesOf(manifests: readonly Pick<Manifest, 'kind' | 'metadata'>[]): string[] {
  return manifests.filter((m) => m.kind === API.nncp.kind).map((m) => m.metadata.name);
}

/** The NADs among `manifests` as `namespace/name`, in their order. */
export function nadNamesOf(manifests: readonly Pick<Manifest, 'kind' | 'metadata'>[]): string[] {
  return manifests.filter((m) => m.kind === API.nad.kind).map((m) => `${m.metadata.namespace}/${m.metadata.name}`);
}
