/**
 * Manifests (+ their validation problems) → diagram. The one path of `multihome diagram`: an
 * environment is rendered to manifests first, YAML files are parsed to manifests, and both come
 * here. The set is read by the same lenient reader as the cross-resource rules
 * (`readSet`), so the picture shows exactly what validation saw.
 */
import { Problem } from '../errors';
import { Manifest } from '../manifest';
import { readSet } from '../topology/rules/read-set';
import { drawAttachments } from './attach';
import { GraphBuilder } from './graph-builder';
import { drawHost } from './host';
import { Diagram } from './model';
import { placeProblems } from './place';

/** Input of {@link buildDiagram}. */
export interface DiagramSource {
  /** Caption, e.g. the environment name or the paths drawn. */
  readonly title: string;
  /** The objects to draw; kinds other than NNCP, NAD, VM and VMI are ignored (Secrets feed cloud-init). */
  readonly manifests: readonly Manifest[];
  /** Problems to draw on the objects they are about. @default - none */
  readonly problems?: readonly Problem[];
}

/**
 * Builds the diagram: node groups (NNCP nodeSelector) with their uplinks, bonds, VLANs and
 * bridges; namespaces with their NADs and VMs (MACs, guest addresses); edges from the wire to
 * the VM; problems on the nodes they are about. Independent of manifest order: groups,
 * namespaces, NADs and VMs are drawn in name order, ids derive from names only.
 */
export function buildDiagram(source: DiagramSource): Diagram {
  const g = new GraphBuilder();
  const model = readSet(source.manifests);
  const host = drawHost(g, model);
  const attach = drawAttachments(g, model, host);
  placeProblems(g, source.problems ?? [], host, attach);
  return g.build(source.title);
}
