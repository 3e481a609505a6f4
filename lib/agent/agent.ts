/**
 * The node agent: `createAgent(options, deps)` resolves its defaults once and receives every side
 * effect (exec, clock, logger, HTTP server, file watcher, Kubernetes client) — gajus/lightship's
 * shape (STYLE.md #20). The iproute2 backend reads and writes the host; the planner decides.
 *
 * apply = read (the snapshot) → plan → nothing when converged → one `ip -batch` (+ one
 * `bridge -batch`) → re-read (inside that `ip -batch` when there is no bridge batch) and verify
 * the plan is now empty → probes → on any failure, plan the snapshot back and apply that
 * (rollback) → report. observe = read → plan → report the drift.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import type { AddressInfo } from 'net';
import { AgentConfigError, DesiredStateValidator, LoadedConfig, loadConfig, ResolvedProbe } from './config';
import { DEFAULT_VALIDATORS } from './core-validator';
import { configFingerprint } from './config-files';
import { Converse, countingConverse, countingExec, createSpawnConverse, Exec, execFileExec } from './exec';
import { HostReads, recordingBackend, recordRead } from './host-reads';
import { agentHttpHandler } from './http';
import { createIprouteBackend, ReadResult } from './iproute/backend';
import { DadResult, waitForDad } from './dad';
import { currentBootId, journalPath, removeJournal, writeJournal } from './journal';
import { recoverInterruptedApply, RecoveryReport } from './recovery';
import { EndedIn, endedInOf, healthOf } from './outcome';

export { endedInOf, healthOf } from './outcome';
export type { EndedIn } from './outcome';

export type { RecoveryReport } from './recovery';
import { formatBatches, renderBatches } from './iproute/render';
import { readOptionsFor, ReadOptions } from './iproute/read';
import { readForIntent } from './iproute/read-scope';
import { MetricRegistry } from './metrics';
import type { NotCompared } from '../core/host-intent/model';
import { kubeNodeStatusApi, markBridges, NodeStatusApi } from './node-marker';
import { nodeNetworkStateOf } from './node-network-state';
import { Op, planChanges } from './plan';
import { ProbeResult, runProbes } from './probes';
import { rollBack } from './rollback-run';
import { remainingAfterApply } from './verify';
import { Clock, errorMessage as message, jsonLogger, Logger, systemClock } from './types';
import { AGENT_RUNTIME_DEFAULTS, AgentMode } from '../core/agent-defaults';
import type { Problem } from '../core/errors';

export type { AgentMode } from '../core/agent-defaults';
export { readOptionsFor } from './iproute/read';

/** Options of {@link createAgent}. */
export interface AgentOptions {
  /** Config file or directory (the mounted ConfigMap). */
  readonly configPath: string;
  /** @default 'observe' */
  readonly mode?: AgentMode;
  /** Work on this named network namespace instead of the agent's own (the lab models nodes as namespaces). @default - the current namespace */
  readonly netns?: string;
  /** Reconcile period of `run`. @default 60 */
  readonly intervalSeconds?: number;
  /** HTTP port of `run` (/healthz, /metrics, /state); 0 picks a free port. @default 9680 */
  readonly port?: number;
  /**
   * Address the HTTP server of `run` binds (`--listen-address`). On a host network `0.0.0.0` is
   * every address of the node, including addresses on VM-facing bridges and VLANs; the DaemonSet
   * passes the node's own IP.
   * @default '127.0.0.1'
   */
  readonly host?: string;
  /**
   * Serve `/state` (`--serve-state`): a NodeNetworkState of the last host read, with the last
   * report (the node's whole intent, the plan, error texts) under `status.multihome`. Off,
   * `/state` answers 404 with how to turn it on. On, every read includes IPv6 routes and bridge
   * VLANs, whatever the intent needs.
   * @default false
   */
  readonly serveState?: boolean;
  /**
   * `/state` requires `Authorization: Bearer <token>` with the content of this file, re-read on
   * every request (a mounted Secret rotates) (`--state-token-file`).
   * @default - no token required
   */
  readonly stateTokenFile?: string;
  /** Node name for bridge marking and reports. @default - env NODE_NAME */
  readonly nodeName?: string;
  /** Mark bridges as node capacity (bridge-marker) in `run`. @default true when a node name is known */
  readonly markBridges?: boolean;
  /**
   * Directory of the apply journal (journal.ts): written before an apply's first batch command,
   * removed when it ends; one left behind by a killed apply is rolled back before the next apply.
   * The CLI's `--state-dir` defaults to /run/multihome-agent (a hostPath in the DaemonSet).
   * @default - no journal
   */
  readonly stateDir?: string;
}

/** {@link AgentOptions} with every default resolved. */
export interface ResolvedAgentOptions {
  readonly configPath: string;
  readonly mode: AgentMode;
  readonly netns?: string;
  readonly intervalSeconds: number;
  readonly port: number;
  readonly host: string;
  readonly serveState: boolean;
  readonly stateTokenFile?: string;
  readonly nodeName?: string;
  readonly markBridges: boolean;
  readonly stateDir?: string;
}

/** The one defaults object (STYLE.md #20), from the agent defaults shared with the deployment (lib/core/agent-defaults.ts). */
export const AGENT_DEFAULTS = {
  mode: AGENT_RUNTIME_DEFAULTS.mode,
  intervalSeconds: AGENT_RUNTIME_DEFAULTS.intervalSeconds,
  port: AGENT_RUNTIME_DEFAULTS.port,
  host: AGENT_RUNTIME_DEFAULTS.listenAddress,
  serveState: AGENT_RUNTIME_DEFAULTS.serveState,
} as const;

/** Side effects; every one optional with the production default. */
export interface AgentDeps {
  readonly exec?: Exec;
  /**
   * Talks to the apply's `ip -batch` process across the read and the change (backend.ts held
   * read). Default: child_process.spawn when `exec` is not given; none when it is (a scripted
   * exec then sees every run as one call).
   */
  readonly converse?: Converse;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Environment (NODE_NAME). @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The Kubernetes Node API. @default - @kubernetes/client-node with the default kubeconfig chain */
  readonly nodeStatusApi?: () => Promise<NodeStatusApi>;
  /**
   * desiredState validators run with the agent's own checks; any error rejects the config and
   * nothing is applied. `[]` turns them off.
   * @default [coreNmstateValidator] (lib/core's nmstate rules, core-validator.ts)
   */
  readonly validators?: readonly DesiredStateValidator[];
  /** @default http.createServer */
  readonly createServer?: (handler: http.RequestListener) => http.Server;
  /** Calls `onChange` when the config changes. @default - fs.watch on the path */
  readonly watch?: (path: string, onChange: () => void) => { close(): void };
  /** The kernel's boot id, to tell a journal of this boot from a stale one. @default - /proc/sys/kernel/random/boot_id */
  readonly bootId?: () => string | undefined;
}

/**
 * Outcome of one plan/apply/observe. `invalid`: the config is rejected (nothing applied);
 * `unsatisfiable`: the config is valid but this host lacks what it needs (a NIC, a bond port,
 * an interface of another kind; nothing applied); `failed`: a read failed, or an apply failed and
 * its rollback did not restore the snapshot.
 */
export type ReportResult = 'converged' | 'applied' | 'rolled-back' | 'failed' | 'invalid' | 'unsatisfiable' | 'drift';



/** What happened, for the CLI, `/state` and the lab. */
export interface AgentReport {
  readonly action: 'plan' | 'apply' | 'observe';
  readonly result: ReportResult;
  readonly node?: string;
  readonly netns?: string;
  readonly config: string;
  readonly startedAt: string;
  readonly durationMs: number;
  /** The plan, one command per line (`ip link add ...`, `bridge vlan add ...`). */
  readonly commands: readonly string[];
  /** Programs run: reads, batches, probes. */
  readonly processes: number;
  readonly verify?: { readonly ok: boolean; readonly remaining: readonly string[]; readonly dad?: DadResult };
  /** apply: where the host ended (see {@link EndedIn}). */
  readonly endedIn?: EndedIn;
  /** apply: the interrupted apply this one restored first (journal.ts). */
  readonly recovered?: RecoveryReport;
  readonly probes?: readonly ProbeResult[];
  readonly rollback?: {
    readonly reason: string;
    readonly commands: readonly string[];
    readonly ok: boolean;
    readonly durationMs: number;
    readonly remaining: readonly string[];
    /**
     * Links someone else changed during the apply: NICs that disappeared (the agent never deletes a
     * NIC) and links of a kind the agent never creates that appeared under a name the plan wanted.
     * Left alone and not a rollback failure.
     */
    readonly external?: readonly string[];
  };
  readonly error?: string;
  readonly problems?: readonly string[];
  /** Warnings of an accepted config (e.g. AGENT_CONFIG_NODE_UNKNOWN), one line each. */
  readonly warnings?: readonly string[];
  /**
   * observe: interfaces and families whose addresses were not compared because the intent asks
   * for DHCP or autoconf (NetworkManager's client owns them); never counted as drift.
   */
  readonly notCompared?: readonly NotCompared[];
  readonly timingsMs: Readonly<Record<string, number>>;
}

/** A running `agent run`. */
export interface RunningAgent {
  /** Bound HTTP address. */
  readonly address: AddressInfo;
  /** Runs one reconcile now (serialized with the loop). */
  reconcileNow(): Promise<AgentReport>;
  close(): Promise<void>;
}

/** The agent. */
export interface Agent {
  readonly options: ResolvedAgentOptions;
  readonly metrics: MetricRegistry;
  plan(): Promise<AgentReport>;
  apply(): Promise<AgentReport>;
  observe(): Promise<AgentReport>;
  /** observe or apply, by mode; updates metrics and the last report. */
  reconcile(): Promise<AgentReport>;
  lastReport(): AgentReport | undefined;
  run(): Promise<RunningAgent>;
}

/** Creates an agent. Defaults are resolved here, once. */
export function createAgent(options: AgentOptions, deps: AgentDeps = {}): Agent {
  const env = deps.env ?? process.env;
  const nodeName = options.nodeName ?? env.NODE_NAME;
  const resolved: ResolvedAgentOptions = {
    configPath: options.configPath,
    mode: options.mode ?? AGENT_DEFAULTS.mode,
    ...(options.netns ? { netns: options.netns } : {}),
    intervalSeconds: options.intervalSeconds ?? AGENT_DEFAULTS.intervalSeconds,
    port: options.port ?? AGENT_DEFAULTS.port,
    host: options.host ?? AGENT_DEFAULTS.host,
    serveState: options.serveState ?? AGENT_DEFAULTS.serveState,
    ...(options.stateTokenFile !== undefined ? { stateTokenFile: options.stateTokenFile } : {}),
    ...(nodeName ? { nodeName } : {}),
    markBridges: options.markBridges ?? nodeName !== undefined,
    ...(options.stateDir ? { stateDir: options.stateDir } : {}),
  };
  const journal = resolved.stateDir ? journalPath(resolved.stateDir, resolved.netns) : undefined;
  const bootId = deps.bootId ?? currentBootId;
  const baseExec = deps.exec ?? execFileExec;
  const baseConverse = deps.converse ?? (deps.exec ? undefined : createSpawnConverse());
  const clock = deps.clock ?? systemClock;
  const logger = (deps.logger ?? jsonLogger()).child(resolved.nodeName ?? resolved.netns ?? 'host');
  const metrics = new MetricRegistry();
  const nodeApiFactory = deps.nodeStatusApi ?? kubeNodeStatusApi;
  let last: AgentReport | undefined;
  let lastBridges: string[] | undefined;
  let reads: HostReads = {};
  /** The last valid config and the fingerprint of the files it came from: an unchanged config is not parsed and validated again. */
  let loadedConfig: { key: string; loaded: LoadedConfig } | undefined;
  const noteRead = (outcome: Parameters<typeof recordRead>[2]) => void (reads = recordRead(reads, clock.wallTime(), outcome));

  const header = (action: AgentReport['action']) => ({
    action,
    ...(resolved.nodeName ? { node: resolved.nodeName } : {}),
    ...(resolved.netns ? { netns: resolved.netns } : {}),
    config: resolved.configPath,
    startedAt: clock.wallTime().toISOString(),
  });

  /** observe accepts DHCP/autoconf (its addresses are not compared); plan and apply refuse it. */
  function load(action: AgentReport['action']): LoadedConfig {
    const dynamicAddressing = action === 'observe' ? 'not-compared' : 'refuse';
    const fingerprint = configFingerprint(resolved.configPath);
    const key = fingerprint && `${dynamicAddressing} ${fingerprint}`;
    if (key && loadedConfig?.key === key) return loadedConfig.loaded;
    const loaded = loadConfig(resolved.configPath, deps.validators ?? DEFAULT_VALIDATORS, {
      dynamicAddressing,
      ...(resolved.nodeName ? { nodeName: resolved.nodeName } : {}),
    });
    loadedConfig = key ? { key, loaded } : undefined;
    return loaded;
  }

  /** The programs one plan/observe/apply runs: a counting exec and the backend over it. */
  function hostSession() {
    const exec = countingExec(baseExec);
    const converse = baseConverse && countingConverse(baseConverse, exec.calls);
    return { exec, backend: recordingBackend(createIprouteBackend(exec, resolved.netns, converse), noteRead) };
  }

  /**
   * Shared front half of plan/observe/apply: load, read, plan. An apply's read holds its `ip`
   * process for the batch; the caller releases it (`session.backend.release()`) whatever happens.
   */
  async function front(action: AgentReport['action'], session: ReturnType<typeof hostSession>) {
    const t0 = clock.now();
    const { exec, backend } = session;
    const head = header(action);
    let loaded: LoadedConfig;
    try {
      loaded = load(action);
    } catch (e) {
      const problems = e instanceof AgentConfigError ? e.problems.map(line) : [(e as Error).message];
      return { done: { ...head, result: 'invalid' as const, durationMs: clock.now() - t0, commands: [], processes: 0, error: 'config rejected; nothing applied', problems, timingsMs: {} } };
    }
    const h = loaded.warnings.length ? { ...head, warnings: loaded.warnings.map(line) } : head;
    const tRead = clock.now();
    let readOpts: ReadOptions = resolved.serveState ? { ipv6Routes: true, bridgeVlans: true } : readOptionsFor(loaded.intent);
    let snapshot: ReadResult;
    try {
      ({ read: snapshot, options: readOpts } = await readForIntent(backend, loaded.intent, readOpts, { hold: action === 'apply' }));
    } catch (e) {
      return { done: { ...h, result: 'failed' as const, durationMs: clock.now() - t0, commands: [], processes: exec.calls.length, error: (e as Error).message, timingsMs: {} } };
    }
    lastBridges = [...snapshot.state.links.values()].filter((l) => l.kind === 'bridge').map((l) => l.name);
    const tPlan = clock.now();
    const plan = planChanges(loaded.intent, snapshot.state, { resource: { kind: 'Host', name: resolved.nodeName ?? resolved.netns } });
    const planned = clock.now();
    if (plan.problems.some((p) => p.severity === 'error')) {
      return {
        done: {
          ...h, result: 'unsatisfiable' as const, durationMs: clock.now() - t0, commands: [], processes: exec.calls.length,
          error: 'the config is valid but this host lacks what it needs; nothing applied',
          problems: plan.problems.map((p) => `[${p.code}] ${p.path}: ${p.message} (${p.fix})`),
          timingsMs: { readMs: tPlan - tRead, planMs: planned - tPlan },
        },
      };
    }
    let batches;
    try {
      batches = renderBatches(plan.ops);
    } catch (e) {
      return { done: { ...h, result: 'invalid' as const, durationMs: clock.now() - t0, commands: [], processes: exec.calls.length, error: (e as Error).message, timingsMs: {} } };
    }
    return { h, t0, exec, backend, loaded, readOpts, snapshot, plan, batches, commands: formatBatches(batches), timings: { loadMs: tRead - t0, readMs: tPlan - tRead, planMs: planned - tPlan } };
  }

  async function planOnly(action: 'plan' | 'observe'): Promise<AgentReport> {
    const tStart = clock.now();
    let f: Awaited<ReturnType<typeof front>>;
    try {
      f = await front(action, hostSession());
    } catch (e) {
      return failedBeforeChange(action, tStart, e);
    }
    if ('done' in f) return f.done as AgentReport;
    const drift = f.commands.length;
    const notCompared = f.loaded.intent.notCompared ?? [];
    return {
      ...f.h,
      result: drift === 0 ? 'converged' : 'drift',
      durationMs: clock.now() - f.t0,
      commands: f.commands,
      processes: f.exec.calls.length,
      ...(notCompared.length ? { notCompared } : {}),
      timingsMs: f.timings,
    };
  }

  /** A report for a throw before anything was changed (a bug or an unexpected host answer). */
  function failedBeforeChange(action: AgentReport['action'], t0: number, e: unknown): AgentReport {
    return { ...header(action), result: 'failed', durationMs: clock.now() - t0, commands: [], processes: 0, error: `nothing applied: ${message(e)}`, timingsMs: {} };
  }

  /**
   * apply: every path after the first batch command ends in a verified new state or a verified
   * rollback. The batch, the verify read and the probes run in one try: a refused batch, a failed
   * verification or probe, and any throw (an `ip -j` read that fails or overflows, a probe that
   * cannot start) all lead to the rollback. The rollback itself is reported as done only when a
   * read after it matches the snapshot (rollback-check.ts); its own failures are reported.
   */
  async function apply(): Promise<AgentReport> {
    const tStart = clock.now();
    const recovery = await recover();
    const r = await applyOnce(tStart);
    const withRecovery = recovery ? { ...r, recovered: recovery.report, processes: r.processes + recovery.processes } : r;
    return { ...withRecovery, endedIn: endedInOf(withRecovery) };
  }

  /** Restores the snapshot of an interrupted apply (recovery.ts), counted in the metrics. */
  async function recover(): Promise<{ report: RecoveryReport; processes: number } | undefined> {
    if (!journal) return undefined;
    const exec = countingExec(baseExec);
    const report = await recoverInterruptedApply(journal, {
      backend: recordingBackend(createIprouteBackend(exec, resolved.netns), noteRead),
      bootId: bootId(),
      logger,
    });
    if (!report) return undefined;
    metrics.inc('multihome_agent_recoveries_total');
    return { report, processes: exec.calls.length };
  }

  /** Writes the journal of an apply about to change the host; an error means: change nothing. */
  function startJournal(startedAt: string, snapshot: ReadResult, ops: readonly Op[], loaded: LoadedConfig, readOptions: ReadOptions): void {
    if (!journal) return;
    writeJournal(journal, { version: 1, startedAt, bootId: bootId(), ...(resolved.netns ? { netns: resolved.netns } : {}), snapshot: snapshot.raw, ops, intent: loaded.intent, readOptions });
  }

  /** Removes the journal of an apply that ended (applied, rolled back or failed: the report says which). */
  function endJournal(): void {
    if (!journal) return;
    try {
      removeJournal(journal);
    } catch (e) {
      logger.error('cannot remove the apply journal; the next apply will restore its snapshot', { journal, error: message(e) });
    }
  }

  async function applyOnce(tStart: number): Promise<AgentReport> {
    const session = hostSession();
    try {
      let f: Awaited<ReturnType<typeof front>>;
      try {
        f = await front('apply', session);
      } catch (e) {
        return failedBeforeChange('apply', tStart, e);
      }
      if ('done' in f) return f.done as AgentReport;
      return await applyPlanned(f);
    } finally {
      await session.backend.release(); // the held read's ip process, when no batch used it
    }
  }

  /** The apply after the read and the plan: the batch, the verification, the probes, the rollback. */
  async function applyPlanned(f: Exclude<Awaited<ReturnType<typeof front>>, { done: unknown }>): Promise<AgentReport> {
    const { h, t0, exec, backend, loaded, readOpts, snapshot, plan, batches, commands } = f;
    const timings: Record<string, number> = { ...f.timings };
    if (plan.ops.length === 0) {
      return { ...h, result: 'converged', durationMs: clock.now() - t0, commands: [], processes: exec.calls.length, timingsMs: timings };
    }
    let probes: readonly ResolvedProbe[];
    try {
      probes = await chooseProbes(loaded, snapshot, exec);
    } catch (e) {
      return failedBeforeChange('apply', t0, e);
    }
    try {
      startJournal(h.startedAt, snapshot, plan.ops, loaded, readOpts);
    } catch (e) {
      return { ...h, result: 'failed', durationMs: clock.now() - t0, commands: [], processes: exec.calls.length, error: `nothing applied: cannot write the apply journal ${journal}: ${message(e)}`, timingsMs: timings };
    }
    let failure: string | undefined;
    let verify: AgentReport['verify'];
    let probeResults: ProbeResult[] | undefined;
    let after: ReadResult | undefined;
    let stage = 'the batch';
    try {
      const tApply = clock.now();
      // the verifying read rides in the batch's process (backend.ts); applyMs includes it
      const applied = await backend.apply(batches, { readAfter: readOpts });
      timings.applyMs = clock.now() - tApply;
      if (!applied.ok) failure = applied.error ?? 'batch failed';
      else if (!applied.after) failure = `the verifying read failed: ${applied.readError ?? 'no read'}`;
      else {
        const tVerify = clock.now();
        after = applied.after;
        const remaining = remainingAfterApply(loaded.intent, plan.ops, plan.cascade, after.state);
        timings.verifyMs = clock.now() - tVerify;
        verify = { ok: remaining.length === 0, remaining };
        if (!verify.ok) failure = `verification failed: ${remaining.length} change(s) still needed`;
        const dadTargets = plan.ops.flatMap((o) => (o.op === 'addr-add' && o.family === 6 && !o.cidr.toLowerCase().startsWith('fe80:') ? [{ dev: o.dev, cidr: o.cidr }] : []));
        if (!failure && dadTargets.length) {
          stage = 'the duplicate address detection check';
          const tDad = clock.now();
          const dad = await waitForDad(exec, resolved.netns, dadTargets, clock);
          timings.dadMs = clock.now() - tDad;
          verify = { ...verify!, dad };
          if (dad.failed.length) failure = `IPv6 duplicate address detection failed for ${dad.failed.join(', ')}`;
        }
        if (!failure && probes.length) {
          stage = 'the probes';
          const tProbe = clock.now();
          probeResults = await runProbes(probes, exec, clock, resolved.netns);
          timings.probeMs = clock.now() - tProbe;
          const bad = probeResults.find((p) => !p.ok);
          if (bad) failure = `probe ${bad.name} (${bad.target}${bad.interface ? ` via ${bad.interface}` : ''}) failed after ${bad.attempts} attempt(s): ${bad.error ?? ''}`.trim();
        }
      }
    } catch (e) {
      failure = `${stage} failed: ${message(e)}`;
    }
    if (!failure) {
      endJournal();
      return {
        ...h, result: 'applied', durationMs: clock.now() - t0, commands, processes: exec.calls.length,
        ...(verify ? { verify } : {}), ...(probeResults ? { probes: probeResults } : {}), timingsMs: timings,
      };
    }
    logger.warn('rolling back', { reason: failure });
    const tRb = clock.now();
    const rb = await rollBack(backend, plan.ops, snapshot.state, loaded.intent, readOpts, after);
    timings.rollbackMs = clock.now() - tRb;
    endJournal();
    return {
      ...h,
      result: rb.ok ? 'rolled-back' : 'failed',
      durationMs: clock.now() - t0,
      commands,
      processes: exec.calls.length,
      ...(verify ? { verify } : {}),
      ...(probeResults ? { probes: probeResults } : {}),
      rollback: { reason: failure, commands: rb.commands, ok: rb.ok, durationMs: timings.rollbackMs, remaining: rb.remaining, ...(rb.external.length ? { external: rb.external } : {}) },
      error: rb.ok ? failure : `${failure}; the rollback did not restore the snapshot${rb.error ? `: ${rb.error}` : ''}`,
      timingsMs: timings,
    };
  }

  /** The configured probes; else the default gateway when it answers now (kubernetes-nmstate selects its probes so). */
  async function chooseProbes(loaded: LoadedConfig, snapshot: ReadResult, exec: Exec): Promise<readonly ResolvedProbe[]> {
    if (loaded.probes.length || !loaded.defaultGatewayProbe) return loaded.probes;
    const gw = snapshot.state.routes.find((r) => (r.destination === '0.0.0.0/0' || r.destination === '::/0') && r.via);
    if (!gw?.via) return [];
    const candidate: ResolvedProbe = { name: 'default-gateway', type: 'ping', target: gw.via, ...(gw.dev ? { interface: gw.dev } : {}), timeoutSeconds: 10 };
    let pre: ProbeResult[];
    try {
      pre = await runProbes([{ ...candidate, timeoutSeconds: 2 }], exec, clock, resolved.netns);
    } catch (e) {
      // the host's own route names a device ping cannot be given (pingCommand refuses it)
      logger.warn('not selecting the default-gateway probe: it cannot run', { target: gw.via, error: message(e) });
      return [];
    }
    if (pre[0]?.ok) return [candidate];
    logger.warn('not selecting the default-gateway probe: it fails before the change', { target: gw.via });
    return [];
  }

  function record(r: AgentReport): AgentReport {
    last = r;
    metrics.inc('multihome_agent_reconciles_total');
    metrics.set('multihome_agent_config_valid', r.result === 'invalid' ? 0 : 1);
    const mismatch = r.result === 'unsatisfiable';
    metrics.set('multihome_agent_host_mismatch', mismatch ? 1 : 0);
    if (r.action === 'observe') {
      metrics.set('multihome_agent_drift', mismatch ? Math.max(1, r.problems?.length ?? 0) : r.commands.length);
      metrics.set('multihome_agent_addresses_not_compared', r.notCompared?.length ?? 0);
    }
    if (r.action === 'apply') {
      metrics.inc('multihome_agent_applies_total', { result: r.result });
      metrics.set('multihome_agent_last_apply_success', r.result === 'applied' || r.result === 'converged' ? 1 : 0);
      metrics.set('multihome_agent_last_apply_duration_seconds', r.durationMs / 1000);
      metrics.set('multihome_agent_last_apply_timestamp_seconds', Math.floor(clock.wallTime().getTime() / 1000));
      metrics.set('multihome_agent_last_apply_commands', r.commands.length);
      metrics.set(
        'multihome_agent_drift',
        r.result === 'applied' || r.result === 'converged' ? 0 : mismatch ? Math.max(1, r.problems?.length ?? 0) : r.verify?.remaining.length ?? r.commands.length,
      );
      if (r.rollback) metrics.inc('multihome_agent_rollbacks_total');
    }
    return r;
  }

  async function reconcile(): Promise<AgentReport> {
    const r = record(resolved.mode === 'apply' ? await apply() : await planOnly('observe'));
    if (r.result === 'invalid' || r.result === 'failed' || r.result === 'unsatisfiable') logger.error(`${r.action} ${r.result}`, { error: r.error, problems: r.problems });
    else logger.info(`${r.action} ${r.result}`, { changes: r.commands.length, durationMs: Math.round(r.durationMs), ...(r.warnings ? { warnings: r.warnings } : {}) });
    return r;
  }

  async function markNode(): Promise<void> {
    if (!resolved.markBridges || !resolved.nodeName || !lastBridges) return;
    try {
      const api = await nodeApiFactory();
      const ops = await markBridges(api, resolved.nodeName, lastBridges);
      if (ops.length) logger.info('bridge capacity updated', { patch: ops });
    } catch (e) {
      logger.warn('bridge marking failed', { error: (e as Error).message });
    }
  }

  async function run(): Promise<RunningAgent> {
    let chain: Promise<AgentReport | undefined> = Promise.resolve(undefined);
    let closed = false;
    const once = () => {
      const next = chain.then(async () => {
        const r = await reconcile();
        await markNode();
        return r;
      });
      chain = next.catch(() => undefined);
      return next;
    };
    const handler = agentHttpHandler({
      serveState: resolved.serveState,
      ...(resolved.stateTokenFile !== undefined ? { stateTokenFile: resolved.stateTokenFile } : {}),
      metrics: () => metrics.render(),
      health: () => healthOf(last),
      state: () => nodeNetworkStateOf(resolved.nodeName ?? resolved.netns ?? os.hostname(), reads, { mode: resolved.mode, report: last ?? null }),
    });
    const server = (deps.createServer ?? http.createServer)(handler);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(resolved.port, resolved.host, () => resolve());
    });
    server.unref();
    const timer = setInterval(() => void once(), resolved.intervalSeconds * 1000);
    timer.unref();
    let debounce: NodeJS.Timeout | undefined;
    const watcher = (deps.watch ?? defaultWatch)(resolved.configPath, () => {
      if (debounce) clearTimeout(debounce);
      debounce = setTimeout(() => void once(), 300);
      debounce.unref();
    });
    await once();
    return {
      address: server.address() as AddressInfo,
      reconcileNow: async () => (await once())!,
      close: async () => {
        if (closed) return;
        closed = true;
        clearInterval(timer);
        if (debounce) clearTimeout(debounce);
        watcher.close();
        await chain;
        await new Promise<void>((resolve) => server.close(() => resolve()));
      },
    };
  }

  return {
    options: resolved,
    metrics,
    plan: () => planOnly('plan'),
    apply: async () => record(await apply()),
    observe: async () => record(await planOnly('observe')),
    reconcile,
    lastReport: () => last,
    run,
  };
}

/** One line of a report for a config problem: `[CODE] path: message (fix)`. */
function line(p: Problem): string {
  return `[${p.code}] ${p.path}: ${p.message} (${p.fix})`;
}

function defaultWatch(p: string, onChange: () => void): { close(): void } {
  try {
    const w = fs.watch(p, { persistent: false }, () => onChange());
    w.on('error', () => undefined);
    return w;
  } catch {
    return { close: () => undefined };
  }
}
