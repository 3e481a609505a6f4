/**
 * The shapes of the live cluster read (`multihome preflight --kubeconfig`), apart from the reader
 * itself: the reader (lib/cli/live-cluster.ts) needs @kubernetes/client-node and ships bundled in
 * `dist-agent/multihome-cluster-reader.js`, while these types and the error class are part of the
 * compiled CLI, which loads the reader only when asked (lib/cli/live-cluster-loader.ts).
 */

/** Where and how to read the cluster. */
export interface LiveClusterOptions {
  /** The kubeconfig file; nothing else is read (no `KUBECONFIG`, no in-cluster account). */
  readonly kubeconfig: string;
  /** The kubeconfig context to use; its current-context when absent. */
  readonly context?: string;
  /** ms: the whole read (every page of every list) must finish within it; 30 000 when absent. */
  readonly timeoutMs?: number;
  /** The most bytes all answers together may have; 64 MiB when absent. */
  readonly maxBytes?: number;
}

/** What was read. */
export interface LiveClusterRead {
  /** Every object read, each with apiVersion and kind set (list items lack them: set `v1`/`Node`, `nmstate.io/v1beta1`/`NodeNetworkState`, `nmstate.io/v1beta1`/`NodeNetworkConfigurationEnactment`). */
  readonly objects: Record<string, unknown>[];
  /** Where they came from, for reports: `<server URL> (context <name>)`. */
  readonly source: string;
  /** Non-fatal notes (e.g. NNCE API not served). */
  readonly notes: string[];
}

/** A reason the cluster could not be read; the CLI prints `reason` and exits 2 (no stack trace). */
export class LiveClusterError extends Error {
  /** `reason` is the whole message, written for the user; it never holds a credential. */
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'LiveClusterError';
  }
}

/** The reader's signature (`typeof readLiveCluster`). */
export type ReadLiveCluster = (options: LiveClusterOptions) => Promise<LiveClusterRead>;
