/**
 * What the rendered output targets, written on the objects themselves so that `multihome check`
 * on a synthesized directory validates exactly as synth did, with no flags (issue 12 §4, B16).
 * Like kube-linter's `ignore-check.kube-linter.io/<check>` annotations, they travel with the YAML
 * whoever writes it (`multihome synth`, `npx cdk8s synth`, Pulumi), and only where needed:
 *
 * - `multihome.io/plugin-profile: openshift` on each NAD validated against a CNI plugin build other
 *   than the default (`upstream`);
 * - `multihome.io/isolation: openshift` on each VM validated under Multus namespace isolation
 *   (the rule isolation changes for VMs is which NADs a VM may use), and on each workload with
 *   `hostNetwork: true` validated for OpenShift (which must be admitted by an SCC, rules/scc.ts);
 * - `multihome.io/target: nmstate=2.2.50,kubernetesNmstate=0.85` on each NNCP, VM and CUDN whose
 *   target versions (lib/core/target) differ from the default target, naming just the components
 *   that object's rules and output depend on;
 * - `multihome.io/silence: CODE1,CODE2` on exactly the objects whose warnings the environment's
 *   `silence` list removed (warnings only, as in the build).
 *
 * Options given explicitly (CLI flags, construct props) win over the annotations.
 */
import { CodeTable, Problem, ResourceRef } from '../errors';
import { joinPath } from '../path';
import { DEFAULT_PLUGIN_PROFILE, PluginProfile, PLUGIN_PROFILE_NAMES } from '../cni/profiles';
import { API, Manifest } from '../manifest';
import { isRecord, show } from '../problems';
import type { IsolationProfile } from '../topology/rules/context';
import { parseTargetAnnotation, Target, targetAnnotationFor } from '../target';

/** CNI plugin build a NAD was validated against (`PluginProfile` name). */
export const PLUGIN_PROFILE_ANNOTATION = 'multihome.io/plugin-profile';
/** Multus namespace isolation a VM was validated under. */
export const ISOLATION_ANNOTATION = 'multihome.io/isolation';
/** The target versions (lib/core/target) an object was written for, where they differ from the default. */
export const TARGET_ANNOTATION = 'multihome.io/target';
/** Comma-separated problem codes whose warnings on this object the environment silenced. */
export const SILENCE_ANNOTATION = 'multihome.io/silence';

/** Isolation profiles an annotation may name (rules/context.ts IsolationProfile). */
export const ISOLATION_PROFILES: readonly IsolationProfile[] = ['none', 'multus', 'openshift'];

/** Problem codes of the target annotations. */
export const TARGET_ANNOTATION_CODES: CodeTable = {
  TARGET_ANNOTATION_INVALID: {
    severity: 'error',
    summary: `a multihome.io target annotation (${PLUGIN_PROFILE_ANNOTATION}, ${ISOLATION_ANNOTATION}, ${TARGET_ANNOTATION}, ${SILENCE_ANNOTATION}) has a value multihome does not know, so check cannot validate the object the way synth did`,
    upstream: 'multihome',
  },
};

/** Problem codes are upper-case words joined by `_` (every codes.ts table). */
const CODE_PATTERN = /^[A-Z][A-Z0-9_]*$/;

/** What an object's target annotations say; absent fields fall back to the caller's defaults. */
export interface ObjectTargets {
  readonly pluginProfile?: PluginProfile;
  readonly isolation?: IsolationProfile;
  /** The target versions the object was written for. */
  readonly target?: Target;
  /** Codes whose warnings on this object are silenced. */
  readonly silence: ReadonlySet<string>;
}

const NO_SILENCE: ReadonlySet<string> = new Set();

function annotationsOf(obj: unknown): Record<string, unknown> | undefined {
  if (!isRecord(obj) || !isRecord(obj.metadata)) return undefined;
  const a = obj.metadata.annotations;
  return isRecord(a) ? a : undefined;
}

/** Reads the target annotations of one object; an unknown value is left out (see {@link targetAnnotationProblems}). */
export function objectTargets(obj: unknown): ObjectTargets {
  const a = annotationsOf(obj);
  if (!a) return { silence: NO_SILENCE };
  const profile = a[PLUGIN_PROFILE_ANNOTATION];
  const isolation = a[ISOLATION_ANNOTATION];
  const silence = a[SILENCE_ANNOTATION];
  const target = a[TARGET_ANNOTATION];
  return {
    pluginProfile: typeof profile === 'string' ? PluginProfile.forCniTarget(profile) : undefined,
    ...(typeof target === 'string' ? { target: parseTargetAnnotation(target) } : {}),
    isolation: ISOLATION_PROFILES.find((i) => i === isolation),
    silence: typeof silence === 'string' ? new Set(silence.split(',').filter((c) => CODE_PATTERN.test(c))) : NO_SILENCE,
  };
}

/** TARGET_ANNOTATION_INVALID for every target annotation of `obj` whose value is not understood. */
export function targetAnnotationProblems(obj: unknown): Problem[] {
  const a = annotationsOf(obj);
  if (!a || !(PLUGIN_PROFILE_ANNOTATION in a || ISOLATION_ANNOTATION in a || SILENCE_ANNOTATION in a || TARGET_ANNOTATION in a)) return [];
  const meta = (obj as { metadata: Record<string, unknown> }).metadata;
  const resource: ResourceRef = {
    kind: String((obj as Record<string, unknown>).kind),
    ...(typeof meta.name === 'string' ? { name: meta.name } : {}),
    ...(typeof meta.namespace === 'string' ? { namespace: meta.namespace } : {}),
  };
  const out: Problem[] = [];
  const bad = (key: string, allowed: string, fix: string) =>
    out.push({
      code: 'TARGET_ANNOTATION_INVALID',
      severity: 'error',
      resource,
      path: joinPath('metadata', 'annotations', key),
      message: `annotation ${key} is ${show(a[key])}; allowed: ${allowed}`,
      fix,
    });
  const profile = a[PLUGIN_PROFILE_ANNOTATION];
  if (profile !== undefined && (typeof profile !== 'string' || !PluginProfile.forCniTarget(profile))) {
    bad(PLUGIN_PROFILE_ANNOTATION, `${PLUGIN_PROFILE_NAMES.join(', ')}, upstream-<1.x>, openshift-<4.N>`, `write one of ${PLUGIN_PROFILE_NAMES.join(', ')} (or a versioned build such as upstream-1.6), or remove the annotation to validate against ${DEFAULT_PLUGIN_PROFILE.name}`);
  }
  const target = a[TARGET_ANNOTATION];
  if (target !== undefined && (typeof target !== 'string' || !parseTargetAnnotation(target))) {
    bad(TARGET_ANNOTATION, 'a target preset name, or component=version pairs separated by commas (kubevirt, nmstate, kubernetesNmstate, cni, ovnKubernetes, openshift)', 'write e.g. nmstate=2.2.50,kubernetesNmstate=0.85, or remove the annotation to validate against the default target');
  }
  const isolation = a[ISOLATION_ANNOTATION];
  if (isolation !== undefined && !ISOLATION_PROFILES.some((i) => i === isolation)) {
    bad(ISOLATION_ANNOTATION, ISOLATION_PROFILES.join(', '), `write one of ${ISOLATION_PROFILES.join(', ')}, or remove the annotation (no isolation)`);
  }
  const silence = a[SILENCE_ANNOTATION];
  if (silence !== undefined && (typeof silence !== 'string' || !silence.split(',').every((c) => CODE_PATTERN.test(c)))) {
    bad(SILENCE_ANNOTATION, 'problem codes separated by commas, e.g. NAD_NAME_MISMATCH,NMSTATE_NNCP_NO_NODE_SELECTOR', 'list the codes without spaces, separated by commas');
  }
  return out;
}

/** What a build validated against, and which warnings it silenced on which object. */
export interface BuildTargets {
  /** The plugin profile the NADs were validated against (undefined: the default). */
  readonly pluginProfile?: PluginProfile;
  readonly isolation: IsolationProfile;
  /** The target the build wrote and judged for (undefined: the default). */
  readonly target?: Target;
  /** Silenced codes by manifest. */
  readonly silenced: ReadonlyMap<Manifest, ReadonlySet<string>>;
}

const withAnnotation = (m: Manifest, key: string, value: string, asGiven?: ReadonlySet<Manifest>) => {
  if (asGiven?.has(m) && m.metadata.annotations !== undefined && Object.prototype.hasOwnProperty.call(m.metadata.annotations, key)) return;
  m.metadata.annotations = { ...(m.metadata.annotations ?? {}), [key]: value };
};

/**
 * Writes the target annotations on rendered manifests (in place, before they are serialized):
 * the profile on NADs when it is not the default, the isolation on VMs when there is one, the
 * silenced codes (sorted) on the objects they were silenced on. An object in `asGiven` (written
 * as given) keeps any of these annotations it carries.
 */
export function annotateTargets(manifests: readonly Manifest[], targets: BuildTargets, asGiven?: ReadonlySet<Manifest>): void {
  const profile = targets.pluginProfile && targets.pluginProfile.name !== DEFAULT_PLUGIN_PROFILE.name ? targets.pluginProfile.name : undefined;
  for (const m of manifests) {
    if (profile && m.kind === API.nad.kind) withAnnotation(m, PLUGIN_PROFILE_ANNOTATION, profile, asGiven);
    const versions = targets.target ? targetAnnotationFor(m.kind, targets.target) : undefined;
    if (versions) withAnnotation(m, TARGET_ANNOTATION, versions, asGiven);
    if (targets.isolation !== 'none' && (m.kind === API.vm.kind || m.kind === API.vmi.kind)) withAnnotation(m, ISOLATION_ANNOTATION, targets.isolation, asGiven);
    if (targets.isolation === 'openshift' && isHostNetworkWorkload(m)) withAnnotation(m, ISOLATION_ANNOTATION, targets.isolation, asGiven);
    const codes = targets.silenced.get(m);
    if (codes?.size) withAnnotation(m, SILENCE_ANNOTATION, [...codes].sort().join(','), asGiven);
  }
}

/** A DaemonSet, Deployment or other pod template (or a Pod) on the host network. */
function isHostNetworkWorkload(m: Manifest): boolean {
  const spec = isRecord(m.spec) ? m.spec : undefined;
  const pod = m.kind === 'Pod' ? spec : isRecord(spec?.template) && isRecord(spec.template.spec) ? spec.template.spec : undefined;
  return pod?.hostNetwork === true;
}
