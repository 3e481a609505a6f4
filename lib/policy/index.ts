/**
 * `multihome/policy`: multihome's checks as a Pulumi CrossGuard policy pack, for any stack that
 * declares NNCPs, NADs and KubeVirt VMs (raw CustomResources, ConfigFiles, Helm charts or
 * multihome's components). Needs `@pulumi/policy` (an optional peer dependency).
 *
 * ```ts
 * // index.ts of a policy pack
 * import { multihomePolicyPack } from 'multihome/policy';
 * multihomePolicyPack('multihome', { isolation: 'openshift', codes: { CNI_TYPE_NOT_IN_PROFILE: 'disabled' } });
 * ```
 */
export { checkStack, formatIncomplete, formatViolation, StackCheck, StackFinding } from './check-stack';
export { CodeEnforcement, configProblems, enforcementOf, MULTIHOME_POLICY_CONFIG_SCHEMA, MultihomePolicyConfig } from './config';
export { MULTIHOME_POLICY_NAMES, multihomePolicies, multihomePolicyPack, multihomePolicyPackConfig, validateStackAt } from './policies';
export { kubernetesTypeOf, StackObject, stackObjects, StackResource } from './stack-resources';
