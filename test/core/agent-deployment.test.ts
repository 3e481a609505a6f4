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
  AGENT_CLUSTER_ROLE_RULES, AGENT_DEPLOYMENT_DEFAULTS, AgentDeploymentOptions, MULTIHOME_VERSION, renderAgentDeployment,
} from '../../lib/core/topology/agent-deployment';
import { validateAgentDeployment } from '../../lib/core/topology/agent-deployment-validate';
import { renderTopology, SYNC_WAVE_ANNOTATION } from '../../lib/core/topology/render';
import { Topology } from '../../lib/core/topology/model';
import { validateEnvironment } from '../../lib/core/topology/validate-environment';
import { AgentConfigError, loadConfig } from '../../lib/agent/config';
import { DEFAULT_WAVES } from '../../lib/core/topology/resolve';
import type { ProbeSpec } from '../../lib/agent/config';
import type { AgentProbeSpec } from '../../lib/core/topology/agent-config';

const of = (ms: Manifest[], kind: string) => ms.filter((m) => m.kind === kind);
const podSpec = (ds: Manifest) => (ds.spec as any).template.spec;
const container = (ds: Manifest) => podSpec(ds).containers[0];
const codes = (t = prod, o: AgentDeploymentOptions = {}) => validateAgentDeployment(t, o).map((p) => ({ code: p.code, path: p.path, severity: p.severity }));
/** {@link codes} without the intent check (prod's DHCP in apply mode), which has its own tests below. */
const optionCodes = (t = prod, o: AgentDeploymentOptions = {}) => codes(t, o).filter((c) => c.code !== 'AGENT_DEPLOYMENT_UNSUPPORTED_INTENT');

describe('renderAgentDeployment', () => {
  test('GIVEN lab WHEN rendered with defaults THEN Namespace, ServiceAccount, RBAC, then ConfigMap + DaemonSet for its one node group, in apply order', () => {
    const ms = renderAgentDeployment(lab);
    expect(ms.map((m) => `${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`)).toEqual([
      'Namespace//multihome-system',
      'ServiceAccount/multihome-system/multihome-agent',
      'ClusterRole//multihome-agent',
      'ValidatingAdmissionPolicy//multihome-agent-own-node',
      'ValidatingAdmissionPolicyBinding//multihome-agent-own-node',
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
    const ds = of(renderAgentDeployment(prod), 'DaemonSet');
    expect(ds).toHaveLength(prod.nodeGroups.length);
    for (const d of ds) {
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

  test('GIVEN apply mode THEN only that group mounts the apply journal directory from the node\'s /run (DirectoryOrCreate) and passes it as --state-dir; probes: liveness /healthz, readiness /readyz', () => {
    const ds = of(renderAgentDeployment(prod, { nodeGroupModes: { c7000: 'apply' } }), 'DaemonSet');
    const byGroup = Object.fromEntries(ds.map((d) => [d.metadata.labels?.['multihome.io/node-group'], d]));
    expect(podSpec(byGroup.c7000).volumes).toContainEqual({ hostPath: { path: '/run/multihome-agent', type: 'DirectoryOrCreate' }, name: 'journal' });
    expect(container(byGroup.c7000).volumeMounts).toContainEqual({ mountPath: '/run/multihome-agent', name: 'journal' });
    expect(container(byGroup.c7000).args.slice(-2)).toEqual(['--state-dir', '/run/multihome-agent']);
    expect(podSpec(byGroup.workers).volumes.some((v: { hostPath?: unknown }) => v.hostPath)).toBe(false);
    expect(container(byGroup.workers).args).not.toContain('--state-dir');
    expect(container(byGroup.workers).livenessProbe.httpGet.path).toBe('/healthz');
    expect(container(byGroup.workers).readinessProbe.httpGet.path).toBe('/readyz');
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

  test('GIVEN markBridges: false THEN no RBAC and no admission policy at all, no token mounted and the agent is told not to mark', () => {
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
      args: ['agent', 'run', '--mode', 'observe', '--config', '/etc/multihome-agent', '--interval-seconds', '15', '--port', '9701', '--listen-address', '$(NODE_IP)'],
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
    ['a listen address that is not an IP', { listenAddress: 'eth0' }, { code: 'AGENT_DEPLOYMENT_OPTION', path: 'listenAddress', severity: 'error' }],
    ['a priority class that is not a DNS subdomain', { priorityClassName: 'Node_Critical' }, { code: 'AGENT_DEPLOYMENT_OPTION', path: 'priorityClassName', severity: 'error' }],
  ])('GIVEN %s THEN one problem with its code and path', (_what, options, want) => {
    expect(optionCodes(prod, options)).toEqual([want]);
  });

  test('GIVEN apply groups whose selectors exclude each other THEN no overlap warning', () => {
    expect(optionCodes(prod, { nodeGroups: ['node-10-6-185-30', 'node02'], mode: 'apply' })).toEqual([]);
  });
});

describe('DaemonSet polish', () => {
  test('GIVEN defaults THEN every DaemonSet is system-node-critical and rolls one node at a time', () => {
    const ds = of(renderAgentDeployment(prod), 'DaemonSet');
    expect(ds).toHaveLength(prod.nodeGroups.length);
    for (const d of ds) {
      expect(podSpec(d).priorityClassName).toBe('system-node-critical');
      expect((d.spec as any).updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } });
    }
  });

  test('GIVEN priorityClassName false or another class THEN none or that one', () => {
    expect(of(renderAgentDeployment(lab, { priorityClassName: false }), 'DaemonSet').map((d) => podSpec(d).priorityClassName)).toEqual([undefined]);
    expect(of(renderAgentDeployment(lab, { priorityClassName: 'network-agents' }), 'DaemonSet').map((d) => podSpec(d).priorityClassName)).toEqual(['network-agents']);
  });

  test.each<[string, string | undefined, string, Record<string, unknown> | undefined, string | undefined]>([
    ["the default (the node's primary address)", undefined, '$(NODE_IP)', { name: 'NODE_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } }, undefined],
    ['every address', '0.0.0.0', '0.0.0.0', undefined, undefined],
    ['the IPv6 wildcard', '::', '::', undefined, undefined],
    ['loopback', '127.0.0.1', '127.0.0.1', undefined, '127.0.0.1'],
    ["the node's primary address", 'node-ip', '$(NODE_IP)', { name: 'NODE_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } }, undefined],
  ])('GIVEN listenAddress %s THEN the agent binds it and kubelet probes where it listens', (_what, listenAddress, arg, env, probeHost) => {
    const c = container(of(renderAgentDeployment(lab, { listenAddress }), 'DaemonSet')[0]);
    expect(c.args.slice(c.args.indexOf('--listen-address'), c.args.indexOf('--listen-address') + 2)).toEqual(['--listen-address', arg]);
    expect(c.env.slice(1)).toEqual(env ? [env] : []);
    expect(c.livenessProbe.httpGet.host).toBe(probeHost);
    expect(c.readinessProbe.httpGet.host).toBe(probeHost);
  });
});

describe('the intent check: what a group agent would refuse in its mode (AGENT_DEPLOYMENT_UNSUPPORTED_INTENT)', () => {
  const intentCodes = (t: Topology, o: AgentDeploymentOptions) => codes(t, o).filter((c) => c.code === 'AGENT_DEPLOYMENT_UNSUPPORTED_INTENT');

  test('GIVEN prod observed everywhere THEN no warning: DHCP (br1, eth1.102) is accepted and not compared', () => {
    expect(intentCodes(prod, { mode: 'observe' })).toEqual([]);
  });

  test('GIVEN apply mode on node-10-6-185-30 THEN one warning at the DHCP field of eth1.102, naming the interface and its NNCP', () => {
    const problems = validateAgentDeployment(prod, { nodeGroupModes: { 'node-10-6-185-30': 'apply' } }).filter((p) => p.code === 'AGENT_DEPLOYMENT_UNSUPPORTED_INTENT');
    expect(problems.map((p) => ({ path: p.path, severity: p.severity }))).toEqual([
      { path: 'nodeGroups.node-10-6-185-30.desiredState.interfaces[3].ipv4.dhcp', severity: 'warning' },
    ]);
    expect(problems[0].message).toMatch(/eth1\.102/);
    expect(problems[0].message).toMatch(/NNCP vlan/);
  });

  test('GIVEN apply mode with the DHCP policy left out of the agent config THEN no warning', () => {
    expect(intentCodes(prod, { nodeGroups: ['node-10-6-185-30'], mode: 'apply', policies: ['bond-vlan30'] })).toEqual([]);
  });

  test('GIVEN apply mode on the workers THEN br1 (DHCP on the bridge, seed 000) and eth1.102 are both reported', () => {
    expect(intentCodes(prod, { nodeGroups: ['workers'], mode: 'apply' }).map((c) => c.path)).toEqual([
      'nodeGroups.workers.desiredState.interfaces[1].ipv4.dhcp',
      'nodeGroups.workers.desiredState.interfaces[2].ipv4.dhcp',
    ]);
  });

  test('GIVEN an interface type the agent does not manage THEN a warning in observe mode too', () => {
    const ovs: Topology = { ...prod, hostPolicies: [...(prod.hostPolicies ?? []), { name: 'ovs', nodeGroup: 'node02', interfaces: [{ name: 'br-ex', type: 'ovs-bridge', state: 'up' }] }] };
    expect(intentCodes(ovs, { nodeGroups: ['node02'] })).toEqual([
      { code: 'AGENT_DEPLOYMENT_UNSUPPORTED_INTENT', path: 'nodeGroups.node02.desiredState.interfaces[0].type', severity: 'warning' },
    ]);
  });

  test('GIVEN prod in apply mode THEN the warnings are exactly what each agent refuses when it loads its ConfigMap', () => {
    const options: AgentDeploymentOptions = { mode: 'apply', nodeGroupModes: { all: 'observe' } };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-intents-'));
    try {
      const refused: string[] = [];
      for (const cm of of(renderAgentDeployment(prod, options), 'ConfigMap')) {
        const group = cm.metadata.labels?.['multihome.io/node-group'];
        const file = path.join(dir, `${group}.yaml`);
        fs.writeFileSync(file, (cm.data as Record<string, string>)['agent.yaml']);
        const dynamicAddressing = group === 'all' ? 'not-compared' : 'refuse';
        try {
          loadConfig(file, [], { dynamicAddressing });
        } catch (e) {
          refused.push(...(e as AgentConfigError).problems.filter((p) => p.code === 'AGENT_UNSUPPORTED').map((p) => `nodeGroups.${group}.${p.path}`));
        }
      }
      expect(refused.length).toBeGreaterThan(0);
      expect(intentCodes(prod, options).map((c) => c.path)).toEqual(refused);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('environments deploy their agent', () => {
  test('GIVEN lab (observe) THEN the agent renders in the prerequisites wave after NMState/NetworkAddonsConfig and before the NNCPs, as renderAgentDeployment renders it', () => {
    const ms = renderTopology(lab);
    expect(ms.map((m) => m.kind)).toEqual([
      'NMState', 'NetworkAddonsConfig', 'Namespace', 'ServiceAccount', 'ClusterRole', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
      'ClusterRoleBinding', 'ConfigMap', 'DaemonSet', 'NodeNetworkConfigurationPolicy', 'NetworkAttachmentDefinition', 'VirtualMachine', 'VirtualMachine',
    ]);
    expect(ms.slice(2, 10)).toEqual(renderAgentDeployment(lab, lab.agent));
    expect(container(ms[9]).args).toContain('observe');
  });

  test('GIVEN no agent THEN no agent object', () => {
    expect(renderTopology({ ...lab, agent: undefined }).some((m) => m.metadata.labels?.['app.kubernetes.io/part-of'] === 'multihome')).toBe(false);
  });

  test('GIVEN prod THEN every group observes and listens on the node IP only', () => {
    const ds = of(renderTopology(prod), 'DaemonSet');
    expect(ds).toHaveLength(prod.nodeGroups.length);
    for (const d of ds) expect(container(d).args).toEqual(expect.arrayContaining(['observe', '$(NODE_IP)']));
  });

  test('GIVEN agent problems THEN validateEnvironment reports them with the rest, and silence drops the warnings', () => {
    const apply: Topology = { ...prod, agent: { ...prod.agent, nodeGroupModes: { 'node-10-6-185-30': 'apply' } } };
    const found = (t: Topology) => validateEnvironment(t, renderTopology(t)).filter((p) => p.code.startsWith('AGENT_DEPLOYMENT')).map((p) => p.code);
    expect(found(apply)).toEqual(['AGENT_DEPLOYMENT_UNSUPPORTED_INTENT']);
    expect(found({ ...apply, silence: [...(apply.silence ?? []), 'AGENT_DEPLOYMENT_UNSUPPORTED_INTENT'] })).toEqual([]);
    expect(found({ ...prod, agent: { ...prod.agent, port: 70000 } })).toEqual(['AGENT_DEPLOYMENT_OPTION']);
    expect(found(prod)).toEqual([]);
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
