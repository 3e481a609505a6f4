/**
 * The own-node ValidatingAdmissionPolicy (security review S4): the rendered objects, where they
 * sit in apply order, and the structure of the CEL. There is no CEL evaluator in node_modules:
 * the expressions are asserted as text and checked for what can be checked without one
 * (declared variables only, balanced brackets and quotes, nothing newer than Kubernetes 1.30's
 * CEL environment, every NodeStatus field of the client's OpenAPI covered).
 */
import * as fs from 'fs';
import { lab } from '../../../apps/environments/lab';
import { prod } from '../../../apps/environments/prod';
import { BRIDGE_RESOURCE_PREFIX as AGENT_BRIDGE_PREFIX } from '../../../lib/agent/node-marker';
import { Manifest } from '../../../lib/core/manifest';
import {
  BRIDGE_RESOURCE_PREFIX, NODE_METADATA_FIELDS_KEPT, NODE_NAME_EXTRA_KEY, NODE_STATUS_FIELDS_KEPT, OWN_NODE_CEL,
} from '../../../lib/core/topology/agent-admission-policy';
import { agentManifests, AgentDeploymentOptions, renderAgentDeployment, resolveAgentDeployment } from '../../../lib/core/topology/agent-deployment';
import { validateAgentDeployment } from '../../../lib/core/topology/agent-deployment-validate';

const render = (o: AgentDeploymentOptions = {}) => renderAgentDeployment(lab, o);
const one = (ms: Manifest[], kind: string) => {
  const found = ms.filter((m) => m.kind === kind);
  expect(found).toHaveLength(1);
  return found[0] as Manifest & { spec: any };
};

describe('the own-node admission policy', () => {
  test('GIVEN defaults THEN a ValidatingAdmissionPolicy matches UPDATE of nodes/status by the agent ServiceAccount only, failing closed', () => {
    const p = one(render(), 'ValidatingAdmissionPolicy');
    expect(p.apiVersion).toBe('admissionregistration.k8s.io/v1');
    expect(p.metadata.name).toBe('multihome-agent-own-node');
    expect(p.spec.failurePolicy).toBe('Fail');
    expect(p.spec.matchConstraints).toEqual({ resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['UPDATE'], resources: ['nodes/status'] }] });
    expect(p.spec.matchConditions).toEqual([{ name: 'multihome-agent', expression: "request.userInfo.username == 'system:serviceaccount:multihome-system:multihome-agent'" }]);
  });

  test('GIVEN another name and namespace THEN the policy, its binding and the username follow them', () => {
    const ms = render({ name: 'net-agent', namespace: 'net' });
    const p = one(ms, 'ValidatingAdmissionPolicy');
    const b = one(ms, 'ValidatingAdmissionPolicyBinding');
    expect(p.spec.matchConditions[0].expression).toBe("request.userInfo.username == 'system:serviceaccount:net:net-agent'");
    expect([p.metadata.name, b.metadata.name, b.spec]).toEqual(['net-agent-own-node', 'net-agent-own-node', { policyName: 'net-agent-own-node', validationActions: ['Deny'] }]);
  });

  test('the validations: node claim present, own node, only bridge keys of capacity and allocatable, rest of status and metadata kept', () => {
    const v = one(render(), 'ValidatingAdmissionPolicy').spec.validations;
    expect(v.map((x: { expression: string }) => x.expression)).toEqual([
      OWN_NODE_CEL.nodeClaim, OWN_NODE_CEL.ownNode, OWN_NODE_CEL.capacity, OWN_NODE_CEL.allocatable, OWN_NODE_CEL.statusKept, OWN_NODE_CEL.metadataKept,
    ]);
    expect(v.every((x: { reason: string }) => x.reason === 'Forbidden')).toBe(true);
    expect(OWN_NODE_CEL.variables[0]).toEqual({ name: 'nodeName', expression: "request.userInfo.?extra[?'authentication.kubernetes.io/node-name'][?0].orValue('')" });
    expect(OWN_NODE_CEL.nodeClaim).toBe("variables.nodeName != ''");
    // an absent claim is reported once, by the claim rule, not twice
    expect(OWN_NODE_CEL.ownNode).toBe("variables.nodeName == '' || object.metadata.name == variables.nodeName");
    expect(v[0].message).toContain(NODE_NAME_EXTRA_KEY);
    expect(v[0].message).toContain('1.30');
    expect(OWN_NODE_CEL.capacity).toBe(
      "variables.capacity.all(k, k.startsWith('bridge.network.kubevirt.io/') || (k in variables.oldCapacity && variables.capacity[k] == variables.oldCapacity[k]))\n" +
        "&& variables.oldCapacity.all(k, k.startsWith('bridge.network.kubevirt.io/') || k in variables.capacity)",
    );
    expect(OWN_NODE_CEL.statusKept.split('\n')[0]).toBe('object.?status.?phase == oldObject.?status.?phase');
    expect(OWN_NODE_CEL.metadataKept.split('\n')).toEqual([
      'object.metadata.?labels == oldObject.metadata.?labels',
      '&& object.metadata.?annotations == oldObject.metadata.?annotations',
      '&& object.metadata.?ownerReferences == oldObject.metadata.?ownerReferences',
      '&& object.metadata.?finalizers == oldObject.metadata.?finalizers',
    ]);
  });

  test('the policy keys on the prefix the agent marks bridges with', () => {
    expect(BRIDGE_RESOURCE_PREFIX).toBe(AGENT_BRIDGE_PREFIX);
  });

  test('every NodeStatus field of the Kubernetes OpenAPI (client-node) is either a bridge map or kept unchanged', () => {
    // the generated model (ESM, so read as text): its attributeTypeMap lists every NodeStatus field
    const model = fs.readFileSync(require.resolve('@kubernetes/client-node/dist/gen/models/V1NodeStatus.js'), 'utf8');
    const fields = [...model.matchAll(/"name": "(\w+)"/g)].map((m) => m[1]);
    expect(fields).toContain('conditions');
    const covered = new Set<string>(['capacity', 'allocatable', ...NODE_STATUS_FIELDS_KEPT]);
    expect(fields.filter((f) => !covered.has(f))).toEqual([]);
    expect(NODE_METADATA_FIELDS_KEPT).toEqual(['labels', 'annotations', 'ownerReferences', 'finalizers']);
  });

  describe('CEL structure (no evaluator available)', () => {
    const p = one(render(), 'ValidatingAdmissionPolicy');
    const expressions: string[] = [
      ...p.spec.matchConditions.map((c: { expression: string }) => c.expression),
      ...p.spec.variables.map((x: { expression: string }) => x.expression),
      ...p.spec.validations.flatMap((x: { expression: string; messageExpression?: string }) => [x.expression, ...(x.messageExpression ? [x.messageExpression] : [])]),
    ];

    test('only declared variables are referenced, each after its declaration', () => {
      const declared: string[] = [];
      for (const v of p.spec.variables) {
        for (const [, used] of v.expression.matchAll(/variables\.(\w+)/g)) expect(declared).toContain(used);
        declared.push(v.name);
      }
      for (const e of expressions) for (const [, used] of e.matchAll(/variables\.(\w+)/g)) expect(declared).toContain(used);
    });

    test.each(expressions.map((e) => [e]))('brackets and quotes balance in %s', (e) => {
      const stack: string[] = [];
      let quote: string | undefined;
      for (const c of e) {
        if (quote) {
          if (c === quote) quote = undefined;
          continue;
        }
        if (c === "'" || c === '"') quote = c;
        else if ('([{'.includes(c)) stack.push(c);
        else if (')]}'.includes(c)) expect(stack.pop()).toBe({ ')': '(', ']': '[', '}': '{' }[c]);
      }
      expect([quote, stack]).toEqual([undefined, []]);
    });

    test('nothing newer than the Kubernetes 1.30 CEL environment: no two-variable comprehensions (1.32) or later libraries', () => {
      for (const e of expressions) {
        expect(e).not.toMatch(/\.(all|exists|exists_one|existsOne|map|filter|transformList|transformMap)\(\s*\w+\s*,\s*\w+\s*,/);
        expect(e).not.toMatch(/\b(semver|isSemver|format|image|ip|cidr)\(/);
      }
    });
  });

  test('GIVEN the deployment THEN the role binding comes after the policy binding and depends on it: the grant never exists without its restriction', () => {
    const entries = agentManifests(resolveAgentDeployment(prod, prod.agent));
    const kinds = entries.map((a) => a.manifest.kind);
    expect(kinds.slice(0, 6)).toEqual(['Namespace', 'ServiceAccount', 'ClusterRole', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'ClusterRoleBinding']);
    expect(entries[5].dependsOn).toContain('ValidatingAdmissionPolicyBinding/multihome-agent-own-node');
    expect(entries[4].dependsOn).toEqual(['ValidatingAdmissionPolicy/multihome-agent-own-node']);
  });

  test('GIVEN restrictToOwnNode: false THEN no policy, the role binding stands alone, and a warning at restrictToOwnNode', () => {
    const ms = render({ restrictToOwnNode: false });
    expect(ms.some((m) => m.kind.startsWith('ValidatingAdmissionPolicy'))).toBe(false);
    expect(ms.some((m) => m.kind === 'ClusterRoleBinding')).toBe(true);
    const problems = validateAgentDeployment(lab, { restrictToOwnNode: false });
    expect(problems.map((p) => [p.code, p.path, p.severity])).toEqual([['AGENT_DEPLOYMENT_UNRESTRICTED', 'restrictToOwnNode', 'warning']]);
  });

  test('GIVEN markBridges: false THEN no token, so nothing to restrict: no policy and no warning', () => {
    expect(render({ markBridges: false, restrictToOwnNode: false }).some((m) => m.kind.startsWith('ValidatingAdmissionPolicy'))).toBe(false);
    expect(validateAgentDeployment(lab, { markBridges: false, restrictToOwnNode: false })).toEqual([]);
  });
});
