/**
 * `multihome agent plan|apply|run`. {@link registerAgentCommands} adds the commands to the agent's
 * commander program (main.ts, bundled into dist-agent/multihome-agent.js). The `multihome` CLI
 * does not import them: its `agent` command forwards to that bundle, or to main.ts in a source
 * checkout (lib/cli/agent.ts).
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import * as ipaddr from 'ipaddr.js';
import { AGENT_DEFAULTS, AgentMode, AgentReport, createAgent, AgentDeps } from './agent';
import { spawnHelperDeps, startSpawnHelper } from './spawn-helper';
import { DEFAULT_STATE_DIR } from './journal';
import { AGENT_MODES } from '../core/agent-defaults';
import { jsonLogger, silentLogger } from './types';
import { escapeControl } from '../core/names';
import { isPlanCommand, shellCommand } from './shell-quote';

/** Where the commands write and how they set the exit code. */
export interface AgentCliIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly setExit: (code: number) => void;
}

const processIo: AgentCliIo = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  setExit: (c) => {
    process.exitCode = c;
  },
};

/**
 * Exit code of a report: 0 converged/applied, 1 rolled back or failed, 2 config rejected, 3 drift
 * (observe), 4 the config is valid but this host lacks what it needs (unsatisfiable).
 */
export function exitCodeOf(r: AgentReport): number {
  switch (r.result) {
    case 'converged':
    case 'applied':
      return 0;
    case 'invalid':
      return 2;
    case 'drift':
      return 3;
    case 'unsatisfiable':
      return 4;
    default:
      return 1;
  }
}

/** A command for the terminal: shell-quoted (S11) and free of control characters (S15). */
const cmd = (c: string) => shellCommand(c);
/** Any other echoed text: control characters escaped. */
const txt = (s: string) => escapeControl(s);

/**
 * Human-readable report. Commands are printed as `ip <args>` lines whose tokens are shell-quoted,
 * so a pasted plan runs exactly what `ip -batch` runs; every other text the report echoes (errors,
 * problems, names) has its control characters escaped. `--json` keeps the raw strings.
 */
export function formatReport(r: AgentReport): string {
  const lines = [`${r.action}: ${r.result}${r.node ? ` (node ${txt(r.node)})` : ''}${r.netns ? ` (netns ${txt(r.netns)})` : ''} in ${Math.round(r.durationMs)} ms, ${r.processes} process(es)`];
  if (r.error) lines.push(`error: ${txt(r.error)}`);
  for (const p of r.problems ?? []) lines.push(`  ${txt(p)}`);
  for (const w of r.warnings ?? []) lines.push(`warning: ${txt(w)}`);
  if (r.commands.length) {
    lines.push(r.action === 'apply' ? `commands (${r.commands.length}):` : `plan (${r.commands.length} command(s)):`);
    for (const c of r.commands) lines.push(`  ${cmd(c)}`);
  } else if (r.result !== 'invalid' && r.result !== 'failed' && r.result !== 'unsatisfiable') lines.push('nothing to do: the host matches the intent');
  for (const n of r.notCompared ?? [])
    lines.push(`note: IPv${n.family} addresses of ${txt(n.name)} not compared (the intent asks for ${n.reason === 'dhcp' ? 'DHCP' : 'autoconf'}; NetworkManager's client owns them)`);
  for (const p of r.probes ?? []) lines.push(`probe ${txt(p.name)}: ${p.ok ? 'ok' : 'FAILED'} after ${p.attempts} attempt(s), ${Math.round(p.durationMs)} ms${p.error ? ` (${txt(p.error)})` : ''}`);
  if (r.rollback) {
    lines.push(`rollback (${r.rollback.ok ? 'restored the snapshot' : 'INCOMPLETE'}) because ${txt(r.rollback.reason)}:`);
    for (const c of r.rollback.commands) lines.push(`  ${cmd(c)}`);
    for (const c of r.rollback.remaining) lines.push(`  still differs: ${isPlanCommand(c) ? cmd(c) : txt(c)}`);
  }
  return lines.join('\n') + '\n';
}

/** Parses `--listen-address`: an IPv4 or IPv6 address (`0.0.0.0`, `::`, `127.0.0.1`, the node's IP). */
export function parseListenAddress(value: string): string {
  if (!ipaddr.isValid(value)) throw new InvalidArgumentError(`${JSON.stringify(value)} is not an IP address (give 0.0.0.0, ::, 127.0.0.1 or one of the node's addresses)`);
  return value;
}

/** `--listen-address`: what the HTTP server binds; on a host network 0.0.0.0 includes VM-facing addresses, so the DaemonSet passes the node IP. */
const listenAddressOption = () =>
  new Option('--listen-address <ip>', 'address the HTTP server binds (the DaemonSet passes the node IP; 0.0.0.0 would include VM-facing host addresses)')
    .argParser(parseListenAddress)
    .default(AGENT_DEFAULTS.host);

/** `--serve-state` and `--state-token-file`: /state is off unless asked for, optionally behind a bearer token. */
const stateOptions = (c: Command) =>
  c
    .option('--serve-state', 'serve /state (a NodeNetworkState of the host, with the node intent, the last plan and errors); off by default')
    .option('--state-token-file <path>', 'with --serve-state: /state requires "Authorization: Bearer <token>", the token being this file\'s content (re-read on every request)');

/** The /state options of a parsed command line, or a usage error. */
function stateSettings(o: { serveState?: boolean; stateTokenFile?: string }, io: AgentCliIo): { serveState: boolean; stateTokenFile?: string } | undefined {
  if (o.stateTokenFile !== undefined && !o.serveState) {
    io.stderr('multihome agent: --state-token-file protects /state, which is off: add --serve-state\n');
    io.setExit(2);
    return undefined;
  }
  return { serveState: o.serveState === true, ...(o.stateTokenFile !== undefined ? { stateTokenFile: o.stateTokenFile } : {}) };
}

/** Options of the serving commands (`run`, `apply` without --once). */
interface ServeOpts {
  intervalSeconds: number;
  port: number;
  listenAddress: string;
  serveState?: boolean;
  stateTokenFile?: string;
}

interface CommonOpts {
  config: string;
  netns?: string;
  json?: boolean;
  nodeName?: string;
  stateDir?: string;
}

/** `--state-dir`: where an apply keeps its journal (an apply killed half-way is restored by the next one). */
const stateDirOption = () =>
  new Option('--state-dir <dir>', 'directory of the apply journal: an apply killed half-way is rolled back by the next apply (keep it on /run: a reboot empties it)').default(DEFAULT_STATE_DIR);

/**
 * Runs `work` with SIGTERM/SIGINT deferred: a signal during an apply lets it finish (or roll back)
 * first — the process never exits between the batch and its verify or rollback.
 */
async function deferringSignals<T>(work: () => Promise<T>): Promise<T> {
  const ignore = () => undefined;
  process.on('SIGTERM', ignore);
  process.on('SIGINT', ignore);
  try {
    return await work();
  } finally {
    process.off('SIGTERM', ignore);
    process.off('SIGINT', ignore);
  }
}

/** Adds `agent plan`, `agent apply` and `agent run` to `program`. */
export function registerAgentCommands(program: Command, io: AgentCliIo = processIo, deps: AgentDeps = {}): Command {
  const agent = program.command('agent').description('Node agent: converge or observe the host network against its intent (nmstate desiredState subset).');
  const common = (c: Command, configRequired = true) =>
    c
      .addOption(new Option('--config <path>', 'config file or directory (mounted ConfigMap)').makeOptionMandatory(configRequired).default(configRequired ? undefined : '/etc/multihome-agent'))
      .option('--netns <name>', 'operate on a named network namespace instead of the current one')
      .option('--node-name <name>', 'node name (default: $NODE_NAME)')
      .option('--json', 'print the report as JSON');
  const print = (r: AgentReport, json?: boolean) => io.stdout(json ? JSON.stringify(r, null, 2) + '\n' : formatReport(r));

  common(agent.command('plan').description('Print the commands that would converge the host; change nothing.')).action(async (o: CommonOpts) => {
    const a = createAgent({ configPath: o.config, netns: o.netns, nodeName: o.nodeName, markBridges: false }, { logger: silentLogger, ...deps });
    const r = await a.plan();
    print(r, o.json);
    io.setExit(r.result === 'invalid' || r.result === 'failed' || r.result === 'unsatisfiable' ? exitCodeOf(r) : 0);
  });

  stateOptions(
    common(agent.command('apply').description('Snapshot, apply with one ip -batch, verify, probe, roll back on failure.'))
      .option('--once', 'apply once and exit (otherwise keep reconciling like `agent run --mode apply`)')
      .addOption(stateDirOption())
      .addOption(new Option('--interval-seconds <n>', 'reconcile period without --once').argParser(Number).default(AGENT_DEFAULTS.intervalSeconds))
      .addOption(new Option('--port <n>', 'HTTP port without --once').argParser(Number).default(AGENT_DEFAULTS.port))
      .addOption(listenAddressOption()),
  )
    .action(async (o: CommonOpts & ServeOpts & { once?: boolean }) => {
      if (o.once) {
        const a = createAgent({ configPath: o.config, netns: o.netns, nodeName: o.nodeName, mode: 'apply', markBridges: false, stateDir: o.stateDir }, { logger: silentLogger, ...deps });
        const r = await deferringSignals(() => a.apply());
        print(r, o.json);
        io.setExit(exitCodeOf(r));
        return;
      }
      const state = stateSettings(o, io);
      if (!state) return;
      await runForever({ configPath: o.config, netns: o.netns, nodeName: o.nodeName, mode: 'apply', intervalSeconds: o.intervalSeconds, port: o.port, host: o.listenAddress, stateDir: o.stateDir, ...state }, io, deps);
    });

  stateOptions(
    common(agent.command('run').description('DaemonSet mode: reconcile on config changes and every interval; serve /healthz, /metrics (and /state with --serve-state); mark bridges.'), false)
      .addOption(new Option('--mode <mode>', 'observe never changes the host').choices([...AGENT_MODES]).default(AGENT_DEFAULTS.mode))
      .addOption(new Option('--interval-seconds <n>', 'reconcile period').argParser(Number).default(AGENT_DEFAULTS.intervalSeconds))
      .addOption(new Option('--port <n>', 'HTTP port').argParser(Number).default(AGENT_DEFAULTS.port))
      .addOption(listenAddressOption())
      .addOption(stateDirOption())
      .option('--no-mark-bridges', 'do not mark bridges as node capacity'),
  )
    .action(async (o: CommonOpts & ServeOpts & { mode: AgentMode; markBridges: boolean }) => {
      const state = stateSettings(o, io);
      if (!state) return;
      await runForever(
        { configPath: o.config, netns: o.netns, nodeName: o.nodeName, mode: o.mode, intervalSeconds: o.intervalSeconds, port: o.port, host: o.listenAddress, markBridges: o.markBridges, stateDir: o.stateDir, ...state },
        io,
        deps,
      );
    });
  return agent;
}

/**
 * `run` (and `apply` without --once) until SIGTERM/SIGINT. The handlers are installed before the
 * first reconcile: a signal during any apply, the first included, lets it finish or roll back
 * (`close` waits for the reconcile in flight), then the process exits 0.
 */
async function runForever(options: Parameters<typeof createAgent>[0], io: AgentCliIo, deps: AgentDeps): Promise<void> {
  const logger = deps.logger ?? jsonLogger(io.stderr);
  // every program of every reconcile starts in the spawn helper: the agent's own heap is never forked again
  const helper = deps.exec || deps.converse ? undefined : startSpawnHelper({ onExit: (why) => logger.warn('spawn helper exited; the next program starts a new one', { why }) });
  const a = createAgent(options, { logger, ...(helper ? spawnHelperDeps(helper) : {}), ...deps });
  let signalled!: () => void;
  const signal = new Promise<void>((resolve) => (signalled = resolve));
  const stop = () => {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
    signalled();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // the server and timers are unref()ed; this keeps the process alive until a signal
  const keep = setInterval(() => undefined, 1 << 30);
  let running: Awaited<ReturnType<typeof a.run>>;
  try {
    running = await a.run();
  } catch (e) {
    stop();
    clearInterval(keep);
    helper?.close();
    throw e;
  }
  const paths = a.options.serveState ? `/healthz /readyz /metrics /state${a.options.stateTokenFile ? ' (bearer token)' : ''}` : '/healthz /readyz /metrics';
  io.stderr(`multihome agent: ${a.options.mode} mode, serving ${paths} on ${running.address.address}:${running.address.port}\n`);
  await signal;
  await running.close();
  helper?.close();
  clearInterval(keep);
  io.stderr('multihome agent: stopped (the reconcile in flight finished)\n');
  io.setExit(0);
}
