/**
 * Puts each validation problem on the node it is about: an NNCP problem on the interface its
 * path points into (`spec.desiredState.interfaces[1]...`) or else on the policy, a NAD or VM
 * problem on that NAD or VM. Problems about anything not drawn (YAML syntax, intent-level
 * rules, other kinds) go on one shared "problems" node, so none is lost.
 */
import { formatResource, Problem } from '../errors';
import { API } from '../manifest';
import { DEFAULT_NAMESPACE } from '../topology/rules/refs';
import { AttachIndex } from './attach';
import { GraphBuilder } from './graph-builder';
import { HostIndex } from './host';
import { diagramId, ID_PREFIX } from './ids';

const IFACE_PATH = /^spec\.desiredState\.interfaces\[(\d+)\]/;

function target(p: Problem, host: HostIndex, attach: AttachIndex): string | undefined {
  const { kind, name, namespace } = p.resource;
  if (name === undefined) return undefined;
  switch (kind) {
    case API.nncp.kind: {
      const m = IFACE_PATH.exec(p.path);
      return (m ? host.ifaceAt.get(`${name}/${m[1]}`) : undefined) ?? host.policies.get(name);
    }
    case API.nad.kind:
      return attach.nads.get(`${namespace || DEFAULT_NAMESPACE}/${name}`);
    case API.vm.kind:
    case API.vmi.kind:
      return attach.vms.get(`${namespace || DEFAULT_NAMESPACE}/${name}`);
    default:
      return undefined;
  }
}

/** Puts every problem on a node (see the module comment). */
export function placeProblems(g: GraphBuilder, problems: readonly Problem[], host: HostIndex, attach: AttachIndex): void {
  for (const p of problems) {
    let id = target(p, host, attach);
    if (id === undefined) {
      id = g.node(diagramId(ID_PREFIX.problems, 'other'), 'problems', 'other problems');
    }
    g.badge(id, { code: p.code, severity: p.severity, path: p.path, message: p.message, resource: formatResource(p.resource) });
  }
}
