/**
 * S11, S12, S15 of the security review (shared/reference/security-2026-12.md): the text report
 * prints commands a shell runs exactly as `ip -batch` would and echoes nothing raw; a valid config
 * the host cannot take is `unsatisfiable`, visible in the metrics, not `invalid`.
 */
import { AgentReport, createAgent } from '../../lib/agent/agent';
import { exitCodeOf, formatReport } from '../../lib/agent/cli';
import { shellCommand, shellQuote } from '../../lib/agent/shell-quote';
import { silentLogger } from '../../lib/agent/types';
import { configWriter, rawFixture, scriptedExec } from './helpers';

const write = configWriter('agent-report-');

const report = (over: Partial<AgentReport>): AgentReport => ({
  action: 'plan', result: 'drift', config: '/etc/multihome-agent', startedAt: '1970-01-01T00:00:00.000Z', durationMs: 1, commands: [], processes: 1, timingsMs: {}, ...over,
});

describe('S11: plan commands are printed shell-quoted', () => {
  test.each([
    ['br0', 'br0'],
    ['$(reboot)', "'$(reboot)'"],
    ['`id`', "'`id`'"],
    ['br0;reboot', "'br0;reboot'"],
    ["it's", "'it'\\''s'"],
    ['10.0.0.0/24', '10.0.0.0/24'],
    ['fd00::1/64', 'fd00::1/64'],
    ['', "''"],
  ])('shellQuote(%j) is %s', (token, quoted) => {
    expect(shellQuote(token)).toBe(quoted);
  });

  test('GIVEN a bridge named $(reboot) WHEN planned THEN the text shows it quoted and --json keeps the raw command', async () => {
    const exec = scriptedExec([rawFixture('node01-empty')]);
    const f = write('dollar.json', { desiredState: { interfaces: [{ name: '$(reboot)', type: 'linux-bridge', state: 'up' }] } });
    const r = await createAgent({ configPath: f, netns: 'node01' }, { exec, logger: silentLogger }).plan();
    expect(r.commands).toEqual(['ip link add name $(reboot) up type bridge']);
    expect(formatReport(r)).toContain("\n  ip link add name '$(reboot)' up type bridge\n");
    expect(JSON.parse(JSON.stringify(r)).commands[0]).toBe('ip link add name $(reboot) up type bridge');
  });

  test('rollback commands are quoted too; sentences are not', () => {
    const text = formatReport(report({
      action: 'apply', result: 'failed', commands: ['ip link add name a;b up type bridge'],
      rollback: { reason: 'probe', commands: ['ip link del dev a;b'], ok: false, durationMs: 1, remaining: ['ip link del dev a;b', 'route 10.0.0.0/8 dev lo is on the host and was not in the snapshot'] },
    }));
    expect(text).toContain("  ip link del dev 'a;b'\n");
    expect(text).toContain("  still differs: ip link del dev 'a;b'\n");
    expect(text).toContain('  still differs: route 10.0.0.0/8 dev lo is on the host and was not in the snapshot\n');
    expect(text).toContain('rollback (INCOMPLETE)');
  });

  test('a control character in a command is escaped (defence in depth: names refuse them)', () => {
    expect(shellCommand('ip link del dev b\u001b[2J')).toBe("ip link del dev 'b\\x1b[2J'");
  });
});

describe('S15: the text report escapes control characters in everything it echoes', () => {
  test('errors, problems, node, probe texts', () => {
    const text = formatReport(report({
      action: 'apply', result: 'failed', node: 'n\u0007', error: 'boom \u001b]0;pwned\u0007', problems: ['[AGENT_X] a: b\u001b[8m'],
      probes: [{ name: 'p', target: '10.0.0.1', ok: false, attempts: 1, durationMs: 1, error: '\u001b[2J' }],
    }));
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(text).toContain('error: boom \\x1b]0;pwned\\x07');
    expect(text).toContain('(node n\\x07)');
    expect(text).toContain('  [AGENT_X] a: b\\x1b[8m');
  });
});

describe('S12: a valid config this host cannot take is unsatisfiable', () => {
  const missingNic = { desiredState: { interfaces: [{ name: 'ens9', type: 'ethernet', state: 'up' }] } };

  test('GIVEN a NIC the node lacks WHEN observed THEN unsatisfiable: config_valid 1, drift 1, host_mismatch 1, exit 4', async () => {
    const exec = scriptedExec([rawFixture('node01-empty')]);
    const agent = createAgent({ configPath: write('nic.json', missingNic), netns: 'node01' }, { exec, logger: silentLogger });
    const r = await agent.observe();
    expect(r.result).toBe('unsatisfiable');
    expect(r.problems).toEqual([expect.stringMatching(/^\[AGENT_HOST_MISSING\] interfaces\[0\]: Ethernet interface ens9 does not exists/)]);
    expect(agent.metrics.get('multihome_agent_config_valid')).toBe(1);
    expect(agent.metrics.get('multihome_agent_drift')).toBe(1);
    expect(agent.metrics.get('multihome_agent_host_mismatch')).toBe(1);
    expect(agent.metrics.render()).toContain('# TYPE multihome_agent_host_mismatch gauge\nmultihome_agent_host_mismatch 1\n');
    expect(exitCodeOf(r)).toBe(4);
    expect(formatReport(r)).not.toContain('nothing to do');
  });

  test('GIVEN the same in apply mode THEN nothing runs but the read, last_apply_success 0, drift 1', async () => {
    const exec = scriptedExec([rawFixture('node01-empty')]);
    const agent = createAgent({ configPath: write('nic.json', missingNic), netns: 'node01', mode: 'apply' }, { exec, logger: silentLogger });
    const r = await agent.reconcile();
    expect(r.result).toBe('unsatisfiable');
    expect(exec.calls.every((c) => c.args.includes('-j'))).toBe(true);
    expect(agent.metrics.get('multihome_agent_last_apply_success')).toBe(0);
    expect(agent.metrics.get('multihome_agent_drift')).toBe(1);
    expect(agent.metrics.get('multihome_agent_applies_total', { result: 'unsatisfiable' })).toBe(1);
  });

  test('GIVEN a rejected config THEN still invalid: config_valid 0, host_mismatch 0, exit 2', async () => {
    const exec = scriptedExec([rawFixture('node01-empty')]);
    const agent = createAgent({ configPath: write('bad.json', { desiredState: { interfaces: [{ name: 'br 0', type: 'linux-bridge' }] } }), netns: 'node01' }, { exec, logger: silentLogger });
    const r = await agent.observe();
    expect(r.result).toBe('invalid');
    expect(agent.metrics.get('multihome_agent_config_valid')).toBe(0);
    expect(agent.metrics.get('multihome_agent_host_mismatch')).toBe(0);
    expect(exitCodeOf(r)).toBe(2);
  });
});
