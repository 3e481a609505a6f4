/**
 * The two kinds of fuzz tests, declared once for every target: one test per hostile corpus case
 * (each in its own runner process), and generated runs (fast-check, fixed seed).
 */
import { CaseResult, casesFor, CORPUS_INPUT_TIMEOUT_MS, outcomeOf, RSS_BOUND_MIB, rssBoundMiB, runCorpus, runJob } from './harness';
import type { TargetName } from './protocol';

/** Per-input budget of generated inputs (small documents: milliseconds each when healthy). */
export const GENERATED_BUDGET_MS = 2000;

/**
 * Declares one test per corpus case of `target`: the input finishes within its budget (no hang,
 * no out-of-memory abort of its runner), does not crash, print a stack trace or raw control
 * characters, or echo an unbounded value, peak RSS stays under {@link rssBoundMiB}, and a case
 * that is wrong is reported. The cases run in shared runners (see {@link runCorpus}).
 */
export function corpusTests(target: Exclude<TargetName, 'topology'>, label: string): void {
  describe(`${label} survives the security review's hostile corpus`, () => {
    let results: Promise<Map<string, CaseResult>> | undefined;
    for (const c of casesFor(target)) {
      const mustReport = c.mustReport?.includes(target) ?? false;
      test(`[${c.source}] ${c.name}: finishes in budget, no crash/trace/raw control, RSS < ${rssBoundMiB(target)} MiB${mustReport ? ', reported as a problem' : ''}`, async () => {
        results ??= runCorpus(target);
        const r = (await results).get(c.name);
        expect(r?.outcome.status).toBe('finished');
        expect(r?.outcome.failures).toEqual([]);
        expect(r?.outcome.peakRssMiB).toBeLessThan(rssBoundMiB(target));
        if (mustReport) expect(r?.verdict).toBe('problems');
      }, CORPUS_INPUT_TIMEOUT_MS * casesFor(target).length + 10_000);
    }
  });
}

/**
 * Declares a generated run: `numRuns` inputs of `generator` with `seed`, in one runner process.
 * Besides the corpus checks, the generator must reach the validators (some inputs are reported),
 * so a generator that only produces unparseable noise is noticed.
 */
export function generatedTest(target: TargetName, generator: string, seed: number, numRuns: number, what: string, timeoutMs = 90_000): void {
  test(`${what} (fast-check seed ${seed}, ${numRuns} inputs): no hang, crash, trace or raw control; each input < ${GENERATED_BUDGET_MS} ms; RSS < ${RSS_BOUND_MIB} MiB`, async () => {
    const r = await runJob({ kind: 'generated', target, generator, seed, numRuns, budgetMs: GENERATED_BUDGET_MS }, timeoutMs);
    const o = outcomeOf(r, timeoutMs);
    expect(o.status).toBe('finished');
    expect(o.failures).toEqual([]);
    expect(o.peakRssMiB).toBeLessThan(RSS_BOUND_MIB);
    expect(r.summary?.inputs).toBe(numRuns);
    expect(r.summary?.verdicts.problems ?? 0).toBeGreaterThan(0);
  }, timeoutMs + 10_000);
}
