/**
 * The agent's input: a file or a directory (a mounted ConfigMap) of YAML/JSON documents, each an
 * {@link AgentConfigDocument}, an NNCP (its `spec.desiredState` is taken) or a bare desiredState.
 * Documents are merged in file-name order, then the agent's own node's entries of their `nodes`
 * sections are overlaid (see {@link AgentConfigDocument.nodes}); the merged desiredState is
 * validated completely before anything is applied (bad config: every problem reported, nothing
 * applied).
 */
import * as path from 'path';
import * as ipaddr from 'ipaddr.js';
import { CodeTable, Problem } from '../core/errors';
import { isRecord, ProblemSink, show } from '../core/problems';
import type { DesiredState, Interface, RouteEntry } from '../core/nmstate/types';
import { AGENT_CODES } from '../core/host-intent/codes';
import { HostIntent } from '../core/host-intent/model';
import { dns1123SubdomainError } from '../core/kubernetes/names';
import { AGENT_CONFIG_KIND, AgentNodeConfig, AgentProbeSpec } from '../core/topology/agent-config';
import { agentNameError, normalizeDesiredState, NormalizeOptions } from '../core/host-intent/normalize';
import { configFiles, readConfigDocuments, showPath } from './config-files';

export { configFiles, AGENT_CONFIG_MAX_BYTES } from './config-files';

/** `apiVersion`/`kind` of the agent's own config document (declared once, in lib/core). */
export const AGENT_CONFIG_API = AGENT_CONFIG_KIND;

/** One probe run after an apply; a failure rolls the change back (the core's {@link AgentProbeSpec}). */
export type ProbeSpec = AgentProbeSpec;

/** The agent's own config document (what the NetworkAgent construct puts into the ConfigMap). */
export interface AgentConfigDocument {
  readonly apiVersion?: typeof AGENT_CONFIG_API.apiVersion;
  readonly kind?: typeof AGENT_CONFIG_API.kind;
  /** Node the intent is for (informational; the DaemonSet passes NODE_NAME). */
  readonly node?: string;
  readonly desiredState: DesiredState;
  readonly probes?: readonly ProbeSpec[];
  /**
   * Probe the default gateway (kubernetes-nmstate's ping probe) when no probes are given, and
   * only when it answers before the change.
   * @default true
   */
  readonly defaultGatewayProbe?: boolean;
  /**
   * Per-node state (the core's {@link AgentNodeConfig}): `[{name, desiredState: {interfaces,
   * routes}}]`, names unique. The entry named like this agent's node ({@link LoadOptions.nodeName},
   * NODE_NAME) is overlaid on the merged desiredState: an interface of the same name is replaced
   * whole by the node's definition, other interfaces are added, routes appended. Without a node
   * name, or for a node not listed, the group's state alone is used and AGENT_CONFIG_NODE_UNKNOWN
   * (a warning) says so: another node's entry is never applied. Every entry's shape is checked
   * (AGENT_CONFIG_SHAPE); only the own node's interfaces reach the desiredState validation.
   * @default - none
   */
  readonly nodes?: readonly AgentNodeConfig[];
}

/** How the config is read: normalization options and the node the agent runs on. */
export interface LoadOptions extends NormalizeOptions {
  /** This agent's node (NODE_NAME): its entry of `nodes` is overlaid. @default - none (the group's state only) */
  readonly nodeName?: string;
}

/** A probe with defaults resolved. */
export interface ResolvedProbe {
  readonly name: string;
  readonly type: 'ping';
  readonly target: string;
  readonly interface?: string;
  readonly timeoutSeconds: number;
}

/** The validated, normalized input. */
export interface LoadedConfig {
  /** Files read, in order. */
  readonly sources: readonly string[];
  /** The merged desiredState as given (for reports). */
  readonly desiredState: DesiredState;
  readonly intent: HostIntent;
  readonly probes: readonly ResolvedProbe[];
  readonly defaultGatewayProbe: boolean;
  /** Warnings (errors make {@link loadConfig} throw). */
  readonly warnings: readonly Problem[];
}

/** Thrown when the config is unusable; carries every problem. */
export class AgentConfigError extends Error {
  constructor(public readonly problems: readonly Problem[]) {
    super(`agent config rejected, nothing applied: ${problems.filter((p) => p.severity === 'error').length} error(s)\n` + problems.map((p) => `  [${p.code}] ${p.resource.name ?? ''} ${p.path}: ${p.message} (${p.fix})`).join('\n'));
    this.name = 'AgentConfigError';
  }
}

/**
 * A hook for the core nmstate validator (lib/core/nmstate `validateDesiredState`, wired by default
 * in `createAgent`: core-validator.ts), run on the merged desiredState next to the agent's own
 * checks. It returns its problems (with its own codes) rather than writing to the agent's sink,
 * whose code table only declares AGENT_* codes. A problem at a field path the agent flags itself
 * is dropped (same finding); a validator that throws is reported as AGENT_CORE_VALIDATION.
 */
export type DesiredStateValidator = (state: DesiredState, base: string) => readonly Problem[];

/**
 * Reads and validates the config at `p` (file or directory). Throws {@link AgentConfigError}.
 * `options` says how dynamic addressing is treated (refused unless observing). Files are read as
 * config-files.ts says: regular files only, at most 1 MiB, parsed with bounds.
 */
export function loadConfig(p: string, validators: readonly DesiredStateValidator[] = [], options: LoadOptions = {}): LoadedConfig {
  const resource = { kind: AGENT_CONFIG_API.kind, name: showPath(p) };
  const sink = new ProblemSink(resource, AGENT_CODES as CodeTable);
  const files = configFiles(p, sink);
  const docs = readConfigDocuments(files, sink);
  const loaded = parseConfigDocuments(docs, sink, validators, options);
  const errors = sink.problems.filter((x) => x.severity === 'error');
  if (errors.length) throw new AgentConfigError(sink.problems);
  return { ...loaded, sources: files, warnings: sink.problems };
}

/** Merges and validates already-parsed documents (tests and in-process callers). */
export function parseConfigDocuments(
  docs: ReadonlyArray<{ file: string; index: number; doc: unknown }>,
  sink: ProblemSink,
  validators: readonly DesiredStateValidator[] = [],
  options: LoadOptions = {},
): Omit<LoadedConfig, 'sources' | 'warnings'> {
  const { nodeName, ...normalizeOptions } = options;
  const interfaces: Interface[] = [];
  const routes: RouteEntry[] = [];
  const own: NodeSection = { listed: [], interfaces: [], routes: [] };
  const extra: Record<string, unknown> = {};
  const probes: ResolvedProbe[] = [];
  let defaultGatewayProbe = true;
  for (const { file, index, doc } of docs) {
    const where = `${path.basename(file)}#${index}`;
    if (!isRecord(doc)) {
      sink.add('AGENT_CONFIG_SHAPE', where, `document is ${show(doc)}, not a mapping`, 'give an AgentConfig, an NNCP or a desiredState');
      continue;
    }
    let ds: unknown;
    if (doc.kind === 'NodeNetworkConfigurationPolicy') ds = isRecord(doc.spec) ? doc.spec.desiredState : undefined;
    else if ('desiredState' in doc) {
      ds = doc.desiredState;
      if (doc.kind !== undefined && doc.kind !== AGENT_CONFIG_API.kind)
        sink.add('AGENT_CONFIG_SHAPE', `${where}.kind`, `kind ${show(doc.kind)} is not ${AGENT_CONFIG_API.kind}`, `use kind: ${AGENT_CONFIG_API.kind}`);
      for (const k of Object.keys(doc))
        if (!['apiVersion', 'kind', 'node', 'desiredState', 'probes', 'defaultGatewayProbe', 'nodes', 'metadata'].includes(k))
          sink.add('AGENT_CONFIG_SHAPE', `${where}.${k}`, `unknown field ${k} in the agent config`, 'remove it');
      if (doc.defaultGatewayProbe === false) defaultGatewayProbe = false;
      if (doc.probes !== undefined) {
        if (!Array.isArray(doc.probes)) sink.add('AGENT_PROBE', `${where}.probes`, 'probes must be a list', 'give a list of {target, interface}');
        else doc.probes.forEach((pr, j) => {
          const r = resolveProbe(pr, sink, `${where}.probes[${j}]`);
          if (r) probes.push(r);
        });
      }
      if (doc.nodes !== undefined) readNodes(doc.nodes, `${where}.nodes`, nodeName, own, sink);
    } else if ('interfaces' in doc || 'routes' in doc) ds = doc;
    else {
      sink.add('AGENT_CONFIG_SHAPE', where, 'document is neither an AgentConfig (desiredState), an NNCP, nor a desiredState (interfaces/routes)', 'give one of those');
      continue;
    }
    if (!isRecord(ds)) {
      sink.add('AGENT_CONFIG_SHAPE', `${where}.desiredState`, `desiredState is ${show(ds)}`, 'give a mapping with interfaces and routes');
      continue;
    }
    if (Array.isArray(ds.interfaces)) interfaces.push(...(ds.interfaces as Interface[]));
    else if (ds.interfaces !== undefined) sink.add('AGENT_INVALID_VALUE', `${where}.desiredState.interfaces`, 'interfaces must be a list', 'give a list');
    if (isRecord(ds.routes) && Array.isArray(ds.routes.config)) routes.push(...(ds.routes.config as RouteEntry[]));
    else if (ds.routes !== undefined) extra.routes = ds.routes;
    for (const [k, v] of Object.entries(ds)) if (k !== 'interfaces' && k !== 'routes') extra[k] = v;
  }
  overlay(interfaces, own.interfaces);
  routes.push(...own.routes);
  if (own.listed.length > 0 && (nodeName === undefined || !own.listed.includes(nodeName)))
    sink.add(
      'AGENT_CONFIG_NODE_UNKNOWN', own.where ?? 'nodes',
      nodeName === undefined
        ? `the config has per-node state for ${show(own.listed)} but the agent has no node name; only the group's state is used`
        : `the config has per-node state for ${show(own.listed)} but none for node ${show(nodeName)}; only the group's state is used (its per-node addresses are left as they are)`,
      nodeName === undefined
        ? 'run the agent with NODE_NAME (the DaemonSet sets it from spec.nodeName) or --node-name'
        : `list ${nodeName} in the node group's nodes (with its addresses) and re-render the config, or ignore this when the node has no per-node state`,
    );
  const desiredState: DesiredState = { interfaces, ...(routes.length ? { routes: { config: routes } } : {}), ...extra };
  const external: Problem[] = [];
  for (const v of validators) {
    try {
      external.push(...v(desiredState, 'desiredState'));
    } catch (e) {
      // fail closed: an intent nobody could check is not applied
      sink.add('AGENT_CORE_VALIDATION', 'desiredState', `a desiredState validator failed: ${(e as Error).message}`, 'report this bug with the config; nothing was applied');
    }
  }
  const intent = normalizeDesiredState(desiredState, sink, 'desiredState', normalizeOptions);
  // one finding, one line: a validator's problem at a path the agent flags itself is the same finding
  const flagged = new Set(sink.problems.map((p) => p.path));
  sink.problems.push(...external.filter((p) => !flagged.has(p.path)));
  return { desiredState, intent, probes, defaultGatewayProbe };
}

/** What the `nodes` sections hold for this agent: every listed name, and its own entries' state. */
interface NodeSection {
  /** Names listed in any section, in order. */
  readonly listed: string[];
  readonly interfaces: Interface[];
  readonly routes: RouteEntry[];
  /** Path of the first section (for the warning). */
  where?: string;
}

/**
 * Checks the shape of a `nodes` section (a list of `{name, desiredState: {interfaces, routes}}`,
 * names unique DNS-1123 subdomains) and takes the entry of `nodeName` into `own`.
 */
function readNodes(nodes: unknown, where: string, nodeName: string | undefined, own: NodeSection, sink: ProblemSink): void {
  own.where ??= where;
  const fix = 'give nodes as a list of {name: <node>, desiredState: {interfaces: [...], routes: {config: [...]}}}';
  if (!Array.isArray(nodes)) {
    sink.add('AGENT_CONFIG_SHAPE', where, `nodes is ${show(nodes)}, not a list`, fix);
    return;
  }
  const seen = new Set<string>();
  nodes.forEach((entry, j) => {
    const at = `${where}[${j}]`;
    if (!isRecord(entry)) {
      sink.add('AGENT_CONFIG_SHAPE', at, `node entry ${show(entry)} is not a mapping`, fix);
      return;
    }
    const before = sink.problems.length;
    for (const k of Object.keys(entry)) if (k !== 'name' && k !== 'desiredState') sink.add('AGENT_CONFIG_SHAPE', `${at}.${k}`, `unknown field ${k} in a node entry`, 'remove it');
    const name = entry.name;
    const nameError = typeof name === 'string' ? dns1123SubdomainError(name) : 'is not a string';
    if (nameError) sink.add('AGENT_CONFIG_SHAPE', `${at}.name`, `node name ${show(name)} ${nameError}`, 'give the node name (kubernetes.io/hostname)');
    else if (seen.has(name as string)) sink.add('AGENT_CONFIG_SHAPE', `${at}.name`, `node ${show(name)} is listed twice in nodes`, 'give each node one entry');
    else seen.add(name as string);
    const ds = entry.desiredState;
    if (!isRecord(ds)) sink.add('AGENT_CONFIG_SHAPE', `${at}.desiredState`, `desiredState is ${show(ds)}`, 'give a mapping with interfaces and routes');
    else {
      for (const k of Object.keys(ds)) if (k !== 'interfaces' && k !== 'routes') sink.add('AGENT_CONFIG_SHAPE', `${at}.desiredState.${k}`, `a node entry carries interfaces and routes only, not ${k}`, 'move it to the group desiredState');
      if (ds.interfaces !== undefined && !Array.isArray(ds.interfaces)) sink.add('AGENT_CONFIG_SHAPE', `${at}.desiredState.interfaces`, 'interfaces must be a list', 'give a list');
      if (ds.routes !== undefined && !(isRecord(ds.routes) && Array.isArray(ds.routes.config) && Object.keys(ds.routes).length === 1))
        sink.add('AGENT_CONFIG_SHAPE', `${at}.desiredState.routes`, `routes is ${show(ds.routes)}`, 'give routes: {config: [...]}');
    }
    if (typeof name === 'string' && !nameError) own.listed.push(name);
    if (sink.problems.length > before || name !== nodeName || !isRecord(ds)) return;
    own.interfaces.push(...((ds.interfaces ?? []) as Interface[]));
    if (isRecord(ds.routes)) own.routes.push(...(ds.routes.config as RouteEntry[]));
  });
}

/**
 * Overlays a node's interfaces on the group's: a node definition replaces the first group
 * interface of its name (it is complete), the others are appended; a second node definition of
 * one name is appended too, a duplicate for the validation to report.
 */
function overlay(interfaces: Interface[], own: readonly Interface[]): void {
  const replaced = new Set<number>();
  for (const i of own) {
    const name = isRecord(i) ? i.name : undefined;
    const at = name === undefined ? -1 : interfaces.findIndex((x, k) => !replaced.has(k) && isRecord(x) && x.name === name);
    if (at < 0) replaced.add(interfaces.push(i) - 1);
    else {
      interfaces[at] = i;
      replaced.add(at);
    }
  }
}

function resolveProbe(p: unknown, sink: ProblemSink, where: string): ResolvedProbe | undefined {
  if (!isRecord(p)) {
    sink.add('AGENT_PROBE', where, `probe ${show(p)} is not a mapping`, 'give {target, interface}');
    return undefined;
  }
  const before = sink.problems.length;
  if (p.type !== undefined && p.type !== 'ping') sink.add('AGENT_PROBE', `${where}.type`, `probe type ${show(p.type)}; only ping is supported`, 'use type: ping');
  if (typeof p.target !== 'string' || !ipaddr.isValid(p.target)) sink.add('AGENT_PROBE', `${where}.target`, `probe target ${show(p.target)} is not an IP address`, 'give the IPv4/IPv6 address to ping');
  if (p.interface !== undefined && agentNameError(p.interface)) sink.add('AGENT_PROBE', `${where}.interface`, `probe interface ${show(p.interface)} ${agentNameError(p.interface)}`, 'give an interface name');
  const t = p.timeoutSeconds ?? 10;
  if (typeof t !== 'number' || !(t > 0) || t > 600) sink.add('AGENT_PROBE', `${where}.timeoutSeconds`, `timeoutSeconds ${show(t)} must be in (0, 600]`, 'give seconds');
  for (const k of Object.keys(p)) if (!['name', 'type', 'target', 'interface', 'timeoutSeconds'].includes(k)) sink.add('AGENT_PROBE', `${where}.${k}`, `unknown probe field ${k}`, 'remove it');
  if (sink.problems.length > before) return undefined;
  const target = ipaddr.parse(p.target as string).toString();
  return {
    name: typeof p.name === 'string' && /^[A-Za-z0-9_.:-]{1,63}$/.test(p.name) ? p.name : `ping-${target}`,
    type: 'ping',
    target,
    ...(typeof p.interface === 'string' ? { interface: p.interface } : {}),
    timeoutSeconds: t as number,
  };
}
