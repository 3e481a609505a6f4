/**
 * lib/core/cni: the framework-free CNI model — NAD config types, parse ⇄ render, plugin
 * profiles, typed builders and per-resource validation of NetworkAttachmentDefinitions.
 */
export * from './types';
export * from './codes';
export * from './json';
export * from './addr';
export * from './profiles';
export * from './ipam';
export * from './builders';
export * from './nad';
export * from './validate';
