/**
 * Environments as data files (`multihome synth --environments envs.yaml`) and environment names
 * (review S9): a data file renders what the module renders; a hostile or mistyped file is a list
 * of problems with exit 1 (2 when it cannot be read at all) and nothing written; a name like `..`
 * never reaches the file system.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { lab } from '../../apps/environments/lab';
import { prod } from '../../apps/environments/prod';
import { parseEnvironmentText } from '../../lib/core/source/environment-file';
import { writeDirsAtomically } from '../../lib/core/render/atomic-dir';
import { cli } from '../support/cli';

const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));
const write = (dir: string, name: string, text: string | Buffer) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};
const codesOf = (err: string) => [...err.matchAll(/\[([A-Z_]+)\]/g)].map((m) => m[1]);

describe('environment data files', () => {
  it('a YAML file of the lab topology renders the same bytes as the lab module', async () => {
    const dir = tmp('mh-envfile-');
    const file = write(dir, 'envs.yaml', YAML.stringify({ environments: { lab } }));
    const fromModule = tmp('mh-out-');
    const fromFile = tmp('mh-out-');
    const viaModule = await cli('synth', '--env', 'lab', '--out', fromModule);
    const viaFile = await cli('synth', '--environments', file, '--out', fromFile);
    expect([viaModule.code, viaFile.code]).toEqual([0, 0]);
    const yamlOf = (out: string) => fs.readFileSync(path.join(out, 'lab', 'lab.k8s.yaml'), 'utf8');
    expect(yamlOf(fromFile)).toEqual(yamlOf(fromModule));
  });

  it('a JSON file holding one topology is keyed by its name', () => {
    const r = parseEnvironmentText('lab.json', JSON.stringify(lab));
    expect(r.problems).toEqual([]);
    expect(Object.keys(r.environments)).toEqual(['lab']);
  });

  it("the project's lab and prod topologies pass the type check (no false positives)", () => {
    expect(parseEnvironmentText('envs.json', JSON.stringify({ environments: { lab, prod } })).problems).toEqual([]);
  });

  it('a field of the wrong type is a problem at its path before anything renders (userData: {}, agent mode: 42)', () => {
    const t = { ...lab, vms: [{ ...lab.vms[0], userData: {} }], agent: { mode: 42 } };
    const r = parseEnvironmentText('envs.json', JSON.stringify(t));
    expect(r.problems.map((p) => [p.code, p.path])).toEqual([
      ['ENVIRONMENT_FILE_SHAPE', 'vms[0].userData'],
      ['ENVIRONMENT_FILE_SHAPE', 'agent.mode'],
    ]);
  });

  it('a VM brought whole (virtualMachine, any KubeVirt field) passes the type check; its typed parts are checked at their path', () => {
    const handwritten = {
      metadata: { name: 'vma', labels: { app: 'db' } },
      spec: {
        dataVolumeTemplates: [{ metadata: { name: 'root' }, spec: { storage: { resources: { requests: { storage: '50Gi' } } } } }],
        template: { spec: { evictionStrategy: 'LiveMigrate', domain: { cpu: { cores: 4 }, devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }] } }, volumes: [{ name: 'root', dataVolume: { name: 'root' } }] } },
      },
    };
    const ok = { ...lab, vms: [{ ...lab.vms[0], image: undefined, virtualMachine: handwritten }] };
    expect(parseEnvironmentText('envs.json', JSON.stringify(ok)).problems).toEqual([]);
    const bad = { ...lab, vms: [{ ...lab.vms[0], virtualMachine: { spec: { template: { spec: { volumes: { root: {} }, nodeSelector: { zone: 1 } } } } } }] };
    expect(parseEnvironmentText('envs.json', JSON.stringify(bad)).problems.map((p) => [p.code, p.path])).toEqual([
      ['ENVIRONMENT_FILE_SHAPE', 'vms[0].virtualMachine.spec.template.spec.nodeSelector'],
      ['ENVIRONMENT_FILE_SHAPE', 'vms[0].virtualMachine.spec.template.spec.volumes'],
    ]);
  });

  it('every outline mistake is reported at once, with its path, and nothing is written', async () => {
    const dir = tmp('mh-envfile-');
    const broken = { ...lab, networks: 'vlan200', netwroks: [], vms: [42], nodeGroups: [{ nodeSelector: {} }] };
    const file = write(dir, 'envs.yaml', YAML.stringify({ environments: { lab: broken } }));
    const out = path.join(dir, 'out');
    const r = await cli('synth', '--environments', file, '--out', out);
    expect(r.code).toBe(1);
    const problems = parseEnvironmentText('envs.yaml', fs.readFileSync(file, 'utf8')).problems;
    expect(problems.map((p) => [p.code, p.path])).toEqual(
      expect.arrayContaining([
        ['ENVIRONMENT_FILE_SHAPE', 'environments.lab.netwroks'],
        ['ENVIRONMENT_FILE_SHAPE', 'environments.lab.networks'],
        ['ENVIRONMENT_FILE_SHAPE', 'environments.lab.vms[0]'],
        ['ENVIRONMENT_FILE_SHAPE', 'environments.lab.nodeGroups[0].name'],
      ]),
    );
    expect(codesOf(r.err)).toContain('ENVIRONMENT_FILE_SHAPE');
    expect(fs.existsSync(out)).toBe(false);
  });

  it('an alias bomb is refused at parse, not expanded (review S1)', async () => {
    const levels = 'abcdefghi'.split('');
    const anchors = levels.map((l, i) => `  ${l}: &${l} [${i === 0 ? Array(10).fill('"lol"').join(',') : Array(10).fill(`*${levels[i - 1]}`).join(',')}]`).join('\n');
    const text = `name: lab\nanchors:\n${anchors}\nnodeGroups: []\nuplinks: []\nnetworks: []\nvms: [*i]\n`;
    const r = parseEnvironmentText('bomb.yaml', text);
    expect(r.problems.map((p) => p.code)).toEqual(['ENVIRONMENT_FILE_UNREADABLE']);
    expect(r.problems[0].message.length).toBeLessThan(400);
    const dir = tmp('mh-envfile-');
    const run = await cli('synth', '--environments', write(dir, 'bomb.yaml', text), '--out', path.join(dir, 'out'));
    expect(run.code).toBe(1);
    expect(codesOf(run.err)).toEqual(['ENVIRONMENT_FILE_UNREADABLE']);
  });

  it('nesting deeper than the limit is refused with a reason, not a stack overflow', () => {
    const r = parseEnvironmentText('deep.yaml', '['.repeat(100_000));
    expect(r.problems.map((p) => p.code)).toEqual(['ENVIRONMENT_FILE_UNREADABLE']);
    expect(r.problems[0].message).not.toMatch(/call stack/);
  });

  it('a FIFO, a UTF-16 file and a Latin-1 file are not read (exit 2, a reason each)', async () => {
    const dir = tmp('mh-envfile-');
    const fifo = path.join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    const utf16 = write(dir, 'u16.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name: lab\n', 'utf16le')]));
    const latin1 = write(dir, 'l1.yaml', Buffer.from('name: caf\xe9\n', 'latin1'));
    const runs = await Promise.all([fifo, utf16, latin1].map((f) => cli('synth', '--environments', f, '--out', path.join(dir, 'out'))));
    expect(runs.map((r) => r.code)).toEqual([2, 2, 2]);
    expect(runs[0].err).toMatch(/a FIFO, not a regular file/);
    expect(runs[1].err).toMatch(/UTF-16/);
    expect(runs[2].err).toMatch(/not valid UTF-8/);
  });
});

describe('environment names (review S9)', () => {
  it('an environment named ".." is a problem and the parent of --out survives', async () => {
    const project = tmp('mh-project-');
    const planted = write(project, 'keep.txt', 'mine');
    const envs = write(project, 'envs.js', `module.exports = { ENVIRONMENTS: { '..': ${JSON.stringify(lab)} } };\n`);
    const r = await cli('synth', '--environments', envs, '--out', path.join(project, 'dist'));
    expect(r.code).toBe(1);
    expect(codesOf(r.err)).toEqual(['ENVIRONMENT_NAME_INVALID']);
    expect(fs.readFileSync(planted, 'utf8')).toBe('mine');
    expect(fs.existsSync(path.join(project, 'dist'))).toBe(false);
  });

  it.each(['..', '.', '', 'a/b', 'Lab', 'lab_1', 'x'.repeat(64), 'lab\u001b[2J'])('rejects %j', async (name) => {
    const r = parseEnvironmentText('envs.json', JSON.stringify({ environments: { [name]: lab } }));
    expect(r.problems.map((p) => p.code)).toContain('ENVIRONMENT_NAME_INVALID');
  });

  it('the writer refuses a name outside its root even when called directly', () => {
    const root = path.join(tmp('mh-root-'), 'dist');
    expect(() => writeDirsAtomically(root, ['..'], () => undefined)).toThrow(/refusing to replace/);
    expect(fs.existsSync(path.dirname(root))).toBe(true);
  });
});
