/**
 * Pre-flight (`multihome preflight`): intent checked against each selected node's
 * NodeNetworkState before anything is applied. {@link clusterStateOf} reads NodeNetworkState and
 * Node objects, {@link preflight} runs every rule; {@link preflightAgainstFiles} does both from files.
 */
export { preflight, intentOf } from './preflight';
export type { IntentObjects, PreflightOptions } from './preflight';
export { clusterStateOf, DEFAULT_MAX_STATE_AGE_MS, isNode, isNodeNetworkState } from './cluster-state';
export type { ClusterState, ClusterStateOptions } from './cluster-state';
export { preflightAgainstFiles } from './state-files';
export type { ClusterStateSource } from './state-files';
export { PREFLIGHT_CODES } from './codes';
export { resolveCaptures, evaluateCapture, usesCapture } from './nmpolicy';
export type { CaptureResult, CaptureLookup, NmstateState } from './nmpolicy';
export type { PreflightFinding } from './finding';
export type { NodeFacts, NetworkStateFacts, CurrentInterface, CurrentIp, CurrentRoute } from './node-facts';
export type { PolicyInput } from './policy-on-node';
export type { DesiredState, DesiredInterface, DesiredRoute, DesiredMapping, InterfaceRef } from './desired';
export type { NadInput, VmInput } from './rules/attachments';
