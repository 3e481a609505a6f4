/**
 * Suite `agent` (user-mode-linux, bench/agent-uml.ts): converge K VLAN bridges with the agent vs
 * one hand-written `ip -batch` (floor) vs one `ip` process per command; no-op reconcile vs the
 * bare `ip -j` state read; rollback time, shown against the bare deletion of the same links (one
 * `link del` per link, and the rollback's own group deletion, each as one hand-written `ip -batch`
 * on links the hand batch created and left up as long as the agent's were), which is what the
 * kernel alone costs in the same boot.
 */
import { AgentBenchResult, runAgentBench } from '../agent-uml';
import { Figure, figure, formatFigure, ratios, stat } from '../harness';

/** Targets of the suite (issue 7). */
export const AGENT_TARGETS = {
  apply: { op: '<=', value: 1.3 },
  speedup: { op: '>=', value: 10 },
  noop: { op: '<=', value: 1.2 },
  rollbackMs: { op: '<=', value: 2000 },
} as const;

/** Options of {@link runAgentSuite}. */
export interface AgentSuiteOptions {
  readonly k: number;
  readonly reps: number;
}

const r1 = (x: number) => Math.round(x * 10) / 10;
const r3 = (x: number) => Math.round(x * 1000) / 1000;
/** One section's per-rep list of a driver info table (GC ms, page faults), as JSON. */
const perRep = (table: unknown, section: 'agent' | 'noop') => JSON.stringify((table as Record<string, number[]> | undefined)?.[section] ?? []);

/** Runs suite `agent`: one user-mode-linux boot, figures from the driver's samples. */
export async function runAgentSuite(o: AgentSuiteOptions, log: (s: string) => void): Promise<{ figures: Figure[]; result: AgentBenchResult }> {
  const r = await runAgentBench({ k: o.k, reps: o.reps, log });
  const s = r.samples;
  const med = (xs: number[] | undefined) => (xs && xs.length ? r1(stat(xs).median) : null);
  const pairMed = (a: number[] | undefined, b: number[] | undefined) => (a && b && a.length ? r3(stat(ratios(a, b)).median) : null);
  const n = r.k;
  const figures: Figure[] = [
    figure({
      suite: 'agent',
      metric: `converge ${n} VLAN bridges (agent in-process) vs one hand-written ip -batch`,
      unit: 'ms',
      value: med(s.agent),
      floor: med(s.batch),
      ratio: pairMed(s.agent, s.batch),
      target: AGENT_TARGETS.apply,
      note: `${String(r.info.commands)} commands; per-rep agent/batch ${s.agent && s.batch ? ratios(s.agent, s.batch).map((x) => x.toFixed(2)).join(' ') : 'n/a'} (back to back, order alternating); agent timings (last rep) ${JSON.stringify(r.info.agentTimings)}; GC pauses in the agent's sections per rep ${perRep(r.info.gcMsPerRep, 'agent')} ms (the driver's heap is the agent's); minor page faults in the agent's sections per rep ${perRep(r.info.faultsPerRep, 'agent')} (~0.2 ms each under UML); ${String(r.info.agentProcesses)} processes; whole agent process ${med(s['agent-cli'])} ms; n=${s.agent?.length ?? 0} after one warm-up rep`,
    }),
    figure({
      suite: 'agent',
      metric: 'speed-up over one ip process per command (per-command / agent)',
      unit: 'x',
      value: s.naive && s.agent ? r3(s.naive[0] / stat(s.agent).median) : null,
      target: AGENT_TARGETS.speedup,
      note: `per-command ${s.naive ? Math.round(s.naive[0]) : 'n/a'} ms (rep 1) vs the agent's median ${med(s.agent) ?? 'n/a'} ms; per-command/batch ${s.naive && s.batch ? (s.naive[0] / s.batch[0]).toFixed(1) : 'n/a'}× (rep 1)`,
    }),
    figure({
      suite: 'agent',
      metric: 'no-op reconcile (the running agent, in-process) vs bare ip -j state read',
      unit: 'ms',
      value: med(s.noop),
      floor: med(s.read),
      ratio: pairMed(s.noop, s.read),
      target: AGENT_TARGETS.noop,
      note: `per-rep no-op/read ${s.noop && s.read ? ratios(s.noop, s.read).map((x) => x.toFixed(2)).join(' ') : 'n/a'}; read = ip -j -d link show + ip -j addr show on ${String(r.info.links)} links; the agent's own read commands bare ${med(s['read-agent'])} ms (no-op/that ${pairMed(s.noop, s['read-agent'])}×); minor page faults per rep ${perRep(r.info.faultsPerRep, 'noop')}; ${String(r.info.noopProcesses)} processes; a new agent (config load included) ${med(s['noop-fresh'])} ms; whole agent process ${med(s['noop-cli'])} ms`,
    }),
    figure({
      suite: 'agent',
      metric: 'rollback after a failed probe vs the bare deletion of the same links (hand-written ip -batch)',
      unit: 'ms',
      value: med(s.rollback),
      // the floor is shown, not targeted: the target is the rollback's own time (the kernel's deletion included)
      floor: med(s.delete),
      target: AGENT_TARGETS.rollbackMs,
      note: `rollback/bare deletion ${pairMed(s.rollback, s.delete)}× (one link del per link by hand); the rollback's own deletion lines by hand (one link group) ${med(s['delete-group'])} ms, rollback/that ${pairMed(s.rollback, s['delete-group'])}×; ${String(r.info.rollbackCommands)} rollback commands (${String(r.info.deleteCommands)} links deleted, after the same time up); apply → probe → rollback ${med(s['rollback-total'])} ms; timings ${JSON.stringify(r.info.rollbackTimings)}; ${String(r.info.rollbackProcesses)} processes`,
    }),
  ];
  for (const f of figures) log(formatFigure(f));
  return { figures, result: r };
}
