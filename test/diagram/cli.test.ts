/**
 * `multihome diagram`: formats, output file written atomically, input mistakes as exit 2 with
 * one clear line and no stack trace, nothing written on failure.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeFileAtomically } from '../../lib/cli/diagram';
import { UserError } from '../../lib/cli/environments';
import { cli } from '../support/cli';
import { mermaidProblems, ROOT, SEEDS } from './helpers';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'mh-diagram-'));
const STACK = /\n\s+at /;

describe('multihome diagram', () => {
  it('--env lab --format dot prints a digraph and a summary, exit 0', async () => {
    const r = await cli('diagram', '--env', 'lab', '--format', 'dot');
    expect(r.code).toBe(0);
    expect(r.out.startsWith('digraph "lab" {')).toBe(true);
    expect(r.out).toContain('"if__every_20_node__eth1" -> "if__every_20_node__br0" [label="trunk 100"]');
    expect(r.err).toMatch(/^multihome diagram: lab: \d+ node\(s\), 0 error\(s\), \d+ warning\(s\) drawn$/m);
  });

  it('--env prod --format mermaid prints a flowchart LR', async () => {
    const r = await cli('diagram', '--env', 'prod', '--format', 'mermaid');
    expect(r.code).toBe(0);
    expect(mermaidProblems(r.out)).toEqual([]);
    expect(r.out).toContain('NAD nad-1085');
  });

  it('--out FILE writes the SVG (format from the extension) and leaves no temporary file', async () => {
    const dir = tmp();
    const out = path.join(dir, 'sub', 'lab.svg');
    const r = await cli('diagram', '--env', 'lab', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`wrote ${out}\n`);
    const svg = fs.readFileSync(out, 'utf8');
    expect(svg).toMatch(/^<\?xml [^>]*\?>\s*<!DOCTYPE svg/);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['lab.svg']);
  });

  it('--out x.md wraps the Mermaid source in a fenced block', async () => {
    const out = path.join(tmp(), 'topology.md');
    expect((await cli('diagram', '--env', 'lab', '--out', out)).code).toBe(0);
    const md = fs.readFileSync(out, 'utf8');
    expect(md.startsWith('```mermaid\nflowchart LR\n')).toBe(true);
    expect(md.endsWith('```\n')).toBe(true);
  });

  it('draws YAML files and directories as `check` reads them, problems in red, exit 1 for the errors drawn (seed 003)', async () => {
    const r = await cli('diagram', path.join(SEEDS, '003-multus-bridge-dev.yaml'), '--format', 'dot');
    expect(r.code).toBe(1);
    expect(r.out).toContain('error NAD_BRIDGE_RESOURCE_NAME_MISMATCH');
    expect(r.err).toMatch(/[1-9]\d* error\(s\)/);
    expect((await cli('diagram', SEEDS, '--format', 'mermaid')).code).toBe(1);
  });

  it.each([
    [['diagram', '--env', 'staging'], /^multihome: unknown environment staging; known: lab, prod, estate\n$/],
    [['diagram', '/no/such/file.yaml'], /^multihome: cannot read \/no\/such\/file\.yaml: no such file or directory\n$/],
    [['diagram'], /^multihome: nothing to draw: give --env NAME or YAML files\/directories\n$/],
    [['diagram', '--env', 'lab', SEEDS], /^multihome: give either --env NAME or paths, not both\n$/],
    [['diagram', '--env', 'lab', '--format', 'png'], /argument 'png' is invalid/],
    [['diagram', path.join(ROOT, 'package.json')], /^multihome: nothing to draw: no NodeNetworkConfigurationPolicy, NetworkAttachmentDefinition or VirtualMachine in /],
  ])('%j is a usage error: exit 2, one clear message, no stack trace', async (argv, message) => {
    const r = await cli(...(argv as string[]));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(STACK);
    expect(r.out).toBe('');
  });

  it('a failing run leaves an existing --out file untouched', async () => {
    const out = path.join(tmp(), 'keep.svg');
    fs.writeFileSync(out, 'previous');
    const r = await cli('diagram', '--env', 'staging', '--out', out);
    expect(r.code).toBe(2);
    expect(fs.readFileSync(out, 'utf8')).toBe('previous');
    expect(fs.readdirSync(path.dirname(out))).toEqual(['keep.svg']);
  });

  it('an unwritable --out is exit 2 naming the file, with no temporary file left behind', async () => {
    const dir = tmp();
    const target = path.join(dir, 'taken');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'inside'), 'x');
    const r = await cli('diagram', '--env', 'lab', '--format', 'dot', '--out', target);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^multihome: cannot write ${target}: `));
    expect(fs.readdirSync(dir)).toEqual(['taken']);
  });

  it('writeFileAtomically replaces a file in one step and throws a UserError on failure', () => {
    const dir = tmp();
    const file = path.join(dir, 'a.dot');
    writeFileAtomically(file, 'one');
    writeFileAtomically(file, 'two');
    expect(fs.readFileSync(file, 'utf8')).toBe('two');
    expect(() => writeFileAtomically(path.join(file, 'below'), 'x')).toThrow(UserError);
    expect(fs.readdirSync(dir)).toEqual(['a.dot']);
  });

  it('as a real process: exit status 2 and no stack trace for an unknown environment', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'multihome.js'), 'diagram', '--env', 'staging'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('multihome: unknown environment staging; known: lab, prod, estate\n');
    expect(r.stdout).toBe('');
  });
});
