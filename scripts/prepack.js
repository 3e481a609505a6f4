#!/usr/bin/env node
// `npm pack` / `npm publish` run this (package.json `prepack`): a clean build of exactly what
// the package ships. dist-lib/ = the library and the CLI compiled by tsc (tsconfig.build.json,
// which leaves lib/agent and the live cluster reader out); dist-agent/multihome-agent.js = the node
// agent bundled by esbuild with its own dependencies (@kubernetes/client-node, …), and
// dist-agent/multihome-cluster-reader.js = the reader of `preflight --kubeconfig` bundled with
// @kubernetes/client-node; neither's dependencies are therefore dependencies of the
// package. Both directories are emptied first so nothing stale is packed.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { buildAgent, buildClusterReader, DEFAULT_OUTFILE, DEFAULT_READER_OUTFILE } = require('./build-agent');

const ROOT = path.join(__dirname, '..');

async function main() {
  for (const dir of ['dist-lib', 'dist-agent']) fs.rmSync(path.join(ROOT, dir), { recursive: true, force: true });
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'inherit' });
  await buildAgent({ outfile: DEFAULT_OUTFILE });
  fs.chmodSync(DEFAULT_OUTFILE, 0o755);
  await buildClusterReader({ outfile: DEFAULT_READER_OUTFILE });
}

main().catch((e) => {
  console.error(`prepack: ${e.message}`);
  process.exit(1);
});
