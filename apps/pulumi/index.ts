/**
 * The Pulumi program: the stack name picks the environment (`pulumi stack select lab`), the
 * stack's `multihome:*` config is checked against a typed schema. Stack `lab` is written with the
 * components (apps/pulumi/lab.ts, as a user's program would be); the others are deployed from
 * their typed environment (the data form). Either way: NNCP → NAD → VM, waiting on NNCP
 * readiness, and the environment's node agent with the stack's agent image.
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { pluginProfileByName } from '../../lib/core/cni';
import { targetSpecOfText } from '../../lib/core/target';
import { AGENT_IMAGE_REPOSITORY, MULTIHOME_VERSION } from '../../lib/core/topology/agent-deployment';
import { ENVIRONMENTS, environmentNamed } from '../environments';
import { applyAgentImage, applyNamespaceOverrides, NetworkEnvironment, NetworkEnvironmentArgs, parseStackConfig } from '../../lib/pulumi';
import { labWithComponents } from './lab';

const stack = pulumi.getStack();
const environment = environmentNamed(stack);
if (!environment) {
  throw new pulumi.RunError(`multihome: no environment named "${stack}"; stacks must be named after one of: ${Object.keys(ENVIRONMENTS).join(', ')}`);
}
const config = parseStackConfig(pulumi.runtime.allConfig());
const provider = config.kubeconfigContext ? new k8s.Provider('k8s', { context: config.kubeconfigContext }) : undefined;
const settings: Omit<NetworkEnvironmentArgs, 'environment'> = {
  isolation: config.isolation,
  pluginProfile: config.pluginProfile ? pluginProfileByName(config.pluginProfile) : undefined,
  // the stack's cluster versions, over the environment's own target
  ...(config.target !== undefined ? { target: targetSpecOfText(config.target) } : {}),
  waitForPolicies: config.waitFor,
  policyTimeoutSeconds: config.waitTimeoutSeconds,
  provider,
};
const agentImage = config.agentImage !== undefined || config.agentImageTag !== undefined ? `${config.agentImage ?? AGENT_IMAGE_REPOSITORY}:${config.agentImageTag ?? MULTIHOME_VERSION}` : undefined;

const env =
  stack === 'lab'
    ? labWithComponents(stack, { ...settings, namespace: config.namespaceOverrides?.default ?? 'default', agentImage })
    : new NetworkEnvironment(stack, { environment: applyAgentImage(applyNamespaceOverrides(environment, config.namespaceOverrides), config), ...settings });

export const policyNames = env.policyNames;
export const nadNames = env.nadNames;
export const vms = env.vms;
