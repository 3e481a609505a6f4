/**
 * TOPOLOGY_NAMESPACE_UNDECLARED: a NAD (network `namespaces`), a VM or the node agent (when it
 * does not create its namespace) in a namespace the environment neither creates
 * (`namespaces: { x: { create: true } }`) nor declares as existing (`namespaces: { x: {} }`).
 * The API server refuses objects in a namespace that does not exist (kubernetes/kubernetes
 * plugin/pkg/admission/namespace/lifecycle/admission.go, NamespaceLifecycle), and Argo CD applies
 * the NADs (wave -5) long before anyone else may create it. The namespaces the API server itself
 * creates are always there (kubernetes/kubernetes pkg/controlplane/controller/systemnamespaces:
 * default, kube-system, kube-public, kube-node-lease).
 */
import { joinPath } from '../../path';
import { AGENT_DEPLOYMENT_DEFAULTS } from '../agent-deployment';
import { Topology } from '../model';
import { IntentReport } from './intent-vlans';

/** Namespaces every cluster has. */
export const BUILTIN_NAMESPACES: ReadonlySet<string> = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

/** Reports every NAD, VM and agent namespace the environment does not declare. */
export function checkNamespacesDeclared(t: Topology, report: IntentReport): void {
  const declared = t.namespaces ?? {};
  const known = (ns: string): boolean => BUILTIN_NAMESPACES.has(ns) || Object.prototype.hasOwnProperty.call(declared, ns);
  const fix = (ns: string, used: string): string =>
    `declare it on the environment: new NetworkEnvironment(scope, id, { namespaces: { ${JSON.stringify(ns)}: { create: true } } }) to create it, or { ${JSON.stringify(ns)}: {} } if it exists already (namespaces: in the data form); or move ${used} to a declared namespace`;
  t.networks.forEach((n, i) => {
    if (n.state === 'absent') return;
    (n.namespaces ?? []).forEach((ns, j) => {
      if (!known(ns)) report(joinPath('networks', i, 'namespaces', j), `network ${JSON.stringify(n.name)} renders a NetworkAttachmentDefinition in namespace ${JSON.stringify(ns)}, which the environment neither creates nor declares as existing`, fix(ns, `the NAD (exposeTo another namespace)`));
    });
  });
  t.vms.forEach((vm, i) => {
    if (!known(vm.namespace)) report(joinPath('vms', i, 'namespace'), `VM ${JSON.stringify(vm.name)} is in namespace ${JSON.stringify(vm.namespace)}, which the environment neither creates nor declares as existing`, fix(vm.namespace, `the VM (its namespace prop)`));
  });
  if (t.agent && !(t.agent.createNamespace ?? AGENT_DEPLOYMENT_DEFAULTS.createNamespace)) {
    const ns = t.agent.namespace ?? AGENT_DEPLOYMENT_DEFAULTS.namespace;
    if (!known(ns)) report('agent.namespace', `the node agent runs in namespace ${JSON.stringify(ns)} (createNamespace: false), which the environment neither creates nor declares as existing`, fix(ns, 'the agent (NetworkAgent namespace prop)'));
  }
}
