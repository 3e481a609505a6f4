/**
 * Bridge marking through @kubernetes/client-node. There is no API server here: the client talks
 * to a local HTTP server that records and checks the exact requests bridge-marker would send
 * (GET the Node, JSON-patch its status). The client runs from the esbuild bundle in a child
 * process — the shipped artifact, and the client is ESM, which jest's CommonJS runtime cannot load.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { bridgeCapacityPatch } from '../../lib/agent/node-marker';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildAgent } = require('../../scripts/build-agent.js') as { buildAgent: (o: object) => Promise<string> };

test('bridgeCapacityPatch adds new bridges and removes gone ones (each remove guarded by a test of the value read), JSON-pointer escaped, as bridge-marker does', () => {
  expect(bridgeCapacityPatch({ cpu: '4', 'bridge.network.kubevirt.io/old': '1000', 'bridge.network.kubevirt.io/br0': '1000' }, ['br0', 'br1'])).toEqual([
    { op: 'test', path: '/status/capacity/bridge.network.kubevirt.io~1old', value: '1000' },
    { op: 'remove', path: '/status/capacity/bridge.network.kubevirt.io~1old' },
    { op: 'add', path: '/status/capacity/bridge.network.kubevirt.io~1br1', value: '1000' },
  ]);
  expect(bridgeCapacityPatch({ 'bridge.network.kubevirt.io/br0': '1000' }, ['br0'])).toEqual([]);
});

describe('client-node against a local HTTP server standing in for the API server (not an API server)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-kube-'));
  const requests: Array<{ method: string; url: string; contentType?: string; body: string; auth?: string }> = [];
  let server: http.Server;
  let bundle: string;
  const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node01' }, status: { capacity: { cpu: '4', 'bridge.network.kubevirt.io/old': '1000' } } };
  /** The nodes the next GETs see, in order (then `node`), and how many PATCHes to refuse with 422 (a failed test op) first. */
  let gets: object[] = [];
  let refusePatches = 0;

  beforeAll(async () => {
    bundle = await buildAgent({ outfile: path.join(dir, 'agent.js') });
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        requests.push({ method: req.method ?? '', url: req.url ?? '', contentType: req.headers['content-type'], body, auth: req.headers.authorization });
        if (req.method === 'PATCH' && req.url === '/api/v1/nodes/node01/status' && refusePatches > 0) {
          refusePatches--;
          res.writeHead(422, { 'content-type': 'application/json' }).end('{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Invalid","code":422,"message":"the server rejected our request due to an error in our request"}');
        } else if ((req.method === 'GET' && req.url === '/api/v1/nodes/node01') || (req.method === 'PATCH' && req.url === '/api/v1/nodes/node01/status')) {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify((req.method === 'GET' && gets.shift()) || node));
        } else res.writeHead(404, { 'content-type': 'application/json' }).end('{"kind":"Status","code":404}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as AddressInfo).port;
    fs.writeFileSync(
      path.join(dir, 'kubeconfig'),
      `apiVersion: v1\nkind: Config\nclusters:\n- name: local\n  cluster: {server: "http://127.0.0.1:${port}", insecure-skip-tls-verify: true}\nusers:\n- name: agent\n  user: {token: test-token}\ncontexts:\n- name: local\n  context: {cluster: local, user: agent}\ncurrent-context: local\n`,
    );
  }, 60000);
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Runs markBridges(node01, [br0]) from the bundle in a child process; resolves to the ops it returns. */
  const mark = () => {
    const script = `const a = require(${JSON.stringify(bundle)}); a.kubeNodeStatusApi().then((api) => a.markBridges(api, 'node01', ['br0'])).then((ops) => console.log(JSON.stringify(ops)), (e) => { console.error(e); process.exit(1); });`;
    return new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['-e', script], { env: { ...process.env, KUBECONFIG: path.join(dir, 'kubeconfig') }, timeout: 30000 }, (err, stdout, stderr) => (err ? reject(new Error(stderr || err.message)) : resolve(stdout))),
    );
  };

  test('GIVEN br0 on the node and a stale bridge resource THEN GET node, then one JSON patch of the status subresource', async () => {
    requests.length = 0;
    const out = await mark();
    const expected = [
      { op: 'test', path: '/status/capacity/bridge.network.kubevirt.io~1old', value: '1000' },
      { op: 'remove', path: '/status/capacity/bridge.network.kubevirt.io~1old' },
      { op: 'add', path: '/status/capacity/bridge.network.kubevirt.io~1br0', value: '1000' },
    ];
    expect(JSON.parse(out)).toEqual(expected);
    expect(requests.map((r) => [r.method, r.url])).toEqual([
      ['GET', '/api/v1/nodes/node01'],
      ['PATCH', '/api/v1/nodes/node01/status'],
    ]);
    expect(requests[1].contentType).toBe('application/json-patch+json');
    expect(JSON.parse(requests[1].body)).toEqual(expected);
    expect(requests.every((r) => r.auth === 'Bearer test-token')).toBe(true);
  }, 60000);

  test('GIVEN another agent removed the stale resource between our read and our patch (422) THEN read again once and send the patch that fits the new node', async () => {
    requests.length = 0;
    refusePatches = 1;
    // our read sees the old node; the other agent's patch lands before ours, so our second read sees it gone
    gets = [node, { ...node, status: { capacity: { cpu: '4' } } }];
    try {
      const out = await mark();
      const first = [
        { op: 'test', path: '/status/capacity/bridge.network.kubevirt.io~1old', value: '1000' },
        { op: 'remove', path: '/status/capacity/bridge.network.kubevirt.io~1old' },
        { op: 'add', path: '/status/capacity/bridge.network.kubevirt.io~1br0', value: '1000' },
      ];
      const second = [{ op: 'add', path: '/status/capacity/bridge.network.kubevirt.io~1br0', value: '1000' }];
      expect(requests.map((r) => [r.method, r.url])).toEqual([
        ['GET', '/api/v1/nodes/node01'],
        ['PATCH', '/api/v1/nodes/node01/status'],
        ['GET', '/api/v1/nodes/node01'],
        ['PATCH', '/api/v1/nodes/node01/status'],
      ]);
      expect(JSON.parse(requests[1].body)).toEqual(first);
      expect(JSON.parse(requests[3].body)).toEqual(second);
      expect(JSON.parse(out)).toEqual(second);
    } finally {
      gets = [];
      refusePatches = 0;
    }
  }, 60000);
});
