/**
 * The mutable side of diagram building: nodes, edges and clusters added in drawing order, with
 * merging (the same id added twice is one node) and de-duplicated edges. `build.ts` drives it
 * and freezes the result into a {@link Diagram}.
 */
import { Diagram, DiagramBadge, DiagramCluster, DiagramEdge, DiagramEdgeStyle, DiagramNode, DiagramNodeKind } from './model';

interface MutableNode {
  id: string;
  kind: DiagramNodeKind;
  title: string;
  lines: string[];
  cluster?: string;
  implied: boolean;
  badges: DiagramBadge[];
}

/** Options of {@link GraphBuilder.node}. */
export interface NodeOptions {
  readonly cluster?: string;
  readonly lines?: readonly string[];
  /** @default false */
  readonly implied?: boolean;
}

/** Accumulates a diagram. */
export class GraphBuilder {
  private readonly clusters = new Map<string, DiagramCluster>();
  private readonly nodes = new Map<string, MutableNode>();
  private readonly edges = new Map<string, DiagramEdge>();

  /** Adds a cluster (once; later calls with the same id are ignored) and returns its id. */
  addCluster(c: DiagramCluster): string {
    if (!this.clusters.has(c.id)) this.clusters.set(c.id, c);
    return c.id;
  }

  /**
   * Adds a node, or merges into the node of the same id: new lines are appended (no repeats),
   * and a real declaration makes an implied node real.
   */
  node(id: string, kind: DiagramNodeKind, title: string, options: NodeOptions = {}): string {
    const existing = this.nodes.get(id);
    const lines = options.lines ?? [];
    if (existing) {
      for (const l of lines) if (!existing.lines.includes(l)) existing.lines.push(l);
      if (!options.implied && existing.implied) {
        existing.implied = false;
        existing.kind = kind;
      }
      return id;
    }
    this.nodes.set(id, { id, kind, title, lines: [...lines], cluster: options.cluster, implied: options.implied ?? false, badges: [] });
    return id;
  }

  /** True when a node with this id exists. */
  has(id: string): boolean {
    return this.nodes.has(id);
  }

  /** Adds an edge unless the same edge (ends, label) exists. */
  edge(from: string, to: string, label?: string, style: DiagramEdgeStyle = 'solid'): void {
    const key = `${from}\u0000${to}\u0000${label ?? ''}`;
    if (!this.edges.has(key)) this.edges.set(key, { from, to, ...(label ? { label } : {}), style });
  }

  /** Puts a problem badge on a node. */
  badge(id: string, badge: DiagramBadge): void {
    const n = this.nodes.get(id);
    if (!n) throw new Error(`multihome internal error: diagram node ${id} does not exist`);
    n.badges.push(badge);
  }

  /** The finished diagram; badges sorted errors first, then by code and path. */
  build(title: string): Diagram {
    const rank = (b: DiagramBadge) => (b.severity === 'error' ? 0 : 1);
    const nodes: DiagramNode[] = [...this.nodes.values()].map((n) => ({
      id: n.id,
      kind: n.kind,
      title: n.title,
      lines: n.lines,
      ...(n.cluster !== undefined ? { cluster: n.cluster } : {}),
      implied: n.implied,
      badges: [...n.badges].sort((a, b) => rank(a) - rank(b) || cmp(a.code, b.code) || cmp(a.resource, b.resource) || cmp(a.path, b.path) || cmp(a.message, b.message)),
    }));
    const used = new Set(nodes.map((n) => n.cluster));
    return { title, clusters: [...this.clusters.values()].filter((c) => used.has(c.id)), nodes, edges: [...this.edges.values()] };
  }
}

/** Code-unit string order (locale independent, so output never depends on the machine). */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
