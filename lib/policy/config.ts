/**
 * The policy pack's configuration: the cluster options `multihome check` takes (namespace
 * isolation, Multus global namespaces, CNI plugin profile) and an enforcement level per problem
 * code. Levels default from severity: an error is `mandatory`, a warning `advisory`.
 */
import { PolicyConfigSchema } from '@pulumi/policy';
import { PLUGIN_PROFILE_NAMES, PluginProfileName, pluginProfileByName } from '../core/cni';
import { ALL_PROBLEM_CODES, isDeclaredProblemCode } from '../core/codes';
import { closest } from '../core/edit-distance';
import { Problem } from '../core/errors';
import { joinPath } from '../core/path';
import { POLICY_CONFIG_CODES } from '../core/policy-config-codes';
import { IsolationProfile } from '../core/topology/rules/context';
import { ManifestsValidationOptions } from '../core/topology/validate-manifests';

/** The enforcement a problem code gets: reported as mandatory, as advisory, or not at all. */
export type CodeEnforcement = 'mandatory' | 'advisory' | 'disabled';

const CODE_ENFORCEMENTS: readonly CodeEnforcement[] = ['mandatory', 'advisory', 'disabled'];
const ISOLATION_PROFILES: readonly IsolationProfile[] = ['none', 'multus', 'openshift'];

/**
 * Configuration of the multihome policies: in code (`multihomePolicies(config)`) and, per policy,
 * in the Pulumi policy pack config (`pulumi up --policy-pack-config`, `pulumi policy enable
 * --config`); the policy pack config wins where both set a value.
 */
export interface MultihomePolicyConfig {
  /**
   * Enforcement level per problem code, e.g. `{ TOPOLOGY_VM_PLACEMENT_UNCONSTRAINED: 'mandatory', CNI_TYPE_NOT_IN_PROFILE: 'disabled' }`.
   * @default - `mandatory` for errors, `advisory` for warnings
   */
  readonly codes?: Readonly<Record<string, CodeEnforcement>>;
  /**
   * Multus namespace isolation of the target cluster (as `multihome check --isolation`).
   * @default - each VM's `multihome.io/isolation` annotation, else 'none' (upstream Multus)
   */
  readonly isolation?: IsolationProfile;
  /** Multus `globalNamespaces` of the target cluster. @default [] */
  readonly globalNamespaces?: readonly string[];
  /**
   * CNI plugin build the NADs target (as `multihome check --plugin-profile`).
   * @default - each NAD's `multihome.io/plugin-profile` annotation, else upstream
   */
  readonly pluginProfile?: PluginProfileName;
}

/**
 * The JSON schema of {@link MultihomePolicyConfig}, as `configSchema` of each multihome policy:
 * the Pulumi CLI checks a policy pack config against it before the pack runs.
 */
export const MULTIHOME_POLICY_CONFIG_SCHEMA: PolicyConfigSchema = {
  properties: {
    codes: {
      type: 'object',
      description: 'Enforcement level per multihome problem code (mandatory, advisory or disabled); default: mandatory for errors, advisory for warnings.',
      additionalProperties: { type: 'string', enum: [...CODE_ENFORCEMENTS] },
    },
    isolation: {
      type: 'string',
      description: 'Multus namespace isolation of the target cluster: none (upstream default), multus (namespaceIsolation: true) or openshift.',
      enum: [...ISOLATION_PROFILES],
    },
    globalNamespaces: {
      type: 'array',
      description: 'Multus globalNamespaces: namespaces whose NADs every namespace may use under isolation.',
      items: { type: 'string' },
    },
    pluginProfile: {
      type: 'string',
      description: 'CNI plugin build the NADs target.',
      enum: [...PLUGIN_PROFILE_NAMES],
    },
  },
};

/** `config` over `base`, key by key (`codes` merged code by code). */
export function mergeConfig(base: MultihomePolicyConfig, config: MultihomePolicyConfig): MultihomePolicyConfig {
  return {
    codes: { ...base.codes, ...config.codes },
    isolation: config.isolation ?? base.isolation,
    globalNamespaces: config.globalNamespaces ?? base.globalNamespaces,
    pluginProfile: config.pluginProfile ?? base.pluginProfile,
  };
}

/** The enforcement of `problem` under `config`: the configured level of its code, else the one of its severity. */
export function enforcementOf(problem: Problem, config: MultihomePolicyConfig): CodeEnforcement {
  const configured = config.codes && Object.hasOwn(config.codes, problem.code) ? config.codes[problem.code] : undefined;
  return configured ?? (problem.severity === 'error' ? 'mandatory' : 'advisory');
}

/** The options `validateManifests` takes, from the configuration. */
export function validationOptions(config: MultihomePolicyConfig): ManifestsValidationOptions {
  return {
    ...(config.isolation !== undefined ? { isolation: config.isolation } : {}),
    ...(config.globalNamespaces !== undefined ? { globalNamespaces: config.globalNamespaces } : {}),
    ...(config.pluginProfile !== undefined ? { pluginProfile: pluginProfileByName(config.pluginProfile) } : {}),
  };
}

/** POLICY_CONFIG_UNKNOWN_CODE for every configured code multihome does not declare. */
export function configProblems(config: MultihomePolicyConfig): Problem[] {
  const problems: Problem[] = [];
  for (const code of Object.keys(config.codes ?? {}).sort()) {
    if (isDeclaredProblemCode(code)) continue;
    const near = closest(code, Object.keys(ALL_PROBLEM_CODES));
    problems.push({
      code: 'POLICY_CONFIG_UNKNOWN_CODE',
      severity: POLICY_CONFIG_CODES.POLICY_CONFIG_UNKNOWN_CODE.severity,
      resource: { kind: 'PolicyPackConfig' },
      path: joinPath('codes', code),
      message: `codes sets an enforcement level for ${JSON.stringify(code)}, which is not a multihome problem code`,
      fix: near ? `did you mean ${near}?` : 'use a code multihome reports: the one in brackets at the end of each violation message',
    });
  }
  return problems;
}
