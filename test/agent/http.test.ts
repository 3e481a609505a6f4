/**
 * S6 of the security review (shared/reference/security-2026-12.md): `/state` is off unless
 * `--serve-state`, and with `--state-token-file` it requires the bearer token in that file
 * (re-read per request: Secret rotation). Runs the real HTTP server on 127.0.0.1, ephemeral port.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { AgentOptions, createAgent, RunningAgent } from '../../lib/agent/agent';
import { bearerMatches } from '../../lib/agent/http';
import { runAgentCli } from '../../lib/agent/main';
import { silentLogger } from '../../lib/agent/types';
import { configWriter, rawFixture, scriptedExec, TRUNK_BR0 } from './helpers';

const write = configWriter('agent-http-');
const tokenDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-token-'));
afterAll(() => fs.rmSync(tokenDir, { recursive: true, force: true }));

function get(port: number, p: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) =>
    http.get({ host: '127.0.0.1', port, path: p, headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    }).on('error', reject),
  );
}

async function serving(o: Partial<AgentOptions>, test: (a: RunningAgent) => Promise<void>): Promise<void> {
  const exec = scriptedExec([rawFixture('node01-empty')]);
  const agent = createAgent(
    { configPath: write('trunk.json', { desiredState: TRUNK_BR0 }), netns: 'node01', port: 0, host: '127.0.0.1', intervalSeconds: 3600, markBridges: false, ...o },
    { exec, logger: silentLogger, watch: () => ({ close: () => undefined }) },
  );
  const running = await agent.run();
  try {
    await test(running);
  } finally {
    await running.close();
  }
}

describe('S6: /state', () => {
  test('GIVEN no --serve-state THEN /state is 404 with how to enable it; /healthz and /metrics unchanged', () =>
    serving({}, async ({ address }) => {
      const state = await get(address.port, '/state');
      expect(state.status).toBe(404);
      expect(state.body).toMatch(/--serve-state/);
      expect(state.body).not.toContain('br0');
      expect(await get(address.port, '/healthz')).toMatchObject({ status: 200, body: 'ok\n' });
      expect((await get(address.port, '/metrics')).body).toContain('multihome_agent_drift 5\n');
    }));

  test('GIVEN --serve-state without a token file THEN /state is served', () =>
    serving({ serveState: true }, async ({ address }) => {
      const state = await get(address.port, '/state');
      expect(state.status).toBe(200);
      const doc = JSON.parse(state.body);
      expect(doc).toMatchObject({ apiVersion: 'nmstate.io/v1beta1', kind: 'NodeNetworkState', metadata: { name: 'node01' } });
      expect(doc.status.multihome.report.result).toBe('drift');
    }));

  test('GIVEN a token file THEN 401 with WWW-Authenticate: Bearer without or with a wrong token, 200 with it, and a rotated token takes over at once', async () => {
    const tokenFile = path.join(tokenDir, 'token');
    fs.writeFileSync(tokenFile, 's3cret-token\n');
    await serving({ serveState: true, stateTokenFile: tokenFile }, async ({ address }) => {
      const none = await get(address.port, '/state');
      expect(none.status).toBe(401);
      expect(none.headers['www-authenticate']).toBe('Bearer');
      expect(none.body).not.toContain('br0');
      expect((await get(address.port, '/state', { authorization: 'Bearer wrong' })).status).toBe(401);
      expect((await get(address.port, '/state', { authorization: 'Bearer s3cret-token-and-more' })).status).toBe(401);
      const ok = await get(address.port, '/state', { authorization: 'Bearer s3cret-token' });
      expect(ok.status).toBe(200);
      expect(JSON.parse(ok.body).status.multihome.report.result).toBe('drift');
      fs.writeFileSync(tokenFile, 'rotated\n');
      expect((await get(address.port, '/state', { authorization: 'Bearer s3cret-token' })).status).toBe(401);
      expect((await get(address.port, '/state', { authorization: 'Bearer rotated' })).status).toBe(200);
      // /metrics and /healthz need no token
      expect((await get(address.port, '/metrics')).status).toBe(200);
      fs.rmSync(tokenFile);
      const gone = await get(address.port, '/state', { authorization: 'Bearer rotated' });
      expect(gone.status).toBe(503);
    });
  });

  test('bearerMatches compares the whole token', () => {
    expect(bearerMatches('Bearer abc', 'abc')).toBe(true);
    expect(bearerMatches('bearer abc', 'abc')).toBe(true);
    expect(bearerMatches('Bearer ab', 'abc')).toBe(false);
    expect(bearerMatches('Basic abc', 'abc')).toBe(false);
    expect(bearerMatches(undefined, 'abc')).toBe(false);
  });

  test('GIVEN --state-token-file without --serve-state THEN agent run refuses to start (exit 2)', async () => {
    let err = '';
    const code = await runAgentCli(['agent', 'run', '--config', write('trunk.json', { desiredState: TRUNK_BR0 }), '--state-token-file', '/nonexistent'], { stderr: (s) => (err += s), stdout: () => undefined });
    expect(code).toBe(2);
    expect(err).toMatch(/add --serve-state/);
  });
});
