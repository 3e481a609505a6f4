/**
 * `multihome preflight POLICIES --state DIR --format json`: lib/cli/preflight.ts `runPreflight`
 * (read the intent and the states, build the cluster state, run every rule, locate every
 * finding) and the JSON report the command prints.
 */
import { formatPreflightResult, runPreflight } from '../../lib/cli/preflight';
import { input, main, now, report } from './common';

main(async () => {
  const { policiesFile, stateDir } = input<{ policiesFile: string; stateDir: string }>();
  const t0 = now();
  const r = await runPreflight({ paths: [policiesFile], state: [stateDir], format: 'json' });
  const t1 = now();
  const text = formatPreflightResult(r, 'json');
  const t2 = now();
  const errors = r.records.filter((x) => x.severity === 'error');
  const codes: Record<string, number> = {};
  for (const x of r.records) codes[x.code] = (codes[x.code] ?? 0) + 1;
  report({
    ms: t2 - t0,
    phases: { preflight: t1 - t0, json: t2 - t1 },
    exitCode: r.exitCode,
    nodes: r.nodes,
    resources: r.resources,
    records: r.records.length,
    errors: errors.length,
    located: r.records.filter((x) => x.line > 0).length,
    unreadable: r.unreadable.length,
    codes,
    bytes: Buffer.byteLength(text),
  });
});
