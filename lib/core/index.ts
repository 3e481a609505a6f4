/**
 * multihome's framework-free core (`multihome/core`): the nmstate, CNI and KubeVirt models, the
 * topology (intent → ordered manifests), validation and YAML rendering. No cdk8s or Pulumi import
 * anywhere below this module.
 */
export * from './errors';
export { ALL_PROBLEM_CODES, PROBLEM_CODE_TABLES, isDeclaredProblemCode } from './codes';
export { PLUGIN_PROFILE_ANNOTATION, ISOLATION_ANNOTATION, SILENCE_ANNOTATION, TARGET_ANNOTATION, objectTargets } from './render/targets';
export { Target, resolveTarget, targetSpecOfText, defaultTarget, allPresets, TARGET_PRESETS, DEFAULT_PRESETS, NEWEST_UPSTREAM, TARGET_COMPONENTS, TARGET_CODES } from './target';
export type { TargetVersions, TargetSpec, TargetComponent, TargetResolution, TargetPlatform } from './target';
export type { ObjectTargets } from './render/targets';
export * from './manifest';
export { ProblemSink } from './problems';
export type { PathSegment } from './path';
export { validateManifest, CHECKED_KINDS } from './validate';
export type { ValidateOptions } from './validate';
export { stringifyManifests, canonicalManifest } from './render/yaml';
export { loadDocuments } from './source/documents';
export type { SourceDocument, SourceProblem, LoadResult } from './source/documents';
export { INPUT_LIMITS, parseYamlBounded, parseAllYamlBounded } from './source/bounded-yaml';
export type { InputLimits, InputLimitKind, InputRefusal, BoundedParse } from './source/bounded-yaml';
export { parseEnvironmentText } from './source/environment-file';
export type { EnvironmentFileResult } from './source/environment-file';
export * from './topology/model';
export * from './topology/props';
export { defineEnvironment } from './topology/define';
export type { JsonMap, VirtualMachineInput, VirtualMachineInputMetadata } from './topology/vm-source';
export type { TypedTopology, TypedAgentOptions } from './topology/define';
export { buildEnvironment } from './topology/build';
export type { BuildOptions, EnvironmentBuild } from './topology/build';
export { renderTopology, LAYERS, SYNC_WAVE_ANNOTATION } from './topology/render';
export type { RenderedManifest, Layer } from './topology/render';
export { originKey, AGENT_ORIGIN, PREREQUISITES_ORIGIN } from './topology/origin';
export type { Origin, OriginKind } from './topology/origin';
export { resolveTopology, DEFAULT_WAVES } from './topology/resolve';
export type { ResolvedTopology, ResolvedNetwork, ResolvedUplink, ResolvedVm, ResolvedAttachment } from './topology/resolve';
// The cdk8s NetworkEnvironment's `topology` is a TopologyBuilder, so it stays public.
export { TopologyBuilder } from './topology/builder';
export type { TopologySettings } from './topology/builder';
export { validateEnvironment } from './topology/validate-environment';
export type { EnvironmentValidationOptions } from './topology/validate-environment';
export { validateManifests } from './topology/validate-manifests';
export type { ManifestsValidationOptions, LocatedProblem } from './topology/validate-manifests';
export { validateManifestSet } from './topology/validate-set';
export type { ManifestSetOptions } from './topology/validate-set';
export type { IsolationProfile } from './topology/rules/context';
export { validateTopology } from './topology/validate-topology';
export { renderAgentDeployment, AGENT_LISTEN_NODE_IP } from './topology/agent-deployment';
export { AGENT_MODES, AGENT_RUNTIME_DEFAULTS } from './agent-defaults';
export type { AgentDeploymentOptions, AgentMode, AgentProbeSpec, AgentConfigOptions, AgentStateOptions } from './topology/agent-options';
export { validateAgentDeployment } from './topology/agent-deployment-validate';
export { agentConfigs, AGENT_CONFIG_KIND } from './topology/agent-config';
export type { AgentConfigDocument, AgentNodeConfig, NodeGroupAgentConfig } from './topology/agent-config';
/** Topology diagram: graph model, DOT, Mermaid and SVG (Graphviz WASM) output. */
export * as diagram from './diagram';
/** nmstate desiredState model: types, builders, parse/render, validation. */
export * as nmstate from './nmstate';
/** CNI / NAD config model: builders, parsers, plugin profiles, validation. */
export * as cni from './cni';
/** Pre-flight: intent against each node's NodeNetworkState (`multihome preflight`). */
export * as preflight from './preflight';
export type { ClusterStateSource } from './preflight/state-files';
/** Semantic diff of two outputs: what each change does to nodes and VMs (`multihome diff`). */
export * as diff from './diff';
export { readPreviousOutput } from './topology/previous-output';
export type { PreviousOutput, PreviousRead } from './topology/previous-output';
export { planRemovals, withRemovals, removalSummary, tombstoneName, REMOVAL_ANNOTATION, TOMBSTONE_SUFFIX } from './topology/removals';
export type { PolicyRemovals, RemovalPlacement } from './topology/removals';
/** Adoption of existing NNCP / NAD / VM YAML as a typed environment (`multihome import`). */
export * as importer from './import';
/** OVN-Kubernetes ClusterUserDefinedNetwork / UserDefinedNetwork: validation (CRD schema + CEL rules) and the localnet CUDN builder. */
export * as ovn from './ovn';
/** KubeVirt VM network section, MAC allocation, cloud-init networkData. */
export * as kubevirt from './kubevirt';
