/**
 * Suite `preflight`: `multihome preflight POLICIES --state DIR --format json` (lib/cli/preflight.ts
 * runPreflight: read the intent and the states, build the cluster state, run every rule, locate
 * every finding, print the JSON) on 100 nodes × 500 policies, against reading the same
 * NodeNetworkState files and Node list the way pre-flight reads them (`readObjects`: files, bounded
 * YAML parse) and nothing else. Target (issue): pre-flight ≤ 1.5× the parse. The core alone
 * (`clusterStateOf` + `preflight` on objects already read) is reported for information.
 *
 * The warm-up pair checks the work was done: the floor read every state object, pre-flight knew
 * every node and intent object, reported exactly the planted findings and gave each a line.
 */
import { Figure, formatFigure, Sample } from '../harness';
import { expectedFindings } from '../preflight/intent';
import { PreflightInputs, writePreflightInputs } from '../preflight/inputs';
import { Workspace } from '../workspace';
import { compare, ComparisonData } from './compare';

/** Target of the suite (issue: 100 nodes × 500 policies, pre-flight ≤ 1.5× parsing the NNS files). */
export const PREFLIGHT_TARGETS = { time: { op: '<=', value: 1.5 } } as const;

/** Options of {@link runPreflightSuite}. */
export interface PreflightSuiteOptions {
  readonly nodes: number;
  readonly policies: number;
  readonly reps: number;
  readonly warmup: number;
}

/** What the suite returns. */
export interface PreflightSuiteResult {
  readonly figures: Figure[];
  /** The whole command vs the floor. */
  readonly comparison: ComparisonData;
  /** The core alone vs the floor (information). */
  readonly core: ComparisonData;
  readonly inputs: { readonly nodes: number; readonly policies: number; readonly intentObjects: number; readonly stateObjects: number; readonly bytes: PreflightInputs['bytes'] };
}

const FLOOR_NAME = 'readObjects of the NNS files + Node list';

/** Throws unless the floor read every state object without a problem. */
function checkFloor(b: Sample, inputs: PreflightInputs, what: string): void {
  if (b.result.objects !== inputs.stateObjects || b.result.problems !== 0) throw new Error(`${what}: the floor read ${String(b.result.objects)} objects (${String(b.result.problems)} problems), expected ${inputs.stateObjects}`);
}

/** True when two code → count tables are equal. */
function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  const ka = Object.keys(a).sort();
  return JSON.stringify(ka) === JSON.stringify(Object.keys(b).sort()) && ka.every((k) => a[k] === b[k]);
}

/** Runs suite `preflight`. */
export function runPreflightSuite(w: Workspace, o: PreflightSuiteOptions, log: (s: string) => void): PreflightSuiteResult {
  const inputs = writePreflightInputs(w.fresh('preflight'), { nodes: o.nodes, policies: o.policies });
  const what = `preflight ${o.nodes} nodes × ${o.policies} policies`;
  const expected = expectedFindings(o.nodes, o.policies);
  const expectedRecords = Object.values(expected).reduce((s, x) => s + x, 0);
  const io = () => ({ policiesFile: inputs.policiesFile, stateDir: inputs.stateDir });
  const floor = { name: FLOOR_NAME, worker: 'preflight-floor' as const, input: () => ({ stateDir: inputs.stateDir }) };
  log(`[preflight] ${inputs.stateObjects / 2} NodeNetworkStates + Nodes (${(inputs.bytes.state / 1048576).toFixed(1)} MiB), ${inputs.intentObjects} intent objects (${o.policies} NNCPs, ${inputs.counts.nads} NADs, ${inputs.counts.vms} VMs; ${(inputs.bytes.intent / 1048576).toFixed(1)} MiB)`);
  const whole = compare(w, {
    suite: 'preflight',
    n: o.nodes,
    a: { name: 'multihome preflight (runPreflight + JSON)', worker: 'preflight', input: io },
    b: floor,
    reps: o.reps,
    warmup: o.warmup,
    onWarmup: (a, b) => {
      checkFloor(b, inputs, what);
      const r = a.result;
      if (r.nodes !== o.nodes || r.resources !== inputs.intentObjects || r.unreadable !== 0) throw new Error(`${what}: pre-flight knew ${String(r.nodes)} nodes and ${String(r.resources)} intent objects (${String(r.unreadable)} unreadable), expected ${o.nodes} and ${inputs.intentObjects}`);
      if (!sameCounts(r.codes as Record<string, number>, expected)) throw new Error(`${what}: pre-flight reported ${JSON.stringify(r.codes)}, expected the planted findings ${JSON.stringify(expected)}`);
      if (r.located !== r.records) throw new Error(`${what}: ${String(r.located)} of ${String(r.records)} findings have a line`);
      log(`[preflight] ${o.nodes} nodes × ${o.policies} policies: ${String(r.records)} findings, as planted (${Object.entries(expected).map(([k, v]) => `${v} ${k}`).join(', ') || 'none'}), each with its line; the floor reads the ${inputs.stateObjects} state objects`);
    },
    timeTarget: PREFLIGHT_TARGETS.time,
  });
  const core = compare(w, {
    suite: 'preflight',
    n: o.nodes,
    a: { name: 'clusterStateOf + preflight (objects already read)', worker: 'preflight-core', input: io },
    b: floor,
    reps: o.reps,
    warmup: o.warmup,
    onWarmup: (a, b) => {
      checkFloor(b, inputs, what);
      if (a.result.nodes !== o.nodes || a.result.findings !== expectedRecords) throw new Error(`${what}: the core knew ${String(a.result.nodes)} nodes and found ${String(a.result.findings)} findings, expected ${o.nodes} and ${expectedRecords}`);
    },
  });
  const coreTime = core.figures.filter((f) => f.metric.startsWith('time')).map((f) => ({ ...f, metric: 'core time, clusterStateOf + preflight (in-process, median)' }));
  const figures = [...whole.figures, ...coreTime];
  for (const f of figures) log(formatFigure(f));
  return {
    figures,
    comparison: whole.data,
    core: core.data,
    inputs: { nodes: o.nodes, policies: o.policies, intentObjects: inputs.intentObjects, stateObjects: inputs.stateObjects, bytes: inputs.bytes },
  };
}
