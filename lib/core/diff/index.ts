/**
 * Semantic diff of two manifest sets: what each change does to nodes and VMs when applied.
 */
export * from './change';
export { diffManifests, DiffOptions } from './diff-manifests';
