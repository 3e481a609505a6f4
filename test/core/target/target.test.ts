/**
 * Target profiles (lib/core/target): presets and versions resolve, every mistake is a Problem at
 * its `target…` path, the annotation round-trips, and what each version fact says (read from the
 * components' histories, cited in lib/core/target/target.ts) holds at its boundary.
 */
import { PluginProfile } from '../../../lib/core/cni';
import { validateManifest } from '../../../lib/core/validate';
import {
  allPresets, componentsOf, defaultTarget, parseTargetAnnotation, resolveTarget, Target, targetAnnotationFor, targetProblems, TARGET_PRESETS,
} from '../../../lib/core/target';

const codesAt = (r: { problems: readonly { code: string; path: string }[] }) => r.problems.map((p) => `${p.code} @ ${p.path}`);

describe('resolveTarget', () => {
  it('GIVEN nothing THEN the newest upstream versions, or the newest OpenShift on OpenShift', () => {
    expect(resolveTarget(undefined).target.versions).toEqual({ kubevirt: '1.9', nmstate: '2.2.62', kubernetesNmstate: '0.86', cni: 'upstream-1.9' });
    expect(resolveTarget(undefined, { platform: 'openshift' }).target.preset).toBe('openshift-4.20');
    expect(resolveTarget(undefined).target.pluginProfile).toBe(PluginProfile.UPSTREAM);
  });

  it('GIVEN a preset name THEN its versions; GIVEN versions THEN they override the preset', () => {
    expect(resolveTarget('openshift-4.19').target.versions).toEqual({ kubevirt: '1.5', nmstate: '2.2.47', kubernetesNmstate: '0.84', cni: 'openshift-4.19', ovnKubernetes: '1.1', openshift: '4.19' });
    const r = resolveTarget({ preset: 'openshift-4.19', kubevirt: '1.6' });
    expect(r.problems).toEqual([]);
    expect(r.target.versions.kubevirt).toBe('1.6');
    expect(r.target.versions.openshift).toBe('4.19');
    expect(r.target.preset).toBeUndefined();
    // naming a preset's own value keeps the preset
    expect(resolveTarget({ preset: 'openshift-4.19', kubevirt: '1.5' }).target.preset).toBe('openshift-4.19');
  });

  it('GIVEN every mistake at once THEN one problem each, at the prop path, and the default target', () => {
    const r = resolveTarget({ preset: 'openshift-9', kubevirt: 'latest', nmstate: 2, cni: 'calico', ovnkubernetes: '1.1', openshift: '3.11' } as never);
    expect(codesAt(r)).toEqual([
      'TARGET_PRESET_UNKNOWN @ target.preset',
      'TARGET_VERSION_INVALID @ target.kubevirt',
      'TARGET_VERSION_INVALID @ target.nmstate',
      'TARGET_CNI_UNKNOWN @ target.cni',
      'TARGET_KEY_UNKNOWN @ target.ovnkubernetes',
      'TARGET_VERSION_INVALID @ target.openshift',
    ]);
    expect(r.problems.every((p) => p.severity === 'error' && p.fix.length > 0)).toBe(true);
    expect(r.problems[1].message).toContain('"latest"');
    expect(resolveTarget('openshift-9').problems.map((p) => p.code)).toEqual(['TARGET_PRESET_UNKNOWN']);
    expect(resolveTarget(42).problems.map((p) => p.code)).toEqual(['TARGET_PRESET_UNKNOWN']);
  });

  it('GIVEN the CNI builds THEN upstream versions, Debian and OpenShift resolve to their plugin profiles', () => {
    expect(resolveTarget({ cni: 'upstream-1.6' }).target.pluginProfile.pluginsVersion).toBe('1.6.0');
    expect(resolveTarget({ cni: 'upstream-1.6' }).target.pluginProfile.supportsCniVersion('1.1.0')).toBe(true);
    expect(resolveTarget({ cni: 'upstream-1.5' }).target.pluginProfile.supportsCniVersion('1.1.0')).toBe(false);
    expect(resolveTarget({ cni: 'debian-1.1.1' }).target.pluginProfile).toBe(PluginProfile.DEBIAN_1_1_1);
    expect(resolveTarget({ cni: 'openshift-4.19' }).target.pluginProfile).toBe(PluginProfile.OPENSHIFT);
    expect(codesAt(resolveTarget({ cni: 'upstream-2.0' }))).toEqual(['TARGET_CNI_UNKNOWN @ target.cni']);
  });

  it('every preset resolves without problems', () => {
    for (const name of Object.keys(TARGET_PRESETS)) expect(codesAt(resolveTarget(name))).toEqual([]);
    expect(allPresets().map((t) => t.preset)).toEqual(Object.keys(TARGET_PRESETS));
  });
});

describe('version facts', () => {
  const knm = (v: string) => resolveTarget({ kubernetesNmstate: v }).target;

  it('NNCP apiVersion: v1 from kubernetes-nmstate 0.56; v1alpha1 served until 0.83', () => {
    expect(knm('0.55').nncpApiVersion).toBe('nmstate.io/v1beta1');
    expect(knm('0.56').nncpApiVersion).toBe('nmstate.io/v1');
    expect(knm('0.83').servesNncpApiVersion('nmstate.io/v1alpha1')).toBe(true);
    expect(knm('0.84').servesNncpApiVersion('nmstate.io/v1alpha1')).toBe(false);
    expect(knm('0.86').servesNncpApiVersion('nmstate.io/v1beta1')).toBe(true);
  });

  it('maxUnavailable: "50%" by default from kubernetes-nmstate 0.44, no such field before', () => {
    expect(knm('0.43').defaultMaxUnavailable).toBeUndefined();
    expect(knm('0.44').defaultMaxUnavailable).toBe('50%');
  });

  it('localnet as CUDN: OVN-Kubernetes 1.1, OpenShift 4.19; undeclared OVN-Kubernetes keeps NADs', () => {
    expect(resolveTarget({ ovnKubernetes: '1.0' }).target.localnetAsCudn).toBe(false);
    expect(resolveTarget({ ovnKubernetes: '1.1' }).target.localnetAsCudn).toBe(true);
    expect(resolveTarget('openshift-4.18').target.localnetAsCudn).toBe(false);
    expect(resolveTarget('openshift-4.19').target.localnetAsCudn).toBe(true);
    expect(defaultTarget().localnetAsCudn).toBe(false);
  });
});

describe('the multihome.io/target annotation', () => {
  it('names the preset, or the differing components of the kind, and nothing for the default', () => {
    expect(targetAnnotationFor('NodeNetworkConfigurationPolicy', resolveTarget('openshift-4.19').target)).toBe('openshift-4.19');
    expect(targetAnnotationFor('NodeNetworkConfigurationPolicy', resolveTarget({ kubevirt: '1.5' }).target)).toBeUndefined();
    expect(targetAnnotationFor('VirtualMachine', resolveTarget({ kubevirt: '1.5' }).target)).toBe('kubevirt=1.5');
    expect(targetAnnotationFor('NodeNetworkConfigurationPolicy', resolveTarget({ nmstate: '2.2.37', kubernetesNmstate: '0.83' }).target)).toBe('nmstate=2.2.37,kubernetesNmstate=0.83');
    expect(targetAnnotationFor('ConfigMap', resolveTarget('openshift-4.19').target)).toBeUndefined();
    expect(targetAnnotationFor('NodeNetworkConfigurationPolicy', defaultTarget())).toBeUndefined();
    expect(componentsOf('ClusterUserDefinedNetwork')).toEqual(['ovnKubernetes', 'openshift']);
  });

  it('reads back what it writes; anything else is no target', () => {
    expect(parseTargetAnnotation('openshift-4.19')?.versions).toEqual(TARGET_PRESETS['openshift-4.19']);
    expect(parseTargetAnnotation('nmstate=2.2.37,kubernetesNmstate=0.83')?.versions).toEqual({ ...TARGET_PRESETS['kubevirt-1.9-upstream'], nmstate: '2.2.37', kubernetesNmstate: '0.83' });
    for (const bad of ['', 'openshift', 'nmstate', 'kubevirt=banana', 'colour=blue']) expect(parseTargetAnnotation(bad)).toBeUndefined();
  });
});

describe('targetProblems', () => {
  const nncp = (apiVersion: string, spec: Record<string, unknown> = {}) => ({ apiVersion, kind: 'NodeNetworkConfigurationPolicy', metadata: { name: 'p' }, spec: { desiredState: {}, ...spec } });
  const t = (versions: Partial<Target['versions']>) => resolveTarget(versions).target;

  it('refuses an NNCP apiVersion the target does not serve, and maxUnavailable before 0.44', () => {
    expect(targetProblems(nncp('nmstate.io/v1alpha1'), t({ kubernetesNmstate: '0.84' })).map((p) => `${p.code} @ ${p.path}`)).toEqual(['TARGET_NNCP_API_NOT_SERVED @ apiVersion']);
    expect(targetProblems(nncp('nmstate.io/v1alpha1'), t({ kubernetesNmstate: '0.83' }))).toEqual([]);
    expect(targetProblems(nncp('nmstate.io/v1'), t({ kubernetesNmstate: '0.50' })).map((p) => p.code)).toEqual(['TARGET_NNCP_API_NOT_SERVED']);
    expect(targetProblems(nncp('nmstate.io/v1beta1', { maxUnavailable: 1 }), t({ kubernetesNmstate: '0.43' })).map((p) => `${p.code} @ ${p.path}`)).toEqual(['TARGET_FIELD_NOT_SERVED @ spec.maxUnavailable']);
  });

  it('refuses a CUDN, or its Localnet topology, where the declared OVN-Kubernetes does not serve it', () => {
    const cudn = { apiVersion: 'k8s.ovn.org/v1', kind: 'ClusterUserDefinedNetwork', metadata: { name: 'c' }, spec: { network: { topology: 'Localnet' } } };
    expect(targetProblems(cudn, t({ ovnKubernetes: '1.0' })).map((p) => `${p.code} @ ${p.path}`)).toEqual(['TARGET_CUDN_NOT_SERVED @ kind']);
    expect(targetProblems(cudn, resolveTarget('openshift-4.18').target).map((p) => `${p.code} @ ${p.path}`)).toEqual(['TARGET_CUDN_NOT_SERVED @ spec.network.topology']);
    expect(targetProblems(cudn, resolveTarget('openshift-4.19').target)).toEqual([]);
    expect(targetProblems(cudn, defaultTarget())).toEqual([]);
  });
});

describe('validateManifest with a target: the NNCP apiVersion', () => {
  const nncp = (apiVersion: string) => ({ apiVersion, kind: 'NodeNetworkConfigurationPolicy', metadata: { name: 'p' }, spec: { nodeSelector: { a: 'b' }, desiredState: {} } });
  const at = (apiVersion: string, target: Target) => validateManifest(nncp(apiVersion), { target }).map((p) => `${p.severity} ${p.code} @ ${p.path}`);
  it('a served older version is the "use the current one" warning naming the target\'s; an unserved one is only the target\'s error', () => {
    const old = resolveTarget({ kubernetesNmstate: '0.50' }).target;
    expect(at('nmstate.io/v1alpha1', old)).toEqual(['warning NMSTATE_NNCP_API_VERSION @ apiVersion']);
    expect(validateManifest(nncp('nmstate.io/v1alpha1'), { target: old })[0].fix).toBe('set apiVersion: nmstate.io/v1beta1');
    expect(at('nmstate.io/v1beta1', old)).toEqual([]);
    expect(at('nmstate.io/v1', old)).toEqual(['error TARGET_NNCP_API_NOT_SERVED @ apiVersion']);
    expect(at('nmstate.io/v1alpha1', defaultTarget())).toEqual(['error TARGET_NNCP_API_NOT_SERVED @ apiVersion']);
    expect(at('nmstate.io/v1beta1', defaultTarget())).toEqual(['warning NMSTATE_NNCP_API_VERSION @ apiVersion']);
    expect(at('nmstate.io/v2', defaultTarget())).toEqual(['error NMSTATE_NNCP_SHAPE @ apiVersion']);
  });
});
