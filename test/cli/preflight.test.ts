/**
 * `multihome preflight`: the command's contract — inputs, output formats, exit codes, file and
 * line of each verdict and the node it is about — over the public NodeNetworkState fixtures.
 */
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { runPreflight } from '../../lib/cli/preflight';
import { loadLiveClusterReader } from '../../lib/cli/live-cluster-loader';
import { UserError } from '../../lib/cli/environments';
import { cli } from '../support/cli';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildClusterReader } = require('../../scripts/build-agent.js') as { buildClusterReader: (o: object) => Promise<string> };

const FIX = path.join(__dirname, '..', 'fixtures', 'preflight');
const CASE = (c: string) => path.join(FIX, 'cases', c);
const LAB_STATE = path.join(FIX, 'nns', 'lab-kubevirtci.yaml');

/** 1-based line of the first line of `file` containing `needle` (found by reading the fixture, not by the code under test). */
function lineOf(file: string, needle: string, after = 0): number {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const i = lines.findIndex((l, n) => n >= after && l.includes(needle));
  expect(i).toBeGreaterThanOrEqual(0);
  return i + 1;
}

describe('multihome preflight', () => {
  it('GIVEN a policy taking eno2 out of br-ex (the OpenShift uplink) THEN JSON names code, field path, line and node, and exits 1', async () => {
    const intent = path.join(CASE('PREFLIGHT_PORT_ENSLAVED/bad-br-ex'), 'intent.yaml');
    const r = await cli('preflight', intent, '--state', path.join(CASE('PREFLIGHT_PORT_ENSLAVED/bad-br-ex'), 'state.yaml'), '--format', 'json');
    expect(r.code).toBe(1);
    const records = JSON.parse(r.out) as Array<Record<string, unknown>>;
    const port = lineOf(intent, '- name: eno2');
    expect(records.map((x) => [x.code, x.path, x.node, x.file, x.line, x.kind, x.name, x.severity]).sort()).toEqual([
      ['PREFLIGHT_DEFAULT_ROUTE_INTERFACE', 'spec.desiredState.interfaces[0].bridge.port[0].name', 'openshift-worker-cnf-1', intent, port, 'NodeNetworkConfigurationPolicy', 'br-vm-eno2', 'error'],
      ['PREFLIGHT_PORT_ENSLAVED', 'spec.desiredState.interfaces[0].bridge.port[0].name', 'openshift-worker-cnf-1', intent, port, 'NodeNetworkConfigurationPolicy', 'br-vm-eno2', 'error'],
    ]);
    for (const x of records) expect(Object.keys(x).sort()).toEqual(['code', 'file', 'fix', 'kind', 'line', 'message', 'name', 'node', 'path', 'severity']);
  });

  it('GIVEN a policy-level warning THEN its node is null, the text report says so, and the exit code is 0', async () => {
    const dir = CASE('PREFLIGHT_POLICY_SELECTS_NO_NODE/bad');
    const json = await cli('preflight', path.join(dir, 'intent.yaml'), '--state', path.join(dir, 'state.yaml'), '--format', 'json');
    expect(json.code).toBe(0);
    expect((JSON.parse(json.out) as Array<Record<string, unknown>>).map((x) => [x.code, x.node, x.path])).toEqual([['PREFLIGHT_POLICY_SELECTS_NO_NODE', null, 'spec.nodeSelector']]);
    const text = await cli('preflight', path.join(dir, 'intent.yaml'), '--state', path.join(dir, 'state.yaml'));
    expect(text.out).toMatch(/intent\.yaml:\d+ NodeNetworkConfigurationPolicy\/\S+ spec\.nodeSelector: .* \[warning PREFLIGHT_POLICY_SELECTS_NO_NODE\]\n0 error\(s\), 1 warning\(s\) for 1 resource\(s\) on 2 node\(s\)\n$/);
  });

  it('GIVEN --target naming a newer nmstate than the handlers run THEN a warning per node at the state\'s handlerNmstateVersion; the handlers\' own version is clean', async () => {
    const dir = CASE('PREFLIGHT_TARGET_NEWER_THAN_NODE/bad');
    const state = path.join(dir, 'state.yaml');
    const json = await cli('preflight', path.join(dir, 'intent.yaml'), '--state', state, '--format', 'json', '--target', 'kubevirt-1.9-upstream');
    expect(json.code).toBe(0);
    expect((JSON.parse(json.out) as Array<Record<string, unknown>>).map((x) => [x.code, x.node, x.path, x.line])).toEqual([
      // the state file is a List: its items' paths
      ['PREFLIGHT_TARGET_NEWER_THAN_NODE', 'node01', 'items[0].status.handlerNmstateVersion', lineOf(state, 'handlerNmstateVersion')],
      ['PREFLIGHT_TARGET_NEWER_THAN_NODE', 'node02', 'items[1].status.handlerNmstateVersion', lineOf(state, 'handlerNmstateVersion', lineOf(state, 'handlerNmstateVersion'))],
    ]);
    const same = await cli('preflight', path.join(dir, 'intent.yaml'), '--state', state, '--format', 'json', '--target', 'nmstate=2.2.37');
    expect(JSON.parse(same.out)).toEqual([]);
  });

  it('GIVEN a state verdict (a failing NodeNetworkState) THEN it points into the state file', async () => {
    const dir = CASE('PREFLIGHT_NODE_STATE_UNKNOWN/bad');
    const r = await cli('preflight', path.join(dir, 'intent.yaml'), '--state', path.join(dir, 'state.yaml'), '--format', 'json');
    const [rec] = JSON.parse(r.out) as Array<Record<string, unknown>>;
    expect([rec.code, rec.kind, rec.name, rec.node, rec.file]).toEqual(['PREFLIGHT_NODE_STATE_UNKNOWN', 'NodeNetworkState', 'node02', 'node02', path.join(dir, 'state.yaml')]);
    expect(rec.path).toMatch(/^items\[\d+\]\.status\.conditions$/);
    expect(rec.line).toBeGreaterThan(lineOf(path.join(dir, 'state.yaml'), 'name: node02'));
  });

  it('GIVEN the lab environment and node states matching it THEN --env synthesizes it in memory and finds nothing', async () => {
    const r = await cli('preflight', '--env', 'lab', '--state', LAB_STATE);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^0 error\(s\), 0 warning\(s\) for \d+ resource\(s\) on 2 node\(s\)\n$/);
    expect(r.code).toBe(0);
  });

  it('GIVEN --env and a node where the uplink is missing THEN the verdict points at the line of the synthesized file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mh-pf-'));
    const text = fs.readFileSync(LAB_STATE, 'utf8');
    const at = text.indexOf('name: node02');
    fs.writeFileSync(path.join(dir, 'state.yaml'), text.slice(0, at) + text.slice(at).replace('        name: eth1\n', '        name: ens9\n'));
    const r = await cli('preflight', '--env', 'lab', '--state', dir, '--format', 'json');
    expect(r.code).toBe(1);
    const records = JSON.parse(r.out) as Array<Record<string, unknown>>;
    expect(records.length).toBeGreaterThan(0);
    for (const x of records) expect([x.code, x.node, x.file]).toEqual(['PREFLIGHT_INTERFACE_MISSING', 'node02', 'dist/lab/lab.k8s.yaml']);
    expect(records.every((x) => typeof x.line === 'number' && (x.line as number) > 1)).toBe(true);
  });

  it.each([
    ['no cluster state', ['preflight', 'x.yaml'], /no cluster state/],
    ['both --state and --kubeconfig', ['preflight', 'x.yaml', '--state', 's', '--kubeconfig', 'k'], /either --state/],
    ['paths and --env', ['preflight', 'x.yaml', '--env', 'lab', '--state', 's'], /either --env/],
    ['nothing to check', ['preflight', '--state', 's'], /nothing to check/],
    ['an unknown environment', ['preflight', '--env', 'nope', '--state', 's'], /unknown environment\(s\) nope/],
    ['--context without --kubeconfig', ['preflight', 'x.yaml', '--state', 's', '--context', 'c'], /--context needs --kubeconfig/],
    ['a bad --max-state-age', ['preflight', 'x.yaml', '--state', 's', '--max-state-age', 'soon'], /not a duration/],
  ])('GIVEN %s THEN exit 2 with the reason and no stack trace', async (_what, argv, reason) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(reason);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('GIVEN a state path that cannot be read THEN exit 2 naming it', async () => {
    const dir = CASE('PREFLIGHT_MTU_CHAIN/bad');
    const r = await cli('preflight', path.join(dir, 'intent.yaml'), '--state', '/nonexistent/nns.yaml');
    expect(r.code).toBe(2);
    expect(r.err).toContain('multihome preflight: cannot read /nonexistent/nns.yaml');
  });

  it('GIVEN a state document that is not YAML THEN the syntax problem is reported with its file and line, and nothing throws', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mh-pf-'));
    fs.writeFileSync(path.join(dir, 'bad.yaml'), 'apiVersion: nmstate.io/v1beta1\nkind: NodeNetworkState\nmetadata: {name: n1\n');
    const r = await cli('preflight', path.join(CASE('PREFLIGHT_MTU_CHAIN/bad'), 'intent.yaml'), '--state', dir, '--format', 'json');
    expect(r.code).toBe(1);
    const recs = JSON.parse(r.out) as Array<Record<string, unknown>>;
    expect(recs.find((x) => x.code === 'YAML_SYNTAX')).toMatchObject({ file: path.join(dir, 'bad.yaml') });
  });

  it('GIVEN --ignore THEN those codes are left out', async () => {
    const dir = CASE('PREFLIGHT_MTU_CHAIN/bad');
    const r = await cli('preflight', path.join(dir, 'intent.yaml'), '--state', path.join(dir, 'state.yaml'), '--ignore', 'PREFLIGHT_MTU_CHAIN');
    expect(r.code).toBe(0);
  });
});

describe('multihome preflight --kubeconfig against a local HTTP server speaking the Kubernetes API JSON (not a cluster)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mh-pf-live-'));
  let server: http.Server;
  let kubeconfig: string;
  let bundle: string;
  const TOKEN = 'preflight-reader-token-31d7';
  // recorded responses: the lab fixture's Nodes and NodeNetworkStates as the API lists them (items without apiVersion/kind)
  const items = (YAML.parse(fs.readFileSync(LAB_STATE, 'utf8')) as { items: Array<Record<string, unknown>> }).items;
  // a live handler writes lastSuccessfulUpdateTime when the state changes: fresh, unless the cluster is /stale
  const fresh = (i: Record<string, unknown>) => (i.kind === 'NodeNetworkState' ? { ...i, status: { ...(i.status as object), lastSuccessfulUpdateTime: new Date().toISOString() } } : i);
  const listOf = (kind: string, apiVersion: string, stale: boolean) => ({ apiVersion, kind: `${kind}List`, metadata: { resourceVersion: '812' }, items: items.filter((i) => i.kind === kind).map((i) => (stale ? i : fresh(i))).map(({ apiVersion: _a, kind: _k, ...rest }) => rest) });

  beforeAll(async () => {
    bundle = await buildClusterReader({ outfile: path.join(dir, 'multihome-cluster-reader.js') });
    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const send = (code: number, body: object) => res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return send(401, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Unauthorized', code: 401 });
      if (url.pathname.startsWith('/no-nmstate/apis/nmstate.io')) return send(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: 'the server could not find the requested resource' });
      const stale = url.pathname.startsWith('/stale/');
      const p = url.pathname.replace(/^\/(no-nmstate|stale)/, '');
      if (p === '/api/v1/nodes') return send(200, listOf('Node', 'v1', stale));
      if (p === '/apis/nmstate.io/v1beta1/nodenetworkstates') return send(200, listOf('NodeNetworkState', 'nmstate.io/v1beta1', stale));
      if (p === '/apis/nmstate.io/v1beta1/nodenetworkconfigurationenactments') return send(200, { apiVersion: 'nmstate.io/v1beta1', kind: 'NodeNetworkConfigurationEnactmentList', metadata: {}, items: [] });
      return send(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    kubeconfig = path.join(dir, 'kubeconfig');
    fs.writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\nclusters:\n- name: lab\n  cluster: {server: "${base}", insecure-skip-tls-verify: true}\n- name: bare\n  cluster: {server: "${base}/no-nmstate", insecure-skip-tls-verify: true}\n- name: stale\n  cluster: {server: "${base}/stale", insecure-skip-tls-verify: true}\nusers:\n- name: reader\n  user: {token: ${TOKEN}}\ncontexts:\n- name: lab\n  context: {cluster: lab, user: reader}\n- name: bare\n  context: {cluster: bare, user: reader}\n- name: stale\n  context: {cluster: stale, user: reader}\ncurrent-context: lab\n`);
  }, 120_000);
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  const loadReader = () => loadLiveClusterReader(() => ({ kind: 'bundle', file: bundle }));

  it('GIVEN the lab environment THEN the live states judge it clean', async () => {
    const result = await runPreflight({ envs: ['lab'], kubeconfig, loadReader });
    expect(result.records).toEqual([]);
    expect(result.nodes).toBe(2);
    expect(result.exitCode).toBe(0);
  });

  it('GIVEN states last written months ago THEN each selected node is "unknown" (a warning, never a pass), judged against the current time, the API server named as the source', async () => {
    const result = await runPreflight({ envs: ['lab'], kubeconfig, context: 'stale', loadReader });
    expect(result.records.map((r) => [r.code, r.node, r.severity, r.path])).toEqual([
      ['PREFLIGHT_NODE_STATE_UNKNOWN', 'node01', 'warning', 'status.lastSuccessfulUpdateTime'],
      ['PREFLIGHT_NODE_STATE_UNKNOWN', 'node02', 'warning', 'status.lastSuccessfulUpdateTime'],
    ]);
    expect(result.records[0].file).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/stale/);
    expect(result.records[0].message).toMatch(/before now/);
  });

  it('GIVEN a cluster without kubernetes-nmstate THEN a UserError (exit 2) says the NodeNetworkState API is not served and points to --state', async () => {
    const err = await runPreflight({ envs: ['lab'], kubeconfig, context: 'bare', loadReader }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/NodeNetworkState API .* not served/);
    expect((err as Error).message).toMatch(/--state/);
  });
});

describe('multihome synth --cluster-state', () => {
  it('GIVEN states where node02 lacks the uplink THEN synth writes nothing and names the pre-flight error; with matching states it writes', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'mh-synth-'));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mh-pf-'));
    const text = fs.readFileSync(LAB_STATE, 'utf8');
    const at = text.indexOf('name: node02');
    fs.writeFileSync(path.join(dir, 'state.yaml'), text.slice(0, at) + text.slice(at).replace('        name: eth1\n', '        name: ens9\n'));
    const bad = await cli('synth', '--env', 'lab', '--out', out, '--cluster-state', dir);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/error \[PREFLIGHT_INTERFACE_MISSING\] .*node node02/);
    expect(fs.existsSync(path.join(out, 'lab'))).toBe(false);
    const good = await cli('synth', '--env', 'lab', '--out', out, '--cluster-state', LAB_STATE);
    expect(good.code).toBe(0);
    expect(fs.existsSync(path.join(out, 'lab', 'lab.k8s.yaml'))).toBe(true);
  });
});

describe('multihome preflight --env on an environment that does not build', () => {
  it('GIVEN an environments file with an invalid VLAN THEN its build error is a record of that environment, exit 1, nothing pre-flighted', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mh-pf-env-'));
    const file = path.join(dir, 'envs.yaml');
    fs.writeFileSync(file, YAML.stringify({ environments: { broken: { name: 'broken', nodeGroups: [{ name: 'workers', nodeSelector: { 'node-role.kubernetes.io/worker': '' } }], uplinks: [{ name: 'eth1', nodeGroup: 'workers', interface: 'eth1' }], networks: [{ name: 'v5000', uplink: 'eth1', pattern: 'vlan-bridge', vlan: 5000, bridge: 'br5000', namespaces: ['default'] }], vms: [] } } }));
    const r = await cli('preflight', '--env', 'broken', '--environments', file, '--state', LAB_STATE, '--format', 'json');
    expect(r.code).toBe(1);
    const recs = JSON.parse(r.out) as Array<Record<string, unknown>>;
    expect(recs.length).toBeGreaterThan(0);
    expect(recs.every((x) => x.file === 'environment broken' && x.line === 0 && x.node === null && x.severity === 'error')).toBe(true);
    expect(recs.some((x) => String(x.path).includes('vlan'))).toBe(true);
  });
});
