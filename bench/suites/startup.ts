/**
 * Suite `startup`: what a user waits for on every save, as whole commands against the same
 * command on nothing:
 *   - `multihome check` of the lab environment's manifests vs `multihome check` of an empty file;
 *   - `cdk8s synth` of a cdk8s project whose main.ts synthesizes the lab environment with the
 *     constructs vs the same project synthesizing an empty chart.
 * Both run the package as users get it: lib compiled by tsc into a package directory (bin,
 * dist-lib, package.json), imported as `multihome/…` from projects with the tsconfig and app
 * command `cdk8s init typescript-app` writes (`ts-node main.ts`, type-checked).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { lab } from '../../apps/environments/lab';
import { stringifyManifests } from '../../lib/core/render/yaml';
import { buildEnvironment } from '../../lib/core/topology/build';
import { Figure, figure, formatFigure, paired, ratios, ROOT, Sample, stat, Target } from '../harness';
import { Workspace } from '../workspace';

/** Targets of the suite (issue 10). */
export const STARTUP_TARGETS = { check: { op: '<=', value: 1.2 }, cdk8s: { op: '<=', value: 1.5 } } as const satisfies Record<string, Target>;

/** Options of {@link runStartupSuite}. */
export interface StartupSuiteOptions {
  readonly reps: number;
  readonly warmup: number;
}

/** Raw wall times of one comparison. */
export interface StartupComparison {
  readonly a: { readonly name: string; readonly wallMs: number[] };
  readonly b: { readonly name: string; readonly wallMs: number[] };
}

/** Runs a command and returns its wall time as a bench sample (the command must exit 0). */
function command(argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Sample {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...argv], { cwd, encoding: 'utf8', timeout: 300000, env: { ...process.env, ...env, NODE_OPTIONS: '' } });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`startup: ${argv.join(' ')} (in ${cwd}) exited ${r.status ?? r.signal}:\n${(r.stderr || r.stdout).slice(-3000)}`);
  return { wallMs, result: { ms: wallMs, rssMB: NaN, stdout: r.stdout } as Sample['result'] };
}

/** The package as installed: tsc output of lib/ with bin/ and package.json, and a node_modules the projects share. */
function preparePackage(dir: string, log: (s: string) => void): { pkg: string; modules: string } {
  const pkg = path.join(dir, 'pkg');
  fs.mkdirSync(path.join(pkg, 'bin'), { recursive: true });
  const t0 = Date.now();
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', path.join(pkg, 'dist-lib')], { encoding: 'utf8' });
  if (tsc.status !== 0) throw new Error(`startup: tsc failed:\n${tsc.stdout}${tsc.stderr}`);
  log(`[startup] compiled lib/ into a package directory in ${Date.now() - t0} ms`);
  fs.copyFileSync(path.join(ROOT, 'bin', 'multihome.js'), path.join(pkg, 'bin', 'multihome.js'));
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(pkg, 'package.json'));
  // the projects' node_modules: the repository's packages plus `multihome` → the package directory
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(modules);
  for (const e of fs.readdirSync(path.join(ROOT, 'node_modules'))) fs.symlinkSync(path.join(ROOT, 'node_modules', e), path.join(modules, e));
  fs.symlinkSync(pkg, path.join(modules, 'multihome'));
  return { pkg, modules };
}

/** A cdk8s project with `main`: cdk8s init's tsconfig and app command. */
function cdk8sProject(dir: string, name: string, main: string, extra: Record<string, string> = {}): string {
  const project = path.join(dir, name);
  fs.mkdirSync(project);
  fs.copyFileSync(path.join(ROOT, 'node_modules', 'cdk8s-cli', 'templates', 'typescript-app', 'tsconfig.json'), path.join(project, 'tsconfig.json'));
  fs.writeFileSync(path.join(project, 'cdk8s.yaml'), `language: typescript\napp: node ../node_modules/ts-node/dist/bin.js main.ts\noutput: dist\n`);
  fs.writeFileSync(path.join(project, 'main.ts'), main);
  for (const [f, text] of Object.entries(extra)) fs.writeFileSync(path.join(project, f), text);
  return project;
}

function compareCommands(suite: string, metric: string, a: { name: string; run: () => Sample }, b: { name: string; run: () => Sample }, o: StartupSuiteOptions, target: Target, onFirst: (a: Sample, b: Sample) => void): { figure: Figure; data: StartupComparison } {
  const p = paired(a.run, b.run, o.reps, o.warmup, onFirst);
  const wa = p.a.map((s) => s.wallMs);
  const wb = p.b.map((s) => s.wallMs);
  const ratio = stat(ratios(wa, wb)).median;
  return {
    figure: figure({ suite, metric, unit: 'ms', value: stat(wa).median, floor: stat(wb).median, ratio, target, note: `${a.name} vs ${b.name}; min ${Math.round(stat(wa).min)} vs ${Math.round(stat(wb).min)} ms; n=${wa.length}` }),
    data: { a: { name: a.name, wallMs: wa }, b: { name: b.name, wallMs: wb } },
  };
}

/** Runs suite `startup`. */
export function runStartupSuite(w: Workspace, o: StartupSuiteOptions, log: (s: string) => void): { figures: Figure[]; comparisons: StartupComparison[] } {
  const dir = w.fresh('startup');
  fs.mkdirSync(dir);
  const { pkg } = preparePackage(dir, log);
  const bin = path.join(pkg, 'bin', 'multihome.js');

  const labFile = path.join(dir, 'lab.yaml');
  const emptyFile = path.join(dir, 'empty.yaml');
  // what synth writes: the build's manifests (with the target annotations `check` reads)
  const labManifests = buildEnvironment(lab).manifests.map((m) => m.manifest);
  fs.writeFileSync(labFile, stringifyManifests(labManifests));
  fs.writeFileSync(emptyFile, '');
  const check = compareCommands(
    'startup',
    'multihome check, lab manifests vs empty file (wall, median)',
    { name: 'multihome check lab.yaml', run: () => command([bin, 'check', labFile], dir) },
    { name: 'multihome check empty.yaml', run: () => command([bin, 'check', emptyFile], dir) },
    o,
    STARTUP_TARGETS.check,
    (a, b) => {
      const resources = (s: Sample) => /in (\d+) resource\(s\)/.exec(String(s.result.stdout))?.[1];
      if (resources(a) !== String(labManifests.length) || resources(b) !== '0') throw new Error(`startup: check read ${resources(a)} and ${resources(b)} resources`);
      log(`[startup] check reads the ${resources(a)} lab resources and the empty file (0)`);
    },
  );

  const labSource = fs.readFileSync(path.join(ROOT, 'apps', 'environments', 'lab.ts'), 'utf8').replace(/from '[./]*lib\/core\/topology\/define'/, "from 'multihome/core'");
  const labApp = cdk8sProject(dir, 'lab-app', "import { App } from 'cdk8s';\nimport { NetworkEnvironment } from 'multihome/cdk8s';\nimport { lab } from './lab';\n\nconst app = new App();\nnew NetworkEnvironment(app, 'lab', { environment: lab });\napp.synth();\n", { 'lab.ts': labSource });
  const emptyApp = cdk8sProject(dir, 'empty-app', "import { App, Chart } from 'cdk8s';\n\nconst app = new App();\nnew Chart(app, 'empty');\napp.synth();\n");
  const cdk8sCli = path.join(ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');
  const offline = { CDK8S_CHECK_UPGRADE: 'false' };
  const synth = compareCommands(
    'startup',
    'cdk8s synth, lab environment vs empty chart (wall, median)',
    { name: 'cdk8s synth (lab, multihome/cdk8s)', run: () => command([cdk8sCli, 'synth'], labApp, offline) },
    { name: 'cdk8s synth (empty chart)', run: () => command([cdk8sCli, 'synth'], emptyApp, offline) },
    o,
    STARTUP_TARGETS.cdk8s,
    () => {
      const out = fs.readFileSync(path.join(labApp, 'dist', 'lab.k8s.yaml'), 'utf8');
      if (out !== stringifyManifests(labManifests)) throw new Error('startup: the lab project did not synthesize the lab environment');
      log(`[startup] the lab project writes the lab environment (${Buffer.byteLength(out)} bytes, same as multihome synth)`);
    },
  );
  for (const f of [check.figure, synth.figure]) log(formatFigure(f));
  return { figures: [check.figure, synth.figure], comparisons: [check.data, synth.data] };
}
