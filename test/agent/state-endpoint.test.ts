/**
 * `/state` of `agent run` is the NodeNetworkState of the agent's latest host read: after an apply
 * it shows the verifying read, and a failed read sets Failing=True while keeping the last good
 * currentState and its time (as kubernetes-nmstate keeps its NNS).
 */
import * as http from 'http';
import { createAgent, RunningAgent } from '../../lib/agent/agent';
import type { Exec } from '../../lib/agent/exec';
import { Clock, silentLogger } from '../../lib/agent/types';
import { configWriter, rawFixture, scriptedExec, TRUNK_BR0 } from './helpers';

const write = configWriter('agent-state-');

let wall = new Date('2026-03-01T10:00:00Z');
const clock: Clock = { now: () => wall.getTime(), wallTime: () => wall, sleep: async () => undefined };

function getState(running: RunningAgent): Promise<Record<string, any>> {
  return new Promise((resolve, reject) =>
    http.get({ host: '127.0.0.1', port: running.address.port, path: '/state' }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve(JSON.parse(body)));
    }).on('error', reject),
  );
}

async function serving(mode: 'apply' | 'observe', exec: Exec, test: (r: RunningAgent) => Promise<void>): Promise<void> {
  const agent = createAgent(
    { configPath: write('trunk.json', { desiredState: TRUNK_BR0 }), mode, nodeName: 'node01', port: 0, host: '127.0.0.1', intervalSeconds: 3600, markBridges: false, serveState: true },
    { exec, clock, logger: silentLogger, watch: () => ({ close: () => undefined }) },
  );
  const running = await agent.run();
  try {
    await test(running);
  } finally {
    await running.close();
  }
}

test('GIVEN apply mode WHEN br0 is created THEN /state shows the host as the verifying read found it', () => {
  wall = new Date('2026-03-01T10:00:00Z');
  return serving('apply', scriptedExec([rawFixture('node01-empty'), rawFixture('node01-trunk-with-vms')]), async (running) => {
    const doc = await getState(running);
    expect(doc.status.multihome.report.result).toBe('applied');
    const br0 = doc.status.currentState.interfaces.find((i: { name: string }) => i.name === 'br0');
    expect(br0.type).toBe('linux-bridge');
    expect(br0.bridge.port[0]).toEqual({ name: 'eth1', vlan: { mode: 'trunk', 'trunk-tags': [{ id: 100 }, { id: 200 }], 'enable-native': false } });
    expect(doc.status.lastSuccessfulUpdateTime).toBe('2026-03-01T10:00:00Z');
  });
});

test('GIVEN a read that fails after a good one THEN Failing=True with QueryFailed and the error; the last good state and its time stay', async () => {
  wall = new Date('2026-03-01T10:00:00Z');
  const ok = scriptedExec([rawFixture('node01-empty')]);
  let broken = false;
  const exec: Exec = async (file, args, o) =>
    broken && args.includes('-batch') ? { code: 1, stdout: '', stderr: 'Cannot open network namespace "node01"' } : ok(file, args, o);
  await serving('observe', exec, async (running) => {
    expect((await getState(running)).status.conditions.map((c: { type: string; status: string }) => `${c.type}=${c.status}`)).toEqual(['Available=True', 'Failing=False']);
    broken = true;
    wall = new Date('2026-03-01T10:01:00Z');
    expect((await running.reconcileNow()).result).toBe('failed');
    const doc = await getState(running);
    expect(doc.status.conditions).toEqual([
      expect.objectContaining({ type: 'Available', status: 'False', reason: 'QueryFailed', lastHeartbeatTime: '2026-03-01T10:01:00Z', lastTransitionTime: '2026-03-01T10:01:00Z' }),
      expect.objectContaining({ type: 'Failing', status: 'True', reason: 'QueryFailed' }),
    ]);
    expect(doc.status.conditions[1].message).toContain('Cannot open network namespace "node01"');
    expect(doc.status.lastSuccessfulUpdateTime).toBe('2026-03-01T10:00:00Z');
    expect(doc.status.currentState.interfaces.map((i: { name: string }) => i.name)).toEqual(['eth1', 'lo']);
    expect(doc.status.multihome.report.result).toBe('failed');
  });
});
