/**
 * `npm run bench`: runs the suites and returns one JSON report (also printed as the last stdout
 * line by bench/main.ts). Suites, in order:
 *   cdk8s   NetworkEnvironment → app.synth vs raw ApiObjects of the same manifests (N = 1k…10k, exponent)
 *   synth   `multihome synth` vs plain objects + js-yaml dump
 *   check   `multihome check` of the N-VM output vs js-yaml loadAll
 *   check-problems  `multihome check` of ~N objects that all have problems vs the same file clean (≤ 3×)
 *   preflight  `multihome preflight` of 500 policies against 100 NodeNetworkStates vs reading the NNS files (≤ 1.5×)
 *   startup `multihome check` of the lab manifests and `cdk8s synth` of a lab project, each vs the same command on nothing
 *   pulumi  NetworkEnvironment component under mocks vs the same CustomResources registered directly
 *   agent   user-mode-linux: converge, no-op, rollback (bench/agent-uml.ts)
 * Every comparison runs both sides as separate processes, interleaved, after a warm-up pair whose
 * outputs are checked for identity; figures are medians and pair-by-pair ratios.
 */
import * as os from 'os';
import { buildWorkers, Figure } from './harness';
import { runAgentSuite } from './suites/agent';
import { runCdk8sSuite } from './suites/cdk8s';
import { runCheckSuite } from './suites/check';
import { runCheckProblemsSuite } from './suites/check-problems';
import { runPreflightSuite } from './suites/preflight';
import { runPulumiSuite } from './suites/pulumi';
import { runStartupSuite } from './suites/startup';
import { runSynthSuite } from './suites/synth';
import { Workspace } from './workspace';

/** Suite names, in run order. */
export const SUITES = ['cdk8s', 'synth', 'check', 'check-problems', 'preflight', 'startup', 'pulumi', 'agent'] as const;
export type SuiteName = (typeof SUITES)[number];

/** Options of {@link runBench}. */
export interface BenchOptions {
  /** Suites to run. @default all */
  readonly only?: readonly SuiteName[];
  /** Largest environment (VMs). @default 10000 */
  readonly n?: number;
  /** Environment sizes of the cdk8s scaling fit. @default 1000, 2500, 5000, 10000 up to n (and n) */
  readonly ns?: readonly number[];
  /** Counted pairs per comparison. @default 5 */
  readonly reps?: number;
  /** Uncounted pairs first (the first pair is the identity check). @default 1 */
  readonly warmup?: number;
  /** Environment size of the Pulumi suite. @default n */
  readonly pulumiN?: number;
  /** Counted pairs of the Pulumi suite (slow under mocks). @default min(reps, 3) */
  readonly pulumiReps?: number;
  /** Nodes (NodeNetworkStates) of the preflight suite. @default 100 */
  readonly preflightNodes?: number;
  /** Policies (NNCPs) of the preflight suite. @default 500 */
  readonly preflightPolicies?: number;
  /** VLAN bridges of the agent suite. @default 256 */
  readonly agentK?: number;
  /** Counted repetitions of the agent suite inside its one boot (after one warm-up rep). @default 5 */
  readonly agentReps?: number;
  /** Progress and figure lines. @default stdout */
  readonly log?: (s: string) => void;
}

/** The report. */
export interface BenchReport {
  readonly bench: 'multihome';
  readonly version: 1;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly machine: { readonly node: string; readonly cpus: number; readonly cpuModel: string; readonly loadavg: number[]; readonly totalMemMiB: number };
  readonly options: { readonly only: SuiteName[]; readonly n: number; readonly ns: number[]; readonly reps: number; readonly warmup: number; readonly pulumiN: number; readonly pulumiReps: number; readonly preflightNodes: number; readonly preflightPolicies: number; readonly agentK: number; readonly agentReps: number };
  /** Every figure of every suite that ran. */
  readonly figures: Figure[];
  /** Per-suite raw data (samples, phases). */
  readonly suites: Partial<Record<SuiteName, unknown>>;
  readonly summary: { readonly targets: number; readonly met: number; readonly missed: string[] };
}

/** Default sizes of the scaling fit for a largest N. */
export function defaultSizes(n: number): number[] {
  if (n >= 1000) return [...new Set([...[1000, 2500, 5000, 10000].filter((x) => x <= n), n])].sort((a, b) => a - b);
  return [...new Set([Math.max(1, Math.round(n / 4)), n])].sort((a, b) => a - b);
}

/** Runs the selected suites and returns the report. */
export async function runBench(options: BenchOptions = {}): Promise<BenchReport> {
  const started = Date.now();
  const log = options.log ?? ((s: string) => process.stdout.write(s + '\n'));
  const only = [...(options.only ?? SUITES)];
  const n = options.n ?? 10000;
  const reps = options.reps ?? 5;
  const resolved = {
    only,
    n,
    ns: [...(options.ns ?? defaultSizes(n))],
    reps,
    warmup: options.warmup ?? 1,
    pulumiN: options.pulumiN ?? n,
    pulumiReps: options.pulumiReps ?? Math.min(reps, 3),
    preflightNodes: options.preflightNodes ?? 100,
    preflightPolicies: options.preflightPolicies ?? 500,
    agentK: options.agentK ?? 256,
    agentReps: options.agentReps ?? 5,
  };
  const figures: Figure[] = [];
  const suites: Partial<Record<SuiteName, unknown>> = {};
  const needsWorkers = only.some((s) => s !== 'agent');
  const bundles = needsWorkers ? await buildWorkers() : undefined;
  const w = bundles ? new Workspace(bundles.workers) : undefined;
  try {
    for (const suite of SUITES) {
      if (!only.includes(suite)) continue;
      log(`--- ${suite}`);
      switch (suite) {
        case 'cdk8s': {
          const r = runCdk8sSuite(w!, { ns: resolved.ns, reps, warmup: resolved.warmup }, log);
          figures.push(...r.figures);
          suites.cdk8s = { comparisons: r.comparisons, exponent: r.exponent };
          break;
        }
        case 'synth': {
          const r = runSynthSuite(w!, { n, reps, warmup: resolved.warmup }, log);
          figures.push(...r.figures);
          suites.synth = { comparison: r.comparison, phases: r.phases };
          break;
        }
        case 'check': {
          const r = runCheckSuite(w!, { n, reps, warmup: resolved.warmup }, log);
          figures.push(...r.figures);
          suites.check = { comparison: r.comparison };
          break;
        }
        case 'check-problems': {
          const r = runCheckProblemsSuite(w!, { n, reps, warmup: resolved.warmup }, log);
          figures.push(...r.figures);
          suites['check-problems'] = { comparison: r.comparison };
          break;
        }
        case 'preflight': {
          const r = runPreflightSuite(w!, { nodes: resolved.preflightNodes, policies: resolved.preflightPolicies, reps, warmup: resolved.warmup }, log);
          figures.push(...r.figures);
          suites.preflight = { comparison: r.comparison, core: r.core, inputs: r.inputs };
          break;
        }
        case 'startup': {
          const r = runStartupSuite(w!, { reps, warmup: resolved.warmup }, log);
          figures.push(...r.figures);
          suites.startup = { comparisons: r.comparisons };
          break;
        }
        case 'pulumi': {
          const r = runPulumiSuite(w!, { n: resolved.pulumiN, reps: resolved.pulumiReps, warmup: resolved.warmup }, log);
          figures.push(...r.figures);
          suites.pulumi = { comparison: r.comparison };
          break;
        }
        case 'agent': {
          const r = await runAgentSuite({ k: resolved.agentK, reps: resolved.agentReps }, log);
          figures.push(...r.figures);
          suites.agent = r.result;
          break;
        }
      }
    }
  } finally {
    w?.dispose();
    bundles?.dispose();
  }
  const withTarget = figures.filter((f) => f.target);
  return {
    bench: 'multihome',
    version: 1,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    machine: { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100), totalMemMiB: Math.round(os.totalmem() / 1048576) },
    options: resolved,
    figures,
    suites,
    summary: {
      targets: withTarget.length,
      met: withTarget.filter((f) => f.met).length,
      missed: withTarget.filter((f) => !f.met).map((f) => `${f.suite}${f.n !== undefined ? ` N=${f.n}` : ''} ${f.metric}`),
    },
  };
}

/** Parses `npm run bench -- [--only a,b] [--n N] [--reps R] …`. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions & { json?: string; help?: boolean } {
  const out: Record<string, unknown> = {};
  const num = (flag: string, v: string | undefined): number => {
    const x = Number(v);
    if (v === undefined || !Number.isInteger(x) || x < 0) throw new Error(`bench: ${flag} needs a non-negative integer, got ${v ?? 'nothing'}`);
    return x;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].includes('=') ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)] : [argv[i], undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--only': {
        const names = (value() ?? '').split(',').map((s) => s.trim()).filter(Boolean);
        for (const s of names) if (!(SUITES as readonly string[]).includes(s)) throw new Error(`bench: unknown suite ${s}; suites: ${SUITES.join(', ')}`);
        if (!names.length) throw new Error('bench: --only needs suite names');
        out.only = names;
        break;
      }
      case '--n':
        out.n = num(flag, value());
        if ((out.n as number) < 1) throw new Error('bench: --n must be at least 1');
        break;
      case '--ns':
        out.ns = (value() ?? '').split(',').map((s) => num(flag, s));
        break;
      case '--reps':
        out.reps = num(flag, value());
        break;
      case '--warmup':
        out.warmup = num(flag, value());
        break;
      case '--pulumi-n':
        out.pulumiN = num(flag, value());
        break;
      case '--pulumi-reps':
        out.pulumiReps = num(flag, value());
        break;
      case '--preflight-nodes':
        out.preflightNodes = num(flag, value());
        if ((out.preflightNodes as number) < 1 || (out.preflightNodes as number) > 1000) throw new Error('bench: --preflight-nodes must be in 1..1000');
        break;
      case '--preflight-policies':
        out.preflightPolicies = num(flag, value());
        if ((out.preflightPolicies as number) < 1) throw new Error('bench: --preflight-policies must be at least 1');
        break;
      case '--agent-k':
        out.agentK = num(flag, value());
        break;
      case '--agent-reps':
        out.agentReps = num(flag, value());
        break;
      case '--json':
        out.json = value();
        break;
      case '--help':
      case '-h':
        out.help = true;
        break;
      default:
        throw new Error(`bench: unknown option ${argv[i]} (see --help)`);
    }
  }
  return out as BenchOptions & { json?: string; help?: boolean };
}

/** `--help` text. */
export const BENCH_USAGE = `npm run bench -- [options]
  --only a,b        suites to run (${SUITES.join(', ')}); default all
  --n N             largest environment, in VMs (default 10000; N/20 networks, 10 namespaces)
  --ns a,b,c        sizes of the cdk8s scaling fit (default 1000,2500,5000,10000 up to N)
  --reps R          counted pairs per comparison (default 5), after --warmup W (default 1)
  --pulumi-n N      size of the Pulumi suite (default N); --pulumi-reps R (default min(reps,3))
  --preflight-nodes N, --preflight-policies P
                    size of the preflight suite (default 100 nodes × 500 policies)
  --agent-k K       VLAN bridges of the agent suite (default 256); --agent-reps R (default 5)
  --json FILE       also write the JSON report to FILE
Prints one line per figure, then the JSON report as the last line.`;
