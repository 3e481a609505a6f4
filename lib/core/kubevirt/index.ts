/**
 * KubeVirt VM networking: the network section (interfaces ↔ networks) with parse/render and
 * builders, MAC parsing and deterministic allocation, cloud-init networkData v2, and per-resource
 * validation of VirtualMachines and VirtualMachineInstances for a target KubeVirt version
 * ({@link DEFAULT_KUBEVIRT_VERSION} unless `kubevirtVersion` is given).
 */
export * from './codes';
export * from './types';
export * from './mac';
export * from './cloud-init';
export * from './builders';
export * from './network-section';
export * from './validate';
export * from './version';
