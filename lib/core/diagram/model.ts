/**
 * The diagram graph: what `multihome diagram` draws, independent of the output syntax. Built
 * from manifests by {@link buildDiagram}; emitted as DOT ({@link toDot}), Mermaid
 * ({@link toMermaid}) or SVG (DOT laid out by Graphviz). Plain data, no framework types.
 */
import { Severity } from '../errors';

/** What a diagram node stands for; its shape and colour follow from it (see `style.ts`). */
export type DiagramNodeKind =
  /** A NodeNetworkConfigurationPolicy (anchor for problems about the whole policy). */
  | 'policy'
  /** A NIC, a bond port or any interface that is neither bond, VLAN nor bridge. */
  | 'ethernet'
  | 'bond'
  | 'vlan'
  /** linux-bridge or ovs-bridge. */
  | 'bridge'
  /** An OVN `bridge-mappings` localnet. */
  | 'localnet'
  | 'nad'
  | 'vm'
  /** Problems that belong to no drawn object (YAML syntax, intent-level rules). */
  | 'problems';

/** A problem drawn on the node it is about. */
export interface DiagramBadge {
  readonly code: string;
  readonly severity: Severity;
  /** Field path inside the resource. */
  readonly path: string;
  readonly message: string;
  /** `Kind/namespace/name` of the resource, for badges on the shared problems node. */
  readonly resource: string;
}

/** One box of the diagram. */
export interface DiagramNode {
  /** Stable id (see `ids.ts`): `[A-Za-z0-9_]+`, the same for the same object across runs. */
  readonly id: string;
  readonly kind: DiagramNodeKind;
  /** First label line, e.g. `br0` or `VM vma`. */
  readonly title: string;
  /** Further label lines (type, VLAN, addresses, MACs). */
  readonly lines: readonly string[];
  /** Id of the cluster the node sits in, if any. */
  readonly cluster?: string;
  /** True for objects the manifests refer to but do not contain (drawn dashed). */
  readonly implied: boolean;
  /** Problems on this node, errors first. */
  readonly badges: readonly DiagramBadge[];
}

/** How an edge is drawn. */
export type DiagramEdgeStyle = 'solid' | 'dashed';

/** A connection from the wire side towards the VM side. */
export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  /** Short label, e.g. `trunk 100`, `vlan 1085`, a VM NIC name. */
  readonly label?: string;
  readonly style: DiagramEdgeStyle;
}

/** What a cluster groups. */
export type DiagramClusterKind = 'node-group' | 'namespace';

/** A box around nodes: a node group (NNCP nodeSelector) or a namespace. */
export interface DiagramCluster {
  readonly id: string;
  readonly kind: DiagramClusterKind;
  readonly title: string;
}

/** A whole diagram, every list in drawing order. */
export interface Diagram {
  /** Graph caption, e.g. `lab`. */
  readonly title: string;
  readonly clusters: readonly DiagramCluster[];
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
}

/** Errors and warnings drawn on a diagram, for summaries. */
export function countBadges(d: Diagram): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const n of d.nodes) for (const b of n.badges) b.severity === 'error' ? errors++ : warnings++;
  return { errors, warnings };
}
