/**
 * `npx cdk8s synth` (synthEnvironments) and `multihome synth` (synthDirect) write
 * `<out>/<env>/topology.svg` next to the manifests, in the same atomic step: the same bytes as
 * `multihome diagram --env`, and nothing at all when an environment has errors.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lab } from '../../apps/environments/lab';
import { prod } from '../../apps/environments/prod';
import { synthEnvironments, synthEnvironmentsWithDiagrams } from '../../lib/cdk8s/synth-environments';
import { synthDirect } from '../../lib/cli/synth';
import { diagramOfEnvironment, loadSvgRenderer, TOPOLOGY_SVG, toSvg } from '../../lib/core/diagram';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'mh-synth-svg-'));
const broken = { ...lab, name: 'broken', networks: [{ ...lab.networks[0], vlan: 5000 }] };

describe('topology.svg at synth', () => {
  it('cdk8s and direct synth write the same topology.svg as `diagram --env`, next to the YAML', async () => {
    const svg = await loadSvgRenderer();
    const viaCdk8s = tmp();
    const direct = tmp();
    expect(synthEnvironments({ lab, prod }, viaCdk8s, { svg, warn: () => undefined }).errors).toEqual([]);
    expect(synthDirect({ lab, prod }, direct, { svg }).errors).toEqual([]);
    for (const [name, env] of [['lab', lab], ['prod', prod]] as const) {
      expect(fs.readdirSync(path.join(viaCdk8s, name)).sort()).toEqual([`${name}.k8s.yaml`, TOPOLOGY_SVG]);
      const expected = toSvg(diagramOfEnvironment(env), svg);
      expect(fs.readFileSync(path.join(viaCdk8s, name, TOPOLOGY_SVG), 'utf8')).toBe(expected);
      expect(fs.readFileSync(path.join(direct, name, TOPOLOGY_SVG), 'utf8')).toBe(expected);
    }
  });

  it('synthEnvironmentsWithDiagrams loads Graphviz itself (what apps/cdk8s/main.ts awaits)', async () => {
    const out = tmp();
    const r = await synthEnvironmentsWithDiagrams({ lab }, out, { warn: () => undefined });
    expect(r.errors).toEqual([]);
    expect(fs.readFileSync(path.join(out, 'lab', TOPOLOGY_SVG), 'utf8')).toContain('<svg');
  });

  it('an environment with errors writes neither YAML nor SVG, and the previous output stays', async () => {
    const svg = await loadSvgRenderer();
    const out = tmp();
    fs.mkdirSync(path.join(out, 'broken'));
    fs.writeFileSync(path.join(out, 'broken', TOPOLOGY_SVG), 'previous');
    expect(synthEnvironments({ broken }, out, { svg, warn: () => undefined }).errors.length).toBeGreaterThan(0);
    expect(synthDirect({ broken }, out, { svg }).errors.length).toBeGreaterThan(0);
    expect(fs.readdirSync(path.join(out, 'broken'))).toEqual([TOPOLOGY_SVG]);
    expect(fs.readFileSync(path.join(out, 'broken', TOPOLOGY_SVG), 'utf8')).toBe('previous');
    expect(fs.readdirSync(out)).toEqual(['broken']);
  });

  it('a renderer that fails mid-way leaves the output directory as it was (atomic with the YAML)', () => {
    const out = tmp();
    fs.mkdirSync(path.join(out, 'lab'));
    fs.writeFileSync(path.join(out, 'lab', 'lab.k8s.yaml'), 'previous: yaml\n');
    const failing = () => {
      throw new Error('layout failed');
    };
    expect(() => synthDirect({ lab }, out, { svg: failing })).toThrow('layout failed');
    expect(() => synthEnvironments({ lab }, out, { svg: failing, warn: () => undefined })).toThrow('layout failed');
    expect(fs.readdirSync(out)).toEqual(['lab']);
    expect(fs.readdirSync(path.join(out, 'lab'))).toEqual(['lab.k8s.yaml']);
    expect(fs.readFileSync(path.join(out, 'lab', 'lab.k8s.yaml'), 'utf8')).toBe('previous: yaml\n');
  });
});
