/**
 * The Pulumi program: the stack name picks the environment (`pulumi stack select lab`), the
 * stack's `multihome:*` config is checked against a typed schema, and the environment is
 * deployed as one NetworkEnvironment component (NNCP → NAD → VM, waiting on NNCP readiness, and
 * the environment's node agent with the stack's agent image).
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { pluginProfileByName } from '../../lib/core/cni';
import { ENVIRONMENTS, environmentNamed } from '../environments';
import { applyAgentImage, applyNamespaceOverrides, NetworkEnvironment, parseStackConfig } from '../../lib/pulumi';

const stack = pulumi.getStack();
const environment = environmentNamed(stack);
if (!environment) {
  throw new pulumi.RunError(`multihome: no environment named "${stack}"; stacks must be named after one of: ${Object.keys(ENVIRONMENTS).join(', ')}`);
}
const config = parseStackConfig(pulumi.runtime.allConfig());
const provider = config.kubeconfigContext ? new k8s.Provider('k8s', { context: config.kubeconfigContext }) : undefined;

const env = new NetworkEnvironment(stack, {
  environment: applyAgentImage(applyNamespaceOverrides(environment, config.namespaceOverrides), config),
  isolation: config.isolation,
  pluginProfile: config.pluginProfile ? pluginProfileByName(config.pluginProfile) : undefined,
  waitForPolicies: config.waitFor,
  policyTimeoutSeconds: config.waitTimeoutSeconds,
  provider,
});

export const policyNames = env.policyNames;
export const nadNames = env.nadNames;
export const vms = env.vms;
