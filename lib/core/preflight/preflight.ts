/**
 * `multihome preflight`: intent (NNCPs, NADs, VMs) against the cluster's NodeNetworkStates, node
 * by node, before anything is applied. Framework-free and I/O-free: the CLI and the
 * NetworkEnvironment constructs read the objects and call {@link preflight}.
 */
import { compareVersions, Target } from '../target';
import { ResourceRef } from '../errors';
import { isRecord } from '../problems';
import { resourceOf } from '../source/documents';
import { ClusterState } from './cluster-state';
import { DesiredState, desiredStateOf } from './desired';
import { FindingSink, PreflightFinding } from './finding';
import { resolveCaptures, usesCapture } from './nmpolicy';
import { NodeFacts } from './node-facts';
import { NodeDeclarations, PolicyInput, PolicyOnNode, policyOnNode } from './policy-on-node';
import { BridgeMtuCache, checkLocalnetMappings, checkNadBridgeMtu } from './rules/networks';
import { checkVmMacs, nadInputOf, NadInput, vmInputOf, VmInput } from './rules/attachments';
import { checkDefaultRouteInterface, checkProbes } from './rules/default-route';
import { checkEnslavedPorts, checkMissingInterfaces, checkSriov, checkVlanOnBridge } from './rules/interfaces';
import { checkMtuChain } from './rules/mtu';
import { checkNmstateVersion } from './rules/version';
import { DEFAULT_MAX_UNAVAILABLE, hostnameIndex, scaledMaxUnavailable, selectNodes, selectorOf } from './selection';
import { addTo } from '../multimap';

/** The intent pre-flight reads, sorted by kind. */
export interface IntentObjects {
  readonly policies: readonly PolicyInput[];
  readonly nads: readonly NadInput[];
  readonly vms: readonly VmInput[];
}

/** Sorts input objects into policies, NADs and VMs (other kinds are not pre-flight's). */
export function intentOf(objects: readonly unknown[]): IntentObjects {
  const policies: PolicyInput[] = [];
  const nads: NadInput[] = [];
  const vms: VmInput[] = [];
  for (const object of objects) {
    if (!isRecord(object) || typeof object.apiVersion !== 'string') continue;
    const resource: ResourceRef = resourceOf(object);
    if (object.kind === 'NodeNetworkConfigurationPolicy' && object.apiVersion.startsWith('nmstate.io/') && isRecord(object.spec)) {
      policies.push({ resource, spec: object.spec, desired: desiredStateOf(object.spec.desiredState, 'spec.desiredState'), usesCapture: usesCapture(object.spec), object });
    } else if (object.kind === 'NetworkAttachmentDefinition') {
      const nad = nadInputOf(object, resource);
      if (nad) nads.push(nad);
    } else if ((object.kind === 'VirtualMachine' || object.kind === 'VirtualMachineInstance') && object.apiVersion.startsWith('kubevirt.io/')) {
      const vm = vmInputOf(object, resource);
      if (vm) vms.push(vm);
    }
  }
  return { policies, nads, vms };
}

/** Runs every pre-flight rule; findings come in input order (policies, then NADs, VMs, nodes). */
export function preflight(objects: readonly unknown[], cluster: ClusterState, options: PreflightOptions = {}): PreflightFinding[] {
  const intent = intentOf(objects);
  const sink = new FindingSink();
  const nodes = [...cluster.nodes.values()];
  const onNode = new Map<string, PolicyOnNode[]>();
  const involved = new Set<NodeFacts>();
  const byHostname = hostnameIndex(nodes);
  const planned: Array<{ policy: PolicyInput; node: NodeFacts; desired: DesiredState }> = [];
  for (const policy of intent.policies) {
    const where = { resource: policy.resource, object: policy.object };
    const { selected, unknown } = selectNodes(selectorOf(policy.spec), nodes, byHostname);
    if (unknown.length) {
      sink.add('PREFLIGHT_NODE_LABELS_UNKNOWN', where, 'spec.nodeSelector', `no Node object was given for ${unknown.map((n) => n.name).join(', ')}, so whether this nodeSelector selects them is unknown; they are not checked for this policy`, 'give the Node objects with the states (kubectl get nodes -o yaml), or select by kubernetes.io/hostname');
    }
    if (!selected.length && !unknown.length && nodes.length) {
      sink.add('PREFLIGHT_POLICY_SELECTS_NO_NODE', where, 'spec.nodeSelector', `nodeSelector ${JSON.stringify(selectorOf(policy.spec))} matches none of the ${nodes.length} node(s) given; kubernetes-nmstate marks the policy Ignored (NoMatchingNode)`, 'fix the nodeSelector (NodeGroup nodeSelector) to match the nodes\' labels, or label the nodes');
    }
    for (const e of cluster.failingEnactments.get(policy.resource.name ?? '') ?? []) {
      sink.add('PREFLIGHT_ENACTMENT_FAILING', { ...where, node: e.node }, 'metadata.name', `policy ${policy.resource.name} already fails on node ${e.node}: its enactment is ${e.reason}`, `read the enactment (kubectl get nnce ${e.node}.${policy.resource.name} -o yaml) and fix that failure with this change`);
    }
    const maxUnavailable = policy.spec.maxUnavailable ?? DEFAULT_MAX_UNAVAILABLE;
    const scaled = scaledMaxUnavailable(maxUnavailable, selected.length);
    if (selected.length >= 2 && scaled !== undefined && scaled >= selected.length) {
      sink.add('PREFLIGHT_ALL_NODES_AT_ONCE', where, 'spec.maxUnavailable', `maxUnavailable ${JSON.stringify(maxUnavailable)}${policy.spec.maxUnavailable === undefined ? ' (the default)' : ''} lets all ${selected.length} selected nodes (${selected.map((n) => n.name).join(', ')}) apply this policy at once`, `set maxUnavailable below ${selected.length} (e.g. 1, or a percentage that rounds up to fewer nodes) so a bad change stops at the first nodes`);
    }
    for (const node of selected) {
      involved.add(node);
      if (!node.state) continue;
      let desired = policy.desired;
      if (policy.usesCapture) {
        const resolved = resolveCaptures(policy.spec, node.state.raw);
        if (!resolved.ok) {
          sink.add('PREFLIGHT_CAPTURE_UNRESOLVED', { ...where, node: node.name }, 'spec.capture', `the capture cannot be evaluated on node ${node.name}: ${resolved.reason}`, 'check the capture expressions against this node\'s NodeNetworkState (nmpolicy: path==value, path:=value, capture.x | …)');
          continue;
        }
        desired = desiredStateOf(resolved.desiredState, 'spec.desiredState');
      }
      planned.push({ policy, node, desired });
    }
  }
  // every policy on a node sees what the others create there (they converge together)
  const declaredOn = new Map<string, NodeDeclarations>();
  for (const { policy, node, desired } of planned) {
    let decl = declaredOn.get(node.name);
    if (!decl) declaredOn.set(node.name, (decl = new NodeDeclarations()));
    decl.add(policy, desired);
  }
  for (const { policy, node, desired } of planned) {
    const elsewhere = declaredOn.get(node.name)!.except(policy);
    const p = policyOnNode(policy, node, node.state!, desired, elsewhere);
    addTo(onNode, node.name, p);
    checkMissingInterfaces(p, sink);
    const cutOff = checkDefaultRouteInterface(p, sink);
    checkEnslavedPorts(p, sink);
    if (!cutOff) checkProbes(p, sink);
    checkMtuChain(p, sink);
    checkVlanOnBridge(p, sink);
    checkSriov(p, sink);
    checkNmstateVersion(p, sink);
  }
  const bridgeMtus: BridgeMtuCache = new Map();
  for (const nad of intent.nads) {
    checkNadBridgeMtu(nad, nodes, onNode, sink, bridgeMtus);
    checkLocalnetMappings(nad, intent.vms, nodes, onNode, sink);
  }
  for (const vm of intent.vms) checkVmMacs(vm, nodes, sink);
  for (const node of nodes) {
    if (!involved.has(node)) continue;
    reportNodeHealth(node, sink);
    if (options.target) checkTargetNmstate(node, options.target, sink);
  }
  return sink.findings;
}

/** Options of {@link preflight}. */
export interface PreflightOptions {
  /**
   * The target the intent was judged against (`--target`, an environment's `target`): a selected
   * node whose handler runs an older nmstate than the target says gets
   * PREFLIGHT_TARGET_NEWER_THAN_NODE (the rules accepted fields that handler may not know).
   * @default - no comparison
   */
  readonly target?: Target;
}

/** PREFLIGHT_TARGET_NEWER_THAN_NODE: the node's handler (NNS handlerNmstateVersion) is older than the target's nmstate. */
function checkTargetNmstate(node: NodeFacts, target: Target, sink: FindingSink): void {
  const have = node.state?.nmstateVersion;
  if (!have || compareVersions(have.join('.'), target.versions.nmstate) >= 0) return;
  sink.add(
    'PREFLIGHT_TARGET_NEWER_THAN_NODE',
    { resource: { kind: 'NodeNetworkState', name: node.name }, object: node.sources.state, node: node.name },
    'status.handlerNmstateVersion',
    `node ${node.name} runs nmstate ${have.join('.')} (${node.state?.nmstateVersionText ?? ''}), older than the target's nmstate ${target.versions.nmstate}: the policies were judged for fields this handler may not know`,
    `target this cluster's nmstate (target: { nmstate: '${have.join('.')}' }, or --target nmstate=${have.join('.')}), or update the handler`,
  );
}

/** PREFLIGHT_NODE_STATE_UNKNOWN and PREFLIGHT_NODE_NOT_READY for a node some policy selects. */
function reportNodeHealth(node: NodeFacts, sink: FindingSink): void {
  if (!node.state) {
    sink.add('PREFLIGHT_NODE_STATE_UNKNOWN', { resource: { kind: 'Node', name: node.name }, object: node.sources.node, node: node.name }, '', `node ${node.name} is selected but no NodeNetworkState was given for it; its verdict is unknown`, 'give its NodeNetworkState (kubectl get nns NAME -o yaml, or the multihome agent\'s /state on clusters without kubernetes-nmstate)');
  } else if (node.state.unknownBecause) {
    sink.add('PREFLIGHT_NODE_STATE_UNKNOWN', { resource: { kind: 'NodeNetworkState', name: node.name }, object: node.sources.state, node: node.name }, node.state.unknownBecause.path, `the network state of node ${node.name} cannot be trusted: ${node.state.unknownBecause.reason}; its verdict is unknown`, 'check the nmstate handler on that node (oc/kubectl -n nmstate logs), then read the states again');
  }
  if (node.ready === false) {
    sink.add('PREFLIGHT_NODE_NOT_READY', { resource: { kind: 'Node', name: node.name }, object: node.sources.node, node: node.name }, 'status.conditions', `node ${node.name} is not Ready; kubernetes-nmstate's node-readiness probe fails there and the change is rolled back (kubernetes-nmstate issue 835)`, 'apply once the node is Ready, or leave it out of the nodeSelector until then');
  }
}
