/**
 * The node agent's runtime defaults and modes, declared once (STYLE.md #15): the agent
 * (lib/agent/agent.ts), its CLI options (lib/agent/cli.ts) and the DaemonSet rendered for it
 * (lib/core/topology/agent-deployment.ts) all read them from here. Dependency-free, so the agent
 * bundle and the framework-free core can both import it.
 */

/** Agent modes: `observe` only reads the host; `apply` converges it (nodes without NetworkManager). */
export const AGENT_MODES = ['observe', 'apply'] as const;

/** One of {@link AGENT_MODES}. */
export type AgentMode = (typeof AGENT_MODES)[number];

/** Defaults of the running agent (`multihome agent run` and the DaemonSet's arguments). */
export const AGENT_RUNTIME_DEFAULTS = {
  /** Never change the host unless asked to. */
  mode: 'observe',
  /** Reconcile period (`--interval-seconds`). */
  intervalSeconds: 60,
  /** HTTP port of /healthz, /metrics and /state (`--port`). */
  port: 9680,
  /**
   * Address the HTTP server binds (`--listen-address`): loopback, the safe default of a
   * standalone run. The DaemonSet passes `--listen-address $(NODE_IP)` explicitly.
   */
  listenAddress: '127.0.0.1',
  /**
   * `/state` (the node's intent, the last plan, error texts) is served only with `--serve-state`,
   * optionally behind a bearer token (`--state-token-file`).
   */
  serveState: false,
} as const satisfies {
  readonly mode: AgentMode;
  readonly intervalSeconds: number;
  readonly port: number;
  readonly listenAddress: string;
  readonly serveState: boolean;
};
