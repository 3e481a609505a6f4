/**
 * Stack resources as the Pulumi policy SDK delivers them, turned back into the Kubernetes objects
 * multihome validates.
 *
 * What the SDK gives a stack policy (pulumi/pulumi-policy sdk/nodejs/policy/server.ts
 * makeAnalyzeStackRpcFun): per resource its `type` token, `urn`, `name` and `props`, where
 * `props` = `unknownCheckingProxy(deserializeProperties(outputs, false))` (deserialize.ts: secret
 * envelopes unwrapped to their value; proxy.ts: reading a value unknown during preview throws
 * `UnknownValueError`, and one such throw would abort the whole stack policy).
 *
 * What those props are for a Kubernetes object (pulumi/pulumi-kubernetes):
 * - the type token is `kubernetes:<apiVersion>:<kind>` for a CustomResource and for every object
 *   of a ConfigFile/ConfigGroup (sdk/nodejs/apiextensions/customResource.ts; yaml/v2 registers
 *   each document as its kind's resource), and `kubernetes:core/v1:<kind>` for the core group's
 *   typed classes (sdk/nodejs/core/v1/namespace.ts `__pulumiType`);
 * - the outputs are the live object plus `__inputs` (what the program gave, after the provider's
 *   Check), `__initialApiVersion` and `__fieldManager` (provider/pkg/provider/provider.go
 *   checkpointObject); a preview of a create whose inputs hold unknowns returns the inputs as
 *   they are (provider.go Create, `req.GetPreview() && skipPreview`);
 * - `metadata.name` is filled by the provider's Check when the program gave none (provider.go
 *   Check, metadata.AssignNameIfAutonamable), so a missing name is one not known yet
 *   (`generateName`, assigned by the API server on create).
 *
 * multihome validates `__inputs` when present — what the program wrote, as `multihome check`
 * validates the YAML someone wrote — so a preview and the update after it judge the same object
 * (the live object carries server defaults, e.g. kubemacpool's MACs, that the inputs lack).
 */
import { Secret } from '@pulumi/policy';
import { API, Manifest } from '../core/manifest';
import { joinPath } from '../core/path';
import { isRecord } from '../core/problems';

/** The fields of a `@pulumi/policy` `PolicyResource` multihome reads. */
export interface StackResource {
  /** Type token, e.g. `kubernetes:nmstate.io/v1:NodeNetworkConfigurationPolicy`. */
  readonly type: string;
  /** The resource's properties, as the SDK gives them (possibly behind its unknown-checking proxy). */
  readonly props: Record<string, unknown>;
  readonly urn: string;
  readonly name: string;
}

/** One Kubernetes object of the stack, read back from its resource. */
export interface StackObject {
  readonly resource: StackResource;
  /** A plain copy of the object: secret values unwrapped, unknown values left out. */
  readonly manifest: Manifest;
  /**
   * Field paths whose value is not known yet (during preview). An object with any is
   * incomplete: multihome does not judge it, nor the set it belongs to, until they are known.
   */
  readonly unknown: readonly string[];
}

/** The kinds read back: the ones multihome validates, and the Secrets their cloud-init may reference. */
const READ_KINDS: ReadonlyMap<string, string> = new Map([
  [API.nncp.kind, 'nmstate.io/'],
  [API.nad.kind, 'k8s.cni.cncf.io/'],
  [API.vm.kind, 'kubevirt.io/'],
  [API.vmi.kind, 'kubevirt.io/'],
  // OVN-Kubernetes writes the NADs of a ClusterUserDefinedNetwork (the set rules read it as them)
  ['ClusterUserDefinedNetwork', 'k8s.ovn.org/'],
  ['UserDefinedNetwork', 'k8s.ovn.org/'],
  ['Secret', 'v1'],
]);

/** The apiVersion and kind of a Kubernetes resource type token, or undefined for any other token. */
export function kubernetesTypeOf(type: string): { apiVersion: string; kind: string } | undefined {
  const m = /^kubernetes:(.+):([^:/]+)$/.exec(type);
  if (!m) return undefined;
  // the typed classes of the core group are `kubernetes:core/v1:<Kind>`; the object says `v1`
  const apiVersion = m[1].startsWith('core/') ? m[1].slice('core/'.length) : m[1];
  return { apiVersion, kind: m[2] };
}

/**
 * The NNCPs, NADs, VirtualMachines, VirtualMachineInstances and core Secrets among `resources`,
 * each read back into a plain Kubernetes object (in the order given). Every other resource
 * (other kinds, Patch resources, components, providers) is left out.
 */
export function stackObjects(resources: readonly StackResource[]): StackObject[] {
  const out: StackObject[] = [];
  for (const resource of resources) {
    const gvk = kubernetesTypeOf(resource.type);
    if (!gvk) continue;
    const group = READ_KINDS.get(gvk.kind);
    if (group === undefined || !(group.endsWith('/') ? gvk.apiVersion.startsWith(group) : gvk.apiVersion === group)) continue;
    out.push(readObject(resource, gvk.apiVersion, gvk.kind));
  }
  return out;
}

/** Keys the Kubernetes provider adds to an object's outputs (provider.go checkpointObject). */
const INPUTS_KEY = '__inputs';

function readObject(resource: StackResource, apiVersion: string, kind: string): StackObject {
  const unknown: string[] = [];
  const props = resource.props;
  const hasInputs = Object.keys(props).includes(INPUTS_KEY);
  // `__inputs` when the provider recorded it; else the props themselves, minus the provider's own keys
  const source = hasInputs ? readValue(() => props[INPUTS_KEY], '', unknown) : props;
  const object: Record<string, unknown> = {};
  if (isRecord(source)) {
    for (const key of Object.keys(source)) {
      if (key.startsWith('__')) continue;
      const value = hasInputs ? source[key] : readValue(() => source[key], key, unknown);
      if (value !== UNKNOWN) object[key] = value;
    }
  }
  // the type token is what the provider creates; the copy says the same
  object.apiVersion = apiVersion;
  object.kind = kind;
  if (!isRecord(object.metadata)) {
    if (!unknown.includes('metadata')) unknown.push('metadata');
  } else if (object.metadata.name === undefined && !unknown.includes('metadata.name')) {
    unknown.push('metadata.name');
  }
  return { resource, manifest: object as Manifest, unknown };
}

/** `@pulumi/pulumi` runtime/rpc.ts: the key and value that mark a serialized secret. */
const SIG_KEY = '4dabf18193072939515e22adb298388d';
const SECRET_SIG = '1b47061264138c4ac30d75fd1eb44270';

/**
 * The sentinels of values unknown during preview (pulumi/pulumi-policy sdk/nodejs/policy/proxy.ts;
 * the string one is also `@pulumi/pulumi` runtime/rpc.ts `unknownValue`, what the engine sends).
 */
const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
  '1c4a061d-8072-4f0a-a4cb-0ff528b18fe7',
  '3eeb2bf0-c639-47a8-9e75-3b44932eb421',
  '04da6b54-80e4-46f7-96ec-b56ff0331ba9',
  '6a19a0b0-7e62-4c92-b797-7f8e31da9cc2',
  '030794c1-ac77-496b-92df-f27374a8bd58',
  'e48ece36-62e2-4504-bad9-02848725956a',
  'dd056dcd-154b-4c76-9bd3-c8f88648b5ff',
]);

/** Marks a value that is not known (kept out of the copy). */
const UNKNOWN = Symbol('unknown');

/** True for the SDK's `UnknownValueError` (internal to @pulumi/policy, recognized by its fields). */
function isUnknownValueError(e: unknown): boolean {
  return e instanceof Error && 'unknownTypeSentinel' in e && 'props' in e;
}

/**
 * A plain copy of the value `get` returns: secrets unwrapped (the engine's envelope and the SDK's
 * `Secret`), unknown values recorded in `unknown` at their path and left out of the copy.
 */
function readValue(get: () => unknown, path: string, unknown: string[]): unknown {
  let value: unknown;
  try {
    value = get();
  } catch (e) {
    if (!isUnknownValueError(e)) throw e;
    unknown.push(path);
    return UNKNOWN;
  }
  if (typeof value === 'string' && UNKNOWN_SENTINELS.has(value)) {
    unknown.push(path);
    return UNKNOWN;
  }
  if (value instanceof Secret) return readValue(() => value.value, path, unknown);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      const item = readValue(() => value[i], joinPath(path, i), unknown);
      // an unknown item keeps its place, so later items keep their index in problem paths
      out.push(item === UNKNOWN ? null : item);
    }
    return out;
  }
  if (isRecord(value)) {
    if (value[SIG_KEY] === SECRET_SIG) return readValue(() => value.value, path, unknown);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const item = readValue(() => value[key], joinPath(path, key), unknown);
      if (item !== UNKNOWN) out[key] = item;
    }
    return out;
  }
  return value;
}
