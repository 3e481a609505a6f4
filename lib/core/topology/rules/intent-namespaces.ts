/**
 * TOPOLOGY_NAMESPACE_UNDECLARED (once per namespace, at its first use): a NAD (network
 * `namespaces`), a VM or the node agent (when it does not create its namespace) in a namespace the
 * environment neither creates
 * (`namespaces: { x: { create: true } }`) nor declares as existing (`namespaces: { x: {} }`).
 * The API server refuses objects in a namespace that does not exist (kubernetes/kubernetes
 * plugin/pkg/admission/namespace/lifecycle/admission.go, NamespaceLifecycle), and Argo CD applies
 * the NADs (wave -5) long before anyone else may create it. The namespaces the API server itself
 * creates are always there (kubernetes/kubernetes pkg/controlplane/controller/systemnamespaces:
 * default, kube-system, kube-public, kube-node-lease).
 */
import { dns1123LabelError } from '../../kubernetes/names';
import { joinPath } from '../../path';
import { AGENT_DEPLOYMENT_DEFAULTS } from '../agent-deployment';
import { Topology } from '../model';
import { IntentReport } from './intent-vlans';
import { addTo } from '../../multimap';

/** Namespaces every cluster has. */
export const BUILTIN_NAMESPACES: ReadonlySet<string> = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

/** Reports every undeclared namespace once, at its first use (NADs, then VMs, then the agent), counting the others. */
export function checkNamespacesDeclared(t: Topology, report: IntentReport): void {
  const declared = t.namespaces ?? {};
  const known = (ns: string): boolean => BUILTIN_NAMESPACES.has(ns) || Object.prototype.hasOwnProperty.call(declared, ns);
  const uses = new Map<string, Array<{ path: string; what: string; move: string }>>();
  const use = (ns: string, path: string, what: string, move: string): void => {
    // a name that is no namespace name is TOPOLOGY_NAME_INVALID's, not a second problem here
    if (typeof ns !== 'string' || known(ns) || dns1123LabelError(ns) !== undefined) return;
    addTo(uses, ns, { path, what, move });
  };
  t.networks.forEach((n, i) => {
    if (n.state !== 'absent') (n.namespaces ?? []).forEach((ns, j) => use(ns, joinPath('networks', i, 'namespaces', j), `network ${JSON.stringify(n.name)} renders a NetworkAttachmentDefinition in it`, 'the NAD (exposeTo another namespace)'));
  });
  t.vms.forEach((vm, i) => use(vm.namespace, joinPath('vms', i, 'namespace'), `VM ${JSON.stringify(vm.name)} is in it`, 'the VM (its namespace prop)'));
  if (t.agent && !(t.agent.createNamespace ?? AGENT_DEPLOYMENT_DEFAULTS.createNamespace)) {
    use(t.agent.namespace ?? AGENT_DEPLOYMENT_DEFAULTS.namespace, 'agent.namespace', 'the node agent runs in it (createNamespace: false)', 'the agent (NetworkAgent namespace prop)');
  }
  for (const [ns, list] of uses) {
    const [first, ...others] = list;
    const more = others.length ? ` (and ${others.length} more use${others.length > 1 ? 's' : ''}: ${others.slice(0, 3).map((o) => o.path).join(', ')}${others.length > 3 ? ', …' : ''})` : '';
    report(
      first.path,
      `namespace ${JSON.stringify(ns)} is neither created nor declared as existing by the environment, but ${first.what}${more}`,
      `declare it on the environment: the NetworkEnvironment prop { namespaces: { ${JSON.stringify(ns)}: { create: true } } } to create it, or { ${JSON.stringify(ns)}: {} } if it exists already (namespaces: in the data form); or move ${first.move} to a declared namespace`,
    );
  }
}
