import { lab } from '../../apps/environments/lab';
import { prod } from '../../apps/environments/prod';
import { buildDiagram, diagramOfEnvironment, loadSvgRenderer, toDot, toMermaid, toSvg } from '../../lib/core/diagram';
import { renderTopology } from '../../lib/core/topology/render';
import { validateEnvironment } from '../../lib/core/topology/validate-environment';

describe('determinism', () => {
  it.each([
    ['lab', lab],
    ['prod', prod],
  ])('the %s environment gives byte-identical DOT, Mermaid and SVG on every run', async (_name, env) => {
    const render = await loadSvgRenderer();
    const a = diagramOfEnvironment(env);
    const b = diagramOfEnvironment(env);
    expect(toDot(b)).toBe(toDot(a));
    expect(toMermaid(b)).toBe(toMermaid(a));
    expect(toSvg(b, render)).toBe(toSvg(a, render));
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
    const more = ids('lab+prod', [...renderTopology(lab), ...renderTopology(prod)]);
    for (const id of base) expect(more.has(id)).toBe(true);
  });
});
