/**
 * Validation of a whole environment: intent rules on the topology, the node agent's options (when
 * the environment deploys it), and the rendered manifests alone and together
 * (`validateManifests`, the same validation `multihome check` runs on hand-written YAML).
 * `buildEnvironment` runs it once per build; it never re-resolves or re-plans the topology.
 */
import { NAMESPACED_DEFAULT } from './rules/resources';
import { ClusterStateSource, preflightAgainstFiles } from '../preflight/state-files';
import { Problem } from '../errors';
import { Manifest, objectKey } from '../manifest';
import { DEFAULT_PLUGIN_PROFILE, PluginProfile } from '../cni';
import type { Target } from '../target';
import { topologyTarget } from './resolve';
import { ValidateOptions } from '../validate';
import { validateAgentDeploymentOf } from './agent-deployment-validate';
import { Platform, Topology } from './model';
import { planEnvironment, RenderInput } from './render';
import { ManifestSetOptions } from './validate-set';
import type { IsolationProfile } from './rules/context';
import { ManifestsValidationOptions, validateManifests } from './validate-manifests';
import { intentProblems } from './validate-topology';
import { renderedMetadataProblems } from './rules/rendered-metadata';
import { PreviousOutput, readPreviousOutput } from './previous-output';

/** Options of {@link validateEnvironment}. */
export interface EnvironmentValidationOptions extends ValidateOptions {
  /**
   * Multus namespace isolation of the target cluster.
   * @default 'openshift' on Platform.OPENSHIFT, 'none' otherwise
   */
  readonly isolation?: ManifestSetOptions['isolation'];
  /**
   * The output the cluster has — the committed or applied manifests of this environment (the
   * main branch's `dist/<env>`, the last Pulumi deployment's `manifests` output) — as manifests,
   * or a file or directory of YAML/JSON (a JSON array of manifests included). Every host
   * interface, route and OVN bridge mapping it created that this output no longer defines is
   * rendered `state: absent` in this output (a policy `<name>-absent` when the policy is gone,
   * annotated `multihome.io/removal`), and the lifecycle rules compare against it; a removal
   * already absent there is dropped. Not the directory synth writes to: two synths in a row
   * would compare the output with itself and drop the removals before any cluster applied them.
   * A path that does not exist is no previous output (TOPOLOGY_PREVIOUS_MISSING, a warning: fine
   * for the first synthesis); an unreadable one is an error.
   * @default - no comparison, no removals
   */
  readonly previous?: PreviousOutput;
  /**
   * The cluster's NodeNetworkState and Node objects (files or directories, as
   * `kubectl get nns,nodes -o yaml` prints them, or the multihome agent's `/state`): the manifests
   * are pre-flighted against every selected node, and pre-flight errors fail the build like any
   * other (`multihome preflight --state`). Read at every build: refresh the files to re-judge.
   * @default - no pre-flight
   */
  readonly clusterState?: ClusterStateSource;
}

/** Every problem of an environment and its rendered manifests; warnings included, silenced codes removed. */
export function validateEnvironment(t: Topology, manifests: readonly Manifest[], options: EnvironmentValidationOptions = {}): Problem[] {
  return validatePlannedEnvironment(t, planEnvironment(t), manifests, options);
}

/** {@link validateEnvironment} with the plan the manifests were rendered from. */
export function validatePlannedEnvironment(t: Topology, plan: RenderInput, manifests: readonly Manifest[], options: EnvironmentValidationOptions = {}): Problem[] {
  return judgePlannedEnvironment(t, plan, manifests, options).problems;
}

/** What {@link judgePlannedEnvironment} found, and what it validated against. */
export interface EnvironmentJudgement {
  /** Every problem; silenced warnings removed. */
  readonly problems: Problem[];
  /** The warnings the environment's `silence` list removed. */
  readonly silenced: Problem[];
  /** The plugin profile the NADs were validated against (undefined: the default). */
  readonly pluginProfile?: PluginProfile;
  /** The Multus namespace isolation the VMs were validated under. */
  readonly isolation: IsolationProfile;
  /** The target the manifests were judged against. */
  readonly target: Target;
}

/** {@link validatePlannedEnvironment}, with the silenced warnings and the resolved targets (for lib/core/render/targets.ts). */
export function judgePlannedEnvironment(t: Topology, plan: RenderInput, manifests: readonly Manifest[], options: EnvironmentValidationOptions = {}): EnvironmentJudgement {
  const previous = readPreviousOutput(options.previous);
  const manifestOptions = manifestValidationOptions(t, { ...options, previous: previous.manifests });
  const { pluginProfile, target } = manifestOptions;
  const isolation = manifestOptions.isolation ?? 'none';
  const intent = intentProblems(t, plan.topology, plan);
  const all = [
    ...intent,
    ...previous.problems,
    ...renderedMetadataProblems(t, manifests, intent),
    ...(t.agent && plan.agent ? validateAgentDeploymentOf(plan.topology, plan.policies, plan.agent, t.agent) : []),
    ...validateManifests(manifests, manifestOptions).map((l) => l.problem),
    // a target the environment names is compared with the nodes' handlers; the implicit default is not (PREFLIGHT_NMSTATE_TOO_OLD still catches what a policy uses)
    ...(options.clusterState !== undefined ? preflightAgainstFiles(manifests, options.clusterState, {}, t.target !== undefined || options.target ? manifestOptions.target : undefined) : []),
  ];
  const silence = new Set(t.silence ?? []);
  const sameNamedNics = vmsWithSameNamedNics(t, intent);
  const asGiven = passThroughProblemsAsWarnings(t);
  const filtered = all.filter((p) => !(CONSEQUENCES.has(p.code) && sameNamedNics.has(`${p.resource.namespace}/${p.resource.name}`)));
  const kept = asGiven ? filtered.map(asGiven) : filtered;
  const isSilenced = (p: Problem) => p.severity === 'warning' && silence.has(p.code);
  return { problems: kept.filter((p) => !isSilenced(p)), silenced: kept.filter(isSilenced), pluginProfile, isolation, target: target ?? topologyTarget(t).target };
}

/**
 * A problem of a pass-through object (`Topology.passThrough`) as a warning: the object is the
 * user's, written as given, so its own problems do not stop the environment (an imported estate
 * with a broken NAD still synthesizes, and says so); problems of modeled objects stay as they are.
 * Undefined when the environment has no pass-through objects.
 */
function passThroughProblemsAsWarnings(t: Topology): ((p: Problem) => Problem) | undefined {
  if (!t.passThrough?.length) return undefined;
  // an object that names no namespace is reported in `default`, where kubectl puts a namespaced one
  const keys = new Set(t.passThrough.flatMap((o) => [objectKey(o.kind, o.metadata?.name, o.metadata?.namespace), ...(o.metadata?.namespace === undefined && NAMESPACED_DEFAULT.has(o.kind) ? [objectKey(o.kind, o.metadata?.name, 'default')] : [])]));
  return (p) =>
    p.severity === 'error' && keys.has(objectKey(p.resource.kind, p.resource.name, p.resource.namespace))
      ? { ...p, severity: 'warning', fix: `${p.fix} (a passThrough object: written as given)` }
      : p;
}

/** The options an environment's manifests are validated with (also for its synthesized objects, after cdk8s patches). */
export function manifestValidationOptions(t: Topology, options: EnvironmentValidationOptions = {}): ManifestsValidationOptions {
  const isolation: IsolationProfile = options.isolation ?? (t.platform === Platform.OPENSHIFT ? 'openshift' : 'none');
  const target = options.target ?? topologyTarget(t).target;
  // NADs target the target's plugin build (on OpenShift: cnv-bridge, cnv-tuning); undefined is the default build
  const pluginProfile = options.pluginProfile ?? (target.pluginProfile !== DEFAULT_PLUGIN_PROFILE ? target.pluginProfile : undefined);
  const previous = typeof options.previous === 'string' ? readPreviousOutput(options.previous).manifests : options.previous;
  return { pluginProfile, isolation, previous, target };
}

/** `problems` without the warnings the environment silences (`Topology.silence`). */
export function unsilenced(t: Topology, problems: readonly Problem[]): Problem[] {
  const silence = new Set(t.silence ?? []);
  return problems.filter((p) => !(p.severity === 'warning' && silence.has(p.code)));
}

/** Manifest-level codes that only restate a VM's duplicate NIC name or duplicate declaration (two VirtualMachines of one name are the duplicate declaration). */
const CONSEQUENCES: ReadonlySet<string> = new Set(['TOPOLOGY_MAC_DUPLICATE', 'KUBEVIRT_DUPLICATE_NETWORK_NAME', 'KUBEVIRT_DUPLICATE_INTERFACE_NAME', 'TOPOLOGY_DUPLICATE_RESOURCE']);

/**
 * VMs (`namespace/name`) declared twice or with two NICs of one name (TOPOLOGY_DUPLICATE_NAME at
 * `vms[i].name` / `vms[i].attachments[j]`): the MAC allocator keys MACs by namespace/VM/NIC name,
 * so the NICs share one MAC, and the VM repeats the interface and network name; those problems
 * are consequences reported at the prop already, not further mistakes.
 */
function vmsWithSameNamedNics(t: Topology, intent: readonly Problem[]): Set<string> {
  const out = new Set<string>();
  for (const p of intent) {
    const m = p.code === 'TOPOLOGY_DUPLICATE_NAME' ? /^vms\[(\d+)\]\.(attachments|name$)/.exec(p.path) : null;
    const vm = m ? t.vms[Number(m[1])] : undefined;
    if (vm) out.add(`${vm.namespace}/${vm.name}`);
  }
  return out;
}
