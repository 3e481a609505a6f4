/**
 * The NNCP envelope (everything but the desired state's content), as the kubernetes-nmstate CRD
 * (c9752755) and its handler check it.
 */
import { Rec } from '../../field-reader';
import { ResourceRef } from '../../errors';
import { API } from '../../manifest';
import { DNS1123_SUBDOMAIN } from '../../names';
import { joinPath } from '../../path';
import { isRecord, ProblemSink, show } from '../../problems';
import { NmstateCode } from '../codes';

/** API versions of nmstate.io the NNCP CRD serves or served (only v1 is the storage version). */
const OLD_API_VERSIONS = ['nmstate.io/v1beta1', 'nmstate.io/v1alpha1'];

/** The NNCP API versions a kubernetes-nmstate release serves, and the one to write (lib/core/target). */
export interface NncpApiVersions {
  /** The apiVersion to write. @default 'nmstate.io/v1' */
  readonly current: string;
  /**
   * Every apiVersion the operator serves: another served one is NMSTATE_NNCP_API_VERSION (a
   * warning); an nmstate.io version outside it is left to the caller that knows the target
   * (lib/core/target targetProblems: TARGET_NNCP_API_NOT_SERVED).
   * @default v1, v1beta1, v1alpha1 (what some kubernetes-nmstate release serves)
   */
  readonly served: readonly string[];
}

/** Every NNCP API version some kubernetes-nmstate release served. */
export const NNCP_API_VERSIONS: readonly string[] = [API.nncp.apiVersion, ...OLD_API_VERSIONS];

const ANY_RELEASE: NncpApiVersions = { current: API.nncp.apiVersion, served: NNCP_API_VERSIONS };

// k8s.io/apimachinery validation IsQualifiedName (the CRD's `format.qualifiedName()` CEL rule).
const QNAME_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

function report(sink: ProblemSink, code: NmstateCode, path: string, message: string, fix: string): void {
  sink.add(code, path, message, fix);
}

/** Returns why `key` is not a Kubernetes qualified name, or undefined. */
function qualifiedNameError(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return 'has more than one "/"';
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    const prefix = parts[0];
    if (prefix.length === 0 || prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)) return `has prefix ${show(prefix)}, which is not a DNS subdomain`;
  }
  if (name.length === 0 || name.length > 63) return 'has a name part that is empty or longer than 63 characters';
  if (!QNAME_NAME.test(name)) return `has name part ${show(name)}, which must be alphanumerics, "-", "_" or "." and start and end with an alphanumeric`;
  return undefined;
}

/**
 * Checks the NNCP envelope (everything but the desired state's content): kind, apiVersion,
 * metadata.name, spec, nodeSelector, maxUnavailable, capture. Returns the spec's desiredState
 * when the envelope is usable. Shared by {@link validateNncp} and `parseNncp`.
 */
export function checkNncpEnvelope(obj: unknown, sink: ProblemSink, api: NncpApiVersions = ANY_RELEASE): { desiredState?: Rec } {
  if (!isRecord(obj)) {
    report(sink, 'NMSTATE_NNCP_SHAPE', '', `the manifest must be a mapping, got ${show(obj)}`, 'give one NodeNetworkConfigurationPolicy object');
    return {};
  }
  // kubernetes-nmstate CRD: group nmstate.io, versions v1 (storage) and v1beta1.
  if (obj.kind !== API.nncp.kind) {
    report(sink, 'NMSTATE_NNCP_SHAPE', 'kind', `kind is ${show(obj.kind)}; expected ${API.nncp.kind}`, `set kind: ${API.nncp.kind}`);
  }
  const apiVersion = obj.apiVersion;
  if (typeof apiVersion !== 'string' || !ANY_RELEASE.served.includes(apiVersion)) {
    report(sink, 'NMSTATE_NNCP_SHAPE', 'apiVersion', `apiVersion is ${show(apiVersion)}; expected ${api.current}`, `set apiVersion: ${api.current}`);
  } else if (apiVersion !== api.current && api.served.includes(apiVersion)) {
    const why = api === ANY_RELEASE ? `current clusters store ${api.current}${apiVersion.endsWith('v1alpha1') ? ' and no longer serve v1alpha1' : ''}` : `the target's kubernetes-nmstate stores ${api.current}`;
    report(sink, 'NMSTATE_NNCP_API_VERSION', 'apiVersion', `apiVersion is ${apiVersion}; ${why}`, `set apiVersion: ${api.current}`);
  }
  // an nmstate.io version the target does not serve is the target's to report (lib/core/target)
  const meta = obj.metadata;
  if (!isRecord(meta) || typeof meta.name !== 'string' || meta.name === '') {
    report(sink, 'NMSTATE_NNCP_SHAPE', 'metadata.name', `metadata.name is ${show(isRecord(meta) ? meta.name : undefined)}; an NNCP needs a name`, 'set metadata.name (the policy is cluster-scoped, so the name must be unique in the cluster)');
  }
  if (!isRecord(obj.spec)) {
    report(sink, 'NMSTATE_NNCP_SHAPE', 'spec', `spec is ${show(obj.spec)}; an NNCP needs a spec with a desiredState`, 'add spec.desiredState');
    return {};
  }
  const spec = obj.spec;

  // nodeSelector: map[string]string, maxProperties 256, keys must be qualified names (CRD CEL rule).
  const ns = spec.nodeSelector;
  if (ns === undefined || ns === null || (isRecord(ns) && Object.keys(ns).length === 0)) {
    report(sink, 'NMSTATE_NNCP_NO_NODE_SELECTOR', 'spec.nodeSelector', 'spec.nodeSelector is empty: the policy applies to every node running the nmstate handler, control-plane nodes included', 'select the nodes, e.g. nodeSelector: {node-role.kubernetes.io/worker: ""}');
  } else if (!isRecord(ns)) {
    report(sink, 'NMSTATE_NODE_SELECTOR_INVALID', 'spec.nodeSelector', `spec.nodeSelector must be a map of label key to value, got ${show(ns)} (matchLabels/matchExpressions are not supported)`, 'write nodeSelector as {label-key: "value", ...}');
  } else {
    const keys = Object.keys(ns);
    if (keys.length > 256) report(sink, 'NMSTATE_NODE_SELECTOR_INVALID', 'spec.nodeSelector', `spec.nodeSelector has ${keys.length} labels; at most 256 are allowed`, 'select with fewer labels');
    for (const k of keys) {
      const p = joinPath('spec.nodeSelector', k);
      const err = qualifiedNameError(k);
      if (err) report(sink, 'NMSTATE_NODE_SELECTOR_INVALID', p, `nodeSelector key ${show(k)} ${err}`, 'use a label key such as kubernetes.io/hostname or node-role.kubernetes.io/worker');
      if (typeof ns[k] !== 'string') report(sink, 'NMSTATE_NODE_SELECTOR_INVALID', p, `nodeSelector value of ${show(k)} must be a string, got ${show(ns[k])}`, 'quote the label value (e.g. "" or "true")');
    }
  }

  // maxUnavailable: IntOrString; strings must be "N%" (pkg/node/nodes.go → intstr.GetScaledValueFromIntOrPercent).
  const mu = spec.maxUnavailable;
  if (mu !== undefined && mu !== null) {
    const ok = (typeof mu === 'number' && Number.isInteger(mu)) || (typeof mu === 'string' && /^-?\d+%$/.test(mu));
    if (!ok) report(sink, 'NMSTATE_MAX_UNAVAILABLE_INVALID', 'spec.maxUnavailable', `spec.maxUnavailable is ${show(mu)}; allowed: an integer (nodes) or a percentage string like "50%"`, 'write maxUnavailable as 2 or "25%"');
  }

  // capture: map[string]string of nmpolicy expressions.
  const cap = spec.capture;
  if (cap !== undefined && cap !== null) {
    if (!isRecord(cap)) report(sink, 'NMSTATE_NNCP_SHAPE', 'spec.capture', `spec.capture must be a map of name to nmpolicy expression, got ${show(cap)}`, 'write capture as {name: "expression", ...}');
    else for (const [k, e] of Object.entries(cap)) if (typeof e !== 'string') report(sink, 'NMSTATE_NNCP_SHAPE', joinPath('spec.capture', k), `capture ${show(k)} must be a string expression, got ${show(e)}`, 'quote the nmpolicy expression');
  }

  if (!isRecord(spec.desiredState)) {
    report(sink, 'NMSTATE_NNCP_SHAPE', 'spec.desiredState', `spec.desiredState is ${show(spec.desiredState)}; it must be a mapping (an nmstate state)`, 'set spec.desiredState to the nmstate state to apply');
    return {};
  }
  return { desiredState: spec.desiredState };
}

/** The resource reference of an NNCP manifest (kind + metadata.name), overridable by the caller. */
export function nncpResource(obj: unknown, resource?: Partial<ResourceRef>): ResourceRef {
  const name = isRecord(obj) && isRecord(obj.metadata) && typeof obj.metadata.name === 'string' ? obj.metadata.name : undefined;
  return { kind: API.nncp.kind, ...(name !== undefined ? { name } : {}), ...resource };
}
