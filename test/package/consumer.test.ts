/**
 * The package from a user's side. The packed tarball (test/support/package.ts) is installed with
 * npm into two fresh projects in temp directories:
 *
 * - a cdk8s project: `multihome cdk8s constructs cdk8s-plus-28`, and the tsconfig.json that
 *   `cdk8s init typescript-app` writes (CommonJS, node10 resolution, no skipLibCheck; read from
 *   the cdk8s-cli this repository installs);
 * - a Pulumi project: `multihome @pulumi/pulumi @pulumi/kubernetes @pulumi/policy`, and the
 *   tsconfig.json of `pulumi new typescript` (pulumi/templates typescript/tsconfig.json: nodenext);
 *
 * each also compiled under `module/moduleResolution: node16` and under `moduleResolution: bundler`
 * (module esnext, run as ES modules). Every ```ts block of README.md goes to the project of the
 * framework it imports (a block importing neither goes to both), is compiled by the project's own
 * TypeScript under each tsconfig, and the output runs: the cdk8s example must write its NNCP, NAD
 * and VMs; the Pulumi example runs under `pulumi.runtime.setMocks` (no Pulumi CLI or engine exists
 * here) with a preamble prepended that records the registered resources; the policy pack
 * example (a pack is its own project, as `pulumi policy new` makes it) compiles on its own, under
 * the `pulumi new` tsconfig plus skipLibCheck (below), and starts the pack's gRPC server, which
 * prints its port (what the Pulumi CLI reads) and serves until killed. Then the installed
 * `multihome` command runs in the projects (`npx --no multihome …`).
 *
 * npm runs with --prefer-offline against the cache `npm ci` warmed, the versions pinned to the ones
 * this repository installs; --ignore-scripts because @pulumi/kubernetes' install script would
 * download a Pulumi plugin binary (the multihome package has no install script:
 * test/package.test.ts asserts it).
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { CodeBlock, frameworkOf, PackedPackage, packedPackage, REPO_ROOT, repoVersion, run, runNode, RunResult, typescriptBlocks } from '../support/package';

jest.setTimeout(240_000);

type Framework = 'cdk8s' | 'pulumi';

/** One tsconfig of a consumer project and where its JavaScript lands. */
interface Variant {
  readonly name: string;
  readonly tsconfig: string;
  /** Output directory relative to the project (`.`: next to the sources). */
  readonly outDir: string;
  /** The output is ES modules (its directory gets a package.json with "type": "module"). */
  readonly esm: boolean;
}

interface Project {
  readonly framework: Framework;
  readonly dir: string;
  readonly blocks: Array<CodeBlock & { readonly file: string; readonly kind: Framework | 'plain' }>;
  /** The policy pack blocks (Pulumi only), compiled under {@link POLICY_PACK_VARIANT}. */
  readonly policyPacks: Array<CodeBlock & { readonly file: string }>;
  readonly variants: Variant[];
  install?: RunResult;
  compiled: Map<string, RunResult>;
}

/** `pulumi new typescript`'s tsconfig.json (pulumi/templates, typescript/tsconfig.json); `files` names the project's sources. */
const PULUMI_NEW_TSCONFIG = {
  compilerOptions: {
    strict: true,
    outDir: 'bin',
    target: 'es2020',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    sourceMap: true,
    experimentalDecorators: true,
    pretty: true,
    noFallthroughCasesInSwitch: true,
    noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
  },
  files: ['index.ts'],
};

/**
 * A policy pack's own compile: `pulumi new`'s options (Pulumi compiles a pack with ts-node under
 * nodenext, pulumi/pulumi sdk/nodejs/cmd/run-policy-pack/run.ts) plus skipLibCheck, because
 * @pulumi/policy 1.21.0's index.d.ts re-exports two names its proxy.d.ts does not declare (a `tsc`
 * without skipLibCheck fails inside node_modules/@pulumi/policy; ts-node, checking only the
 * pack's own files, does not see it).
 */
const POLICY_PACK_VARIANT: Variant = { name: 'policy pack (pulumi new + skipLibCheck)', tsconfig: 'tsconfig.policy.json', outDir: 'build/policy', esm: false };
const policyPackTsconfig = (files: string[]) => ({
  compilerOptions: { ...PULUMI_NEW_TSCONFIG.compilerOptions, outDir: POLICY_PACK_VARIANT.outDir, skipLibCheck: true },
  files,
});

/** The two resolution modes beyond the frameworks' defaults; strict, no skipLibCheck. */
const extraTsconfig = (mode: 'node16' | 'bundler', files: string[]) => ({
  compilerOptions: {
    strict: true,
    target: 'es2022',
    module: mode === 'node16' ? 'node16' : 'esnext',
    moduleResolution: mode,
    noUnusedLocals: true,
    noUnusedParameters: true,
    outDir: `build/${mode}`,
    declaration: false,
  },
  files,
});

/**
 * Prepended to the Pulumi blocks: mocks instead of the engine, and the registered resources
 * (type and name) written to $MULTIHOME_TEST_RESOURCES when the program ends.
 */
const PULUMI_MOCKS_PREAMBLE = `// --- consumer test preamble: Pulumi mocks (no Pulumi CLI or engine here) ---
import * as mhTestPulumi from '@pulumi/pulumi';
import * as mhTestFs from 'fs';
const mhTestRegistered: Array<{ type: string; name: string }> = [];
mhTestPulumi.runtime.setMocks(
  {
    newResource: (args: mhTestPulumi.runtime.MockResourceArgs) => {
      mhTestRegistered.push({ type: args.type, name: args.name });
      return { id: \`\${args.name}-id\`, state: args.inputs };
    },
    call: (args: mhTestPulumi.runtime.MockCallArgs) => args.inputs,
  },
  'consumer',
  'lab',
  false,
);
process.on('exit', () => mhTestFs.writeFileSync(process.env.MULTIHOME_TEST_RESOURCES ?? 'resources.json', JSON.stringify(mhTestRegistered)));
// --- end of the preamble; the README block follows ---
`;

const README = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const BLOCKS = typescriptBlocks(README);
const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');

let pkg: PackedPackage;
let workRoot: string;
const projects = {} as Record<Framework, Project>;

function setUpProject(framework: Framework): Project {
  const dir = path.join(workRoot, `${framework}-app`);
  fs.mkdirSync(dir);
  const mine = BLOCKS.filter((b) => [framework, 'plain'].includes(frameworkOf(b.code))).map((b) => ({
    ...b,
    kind: frameworkOf(b.code),
    file: `readme-${b.line}.ts`,
  }));
  const blocks = mine.filter((b) => !isPolicyPack(b.code));
  const policyPacks = mine.filter((b) => isPolicyPack(b.code));
  for (const b of blocks) fs.writeFileSync(path.join(dir, b.file), (b.kind === 'pulumi' ? PULUMI_MOCKS_PREAMBLE : '') + b.code);
  for (const b of policyPacks) fs.writeFileSync(path.join(dir, b.file), b.code);
  if (policyPacks.length > 0) fs.writeFileSync(path.join(dir, POLICY_PACK_VARIANT.tsconfig), JSON.stringify(policyPackTsconfig(policyPacks.map((b) => b.file)), null, 2));
  const files = blocks.map((b) => b.file);
  const peers = framework === 'cdk8s' ? ['cdk8s', 'constructs', 'cdk8s-plus-28'] : ['@pulumi/pulumi', '@pulumi/kubernetes', '@pulumi/policy'];
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify(
      {
        name: `multihome-consumer-${framework}`,
        version: '1.0.0',
        private: true,
        dependencies: Object.fromEntries([['multihome', `file:${pkg.tarball}`], ...peers.map((p) => [p, repoVersion(p)])]),
        devDependencies: { typescript: repoVersion('typescript'), '@types/node': repoVersion('@types/node') },
      },
      null,
      2,
    ),
  );
  let first: Variant;
  if (framework === 'cdk8s') {
    // `cdk8s init typescript-app`'s tsconfig.json, verbatim (it compiles every .ts in the project)
    fs.copyFileSync(path.join(REPO_ROOT, 'node_modules', 'cdk8s-cli', 'templates', 'typescript-app', 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
    first = { name: 'cdk8s init (CommonJS, node10)', tsconfig: 'tsconfig.json', outDir: '.', esm: false };
  } else {
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ ...PULUMI_NEW_TSCONFIG, files }, null, 2));
    first = { name: 'pulumi new (nodenext)', tsconfig: 'tsconfig.json', outDir: 'bin', esm: false };
  }
  for (const mode of ['node16', 'bundler'] as const) fs.writeFileSync(path.join(dir, `tsconfig.${mode}.json`), JSON.stringify(extraTsconfig(mode, files), null, 2));
  const variants: Variant[] = [
    first,
    { name: 'node16', tsconfig: 'tsconfig.node16.json', outDir: 'build/node16', esm: false },
    { name: 'bundler (ES modules)', tsconfig: 'tsconfig.bundler.json', outDir: 'build/bundler', esm: true },
  ];
  return { framework, dir, blocks, policyPacks, variants, compiled: new Map() };
}

const npm = (p: Project, args: string[]) => run('npm', args, { cwd: p.dir, timeoutMs: 200_000 });

/**
 * Installs, then compiles under every variant at once (they read the same sources and write
 * different files: the cdk8s template's .js/.d.ts next to the sources, which the other two, with
 * explicit `files`, do not read).
 */
async function installAndCompile(p: Project): Promise<void> {
  p.install = await npm(p, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts']);
  if (p.install.code !== 0) return;
  const tsc = path.join(p.dir, 'node_modules', 'typescript', 'bin', 'tsc');
  await Promise.all(
    [...p.variants, ...(p.policyPacks.length > 0 ? [POLICY_PACK_VARIANT] : [])].map(async (v) => {
      p.compiled.set(v.name, await runNode([tsc, '-p', v.tsconfig], { cwd: p.dir, timeoutMs: 200_000 }));
      if (v.esm) fs.writeFileSync(path.join(p.dir, v.outDir, 'package.json'), JSON.stringify({ type: 'module' }));
    }),
  );
}

beforeAll(async () => {
  expect(BLOCKS.length).toBeGreaterThanOrEqual(3);
  pkg = await packedPackage();
  workRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'multihome-consumers-'));
  projects.cdk8s = setUpProject('cdk8s');
  projects.pulumi = setUpProject('pulumi');
  await Promise.all([installAndCompile(projects.cdk8s), installAndCompile(projects.pulumi)]);
}, 600_000);

afterAll(() => {
  if (workRoot && !process.env.MULTIHOME_KEEP_CONSUMERS) fs.rmSync(workRoot, { recursive: true, force: true });
});

/** Packages installed in a project's node_modules (scoped ones as `@scope/name`). */
function installedPackages(p: Project): string[] {
  const nm = path.join(p.dir, 'node_modules');
  return fs.readdirSync(nm).flatMap((e) => (e.startsWith('@') ? fs.readdirSync(path.join(nm, e)).map((s) => `${e}/${s}`) : e.startsWith('.') ? [] : [e]));
}

describe.each(['cdk8s', 'pulumi'] as const)('a %s project', (framework) => {
  const p = () => projects[framework];

  test('installs the tarball with its peers, and no other framework, agent dependency or build tool', () => {
    expect(p().install).toMatchObject({ code: 0 });
    const installed = installedPackages(p());
    expect(installed).toContain('multihome');
    const foreign = framework === 'cdk8s' ? installed.filter((n) => n.startsWith('@pulumi/')) : installed.filter((n) => /^(cdk8s|cdk8s-plus-\d+|constructs)$/.test(n));
    expect(foreign).toEqual([]);
    expect(installed.filter((n) => ['@kubernetes/client-node', 'esbuild', 'ts-node'].includes(n))).toEqual([]);
    // the other framework's name is not even declared as a dependency
    const lock = JSON.parse(fs.readFileSync(path.join(p().dir, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    expect(Object.keys(lock.packages).filter((k) => (framework === 'cdk8s' ? k.includes('node_modules/@pulumi/') : /node_modules\/(cdk8s|constructs)/.test(k)))).toEqual([]);
  });

  test('gets the README blocks of its framework and the framework-free ones', () => {
    const kinds = p().blocks.map((b) => b.kind);
    expect(kinds).toContain(framework);
    expect(kinds).toContain('plain');
  });

  describe.each([0, 1, 2])('tsconfig #%i', (i) => {
    const v = () => p().variants[i];

    test('compiles every block', () => {
      const r = p().compiled.get(v().name);
      expect({ variant: v().name, code: r?.code, output: `${r?.stdout ?? ''}${r?.stderr ?? ''}`.trim() }).toEqual({ variant: v().name, code: 0, output: '' });
    });

    test('runs every block', async () => {
      expect(p().compiled.get(v().name)?.code).toBe(0);
      for (const b of p().blocks) {
        const runDir = fs.mkdtempSync(path.join(p().dir, 'run-'));
        const js = path.join(p().dir, v().outDir, b.file.replace(/\.ts$/, '.js'));
        const resources = path.join(runDir, 'resources.json');
        if (b.kind === 'plain') {
          fs.mkdirSync(path.join(runDir, 'manifests'));
          fs.copyFileSync(path.join(FIXTURES, 'package', 'clean.yaml'), path.join(runDir, 'manifests', 'clean.yaml'));
        }
        const where = `README.md:${b.line} (${b.kind}) under ${v().name}`;
        const r = await runNode([js], { cwd: runDir, env: { ...process.env, MULTIHOME_TEST_RESOURCES: resources }, timeoutMs: 60_000 });
        expect({ where, code: r.code, stderr: r.code ? r.stderr : '' }).toEqual({ where, code: 0, stderr: '' });
        if (b.kind === 'cdk8s' && b.code.includes('clusterState')) await expectClusterStateBlock(js, runDir, where);
        else if (b.kind === 'cdk8s') expectCdk8sOutput(runDir);
        if (b.kind === 'pulumi') expectPulumiResources(b.code, JSON.parse(fs.readFileSync(resources, 'utf8')));
        if (b.kind === 'plain' && b.code.includes('checkPaths')) expect(r.stdout).toContain('0 error(s), 0 warning(s) in 2 resource(s) from 1 file(s)');
      }
    });
  });

  if (framework === 'pulumi') {
    test('the policy pack block compiles on its own and serves the pack (prints its port)', async () => {
      expect(p().policyPacks.length).toBe(1);
      const compiled = p().compiled.get(POLICY_PACK_VARIANT.name);
      expect({ code: compiled?.code, output: `${compiled?.stdout ?? ''}${compiled?.stderr ?? ''}`.trim() }).toEqual({ code: 0, output: '' });
      for (const b of p().policyPacks) {
        const runDir = fs.mkdtempSync(path.join(p().dir, 'pack-'));
        // PolicyPack reads the version of the package.json in its working directory (the pack's)
        fs.writeFileSync(path.join(runDir, 'package.json'), JSON.stringify({ name: 'policy-pack', version: '0.1.0' }));
        const served = await serveUntilPort(path.join(p().dir, POLICY_PACK_VARIANT.outDir, b.file.replace(/\.ts$/, '.js')), runDir);
        expect({ where: `README.md:${b.line}`, ...served }).toEqual({ where: `README.md:${b.line}`, port: expect.any(Number), stderr: '' });
      }
    });
  }

  test('`npx multihome check` of the installed bin: exit 0 on clean YAML, 1 with the problem listed on broken YAML', async () => {
    const clean = await npx(p(), ['check', path.join(FIXTURES, 'package', 'clean.yaml')]);
    expect(clean).toMatchObject({ code: 0 });
    expect(clean.stdout).toContain('0 error(s)');
    const broken = await npx(p(), ['check', '--format', 'json', path.join(FIXTURES, 'seeds', '004-kubevirt-bridge-vlan100.yaml')]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('"severity": "error"');
  });

  test("the README's adoption of seed 004: `npx multihome import` then `npx multihome synth --environments`, and the module compiles under --strict", async () => {
    const dir = fs.mkdtempSync(path.join(p().dir, 'adopt-'));
    fs.copyFileSync(path.join(FIXTURES, 'seeds', '004-kubevirt-bridge-vlan100.yaml'), path.join(dir, 'seed-004.yaml'));
    const inDir = (args: string[]) => run('npx', ['--no', 'multihome', ...args], { cwd: dir, timeoutMs: 120_000 });
    const imported = await inDir(['import', 'seed-004.yaml', '--name', 'lab', '--out', 'lab.ts']);
    expect({ code: imported.code, stderr: imported.code ? imported.stderr : '' }).toEqual({ code: 0, stderr: '' });
    expect(imported.stderr).toContain('kept     NetworkAttachmentDefinition/bridge-network');
    // no ts-node in this project: the environments module loads through the project's typescript
    const synth = await inDir(['synth', '--environments', 'lab.ts']);
    expect({ code: synth.code, stderr: synth.code ? synth.stderr : '' }).toEqual({ code: 0, stderr: '' });
    const written = (yaml.loadAll(fs.readFileSync(path.join(dir, 'dist', 'lab', 'lab.k8s.yaml'), 'utf8')) as K8sObject[]).map((o) => `${o.kind}/${o.metadata.name}`);
    expect(written).toEqual(expect.arrayContaining(['NodeNetworkConfigurationPolicy/br0-eth1', 'NetworkAttachmentDefinition/br0-100-l2', 'NetworkAttachmentDefinition/bridge-network', 'VirtualMachine/vma', 'VirtualMachine/vmb', 'NetworkAddonsConfig/cluster']));
    // the framework's own format, next to the data form, compiles strictly against the installed package
    expect((await inDir(['import', 'seed-004.yaml', '--name', 'lab', '--format', framework, '--out', 'app.ts'])).code).toBe(0);
    const tsc = path.join(p().dir, 'node_modules', 'typescript', 'bin', 'tsc');
    const compiled = await runNode([tsc, '--strict', '--noEmit', '--target', 'es2022', '--module', 'commonjs', '--moduleResolution', 'node10', '--esModuleInterop', '--skipLibCheck', 'lab.ts', 'app.ts'], { cwd: dir, timeoutMs: 200_000 });
    expect({ code: compiled.code, output: `${compiled.stdout}${compiled.stderr}`.trim() }).toEqual({ code: 0, output: '' });
  }, 400_000);

  test('`npx multihome agent …` runs the bundled agent: help, and a config rejected before the host is touched', async () => {
    const help = await npx(p(), ['agent', 'plan', '--help']);
    expect(help).toMatchObject({ code: 0 });
    expect(help.stdout).toContain('Usage: multihome agent plan');
    const config = path.join(p().dir, 'agent-ovs.json');
    fs.writeFileSync(config, JSON.stringify({ desiredState: { interfaces: [{ name: 'br9', type: 'ovs-bridge', state: 'up' }] } }));
    const plan = await npx(p(), ['agent', 'plan', '--config', config]);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('AGENT_UNSUPPORTED');
  });
});

/** `npx --no multihome …` in the project: the installed bin or nothing (`--no`: never download). */
const npx = (p: Project, args: string[]) => run('npx', ['--no', 'multihome', ...args], { cwd: p.dir, timeoutMs: 60_000 });

interface K8sObject {
  kind: string;
  metadata: { name: string; namespace?: string };
}

/** The README's cdk8s example: dist/*.k8s.yaml with NMState, NetworkAddonsConfig (the bridge marker) → NNCP br0-eth1 → NAD br0-100-l2 → VMs vma, vmb. */
/**
 * The README's `clusterState` block (an environment reading CLUSTER_STATE): unset, it synthesizes
 * its chart; pointed at NodeNetworkState files it pre-flights against them; pointed at nothing, the
 * installed package fails synth with PREFLIGHT_STATE_UNREADABLE (the prop reached the core).
 */
async function expectClusterStateBlock(js: string, runDir: string, where: string): Promise<void> {
  expect(fs.readdirSync(path.join(runDir, 'dist')).filter((f) => f.endsWith('.k8s.yaml'))).toEqual(['edge.k8s.yaml']);
  fs.mkdirSync(path.join(runDir, 'state'));
  fs.copyFileSync(path.join(FIXTURES, 'preflight', 'nns', 'lab-kubevirtci.yaml'), path.join(runDir, 'state', 'cluster.yaml'));
  const withState = await runNode([js], { cwd: runDir, env: { ...process.env, CLUSTER_STATE: 'state/' }, timeoutMs: 60_000 });
  expect({ where, code: withState.code, stderr: withState.code ? withState.stderr : '' }).toEqual({ where, code: 0, stderr: '' });
  const missing = await runNode([js], { cwd: runDir, env: { ...process.env, CLUSTER_STATE: 'no-such-state/' }, timeoutMs: 60_000 });
  expect(missing.code).not.toBe(0);
  expect(missing.stderr).toContain('[PREFLIGHT_STATE_UNREADABLE]');
}

function expectCdk8sOutput(runDir: string): void {
  const dist = path.join(runDir, 'dist');
  const files = fs.readdirSync(dist).filter((f) => f.endsWith('.k8s.yaml'));
  expect(files).toEqual(['lab.k8s.yaml']);
  const objects = yaml.loadAll(fs.readFileSync(path.join(dist, files[0]), 'utf8')) as K8sObject[];
  expect(objects.map((o) => `${o.kind}/${o.metadata.namespace ? o.metadata.namespace + '/' : ''}${o.metadata.name}`)).toEqual([
    'NMState/nmstate',
    'NetworkAddonsConfig/cluster',
    'NodeNetworkConfigurationPolicy/br0-eth1',
    'NetworkAttachmentDefinition/default/br0-100-l2',
    'VirtualMachine/default/vma',
    'VirtualMachine/default/vmb',
  ]);
}

/** A README block that creates a CrossGuard policy pack (run as a server, not under the mocks). */
const isPolicyPack = (code: string) => /new PolicyPack\(/.test(code);

/**
 * Runs a policy pack program until it prints the port its gRPC server listens on (the line the
 * Pulumi CLI waits for), then stops it; fails when it exits first or prints nothing in time.
 */
function serveUntilPort(js: string, cwd: string): Promise<{ port?: number; stderr: string; code?: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [js], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const done = (r: { port?: number; code?: number | null }) => {
      clearTimeout(timer);
      child.kill();
      resolve({ ...r, stderr });
    };
    const timer = setTimeout(() => done({ code: undefined }), 60_000);
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /^(\d+)\s*$/m.exec(stdout);
      if (m) done({ port: Number(m[1]) });
    });
    child.on('exit', (code) => done({ code }));
  });
}

/** The README's Pulumi examples: the component tree and the Kubernetes objects of the cdk8s example. */
function expectPulumiResources(code: string, registered: Array<{ type: string; name: string }>): void {
  const byType = (type: string) => registered.filter((r) => r.type === type).map((r) => r.name).sort();
  const dataForm = code.includes('defineEnvironment(');
  const ns = dataForm ? 'default' : 'vms';
  expect(byType('multihome:index:NetworkEnvironment')).toEqual(['lab']);
  expect(byType('multihome:index:MultihomedVM')).toEqual(dataForm ? ['lab-default-vma', 'lab-default-vmb'] : ['vma', 'vmb']);
  expect(byType('multihome:index:VlanBridgeNetwork')).toEqual(dataForm ? ['lab-br0-100'] : ['br0-100']);
  expect(byType('kubernetes:nmstate.io/v1:NMState')).toHaveLength(1);
  expect(byType('kubernetes:networkaddonsoperator.network.kubevirt.io/v1:NetworkAddonsConfig')).toHaveLength(1);
  expect(byType('kubernetes:nmstate.io/v1:NodeNetworkConfigurationPolicy')).toEqual([expect.stringContaining('br0-eth1')]);
  expect(byType('kubernetes:k8s.cni.cncf.io/v1:NetworkAttachmentDefinition')).toEqual([expect.stringContaining(`${ns}-br0-100-l2`)]);
  expect(byType('kubernetes:kubevirt.io/v1:VirtualMachine')).toEqual([expect.stringContaining(`${ns}-vma`), expect.stringContaining(`${ns}-vmb`)]);
}
