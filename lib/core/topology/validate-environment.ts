/**
 * Validation of a whole environment, run once at synth: intent rules on the topology, the node
 * agent's options (when the environment deploys it), every rendered manifest checked as its
 * consumer would (nmstate, CNI plugin, KubeVirt admission), and the cross-resource rules on the
 * rendered set.
 */
import { Problem } from '../errors';
import { Manifest } from '../manifest';
import { PluginProfile } from '../cni';
import { validateManifest, ValidateOptions } from '../validate';
import { validateAgentDeployment } from './agent-deployment-validate';
import { Platform, Topology } from './model';
import { validateManifestSet, ManifestSetOptions } from './validate-set';
import { validateTopology } from './validate-topology';
import { dropSuperseded } from './supersede';

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

/** Every problem of an environment; warnings included, silenced codes removed. */
export function validateEnvironment(t: Topology, manifests: readonly Manifest[], options: EnvironmentValidationOptions = {}): Problem[] {
  const isolation = options.isolation ?? (t.platform === Platform.OPENSHIFT ? 'openshift' : 'none');
  // NADs of an OpenShift environment target OpenShift's plugin build (cnv-bridge, cnv-tuning).
  const pluginProfile = options.pluginProfile ?? (t.platform === Platform.OPENSHIFT ? PluginProfile.OPENSHIFT : undefined);
  const perResource: ValidateOptions = { ...options, pluginProfile };
  const problems = [
    ...validateTopology(t),
    ...(t.agent ? validateAgentDeployment(t, t.agent) : []),
    ...manifests.flatMap((m) => validateManifest(m, perResource)),
    ...validateManifestSet(manifests, { isolation, previous: options.previous }),
  ];
  const silence = new Set(t.silence ?? []);
  return dropSuperseded(problems).filter((p) => !(p.severity === 'warning' && silence.has(p.code)));
}
