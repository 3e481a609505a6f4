/**
 * lib/core/ovn: OVN-Kubernetes user-defined networks — validation of k8s.ovn.org/v1
 * ClusterUserDefinedNetwork / UserDefinedNetwork manifests as the CRD schema and its CEL rules
 * check them, and the localnet CUDN builder. Framework-free.
 */
export { OVN_CUDN_CODES } from './codes';
export type { OvnCudnCode } from './codes';
export { validateCudn, validateUdn, buildLocalnetCudn, namespacesSelectedByName, OVN_UDN_API, NAMESPACE_NAME_LABEL } from './cudn';
export type { LocalnetCudnProps } from './cudn';
