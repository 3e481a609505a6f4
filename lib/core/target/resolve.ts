/**
 * Resolving what an environment targets: a preset name, or versions over a preset, into a
 * {@link Target}; every mistake a Problem at the prop's path (`target.kubevirt`, …).
 */
import { Problem, ResourceRef } from '../errors';
import { joinPath } from '../path';
import { isRecord, show } from '../problems';
import { PluginProfile } from '../cni/profiles';
import { Target } from './target';
import { TARGET_CODES, TargetCode } from './codes';
import { compareVersions, DEFAULT_PRESETS, TARGET_COMPONENTS, TARGET_PRESETS, TargetComponent, TargetSpec, TargetVersions, VERSION_PATTERN } from './versions';

/**
 * The oldest release multihome models per component (older ones predate the APIs multihome writes:
 * KubeVirt's network admitter layout of v1.0, nmstate 2.x, kubernetes-nmstate with NNCP v1beta1,
 * OVN-Kubernetes's first release, OpenShift 4.12).
 */
const OLDEST: Readonly<Record<string, string>> = { kubevirt: '1.0', nmstate: '2.0', kubernetesNmstate: '0.40', ovnKubernetes: '1.0', openshift: '4.12' };

/** The platform the default preset is chosen for. */
export type TargetPlatform = keyof typeof DEFAULT_PRESETS;

/** What {@link resolveTarget} found: the target (the default one when the spec is unusable) and the problems. */
export interface TargetResolution {
  readonly target: Target;
  readonly problems: Problem[];
}

/** The default target of a platform (`kubevirt-1.9-upstream`, or `openshift-4.20` on OpenShift). */
export function defaultTarget(platform: TargetPlatform = 'vanilla'): Target {
  const preset = DEFAULT_PRESETS[platform];
  return new Target(TARGET_PRESETS[preset], preset);
}

/**
 * Resolves `spec` (a preset name, or versions over `spec.preset`, else over the platform's default
 * preset). `where` is the resource and path the problems are reported at (an environment's
 * `target` prop, the `--target` option).
 */
export function resolveTarget(spec: unknown, options: { platform?: TargetPlatform; resource?: ResourceRef; path?: string } = {}): TargetResolution {
  const platform = options.platform ?? 'vanilla';
  const resource = options.resource ?? { kind: 'Environment', name: '(target)' };
  const base = options.path ?? 'target';
  const problems: Problem[] = [];
  const add = (code: TargetCode, path: string, message: string, fix: string) =>
    problems.push({ code, severity: TARGET_CODES[code].severity, resource, path, message, fix });
  const presets = Object.keys(TARGET_PRESETS);
  if (spec === undefined) return { target: defaultTarget(platform), problems };
  if (typeof spec === 'string') {
    if (Object.hasOwn(TARGET_PRESETS, spec)) return { target: new Target(TARGET_PRESETS[spec], spec), problems };
    add('TARGET_PRESET_UNKNOWN', base, `target ${show(spec)} is not a preset multihome knows; presets: ${presets.join(', ')}`, `name one of ${presets.join(', ')}, or give versions: target: { kubevirt: '1.8', nmstate: '2.2.59', … }`);
    return { target: defaultTarget(platform), problems };
  }
  if (!isRecord(spec)) {
    add('TARGET_PRESET_UNKNOWN', base, `target is ${show(spec)}; it must be a preset name or a map of component versions`, `write target: '${DEFAULT_PRESETS[platform]}' or target: { kubevirt: '1.9', … }`);
    return { target: defaultTarget(platform), problems };
  }
  let preset: string = DEFAULT_PRESETS[platform];
  if (spec.preset !== undefined) {
    if (typeof spec.preset === 'string' && Object.hasOwn(TARGET_PRESETS, spec.preset)) preset = spec.preset;
    else add('TARGET_PRESET_UNKNOWN', joinPath(base, 'preset'), `preset ${show(spec.preset)} is not a preset multihome knows; presets: ${presets.join(', ')}`, `name one of ${presets.join(', ')}`);
  }
  const versions: Record<string, string | undefined> = { ...TARGET_PRESETS[preset] };
  let changed = false;
  for (const [key, value] of Object.entries(spec)) {
    if (key === 'preset') continue;
    const path = joinPath(base, key);
    if (!(TARGET_COMPONENTS as readonly string[]).includes(key)) {
      add('TARGET_KEY_UNKNOWN', path, `target has ${show(key)}, which is not a component; components: preset, ${TARGET_COMPONENTS.join(', ')}`, `remove ${key} or spell it as one of ${TARGET_COMPONENTS.join(', ')}`);
      continue;
    }
    if (value === undefined) continue;
    if (key === 'cni') {
      if (typeof value !== 'string' || !PluginProfile.forCniTarget(value)) {
        add('TARGET_CNI_UNKNOWN', path, `cni ${show(value)} names no plugin build multihome knows`, `write upstream-<plugins version> (1.0 … 1.9, e.g. upstream-1.6), debian-1.1.1, or openshift-<4.N> (e.g. openshift-4.19)`);
        continue;
      }
    } else if (typeof value !== 'string' || !VERSION_PATTERN.test(value) || compareVersions(value, OLDEST[key]) < 0) {
      add('TARGET_VERSION_INVALID', path, `${key} ${show(value)} is not a version multihome models (a dotted version string, ${OLDEST[key]} or newer)`, `write the ${key} release as a string, e.g. '${TARGET_PRESETS[DEFAULT_PRESETS.vanilla][key as keyof TargetVersions] ?? TARGET_PRESETS[DEFAULT_PRESETS.openshift][key as keyof TargetVersions] ?? OLDEST[key]}' (the newest multihome knows)`);
      continue;
    }
    if (versions[key] !== value) changed = true;
    versions[key] = value;
  }
  return { target: new Target(versions as unknown as TargetVersions, changed ? undefined : preset), problems };
}

/** Every preset, resolved (README table, `multihome targets`). */
export function allPresets(): Target[] {
  return Object.entries(TARGET_PRESETS).map(([name, v]) => new Target(v, name));
}

/**
 * Reads the value of the `multihome.io/target` annotation: a preset name, or
 * `component=version` pairs separated by commas (`nmstate=2.2.50,kubernetesNmstate=0.85`), the
 * components left out being the default target's. Undefined when it is neither.
 */
export function parseTargetAnnotation(value: string): Target | undefined {
  // over the default preset, whatever the platform: the annotation names what differs from it
  const r = resolveTarget(targetSpecOfText(value));
  return r.problems.length ? undefined : r.target;
}

/** The components whose versions decide how an object of `kind` is written and judged. */
export function componentsOf(kind: unknown): readonly TargetComponent[] {
  switch (kind) {
    case 'NodeNetworkConfigurationPolicy': return ['nmstate', 'kubernetesNmstate'];
    case 'VirtualMachine':
    case 'VirtualMachineInstance': return ['kubevirt'];
    case 'ClusterUserDefinedNetwork':
    case 'UserDefinedNetwork': return ['ovnKubernetes', 'openshift'];
    default: return [];
  }
}

/**
 * The `multihome.io/target` annotation value an object of `kind` carries for `target`, when one
 * of its components ({@link componentsOf}) differs from the default target's (else undefined:
 * `multihome check` judges it against the default, as synth did): the preset's name when the
 * target is a preset, else those components as `component=version` pairs.
 */
export function targetAnnotationFor(kind: unknown, target: Target): string | undefined {
  const def = defaultTarget('vanilla').versions as unknown as Record<string, string | undefined>;
  const v = target.versions as unknown as Record<string, string | undefined>;
  const differ = componentsOf(kind).filter((c) => v[c] !== def[c] && v[c] !== undefined);
  if (!differ.length) return undefined;
  return target.preset ?? differ.map((c) => `${c}=${v[c]}`).join(',');
}

/**
 * A target written as one string (`--target`, the `multihome:target` stack config): a preset
 * name, or `component=version` pairs separated by commas (`preset=NAME` among them to start from
 * another preset). Resolve the result with {@link resolveTarget}.
 */
export function targetSpecOfText(text: string): TargetSpec {
  if (!text.includes('=')) return text;
  const pairs: Record<string, string> = {};
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    pairs[eq < 0 ? part.trim() : part.slice(0, eq).trim()] = eq < 0 ? '' : part.slice(eq + 1).trim();
  }
  return pairs;
}
