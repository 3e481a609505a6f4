/**
 * lib/core/nmstate: the framework-free nmstate model — wire-shaped types, parse ⇄ render,
 * typed builders and per-resource validation of NodeNetworkConfigurationPolicies.
 */
export * from './types';
export * from './codes';
export * from './builders';
export * from './parse';
export * from './render';
export * from './validate';
