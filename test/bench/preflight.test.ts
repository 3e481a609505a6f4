import * as fs from 'fs';
import * as jsyaml from 'js-yaml';
import * as os from 'os';
import * as path from 'path';
import { formatFigure } from '../../bench/harness';
import { expectedFindings } from '../../bench/preflight/intent';
import { writePreflightInputs } from '../../bench/preflight/inputs';
import { BenchReport, parseBenchArgs, runBench } from '../../bench/run';

/**
 * The pre-flight suite on a tiny size: its inputs look like what kubectl prints, its warm-up
 * checks pass, and it reports a ratio and a verdict. Timings are not asserted.
 */

describe('pre-flight bench inputs', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'multihome-preflight-bench-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes one NodeNetworkState file per node with 22–38 interface entries, eth0 holding the default route, and a Node list', () => {
    const inputs = writePreflightInputs(path.join(dir, 'a'), { nodes: 12, policies: 40 });
    const files = fs.readdirSync(inputs.stateDir).sort();
    expect(files).toHaveLength(13);
    expect(files[0]).toBe('nodes.yaml');
    expect(files[1]).toBe('worker-000.yaml');
    for (const f of files.slice(1)) {
      const nns = jsyaml.load(fs.readFileSync(path.join(inputs.stateDir, f), 'utf8')) as { kind: string; metadata: { name: string }; status: { lastSuccessfulUpdateTime: unknown; currentState: { interfaces: Array<{ name: string; type: string }>; routes: { running: Array<Record<string, unknown>> }; ovn: { 'bridge-mappings': unknown[] } } } };
      expect(nns.kind).toBe('NodeNetworkState');
      expect(`${nns.metadata.name}.yaml`).toBe(f);
      expect(typeof nns.status.lastSuccessfulUpdateTime).toBe('string');
      const names = nns.status.currentState.interfaces.map((i) => i.name);
      expect(names.length).toBeGreaterThanOrEqual(22);
      expect(names.length).toBeLessThanOrEqual(38);
      expect(names).toEqual(expect.arrayContaining(['lo', 'eth0', 'ens1f0', 'ens1f1', 'bond0', 'bond0.100', 'br100', 'br-ex']));
      expect(names.some((n) => n.startsWith('veth'))).toBe(false);
      const running = nns.status.currentState.routes.running;
      expect(running.length).toBeGreaterThanOrEqual(40);
      expect(running.filter((r) => r.destination === '0.0.0.0/0').map((r) => r['next-hop-interface'])).toEqual(['eth0']);
      expect(nns.status.currentState.ovn['bridge-mappings']).toHaveLength(2);
    }
    const nodes = jsyaml.load(fs.readFileSync(path.join(inputs.stateDir, 'nodes.yaml'), 'utf8')) as { kind: string; items: Array<{ kind: string; metadata: { labels: Record<string, string> } }> };
    expect(nodes.kind).toBe('List');
    expect(nodes.items).toHaveLength(12);
    expect(nodes.items[3].metadata.labels).toMatchObject({ 'kubernetes.io/hostname': 'worker-003', 'multihome.io/rack': 'rack-3' });
  });

  it('writes the 500 policies as a mix, with NADs and VMs, the same bytes every time', () => {
    const a = writePreflightInputs(path.join(dir, 'b'), { nodes: 100, policies: 500 });
    const b = writePreflightInputs(path.join(dir, 'c'), { nodes: 100, policies: 500 });
    const text = fs.readFileSync(a.policiesFile, 'utf8');
    expect(fs.readFileSync(b.policiesFile, 'utf8')).toBe(text);
    expect(fs.readFileSync(path.join(a.stateDir, 'worker-042.yaml'), 'utf8')).toBe(fs.readFileSync(path.join(b.stateDir, 'worker-042.yaml'), 'utf8'));
    const docs = jsyaml.loadAll(text) as Array<{ kind: string; spec: Record<string, unknown> }>;
    const nncps = docs.filter((d) => d.kind === 'NodeNetworkConfigurationPolicy');
    expect(nncps).toHaveLength(500);
    const selectors = nncps.map((p) => Object.keys(p.spec.nodeSelector as object)[0]);
    expect(selectors.filter((s) => s === 'kubernetes.io/hostname')).toHaveLength(470);
    expect(selectors.filter((s) => s === 'multihome.io/rack')).toHaveLength(24);
    expect(selectors.filter((s) => s === 'node-role.kubernetes.io/worker')).toHaveLength(6);
    expect(nncps.filter((p) => p.spec.capture !== undefined)).toHaveLength(20);
    expect(docs.filter((d) => d.kind === 'NetworkAttachmentDefinition')).toHaveLength(38);
    expect(docs.filter((d) => d.kind === 'VirtualMachine')).toHaveLength(100);
    // the planted mistake: an ens1f2 policy on each node with two NICs (i % 3 === 0: 34 of 100)
    expect(expectedFindings(100, 500)).toEqual({ PREFLIGHT_INTERFACE_MISSING: 34 });
  });

  it('refuses sizes it cannot make', () => {
    expect(() => writePreflightInputs(path.join(dir, 'd'), { nodes: 0, policies: 5 })).toThrow(/nodes must be/);
    expect(() => writePreflightInputs(path.join(dir, 'd'), { nodes: 5, policies: 0 })).toThrow(/policies must be/);
  });
});

describe('npm run bench -- --only preflight (tiny)', () => {
  it('parses its size options', () => {
    expect(parseBenchArgs(['--only', 'preflight', '--preflight-nodes', '10', '--preflight-policies=20'])).toEqual({ only: ['preflight'], preflightNodes: 10, preflightPolicies: 20 });
    expect(() => parseBenchArgs(['--preflight-nodes', '0'])).toThrow(/1\.\.1000/);
  });

  it('checks the run found the planted findings, then reports a ratio against the parse floor and a verdict', async () => {
    const lines: string[] = [];
    const report: BenchReport = await runBench({ only: ['preflight'], preflightNodes: 10, preflightPolicies: 20, reps: 1, warmup: 1, log: (s) => lines.push(s) });
    const log = lines.join('\n');
    expect(log).toMatch(/\[preflight\] 10 nodes × 20 policies: 3 findings, as planted \(3 PREFLIGHT_INTERFACE_MISSING\), each with its line; the floor reads the 20 state objects/);
    expect(report.figures.map((f) => f.metric)).toEqual(['time (in-process, median)', 'peak RSS (median)', 'core time, clusterStateOf + preflight (in-process, median)']);
    const [time, , core] = report.figures;
    expect(time.target).toEqual({ op: '<=', value: 1.5 });
    expect(typeof time.ratio === 'number' && time.ratio > 0).toBe(true);
    expect(typeof time.met).toBe('boolean');
    expect(lines).toContain(formatFigure(time));
    expect(formatFigure(time)).toMatch(/^\[preflight\] N=10 time \(in-process, median\): .* ratio \d+\.\d\d× {2}target ≤ 1\.5× {2}(MET|MISSED)/);
    expect(core.target).toBeUndefined();
    expect(typeof core.ratio === 'number' && core.ratio > 0).toBe(true);
    expect(report.summary.targets).toBe(1);
    expect(report.options).toMatchObject({ preflightNodes: 10, preflightPolicies: 20 });
    expect(report.suites.preflight).toMatchObject({ inputs: { nodes: 10, policies: 20, stateObjects: 20 } });
  }, 300000);
});
