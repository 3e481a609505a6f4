/**
 * Target profiles (issue 19): the KubeVirt, nmstate, kubernetes-nmstate, CNI, OVN-Kubernetes and
 * OpenShift versions an environment's output is written for and its rules judge against.
 */
export * from './versions';
export * from './target';
export * from './resolve';
export * from './codes';
export * from './check';
