/**
 * The fuzz targets, run inside the child (test/fuzz/runner.ts): each takes one input, drives the
 * entry point the way a user reaches it, and returns what a user would see. An exception thrown
 * out of a target is a crash; the library's documented user-error types are turned into
 * `problems` here, and nothing else is.
 */
import * as fs from 'fs';
import { checkPaths, formatResult } from '../../lib/cli/check';
import { formatProblem, Problem } from '../../lib/core/errors';
import { buildEnvironment } from '../../lib/core/topology/build';
import type { Topology } from '../../lib/core/topology/model';
import { AgentConfigError, loadConfig } from '../../lib/agent/config';
import { DEFAULT_VALIDATORS } from '../../lib/agent/core-validator';
import { planChanges } from '../../lib/agent/plan';
import { formatBatches, renderBatches, UnsafeBatchValueError } from '../../lib/agent/iproute/render';
import { createAgent } from '../../lib/agent/agent';
import { formatReport } from '../../lib/agent/cli';
import { silentLogger } from '../../lib/agent/types';
import { parseState } from '../../lib/agent/iproute/read';
import { rawFixture, scriptedExec } from '../agent/helpers';
import type { ParseEnvironmentText } from './environment-adapter';

/** What one input produced: the verdict, the text a user sees, and each problem's message + fix. */
export interface TargetOutcome {
  readonly verdict: 'ok' | 'problems';
  /** Everything printed for a human (text formats; JSON escapes control characters itself). */
  readonly shown: string;
  readonly messages: readonly string[];
}

const messagesOf = (ps: readonly Problem[]) => ps.map((p) => `${p.message} (${p.fix})`);

/** `multihome check <path>` in-process: what the CLI prints, stderr lines included. */
export function checkTarget(path: string): TargetOutcome {
  const r = checkPaths([path]);
  const unreadable = r.unreadable.map((u) => `multihome check: cannot read ${u.path}: ${u.reason}\n`).join('');
  // the JSON format is parsed back: it must be valid JSON whatever the input
  JSON.parse(formatResult(r, 'json'));
  return {
    verdict: r.records.length || r.unreadable.length ? 'problems' : 'ok',
    shown: unreadable + formatResult(r, 'text'),
    messages: [...r.records.map((x) => `${x.message} (${x.fix})`), ...r.unreadable.map((u) => u.reason)],
  };
}

/** Recorded hosts the planner runs against (test/agent/fixtures), picked by input index. */
const HOSTS = ['node01-empty', 'node01-trunk-with-vms', 'bondnode-empty'] as const;

/**
 * The agent on the config at `path`: `loadConfig` (bounded parse, merge, the agent's and the
 * core nmstate checks), then the planner and the batch renderer against a recorded host, then
 * the whole `agent plan` action through `createAgent` with a scripted exec (no real host is read
 * or touched) and its printed report.
 */
export async function agentTarget(path: string, index: number): Promise<TargetOutcome> {
  const host = HOSTS[index % HOSTS.length];
  let loadedOk = true;
  let rejected = '';
  const messages: string[] = [];
  try {
    const loaded = loadConfig(path, DEFAULT_VALIDATORS, { dynamicAddressing: 'refuse' });
    const plan = planChanges(loaded.intent, parseState(rawFixture(host)));
    messages.push(...messagesOf(plan.problems));
    try {
      formatBatches(renderBatches(plan.ops));
    } catch (e) {
      // the renderer's second check of every name and value (documented defence in depth)
      if (!(e instanceof UnsafeBatchValueError)) throw e;
      messages.push(e.message);
    }
  } catch (e) {
    if (!(e instanceof AgentConfigError)) throw e;
    // a core validator that threw is reported as AGENT_CORE_VALIDATION: that is a crash of the validator
    const internal = e.problems.find((p) => p.code === 'AGENT_CORE_VALIDATION');
    if (internal) throw new Error(`a desiredState validator threw: ${internal.message}`);
    loadedOk = false;
    rejected = e.message;
    messages.push(...messagesOf(e.problems));
  }
  const agent = createAgent({ configPath: path, mode: 'apply' }, { exec: scriptedExec([rawFixture(host)]), logger: silentLogger, env: {} });
  const report = await agent.plan();
  const ok = loadedOk && report.result !== 'invalid' && report.result !== 'failed' && messages.length === 0;
  return { verdict: ok ? 'ok' : 'problems', shown: `${rejected}\n${formatReport(report)}`, messages };
}

/** The environment data-file loader on the file at `path`, then `buildEnvironment` on every environment it accepted. */
export function environmentTarget(load: ParseEnvironmentText, path: string): TargetOutcome {
  const text = fs.readFileSync(path, 'utf8');
  const { environments, problems } = load(path, text);
  const all: Problem[] = [...problems];
  for (const t of Object.values(environments)) all.push(...buildEnvironment(t).problems);
  return { verdict: all.length ? 'problems' : 'ok', shown: all.map(formatProblem).join('\n'), messages: messagesOf(all) };
}

/** `buildEnvironment` on a typed topology (as apps/environments give it): plan, render, validate. */
export function topologyTarget(t: Topology): TargetOutcome {
  const b = buildEnvironment(t);
  return { verdict: b.problems.length ? 'problems' : 'ok', shown: b.problems.map(formatProblem).join('\n'), messages: messagesOf(b.problems) };
}
