/**
 * `multihome`: the framework-free core (everything `multihome/core` exports) plus what the
 * `multihome check`, `multihome preflight` and `multihome synth` commands do, as functions. The cdk8s constructs are in
 * `multihome/cdk8s`, the Pulumi components in `multihome/pulumi` (kept apart so that importing
 * one framework never loads the other).
 */
export * from './core';
export { checkPaths, formatResult } from './cli/check';
export type { CheckFormat, CheckOptions, CheckRecord, CheckResult } from './cli/check';
export { synthDirect } from './cli/synth';
export type { DirectSynthOptions, DirectSynthResult } from './cli/synth';
export { runPreflight, formatPreflightResult } from './cli/preflight';
export type { PreflightFormat, PreflightRecord, PreflightResult, PreflightRunOptions } from './cli/preflight';
export { LiveClusterError } from './cli/live-cluster-types';
export type { LiveClusterOptions, LiveClusterRead, ReadLiveCluster } from './cli/live-cluster-types';
