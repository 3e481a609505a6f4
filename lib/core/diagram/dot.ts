/**
 * Graphviz DOT emitter. Left-to-right layout (wire → bridge → NAD → VM), one `cluster_` subgraph
 * per node group and namespace, HTML-like labels (bold title, detail lines, problem codes in
 * red/orange), problems also in the node's tooltip. Output is a pure function of the diagram.
 */
import { escapeDotHtml, quoteDot } from './escape';
import { Diagram, DiagramNode, countBadges } from './model';
import { badgeLines, CLUSTER_STYLES, FONT, IMPLIED_FILL, NODE_STYLES, PROBLEM_COLOURS, problemTooltip, worstSeverity } from './style';

const ROUNDED = new Set(['box']);

function label(n: DiagramNode): string {
  const rows = [`<B>${escapeDotHtml(n.title)}</B>`, ...n.lines.map(escapeDotHtml)];
  for (const b of badgeLines(n)) rows.push(`<FONT COLOR="${PROBLEM_COLOURS[b.severity].text}"><B>${escapeDotHtml(b.text)}</B></FONT>`);
  return `<${rows.map((r) => `${r}<BR ALIGN="LEFT"/>`).join('')}>`;
}

function attrs(list: Array<[string, string]>): string {
  return `[${list.map(([k, v]) => `${k}=${v}`).join(', ')}]`;
}

function nodeLine(n: DiagramNode, indent: string): string {
  const s = NODE_STYLES[n.kind];
  const worst = worstSeverity(n);
  const style = [ROUNDED.has(s.dotShape) && n.kind !== 'problems' ? 'rounded' : '', 'filled', n.implied ? 'dashed' : ''].filter(Boolean).join(',');
  const list: Array<[string, string]> = [
    ['shape', s.dotShape],
    ['style', quoteDot(style)],
    ['fillcolor', quoteDot(worst ? PROBLEM_COLOURS[worst].fill : n.implied ? IMPLIED_FILL : s.fill)],
    ['color', quoteDot(worst ? PROBLEM_COLOURS[worst].stroke : s.stroke)],
    ['label', label(n)],
  ];
  if (s.dotMargin) list.push(['margin', quoteDot(s.dotMargin)]);
  if (worst) list.push(['penwidth', '2'], ['tooltip', quoteDot(problemTooltip(n))]);
  return `${indent}${quoteDot(n.id)} ${attrs(list)};`;
}

/** The diagram as a DOT `digraph`, ready for `dot -Tsvg` (or {@link SvgRenderer}). */
export function toDot(d: Diagram): string {
  const { errors, warnings } = countBadges(d);
  const caption = `multihome topology: ${d.title} (${errors} error(s), ${warnings} warning(s))`;
  const out: string[] = [
    `digraph ${quoteDot(d.title)} {`,
    `  graph ${attrs([['rankdir', 'LR'], ['newrank', 'true'], ['fontname', quoteDot(FONT)], ['fontsize', '14'], ['labelloc', 't'], ['labeljust', 'l'], ['label', `<<B>${escapeDotHtml(caption)}</B>>`], ['nodesep', '0.3'], ['ranksep', '0.7'], ['pad', '0.3'], ['bgcolor', quoteDot('white')]])};`,
    `  node ${attrs([['fontname', quoteDot(FONT)], ['fontsize', '11'], ['margin', quoteDot('0.15,0.07')]])};`,
    `  edge ${attrs([['fontname', quoteDot(FONT)], ['fontsize', '10'], ['color', quoteDot('#555555')], ['fontcolor', quoteDot('#333333')], ['arrowsize', '0.7']])};`,
  ];
  for (const c of d.clusters) {
    const s = CLUSTER_STYLES[c.kind];
    out.push(`  subgraph ${quoteDot(`cluster_${c.id}`)} {`);
    out.push(`    graph ${attrs([['label', `<<B>${escapeDotHtml(c.title)}</B>>`], ['style', quoteDot('rounded,filled')], ['fillcolor', quoteDot(s.fill)], ['color', quoteDot(s.stroke)], ['fontsize', '12']])};`);
    for (const n of d.nodes) if (n.cluster === c.id) out.push(nodeLine(n, '    '));
    out.push('  }');
  }
  for (const n of d.nodes) if (n.cluster === undefined) out.push(nodeLine(n, '  '));
  for (const e of d.edges) {
    const list: Array<[string, string]> = [];
    if (e.label) list.push(['label', quoteDot(e.label)]);
    if (e.style === 'dashed') list.push(['style', 'dashed']);
    out.push(`  ${quoteDot(e.from)} -> ${quoteDot(e.to)}${list.length ? ' ' + attrs(list) : ''};`);
  }
  out.push('}');
  return out.join('\n') + '\n';
}
