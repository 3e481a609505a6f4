/**
 * Typed stack configuration of the Pulumi program (`Pulumi.<stack>.yaml`, namespace
 * `multihome`). `requireObject<T>` does not check T, so every key is checked here and all
 * problems are reported in one error.
 */
import * as pulumi from '@pulumi/pulumi';
import { formatProblem, Problem } from '../core/errors';
import { dns1123LabelError } from '../core/kubernetes/names';
import { quoteJson } from '../core/names';
import { AGENT_IMAGE_REPOSITORY, MULTIHOME_VERSION } from '../core/topology/agent-deployment';
import { Topology } from '../core/topology/model';

/** Settings a stack may set under `multihome:`. */
export interface StackConfig {
  /** Map environment namespaces to the namespaces of this cluster. @default - none */
  readonly namespaceOverrides?: Readonly<Record<string, string>>;
  /** Multus namespace isolation. @default - from the environment's platform */
  readonly isolation?: 'none' | 'openshift';
  /** Wait for NNCPs to become Available. @default true */
  readonly waitFor?: boolean;
  /** NNCP wait timeout. @default 600 */
  readonly waitTimeoutSeconds?: number;
  /** kubeconfig context for the Kubernetes provider. @default - the current context */
  readonly kubeconfigContext?: string;
  /** Repository of the node agent image, without tag (a mirror). Applies when the environment deploys the agent. @default 'ghcr.io/multihome/agent' */
  readonly agentImage?: string;
  /** Tag of the node agent image. Applies when the environment deploys the agent. @default - the package version */
  readonly agentImageTag?: string;
  /** CNI plugin profile (`upstream`, `debian-1.1.1`, `openshift`). @default - the cni module's default */
  readonly pluginProfile?: string;
  /**
   * The versions the cluster runs, over the environment's `target`: a preset (`openshift-4.19`) or
   * `component=version` pairs (`kubevirt=1.8,nmstate=2.2.59`); checked when the environment builds
   * (TARGET_* problems at `target`). @default - the environment's target
   */
  readonly target?: string;
}

type Kind = 'string' | 'boolean' | 'number' | 'string-map' | { enum: readonly string[] };

/** The schema, declared once; unknown keys and type errors are derived from it. */
export const STACK_CONFIG_SCHEMA: Readonly<Record<keyof StackConfig, Kind>> = {
  namespaceOverrides: 'string-map',
  isolation: { enum: ['none', 'openshift'] },
  waitFor: 'boolean',
  waitTimeoutSeconds: 'number',
  kubeconfigContext: 'string',
  agentImage: 'string',
  agentImageTag: 'string',
  pluginProfile: { enum: ['upstream', 'debian-1.1.1', 'openshift'] },
  target: 'string',
};

/** Config namespace of multihome's keys. */
export const CONFIG_NAMESPACE = 'multihome';

/**
 * Thrown with every stack-config problem at once (code `STACK_CONFIG_INVALID`, path = the config
 * key). A Pulumi `RunError`: the CLI prints the problems without a stack trace.
 */
export class StackConfigError extends pulumi.RunError {
  constructor(public readonly problems: readonly Problem[]) {
    super(`invalid stack configuration (${problems.length} problem(s)):\n` + problems.map((p) => '  ' + formatProblem(p)).join('\n'));
    this.name = 'StackConfigError';
  }
}

/** One stack-config problem: the key, the value given, what is allowed, the `pulumi config set` that fixes it. */
function configProblem(fullKey: string, message: string, fix: string): Problem {
  return { code: 'STACK_CONFIG_INVALID', severity: 'error', resource: { kind: 'PulumiStackConfig', name: CONFIG_NAMESPACE }, path: fullKey, message, fix };
}

/**
 * Parses raw config (`pulumi.runtime.allConfig()`: `namespace:key` → string) into a
 * {@link StackConfig}. Keys of other namespaces are ignored; unknown `multihome:` keys and
 * values of the wrong type are errors, all reported together.
 */
export function parseStackConfig(raw: Readonly<Record<string, string>>): StackConfig {
  const problems: Problem[] = [];
  const out: Record<string, unknown> = {};
  const known = Object.keys(STACK_CONFIG_SCHEMA);
  for (const [fullKey, text] of Object.entries(raw)) {
    const [ns, key] = splitKey(fullKey);
    if (ns !== CONFIG_NAMESPACE) continue;
    if (!(key in STACK_CONFIG_SCHEMA)) {
      problems.push(
        configProblem(fullKey, `unknown key; allowed keys are ${known.map((k) => `${CONFIG_NAMESPACE}:${k}`).join(', ')}`, `pulumi config rm ${quoteJson(fullKey)} and set one of the allowed keys`),
      );
      continue;
    }
    const kind = STACK_CONFIG_SCHEMA[key as keyof StackConfig];
    const parsed = parseValue(text, kind);
    if ('error' in parsed) problems.push(configProblem(fullKey, `${parsed.error} (given ${quoteJson(text)})`, `pulumi config set ${fullKey} <value> with a value that ${parsed.error.replace(/^must /, '')}`));
    else out[key] = parsed.value;
  }
  if (problems.length) throw new StackConfigError(problems);
  return out as StackConfig;
}

function splitKey(k: string): [string, string] {
  const i = k.indexOf(':');
  return i < 0 ? ['', k] : [k.slice(0, i), k.slice(i + 1)];
}

function parseValue(text: string, kind: Kind): { value: unknown } | { error: string } {
  if (typeof kind === 'object') return kind.enum.includes(text) ? { value: text } : { error: `must be one of ${kind.enum.join(', ')}` };
  switch (kind) {
    case 'string':
      return text === '' ? { error: 'must be a non-empty string' } : { value: text };
    case 'boolean':
      return text === 'true' || text === 'false' ? { value: text === 'true' } : { error: 'must be true or false' };
    case 'number': {
      const n = Number(text);
      return text.trim() !== '' && Number.isInteger(n) && n > 0 ? { value: n } : { error: 'must be a positive integer' };
    }
    case 'string-map': {
      let v: unknown;
      try {
        v = JSON.parse(text);
      } catch {
        return { error: 'must be a map of strings' };
      }
      if (typeof v !== 'object' || v === null || Array.isArray(v) || Object.values(v).some((x) => typeof x !== 'string')) {
        return { error: 'must be a map of strings' };
      }
      const bad = Object.values(v as Record<string, string>).find((x) => dns1123LabelError(x) !== undefined);
      if (bad !== undefined) return { error: `must map to namespace names (DNS-1123 labels: ${dns1123LabelError(bad)})` };
      return { value: v };
    }
  }
}

/** Applies `namespaceOverrides` to an environment (NAD namespaces and VM namespaces). */
export function applyNamespaceOverrides(t: Topology, overrides: Readonly<Record<string, string>> = {}): Topology {
  const map = (ns: string) => overrides[ns] ?? ns;
  return {
    ...t,
    networks: t.networks.map((n) => ({ ...n, namespaces: n.namespaces.map(map) })),
    vms: t.vms.map((vm) => ({ ...vm, namespace: map(vm.namespace) })),
  };
}

/**
 * Applies `agentImage`/`agentImageTag` to the environment's node agent: its image becomes
 * `<agentImage>:<agentImageTag>` (each defaulting to multihome's). Without either key, or without
 * an agent in the environment, the environment is returned as it is.
 */
export function applyAgentImage(t: Topology, config: Pick<StackConfig, 'agentImage' | 'agentImageTag'>): Topology {
  if (!t.agent || (config.agentImage === undefined && config.agentImageTag === undefined)) return t;
  return { ...t, agent: { ...t.agent, image: `${config.agentImage ?? AGENT_IMAGE_REPOSITORY}:${config.agentImageTag ?? MULTIHOME_VERSION}` } };
}
