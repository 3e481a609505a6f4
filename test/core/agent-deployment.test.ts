import { execFile } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { lab } from '../../apps/environments/lab';
import { prod } from '../../apps/environments/prod';
import { Manifest } from '../../lib/core/manifest';
import { stringifyManifests } from '../../lib/core/render/yaml';
import { agentConfigs } from '../../lib/core/topology/agent-config';
import {
  AGENT_CLUSTER_ROLE_RULES, AGENT_DEPLOYMENT_DEFAULTS, AgentDeploymentOptions, MULTIHOME_VERSION, renderAgentDeployment, validateAgentDeployment,
} from '../../lib/core/topology/agent-deployment';
import { SYNC_WAVE_ANNOTATION } from '../../lib/core/topology/render';
import { DEFAULT_WAVES } from '../../lib/core/topology/resolve';
import type { ProbeSpec } from '../../lib/agent/config';
import type { AgentProbeSpec } from '../../lib/core/topology/agent-config';

const of = (ms: Manifest[], kind: string) => ms.filter((m) => m.kind === kind);
const podSpec = (ds: Manifest) => (ds.spec as any).template.spec;
const container = (ds: Manifest) => podSpec(ds).containers[0];
const codes = (t = prod, o: AgentDeploymentOptions = {}) => validateAgentDeployment(t, o).map((p) => ({ code: p.code, path: p.path, severity: p.severity }));

describe('renderAgentDeployment', () => {
  test('GIVEN lab WHEN rendered with defaults THEN Namespace, ServiceAccount, RBAC, then ConfigMap + DaemonSet for its one node group, in apply order', () => {
    const ms = renderAgentDeployment(lab);
    expect(ms.map((m) => `${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`)).toEqual([
      'Namespace//multihome-system',
      'ServiceAccount/multihome-system/multihome-agent',
      'ClusterRole//multihome-agent',
      'ClusterRoleBinding//multihome-agent',
      'ConfigMap/multihome-system/multihome-agent-nodes',
      'DaemonSet/multihome-system/multihome-agent-nodes',
    ]);
    expect(ms[0].metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('privileged');
  });

  test.each([
    ['lab', lab],
    ['prod', prod],
  ])('GIVEN %s THEN every ConfigMap holds exactly agentConfigs() of its node group', (_n, t) => {
    const cms = of(renderAgentDeployment(t), 'ConfigMap');
    const want = agentConfigs(t);
    expect(cms.map((c) => c.metadata.labels?.['multihome.io/node-group'])).toEqual(want.map((w) => w.nodeGroup.name));
    cms.forEach((cm, i) => expect(YAML.parse((cm.data as Record<string, string>)['agent.yaml'])).toEqual(JSON.parse(JSON.stringify(want[i].document))));
  });

  test('GIVEN node groups with selectors THEN each DaemonSet carries its group nodeSelector (none for the empty one), hostNetwork and tolerates every taint', () => {
    const ds = of(renderAgentDeployment(prod), 'DaemonSet');
    expect(ds.map((d) => podSpec(d).nodeSelector)).toEqual(prod.nodeGroups.map((g) => (Object.keys(g.nodeSelector).length ? g.nodeSelector : undefined)));
    for (const d of ds) {
      expect(podSpec(d)).toMatchObject({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet', tolerations: [{ operator: 'Exists' }], serviceAccountName: 'multihome-agent' });
      expect((d.spec as any).selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'multihome-agent', 'multihome.io/node-group': d.metadata.labels?.['multihome.io/node-group'] });
    }
  });

  test('GIVEN observe mode THEN the container is never privileged, adds no capability and runs as non-root', () => {
    for (const d of of(renderAgentDeployment(prod), 'DaemonSet')) {
      expect(container(d).securityContext).toEqual({
        allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, privileged: false, readOnlyRootFilesystem: true,
        runAsNonRoot: true, runAsUser: 65534, seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(container(d).args).toContain('observe');
    }
  });

  test('GIVEN apply mode for one group THEN only that group adds exactly NET_ADMIN and NET_RAW, as root, still not privileged', () => {
    const ds = of(renderAgentDeployment(prod, { nodeGroupModes: { c7000: 'apply' } }), 'DaemonSet');
    const byGroup = Object.fromEntries(ds.map((d) => [d.metadata.labels?.['multihome.io/node-group'], container(d).securityContext]));
    expect(byGroup.c7000).toMatchObject({ capabilities: { add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] }, privileged: false, allowPrivilegeEscalation: false, runAsUser: 0, runAsNonRoot: false });
    expect(byGroup.workers.capabilities).toEqual({ drop: ['ALL'] });
  });

  test('GIVEN bridge marking THEN the ClusterRole grants exactly get nodes and patch nodes/status, bound to the agent ServiceAccount', () => {
    const ms = renderAgentDeployment(lab);
    expect(of(ms, 'ClusterRole')[0].rules).toEqual([
      { apiGroups: [''], resourceNames: [], resources: ['nodes'], verbs: ['get'] },
      { apiGroups: [''], resourceNames: [], resources: ['nodes/status'], verbs: ['patch'] },
    ]);
    expect(of(ms, 'ClusterRoleBinding')[0]).toMatchObject({
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'multihome-agent' },
      subjects: [{ kind: 'ServiceAccount', name: 'multihome-agent', namespace: 'multihome-system' }],
    });
    expect(podSpec(of(ms, 'DaemonSet')[0]).automountServiceAccountToken).toBe(true);
  });

  test('GIVEN markBridges: false THEN no RBAC at all, no token mounted and the agent is told not to mark', () => {
    const ms = renderAgentDeployment(lab, { markBridges: false });
    expect(ms.map((m) => m.kind)).toEqual(['Namespace', 'ServiceAccount', 'ConfigMap', 'DaemonSet']);
    expect(of(ms, 'ServiceAccount')[0].automountServiceAccountToken).toBe(false);
    expect(podSpec(of(ms, 'DaemonSet')[0]).automountServiceAccountToken).toBe(false);
    expect(container(of(ms, 'DaemonSet')[0]).args).toContain('--no-mark-bridges');
  });

  test('GIVEN options THEN image, namespace, period and per-group ports reach the container; the config is mounted where the CLI reads it', () => {
    const ms = renderAgentDeployment(prod, { image: 'registry.local/agent:dev', namespace: 'net-agent', intervalSeconds: 15, port: 9700, createNamespace: false });
    expect(ms.some((m) => m.kind === 'Namespace')).toBe(false);
    const ds = of(ms, 'DaemonSet');
    expect(ds.map((d) => container(d).ports[0])).toEqual(prod.nodeGroups.map((_g, i) => ({ containerPort: 9700 + i, hostPort: 9700 + i, name: 'metrics', protocol: 'TCP' })));
    expect(container(ds[1])).toMatchObject({
      image: 'registry.local/agent:dev',
      args: ['agent', 'run', '--mode', 'observe', '--config', '/etc/multihome-agent', '--interval-seconds', '15', '--port', '9701'],
      livenessProbe: { httpGet: { path: '/healthz', port: 9701 } },
      volumeMounts: [{ mountPath: '/etc/multihome-agent', name: 'config', readOnly: true }],
    });
    expect(podSpec(ds[1]).volumes).toEqual([{ configMap: { name: 'multihome-agent-c7000' }, name: 'config' }]);
    expect(ms.filter((m) => m.metadata.namespace !== undefined).every((m) => m.metadata.namespace === 'net-agent')).toBe(true);
  });

  test('GIVEN policies and probes THEN the ConfigMap holds only those NNCPs and the group probes', () => {
    const probe: AgentProbeSpec = { name: 'gw', target: '172.144.0.1', interface: 'bond0.144', timeoutSeconds: 3 };
    const ms = renderAgentDeployment(prod, { nodeGroups: ['node-10-6-185-30'], policies: ['bond-vlan30'], probes: { 'node-10-6-185-30': [probe] }, defaultGatewayProbe: false });
    const doc = YAML.parse((of(ms, 'ConfigMap')[0].data as Record<string, string>)['agent.yaml']);
    expect(doc.desiredState.interfaces.map((i: { name: string }) => i.name)).toEqual(['bond0', 'bond0.144', 'bond0.145']);
    expect(doc.probes).toEqual([probe]);
    expect(doc.defaultGatewayProbe).toBe(false);
    // the core probe type is the agent's ProbeSpec (lib/core cannot import the agent)
    const asAgent: ProbeSpec = probe;
    expect(asAgent.target).toBe('172.144.0.1');
  });

  test('GIVEN sync waves THEN every object is in the prerequisites wave; custom waves and syncWaves: false are honoured', () => {
    const wave = (t = lab) => renderAgentDeployment(t).map((m) => m.metadata.annotations?.[SYNC_WAVE_ANNOTATION]);
    expect(new Set(wave())).toEqual(new Set([String(DEFAULT_WAVES.prerequisites)]));
    expect(new Set(wave({ ...lab, ordering: { waves: { prerequisites: -30 } } }))).toEqual(new Set(['-30']));
    expect(new Set(wave({ ...lab, ordering: { syncWaves: false } }))).toEqual(new Set([undefined]));
  });

  test('GIVEN the same input twice THEN the YAML is byte-identical (deterministic)', () => {
    const o: AgentDeploymentOptions = { mode: 'apply', nodeGroupModes: { all: 'observe' }, probes: { c7000: [{ target: '10.6.85.1' }] } };
    expect(stringifyManifests(renderAgentDeployment(prod, o))).toBe(stringifyManifests(renderAgentDeployment(JSON.parse(JSON.stringify(prod)), { ...o })));
  });

  test('the default image is tagged with the package version', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(MULTIHOME_VERSION).toBe(require('../../package.json').version);
    expect(AGENT_DEPLOYMENT_DEFAULTS.image).toBe(`ghcr.io/multihome/agent:${MULTIHOME_VERSION}`);
  });
});

describe('validateAgentDeployment', () => {
  test('GIVEN the lab and prod defaults THEN no problem', () => {
    expect(codes(lab)).toEqual([]);
    expect(codes(prod)).toEqual([]);
  });

  test.each<[string, AgentDeploymentOptions, { code: string; path: string; severity: string }]>([
    ['an unknown node group', { nodeGroups: ['workers', 'gpu'] }, { code: 'AGENT_DEPLOYMENT_NODE_GROUP', path: 'nodeGroups[1]', severity: 'error' }],
    ['probes for a group without agent', { nodeGroups: ['workers'], probes: { c7000: [{ target: '10.6.85.1' }] } }, { code: 'AGENT_DEPLOYMENT_NODE_GROUP', path: 'probes.c7000', severity: 'error' }],
    ['an unknown policy', { policies: ['nope'] }, { code: 'AGENT_DEPLOYMENT_POLICY', path: 'policies[0]', severity: 'error' }],
    ['a namespace that is not a DNS label', { namespace: 'Multihome_System' }, { code: 'AGENT_DEPLOYMENT_NAME', path: 'namespace', severity: 'error' }],
    ['a name too long for the per-group objects', { name: 'a'.repeat(50), nodeGroups: ['node-10-6-185-30'] }, { code: 'AGENT_DEPLOYMENT_NAME', path: 'nodeGroups.node-10-6-185-30', severity: 'error' }],
    ['a zero interval', { intervalSeconds: 0 }, { code: 'AGENT_DEPLOYMENT_OPTION', path: 'intervalSeconds', severity: 'error' }],
    ['ports beyond 65535', { port: 65533 }, { code: 'AGENT_DEPLOYMENT_OPTION', path: 'port', severity: 'error' }],
    ['an unknown mode', { mode: 'enforce' as never }, { code: 'AGENT_DEPLOYMENT_OPTION', path: 'mode', severity: 'error' }],
    ['a probe target that is not an IP', { probes: { c7000: [{ target: 'gateway.local' }] } }, { code: 'AGENT_DEPLOYMENT_PROBE', path: 'probes.c7000[0].target', severity: 'error' }],
    ['a probe interface the kernel refuses', { probes: { c7000: [{ target: '10.6.85.1', interface: 'eno49.1085.very-long' }] } }, { code: 'AGENT_DEPLOYMENT_PROBE', path: 'probes.c7000[0].interface', severity: 'error' }],
    ['two apply groups that can share a node', { nodeGroups: ['workers', 'c7000'], mode: 'apply' }, { code: 'AGENT_DEPLOYMENT_OVERLAP', path: 'nodeGroupModes', severity: 'warning' }],
  ])('GIVEN %s THEN one problem with its code and path', (_what, options, want) => {
    expect(codes(prod, options)).toEqual([want]);
  });

  test('GIVEN apply groups whose selectors exclude each other THEN no overlap warning', () => {
    expect(codes(prod, { nodeGroups: ['node-10-6-185-30', 'node02'], mode: 'apply' })).toEqual([]);
  });
});

/**
 * RBAC fidelity: the bundled agent's Node client runs against a local HTTP server standing in for
 * the API server (not an API server); every request it makes must be allowed by the ClusterRole
 * and every rule must be used.
 */
describe('the ClusterRole against the requests the agent sends', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-rbac-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('GIVEN bridge marking of a node THEN its requests need exactly the rendered rules', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { buildAgent } = require('../../scripts/build-agent.js') as { buildAgent: (o: object) => Promise<string> };
    const bundle = await buildAgent({ outfile: path.join(dir, 'agent.js') });
    const requests: Array<{ method: string; url: string }> = [];
    const server = http.createServer((req, res) => {
      requests.push({ method: req.method ?? '', url: req.url ?? '' });
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ kind: 'Node', metadata: { name: 'n1' }, status: { capacity: { 'bridge.network.kubevirt.io/old': '1000' } } })));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const kubeconfig = path.join(dir, 'kubeconfig');
    fs.writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\nclusters:\n- name: l\n  cluster: {server: "http://127.0.0.1:${(server.address() as AddressInfo).port}", insecure-skip-tls-verify: true}\nusers:\n- name: u\n  user: {token: t}\ncontexts:\n- name: l\n  context: {cluster: l, user: u}\ncurrent-context: l\n`);
    const script = `const a = require(${JSON.stringify(bundle)}); a.kubeNodeStatusApi().then((api) => a.markBridges(api, 'n1', ['br0'])).catch((e) => { console.error(e); process.exit(1); });`;
    try {
      await new Promise<void>((resolve, reject) => execFile(process.execPath, ['-e', script], { env: { ...process.env, KUBECONFIG: kubeconfig }, timeout: 30000 }, (e, _o, err) => (e ? reject(new Error(err || e.message)) : resolve())));
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
    const VERB: Record<string, string> = { GET: 'get', PATCH: 'patch', PUT: 'update', POST: 'create', DELETE: 'delete' };
    const needed = requests.map((r) => {
      const m = /^\/api\/v1\/nodes\/[^/]+(\/status)?$/.exec(r.url.split('?')[0]);
      return { resource: m ? `nodes${m[1] ?? ''}` : `unexpected ${r.url}`, verb: VERB[r.method] };
    });
    const granted = AGENT_CLUSTER_ROLE_RULES.flatMap((rule) => rule.resources.flatMap((resource) => rule.verbs.map((verb) => ({ resource, verb }))));
    expect(needed).toEqual(granted);
  }, 60000);
});
