import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AgentConfigError, loadConfig } from '../../lib/agent/config';
import { renderOp, UnsafeBatchValueError } from '../../lib/agent/iproute/render';
import { prod } from '../../apps/environments/prod';
import { DEFAULT_VALIDATORS } from '../../lib/agent/core-validator';
import { CodeTable } from '../../lib/core/errors';
import { AGENT_CODES } from '../../lib/core/host-intent/codes';
import { normalizeDesiredState } from '../../lib/core/host-intent/normalize';
import type { DesiredState } from '../../lib/core/nmstate/types';
import { ProblemSink } from '../../lib/core/problems';
import { renderTopology } from '../../lib/core/topology/render';
import { BOND, problemsOf, TRUNK_BR0 } from './helpers';

describe('desiredState validation (nothing is applied when any error is found)', () => {
  test.each<[string, unknown, Array<{ code: string; path: string }>]>([
    ['a name longer than IFNAMSIZ', { interfaces: [{ name: 'averyveryverylongname', type: 'linux-bridge' }] }, [{ code: 'AGENT_INTERFACE_NAME', path: 'desiredState.interfaces[0].name' }]],
    ['a name with whitespace (shell/batch injection)', { interfaces: [{ name: 'br0 up;x', type: 'linux-bridge' }] }, [{ code: 'AGENT_INTERFACE_NAME', path: 'desiredState.interfaces[0].name' }]],
    ['a name with a quote', { interfaces: [{ name: 'br"0', type: 'linux-bridge' }] }, [{ code: 'AGENT_INTERFACE_NAME', path: 'desiredState.interfaces[0].name' }]],
    ['a bad port name', { interfaces: [{ name: 'br0', type: 'linux-bridge', bridge: { port: [{ name: 'eth/1' }] } }] }, [{ code: 'AGENT_INTERFACE_NAME', path: 'desiredState.interfaces[0].bridge.port[0].name' }]],
    ['DHCP', { interfaces: [{ name: 'eth1', type: 'ethernet', ipv4: { enabled: true, dhcp: true } }] }, [{ code: 'AGENT_UNSUPPORTED', path: 'desiredState.interfaces[0].ipv4.dhcp' }]],
    ['an OVS bridge', { interfaces: [{ name: 'ovsbr', type: 'ovs-bridge' }] }, [{ code: 'AGENT_UNSUPPORTED', path: 'desiredState.interfaces[0].type' }]],
    ['a VLAN without base-iface (V1)', { interfaces: [{ name: 'v100', type: 'vlan', vlan: { id: 100 } }] }, [{ code: 'AGENT_MISSING_FIELD', path: 'desiredState.interfaces[0].vlan.base-iface' }]],
    ['VLAN id 4095', { interfaces: [{ name: 'e.4095', type: 'vlan', vlan: { 'base-iface': 'e', id: 4095 } }] }, [{ code: 'AGENT_INVALID_VALUE', path: 'desiredState.interfaces[0].vlan.id' }]],
    ['trunk tag without enable-native (B1)', { interfaces: [{ name: 'br0', type: 'linux-bridge', bridge: { port: [{ name: 'e', vlan: { mode: 'trunk', tag: 5, 'trunk-tags': [{ id: 6 }] } }] } }] }, [{ code: 'AGENT_BRIDGE_VLAN', path: 'desiredState.interfaces[0].bridge.port[0].vlan.tag' }]],
    ['access with enable-native (B2)', { interfaces: [{ name: 'br0', type: 'linux-bridge', bridge: { port: [{ name: 'e', vlan: { mode: 'access', tag: 5, 'enable-native': true } }] } }] }, [{ code: 'AGENT_BRIDGE_VLAN', path: 'desiredState.interfaces[0].bridge.port[0].vlan.enable-native' }]],
    ['access with trunk-tags (B3)', { interfaces: [{ name: 'br0', type: 'linux-bridge', bridge: { port: [{ name: 'e', vlan: { mode: 'access', tag: 5, 'trunk-tags': [{ id: 6 }] } }] } }] }, [{ code: 'AGENT_BRIDGE_VLAN', path: 'desiredState.interfaces[0].bridge.port[0].vlan.trunk-tags' }]],
    ['trunk without trunk-tags (B4)', { interfaces: [{ name: 'br0', type: 'linux-bridge', bridge: { port: [{ name: 'e', vlan: { mode: 'trunk' } }] } }] }, [{ code: 'AGENT_BRIDGE_VLAN', path: 'desiredState.interfaces[0].bridge.port[0].vlan.trunk-tags' }]],
    ['overlapping trunk tags (B5)', { interfaces: [{ name: 'br0', type: 'linux-bridge', bridge: { port: [{ name: 'e', vlan: { mode: 'trunk', 'trunk-tags': [{ id: 10 }, { 'id-range': { min: 5, max: 20 } }] } }] } }] }, [{ code: 'AGENT_BRIDGE_VLAN', path: 'desiredState.interfaces[0].bridge.port[0].vlan.trunk-tags[1]' }]],
    ['a port listed by two controllers (C1)', { interfaces: [{ name: 'br0', type: 'linux-bridge', bridge: { port: [{ name: 'e' }] } }, { name: 'bond0', type: 'bond', 'link-aggregation': { mode: 'active-backup', port: ['e'] } }] }, [{ code: 'AGENT_PORT_CONFLICT', path: 'desiredState.interfaces[1]' }]],
    ['a port with an IP (I8)', { interfaces: [{ name: 'br0', type: 'linux-bridge', bridge: { port: [{ name: 'e' }] } }, { name: 'e', type: 'ethernet', ipv4: { enabled: true, address: [{ ip: '10.0.0.1', 'prefix-length': 24 }] } }] }, [{ code: 'AGENT_PORT_CONFLICT', path: 'desiredState.interfaces[1]' }]],
    ['a VLAN up on an absent base (V3)', { interfaces: [{ name: 'e', type: 'ethernet', state: 'absent' }, { name: 'e.5', type: 'vlan', vlan: { 'base-iface': 'e', id: 5 } }] }, [{ code: 'AGENT_PARENT_ABSENT', path: 'desiredState.interfaces[1]' }]],
    ['an IPv6 address in ipv4 (I3)', { interfaces: [{ name: 'e', type: 'ethernet', ipv4: { address: [{ ip: 'fd00::1', 'prefix-length': 64 }] } }] }, [{ code: 'AGENT_INVALID_VALUE', path: 'desiredState.interfaces[0].ipv4.address[0].ip' }]],
    ['a route without next-hop-interface (R3)', { routes: { config: [{ destination: '10.0.0.0/8', 'next-hop-address': '10.0.0.1' }] } }, [{ code: 'AGENT_ROUTE', path: 'desiredState.routes.config[0].next-hop-interface' }]],
    ['an unknown bond option', { interfaces: [{ name: 'bond0', type: 'bond', 'link-aggregation': { mode: 'active-backup', options: { arp_ip_target: '1.2.3.4' } } }] }, [{ code: 'AGENT_UNSUPPORTED', path: 'desiredState.interfaces[0].link-aggregation.options.arp_ip_target' }]],
    ['dns-resolver', { 'dns-resolver': { config: { server: ['8.8.8.8'] } } }, [{ code: 'AGENT_UNSUPPORTED', path: 'desiredState.dns-resolver' }]],
  ])('rejects %s with its code and field path', (_what, ds, expected) => {
    expect(problemsOf(ds)).toEqual(expected);
  });

  test('accepts what multihome renders for seeds 002 and 004', () => {
    expect(problemsOf(TRUNK_BR0)).toEqual([]);
    expect(problemsOf(BOND)).toEqual([]);
  });
});

describe('dynamic addressing: refused to apply, not compared when observing', () => {
  const dhcpBridge = { interfaces: [{ name: 'br1', type: 'linux-bridge', state: 'up', ipv4: { enabled: true, dhcp: true }, ipv6: { enabled: true, autoconf: true }, bridge: { port: [{ name: 'ens4' }] } }] };

  test('GIVEN not-compared THEN no problem, the families are left out of the intent and listed', () => {
    const sink = new ProblemSink({ kind: 'AgentConfig', name: 'test' }, AGENT_CODES as CodeTable);
    const intent = normalizeDesiredState(dhcpBridge as DesiredState, sink, 'desiredState', { dynamicAddressing: 'not-compared' });
    expect(sink.problems).toEqual([]);
    expect(intent.links[0]).toMatchObject({ name: 'br1', kind: 'bridge' });
    expect(intent.links[0].ipv4).toBeUndefined();
    expect(intent.links[0].ipv6).toBeUndefined();
    expect(intent.notCompared).toEqual([{ name: 'br1', family: 4, reason: 'dhcp' }, { name: 'br1', family: 6, reason: 'autoconf' }]);
  });

  test('GIVEN the default THEN both are refused at their field', () => {
    expect(problemsOf(dhcpBridge)).toEqual([
      { code: 'AGENT_UNSUPPORTED', path: 'desiredState.interfaces[0].ipv4.dhcp' },
      { code: 'AGENT_UNSUPPORTED', path: 'desiredState.interfaces[0].ipv6.autoconf' },
    ]);
  });

  test.each(prod.nodeGroups.map((g) => g.name))("GIVEN prod's %s ConfigMap THEN the observing agent loads it (with lib/core's nmstate rules) and lists its DHCP interfaces", (group) => {
    const cm = renderTopology(prod).find((m) => m.kind === 'ConfigMap' && m.metadata.labels?.['multihome.io/node-group'] === group)!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-prod-'));
    const file = path.join(dir, 'agent.yaml');
    fs.writeFileSync(file, (cm.data as Record<string, string>)['agent.yaml']);
    try {
      const loaded = loadConfig(file, DEFAULT_VALIDATORS, { dynamicAddressing: 'not-compared' });
      const want = group === 'workers' ? ['br1/4', 'eth1.102/4'] : ['eth1.102/4'];
      expect((loaded.intent.notCompared ?? []).map((n) => `${n.name}/${n.family}`)).toEqual(want);
      expect(() => loadConfig(file, DEFAULT_VALIDATORS)).toThrow(/AGENT_UNSUPPORTED/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('config files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-config-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('GIVEN a ConfigMap-style directory (..data symlinks) with an AgentConfig and an NNCP THEN both are merged in file order with probes', () => {
    const data = path.join(dir, 'cm', '..2024_data');
    fs.mkdirSync(data, { recursive: true });
    fs.writeFileSync(path.join(data, 'a-agent.yaml'), 'apiVersion: multihome.io/v1alpha1\nkind: AgentConfig\ndesiredState:\n  interfaces:\n    - {name: eth1, type: ethernet, state: up}\nprobes:\n  - {target: 10.0.0.1, interface: eth1, timeoutSeconds: 3}\n');
    fs.writeFileSync(path.join(data, 'b-nncp.yaml'), 'apiVersion: nmstate.io/v1\nkind: NodeNetworkConfigurationPolicy\nmetadata: {name: br0-eth1}\nspec:\n  desiredState:\n    interfaces:\n      - {name: br0, type: linux-bridge, state: up, bridge: {port: [{name: eth1}]}}\n');
    fs.symlinkSync('..2024_data', path.join(dir, 'cm', '..data'));
    for (const f of ['a-agent.yaml', 'b-nncp.yaml']) fs.symlinkSync(path.join('..data', f), path.join(dir, 'cm', f));
    const c = loadConfig(path.join(dir, 'cm'));
    expect(c.intent.links.map((l) => l.name)).toEqual(['eth1', 'br0']);
    expect(c.probes).toEqual([{ name: 'ping-10.0.0.1', type: 'ping', target: '10.0.0.1', interface: 'eth1', timeoutSeconds: 3 }]);
  });

  test('GIVEN the same interface in two documents THEN AGENT_DUPLICATE_INTERFACE', () => {
    const f = path.join(dir, 'dup.yaml');
    fs.writeFileSync(f, 'interfaces: [{name: br0, type: linux-bridge}]\n---\ninterfaces: [{name: br0, type: linux-bridge}]\n');
    expect(() => loadConfig(f)).toThrow(AgentConfigError);
    try {
      loadConfig(f);
    } catch (e) {
      expect((e as AgentConfigError).problems.map((p) => [p.code, p.path])).toEqual([['AGENT_DUPLICATE_INTERFACE', 'desiredState.interfaces[1].name']]);
    }
  });

  test('GIVEN unparsable YAML THEN AGENT_CONFIG_UNREADABLE', () => {
    const f = path.join(dir, 'bad.yaml');
    fs.writeFileSync(f, 'interfaces: [\n');
    expect(() => loadConfig(f)).toThrow(/AGENT_CONFIG_UNREADABLE/);
  });
});

describe('batch rendering', () => {
  test('refuses a name that could change the meaning of a batch line even if it reached the renderer', () => {
    expect(() => renderOp({ op: 'link-del', dev: 'br0\nlink del eth0' })).toThrow(UnsafeBatchValueError);
    expect(() => renderOp({ op: 'set-master', dev: 'e#x', master: 'br0', downFirst: false })).toThrow(UnsafeBatchValueError);
    expect(() => renderOp({ op: 'link-set', dev: 'bond0', kind: 'bond', attrs: { primary: 'x y' } })).toThrow(UnsafeBatchValueError);
  });
});

describe('core validation hook', () => {
  test('GIVEN a validator that reports an error THEN the config is rejected with its problem first', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-hook-'));
    const f = path.join(dir, 'c.yaml');
    fs.writeFileSync(f, 'interfaces: [{name: eth1, type: ethernet}]\n');
    const validator = () => [{ code: 'NMSTATE_X', severity: 'error' as const, resource: { kind: 'AgentConfig' }, path: 'desiredState.interfaces[0]', message: 'core says no', fix: 'fix it' }];
    expect(() => loadConfig(f, [validator])).toThrow(/NMSTATE_X/);
    expect(loadConfig(f, [() => []]).intent.links.map((l) => l.name)).toEqual(['eth1']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
