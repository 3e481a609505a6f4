import { execFileSync } from 'child_process';
import * as path from 'path';
import { generateEnvironment, BENCH_NAMESPACES } from '../../bench/generate';
import { checkProblemFiles } from '../../bench/suites/check-problems';
import { Workspace } from '../../bench/workspace';
import { checkPaths } from '../../lib/cli/check';
import { fitExponent, figure, formatFigure, stat } from '../../bench/harness';
import { BenchReport, defaultSizes, parseBenchArgs, runBench, SUITES } from '../../bench/run';
import { renderTopology } from '../../lib/core/topology/render';
import { validateEnvironment } from '../../lib/core/topology/validate-environment';

/**
 * `npm run bench` on a tiny environment, so the benchmark code cannot rot: the generator makes
 * valid environments, every comparison's identity check runs (identical cdk8s output, `multihome
 * synth` byte-identical to the cdk8s path, check clean, same Pulumi registrations) and the report
 * has its shape. Timings are not asserted. The user-mode-linux agent suite is left to test/lab.
 */

describe('bench environment generator', () => {
  it.each([1, 40, 1000])('makes a valid environment of %i VMs over N/20 networks in 10 namespaces', (n) => {
    const env = generateEnvironment(n);
    expect(env.vms).toHaveLength(n);
    expect(env.networks).toHaveLength(Math.max(1, Math.floor(n / 20)));
    expect(new Set(env.vms.map((v) => v.namespace)).size).toBe(Math.min(BENCH_NAMESPACES, env.networks.length));
    const problems = validateEnvironment(env, renderTopology(env));
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('is deterministic and reaches 10 000 VMs within VLAN ids and subnets', () => {
    expect(generateEnvironment(40)).toEqual(generateEnvironment(40));
    const big = generateEnvironment(10000);
    expect(big.networks).toHaveLength(500);
    expect(new Set(big.networks.map((n) => n.vlan)).size).toBe(500);
    expect(new Set(big.vms.map((v) => v.namespace)).size).toBe(BENCH_NAMESPACES);
    expect(() => generateEnvironment(0)).toThrow(/positive integer/);
  });
});

describe('bench arguments and statistics', () => {
  it('parses --only, --n and the rest', () => {
    expect(parseBenchArgs(['--only', 'synth', '--n', '1000'])).toEqual({ only: ['synth'], n: 1000 });
    expect(parseBenchArgs(['--only=cdk8s,check', '--reps=3', '--json', 'out.json'])).toEqual({ only: ['cdk8s', 'check'], reps: 3, json: 'out.json' });
    expect(parseBenchArgs(['--ns', '10,20', '--pulumi-n', '100', '--agent-k', '8', '--agent-reps', '1', '--warmup', '0'])).toEqual({ ns: [10, 20], pulumiN: 100, agentK: 8, agentReps: 1, warmup: 0 });
    expect(() => parseBenchArgs(['--only', 'nope'])).toThrow(/unknown suite nope/);
    expect(() => parseBenchArgs(['--n', 'x'])).toThrow(/--n needs/);
    expect(() => parseBenchArgs(['--n', '0'])).toThrow(/at least 1/);
    expect(() => parseBenchArgs(['--bogus'])).toThrow(/unknown option/);
  });

  it('fits the cdk8s scaling over 1k…10k by default, two points for a tiny N', () => {
    expect(defaultSizes(10000)).toEqual([1000, 2500, 5000, 10000]);
    expect(defaultSizes(3000)).toEqual([1000, 2500, 3000]);
    expect(defaultSizes(40)).toEqual([10, 40]);
  });

  it('computes medians, log-log slopes and target checks', () => {
    expect(stat([3, 1, 2])).toEqual({ min: 1, median: 2, n: 3 });
    expect(stat([4, 1, 2, 3]).median).toBe(2.5);
    expect(fitExponent([[1000, 10], [10000, 100]])).toBeCloseTo(1, 6);
    expect(fitExponent([[1000, 10], [10000, 1000]])).toBeCloseTo(2, 6);
    expect(fitExponent([[1000, 10]])).toBeNull();
    const f = figure({ suite: 's', metric: 'time', unit: 'ms', value: 12, floor: 10, ratio: 1.2, target: { op: '<=', value: 1.25 } });
    expect(f.met).toBe(true);
    expect(figure({ suite: 's', metric: 'x', unit: 'x', value: 9, target: { op: '>=', value: 10 } }).met).toBe(false);
    expect(formatFigure(f)).toMatch(/ratio 1\.20× {2}target ≤ 1\.25× {2}MET/);
  });
});

describe('npm run bench on a tiny environment', () => {
  let report: BenchReport;
  const lines: string[] = [];

  beforeAll(async () => {
    report = await runBench({ only: ['cdk8s', 'synth', 'check', 'pulumi'], n: 40, reps: 1, warmup: 1, log: (s) => lines.push(s) });
  }, 300000);

  it('checks identical output before timing anything', () => {
    const log = lines.join('\n');
    expect(log).toMatch(/\[cdk8s\] N=10: outputs identical/);
    expect(log).toMatch(/\[cdk8s\] N=40: outputs identical/);
    expect(log).toMatch(/\[synth\] N=40: multihome synth byte-identical to the cdk8s path .*js-yaml floor holds the same objects/);
    expect(log).toMatch(/\[check\] N=40: no problem in (\d+) resources \(loadAll reads \1\)/);
    expect(log).toMatch(/\[pulumi\] N=40: both registered the same \d+ Kubernetes resources/);
  });

  it('reports every figure with a line and in the JSON, targets judged', () => {
    const bySuite = (s: string) => report.figures.filter((f) => f.suite === s);
    expect(bySuite('cdk8s').map((f) => f.metric)).toEqual([
      'time (in-process, median)', 'peak RSS (median)', 'time (in-process, median)', 'peak RSS (median)', 'scaling exponent (log-log, N=10,40)',
    ]);
    for (const s of ['synth', 'check', 'pulumi']) expect(bySuite(s).map((f) => f.metric)).toEqual(['time (in-process, median)', 'peak RSS (median)']);
    for (const f of report.figures) {
      expect(typeof f.value === 'number' && Number.isFinite(f.value)).toBe(true);
      if (f.target) expect(typeof f.met).toBe('boolean');
      expect(lines).toContain(formatFigure(f));
    }
    const targets = report.figures.filter((f) => f.target).map((f) => `${f.suite} ${f.metric} ${f.target!.op} ${f.target!.value}`);
    expect(targets).toEqual([
      'cdk8s time (in-process, median) <= 1.25',
      'cdk8s peak RSS (median) <= 1.5',
      'cdk8s scaling exponent (log-log, N=10,40) <= 1.1',
      'synth time (in-process, median) <= 1.5',
      'check time (in-process, median) <= 1.5',
      'pulumi time (in-process, median) <= 1.5',
      'pulumi peak RSS (median) <= 1.3',
    ]);
    expect(report.summary.targets).toBe(7);
    expect(report.summary.met + report.summary.missed.length).toBe(7);
  });

  it('keeps the raw samples per suite and round-trips as JSON', () => {
    expect(report.options).toMatchObject({ only: ['cdk8s', 'synth', 'check', 'pulumi'], n: 40, ns: [10, 40], reps: 1, warmup: 1 });
    const cdk8s = report.suites.cdk8s as { comparisons: Array<{ n: number; a: { ms: number[]; phases: Record<string, number> }; b: { rssMB: number[] } }> };
    expect(cdk8s.comparisons.map((c) => c.n)).toEqual([10, 40]);
    expect(cdk8s.comparisons[1].a.ms).toHaveLength(1);
    expect(Object.keys(cdk8s.comparisons[1].a.phases)).toEqual(['construct', 'check', 'synth']);
    expect(Object.keys((report.suites.synth as { phases: object }).phases)).toEqual(['render', 'validate', 'yaml', 'write']);
    expect(report.suites.agent).toBeUndefined();
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(SUITES).toEqual(['cdk8s', 'synth', 'check', 'check-problems', 'preflight', 'startup', 'pulumi', 'agent']);
  });
});

describe('npm run bench -- --only startup (one pair)', () => {
  it('checks both commands do their work, then reports check and cdk8s synth start-up against the same command on nothing', async () => {
    const lines: string[] = [];
    const report = await runBench({ only: ['startup'], reps: 1, warmup: 0, log: (s) => lines.push(s) });
    const log = lines.join('\n');
    expect(log).toMatch(/\[startup\] check reads the 14 lab resources and the empty file \(0\)/);
    expect(log).toMatch(/\[startup\] the lab project writes the lab environment \(\d+ bytes, same as multihome synth\)/);
    expect(report.figures.map((f) => [f.suite, f.metric, f.target])).toEqual([
      ['startup', 'multihome check, lab manifests vs empty file (wall, median)', { op: '<=', value: 1.2 }],
      ['startup', 'cdk8s synth, lab environment vs empty chart (wall, median)', { op: '<=', value: 1.5 }],
    ]);
    for (const f of report.figures) expect(f.value! > 0 && f.floor! > 0 && typeof f.met === 'boolean').toBe(true);
  }, 300000);
});

describe('npm run bench (the command)', () => {
  it('prints figure lines and the JSON report as its last line', () => {
    const root = path.join(__dirname, '..', '..');
    const out = execFileSync(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', path.join(root, 'bench', 'main.ts'), '--only', 'check', '--n', '20', '--reps', '1'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 240000,
    });
    const lines = out.trim().split('\n');
    expect(lines.some((l) => l.startsWith('[check] N=20 time (in-process, median): '))).toBe(true);
    const last = JSON.parse(lines[lines.length - 1]) as BenchReport;
    expect(last.bench).toBe('multihome');
    expect(last.options.only).toEqual(['check']);
    expect(last.figures.map((f) => f.suite)).toEqual(['check', 'check']);
  }, 240000);
});

describe('bench suite check-problems inputs', () => {
  it('writes a clean file and the same objects with two metadata problems each', () => {
    const w = new Workspace({} as never);
    try {
      const f = checkProblemFiles(w, 40);
      const clean = checkPaths([f.clean]);
      const bad = checkPaths([f.problems]);
      expect(clean.records.filter((r) => r.severity === 'error')).toEqual([]);
      expect(bad.resources).toBe(clean.resources);
      expect(bad.records.filter((r) => r.code === 'METADATA_LABEL_INVALID')).toHaveLength(f.count);
      expect(bad.records.filter((r) => r.code === 'METADATA_ANNOTATION_INVALID')).toHaveLength(f.count);
    } finally {
      w.dispose();
    }
  });
});
