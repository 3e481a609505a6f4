/**
 * The agent's defaults are declared once (lib/core/agent-defaults.ts) and the three places that
 * use them agree: the agent itself, its CLI options, and the DaemonSet rendered for it.
 */
import { AGENT_DEFAULTS } from '../../lib/agent/agent';
import { runAgentCli } from '../../lib/agent/main';
import { AGENT_MODES, AGENT_RUNTIME_DEFAULTS } from '../../lib/core/agent-defaults';
import { AGENT_DEPLOYMENT_DEFAULTS, renderAgentDeployment } from '../../lib/core/topology/agent-deployment';
import { lab } from '../../apps/environments/lab';

describe('agent defaults', () => {
  it('are observe mode, every 60 s, port 9680 on 127.0.0.1, /state off', () => {
    expect(AGENT_RUNTIME_DEFAULTS).toEqual({ mode: 'observe', intervalSeconds: 60, port: 9680, listenAddress: '127.0.0.1', serveState: false });
    expect(AGENT_MODES).toEqual(['observe', 'apply']);
  });

  it('the agent and the deployment resolve the same values', () => {
    expect(AGENT_DEFAULTS).toEqual({ mode: 'observe', intervalSeconds: 60, port: 9680, host: '127.0.0.1', serveState: false });
    expect(AGENT_DEPLOYMENT_DEFAULTS).toMatchObject({ mode: 'observe', intervalSeconds: 60, port: 9680 });
    // the DaemonSet binds the node's primary address whatever the runtime's own default (S6)
    expect(AGENT_DEPLOYMENT_DEFAULTS.listenAddress).toBe('node-ip');
  });

  it('`agent run --help` offers the same mode choices and defaults', async () => {
    let out = '';
    const code = await runAgentCli(['agent', 'run', '--help'], { stdout: (s) => (out += s), stderr: (s) => (out += s) });
    expect(code).toBe(0);
    const help = out.replace(/\s+/g, ' '); // commander wraps at 80 columns
    expect(help).toContain('--mode <mode> observe never changes the host (choices: "observe", "apply", default: "observe")');
    expect(help).toContain('--interval-seconds <n> reconcile period (default: 60)');
    expect(help).toContain('--port <n> HTTP port (default: 9680)');
    expect(help).toContain('--listen-address <ip>');
    expect(help).toMatch(/VM-facing host addresses\) \(default: "127\.0\.0\.1"\)/);
    expect(help).toContain('--serve-state');
    expect(help).toContain('--state-token-file <path>');
  });

  it('a DaemonSet rendered without options passes them to the agent', () => {
    const ds = renderAgentDeployment(lab).filter((m) => m.kind === 'DaemonSet');
    expect(ds).toHaveLength(1);
    const args: string[] = (ds[0] as any).spec.template.spec.containers[0].args;
    expect(args).toEqual(expect.arrayContaining(['--mode', 'observe']));
    expect(args.slice(args.indexOf('--interval-seconds'), args.indexOf('--interval-seconds') + 2)).toEqual(['--interval-seconds', '60']);
    expect(args.slice(args.indexOf('--port'), args.indexOf('--port') + 2)).toEqual(['--port', '9680']);
  });
});
