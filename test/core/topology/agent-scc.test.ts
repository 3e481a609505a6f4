/**
 * The node agent on OpenShift: its SecurityContextConstraints and the grant (agent-scc.ts), the
 * existing-SCC option, nothing on vanilla, and the check rule (rules/scc.ts) on the agent's own
 * output and on its failure cases. Expected SCC fields are written out by hand.
 */
import { lab } from '../../../apps/environments/lab';
import { prod } from '../../../apps/environments/prod';
import { Manifest } from '../../../lib/core/manifest';
import { AgentDeploymentOptions, renderAgentDeployment } from '../../../lib/core/topology/agent-deployment';
import { validateAgentDeployment } from '../../../lib/core/topology/agent-deployment-validate';
import { sccForPods } from '../../../lib/core/topology/agent-scc';
import { Platform, Topology } from '../../../lib/core/topology/model';
import { validateManifestSet } from '../../../lib/core/topology/validate-set';

const openshiftLab: Topology = { ...lab, platform: Platform.OPENSHIFT };
const key = (m: Manifest) => `${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`;
const find = (ms: Manifest[], kind: string) => ms.find((m) => m.kind === kind)!;
const sccFields = (m: Manifest) => {
  const { apiVersion, kind, metadata, ...rest } = m;
  return rest;
};
const podSpec = (ds: Manifest) => (ds.spec as any).template.spec;
const sccProblems = (ms: Manifest[], isolation?: 'openshift' | 'none') =>
  validateManifestSet(ms, isolation ? { isolation } : {})
    .filter((p) => p.code.startsWith('TOPOLOGY_SCC_'))
    .map((p) => ({ code: p.code, resource: `${p.resource.kind}/${p.resource.namespace}/${p.resource.name}`, path: p.path }));

/** The fields both modes share: host network and the DaemonSet's host port, nothing privileged, ALL dropped. */
const COMMON = {
  allowHostDirVolumePlugin: false,
  allowHostIPC: false,
  allowHostNetwork: true,
  allowHostPID: false,
  allowHostPorts: true,
  allowPrivilegeEscalation: false,
  allowPrivilegedContainer: false,
  fsGroup: { type: 'MustRunAs' },
  groups: [],
  readOnlyRootFilesystem: true,
  requiredDropCapabilities: ['ALL'],
  seLinuxContext: { type: 'MustRunAs' },
  seccompProfiles: ['runtime/default'],
  supplementalGroups: { type: 'MustRunAs' },
  users: [],
};

describe('agent SecurityContextConstraints (platform: openshift)', () => {
  test('GIVEN apply mode THEN the SCC allows NET_ADMIN and NET_RAW, uid 0 only, configMap, the journal\'s hostPath and the projected token', () => {
    const ms = renderAgentDeployment(openshiftLab, { mode: 'apply' });
    const scc = find(ms, 'SecurityContextConstraints');
    expect(scc.apiVersion).toBe('security.openshift.io/v1');
    expect(scc.metadata.name).toBe('multihome-agent');
    expect(scc.metadata.namespace).toBeUndefined();
    expect(scc.metadata.labels).toEqual({ 'app.kubernetes.io/name': 'multihome-agent', 'app.kubernetes.io/part-of': 'multihome' });
    expect(sccFields(scc)).toEqual({
      ...COMMON,
      allowHostDirVolumePlugin: true,
      allowedCapabilities: ['NET_ADMIN', 'NET_RAW'],
      runAsUser: { type: 'MustRunAs', uid: 0 },
      volumes: ['configMap', 'hostPath', 'projected'],
    });
  });

  test('GIVEN observe mode without bridge marking THEN no capability, uid 65534 only, and no projected volume (no token mounted)', () => {
    const scc = find(renderAgentDeployment(openshiftLab, { mode: 'observe', markBridges: false }), 'SecurityContextConstraints');
    expect(sccFields(scc)).toEqual({ ...COMMON, allowedCapabilities: [], runAsUser: { type: 'MustRunAs', uid: 65534 }, volumes: ['configMap'] });
  });

  test('GIVEN groups in both modes and a /state token THEN the capabilities of the apply group, the uid range 0–65534 and secret volumes', () => {
    const ms = renderAgentDeployment(prod, { mode: 'observe', nodeGroupModes: { workers: 'apply' }, state: { enabled: true, tokenSecret: 'agent-state' } });
    expect(sccFields(find(ms, 'SecurityContextConstraints'))).toEqual({
      ...COMMON,
      allowHostDirVolumePlugin: true,
      allowedCapabilities: ['NET_ADMIN', 'NET_RAW'],
      runAsUser: { type: 'MustRunAsRange', uidRangeMax: 65534, uidRangeMin: 0 },
      volumes: ['configMap', 'hostPath', 'projected', 'secret'],
    });
  });

  test('GIVEN the pods\' volumes THEN the SCC follows them: the apply journal\'s hostPath admitted only while a pod mounts it', () => {
    const ms = renderAgentDeployment(openshiftLab, { mode: 'apply' });
    const ds = find(ms, 'DaemonSet');
    expect(podSpec(ds).volumes).toContainEqual({ hostPath: { path: '/run/multihome-agent', type: 'DirectoryOrCreate' }, name: 'journal' });
    const withoutJournal = { ...podSpec(ds), volumes: podSpec(ds).volumes.filter((v: { hostPath?: unknown }) => !v.hostPath) };
    const scc = sccForPods({ name: 'x' }, [withoutJournal]);
    expect(scc.allowHostDirVolumePlugin).toBe(false);
    expect(scc.volumes).toEqual(['configMap', 'projected']);
  });

  test('GIVEN defaults THEN SCC, Role and RoleBinding <name>-scc come after the cluster RBAC and before the DaemonSets, granting use of that SCC only', () => {
    const ms = renderAgentDeployment(openshiftLab, { name: 'edge-agent', namespace: 'edge' });
    expect(ms.map(key)).toEqual([
      'Namespace//edge',
      'ServiceAccount/edge/edge-agent',
      'ClusterRole//edge-agent',
      'ValidatingAdmissionPolicy//edge-agent-own-node',
      'ValidatingAdmissionPolicyBinding//edge-agent-own-node',
      'ClusterRoleBinding//edge-agent',
      'SecurityContextConstraints//edge-agent',
      'Role/edge/edge-agent-scc',
      'RoleBinding/edge/edge-agent-scc',
      'ConfigMap/edge/edge-agent-nodes',
      'DaemonSet/edge/edge-agent-nodes',
    ]);
    expect(find(ms, 'Role').rules).toEqual([{ apiGroups: ['security.openshift.io'], resourceNames: ['edge-agent'], resources: ['securitycontextconstraints'], verbs: ['use'] }]);
    const binding = find(ms, 'RoleBinding');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'edge-agent-scc' });
    expect(binding.subjects).toEqual([{ apiGroup: '', kind: 'ServiceAccount', name: 'edge-agent', namespace: 'edge' }]);
    expect(find(ms, 'DaemonSet').metadata.annotations?.['multihome.io/isolation']).toBe('openshift');
  });

  test('GIVEN securityContextConstraints: an existing SCC THEN no SCC, only the Role + RoleBinding granting it', () => {
    const ms = renderAgentDeployment(openshiftLab, { mode: 'apply', securityContextConstraints: 'net-agents' });
    expect(ms.filter((m) => m.kind === 'SecurityContextConstraints')).toEqual([]);
    expect(find(ms, 'Role').rules).toEqual([{ apiGroups: ['security.openshift.io'], resourceNames: ['net-agents'], resources: ['securitycontextconstraints'], verbs: ['use'] }]);
    expect(find(ms, 'RoleBinding').metadata.name).toBe('multihome-agent-scc');
  });

  test.each<[string, Topology, AgentDeploymentOptions]>([
    ['lab (vanilla)', lab, { mode: 'apply' }],
    ['lab (vanilla), observe', lab, {}],
  ])('GIVEN %s THEN nothing OpenShift is rendered', (_n, t, o) => {
    const ms = renderAgentDeployment(t, o);
    expect(ms.filter((m) => ['SecurityContextConstraints', 'Role', 'RoleBinding'].includes(m.kind))).toEqual([]);
    expect(ms.filter((m) => m.metadata.annotations?.['multihome.io/isolation'] !== undefined)).toEqual([]);
  });

  test('GIVEN securityContextConstraints on vanilla, or not a name, THEN AGENT_DEPLOYMENT_OPTION at securityContextConstraints', () => {
    const at = (t: Topology, scc: string) => validateAgentDeployment(t, { securityContextConstraints: scc }).filter((p) => p.path === 'securityContextConstraints').map((p) => p.code);
    expect(at(lab, 'net-agents')).toEqual(['AGENT_DEPLOYMENT_OPTION']);
    expect(at(openshiftLab, 'Not_A_Name')).toEqual(['AGENT_DEPLOYMENT_OPTION']);
    expect(at(openshiftLab, 'net-agents')).toEqual([]);
  });
});

describe('check: host-network workloads on OpenShift need an SCC (TOPOLOGY_SCC_*)', () => {
  const apply = () => renderAgentDeployment(openshiftLab, { mode: 'apply' });
  const DS = 'DaemonSet/multihome-system/multihome-agent-nodes';

  test.each<[string, AgentDeploymentOptions]>([
    ['apply', { mode: 'apply' }],
    ['observe', { mode: 'observe' }],
    ['observe without bridge marking', { mode: 'observe', markBridges: false }],
  ])("GIVEN the agent's own OpenShift output (%s) THEN its SCC admits its DaemonSet, with no flag (the annotation) and with isolation openshift", (_n, o) => {
    const ms = renderAgentDeployment(openshiftLab, o);
    expect(sccProblems(ms)).toEqual([]);
    expect(sccProblems(ms, 'openshift')).toEqual([]);
  });

  test('GIVEN no SCC and no grant THEN TOPOLOGY_SCC_HOST_NETWORK at spec.template.spec.hostNetwork', () => {
    const ms = apply().filter((m) => !['SecurityContextConstraints', 'Role', 'RoleBinding'].includes(m.kind));
    expect(sccProblems(ms)).toEqual([{ code: 'TOPOLOGY_SCC_HOST_NETWORK', resource: DS, path: 'spec.template.spec.hostNetwork' }]);
  });

  test('GIVEN the same DaemonSet on vanilla (no annotation, no isolation) THEN no SCC problem', () => {
    expect(sccProblems(renderAgentDeployment(lab, { mode: 'apply' }))).toEqual([]);
  });

  test('GIVEN the vanilla output checked with isolation openshift THEN TOPOLOGY_SCC_HOST_NETWORK', () => {
    expect(sccProblems(renderAgentDeployment(lab, { mode: 'apply' }), 'openshift')).toEqual([{ code: 'TOPOLOGY_SCC_HOST_NETWORK', resource: DS, path: 'spec.template.spec.hostNetwork' }]);
  });

  test('GIVEN the SCC without allowHostNetwork THEN TOPOLOGY_SCC_HOST_NETWORK', () => {
    const ms = apply();
    (find(ms, 'SecurityContextConstraints') as any).allowHostNetwork = false;
    expect(sccProblems(ms)).toEqual([{ code: 'TOPOLOGY_SCC_HOST_NETWORK', resource: DS, path: 'spec.template.spec.hostNetwork' }]);
  });

  test('GIVEN the SCC without NET_ADMIN THEN TOPOLOGY_SCC_NOT_ADMITTED at the added capability', () => {
    const ms = apply();
    (find(ms, 'SecurityContextConstraints') as any).allowedCapabilities = ['NET_RAW'];
    expect(sccProblems(ms)).toEqual([{ code: 'TOPOLOGY_SCC_NOT_ADMITTED', resource: DS, path: 'spec.template.spec.containers[0].securityContext.capabilities.add[0]' }]);
  });

  test('GIVEN a hostPath volume the SCC does not allow THEN TOPOLOGY_SCC_NOT_ADMITTED at the volume', () => {
    const ms = apply();
    const scc = find(ms, 'SecurityContextConstraints') as any;
    scc.allowHostDirVolumePlugin = false;
    scc.volumes = scc.volumes.filter((v: string) => v !== 'hostPath');
    expect(sccProblems(ms)).toEqual([{ code: 'TOPOLOGY_SCC_NOT_ADMITTED', resource: DS, path: 'spec.template.spec.volumes[1].hostPath' }]);
  });

  test('GIVEN the existing-SCC option THEN the SCC is not in the files: not judged, not reported', () => {
    expect(sccProblems(renderAgentDeployment(openshiftLab, { mode: 'apply', securityContextConstraints: 'net-agents' }))).toEqual([]);
  });

  test('GIVEN the agent bound to built-in hostnetwork-v2 instead THEN its capabilities, uid 0 and the journal hostPath are not admitted', () => {
    const ms = renderAgentDeployment(openshiftLab, { mode: 'apply', securityContextConstraints: 'hostnetwork-v2' });
    expect(sccProblems(ms)).toEqual([
      { code: 'TOPOLOGY_SCC_NOT_ADMITTED', resource: DS, path: 'spec.template.spec.containers[0].securityContext.capabilities.add[0]' },
      { code: 'TOPOLOGY_SCC_NOT_ADMITTED', resource: DS, path: 'spec.template.spec.containers[0].securityContext.capabilities.add[1]' },
      { code: 'TOPOLOGY_SCC_NOT_ADMITTED', resource: DS, path: 'spec.template.spec.containers[0].securityContext.runAsUser' },
      { code: 'TOPOLOGY_SCC_NOT_ADMITTED', resource: DS, path: 'spec.template.spec.volumes[1].hostPath' },
    ]);
  });

  test('GIVEN the SCC granted through its users list instead of RBAC THEN admitted; a RoleBinding in another namespace does not count', () => {
    const ms = apply();
    const scc = find(ms, 'SecurityContextConstraints') as any;
    const binding = find(ms, 'RoleBinding');
    binding.metadata.namespace = 'elsewhere';
    expect(sccProblems(ms).map((p) => p.code)).toEqual(['TOPOLOGY_SCC_HOST_NETWORK']);
    scc.users = ['system:serviceaccount:multihome-system:multihome-agent'];
    expect(sccProblems(ms)).toEqual([]);
  });

  test('GIVEN a ClusterRoleBinding to the built-in system:openshift:scc:privileged THEN admitted', () => {
    const ms = apply().filter((m) => !['SecurityContextConstraints', 'Role', 'RoleBinding'].includes(m.kind));
    ms.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'agent-privileged' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:openshift:scc:privileged' },
      subjects: [{ kind: 'ServiceAccount', name: 'multihome-agent', namespace: 'multihome-system' }],
    });
    expect(sccProblems(ms)).toEqual([]);
  });
});
