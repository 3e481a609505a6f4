/**
 * multihome's framework-free core (`multihome/core`): the nmstate, CNI and KubeVirt models, the
 * topology (intent → ordered manifests), validation and YAML rendering. No cdk8s or Pulumi import
 * anywhere below this module.
 */
export * from './errors';
export * from './manifest';
export { validateManifest, CHECKED_KINDS } from './validate';
export type { ValidateOptions } from './validate';
export { stringifyManifests, canonicalManifest } from './render/yaml';
export { loadDocuments } from './source/documents';
export type { SourceDocument, LoadResult } from './source/documents';
export * from './topology/model';
export * from './topology/props';
export { defineEnvironment } from './topology/define';
export type { TypedTopology, TypedAgentOptions } from './topology/define';
export { buildEnvironment } from './topology/build';
export type { BuildOptions, EnvironmentBuild } from './topology/build';
export { renderTopology, LAYERS, SYNC_WAVE_ANNOTATION } from './topology/render';
export type { RenderedManifest, Layer } from './topology/render';
export { originKey, AGENT_ORIGIN, PREREQUISITES_ORIGIN } from './topology/origin';
export type { Origin, OriginKind } from './topology/origin';
export { resolveTopology } from './topology/resolve';
export type { ResolvedTopology, ResolvedNetwork, ResolvedUplink, ResolvedVm, ResolvedAttachment } from './topology/resolve';
export { validateEnvironment } from './topology/validate-environment';
export type { EnvironmentValidationOptions } from './topology/validate-environment';
export { validateManifests } from './topology/validate-manifests';
export type { ManifestsValidationOptions, LocatedProblem } from './topology/validate-manifests';
export { validateManifestSet } from './topology/validate-set';
export { validateTopology } from './topology/validate-topology';
export { renderAgentDeployment, AGENT_LISTEN_NODE_IP } from './topology/agent-deployment';
export type { AgentDeploymentOptions, AgentMode, AgentProbeSpec, AgentConfigOptions } from './topology/agent-options';
export { validateAgentDeployment } from './topology/agent-deployment-validate';
export { agentConfigs } from './topology/agent-config';
/** Topology diagram: graph model, DOT, Mermaid and SVG (Graphviz WASM) output. */
export * as diagram from './diagram';
/** nmstate desiredState model: types, builders, parse/render, validation. */
export * as nmstate from './nmstate';
/** CNI / NAD config model: builders, parsers, plugin profiles, validation. */
export * as cni from './cni';
/** KubeVirt VM network section, MAC allocation, cloud-init networkData. */
export * as kubevirt from './kubevirt';
