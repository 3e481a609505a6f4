import * as http from 'http';
import { createAgent } from '../../lib/agent/agent';
import { formatReport, parseListenAddress } from '../../lib/agent/cli';
import { runAgentCli } from '../../lib/agent/main';
import type { NodeStatusApi, JsonPatchOp } from '../../lib/agent/node-marker';
import type { RawState } from '../../lib/agent/iproute/read';
import { silentLogger, Clock } from '../../lib/agent/types';
import { BOND, changeLines, configWriter, isWriteBatch, rawFixture, scriptedExec, TRUNK_BR0 } from './helpers';

const write = configWriter('agent-test-');
/** node01-empty after an `ip -batch` that stopped at its second line: br0 created, eth1 not yet its port. */
function br0CreatedOnly(): RawState {
  const empty = rawFixture('node01-empty');
  const br0 = rawFixture('node01-trunk-with-vms').addr.find((l) => (l as { ifname: string }).ifname === 'br0');
  if (!br0) throw new Error('fixture node01-trunk-with-vms has no br0');
  return { ...empty, addr: [...empty.addr, br0] };
}

let now = 0;
const fakeClock: Clock = { now: () => now, wallTime: () => new Date(0), sleep: async (ms) => void (now += ms) };

describe('agent apply', () => {
  test('GIVEN a converged host WHEN applied THEN only the state read runs — no command', async () => {
    const exec = scriptedExec([rawFixture('node01-trunk-with-vms')]);
    const r = await createAgent({ configPath: write('trunk.json', { desiredState: TRUNK_BR0 }), netns: 'node01' }, { exec, logger: silentLogger }).apply();
    expect(r.result).toBe('converged');
    expect(r.commands).toEqual([]);
    expect(exec.calls.map((c) => c.file + ' ' + c.args.join(' '))).toEqual(['ip -n node01 -j -d -batch -', 'bridge -n node01 -j vlan show']);
  });

  test('GIVEN a bare host WHEN applied THEN one ip -batch and one bridge -batch, then a verifying read', async () => {
    const exec = scriptedExec([rawFixture('node01-empty'), rawFixture('node01-trunk-with-vms')]);
    const r = await createAgent({ configPath: write('trunk.json', { desiredState: TRUNK_BR0 }), netns: 'node01' }, { exec, logger: silentLogger }).apply();
    expect(r.result).toBe('applied');
    const batches = exec.calls.filter(isWriteBatch);
    expect(batches.map((c) => [c.file, c.input])).toEqual([
      ['ip', 'link add name br0 up type bridge vlan_filtering 1\nlink set dev eth1 master br0\n'],
      ['bridge', 'vlan del dev eth1 vid 1\nvlan add dev eth1 vid 100\nvlan add dev eth1 vid 200\n'],
    ]);
    expect(r.verify).toEqual({ ok: true, remaining: [] });
    expect(exec.calls.every((c) => ['ip', 'bridge'].includes(c.file))).toBe(true);
  });

  test('GIVEN a change whose probe fails WHEN applied THEN the snapshot is planned back and applied (rolled-back)', async () => {
    const ds = JSON.parse(JSON.stringify(BOND));
    ds.interfaces[1].ipv4.address = [{ ip: '172.146.185.30', 'prefix-length': 16 }];
    const after = rawFixture('bondnode-bond-vlans');
    // the host after the forward batch: bond0.144 carries the wrong address
    const moved = JSON.parse(JSON.stringify(after));
    const v144 = moved.addr.find((l: { ifname: string }) => l.ifname === 'bond0.144');
    v144.addr_info = v144.addr_info.map((a: { local: string }) => (a.local === '172.144.185.30' ? { ...a, local: '172.146.185.30' } : a));
    const exec = scriptedExec([after, moved, after], { ping: () => false });
    const f = write('bad.json', { desiredState: ds, probes: [{ target: '172.144.0.1', interface: 'bond0.144', timeoutSeconds: 1 }] });
    const agent = createAgent({ configPath: f, netns: 'bondnode' }, { exec, logger: silentLogger, clock: fakeClock });
    const r = await agent.apply();
    expect(r.result).toBe('rolled-back');
    expect(r.commands).toEqual(['ip address del 172.144.185.30/16 dev bond0.144', 'ip address add 172.146.185.30/16 broadcast + dev bond0.144']);
    expect(r.rollback?.commands).toEqual(['ip address del 172.146.185.30/16 dev bond0.144', 'ip address add 172.144.185.30/16 broadcast + dev bond0.144']);
    expect(r.rollback?.ok).toBe(true);
    expect(r.probes?.[0].ok).toBe(false);
    expect(exec.calls.filter((c) => c.args.includes('ping'))[0].args).toEqual(['netns', 'exec', 'bondnode', 'ping', '-c', '1', '-W', '1', '-I', 'bond0.144', '172.144.0.1']);
    expect(agent.metrics.get('multihome_agent_rollbacks_total')).toBe(1);
    expect(agent.metrics.get('multihome_agent_last_apply_success')).toBe(0);
  });

  test('GIVEN a forward batch the kernel refuses half-way WHEN applied THEN exactly what it did is undone and the rollback succeeds', async () => {
    // ip -batch stops at the failing line: br0 was created, eth1 never joined it.
    const empty = rawFixture('node01-empty');
    const exec = scriptedExec([empty, br0CreatedOnly(), empty], { failBatch: (_c, n) => n === 0, partialFailure: true });
    const agent = createAgent({ configPath: write('trunk.json', { desiredState: TRUNK_BR0 }), netns: 'node01', mode: 'apply' }, { exec, logger: silentLogger });
    const r = await agent.apply();
    expect(r.result).toBe('rolled-back');
    expect(r.error).toContain('Operation not supported');
    expect(r.commands).toEqual([
      'ip link add name br0 up type bridge vlan_filtering 1',
      'ip link set dev eth1 master br0',
      'bridge vlan del dev eth1 vid 1',
      'bridge vlan add dev eth1 vid 100',
      'bridge vlan add dev eth1 vid 200',
    ]);
    expect(r.rollback).toMatchObject({ ok: true, commands: ['ip link del dev br0'], remaining: [] });
    // the refused forward ip batch, then the rollback's batch (accepted, its check read riding along); the bridge batch never ran
    expect(exec.calls.filter(isWriteBatch).map((c) => [c.file, changeLines(c)])).toEqual([
      ['ip', 'link add name br0 up type bridge vlan_filtering 1\nlink set dev eth1 master br0\n'],
      ['ip', 'link del dev br0\n'],
    ]);
    expect(agent.metrics.get('multihome_agent_rollbacks_total')).toBe(1);
  });

  test('GIVEN a kernel that refuses every batch, the rollback batch too, WHEN applied THEN the result is failed, not rolled-back', async () => {
    const exec = scriptedExec([rawFixture('node01-empty'), br0CreatedOnly()], { failBatch: true, partialFailure: true });
    const r = await createAgent({ configPath: write('trunk.json', { desiredState: TRUNK_BR0 }), netns: 'node01' }, { exec, logger: silentLogger }).apply();
    expect(r.result).toBe('failed');
    expect(r.rollback?.ok).toBe(false);
    expect(r.rollback?.commands).toEqual(['ip link del dev br0']);
    expect(r.rollback?.remaining[0]).toContain('Operation not supported');
  });

  test('GIVEN a bad config WHEN applied THEN nothing runs at all and every problem is reported', async () => {
    const exec = scriptedExec([rawFixture('node01-empty')]);
    const f = write('bad-config.json', { desiredState: { interfaces: [{ name: 'br 0', type: 'linux-bridge' }, { name: 'x', type: 'vlan', vlan: { id: 9000 } }] } });
    const r = await createAgent({ configPath: f }, { exec, logger: silentLogger }).apply();
    expect(r.result).toBe('invalid');
    expect(exec.calls).toEqual([]);
    expect(r.problems?.map((p) => p.split(']')[0] + ']')).toEqual(['[AGENT_INTERFACE_NAME]', '[AGENT_MISSING_FIELD]', '[AGENT_INVALID_VALUE]']);
  });
});

describe('DHCP and autoconf in observe mode', () => {
  /** seed 002's bond with dynamic addressing on bond0: the host has static addresses there. */
  const dynamicBond = () => {
    const ds = JSON.parse(JSON.stringify(BOND));
    ds.interfaces[0].ipv4 = { enabled: true, dhcp: true };
    ds.interfaces[0].ipv6 = { enabled: true, dhcp: true, autoconf: true };
    return ds;
  };

  test('GIVEN DHCP/autoconf on bond0 WHEN observed THEN everything else is compared, its addresses are listed as not compared and never count as drift', async () => {
    const exec = scriptedExec([rawFixture('bondnode-bond-vlans')]);
    const agent = createAgent({ configPath: write('dhcp-bond.json', { desiredState: dynamicBond() }), netns: 'bondnode' }, { exec, logger: silentLogger });
    const r = await agent.observe();
    expect(r.result).toBe('converged');
    expect(r.notCompared).toEqual([{ name: 'bond0', family: 4, reason: 'dhcp' }, { name: 'bond0', family: 6, reason: 'dhcp' }]);
    expect(agent.metrics.get('multihome_agent_addresses_not_compared')).toBe(2);
    expect(agent.metrics.get('multihome_agent_drift')).toBe(0);
    expect(formatReport(r)).toMatch(/note: IPv4 addresses of bond0 not compared \(the intent asks for DHCP/);
  });

  test('GIVEN DHCP on bond0 and a wrong VLAN address WHEN observed THEN only the VLAN address is drift', async () => {
    const ds = dynamicBond();
    ds.interfaces[1].ipv4.address = [{ ip: '172.146.185.30', 'prefix-length': 16 }];
    const exec = scriptedExec([rawFixture('bondnode-bond-vlans')]);
    const r = await createAgent({ configPath: write('dhcp-bond-drift.json', { desiredState: ds }), netns: 'bondnode' }, { exec, logger: silentLogger }).observe();
    expect(r.result).toBe('drift');
    expect(r.commands).toEqual(['ip address del 172.144.185.30/16 dev bond0.144', 'ip address add 172.146.185.30/16 broadcast + dev bond0.144']);
  });

  test('GIVEN DHCP WHEN running in observe mode THEN /state lists the addresses not compared', async () => {
    const exec = scriptedExec([rawFixture('bondnode-bond-vlans')]);
    const agent = createAgent(
      { configPath: write('dhcp-bond.json', { desiredState: dynamicBond() }), netns: 'bondnode', port: 0, host: '127.0.0.1', intervalSeconds: 3600, markBridges: false, serveState: true },
      { exec, logger: silentLogger, watch: () => ({ close: () => undefined }) },
    );
    const running = await agent.run();
    try {
      const body = await new Promise<string>((resolve, reject) =>
        http.get({ host: '127.0.0.1', port: running.address.port, path: '/state' }, (res) => {
          let b = '';
          res.on('data', (d) => (b += d));
          res.on('end', () => resolve(b));
        }).on('error', reject),
      );
      expect(running.address.address).toBe('127.0.0.1');
      const state = JSON.parse(body);
      expect(state.status.multihome.report.result).toBe('converged');
      expect(state.status.multihome.report.notCompared.map((n: { name: string; family: number }) => `${n.name}/${n.family}`)).toEqual(['bond0/4', 'bond0/6']);
    } finally {
      await running.close();
    }
  });

  test.each(['apply', 'plan'] as const)('GIVEN the same intent WHEN %s THEN it is refused with AGENT_UNSUPPORTED at the field and nothing runs', async (action) => {
    const exec = scriptedExec([rawFixture('bondnode-bond-vlans')]);
    const r = await createAgent({ configPath: write('dhcp-bond.json', { desiredState: dynamicBond() }), netns: 'bondnode', mode: 'apply' }, { exec, logger: silentLogger })[action]();
    expect(r.result).toBe('invalid');
    expect(r.problems?.filter((p) => p.startsWith('[AGENT_UNSUPPORTED]')).map((p) => p.split(':')[0])).toEqual([
      '[AGENT_UNSUPPORTED] desiredState.interfaces[0].ipv4.dhcp',
      '[AGENT_UNSUPPORTED] desiredState.interfaces[0].ipv6.dhcp',
    ]);
    expect(exec.calls).toEqual([]);
  });
});

describe('agent run (DaemonSet mode)', () => {
  test('GIVEN observe mode THEN it never runs a batch, and serves /healthz, /metrics with the drift, /state, and marks bridges', async () => {
    const exec = scriptedExec([rawFixture('node01-empty')]);
    const patches: JsonPatchOp[][] = [];
    const api: NodeStatusApi = {
      readCapacity: async () => ({ cpu: '4', 'bridge.network.kubevirt.io/gone': '1000' }),
      patchStatus: async (_n, ops) => void patches.push([...ops]),
    };
    const agent = createAgent(
      { configPath: write('trunk.json', { desiredState: TRUNK_BR0 }), port: 0, host: '127.0.0.1', nodeName: 'node01', intervalSeconds: 3600, serveState: true },
      { exec, logger: silentLogger, nodeStatusApi: async () => api, watch: () => ({ close: () => undefined }) },
    );
    const running = await agent.run();
    try {
      const get = (p: string) =>
        new Promise<{ status: number; body: string }>((resolve, reject) =>
          http.get({ host: '127.0.0.1', port: running.address.port, path: p }, (res) => {
            let body = '';
            res.on('data', (d) => (body += d));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          }).on('error', reject),
        );
      expect(await get('/healthz')).toEqual({ status: 200, body: 'ok\n' });
      const metrics = (await get('/metrics')).body;
      expect(metrics).toContain('# TYPE multihome_agent_drift gauge\nmultihome_agent_drift 5\n');
      expect(metrics).toContain('multihome_agent_config_valid 1');
      const state = JSON.parse((await get('/state')).body);
      expect(state.apiVersion).toBe('nmstate.io/v1beta1');
      expect(state.kind).toBe('NodeNetworkState');
      expect(state.metadata).toEqual({ name: 'node01' });
      expect(state.status.multihome.mode).toBe('observe');
      expect(state.status.multihome.report.result).toBe('drift');
      expect(state.status.multihome.report.commands[0]).toBe('ip link add name br0 up type bridge vlan_filtering 1');
      // node01-empty as read: lo and eth1 (a veth in the lab), no bridge yet; the read succeeded
      expect(state.status.currentState.interfaces.map((i: { name: string; type: string }) => `${i.name}:${i.type}`)).toEqual(['eth1:veth', 'lo:loopback']);
      expect(state.status.currentState.routes).toEqual({ config: [], running: [] });
      expect(state.status.conditions.map((c: { type: string; status: string; reason: string }) => `${c.type}=${c.status} ${c.reason}`)).toEqual(['Available=True QuerySucceeded', 'Failing=False QuerySucceeded']);
      // /state asks for the whole host: IPv6 routes and bridge VLANs are read although the intent has no IPv6 route
      expect(exec.calls.filter((c) => c.args.join(' ').includes('-6 route show')).length).toBeGreaterThan(0);
      expect((await get('/nope')).status).toBe(404);
      expect(exec.calls.some(isWriteBatch)).toBe(false);
      // node01-empty has no bridge: the stale resource is removed
      expect(patches).toEqual([[
        { op: 'test', path: '/status/capacity/bridge.network.kubevirt.io~1gone', value: '1000' },
        { op: 'remove', path: '/status/capacity/bridge.network.kubevirt.io~1gone' },
      ]]);
    } finally {
      await running.close();
    }
  });
});

describe('--listen-address', () => {
  test.each(['0.0.0.0', '::', '127.0.0.1', '10.6.185.30', 'fd00::1'])('accepts the IP address %s', (a) => {
    expect(parseListenAddress(a)).toBe(a);
  });

  test('GIVEN a value that is not an IP address THEN agent run refuses to start (usage error, exit 2)', async () => {
    let err = '';
    const code = await runAgentCli(['agent', 'run', '--config', write('trunk.json', { desiredState: TRUNK_BR0 }), '--listen-address', 'eth0'], { stderr: (s) => (err += s), stdout: () => undefined });
    expect(code).toBe(2);
    expect(err).toMatch(/"eth0" is not an IP address/);
  });
});
