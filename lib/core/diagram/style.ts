/**
 * How each kind of node, cluster and problem looks, declared once for both emitters (DOT and
 * Mermaid). Colours are plain hex so they mean the same in Graphviz, SVG and Mermaid CSS.
 */
import { Severity } from '../errors';
import { DiagramClusterKind, DiagramNode, DiagramNodeKind } from './model';

/** Look of one node kind. */
export interface NodeStyle {
  /** Graphviz `shape`. */
  readonly dotShape: string;
  /** Fill colour. */
  readonly fill: string;
  /** Border colour when the node has no problem. */
  readonly stroke: string;
  /** Mermaid opening and closing brackets of the shape, e.g. `(`, `)` for rounded. */
  readonly mermaid: readonly [string, string];
  /** Graphviz `margin` (inches, x,y) when the shape needs more than the default, e.g. the pointed `cds`. */
  readonly dotMargin?: string;
}

/** Node looks by kind. */
export const NODE_STYLES: Readonly<Record<DiagramNodeKind, NodeStyle>> = {
  policy: { dotShape: 'note', fill: '#ffffff', stroke: '#8c8c8c', mermaid: ['>', ']'] },
  ethernet: { dotShape: 'box', fill: '#dbe9f7', stroke: '#4a78a8', mermaid: ['[', ']'] },
  bond: { dotShape: 'box3d', fill: '#c9def5', stroke: '#2f5f8f', mermaid: ['[[', ']]'] },
  vlan: { dotShape: 'cds', fill: '#e3f1e1', stroke: '#4f8a4a', mermaid: ['[/', '\\]'], dotMargin: '0.3,0.07' },
  bridge: { dotShape: 'hexagon', fill: '#cfe8cb', stroke: '#3d7a37', mermaid: ['{{', '}}'] },
  localnet: { dotShape: 'ellipse', fill: '#e8e1f3', stroke: '#6b5a8f', mermaid: ['([', '])'] },
  nad: { dotShape: 'component', fill: '#fff2cc', stroke: '#b8912f', mermaid: ['[/', '/]'] },
  vm: { dotShape: 'box', fill: '#f3e5f5', stroke: '#7b4b94', mermaid: ['(', ')'] },
  problems: { dotShape: 'box', fill: '#fdecea', stroke: '#c62828', mermaid: ['[', ']'] },
};

/** Fill of nodes the manifests name but do not contain (drawn dashed). */
export const IMPLIED_FILL = '#ffffff';

/** Look of one cluster kind. */
export interface ClusterStyle {
  readonly fill: string;
  readonly stroke: string;
}

/** Cluster looks by kind. */
export const CLUSTER_STYLES: Readonly<Record<DiagramClusterKind, ClusterStyle>> = {
  'node-group': { fill: '#f4f8fc', stroke: '#7a9cc0' },
  namespace: { fill: '#fbf8ef', stroke: '#c2ad6e' },
};

/** Colours of problems: border, text and fill tint of the node they are on. */
export const PROBLEM_COLOURS: Readonly<Record<Severity, { readonly stroke: string; readonly text: string; readonly fill: string }>> = {
  error: { stroke: '#d32f2f', text: '#c62828', fill: '#fdecea' },
  warning: { stroke: '#ef8f00', text: '#b26a00', fill: '#fff4e0' },
};

/** Font for every label (Graphviz WASM has no fonts: it estimates text width from built-in Arial metrics, and every renderer has Arial or a metric-compatible alias such as Liberation Sans). */
export const FONT = 'Arial';

/** Text of one problem badge line: `error CODE` / `warning CODE`. */
export function badgeText(severity: Severity, code: string, count = 1): string {
  return `${severity} ${code}${count > 1 ? ` ×${count}` : ''}`;
}

/**
 * The badge lines of a node: one per severity and code, with a count when repeated. On the
 * shared problems node each line also names the resource and path, since no box does.
 */
export function badgeLines(node: DiagramNode): Array<{ readonly severity: Severity; readonly text: string }> {
  if (node.kind === 'problems') {
    return node.badges.map((b) => ({ severity: b.severity, text: `${badgeText(b.severity, b.code)} ${b.resource}${b.path ? ' ' + b.path : ''}` }));
  }
  const out: Array<{ severity: Severity; code: string; count: number }> = [];
  for (const b of node.badges) {
    const same = out.find((o) => o.severity === b.severity && o.code === b.code);
    if (same) same.count++;
    else out.push({ severity: b.severity, code: b.code, count: 1 });
  }
  return out.map((o) => ({ severity: o.severity, text: badgeText(o.severity, o.code, o.count) }));
}

/** The worst severity on a node, if any. */
export function worstSeverity(node: DiagramNode): Severity | undefined {
  return node.badges.some((b) => b.severity === 'error') ? 'error' : node.badges.length ? 'warning' : undefined;
}

/** Tooltip of a node: every problem with its resource, path and message, one per line. */
export function problemTooltip(node: DiagramNode): string {
  return node.badges.map((b) => `${b.severity} ${b.code} ${b.resource}${b.path ? ' ' + b.path : ''}: ${b.message}`).join('\n');
}
