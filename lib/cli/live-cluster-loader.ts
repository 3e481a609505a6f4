/**
 * Loads the live cluster reader (lib/cli/live-cluster.ts) only when `preflight --kubeconfig` runs,
 * so the CLI never loads @kubernetes/client-node otherwise — and the package never depends on it.
 * The choice is lib/cli/agent.ts's: a compiled CLI uses the bundle
 * `dist-agent/multihome-cluster-reader.js` (client-node inside) when it is there; TypeScript
 * (ts-node, jest) uses the sources, and so does a compiled CLI in a checkout with no bundle built
 * (registering ts-node first, a devDependency).
 *
 * The bundle carries its own copy of {@link LiveClusterError}; the reader this returns rethrows
 * the bundle's as this module's, so `instanceof LiveClusterError` holds for the CLI.
 */
import * as path from 'path';
import { BundleEntry, locateBundleOrSource, packageRoot } from './agent';
import { LiveClusterError, ReadLiveCluster } from './live-cluster-types';

/** The bundle's file name under the package root. */
export const LIVE_CLUSTER_BUNDLE = path.join('dist-agent', 'multihome-cluster-reader.js');

/** Where the reader comes from: the bundle (CommonJS, client-node inside) or the TypeScript sources. */
export type LiveClusterReaderEntry = BundleEntry;

/**
 * Picks the reader. `fromSource` is whether this CLI runs as TypeScript (this file's name ends in
 * `.ts`); the sources win there, the bundle everywhere else; undefined when neither exists.
 */
export function locateLiveClusterReader(root: string = packageRoot(__dirname), fromSource: boolean = __filename.endsWith('.ts')): LiveClusterReaderEntry | undefined {
  return locateBundleOrSource(root, path.join('lib', 'cli', 'live-cluster.ts'), LIVE_CLUSTER_BUNDLE, fromSource);
}

/** A LiveClusterError from another copy of the class (the bundle's), recognised by shape. */
function foreignLiveClusterError(e: unknown): e is { reason: string } {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'LiveClusterError' && typeof (e as { reason?: unknown }).reason === 'string';
}

/**
 * The reader (`typeof readLiveCluster`), loaded from where {@link locateLiveClusterReader} says.
 * Rejects with a LiveClusterError when there is no reader in this installation.
 */
export async function loadLiveClusterReader(locate: () => LiveClusterReaderEntry | undefined = () => locateLiveClusterReader()): Promise<ReadLiveCluster> {
  const entry = locate();
  if (!entry) throw new LiveClusterError(`the cluster reader bundle ${LIVE_CLUSTER_BUNDLE} is missing from this installation (build it with \`node scripts/build-agent.js\`)`);
  if (entry.kind === 'source' && !__filename.endsWith('.ts')) {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    require('ts-node').register({ transpileOnly: true, project: path.join(path.dirname(entry.file), '..', '..', 'tsconfig.json') });
  }
  // A computed path: the compiler does not follow it, so the reader stays out of the library build.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const reader = (require(entry.file) as { readLiveCluster: ReadLiveCluster }).readLiveCluster;
  return async (options) => {
    try {
      return await reader(options);
    } catch (e) {
      if (!(e instanceof LiveClusterError) && foreignLiveClusterError(e)) throw new LiveClusterError(e.reason);
      throw e;
    }
  };
}
