/**
 * The node agent's "own node only" restriction (security review S4). RBAC cannot say "the Node
 * this pod runs on": a DaemonSet has one ServiceAccount for every node, and `resourceNames` would
 * have to list every node. So the ClusterRole grants `patch nodes/status` on all nodes, and a
 * ValidatingAdmissionPolicy (admissionregistration.k8s.io/v1, GA in Kubernetes 1.30) narrows
 * every such write by the agent's ServiceAccount to (a) the Node named in its token's node claim
 * and (b) the bridge capacity keys the agent owns, everything else of the Node unchanged.
 *
 * Upstream facts this relies on, checked in kubernetes/kubernetes:
 * - the node claim: pod-bound ServiceAccount tokens carry the pod's node, and the authenticator
 *   puts it in the user's extra under `authentication.kubernetes.io/node-name`
 *   (staging/src/k8s.io/apiserver/pkg/authentication/serviceaccount/util.go `NodeNameKey`, set in
 *   `ServiceAccountInfo.UserInfo` when `NodeName != ""`; pkg/serviceaccount/claims.go `Validate`
 *   copies the token's node ref for pod-bound tokens only when the feature gate
 *   `ServiceAccountTokenPodNodeInfo` is on). pkg/features/kube_features.go:
 *   `ServiceAccountTokenPodNodeInfo` alpha 1.29 (off), beta 1.30 (on by default), GA 1.32 (locked on).
 *   The claim is written when the token is issued (pkg/registry/core/serviceaccount/storage/token.go),
 *   so a token issued before the gate was on has none until kubelet refreshes it: the policy then
 *   denies with a message saying so rather than failing open.
 * - the same pattern upstream: test/e2e/auth/e2edata/per_node_validatingadmissionpolicy.yaml and
 *   test/e2e/dra/test-driver/deploy/example/plugin-permissions.yaml (matchConditions on the
 *   username, `request.userInfo.extra[?'authentication.kubernetes.io/node-name']`).
 * - CEL: optional syntax (`.?field`, `[?key]`, `orValue`) is in the Kubernetes CEL base
 *   environment since 1.28 (staging/src/k8s.io/apiserver/pkg/cel/environment/base.go
 *   `cel.OptionalTypes()`, IntroducedVersion 1.28); `all`, `in`, `startsWith` are core CEL. Nothing
 *   here needs a library newer than 1.30 (two-variable comprehensions are 1.32: not used).
 * - `nodes/status` writes may change metadata (the status strategy only resets `spec`:
 *   pkg/registry/core/node/strategy.go `nodeStatusStrategy.PrepareForUpdate`), so labels,
 *   annotations, owner references and finalizers are checked too.
 * - a JSON patch is an UPDATE for admission (k8s.io/api admissionregistration/v1 `OperationType`:
 *   CREATE, UPDATE, DELETE, CONNECT; PATCH requests are admitted as UPDATE).
 *
 * Types: k8s.io/api admissionregistration/v1 types.go (`ValidatingAdmissionPolicySpec`:
 * matchConstraints, matchConditions, variables, validations, failurePolicy;
 * `ValidatingAdmissionPolicyBindingSpec`: policyName, validationActions).
 * @see https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/
 */
import { Manifest } from '../manifest';

/** Resource-name prefix of the bridge capacity the agent marks (bridge-marker's; lib/agent/node-marker.ts `BRIDGE_RESOURCE_PREFIX`, kept equal by a test). */
export const BRIDGE_RESOURCE_PREFIX = 'bridge.network.kubevirt.io/';

/** Key of the node claim in a pod-bound ServiceAccount token's user extra (k8s.io/apiserver serviceaccount `NodeNameKey`). */
export const NODE_NAME_EXTRA_KEY = 'authentication.kubernetes.io/node-name';

/** Oldest Kubernetes minor the policy works on: admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy is GA and the node claim on by default in 1.30. */
export const ADMISSION_POLICY_MIN_KUBERNETES = '1.30';

/** API version of ValidatingAdmissionPolicy and its binding. */
export const ADMISSION_API_VERSION = 'admissionregistration.k8s.io/v1';

/** Name of the policy and its binding: `<agent name>-own-node`. */
export function ownNodePolicyName(agentName: string): string {
  return `${agentName}-own-node`;
}

/** The username Kubernetes gives a ServiceAccount (k8s.io/apiserver serviceaccount `MakeUsername`). */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}

/**
 * NodeStatus fields other than capacity and allocatable (k8s.io/api core/v1 `NodeStatus` of 1.34,
 * plus `declaredFeatures` of KEP NodeDeclaredFeatures): each must be unchanged. `.?` makes a field
 * the cluster does not know (`features` before 1.31) absent on both sides, hence equal. A field
 * added to NodeStatus later is not covered until it is listed here.
 */
export const NODE_STATUS_FIELDS_KEPT = [
  'phase', 'conditions', 'addresses', 'daemonEndpoints', 'nodeInfo', 'images', 'volumesInUse', 'volumesAttached', 'config', 'runtimeHandlers', 'features', 'declaredFeatures',
] as const;

/** ObjectMeta fields a `nodes/status` write could change and the agent never does. */
export const NODE_METADATA_FIELDS_KEPT = ['labels', 'annotations', 'ownerReferences', 'finalizers'] as const;

/** A CEL string literal (single-quoted; the inputs here are fixed names without quotes or backslashes). */
const lit = (s: string): string => `'${s}'`;

/** `map` keeps every key outside the bridge prefix with its value from `old`, and drops none of them. */
const onlyBridgeKeysChange = (map: string, old: string): string => {
  const bridge = `k.startsWith(${lit(BRIDGE_RESOURCE_PREFIX)})`;
  return `${map}.all(k, ${bridge} || (k in ${old} && ${map}[k] == ${old}[k]))\n&& ${old}.all(k, ${bridge} || k in ${map})`;
};

/** The CEL of the policy, declared once: variables, then the validations in evaluation order. */
export const OWN_NODE_CEL = {
  variables: [
    // '' when the token has no node claim (not pod-bound, or the gate off when it was issued)
    { name: 'nodeName', expression: `request.userInfo.?extra[?${lit(NODE_NAME_EXTRA_KEY)}][?0].orValue('')` },
    { name: 'capacity', expression: 'object.?status.?capacity.orValue({})' },
    { name: 'oldCapacity', expression: 'oldObject.?status.?capacity.orValue({})' },
    { name: 'allocatable', expression: 'object.?status.?allocatable.orValue({})' },
    { name: 'oldAllocatable', expression: 'oldObject.?status.?allocatable.orValue({})' },
  ],
  nodeClaim: "variables.nodeName != ''",
  ownNode: "variables.nodeName == '' || object.metadata.name == variables.nodeName",
  ownNodeMessage: "'the multihome agent on node ' + variables.nodeName + ' may patch the status of its own Node only, not of ' + object.metadata.name",
  capacity: onlyBridgeKeysChange('variables.capacity', 'variables.oldCapacity'),
  allocatable: onlyBridgeKeysChange('variables.allocatable', 'variables.oldAllocatable'),
  // optional == optional: equal when both are absent or both hold equal values (cel-go common/types/optional.go `Optional.Equal`)
  statusKept: NODE_STATUS_FIELDS_KEPT.map((f) => `object.?status.?${f} == oldObject.?status.?${f}`).join('\n&& '),
  metadataKept: NODE_METADATA_FIELDS_KEPT.map((f) => `object.metadata.?${f} == oldObject.metadata.?${f}`).join('\n&& '),
} as const;

/**
 * The ValidatingAdmissionPolicy and its binding for the agent's ServiceAccount `<namespace>/<name>`,
 * in apply order. `labels`/`annotations` are the deployment's common metadata.
 */
export function ownNodeAdmissionPolicy(agent: { name: string; namespace: string }, metadata: (name: string) => Manifest['metadata']): [Manifest, Manifest] {
  const name = ownNodePolicyName(agent.name);
  const cel = OWN_NODE_CEL;
  const bridgeOnly = `the multihome agent may change only the ${BRIDGE_RESOURCE_PREFIX}* keys of the Node's status.capacity and status.allocatable`;
  const policy: Manifest = {
    apiVersion: ADMISSION_API_VERSION,
    kind: 'ValidatingAdmissionPolicy',
    metadata: metadata(name),
    spec: {
      // an error evaluating the policy denies: the restriction never fails open
      failurePolicy: 'Fail',
      matchConstraints: {
        resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['UPDATE'], resources: ['nodes/status'] }],
      },
      matchConditions: [{ name: 'multihome-agent', expression: `request.userInfo.username == ${lit(serviceAccountUsername(agent.namespace, agent.name))}` }],
      variables: cel.variables.map((v) => ({ ...v })),
      validations: [
        {
          expression: cel.nodeClaim,
          message: `the multihome agent's token has no node claim (user extra ${NODE_NAME_EXTRA_KEY}): it needs a pod-bound token on Kubernetes >= ${ADMISSION_POLICY_MIN_KUBERNETES} (feature ServiceAccountTokenPodNodeInfo)`,
          reason: 'Forbidden',
        },
        { expression: cel.ownNode, messageExpression: cel.ownNodeMessage, reason: 'Forbidden' },
        { expression: cel.capacity, message: bridgeOnly, reason: 'Forbidden' },
        { expression: cel.allocatable, message: bridgeOnly, reason: 'Forbidden' },
        { expression: cel.statusKept, message: `${bridgeOnly}; the rest of the status must stay as it is`, reason: 'Forbidden' },
        { expression: cel.metadataKept, message: "the multihome agent may not change the Node's labels, annotations, owner references or finalizers", reason: 'Forbidden' },
      ],
    },
  };
  const binding: Manifest = {
    apiVersion: ADMISSION_API_VERSION,
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: metadata(name),
    spec: { policyName: name, validationActions: ['Deny'] },
  };
  return [policy, binding];
}
