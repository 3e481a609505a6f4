/**
 * `multihome synth` (no cdk8s CLI): the same files, byte for byte, as the cdk8s app that
 * `npx cdk8s synth` runs (cdk8s.yaml `app:`, run here as that child process); every problem listed
 * before anything is written; an existing output directory left as it was on error.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { lab } from '../../apps/environments/lab';
import { cli } from '../support/cli';

const ROOT = path.join(__dirname, '..', '..');

const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));

/** A JavaScript environments module with one broken environment (VLAN 5000, two VMs with one IP). */
function brokenEnvironmentsModule(): string {
  const dir = tmp('mh-envs-');
  const network = { ...lab.networks[0], vlan: 5000 };
  const vms = lab.vms.map((vm) => ({ ...vm, attachments: vm.attachments.map((a) => ({ ...a, ipv4: ['10.200.0.1/24'] })) }));
  const broken = { ...lab, name: 'broken', networks: [network], vms };
  const file = path.join(dir, 'envs.js');
  fs.writeFileSync(file, `module.exports = { ENVIRONMENTS: { broken: ${JSON.stringify(broken)} } };\n`);
  return file;
}

/** Every file under `dir`, relative, sorted. */
function filesUnder(dir: string, base = dir): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name), base) : [path.relative(base, path.join(dir, e.name))]))
    .sort();
}

/** What `multihome synth` and the cdk8s app write for apps/environments (lab and prod). */
const ALL_FILES = ['estate/estate.k8s.yaml', 'estate/topology.svg', 'lab/lab.k8s.yaml', 'lab/topology.svg', 'prod/prod.k8s.yaml', 'prod/topology.svg'];

/**
 * Runs the cdk8s app the way `npx cdk8s synth` does: the `app:` command of cdk8s.yaml in a child
 * process, with `CDK8S_OUTDIR` naming the output directory.
 */
function cdk8sApp(outdir: string): { status: number | null; stderr: string } {
  const app = (YAML.parse(fs.readFileSync(path.join(ROOT, 'cdk8s.yaml'), 'utf8')) as { app: string }).app;
  const r = spawnSync('sh', ['-c', app], { cwd: ROOT, env: { ...process.env, CDK8S_OUTDIR: outdir }, encoding: 'utf8', timeout: 240_000 });
  return { status: r.status, stderr: r.stderr + (r.error ? String(r.error) : '') };
}

describe('multihome synth', () => {
  it('writes the same files, byte for byte, as the cdk8s app (`npx cdk8s synth`) for every environment (lab, prod, estate)', async () => {
    const viaCdk8s = tmp('mh-cdk8s-');
    const app = cdk8sApp(viaCdk8s);
    expect({ status: app.status, stderr: app.status === 0 ? '' : app.stderr }).toEqual({ status: 0, stderr: '' });
    const viaCli = tmp('mh-synth-');
    const r = await cli('synth', '--out', viaCli);
    expect(r.code).toBe(0);
    expect(filesUnder(viaCdk8s)).toEqual(ALL_FILES);
    expect(filesUnder(viaCli)).toEqual(ALL_FILES);
    for (const f of ALL_FILES) expect({ f, same: fs.readFileSync(path.join(viaCli, f)).equals(fs.readFileSync(path.join(viaCdk8s, f))) }).toEqual({ f, same: true });
  }, 240_000);

  it('--env lab writes <out>/lab/lab.k8s.yaml and topology.svg only, and names them on stdout', async () => {
    const out = tmp('mh-synth-lab-');
    const r = await cli('synth', '--env', 'lab', '--out', out);
    expect(r.code).toBe(0);
    expect(filesUnder(out)).toEqual(['lab/lab.k8s.yaml', 'lab/topology.svg']);
    expect(r.out).toBe(`wrote ${path.join(out, 'lab', 'lab.k8s.yaml')}\nwrote ${path.join(out, 'lab', 'topology.svg')}\n`);
    expect(fs.readFileSync(path.join(out, 'lab', 'lab.k8s.yaml'), 'utf8')).toMatch(/^apiVersion: nmstate\.io\/v1\nkind: NMState\n/);
  });

  it('two runs exit 0 and write the same six files byte for byte', async () => {
    const a = tmp('mh-a-');
    const b = tmp('mh-b-');
    expect((await cli('synth', '--out', a)).code).toBe(0);
    expect((await cli('synth', '--out', b)).code).toBe(0);
    expect(filesUnder(a)).toEqual(ALL_FILES);
    expect(filesUnder(b)).toEqual(ALL_FILES);
    for (const f of ALL_FILES) expect(fs.readFileSync(path.join(b, f))).toEqual(fs.readFileSync(path.join(a, f)));
  });

  it('an unknown environment is a usage error (exit 2) naming the known ones', async () => {
    const r = await cli('synth', '--env', 'staging', '--out', tmp('mh-x-'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown environment\(s\) staging; known: lab, prod, estate/);
  });

  it('a broken environment lists every problem with its path, exits 1 and leaves the output as it was', async () => {
    const out = tmp('mh-keep-');
    fs.mkdirSync(path.join(out, 'broken'));
    fs.writeFileSync(path.join(out, 'broken', 'broken.k8s.yaml'), 'previous: content\n');
    const r = await cli('synth', '--environments', brokenEnvironmentsModule(), '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/vlan/);
    expect(r.err).toMatch(/^error \[[A-Z_]+\] /m);
    expect(r.err).toMatch(/nothing was written/);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(fs.readFileSync(path.join(out, 'broken', 'broken.k8s.yaml'), 'utf8')).toBe('previous: content\n');
  });
});
