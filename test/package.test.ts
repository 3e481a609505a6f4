/**
 * The package as npm publishes it: `npm pack` (prepack builds dist-lib/ and dist-agent/) of a copy
 * of the sources, extracted (test/support/package.ts). What it ships, what its package.json
 * declares, what each entry point loads, the bundled agent, and the public types. Installing it
 * into real consumer projects is test/package/consumer.test.ts. Plus one check of the sources:
 * lib/core stays framework-free.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { builtinModules } from 'module';
import { forgottenExports } from './support/api-surface';
import { PackedPackage, packedPackage, REPO_ROOT, runNode, childEnv } from './support/package';

jest.setTimeout(300_000);

const FRAMEWORKS = ['cdk8s', 'constructs', 'cdk8s-plus-28', '@pulumi/pulumi', '@pulumi/kubernetes', '@pulumi/policy'];
/** The runtime dependencies, each with the shipped code that needs it. */
const RUNTIME_DEPENDENCIES: Record<string, string> = {
  commander: 'the multihome command (dist-lib/lib/cli)',
  'ipaddr.js': 'address parsing and validation in lib/core',
  'js-yaml': 'YAML 1.1 reading of hand-written networkData (lib/core)',
  yaml: 'manifest YAML reading with source positions (lib/core/source)',
  '@viz-js/viz': 'topology.svg (Graphviz as WebAssembly, lib/core/diagram)',
};
/** Required by the shipped code but deliberately not a dependency. */
const OPTIONAL_REQUIRES: Record<string, string> = {
  'ts-node': 'only to load a .ts environments module given to `multihome synth`, or the agent sources in a checkout',
};
const ENTRIES = { '.': 'index', './core': 'core/index', './cdk8s': 'cdk8s/index', './pulumi': 'pulumi/index', './policy': 'policy/index' } as const;

function filesUnder(dir: string, ext: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name), ext) : e.name.endsWith(ext) ? [path.join(dir, e.name)] : []));
}

/** Loads `modules` (paths inside the package) in a fresh Node and lists the packages each one loaded. */
async function loadedPackages(pkg: PackedPackage, modules: string[]): Promise<Record<string, { exports: Record<string, string>; packages: string[] }>> {
  const script = `
    const Module = require('module');
    const out = {};
    for (const m of JSON.parse(process.argv[1])) {
      for (const k of Object.keys(require.cache)) delete require.cache[k];
      const exp = require(require('path').join(${JSON.stringify(pkg.root)}, m));
      const packages = new Set();
      for (const f of Object.keys(require.cache)) {
        const i = f.lastIndexOf('/node_modules/');
        if (i < 0) continue;
        const rest = f.slice(i + 14).split('/');
        packages.add(rest[0].startsWith('@') ? rest[0] + '/' + rest[1] : rest[0]);
      }
      out[m] = { exports: Object.fromEntries(Object.entries(exp).map(([k, v]) => [k, typeof v])), packages: [...packages].sort() };
    }
    process.stdout.write(JSON.stringify(out));`;
  // The package's dependencies and peers come from the repository's node_modules (NODE_PATH).
  const r = await runNode(['-e', script, JSON.stringify(modules)], { cwd: os.tmpdir(), env: childEnv({ NODE_PATH: path.join(REPO_ROOT, 'node_modules') }) });
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

describe('the packed package', () => {
  let pkg: PackedPackage;
  beforeAll(async () => {
    pkg = await packedPackage();
  }, 600_000);

  test('ships only bin/, the compiled library, the agent bundle, README.md, Dockerfile and package.json: no TypeScript sources, no agent code in the library', () => {
    const top = new Set(pkg.files.map((f) => f.split('/')[0]));
    expect([...top].sort()).toEqual(['Dockerfile', 'README.md', 'bin', 'dist-agent', 'dist-lib', 'package.json']);
    expect(pkg.files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    expect(pkg.files.filter((f) => f.startsWith('dist-lib/lib/agent/'))).toEqual([]);
    expect(pkg.files).toContain('dist-agent/multihome-agent.js');
    expect(pkg.files).toContain('dist-agent/multihome-cluster-reader.js');
    expect(pkg.files).toContain('dist-lib/lib/cli/live-cluster-loader.js');
    // the reader itself (it imports @kubernetes/client-node) ships only in the bundle
    expect(pkg.files.filter((f) => /^dist-lib\/lib\/cli\/live-cluster(-http)?\.js$/.test(f))).toEqual([]);
    expect(pkg.files).toContain('dist-lib/imports/kubevirt.io.js');
    expect(pkg.files).toContain('bin/multihome.js');
    // the pack is the files list, nothing stale: everything listed is what was extracted
    for (const f of pkg.files) expect(fs.existsSync(path.join(pkg.root, f))).toBe(true);
  });

  test('exports: every subpath has a types condition first and a default, both shipped; typesVersions maps the same .d.ts for node10 resolution', () => {
    const m = pkg.manifest;
    expect(Object.keys(m.exports).sort()).toEqual(['.', './cdk8s', './core', './package.json', './policy', './pulumi']);
    for (const [sub, entry] of Object.entries(ENTRIES)) {
      const target = m.exports[sub] as Record<string, string>;
      expect(Object.keys(target)).toEqual(['types', 'default']);
      expect(target.types).toBe(`./dist-lib/lib/${entry}.d.ts`);
      expect(target.default).toBe(`./dist-lib/lib/${entry}.js`);
      expect(pkg.files).toContain(target.types.slice(2));
      expect(pkg.files).toContain(target.default.slice(2));
      if (sub !== '.') expect(m.typesVersions['*'][sub.slice(2)]).toEqual([target.types.slice(2)]);
    }
    expect(Object.keys(m.typesVersions['*']).sort()).toEqual(['cdk8s', 'core', 'policy', 'pulumi']);
    expect('./' + m.main).toBe((m.exports['.'] as Record<string, string>).default);
    expect('./' + m.types).toBe((m.exports['.'] as Record<string, string>).types);
  });

  test('dependencies: the frameworks are optional peers; no build tool, no agent dependency, no install script', () => {
    const m = pkg.manifest;
    expect(Object.keys(m.dependencies ?? {}).sort()).toEqual(Object.keys(RUNTIME_DEPENDENCIES).sort());
    expect(Object.keys(m.peerDependencies ?? {}).sort()).toEqual([...FRAMEWORKS].sort());
    for (const f of FRAMEWORKS) expect(m.peerDependenciesMeta?.[f]).toEqual({ optional: true });
    for (const d of ['esbuild', '@kubernetes/client-node', 'ts-node', 'typescript']) expect(m.dependencies).not.toHaveProperty(d);
    for (const s of ['preinstall', 'install', 'postinstall', 'prepare']) expect(m.scripts ?? {}).not.toHaveProperty(s);
  });

  test('every package the shipped library requires is a runtime dependency or a peer, and every runtime dependency is required', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((b) => `node:${b}`)]);
    const required = new Set<string>();
    for (const f of filesUnder(path.join(pkg.root, 'dist-lib'), '.js')) {
      for (const [, spec] of fs.readFileSync(f, 'utf8').matchAll(/require\(["']([^"']+)["']\)/g)) {
        if (spec.startsWith('.') || builtins.has(spec)) continue;
        required.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
      }
    }
    const declared = new Set([...Object.keys(pkg.manifest.dependencies ?? {}), ...FRAMEWORKS, ...Object.keys(OPTIONAL_REQUIRES)]);
    expect([...required].filter((r) => !declared.has(r))).toEqual([]);
    expect(Object.keys(RUNTIME_DEPENDENCIES).filter((d) => !required.has(d))).toEqual([]);
    expect(FRAMEWORKS.filter((d) => !required.has(d))).toEqual([]);
  });

  test('each entry point loads only its own framework; the CLI loads none, and not the agent', async () => {
    const loaded = await loadedPackages(pkg, [...Object.values(ENTRIES).map((e) => `dist-lib/lib/${e}.js`), 'dist-lib/lib/cli/main.js']);
    const frameworksOf = (m: string) => loaded[m].packages.filter((p) => FRAMEWORKS.includes(p) || p === '@kubernetes/client-node');
    expect(frameworksOf('dist-lib/lib/index.js')).toEqual([]);
    expect(frameworksOf('dist-lib/lib/core/index.js')).toEqual([]);
    expect(frameworksOf('dist-lib/lib/cdk8s/index.js')).toEqual(['cdk8s', 'constructs']);
    expect(frameworksOf('dist-lib/lib/pulumi/index.js')).toEqual(['@pulumi/kubernetes', '@pulumi/pulumi']);
    expect(frameworksOf('dist-lib/lib/policy/index.js')).toEqual(['@pulumi/policy', '@pulumi/pulumi']);
    expect(frameworksOf('dist-lib/lib/cli/main.js')).toEqual([]);

    const kinds = (m: string, names: string[]) => Object.fromEntries(names.map((n) => [n, loaded[m].exports[n]]));
    const fns = (names: string[]) => Object.fromEntries(names.map((n) => [n, 'function']));
    const constructs = ['NetworkEnvironment', 'ClusterNetworkPrerequisites', 'BondedUplink', 'VlanBridgeNetwork', 'MultihomedVM', 'NodeNetworkPolicy', 'NetworkAttachment', 'NetworkAgent'];
    expect(kinds('dist-lib/lib/cdk8s/index.js', [...constructs, 'NodeGroup', 'Uplink', 'HostNetworkPolicy', 'synthEnvironments'])).toEqual(fns([...constructs, 'NodeGroup', 'Uplink', 'HostNetworkPolicy', 'synthEnvironments']));
    // the Pulumi side: the same components as the constructs, and the stack config parser
    const components = ['NetworkEnvironment', 'ClusterNetworkPrerequisites', 'NodeGroup', 'Uplink', 'BondedUplink', 'VlanBridgeNetwork', 'MultihomedVM', 'HostNetworkPolicy', 'NetworkAgent', 'parseStackConfig'];
    expect(kinds('dist-lib/lib/pulumi/index.js', components)).toEqual(fns(components));
    expect(kinds('dist-lib/lib/policy/index.js', ['multihomePolicies', 'multihomePolicyPack', 'checkStack'])).toEqual(fns(['multihomePolicies', 'multihomePolicyPack', 'checkStack']));
    const core = ['defineEnvironment', 'buildEnvironment', 'validateManifests', 'renderTopology', 'resolveTopology', 'validateEnvironment', 'validateManifest', 'validateManifestSet', 'stringifyManifests', 'loadDocuments', 'renderAgentDeployment', 'agentConfigs', 'ProblemSink', 'TopologyBuilder'];
    expect(kinds('dist-lib/lib/core/index.js', core)).toEqual(fns(core));
    expect(kinds('dist-lib/lib/core/index.js', ['nmstate', 'cni', 'kubevirt', 'diagram', 'DEFAULT_WAVES', 'AGENT_CONFIG_KIND'])).toEqual({ nmstate: 'object', cni: 'object', kubevirt: 'object', diagram: 'object', DEFAULT_WAVES: 'object', AGENT_CONFIG_KIND: 'object' });
    // `multihome` = the core plus what `multihome check` and `multihome synth` run
    expect(kinds('dist-lib/lib/index.js', [...core, 'checkPaths', 'formatResult', 'synthDirect'])).toEqual(fns([...core, 'checkPaths', 'formatResult', 'synthDirect']));
    // internal: renderEnvironment takes a plan only lib/core produces (buildEnvironment is the entry)
    expect(loaded['dist-lib/lib/core/index.js'].exports).not.toHaveProperty('renderEnvironment');
  });

  test('every type a public declaration names is exported by an entry point (no forgotten exports); @internal members are stripped', () => {
    const entries = Object.values(ENTRIES).map((e) => path.join(pkg.root, 'dist-lib', 'lib', `${e}.d.ts`));
    // Aliases of plain structural types that no entry point re-exports (users spell them out):
    // `Rec` = Record<string, unknown>; `Kind` = a config value kind of the stack-config schema.
    const allowed = new Set(['Rec@dist-lib/lib/core/field-reader.d.ts', 'Kind@dist-lib/lib/pulumi/stack-config.d.ts']);
    expect(forgottenExports(pkg.root, entries).filter((f) => !allowed.has(`${f.name}@${f.file}`))).toEqual([]);
    const envDts = fs.readFileSync(path.join(pkg.root, 'dist-lib', 'lib', 'cdk8s', 'network-environment.d.ts'), 'utf8');
    for (const internal of ['_own(', '_adopt(', '_reportAs(', '_agentScope(']) expect(envDts).not.toContain(internal);
  });

  describe('the agent bundle', () => {
    let work: string;
    beforeAll(() => {
      work = fs.mkdtempSync(path.join(os.tmpdir(), 'multihome-agent-bundle-'));
    });
    afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

    test('runs on its own (no node_modules anywhere above it) and validates its config before touching the host', async () => {
      const bundle = path.join(work, 'multihome-agent.js');
      fs.copyFileSync(path.join(pkg.root, 'dist-agent', 'multihome-agent.js'), bundle);
      const help = await runNode([bundle, 'agent', 'plan', '--help'], { cwd: work, env: childEnv({ NODE_PATH: '' }) });
      expect(help).toMatchObject({ code: 0, stderr: '' });
      expect(help.stdout).toContain('--config <path>');
      const config = path.join(work, 'ovs.json');
      fs.writeFileSync(config, JSON.stringify({ desiredState: { interfaces: [{ name: 'br9', type: 'ovs-bridge', state: 'up' }] } }));
      const plan = await runNode([bundle, 'agent', 'plan', '--config', config], { cwd: work, env: childEnv({ NODE_PATH: '' }) });
      expect(plan.code).toBe(2);
      expect(plan.stdout).toContain('AGENT_UNSUPPORTED');
    });

    test('`multihome agent …` of the packed bin runs it with the arguments unchanged', async () => {
      const bin = path.join(pkg.root, 'bin', 'multihome.js');
      const env = childEnv({ NODE_PATH: path.join(REPO_ROOT, 'node_modules') });
      const help = await runNode([bin, 'agent', 'apply', '--help'], { cwd: work, env });
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('Usage: multihome agent apply');
      const missing = await runNode([bin, 'agent', 'plan', '--config', path.join(work, 'no such dir; $(true)')], { cwd: work, env });
      expect(missing.code).toBe(2);
      expect(missing.stdout).toContain(`cannot read ${path.join(work, 'no such dir; $(true)')}`);
    });
  });

  describe('the cluster reader bundle', () => {
    test('the compiled loader loads no @kubernetes/client-node until asked, then picks the packed bundle, which runs with no node_modules and rejects with the CLI\'s LiveClusterError', async () => {
      const loaded = await loadedPackages(pkg, ['dist-lib/lib/cli/live-cluster-loader.js']);
      expect(loaded['dist-lib/lib/cli/live-cluster-loader.js'].packages).toEqual([]);
      const work = fs.mkdtempSync(path.join(os.tmpdir(), 'multihome-cluster-reader-'));
      try {
        const kubeconfig = path.join(work, 'kubeconfig');
        fs.writeFileSync(
          kubeconfig,
          'apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: "http://127.0.0.1:9", insecure-skip-tls-verify: true}\nusers:\n- name: u\n  user: {token: packed-test-token}\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n',
        );
        const script = `
          const root = process.argv[1];
          const loader = require(root + '/dist-lib/lib/cli/live-cluster-loader.js');
          const { LiveClusterError } = require(root + '/dist-lib/lib/cli/live-cluster-types.js');
          const entry = loader.locateLiveClusterReader();
          loader.loadLiveClusterReader().then((read) => read({ kubeconfig: process.argv[2], timeoutMs: 10000 })).then(
            () => process.stdout.write(JSON.stringify({ entry })),
            (e) => process.stdout.write(JSON.stringify({ entry, own: e instanceof LiveClusterError, reason: e.reason })));`;
        const r = await runNode(['-e', script, pkg.root, kubeconfig], { cwd: work, env: childEnv({ NODE_PATH: '' }) });
        expect(r).toMatchObject({ code: 0, stderr: '' });
        const out = JSON.parse(r.stdout) as { entry: unknown; own: boolean; reason: string };
        expect(out.entry).toEqual({ kind: 'bundle', file: path.join(pkg.root, 'dist-agent', 'multihome-cluster-reader.js') });
        expect(out.own).toBe(true);
        expect(out.reason).toMatch(/^cannot reach the API server at http:\/\/127\.0\.0\.1:9: /);
        expect(out.reason).not.toContain('packed-test-token');
      } finally {
        fs.rmSync(work, { recursive: true, force: true });
      }
    });
  });
});

describe('the sources', () => {
  test('lib/core imports no framework (cdk8s, cdk8s-plus, constructs, @pulumi/*)', () => {
    const offenders = filesUnder(path.join(REPO_ROOT, 'lib', 'core'), '.ts').flatMap((f) => {
      const text = fs.readFileSync(f, 'utf8');
      const imports = [...text.matchAll(/(?:from\s+|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
      return imports.filter((i) => /^(cdk8s|cdk8s-plus-\d+|constructs|@pulumi\/.*)$/.test(i)).map((i) => `${path.relative(REPO_ROOT, f)} imports ${i}`);
    });
    expect(offenders).toEqual([]);
  });

  test('nothing outside lib/agent imports lib/agent (the library never loads the agent or its dependencies)', () => {
    const agentDir = path.join(REPO_ROOT, 'lib', 'agent');
    const offenders = ['core', 'cdk8s', 'pulumi', 'cli'].flatMap((d) =>
      filesUnder(path.join(REPO_ROOT, 'lib', d), '.ts').flatMap((f) =>
        [...fs.readFileSync(f, 'utf8').matchAll(/(?:from\s+|require\(|import\()\s*['"](\.[^'"]*)['"]/g)]
          .map((m) => path.resolve(path.dirname(f), m[1]))
          .filter((target) => target === agentDir || target.startsWith(agentDir + path.sep))
          .map((target) => `${path.relative(REPO_ROOT, f)} imports ${path.relative(REPO_ROOT, target)}`),
      ),
    );
    expect(offenders).toEqual([]);
  });
});
