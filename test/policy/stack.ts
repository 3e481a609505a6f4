/**
 * Stack resources shaped exactly as `@pulumi/policy` hands them to a stack policy: the engine's
 * gRPC property struct (google.protobuf.Struct, secrets as Pulumi's envelope, unknowns as the
 * engine's sentinel) deserialized by the SDK's own `deserializeProperties(struct, false)` and
 * wrapped in its `unknownCheckingProxy` (pulumi/pulumi-policy sdk/nodejs/policy/server.ts
 * makeAnalyzeStackRpcFun), with the type token and URN the Kubernetes provider gives them.
 */
import { PolicyPackConfig, PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from '@pulumi/policy';
import { Struct } from 'google-protobuf/google/protobuf/struct_pb';
import { Manifest } from '../../lib/core/manifest';

// internal modules of the SDK, the very functions its server runs
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deserializeProperties } = require('@pulumi/policy/deserialize') as { deserializeProperties(s: Struct, proxySecrets: boolean): Record<string, any> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknownCheckingProxy } = require('@pulumi/policy/proxy') as { unknownCheckingProxy(v: unknown): Record<string, any> };

/** `@pulumi/pulumi` runtime/rpc.ts: the engine's secret envelope and its unknown (string) value. */
export const secret = (value: unknown) => ({ '4dabf18193072939515e22adb298388d': '1b47061264138c4ac30d75fd1eb44270', value });
export const UNKNOWN = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';

/** The type token @pulumi/kubernetes registers an object under (CustomResource / ConfigFile; core/v1 for the core group). */
export function typeToken(apiVersion: string, kind: string): string {
  return `kubernetes:${apiVersion === 'v1' ? 'core/v1' : apiVersion}:${kind}`;
}

/** How the resource's properties look: a preview of a create (the inputs) or a deployed object (live + `__inputs`). */
export type Phase = 'preview' | 'deployed';

/** One resource as the SDK delivers it; `props` is the engine struct (JSON with envelopes/sentinels). */
export function policyResource(props: Record<string, unknown>, type: string, name: string, parentType = 'kubernetes:yaml/v2:ConfigFile'): PolicyResource {
  const struct = Struct.fromJavaScript(JSON.parse(JSON.stringify(props)));
  const proxied = unknownCheckingProxy(deserializeProperties(struct, false));
  return {
    type,
    props: proxied,
    urn: `urn:pulumi:test::policy-test::${parentType}$${type}::${name}`,
    name,
    opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
    dependencies: [],
    propertyDependencies: {},
    isType: () => false,
    asType: () => undefined,
  };
}

/** The resource of a manifest, in the given phase (`deployed`: the provider's checkpoint of live object + inputs). */
export function resourceOf(m: Manifest | Record<string, unknown>, phase: Phase = 'deployed'): PolicyResource {
  const md = (m.metadata ?? {}) as { name?: string; namespace?: string };
  const name = [md.namespace, md.name].filter(Boolean).join('/') || 'unnamed';
  const props = phase === 'preview' ? m : { ...m, __inputs: m, __initialApiVersion: m.apiVersion, __fieldManager: 'pulumi-kubernetes-1234' };
  return policyResource(props as Record<string, unknown>, typeToken(String(m.apiVersion), String(m.kind)), name);
}

/** One reported violation. */
export interface Violation {
  readonly policy: string;
  readonly message: string;
  readonly urn?: string;
}

/** Runs the stack validation of each policy as the SDK's server does, with each policy's config. */
export async function runPolicies(policies: readonly StackValidationPolicy[], resources: PolicyResource[], config: PolicyPackConfig = {}): Promise<Violation[]> {
  const out: Violation[] = [];
  for (const policy of policies) {
    const args: StackValidationArgs = {
      resources,
      stackTags: new Map(),
      getConfig: <T extends object>() => configOf(config, policy.name) as T,
      notApplicable: (reason?: string): never => {
        throw new Error(`not applicable: ${reason}`);
      },
    };
    const report: ReportViolation = (message, urn) => out.push({ policy: policy.name, message, ...(urn !== undefined ? { urn } : {}) });
    await Promise.resolve(policy.validateStack(args, report));
  }
  return out;
}

/** What the SDK's `getConfig` returns: the policy's config less `enforcementLevel` (server.ts makeGetConfigFun). */
function configOf(config: PolicyPackConfig, policy: string): object {
  const c = config[policy];
  if (c === undefined || typeof c === 'string') return {};
  const { enforcementLevel: _level, ...properties } = c;
  return properties;
}

/** The `[severity CODE]` tag at the end of a violation message. */
export function codeOf(message: string): string | undefined {
  return /\[(?:error|warning) ([A-Z0-9_]+)\]$/.exec(message)?.[1];
}
