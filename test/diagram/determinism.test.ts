import { lab } from '../../apps/environments/lab';
import { prod } from '../../apps/environments/prod';
import { buildDiagram, diagramOfEnvironment, loadSvgRenderer, toDot, toMermaid, toSvg } from '../../lib/core/diagram';
import { renderTopology } from '../../lib/core/topology/render';
import { validateEnvironment } from '../../lib/core/topology/validate-environment';
import { inFreshProcess } from '../support/child';

describe('determinism', () => {
  it.each([
    ['lab', lab],
    ['prod', prod],
  ])('the %s environment gives byte-identical DOT, Mermaid and SVG twice in one process', async (_name, env) => {
    const render = await loadSvgRenderer();
    const a = diagramOfEnvironment(env);
    const b = diagramOfEnvironment(env);
    expect(toDot(b)).toBe(toDot(a));
    expect(toMermaid(b)).toBe(toMermaid(a));
    expect(toSvg(b, render)).toBe(toSvg(a, render));
  });

  it('a fresh node process draws lab and prod with the same DOT, Mermaid and SVG bytes', async () => {
    const render = await loadSvgRenderer();
    const here = Object.fromEntries(
      ([['lab', lab], ['prod', prod]] as const).map(([name, env]) => {
        const d = diagramOfEnvironment(env);
        return [name, { dot: toDot(d), mermaid: toMermaid(d), svg: toSvg(d, render) }];
      }),
    );
    const child = inFreshProcess<typeof here>(`
      const { diagramOfEnvironment, loadSvgRenderer, toDot, toMermaid, toSvg } = require('./lib/core/diagram');
      const envs = { lab: require('./apps/environments/lab').lab, prod: require('./apps/environments/prod').prod };
      loadSvgRenderer().then((render) => out(Object.fromEntries(Object.entries(envs).map(([name, env]) => {
        const d = diagramOfEnvironment(env);
        return [name, { dot: toDot(d), mermaid: toMermaid(d), svg: toSvg(d, render) }];
      }))));
    `);
    expect(Object.keys(child)).toEqual(['lab', 'prod']);
    expect(child.lab.svg).toMatch(/<\/svg>\s*$/);
    expect(child).toEqual(here);
  });

  it('does not depend on the order of the manifests or of the problems (ids come from names)', () => {
    const manifests = renderTopology(prod);
    const problems = validateEnvironment(prod, manifests);
    const forward = buildDiagram({ title: 'prod', manifests, problems });
    const backward = buildDiagram({ title: 'prod', manifests: [...manifests].reverse(), problems: [...problems].reverse() });
    expect(toDot(backward)).toBe(toDot(forward));
    expect(toMermaid(backward)).toBe(toMermaid(forward));
  });

  it('keeps the id of an object when unrelated objects are added', () => {
    const ids = (title: string, manifests = renderTopology(lab)) => new Set(buildDiagram({ title, manifests }).nodes.map((n) => n.id));
    const base = ids('lab');
    expect(base.size).toBeGreaterThanOrEqual(6); // lab: the NNCP, eth1, br0, the NAD, vma, vmb
    const more = ids('lab+prod', [...renderTopology(lab), ...renderTopology(prod)]);
    for (const id of base) expect(more.has(id)).toBe(true);
  });
});
