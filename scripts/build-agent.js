#!/usr/bin/env node
// Bundles the node agent (lib/agent/main.ts) with esbuild's JS API into one file,
// dist-agent/multihome-agent.js, that runs on a plain Node 24 image (the Dockerfile copies it).
// Deterministic: the same sources give the same bytes (no timestamps, no absolute paths, no
// source map); test/scripts/build-agent.test.ts builds twice and compares.
// Usage: node scripts/build-agent.js [outfile]   — or require it: buildAgent({ outfile }).
const path = require('path');
const esbuild = require('esbuild');

const ROOT = path.join(__dirname, '..');
const DEFAULT_OUTFILE = path.join(ROOT, 'dist-agent', 'multihome-agent.js');

/** The Node.js the image runs (Dockerfile NODE_VERSION): the bundle's syntax target. */
const NODE_TARGET = 'node24';

/** Builds the bundle; resolves to the output path. */
async function buildAgent(options = {}) {
  const outfile = options.outfile || DEFAULT_OUTFILE;
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'lib', 'agent', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: NODE_TARGET,
    format: 'cjs',
    minify: options.minify !== false,
    sourcemap: false,
    legalComments: 'none',
    logLevel: options.logLevel || 'warning',
    banner: { js: '#!/usr/bin/env node' },
    // optional native/ws extras of the Kubernetes client that the agent never uses
    external: ['bufferutil', 'utf-8-validate'],
  });
  return outfile;
}

module.exports = { buildAgent, DEFAULT_OUTFILE, NODE_TARGET };

if (require.main === module) {
  buildAgent({ outfile: process.argv[2] }).then(
    (f) => console.log(`wrote ${path.relative(process.cwd(), f)}`),
    (e) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
