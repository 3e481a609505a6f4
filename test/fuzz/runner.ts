/**
 * The fuzz runner: a child process the tests spawn (test/fuzz/harness.ts) with a small heap
 * (`--max-old-space-size`), so an input that escapes the parser's bounds kills the child instead
 * of the test run. It reads one {@link FuzzJob} from stdin, runs every input through its target,
 * classifies each (see {@link Verdict}), and prints one summary line with the process's peak RSS.
 *
 *   node --max-old-space-size=512 -r esbuild-register test/fuzz/runner.ts < job.json
 *
 * Before each input it writes `FUZZ-BEGIN <name>` to stderr, so the parent can name the input a
 * hang or an out-of-memory abort happened on; after each corpus input, a `FUZZ-RESULT` line with
 * its verdict and the peak RSS so far, so the parent keeps the results of a child it has to kill.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { escapeControl } from '../../lib/core/names';
import { environmentLoader } from './environment-adapter';
import { BEGIN_MARKER, FuzzFailure, FuzzJob, FuzzSummary, MAX_MESSAGE_CHARS, RAW_CONTROL, RESULT_MARKER, STACK_FRAME, SUMMARY_MARKER, Verdict } from './protocol';
import { agentTarget, checkTarget, environmentTarget, TargetOutcome, topologyTarget } from './targets';
import type { Topology } from '../../lib/core/topology/model';

/** Where failing generated inputs are kept for reproduction. */
const FAILURES_DIR = path.join(os.tmpdir(), 'multihome-fuzz-failures');

interface Input {
  readonly name: string;
  readonly run: () => Promise<TargetOutcome> | TargetOutcome;
  /** Keeps the input for reproduction; returns where. */
  readonly keep: () => string;
}

const clipText = (s: string, n: number) => (s.length <= n ? s : s.slice(0, n) + '...');

/** Captures what the library writes to stdout/stderr while `fn` runs (it must print no trace either). */
async function capturing<T>(fn: () => Promise<T> | T): Promise<{ value?: T; error?: unknown; written: string }> {
  let written = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const grab = (chunk: unknown) => {
    written += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    return true;
  };
  process.stdout.write = grab as typeof process.stdout.write;
  process.stderr.write = grab as typeof process.stderr.write;
  try {
    return { value: await fn(), written };
  } catch (error) {
    return { error, written };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

function classify(outcome: TargetOutcome | undefined, error: unknown, written: string): { verdict: Verdict; detail: string } {
  if (error !== undefined) {
    const e = error as Error;
    return { verdict: 'crash', detail: clipText(escapeControl(e?.stack ?? String(error)), 1500) };
  }
  const shown = `${outcome!.shown}\n${written}`;
  const frame = STACK_FRAME.exec(shown);
  if (frame) return { verdict: 'trace', detail: clipText(escapeControl(shown.slice(Math.max(0, frame.index - 300), frame.index + 300)), 800) };
  const control = RAW_CONTROL.exec(shown);
  if (control) {
    const line = shown.slice(shown.lastIndexOf('\n', control.index) + 1, shown.indexOf('\n', control.index) === -1 ? undefined : shown.indexOf('\n', control.index));
    return { verdict: 'control', detail: `raw ${escapeControl(control[0])} printed in: ${clipText(escapeControl(line), 400)}` };
  }
  const long = outcome!.messages.find((m) => m.length > MAX_MESSAGE_CHARS);
  if (long) return { verdict: 'unbounded', detail: `a ${long.length}-character message: ${clipText(escapeControl(long), 300)}` };
  return { verdict: outcome!.verdict, detail: '' };
}

function inputsOf(job: FuzzJob, scratch: string): { inputs: Input[]; loader?: string } {
  const load = job.target === 'environment' ? environmentLoader() : undefined;
  const loader = job.target === 'environment' ? (load ? 'parseEnvironmentText' : 'missing') : undefined;
  if (job.target === 'environment' && !load) return { inputs: [], loader };
  const onPath = (p: string, i: number) => (): Promise<TargetOutcome> | TargetOutcome =>
    job.target === 'check' ? checkTarget(p) : job.target === 'agent' ? agentTarget(p, i) : environmentTarget(load!, p);
  if (job.kind === 'corpus') return { inputs: job.inputs.map((c, i) => ({ name: c.name, run: onPath(c.path, i), keep: () => c.path })), loader };
  // loaded only for generated jobs: corpus runners stay at the library's own footprint
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { sampleInputs } = require('./generators') as typeof import('./generators');
  const samples = sampleInputs(job.target, job.generator, job.seed, job.numRuns);
  const inputs = samples.map((sample, i): Input => {
    const name = `${job.target}/${job.generator} seed ${job.seed} #${i}`;
    const keep = () => {
      fs.mkdirSync(FAILURES_DIR, { recursive: true });
      const f = path.join(FAILURES_DIR, `${job.target}-${job.generator}-${job.seed}-${i}.${job.target === 'topology' ? 'json' : 'yaml'}`);
      fs.writeFileSync(f, job.target === 'topology' ? JSON.stringify(sample, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)) : (sample as string));
      return f;
    };
    if (job.target === 'topology') return { name, run: () => topologyTarget(sample as Topology), keep };
    // a file for check and the environment loader; a directory (the agent's ConfigMap mount) for the agent
    const dir = path.join(scratch, String(i));
    fs.mkdirSync(dir);
    const f = path.join(dir, 'input.yaml');
    fs.writeFileSync(f, sample as string);
    return { name, run: onPath(job.target === 'agent' ? dir : f, i), keep };
  });
  return { inputs, loader };
}

async function main(): Promise<void> {
  const job = JSON.parse(fs.readFileSync(0, 'utf8')) as FuzzJob;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'multihome-fuzz-'));
  const verdicts: Partial<Record<Verdict, number>> = {};
  const byInput: Record<string, Verdict> = {};
  const failures: FuzzFailure[] = [];
  let maxElapsedMs = 0;
  const { inputs, loader } = inputsOf(job, scratch);
  for (const input of inputs) {
    process.stderr.write(`${BEGIN_MARKER}${input.name}\n`);
    const t0 = performance.now();
    const { value, error, written } = await capturing(input.run);
    const elapsedMs = Math.round(performance.now() - t0);
    maxElapsedMs = Math.max(maxElapsedMs, elapsedMs);
    let { verdict, detail } = classify(value, error, written);
    if ((verdict === 'ok' || verdict === 'problems') && elapsedMs > job.budgetMs) {
      detail = `${elapsedMs} ms > budget ${job.budgetMs} ms (outcome: ${verdict})`;
      verdict = 'slow';
    }
    verdicts[verdict] = (verdicts[verdict] ?? 0) + 1;
    if (job.kind === 'corpus') process.stdout.write(`${RESULT_MARKER}${JSON.stringify({ name: input.name, verdict, detail, elapsedMs, rssKiB: process.resourceUsage().maxRSS })}\n`);
    if (job.kind === 'corpus') byInput[input.name] = verdict;
    if (verdict !== 'ok' && verdict !== 'problems') failures.push({ input: job.kind === 'corpus' ? input.name : `${input.name} (kept at ${input.keep()})`, verdict, detail, elapsedMs });
  }
  fs.rmSync(scratch, { recursive: true, force: true });
  const summary: FuzzSummary = {
    target: job.target,
    inputs: inputs.length,
    verdicts,
    byInput,
    failures,
    maxElapsedMs,
    maxRssKiB: process.resourceUsage().maxRSS,
    ...(loader ? { loader } : {}),
  };
  process.stdout.write(`${SUMMARY_MARKER}${JSON.stringify(summary)}\n`);
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`fuzz runner failed: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exit(70);
  },
);
