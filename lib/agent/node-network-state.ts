/**
 * The agent's `/state` document: a NodeNetworkState (nmstate.io/v1beta1) of what the agent read,
 * so `multihome preflight --state FILE` reads an agent node as it reads a kubernetes-nmstate one.
 * Shape: nmstate/kubernetes-nmstate api/shared/nodenetworkstate_types.go (status fields,
 * `Available`/`Failing` conditions, api/shared/condition_types.go) and client.go (the NNS is
 * named after the node; `lastSuccessfulUpdateTime` is the time of the last good read). Routes as
 * nmstate/nmstate rust/src/lib/nispor/route.rs `get_routes` reports them: `running` holds routes
 * of protocol boot, static, ra, dhcp, mrouted, keepalived, babel (not `kernel`) that have an
 * output interface, `config` the boot/static ones; no gateway is `0.0.0.0` / `::`; the main
 * table is 254. The agent's own fields (mode, last report) are kept under `status.multihome`.
 * Pure: every time comes from the arguments.
 */
import type { AgentMode } from '../core/agent-defaults';
import type { HostReads } from './host-reads';
import { nmstateInterfacesOf, NnsInterface } from './nns-interfaces';
import type { CurrentRoute, HostState } from './state';

/** One route of `routes.running` / `routes.config`. */
export interface NnsRoute {
  readonly destination: string;
  readonly 'next-hop-interface': string;
  readonly 'next-hop-address': string;
  readonly metric?: number;
  readonly 'table-id': number;
}

/** `status.currentState`. */
export interface NnsCurrentState {
  readonly interfaces: readonly NnsInterface[];
  readonly routes: { readonly config: readonly NnsRoute[]; readonly running: readonly NnsRoute[] };
}

/** One condition of `status.conditions`. */
export interface NnsCondition {
  readonly type: 'Available' | 'Failing';
  readonly status: 'True' | 'False' | 'Unknown';
  readonly reason?: 'QuerySucceeded' | 'QueryFailed';
  readonly message?: string;
  readonly lastHeartbeatTime?: string;
  readonly lastTransitionTime?: string;
}

/** The `/state` document. */
export interface NodeNetworkStateDocument {
  readonly apiVersion: 'nmstate.io/v1beta1';
  readonly kind: 'NodeNetworkState';
  readonly metadata: { readonly name: string };
  readonly status: {
    /** Absent until the first good read. */
    readonly currentState?: NnsCurrentState;
    readonly lastSuccessfulUpdateTime?: string;
    readonly conditions: readonly NnsCondition[];
    /** The agent's own fields: its mode and its last report (null before the first). */
    readonly multihome: { readonly mode: AgentMode; readonly report: unknown };
  };
}

/** What the document says besides the reads. */
export interface NodeNetworkStateOptions {
  readonly mode: AgentMode;
  /** The agent's last report. @default null */
  readonly report?: unknown;
}

/** Route protocols nmstate reports as running (route.rs `SUPPORTED_ROUTE_PROTOCOL`); `ip` omits `boot` without `-d`. */
const RUNNING_PROTOCOLS = new Set(['boot', 'static', 'ra', 'dhcp', 'mrouted', 'keepalived', 'babel']);
/** Route protocols nmstate also reports as config (route.rs `SUPPORTED_STATIC_ROUTE_PROTOCOL`). */
const CONFIG_PROTOCOLS = new Set(['boot', 'static']);

/** RFC 3339 at second precision, as Kubernetes prints a metav1.Time. */
export function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `routes.running` and `routes.config` of a host state. */
export function nmstateRoutesOf(state: HostState): NnsCurrentState['routes'] {
  const shown = state.routes.filter((r) => r.dev !== undefined && RUNNING_PROTOCOLS.has(r.protocol ?? 'boot'));
  return {
    config: shown.filter((r) => CONFIG_PROTOCOLS.has(r.protocol ?? 'boot')).map(routeOf),
    running: shown.map(routeOf),
  };
}

function routeOf(r: CurrentRoute): NnsRoute {
  return {
    destination: r.destination,
    'next-hop-interface': r.dev ?? '',
    'next-hop-address': r.via ?? (r.family === 4 ? '0.0.0.0' : '::'),
    ...(r.metric !== undefined ? { metric: r.metric } : {}),
    'table-id': r.table,
  };
}

/** `status.currentState` of a host state. */
export function currentStateOf(state: HostState): NnsCurrentState {
  return { interfaces: nmstateInterfacesOf(state), routes: nmstateRoutesOf(state) };
}

/**
 * `Available`/`Failing` from the reads: True/False with reason QuerySucceeded after a good read,
 * False/True with QueryFailed and the error after a failed one, Unknown before any read.
 */
export function conditionsOf(reads: HostReads): NnsCondition[] {
  if (!reads.last) {
    const message = 'the agent has not read the host yet';
    return [{ type: 'Available', status: 'Unknown', message }, { type: 'Failing', status: 'Unknown', message }];
  }
  const times = { lastHeartbeatTime: rfc3339(reads.last.at), lastTransitionTime: rfc3339(reads.since ?? reads.last.at) };
  if (reads.last.error === undefined) {
    return [
      { type: 'Available', status: 'True', reason: 'QuerySucceeded', ...times },
      { type: 'Failing', status: 'False', reason: 'QuerySucceeded', ...times },
    ];
  }
  const message = reads.last.error;
  return [
    { type: 'Available', status: 'False', reason: 'QueryFailed', message, ...times },
    { type: 'Failing', status: 'True', reason: 'QueryFailed', message, ...times },
  ];
}

/** The NodeNetworkState of node `node` from what the agent read. */
export function nodeNetworkStateOf(node: string, reads: HostReads, options: NodeNetworkStateOptions): NodeNetworkStateDocument {
  return {
    apiVersion: 'nmstate.io/v1beta1',
    kind: 'NodeNetworkState',
    metadata: { name: node },
    status: {
      ...(reads.good ? { currentState: currentStateOf(reads.good.state), lastSuccessfulUpdateTime: rfc3339(reads.good.at) } : {}),
      conditions: conditionsOf(reads),
      multihome: { mode: options.mode, report: options.report ?? null },
    },
  };
}
