/**
 * The core nmstate validator wired into the agent (lib/agent/core-validator.ts): an intent
 * nmstate would reject is refused before the host is even read — every problem listed with its
 * code and field path, nothing applied.
 */
import * as YAML from 'yaml';
import { createAgent } from '../../lib/agent/agent';
import { loadConfig } from '../../lib/agent/config';
import { coreNmstateValidator } from '../../lib/agent/core-validator';
import { runAgentCli } from '../../lib/agent/main';
import { silentLogger } from '../../lib/agent/types';
import { renderAgentDeployment } from '../../lib/core/topology/agent-deployment';
import { lab } from '../../apps/environments/lab';
import { prod } from '../../apps/environments/prod';
import { configWriter, rawFixture, scriptedExec } from './helpers';

const write = configWriter('agent-validation-');
const codeAndPath = (p: string) => p.split(':')[0];

/** A bond with a fixed MAC and fail_over_mac=active: nmstate refuses it (bond.rs), the agent's own checks do not. */
const MAC_WITH_FAIL_OVER_MAC = {
  name: 'bond0', type: 'bond', state: 'up', 'mac-address': '02:00:00:00:00:01',
  'link-aggregation': { mode: 'active-backup', port: ['eth1'], options: { fail_over_mac: 'active' } },
};
/** A route through eth1 while eth1's IPv4 is disabled: nmstate refuses it (route.rs). */
const ROUTE_VIA_DISABLED = {
  interfaces: [{ name: 'eth1', type: 'ethernet', state: 'up', ipv4: { enabled: false } }],
  routes: { config: [{ destination: '10.9.0.0/16', 'next-hop-interface': 'eth1', 'next-hop-address': '10.0.0.1' }] },
};

describe('agent with the core nmstate validator', () => {
  test('GIVEN an intent nmstate rejects WHEN applied THEN it is invalid, no program runs and every problem is listed with code and path', async () => {
    const exec = scriptedExec([rawFixture('node01-empty')]);
    const f = write('bad.json', { desiredState: { interfaces: [MAC_WITH_FAIL_OVER_MAC, ...ROUTE_VIA_DISABLED.interfaces], routes: ROUTE_VIA_DISABLED.routes } });
    const r = await createAgent({ configPath: f, mode: 'apply' }, { exec, logger: silentLogger }).apply();
    expect(r.result).toBe('invalid');
    expect(r.error).toBe('config rejected; nothing applied');
    expect(exec.calls).toEqual([]);
    expect(r.problems?.map(codeAndPath)).toEqual([
      '[NMSTATE_BOND_MAC_WITH_FAIL_OVER_MAC] desiredState.interfaces[0].mac-address',
      '[NMSTATE_ROUTE_NEXT_HOP_FAMILY_DISABLED] desiredState.routes.config[0].next-hop-interface',
    ]);
  });

  test('GIVEN the same intent and validators: [] WHEN planned THEN the agent alone accepts it and reads the host (the hook is what rejects it)', async () => {
    const exec = scriptedExec([rawFixture('node01-empty')]);
    const r = await createAgent({ configPath: write('route.json', { desiredState: ROUTE_VIA_DISABLED }) }, { exec, logger: silentLogger, validators: [] }).plan();
    expect(r.result).toBe('drift');
    expect(r.commands).toEqual(['ip route add 10.9.0.0/16 via 10.0.0.1 dev eth1 table 254']);
  });

  test('GIVEN a problem both the agent and nmstate find at one field WHEN loaded THEN it is listed once, with the agent code', () => {
    const f = write('absent-next-hop.json', {
      desiredState: {
        interfaces: [{ name: 'eth1', type: 'ethernet', state: 'absent' }],
        routes: { config: [{ destination: '10.9.0.0/16', 'next-hop-interface': 'eth1', 'next-hop-address': '10.0.0.1' }] },
      },
    });
    expect(() => loadConfig(f, [coreNmstateValidator])).toThrow(expect.objectContaining({
      problems: [expect.objectContaining({ code: 'AGENT_ROUTE', path: 'desiredState.routes.config[0].next-hop-interface' })],
    }));
  });

  test('GIVEN a validator that throws WHEN loaded THEN AGENT_CORE_VALIDATION rejects the config (fail closed)', () => {
    const f = write('ok.json', { desiredState: { interfaces: [{ name: 'eth1', type: 'ethernet', state: 'up' }] } });
    const broken = () => {
      throw new Error('boom');
    };
    expect(() => loadConfig(f, [broken])).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ code: 'AGENT_CORE_VALIDATION', path: 'desiredState' })] }));
  });

  test('GIVEN the bundled CLI WHEN `agent plan` gets an intent nmstate rejects THEN it prints the problem and exits 2', async () => {
    let out = '';
    const code = await runAgentCli(['agent', 'plan', '--config', write('cli.json', { desiredState: { interfaces: [MAC_WITH_FAIL_OVER_MAC] } })], {
      stdout: (s) => void (out += s),
      stderr: () => undefined,
    });
    expect(code).toBe(2);
    expect(out).toContain('[NMSTATE_BOND_MAC_WITH_FAIL_OVER_MAC] desiredState.interfaces[0].mac-address');
  });

  test.each([
    ['lab', lab, {}],
    ['prod (agent-applicable policies)', prod, { policies: ['vlan-1085-policy-c7000', 'bond-vlan30', 'static-ip'] }],
  ])('GIVEN the ConfigMaps multihome renders for %s THEN both validators accept every one', (_n, environment, options) => {
    const cms = renderAgentDeployment(environment, options).filter((m) => m.kind === 'ConfigMap');
    expect(cms.length).toBe(environment.nodeGroups.length);
    for (const cm of cms) {
      const f = write(`${cm.metadata.name}.yaml`, YAML.parse((cm.data as Record<string, string>)['agent.yaml']));
      expect(() => loadConfig(f, [coreNmstateValidator])).not.toThrow();
    }
  });
});
