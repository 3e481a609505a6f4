/**
 * Semantic diff of two manifest sets: what each change does to nodes and VMs when applied.
 */
export * from './change';
export { diffManifests, DiffOptions, DiffOptionError } from './diff-manifests';
export { CLASS_SEVERITY } from './record';
export { DEFAULT_KUBEVIRT_VERSION, KubevirtVersion, parseKubevirtVersion } from './kubevirt-features';
export { changeNotice, changesToWarn, formatChange } from './format-change';
