/**
 * Entry point of the bundled agent (`dist-agent/multihome-agent.js`, built by
 * scripts/build-agent.js): `node multihome-agent.js agent run|apply|plan ...`. Required as a
 * module it exports the agent API instead (the lab drives it in-process to save node start-ups).
 */
import { Command, CommanderError } from 'commander';
import { registerAgentCommands, AgentCliIo } from './cli';
import { exitWhenFlushed } from '../cli/exit';

export { createAgent, AGENT_DEFAULTS, readOptionsFor, endedInOf, healthOf } from './agent';
export type { Agent, AgentOptions, AgentDeps, AgentReport, EndedIn, RecoveryReport } from './agent';
export { journalPath, readJournal, DEFAULT_STATE_DIR } from './journal';
export { loadConfig, AgentConfigError } from './config';
export { coreNmstateValidator, DEFAULT_VALIDATORS } from './core-validator';
export { planChanges } from './plan';
export { renderBatches, formatBatches } from './iproute/render';
export { createIprouteBackend } from './iproute/backend';
export { MAIN_READ_LINES, splitJsonValues } from './iproute/read';
export { execFileExec, countingExec } from './exec';
export { startSpawnHelper, spawnHelperDeps } from './spawn-helper';
export type { SpawnHelper } from './spawn-helper';
export { silentLogger, jsonLogger, systemClock } from './types';
export { markBridges, kubeNodeStatusApi, bridgeCapacityPatch } from './node-marker';
export { formatReport, exitCodeOf } from './cli';

/** Runs the agent CLI with `argv` (without node and script); resolves to the exit code. */
export async function runAgentCli(argv: readonly string[], io?: Partial<AgentCliIo>): Promise<number> {
  let code = 0;
  const out: AgentCliIo = {
    stdout: io?.stdout ?? ((s) => process.stdout.write(s)),
    stderr: io?.stderr ?? ((s) => process.stderr.write(s)),
    setExit: (c) => {
      code = c;
      io?.setExit?.(c);
    },
  };
  const program = new Command('multihome').exitOverride().configureOutput({ writeOut: out.stdout, writeErr: out.stderr });
  registerAgentCommands(program, out);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    out.stderr(`multihome agent: ${(e as Error).message}\n`);
    return 3;
  }
}

if (require.main === module) {
  void runAgentCli(process.argv.slice(2)).then((c) => exitWhenFlushed(c));
}
