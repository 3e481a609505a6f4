import * as fs from 'fs';
import * as path from 'path';
import { lab } from '../../apps/environments/lab';
import { prod } from '../../apps/environments/prod';
import {
  buildDiagram, Diagram, diagramId, diagramOfEnvironment, diagramOfTexts, encodeIdPart, escapeDotHtml, escapeMermaid, loadSvgRenderer, quoteDot, SvgRenderer, toDot, toMermaid,
} from '../../lib/core/diagram';
import { Manifest } from '../../lib/core/manifest';
import { mermaidProblems, SEEDS } from './helpers';

/** A set whose names and values try to break out of labels in both syntaxes. */
function hostileDiagram(): Diagram {
  const nasty = 'x"y<b>&#35;`|]})\\N\nz';
  const manifests: Manifest[] = [
    {
      apiVersion: 'nmstate.io/v1',
      kind: 'NodeNetworkConfigurationPolicy',
      metadata: { name: 'end' },
      spec: { nodeSelector: { [nasty]: 'v"}' }, desiredState: { interfaces: [{ name: 'br"0', type: 'linux-bridge', bridge: { port: [{ name: nasty, vlan: { mode: 'trunk', 'trunk-tags': [{ id: 7 }] } }] } }] } },
    },
    {
      apiVersion: 'k8s.cni.cncf.io/v1',
      kind: 'NetworkAttachmentDefinition',
      metadata: { name: 'subgraph', namespace: 'graph' },
      spec: { config: JSON.stringify({ cniVersion: '0.3.1', type: 'bridge', bridge: 'br"0', vlan: 7, ipam: { type: 'static' } }) },
    },
  ];
  return buildDiagram({ title: `t${nasty}`, manifests, problems: [{ code: 'C<&>"', severity: 'error', resource: { kind: 'X', name: nasty }, path: nasty, message: nasty, fix: '' }] });
}

describe('ids', () => {
  it('are [A-Za-z0-9_] only, and different parts never collide', () => {
    const parts = ['a_b', 'a', 'b', 'a-b', 'a.b', 'a__b', '_', '__', 'é', 'every node', '{x=y}'];
    const ids = new Set<string>();
    for (const a of parts) for (const b of parts) ids.add(diagramId('if', a, b));
    expect(ids.size).toBe(parts.length * parts.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_]+$/);
    expect(encodeIdPart('br0-100')).toBe('br0_2d_100');
  });
});

describe('escaping', () => {
  it('keeps user text inside DOT HTML labels, DOT strings and Mermaid labels', () => {
    expect(escapeDotHtml('<b>&"')).toBe('&lt;b&gt;&amp;&quot;');
    expect(quoteDot('a"b\\N\nc')).toBe('"a\\"b\\\\N\\nc"');
    expect(escapeMermaid('a"b#c<d>&`\n')).toBe('a#34;b#35;c#60;d#62;#38;#96; ');
  });
});

describe('DOT', () => {
  let render: SvgRenderer;
  beforeAll(async () => {
    render = await loadSvgRenderer();
  });

  const cases: Array<[string, () => Diagram]> = [
    ['lab', () => diagramOfEnvironment(lab)],
    ['prod', () => diagramOfEnvironment(prod)],
    ['the seeds (with errors)', () => diagramOfTexts('seeds', fs.readdirSync(SEEDS).sort().map((f) => ({ file: f, text: fs.readFileSync(path.join(SEEDS, f), 'utf8') })))],
    ['hostile names', hostileDiagram],
  ];

  it.each(cases)('of %s parses and lays out in Graphviz, one statement per node and edge', (_name, make) => {
    const d = make();
    const dot = toDot(d);
    expect(dot.startsWith('digraph "')).toBe(true);
    expect(dot.endsWith('}\n')).toBe(true);
    for (const n of d.nodes) expect(dot.split('\n').filter((l) => l.trimStart().startsWith(`"${n.id}" [`))).toHaveLength(1);
    expect(dot.split('\n').filter((l) => l.includes(' -> '))).toHaveLength(d.edges.length);
    const svg = render(dot);
    expect(svg).toContain('<svg');
    for (const n of d.nodes) expect(svg).toContain(`<title>${n.id}</title>`);
  });

  it('rejects what Graphviz rejects, with its message', () => {
    expect(() => render('digraph { a -> }')).toThrow(/Graphviz could not lay out the diagram: .*syntax error/);
  });
});

describe('Mermaid', () => {
  it.each([
    ['lab', diagramOfEnvironment(lab)],
    ['prod', diagramOfEnvironment(prod)],
    ['hostile names', hostileDiagram()],
  ])('of %s is a well-formed flowchart LR', (_name, d) => {
    const mmd = toMermaid(d);
    expect(mermaidProblems(mmd)).toEqual([]);
    expect(mmd.split('\n').filter((l) => /-->|-\.->/.test(l))).toHaveLength(d.edges.length);
  });

  it('the structural check catches what it should (it can fail)', () => {
    expect(mermaidProblems('flowchart LR\n  subgraph a["x"]\n  b["un"closed"]\n  c --> b\n')).toEqual(
      expect.arrayContaining(['1 subgraph(s) not closed', 'unexpected line:   b["un"closed"]', 'reference to undeclared node c']),
    );
  });
});
