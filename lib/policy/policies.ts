/**
 * multihome as CrossGuard policies (`@pulumi/policy`), for stacks that declare NNCPs, NADs and
 * VirtualMachines any way they like: raw `k8s.apiextensions.CustomResource`s, `ConfigFile`s of
 * hand-written YAML, Helm charts, or multihome's own components.
 *
 * CrossGuard gives an enforcement level to a policy, not to a violation (pulumi/pulumi-policy
 * sdk/nodejs/policy/server.ts: each policy's `reportViolation` carries that policy's level). So
 * the pack has two stack policies over the same checks: `multihome-mandatory` reports the
 * problems whose level is `mandatory` (errors by default) and `multihome-advisory` those whose
 * level is `advisory` (warnings by default); a code set to `disabled` is reported by neither.
 * Each problem is reported exactly once.
 *
 * Why no ResourceValidationPolicy: a per-resource policy would report every per-resource problem
 * a second time (the stack policy must run them too, to give the set rules the same objects
 * `multihome check` gives them), and both kinds run in the same preview, so it would bring no
 * earlier feedback.
 */
import { PolicyPack, PolicyPackConfig, ReportViolation, StackValidationArgs, StackValidationPolicy } from '@pulumi/policy';
import { checkStack, formatIncomplete, formatViolation } from './check-stack';
import { CodeEnforcement, mergeConfig, MULTIHOME_POLICY_CONFIG_SCHEMA, MultihomePolicyConfig } from './config';

/** Names of the two multihome policies, by the level they report. */
export const MULTIHOME_POLICY_NAMES = {
  mandatory: 'multihome-mandatory',
  advisory: 'multihome-advisory',
} as const;

/**
 * The stack validation of one multihome policy: checks the stack ({@link checkStack}) under
 * `config` merged with the policy's pack config, and reports each problem whose level is
 * `level` on its resource's URN, worded like `multihome check`. The advisory one also reports,
 * once, the objects not checked during preview because some values are unknown.
 */
export function validateStackAt(level: Exclude<CodeEnforcement, 'disabled'>, config: MultihomePolicyConfig = {}) {
  return (args: StackValidationArgs, reportViolation: ReportViolation): void => {
    const result = checkStack(args.resources, mergeConfig(config, args.getConfig<MultihomePolicyConfig>()));
    for (const f of result.findings) if (f.enforcement === level) reportViolation(formatViolation(f.problem), f.urn);
    if (level === 'advisory' && result.incomplete.length > 0) reportViolation(formatIncomplete(result.incomplete));
  };
}

/**
 * The multihome policies, as a plain array to put in a `PolicyPack` of your own
 * (`new PolicyPack('mine', { policies: [...multihomePolicies(), ...others] })`): a mandatory and
 * an advisory stack policy ({@link MULTIHOME_POLICY_NAMES}), both configured by `config` and by
 * the pack config of each policy (the same {@link MultihomePolicyConfig} shape; see
 * {@link multihomePolicyPackConfig} to give both the same values).
 */
export function multihomePolicies(config: MultihomePolicyConfig = {}): StackValidationPolicy[] {
  return [
    {
      name: MULTIHOME_POLICY_NAMES.mandatory,
      description: 'multihome: errors nmstate, the CNI plugins or KubeVirt would reject, alone or across NNCPs, NADs and VMs (and codes configured mandatory).',
      enforcementLevel: 'mandatory',
      configSchema: MULTIHOME_POLICY_CONFIG_SCHEMA,
      validateStack: validateStackAt('mandatory', config),
    },
    {
      name: MULTIHOME_POLICY_NAMES.advisory,
      description: 'multihome: warnings about NNCPs, NADs and VMs that work but are likely mistakes (and codes configured advisory).',
      enforcementLevel: 'advisory',
      configSchema: MULTIHOME_POLICY_CONFIG_SCHEMA,
      validateStack: validateStackAt('advisory', config),
    },
  ];
}

/**
 * The policy pack config that gives both multihome policies the same `config` (CrossGuard keys
 * config by policy name), for `new PolicyPack(name, args, initialConfig)` or a
 * `--policy-pack-config` JSON file.
 */
export function multihomePolicyPackConfig(config: MultihomePolicyConfig): PolicyPackConfig {
  return {
    [MULTIHOME_POLICY_NAMES.mandatory]: { ...config },
    [MULTIHOME_POLICY_NAMES.advisory]: { ...config },
  };
}

/**
 * Creates the multihome policy pack: `new PolicyPack(name, { policies: multihomePolicies(config) })`.
 * Call it once in the pack's `index.ts` (the constructor starts the pack's server).
 */
export function multihomePolicyPack(name = 'multihome', config: MultihomePolicyConfig = {}): PolicyPack {
  return new PolicyPack(name, {
    description: 'multihome: NNCPs, NADs and KubeVirt VMs checked alone and together, as `multihome check` checks YAML.',
    policies: multihomePolicies(config),
  });
}
