/**
 * `multihome import PATH... --name ENV [--out FILE] [--format environment|cdk8s|pulumi]`: the
 * module it writes synthesizes the input (seed 004 in the README's two commands), multihome's own
 * output comes back byte for byte (data form and cdk8s app), the three formats compile under
 * `tsc --strict`, and every input mistake is a problem with its code and path, exit 1, nothing
 * written.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from '../support/cli';
import { identity, objectsOf, objectsUnder, unexplained } from '../core/import/oracle';

const ROOT = path.join(__dirname, '..', '..');
const SEED_004 = path.join(ROOT, 'test', 'fixtures', 'seeds', '004-kubevirt-bridge-vlan100.yaml');
const golden = (env: string) => path.join(ROOT, 'test', 'fixtures', 'golden', `${env}.k8s.yaml`);
const LIB = path.join(ROOT, 'lib');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mh-import-cli-'));
// generated programs import cdk8s and @pulumi/pulumi: they are compiled and run inside the repository, where those resolve
const inRepo = fs.mkdtempSync(path.join(ROOT, '.import-test-'));
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.rmSync(inRepo, { recursive: true, force: true });
});

const file = (dir: string, name: string, text: string) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};

describe('multihome import', () => {
  it('adopts seed 004 in two commands: import writes the environment, synth writes every input object with only the declared additions', async () => {
    const out = path.join(tmp, 'seed-004', 'lab.ts');
    const imported = await cli('import', SEED_004, '--name', 'lab', '--out', out, '--package', LIB);
    expect(imported.code).toBe(0);
    expect(imported.out).toBe('');
    const text = fs.readFileSync(out, 'utf8');
    // the header: what is kept and why, what the output adds
    expect(text).toMatch(/^\/\/ - NetworkAddonsConfig\/cluster \(.*004-kubevirt-bridge-vlan100\.yaml:1\): spec\.nmstate is not a component/m);
    expect(text).toMatch(/^\/\/ - NetworkAttachmentDefinition\/bridge-network \(.*:14\): spec\.config is not JSON/m);
    expect(text).toMatch(/^\/\/ - pinnedMac: .* — VirtualMachine\/default\/vma, VirtualMachine\/default\/vmb$/m);
    expect(text).toContain(`import { defineEnvironment } from '${LIB}/core';`);
    expect(text).toContain('export const lab = defineEnvironment({');
    // the report: modeled, kept, additions, and what check finds in the input
    expect(imported.err).toContain('modeled  NodeNetworkConfigurationPolicy/br0-eth1: the policy of network br0-100-l2');
    expect(imported.err).toContain('kept     NetworkAttachmentDefinition/bridge-network');
    expect(imported.err).toMatch(/`multihome check` finds 10 problem\(s\) in the input/);
    expect(imported.err).toContain('[error NAD_CONFIG_JSON_SYNTAX]');

    const dist = path.join(tmp, 'seed-004', 'dist');
    const synth = await cli('synth', '--environments', out, '--out', dist);
    expect(synth.code).toBe(0);
    const written = new Map(objectsOf(fs.readFileSync(path.join(dist, 'lab', 'lab.k8s.yaml'), 'utf8')).map((o) => [identity(o), o]));
    const given = objectsUnder([SEED_004]);
    expect(given.map(identity).filter((k) => !written.has(k))).toEqual([]);
    for (const o of given) expect({ object: identity(o), unexplained: unexplained(o, written.get(identity(o))!) }).toEqual({ object: identity(o), unexplained: [] });
    // the network is modeled: the NNCP carries the trunk of VLAN 100 and the VMs pinned MACs
    const nncp = written.get('NodeNetworkConfigurationPolicy/br0-eth1') as { spec: { desiredState: { interfaces: Array<{ name: string; bridge?: { port: Array<{ vlan?: unknown }> } }> } } };
    expect(nncp.spec.desiredState.interfaces.find((i) => i.name === 'br0')?.bridge?.port[0].vlan).toEqual({ mode: 'trunk', 'trunk-tags': [{ id: 100 }] });
  });

  it.each(['lab', 'prod', 'estate'])("imports multihome's own %s output back to an environment that synthesizes the same bytes", async (env) => {
    const out = path.join(tmp, `own-${env}`, 'env.ts');
    expect((await cli('import', golden(env), '--name', env, '--out', out, '--package', LIB)).code).toBe(0);
    const dist = path.join(tmp, `own-${env}`, 'dist');
    expect((await cli('synth', '--environments', out, '--out', dist)).code).toBe(0);
    expect(fs.readFileSync(path.join(dist, env, `${env}.k8s.yaml`), 'utf8')).toBe(fs.readFileSync(golden(env), 'utf8'));
  });

  it('writes a cdk8s app of the constructs that synthesizes the same bytes as the environment', async () => {
    const dir = path.join(inRepo, 'cdk8s');
    fs.mkdirSync(dir);
    const app = path.join(dir, 'main.ts');
    expect((await cli('import', golden('prod'), '--name', 'prod', '--format', 'cdk8s', '--out', app, '--package', LIB)).code).toBe(0);
    const text = fs.readFileSync(app, 'utf8');
    expect(text).toContain("const env = new NetworkEnvironment(app, 'prod', {");
    expect(text).toMatch(/new VlanBridgeNetwork\(env, '[a-z0-9-]+', \{/);
    expect(text).toMatch(/new MultihomedVM\(env, '[a-z0-9-]+', \{/);
    const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', app], { cwd: dir, encoding: 'utf8', timeout: 120_000, env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json') } });
    expect({ status: r.status, stderr: r.status ? r.stderr : '' }).toEqual({ status: 0, stderr: '' });
    expect(fs.readFileSync(path.join(dir, 'dist', 'prod.k8s.yaml'), 'utf8')).toBe(fs.readFileSync(golden('prod'), 'utf8'));
  });

  it('writes modules that compile with tsc --strict in all three formats', async () => {
    const dir = path.join(inRepo, 'strict');
    fs.mkdirSync(dir);
    const files: string[] = [];
    for (const [input, env] of [[SEED_004, 'lab'], [golden('estate'), 'estate']] as const) {
      for (const format of ['environment', 'cdk8s', 'pulumi']) {
        const out = path.join(dir, `${env}-${format}.ts`);
        expect((await cli('import', input, '--name', env, '--format', format, '--out', out, '--package', LIB)).code).toBe(0);
        files.push(out);
      }
    }
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const r = spawnSync(process.execPath, [tsc, '--strict', '--noEmit', '--target', 'es2022', '--module', 'commonjs', '--moduleResolution', 'node', '--esModuleInterop', '--skipLibCheck', '--noUnusedLocals', ...files], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
    expect({ status: r.status, output: `${r.stdout}${r.stderr}`.trim() }).toEqual({ status: 0, output: '' });
    expect(fs.readFileSync(path.join(dir, 'lab-pulumi.ts'), 'utf8')).toMatch(/new MultihomedVM\('vma', \{[\s\S]*\}, \{ parent: env \}\);/);
  }, 320_000);

  it('writes the module to standard output without --out', async () => {
    const r = await cli('import', SEED_004, '--name', 'lab');
    expect(r.code).toBe(0);
    expect(r.out).toContain("import { defineEnvironment } from 'multihome/core';");
    expect(r.err).toContain('wrote the module to standard output');
  });

  it('skips kustomize configuration and leaves out what no writer writes back (server-set fields, __proto__ keys), saying so', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'kustomize-'));
    file(dir, 'kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [nad.yaml]\n');
    file(dir, 'nad.yaml', [
      'apiVersion: k8s.cni.cncf.io/v1', 'kind: NetworkAttachmentDefinition',
      'metadata: {name: lan, namespace: vms, uid: 0b7e, resourceVersion: "42", __proto__: {polluted: true}}',
      "spec: {config: '{\"cniVersion\":\"0.3.1\",\"type\":\"bridge\",\"bridge\":\"br0\"}'}",
      'status: {}', '',
    ].join('\n'));
    const out = path.join(dir, 'env.ts');
    const r = await cli('import', dir, '--name', 'lab', '--out', out);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/skipped {2}.*kustomization\.yaml:1: Kustomization \(kustomize configuration, not a cluster object\)/);
    expect(r.err).toContain('NetworkAttachmentDefinition/vms/lan: status, metadata.uid, metadata.resourceVersion, metadata.__proto__');
    expect(r.err).toContain('kept     NetworkAttachmentDefinition/vms/lan');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  describe('input mistakes: every problem with code and path, exit 1, nothing written', () => {
    let lastErr = '';
    async function refused(args: string[]): Promise<Array<{ code: string; where: string }>> {
      const out = path.join(tmp, `refused-${Math.random().toString(36).slice(2)}.ts`);
      const r = await cli('import', ...args, '--out', out);
      expect(r.code).toBe(1);
      expect(fs.existsSync(out)).toBe(false);
      expect(r.err).toContain('nothing was written');
      expect(r.err).not.toMatch(/\n\s+at /);
      lastErr = r.err;
      return [...r.err.matchAll(/^error \[([A-Z_]+)\] (\S+(?: \d+)?) (\S*):/gm)].map((m) => ({ code: m[1], where: `${m[2]} ${m[3]}` }));
    }

    it('a name that is no DNS label, together with the input problems', async () => {
      const problems = await refused([path.join(tmp, 'missing.yaml'), '--name', 'Lab_1']);
      expect(problems).toEqual([
        { code: 'IMPORT_NAME_INVALID', where: 'Import/arguments --name' },
        { code: 'IMPORT_INPUT_UNREADABLE', where: `Import/paths ${path.join(tmp, 'missing.yaml')}` },
      ]);
    });

    it('the same object twice', async () => {
      const nad = (config: string) => `apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata: {name: lan, namespace: vms}\nspec: {config: '${config}'}\n`;
      const f = file(tmp, 'dup.yaml', `${nad('{"cniVersion":"0.3.1","type":"bridge","bridge":"br0"}')}---\n${nad('{"cniVersion":"0.3.1","type":"bridge","bridge":"br1"}')}`);
      expect(await refused([f, '--name', 'lab'])).toEqual([{ code: 'IMPORT_DUPLICATE_OBJECT', where: 'NetworkAttachmentDefinition/vms/lan metadata.name' }]);
    });

    it('YAML that does not parse (seed 002 as published: "-name:" for "- name:")', async () => {
      const problems = await refused([path.join(ROOT, 'test', 'fixtures', 'seeds', '002-nmstate-bond-vlan.yaml'), '--name', 'edge']);
      expect(problems.map((p) => p.code)).toEqual(['YAML_SYNTAX', 'YAML_SYNTAX']);
      expect(lastErr).toContain('002-nmstate-bond-vlan.yaml:18: ');
      expect(lastErr).toContain('002-nmstate-bond-vlan.yaml:78: ');
      expect(lastErr).toContain('write "- name: eth1"');
    });

    it('an object without a name, and labels that are not strings', async () => {
      const f = file(tmp, 'unnamed.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {namespace: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, labels: {tier: 3}}\n');
      expect(await refused([f, '--name', 'lab'])).toEqual([
        { code: 'IMPORT_OBJECT_INVALID', where: 'ConfigMap/a/<unnamed> metadata.name' },
        { code: 'IMPORT_OBJECT_INVALID', where: 'ConfigMap/b metadata.labels' },
      ]);
    });

    it('no object at all', async () => {
      const empty = fs.mkdtempSync(path.join(tmp, 'empty-'));
      file(empty, 'notes.yaml', '# nothing here\n');
      expect(await refused([empty, '--name', 'lab'])).toEqual([{ code: 'IMPORT_NO_OBJECTS', where: `Import/paths ${empty}` }]);
    });
  });
});
