/**
 * How the node agent's Node.js process is started, wherever it runs: the image's entrypoint
 * (Dockerfile), `multihome agent …` running the bundle, and the agent bench.
 */

/**
 * V8 flags of the agent's process: a young generation fixed at 16 MiB per semi-space (V8's own
 * maximum for a 64-bit heap; by default it starts at 1 MiB, grows under allocation and shrinks
 * when idle).
 *
 * Why: the agent is a periodic reconciler whose pass allocates a few MiB (config validation, the
 * plan, the parsed `ip -j -d` dumps) and forks one `ip` process. After a fork every page the
 * parent writes takes a page fault once, and a heap that shrank between passes faults its pages in
 * again. Under user-mode-linux one minor fault costs ~0.2 ms (measured: a config load's time is
 * 5–15 ms plus 0.2 ms per fault), so a 256-bridge converge spent more time faulting than
 * computing; with the young generation fixed, a warm config load fell from 250–550 ms to 55–200 ms
 * there. On an ordinary kernel a fault costs a microsecond and the flags change little. Cost: up to
 * 32 MiB of resident young generation, inside the DaemonSet's 384 MiB limit. The long-running
 * agent no longer forks itself at all: its programs start in a spawn helper
 * (lib/agent/spawn-helper.ts), which took the bench's converge from 1.36–1.48× to 1.18–1.42× one
 * `ip -batch`; a heap that shrinks and grows again still faults, which the flags keep away.
 */
export const AGENT_NODE_FLAGS: readonly string[] = ['--min-semi-space-size=16', '--max-semi-space-size=16'];
