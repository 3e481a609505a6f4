#!/usr/bin/env node
// Bundles the node agent (lib/agent/main.ts) with esbuild's JS API into one file,
// dist-agent/multihome-agent.js, that runs on a plain Node 24 image (the Dockerfile copies it);
// and the live cluster reader of `multihome preflight --kubeconfig` (lib/cli/live-cluster.ts)
// into dist-agent/multihome-cluster-reader.js, a CommonJS module exporting readLiveCluster and
// LiveClusterError that the CLI requires (lib/cli/live-cluster-loader.ts). Both carry
// @kubernetes/client-node, which is therefore not a dependency of the package.
// Deterministic: the same sources give the same bytes (no timestamps, no absolute paths, no
// source map); test/scripts/build-agent.test.ts builds twice and compares.
// Usage: node scripts/build-agent.js [agent-outfile]   — without an argument both bundles go to
// dist-agent/; or require it: buildAgent({ outfile }), buildClusterReader({ outfile }).
const path = require('path');
const esbuild = require('esbuild');

const ROOT = path.join(__dirname, '..');
const DEFAULT_OUTFILE = path.join(ROOT, 'dist-agent', 'multihome-agent.js');
const DEFAULT_READER_OUTFILE = path.join(ROOT, 'dist-agent', 'multihome-cluster-reader.js');

/** The Node.js the image runs (Dockerfile NODE_VERSION): the bundle's syntax target. */
const NODE_TARGET = 'node24';

/** The esbuild options both bundles share (CommonJS for Node, deterministic). */
function commonOptions(options) {
  return {
    bundle: true,
    platform: 'node',
    target: NODE_TARGET,
    format: 'cjs',
    minify: options.minify !== false,
    sourcemap: false,
    legalComments: 'none',
    logLevel: options.logLevel || 'warning',
    // optional native/ws extras of the Kubernetes client that neither bundle uses
    external: ['bufferutil', 'utf-8-validate'],
  };
}

/** Builds the agent bundle; resolves to the output path. */
async function buildAgent(options = {}) {
  const outfile = options.outfile || DEFAULT_OUTFILE;
  await esbuild.build({
    ...commonOptions(options),
    entryPoints: [path.join(ROOT, 'lib', 'agent', 'main.ts')],
    outfile,
    banner: { js: '#!/usr/bin/env node' },
  });
  return outfile;
}

/** Builds the cluster reader bundle (a module, not a program: no shebang); resolves to the output path. */
async function buildClusterReader(options = {}) {
  const outfile = options.outfile || DEFAULT_READER_OUTFILE;
  await esbuild.build({
    ...commonOptions(options),
    entryPoints: [path.join(ROOT, 'lib', 'cli', 'live-cluster.ts')],
    outfile,
  });
  return outfile;
}

module.exports = { buildAgent, buildClusterReader, DEFAULT_OUTFILE, DEFAULT_READER_OUTFILE, NODE_TARGET };

if (require.main === module) {
  const builds = process.argv[2] ? [buildAgent({ outfile: process.argv[2] })] : [buildAgent(), buildClusterReader()];
  Promise.all(builds).then(
    (files) => files.forEach((f) => console.log(`wrote ${path.relative(process.cwd(), f)}`)),
    (e) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
