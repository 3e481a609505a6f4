/**
 * `multihome synth --previous DIR|REF`: the removals of the new output against the output the
 * cluster has, read from a previous output root (`DIR/<env>/`) or from `<out>/<env>/` as committed
 * at a git ref; the two-commit flow (the second synthesis drops the removal policy); usage errors.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { prod } from '../../apps/environments/prod';
import { Topology } from '../../lib/core/topology/model';
import { cli } from '../support/cli';

const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));

/** An environments module exporting `prod` as given. */
function environmentsModule(t: Topology): string {
  const file = path.join(tmp('mh-prev-envs-'), 'envs.js');
  fs.writeFileSync(file, `module.exports = { ENVIRONMENTS: { prod: ${JSON.stringify(t)} } };\n`);
  return file;
}

const before = environmentsModule(prod);
const after = environmentsModule({ ...prod, networks: prod.networks.filter((n) => n.name !== 'vlan-1085'), vms: prod.vms.filter((v) => v.name !== 'pxe-vm') });
const TOMBSTONE = 'name: vlan-1085-policy-c7000-absent';
const MARKER = 'multihome.io/removal: "interfaces: eno49.1085, bridge-1085"';
const written = (out: string) => fs.readFileSync(path.join(out, 'prod', 'prod.k8s.yaml'), 'utf8');

describe('multihome synth --previous DIR', () => {
  it('renders the removed network absent, marked, against the previous output root; without --previous it does not', async () => {
    const previous = tmp('mh-prev-');
    expect((await cli('synth', '--environments', before, '--out', previous)).code).toBe(0);
    const next = tmp('mh-next-');
    const r = await cli('synth', '--environments', after, '--out', next, '--previous', previous);
    expect({ code: r.code, lifecycle: /REMOVED_WITHOUT_ABSENT/.test(r.err) }).toEqual({ code: 0, lifecycle: false });
    expect(written(next)).toContain(TOMBSTONE);
    expect(written(next)).toContain(MARKER);
    // and what applying it changes, as cdk8s synth prints it: the bridge leaves the nodes, the PXE VM is deleted
    expect(r.err).toContain('multihome change: NodeNetworkConfigurationPolicy vlan-1085-policy-c7000-absent spec.desiredState.interfaces[1].state: linux-bridge "bridge-1085" becomes state: absent');
    expect(r.err).toContain('multihome change: VirtualMachine vms/pxe-vm: the VirtualMachine is deleted (it is running: it stops)');
    const plain = tmp('mh-plain-');
    expect((await cli('synth', '--environments', after, '--out', plain)).code).toBe(0);
    expect(written(plain)).not.toContain(TOMBSTONE);
  });

  it('an environment missing under DIR has no previous output (no removal, no problem)', async () => {
    const empty = tmp('mh-prev-empty-');
    const next = tmp('mh-next-');
    const r = await cli('synth', '--environments', after, '--out', next, '--previous', empty);
    expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: expect.not.stringContaining('TOPOLOGY_PREVIOUS') });
    expect(r.err).toContain(`multihome synth: no previous output for prod at ${path.join(empty, 'prod')}: nothing to render absent (fine for its first synthesis)`);
    expect(written(next)).not.toContain(TOMBSTONE);
  });

  it('invalid YAML in the previous output is a problem (exit 1) and nothing is written', async () => {
    const previous = tmp('mh-prev-bad-');
    fs.mkdirSync(path.join(previous, 'prod'));
    fs.writeFileSync(path.join(previous, 'prod', 'prod.k8s.yaml'), 'kind: [unclosed\n');
    const next = tmp('mh-next-');
    const r = await cli('synth', '--environments', after, '--out', next, '--previous', previous);
    expect(r.code).toBe(1);
    expect(r.err).toContain(path.join(previous, 'prod', 'prod.k8s.yaml'));
    expect(fs.existsSync(path.join(next, 'prod'))).toBe(false);
  });

  it('a file, or neither a path nor a commit, is a usage error (exit 2) with the reason', async () => {
    const file = path.join(tmp('mh-prev-file-'), 'x.yaml');
    fs.writeFileSync(file, '');
    const r1 = await cli('synth', '--environments', after, '--out', tmp('mh-next-'), '--previous', file);
    expect({ code: r1.code, err: r1.err }).toEqual({ code: 2, err: expect.stringContaining('is not a directory') });
    const r2 = await cli('synth', '--environments', after, '--out', tmp('mh-next-'), '--previous', 'no-such-ref-or-dir-7f3a');
    expect({ code: r2.code, err: r2.err }).toEqual({ code: 2, err: expect.stringContaining('neither an existing directory nor a git commit') });
    const r3 = await cli('synth', '--environments', after, '--out', tmp('mh-next-'), '--previous', '--upload-pack=x');
    expect(r3.code).toBe(2);
  });
});

describe('multihome synth --previous REF (a git repository)', () => {
  const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  let repo: string;
  const cwd = process.cwd();
  beforeEach(() => {
    repo = tmp('mh-prev-repo-');
    git(repo, 'init', '-q');
    process.chdir(repo);
  });
  afterEach(() => process.chdir(cwd));

  it('reads <out>/<env> as committed at REF: commit 1 carries the removal, commit 2 (against the applied commit 1) drops it', async () => {
    expect((await cli('synth', '--environments', before, '--out', 'dist')).code).toBe(0);
    git(repo, 'add', 'dist');
    git(repo, 'commit', '-qm', 'with vlan-1085');
    // commit 1: the network is removed from the code; the output carries the absent policy
    const r1 = await cli('synth', '--environments', after, '--out', 'dist', '--previous', 'HEAD');
    expect(r1.code).toBe(0);
    expect(written('dist')).toContain(TOMBSTONE);
    git(repo, 'commit', '-qam', 'vlan-1085 removed (absent)');
    // commit 2: any later synthesis against the applied output drops it
    const r2 = await cli('synth', '--environments', after, '--out', 'dist', '--previous', 'HEAD');
    expect(r2.code).toBe(0);
    expect(written('dist')).not.toContain(TOMBSTONE);
    expect(written('dist')).not.toContain('multihome.io/removal');
  });

  it('a ref whose commit has no <out>/<env> means no previous output', async () => {
    fs.writeFileSync(path.join(repo, 'README'), 'x\n');
    git(repo, 'add', 'README');
    git(repo, 'commit', '-qm', 'nothing synthesized yet');
    const r = await cli('synth', '--environments', after, '--out', 'dist', '--previous', 'HEAD');
    expect(r.code).toBe(0);
    expect(written('dist')).not.toContain(TOMBSTONE);
    expect(r.err).toContain('multihome synth: no previous output for prod at HEAD:dist/prod/: nothing to render absent (fine for its first synthesis)');
  });

  it('an unknown ref is a usage error (exit 2)', async () => {
    const r = await cli('synth', '--environments', after, '--out', 'dist', '--previous', 'main~7');
    expect({ code: r.code, err: r.err }).toEqual({ code: 2, err: expect.stringContaining('neither an existing directory nor a git commit') });
  });
});
