/**
 * `multihome synth` (no cdk8s CLI): same bytes as the cdk8s path, every problem listed before
 * anything is written, an existing output directory left as it was on error.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lab } from '../../apps/environments/lab';
import { runCli } from '../../lib/cli/main';
import { stringifyManifests } from '../../lib/core/render/yaml';
import { renderTopology } from '../../lib/core/topology/render';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

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

describe('multihome synth', () => {
  it('writes <out>/lab/lab.k8s.yaml with the same bytes as the core (and cdk8s) render', async () => {
    const out = tmp('mh-synth-');
    const r = await cli('synth', '--env', 'lab', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toContain(path.join(out, 'lab', 'lab.k8s.yaml'));
    expect(fs.readFileSync(path.join(out, 'lab', 'lab.k8s.yaml'), 'utf8')).toBe(stringifyManifests(renderTopology(lab)));
  });

  it('is deterministic: two runs give byte-identical files', async () => {
    const a = tmp('mh-a-');
    const b = tmp('mh-b-');
    await cli('synth', '--out', a);
    await cli('synth', '--out', b);
    for (const env of fs.readdirSync(a))
      for (const f of fs.readdirSync(path.join(a, env)))
        expect(fs.readFileSync(path.join(b, env, f))).toEqual(fs.readFileSync(path.join(a, env, f)));
  });

  it('an unknown environment is a usage error (exit 2) naming the known ones', async () => {
    const r = await cli('synth', '--env', 'staging', '--out', tmp('mh-x-'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown environment\(s\) staging; known: lab, prod/);
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
