/**
 * Mermaid emitter: a `flowchart LR` for Markdown (GitHub, GitLab and most wikis render it). One
 * `subgraph` per node group and namespace, quoted labels with `<br/>` between lines, problems
 * as red/orange class styles plus their codes in the label. Pure function of the diagram.
 */
import { escapeMermaid } from './escape';
import { Diagram, DiagramNode, countBadges } from './model';
import { badgeLines, CLUSTER_STYLES, IMPLIED_FILL, NODE_STYLES, PROBLEM_COLOURS, worstSeverity } from './style';

function label(n: DiagramNode): string {
  const lines = [n.title, ...n.lines.map((l) => l.trim()), ...badgeLines(n).map((b) => b.text)];
  return `"${lines.map(escapeMermaid).join('<br/>')}"`;
}

function nodeLine(n: DiagramNode, indent: string): string {
  const [open, close] = NODE_STYLES[n.kind].mermaid;
  return `${indent}${n.id}${open}${label(n)}${close}`;
}

/** The class a node is styled with: its problem severity, else `implied`, else its kind. */
function classOf(n: DiagramNode): string {
  const worst = worstSeverity(n);
  return worst ? `mh_${worst}` : n.implied ? 'mh_implied' : `mh_${n.kind}`;
}

/** The diagram as Mermaid `flowchart LR` source (paste into a ```mermaid block). */
export function toMermaid(d: Diagram): string {
  const { errors, warnings } = countBadges(d);
  const out: string[] = ['flowchart LR', `  %% multihome topology: ${d.title.replace(/[\r\n]/g, ' ')} (${errors} error(s), ${warnings} warning(s))`];
  for (const c of d.clusters) {
    out.push(`  subgraph ${c.id}["${escapeMermaid(c.title)}"]`);
    for (const n of d.nodes) if (n.cluster === c.id) out.push(nodeLine(n, '    '));
    out.push('  end');
  }
  for (const n of d.nodes) if (n.cluster === undefined) out.push(nodeLine(n, '  '));
  for (const e of d.edges) {
    const arrow = e.style === 'dashed' ? '-.->' : '-->';
    out.push(`  ${e.from} ${arrow}${e.label ? `|"${escapeMermaid(e.label)}"|` : ''} ${e.to}`);
  }
  const classes = new Map<string, string>();
  for (const [kind, s] of Object.entries(NODE_STYLES)) classes.set(`mh_${kind}`, `fill:${s.fill},stroke:${s.stroke},color:#222222`);
  classes.set('mh_implied', `fill:${IMPLIED_FILL},stroke:#888888,stroke-dasharray:5 3,color:#444444`);
  for (const [sev, c] of Object.entries(PROBLEM_COLOURS)) classes.set(`mh_${sev}`, `fill:${c.fill},stroke:${c.stroke},stroke-width:2px,color:#222222`);
  const members = new Map<string, string[]>();
  for (const n of d.nodes) members.set(classOf(n), [...(members.get(classOf(n)) ?? []), n.id]);
  for (const [name, def] of classes) {
    const ids = members.get(name);
    if (!ids) continue;
    out.push(`  classDef ${name} ${def}`);
    out.push(`  class ${ids.join(',')} ${name}`);
  }
  for (const c of d.clusters) out.push(`  style ${c.id} fill:${CLUSTER_STYLES[c.kind].fill},stroke:${CLUSTER_STYLES[c.kind].stroke}`);
  return out.join('\n') + '\n';
}
