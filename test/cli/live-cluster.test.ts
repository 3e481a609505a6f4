/**
 * The live cluster read of `multihome preflight --kubeconfig`. There is no cluster here: the
 * reader talks to a local HTTP server that answers the three list paths with Kubernetes API JSON
 * (recorded-style NodeList / NodeNetworkStateList / NNCE list bodies, Status bodies for errors),
 * requires the kubeconfig's bearer token, and records every request. The reader runs from its
 * esbuild bundle in a child Node process — the artifact the package ships; @kubernetes/client-node
 * is ESM, which jest's CommonJS runtime cannot load from the sources.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { LIVE_CLUSTER_BUNDLE, loadLiveClusterReader, locateLiveClusterReader } from '../../lib/cli/live-cluster-loader';
import { LiveClusterError } from '../../lib/cli/live-cluster-types';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildClusterReader } = require('../../scripts/build-agent.js') as { buildClusterReader: (o: object) => Promise<string> };

const TOKEN = 'lab-admin-token-7f3a9c';
const PROD_TOKEN = 'prod-viewer-token-41be02';
const STALE_TOKEN = 'revoked-token-0000aa';
const NO_RBAC_TOKEN = 'no-nmstate-rbac-token-93d1';
const NO_NNCE_RBAC_TOKEN = 'no-nnce-rbac-token-5c2e';

/** A Node as `kubectl get node -o json` lists it (items carry no apiVersion/kind). */
const node = (name: string, ip: string) => ({
  metadata: { name, uid: `uid-${name}`, resourceVersion: '48213', creationTimestamp: '2026-03-02T09:14:07Z', labels: { 'kubernetes.io/hostname': name, 'node-role.kubernetes.io/worker': '' } },
  spec: { podCIDR: '10.244.1.0/24' },
  status: { addresses: [{ type: 'InternalIP', address: ip }, { type: 'Hostname', address: name }], capacity: { cpu: '16', memory: '65536Mi', 'bridge.network.kubevirt.io/br1': '1000' } },
});

/** A NodeNetworkState shaped like kubernetes-nmstate's 101-reporting.md example (a kubevirtci node), padded with a bond and a VLAN bridge. */
const nns = (name: string, ip: string) => ({
  metadata: { name, uid: `nns-${name}`, resourceVersion: '50127', ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: `uid-${name}` }] },
  status: {
    currentState: {
      'dns-resolver': { config: { search: [], server: [] }, running: { search: ['lab.example'], server: ['192.168.66.2'] } },
      interfaces: [
        { name: 'eth0', type: 'ethernet', state: 'up', 'mac-address': '52:55:00:D1:55:01', mtu: 1500, 'min-mtu': 68, 'max-mtu': 9000, ipv4: { enabled: true, dhcp: true, autoconf: false, address: [{ ip, 'prefix-length': 24 }] }, ipv6: { enabled: true, dhcp: false, autoconf: true, address: [] }, ethernet: { 'sr-iov': { 'total-vfs': 0 } }, 'pci-address': '0000:00:03.0' },
        { name: 'eth1', type: 'ethernet', state: 'up', 'mac-address': '52:55:00:D1:56:01', mtu: 9000, controller: 'bond0', ipv4: { enabled: false }, ipv6: { enabled: false } },
        { name: 'eth2', type: 'ethernet', state: 'up', 'mac-address': '52:55:00:D1:56:02', mtu: 9000, controller: 'bond0', ipv4: { enabled: false }, ipv6: { enabled: false } },
        { name: 'bond0', type: 'bond', state: 'up', 'mac-address': '52:55:00:D1:56:01', mtu: 9000, 'link-aggregation': { mode: '802.3ad', port: ['eth1', 'eth2'] }, ipv4: { enabled: false }, ipv6: { enabled: false } },
        { name: 'bond0.100', type: 'vlan', state: 'up', mtu: 9000, controller: 'br1', vlan: { 'base-iface': 'bond0', id: 100 } },
        { name: 'br1', type: 'linux-bridge', state: 'up', mtu: 9000, bridge: { options: { stp: { enabled: false } }, port: [{ name: 'bond0.100', vlan: {} }] }, ipv4: { enabled: false }, ipv6: { enabled: false } },
      ],
      routes: { config: [], running: [{ destination: '0.0.0.0/0', 'next-hop-address': '192.168.66.2', 'next-hop-interface': 'eth0', metric: 100, 'table-id': 254 }] },
    },
    lastSuccessfulUpdateTime: '2026-07-14T08:02:11Z',
    handlerNmstateVersion: 'nmstate 2.2.44',
    hostNetworkManagerVersion: '1.48.10',
    conditions: [
      { type: 'Failing', status: 'False', reason: 'QuerySucceeded', lastHeartbeatTime: '2026-07-14T08:02:11Z', lastTransitionTime: '2026-07-01T11:20:45Z' },
      { type: 'Available', status: 'True', reason: 'QuerySucceeded', lastHeartbeatTime: '2026-07-14T08:02:11Z', lastTransitionTime: '2026-07-01T11:20:45Z' },
    ],
  },
});

const nnce = (node: string, policy: string) => ({
  metadata: { name: `${node}.${policy}`, labels: { 'nmstate.io/node': node, 'nmstate.io/policy': policy } },
  status: { policyGeneration: 1, conditions: [{ type: 'Available', status: 'True', reason: 'SuccessfullyConfigured', message: 'successfully reconciled' }] },
});

const list = (apiVersion: string, kind: string, items: object[], cont?: string) => ({ apiVersion, kind, metadata: { resourceVersion: '50130', ...(cont ? { continue: cont } : {}) }, items });
const status = (code: number, reason: string, message: string) => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });

const NODES = '/api/v1/nodes';
const NNS = '/apis/nmstate.io/v1beta1/nodenetworkstates';
const NNCE = '/apis/nmstate.io/v1beta1/nodenetworkconfigurationenactments';

/** One request the server saw. */
interface Seen {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly auth?: string;
}

/** What the reader's child process printed: the read, or the error it rejected with. */
type Outcome = { read: { objects: Array<Record<string, unknown>>; source: string; notes: string[] } } | { error: { name: string; reason: string; isLiveClusterError: boolean; stack: boolean } };

describe('readLiveCluster against a local HTTP server speaking the Kubernetes API JSON (not a cluster)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'live-cluster-'));
  const seen: Seen[] = [];
  let server: http.Server;
  let port: number;
  let closedPort: number;
  let bundle: string;
  let kubeconfig: string;

  /** The answer for one request: the cluster is the first path segment when it is a known prefix. */
  function answer(method: string, url: URL, auth: string | undefined): { code: number; body: string; type?: string } | 'hang' {
    const prefixes = ['/prod', '/no-nmstate', '/no-nnce', '/garbled', '/hang', '/huge'];
    const prefix = prefixes.find((p) => url.pathname.startsWith(`${p}/`)) ?? '';
    const p = url.pathname.slice(prefix.length);
    const json = (code: number, o: object) => ({ code, body: JSON.stringify(o) });
    const limited = [NO_RBAC_TOKEN, NO_NNCE_RBAC_TOKEN].find((t) => auth === `Bearer ${t}`);
    const expectedToken = prefix === '/prod' ? PROD_TOKEN : (limited ?? TOKEN);
    if (auth !== `Bearer ${expectedToken}`) return json(401, status(401, 'Unauthorized', 'Unauthorized'));
    if (method !== 'GET') return json(405, status(405, 'MethodNotAllowed', 'the server does not allow this method'));
    if (url.searchParams.get('limit') !== '500') return json(400, status(400, 'BadRequest', 'expected limit=500'));
    if (prefix === '/hang') return 'hang';
    const cont = url.searchParams.get('continue');
    if (p === NODES) {
      if (prefix === '/garbled') return { code: 200, body: '{"kind":"NodeList","apiVersion":"v1","items":[{"metadata":{"name":"node01"}', type: 'application/json' };
      if (prefix === '/prod') return json(200, list('v1', 'NodeList', [node('prod-worker-a', '10.20.0.11')]));
      if (prefix === '/huge') return json(200, list('v1', 'NodeList', Array.from({ length: 200 }, (_, i) => node(`node${String(i).padStart(3, '0')}`, '192.168.66.101'))));
      // two pages: node01, then (continue) node02
      if (!cont) return json(200, list('v1', 'NodeList', [node('node01', '192.168.66.101')], 'eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6NTAxMzAsInN0YXJ0Ijoibm9kZTAxXHUwMDAwIn0'));
      if (cont === 'eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6NTAxMzAsInN0YXJ0Ijoibm9kZTAxXHUwMDAwIn0') return json(200, list('v1', 'NodeList', [node('node02', '192.168.66.102')]));
      return json(410, status(410, 'Expired', 'The provided continue parameter is too old'));
    }
    if (p === NNS) {
      if (prefix === '/no-nmstate') return json(404, status(404, 'NotFound', 'the server could not find the requested resource'));
      if (auth === `Bearer ${NO_RBAC_TOKEN}`) return json(403, status(403, 'Forbidden', 'nodenetworkstates.nmstate.io is forbidden: User "system:serviceaccount:ops:preflight" cannot list resource "nodenetworkstates" in API group "nmstate.io" at the cluster scope'));
      if (prefix === '/prod') return json(200, list('nmstate.io/v1beta1', 'NodeNetworkStateList', [nns('prod-worker-a', '10.20.0.11')]));
      // the server's order is not relied on: node02 first
      return json(200, list('nmstate.io/v1beta1', 'NodeNetworkStateList', [nns('node02', '192.168.66.102'), nns('node01', '192.168.66.101')]));
    }
    if (p === NNCE) {
      if (auth === `Bearer ${NO_NNCE_RBAC_TOKEN}`) return json(403, status(403, 'Forbidden', 'nodenetworkconfigurationenactments.nmstate.io is forbidden'));
      if (prefix === '/no-nnce') return json(404, status(404, 'NotFound', 'the server could not find the requested resource'));
      return json(200, list('nmstate.io/v1beta1', 'NodeNetworkConfigurationEnactmentList', prefix === '/prod' ? [] : [nnce('node01', 'br1-policy'), nnce('node02', 'br1-policy')]));
    }
    return json(404, status(404, 'NotFound', 'the server could not find the requested resource'));
  }

  beforeAll(async () => {
    bundle = await buildClusterReader({ outfile: path.join(dir, 'multihome-cluster-reader.js') });
    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      seen.push({ method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), auth: req.headers.authorization });
      const a = answer(req.method ?? '', url, req.headers.authorization);
      if (a === 'hang') return; // never answers; the client's deadline ends it
      res.writeHead(a.code, { 'content-type': a.type ?? 'application/json' }).end(a.body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.address() as AddressInfo).port;
    // a port that was just free: nothing listens there
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const cluster = (name: string, server: string) => `- name: ${name}\n  cluster: {server: "${server}", insecure-skip-tls-verify: true}\n`;
    const user = (name: string, token: string) => `- name: ${name}\n  user: {token: ${token}}\n`;
    const context = (name: string, c: string, u: string) => `- name: ${name}\n  context: {cluster: ${c}, user: ${u}}\n`;
    const base = `http://127.0.0.1:${port}`;
    kubeconfig = path.join(dir, 'kubeconfig');
    fs.writeFileSync(
      kubeconfig,
      'apiVersion: v1\nkind: Config\nclusters:\n' +
        cluster('lab', base) +
        cluster('prod', `${base}/prod`) +
        ['no-nmstate', 'no-nnce', 'garbled', 'hang', 'huge'].map((c) => cluster(c, `${base}/${c}`)).join('') +
        cluster('gone', `http://127.0.0.1:${closedPort}`) +
        'users:\n' +
        user('lab-admin', TOKEN) +
        user('prod-viewer', PROD_TOKEN) +
        user('revoked', STALE_TOKEN) +
        user('no-rbac', NO_RBAC_TOKEN) +
        user('no-nnce-rbac', NO_NNCE_RBAC_TOKEN) +
        'contexts:\n' +
        context('lab', 'lab', 'lab-admin') +
        context('prod', 'prod', 'prod-viewer') +
        context('lab-revoked', 'lab', 'revoked') +
        context('lab-no-rbac', 'lab', 'no-rbac') +
        context('lab-no-nnce-rbac', 'lab', 'no-nnce-rbac') +
        ['no-nmstate', 'no-nnce', 'garbled', 'hang', 'huge'].map((c) => context(c, c, 'lab-admin')).join('') +
        context('gone', 'gone', 'lab-admin') +
        'current-context: lab\n',
    );
  }, 120_000);
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Runs readLiveCluster(options) from the bundle in a plain Node process. */
  const read = (options: object): Promise<Outcome> => {
    const script = `const r = require(process.argv[1]);
      r.readLiveCluster(JSON.parse(process.argv[2])).then(
        (read) => process.stdout.write(JSON.stringify({ read })),
        (e) => process.stdout.write(JSON.stringify({ error: { name: e.name, reason: e.reason, isLiveClusterError: e instanceof r.LiveClusterError, stack: String(e.reason).includes('    at ') } })));`;
    return new Promise((resolve, reject) =>
      execFile(process.execPath, ['-e', script, bundle, JSON.stringify(options)], { env: { ...process.env, KUBECONFIG: '/nonexistent/must-not-be-read' }, timeout: 60_000 }, (err, stdout, stderr) =>
        err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as Outcome),
      ),
    );
  };
  /** The reason of a failed read (fails the test when the read succeeded); never a stack, never a token. */
  const reasonOf = async (options: object): Promise<string> => {
    const out = await read(options);
    if (!('error' in out)) throw new Error(`expected a failure, got ${JSON.stringify(out)}`);
    expect(out.error).toMatchObject({ name: 'LiveClusterError', isLiveClusterError: true, stack: false });
    for (const t of [TOKEN, PROD_TOKEN, STALE_TOKEN, NO_RBAC_TOKEN, NO_NNCE_RBAC_TOKEN]) expect(out.error.reason).not.toContain(t);
    return out.error.reason;
  };
  const names = (objects: Array<Record<string, unknown>>) => objects.map((o) => [o.apiVersion, o.kind, (o.metadata as { name: string }).name]);

  test('GIVEN the current context THEN Nodes (2 pages, followed by the continue token), NNSs and NNCEs, each with apiVersion and kind, sorted by name within a kind, read with GETs only', async () => {
    seen.length = 0;
    const out = await read({ kubeconfig });
    if (!('read' in out)) throw new Error(JSON.stringify(out));
    expect(names(out.read.objects)).toEqual([
      ['v1', 'Node', 'node01'],
      ['v1', 'Node', 'node02'],
      ['nmstate.io/v1beta1', 'NodeNetworkState', 'node01'],
      ['nmstate.io/v1beta1', 'NodeNetworkState', 'node02'],
      ['nmstate.io/v1beta1', 'NodeNetworkConfigurationEnactment', 'node01.br1-policy'],
      ['nmstate.io/v1beta1', 'NodeNetworkConfigurationEnactment', 'node02.br1-policy'],
    ]);
    expect(out.read.source).toBe(`http://127.0.0.1:${port} (context lab)`);
    expect(out.read.notes).toEqual([]);
    // the objects are the server's, unchanged apart from apiVersion/kind (apiVersion and kind first)
    const nns01 = out.read.objects[2];
    expect(Object.keys(nns01).slice(0, 2)).toEqual(['apiVersion', 'kind']);
    expect(nns01).toEqual({ apiVersion: 'nmstate.io/v1beta1', kind: 'NodeNetworkState', ...nns('node01', '192.168.66.101') });
    expect((out.read.objects[0].metadata as { creationTimestamp: unknown }).creationTimestamp).toBe('2026-03-02T09:14:07Z');
    expect(seen.map((s) => [s.method, s.path, s.query])).toEqual([
      ['GET', NODES, { limit: '500' }],
      ['GET', NODES, { limit: '500', continue: 'eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6NTAxMzAsInN0YXJ0Ijoibm9kZTAxXHUwMDAwIn0' }],
      ['GET', NNS, { limit: '500' }],
      ['GET', NNCE, { limit: '500' }],
    ]);
    expect(seen.every((s) => s.auth === `Bearer ${TOKEN}`)).toBe(true);
  }, 60_000);

  test('GIVEN --context prod THEN its cluster (a server URL with a path, as behind a proxy) and its user\'s token are used', async () => {
    seen.length = 0;
    const out = await read({ kubeconfig, context: 'prod' });
    if (!('read' in out)) throw new Error(JSON.stringify(out));
    expect(names(out.read.objects)).toEqual([
      ['v1', 'Node', 'prod-worker-a'],
      ['nmstate.io/v1beta1', 'NodeNetworkState', 'prod-worker-a'],
    ]);
    expect(out.read.source).toBe(`http://127.0.0.1:${port}/prod (context prod)`);
    expect(seen.map((s) => s.path)).toEqual([`/prod${NODES}`, `/prod${NNS}`, `/prod${NNCE}`]);
    expect(seen.every((s) => s.auth === `Bearer ${PROD_TOKEN}`)).toBe(true);
  }, 60_000);

  test('GIVEN an unknown --context THEN the reason names the contexts the kubeconfig has', async () => {
    const reason = await reasonOf({ kubeconfig, context: 'staging' });
    expect(reason).toBe(`context "staging" is not in the kubeconfig ${kubeconfig} (its contexts: lab, prod, lab-revoked, lab-no-rbac, lab-no-nnce-rbac, no-nmstate, no-nnce, garbled, hang, huge, gone)`);
  }, 60_000);

  test('GIVEN a token the server refuses (401) THEN "unauthorized", without the token', async () => {
    const reason = await reasonOf({ kubeconfig, context: 'lab-revoked' });
    expect(reason).toBe(`unauthorized (the kubeconfig's credentials were refused) by the API server at http://127.0.0.1:${port}`);
  }, 60_000);

  test('GIVEN a user that may list nodes but not nodenetworkstates (403) THEN "forbidden", naming the resource and the read-only rules preflight needs', async () => {
    seen.length = 0;
    const reason = await reasonOf({ kubeconfig, context: 'lab-no-rbac' });
    expect(reason.split('\n')[0]).toBe('forbidden: the user cannot list nodenetworkstates.nmstate.io; preflight needs get/list on nodes and nodenetworkstates.nmstate.io (read-only), e.g. a ClusterRole with');
    expect(reason).toContain('- apiGroups: [""]\n  resources: ["nodes"]\n  verbs: ["get", "list"]');
    expect(reason).toContain('- apiGroups: ["nmstate.io"]\n  resources: ["nodenetworkstates", "nodenetworkconfigurationenactments"]\n  verbs: ["get", "list"]');
    expect(seen.map((s) => s.path)).toEqual([NODES, NODES, NNS]);
  }, 60_000);

  test('GIVEN a cluster without kubernetes-nmstate (404 on nodenetworkstates) THEN the reason says so and points to the agent\'s /state', async () => {
    const reason = await reasonOf({ kubeconfig, context: 'no-nmstate' });
    expect(reason).toBe("the NodeNetworkState API (nmstate.io/v1beta1) is not served: kubernetes-nmstate is not installed; on such clusters use the multihome agent's /state with --state");
  }, 60_000);

  test('GIVEN the NNCE API not served (404 on enactments only) THEN Nodes and NNSs are read, no NNCEs, and a note', async () => {
    const out = await read({ kubeconfig, context: 'no-nnce' });
    if (!('read' in out)) throw new Error(JSON.stringify(out));
    expect(out.read.objects.map((o) => o.kind)).toEqual(['Node', 'Node', 'NodeNetworkState', 'NodeNetworkState']);
    expect(out.read.notes).toEqual(['the NodeNetworkConfigurationEnactment API (nmstate.io/v1beta1) is not served; enactment status (NNCEs) was not read']);
  }, 60_000);

  test('GIVEN a user that may not list enactments (403 on NNCEs only) THEN Nodes and NNSs are read, and a note (NNCEs are optional)', async () => {
    const out = await read({ kubeconfig, context: 'lab-no-nnce-rbac' });
    if (!('read' in out)) throw new Error(JSON.stringify(out));
    expect(out.read.objects.map((o) => o.kind)).toEqual(['Node', 'Node', 'NodeNetworkState', 'NodeNetworkState']);
    expect(out.read.notes).toEqual(['forbidden: the user cannot list nodenetworkconfigurationenactments.nmstate.io; enactment status (NNCEs) was not read']);
  }, 60_000);

  test('GIVEN nothing listening at the server\'s port THEN "cannot reach the API server at URL: …" (connection refused)', async () => {
    const reason = await reasonOf({ kubeconfig, context: 'gone' });
    expect(reason).toBe(`cannot reach the API server at http://127.0.0.1:${closedPort}: connect ECONNREFUSED 127.0.0.1:${closedPort}`);
  }, 60_000);

  test('GIVEN a server that never answers THEN the read ends at the time limit with "cannot reach"', async () => {
    const reason = await reasonOf({ kubeconfig, context: 'hang', timeoutMs: 500 });
    expect(reason).toBe(`cannot reach the API server at http://127.0.0.1:${port}/hang: no answer within 500 ms`);
  }, 60_000);

  test('GIVEN a 200 whose body is malformed JSON THEN the reason says the body is not JSON (and quotes none of it)', async () => {
    const reason = await reasonOf({ kubeconfig, context: 'garbled' });
    expect(reason).toBe(`the API server at http://127.0.0.1:${port}/garbled answered GET /garbled/api/v1/nodes with a body that is not JSON (75 bytes, content-type "application/json")`);
  }, 60_000);

  test('GIVEN answers larger than the byte bound THEN the read stops with a reason instead of buffering them', async () => {
    const reason = await reasonOf({ kubeconfig, context: 'huge', maxBytes: 16 * 1024 });
    expect(reason).toBe(`the API server at http://127.0.0.1:${port}/huge sent more than 16384 bytes (the bound of one read) while listing nodes; refusing to read further`);
  }, 60_000);

  test('GIVEN a kubeconfig that is missing, not YAML, or empty THEN a reason naming the file; KUBECONFIG is never read instead', async () => {
    const missing = path.join(dir, 'no-such-kubeconfig');
    expect(await reasonOf({ kubeconfig: missing })).toBe(`cannot read the kubeconfig ${missing}: ENOENT: no such file or directory, open '${missing}'`);
    const broken = path.join(dir, 'broken-kubeconfig');
    fs.writeFileSync(broken, `users:\n- name: x\n  user: {token: ${TOKEN}\ncontexts: [\n`);
    expect(await reasonOf({ kubeconfig: broken })).toMatch(new RegExp(`^the kubeconfig ${broken.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is not YAML: `));
    const empty = path.join(dir, 'empty-kubeconfig');
    fs.writeFileSync(empty, '');
    expect(await reasonOf({ kubeconfig: empty })).toBe(`the kubeconfig ${empty} is not a kubeconfig (empty, or not a mapping of clusters, contexts and users)`);
  }, 60_000);

  test('GIVEN a kubeconfig without current-context and no --context THEN the reason asks for --context and lists the contexts', async () => {
    const noCurrent = path.join(dir, 'no-current-kubeconfig');
    fs.writeFileSync(noCurrent, fs.readFileSync(kubeconfig, 'utf8').replace(/^current-context: .*$/m, ''));
    expect(await reasonOf({ kubeconfig: noCurrent })).toBe(
      `the kubeconfig ${noCurrent} has no current-context; choose one with --context (its contexts: lab, prod, lab-revoked, lab-no-rbac, lab-no-nnce-rbac, no-nmstate, no-nnce, garbled, hang, huge, gone)`,
    );
  }, 60_000);

  describe('loadLiveClusterReader', () => {
    test('GIVEN the bundle THEN the reader it returns rejects with this CLI\'s LiveClusterError (the bundle has its own copy of the class)', async () => {
      const reader = await loadLiveClusterReader(() => ({ kind: 'bundle', file: bundle }));
      const missing = path.join(dir, 'absent');
      const e = await reader({ kubeconfig: missing }).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(LiveClusterError);
      expect((e as LiveClusterError).reason).toBe(`cannot read the kubeconfig ${missing}: ENOENT: no such file or directory, open '${missing}'`);
    }, 60_000);

    test('GIVEN the bundle THEN the reader it returns reads the local server', async () => {
      const reader = await loadLiveClusterReader(() => ({ kind: 'bundle', file: bundle }));
      const got = await reader({ kubeconfig, context: 'prod' });
      expect(got.objects.map((o) => o.kind)).toEqual(['Node', 'NodeNetworkState']);
    }, 60_000);

    test('GIVEN no reader in the installation THEN a LiveClusterError naming the missing bundle', async () => {
      await expect(loadLiveClusterReader(() => undefined)).rejects.toEqual(new LiveClusterError(`the cluster reader bundle ${LIVE_CLUSTER_BUNDLE} is missing from this installation (build it with \`node scripts/build-agent.js\`)`));
    });
  });
});

describe('locateLiveClusterReader', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'live-cluster-root-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const source = path.join(root, 'lib', 'cli', 'live-cluster.ts');
  const bundle = path.join(root, 'dist-agent', 'multihome-cluster-reader.js');

  test('the compiled CLI uses the bundle when it is there, the sources when it is not; TypeScript uses the sources; nothing → undefined', () => {
    expect(locateLiveClusterReader(root, false)).toBeUndefined();
    fs.mkdirSync(path.dirname(source), { recursive: true });
    fs.writeFileSync(source, '');
    expect(locateLiveClusterReader(root, false)).toEqual({ kind: 'source', file: source });
    fs.mkdirSync(path.dirname(bundle), { recursive: true });
    fs.writeFileSync(bundle, '');
    expect(locateLiveClusterReader(root, false)).toEqual({ kind: 'bundle', file: bundle });
    expect(locateLiveClusterReader(root, true)).toEqual({ kind: 'source', file: source });
    fs.rmSync(source);
    expect(locateLiveClusterReader(root, true)).toEqual({ kind: 'bundle', file: bundle });
  });
});
