/**
 * Validation of a whole environment: intent rules on the topology, the node agent's options (when
 * the environment deploys it), and the rendered manifests alone and together
 * (`validateManifests`, the same validation `multihome check` runs on hand-written YAML).
 * `buildEnvironment` runs it once per build; it never re-resolves or re-plans the topology.
 */
import { Problem } from '../errors';
import { Manifest } from '../manifest';
import { PluginProfile } from '../cni';
import { ValidateOptions } from '../validate';
import { validateAgentDeploymentOf } from './agent-deployment-validate';
import { Platform, Topology } from './model';
import { planEnvironment, RenderInput } from './render';
import { ManifestSetOptions } from './validate-set';
import { ManifestsValidationOptions, validateManifests } from './validate-manifests';
import { validateTopology } from './validate-topology';

/** Options of {@link validateEnvironment}. */
export interface EnvironmentValidationOptions extends ValidateOptions {
  /**
   * Multus namespace isolation of the target cluster.
   * @default 'openshift' on Platform.OPENSHIFT, 'none' otherwise
   */
  readonly isolation?: ManifestSetOptions['isolation'];
  /**
   * The previously synthesized manifests (e.g. the GitOps repo's current dist/<env>), to catch
   * interfaces and networks removed without the `absent` step.
   * @default - no comparison
   */
  readonly previous?: readonly Manifest[];
}

/** Every problem of an environment and its rendered manifests; warnings included, silenced codes removed. */
export function validateEnvironment(t: Topology, manifests: readonly Manifest[], options: EnvironmentValidationOptions = {}): Problem[] {
  return validatePlannedEnvironment(t, planEnvironment(t), manifests, options);
}

/** {@link validateEnvironment} with the plan the manifests were rendered from. */
export function validatePlannedEnvironment(t: Topology, plan: RenderInput, manifests: readonly Manifest[], options: EnvironmentValidationOptions = {}): Problem[] {
  const problems = [
    ...validateTopology(t, plan.topology),
    ...(t.agent && plan.agent ? validateAgentDeploymentOf(plan.topology, plan.policies, plan.agent, t.agent) : []),
    ...validateManifests(manifests, manifestValidationOptions(t, options)).map((l) => l.problem),
  ];
  return unsilenced(t, problems);
}

/** The options an environment's manifests are validated with (also for its synthesized objects, after cdk8s patches). */
export function manifestValidationOptions(t: Topology, options: EnvironmentValidationOptions = {}): ManifestsValidationOptions {
  const isolation = options.isolation ?? (t.platform === Platform.OPENSHIFT ? 'openshift' : 'none');
  // NADs of an OpenShift environment target OpenShift's plugin build (cnv-bridge, cnv-tuning).
  const pluginProfile = options.pluginProfile ?? (t.platform === Platform.OPENSHIFT ? PluginProfile.OPENSHIFT : undefined);
  return { pluginProfile, isolation, previous: options.previous };
}

/** `problems` without the warnings the environment silences (`Topology.silence`). */
export function unsilenced(t: Topology, problems: readonly Problem[]): Problem[] {
  const silence = new Set(t.silence ?? []);
  return problems.filter((p) => !(p.severity === 'warning' && silence.has(p.code)));
}
