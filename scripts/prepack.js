#!/usr/bin/env node
// `npm pack` / `npm publish` run this (package.json `prepack`): a clean build of exactly what
// the package ships. dist-lib/ = the library and the CLI compiled by tsc (tsconfig.build.json,
// which leaves lib/agent out); dist-agent/multihome-agent.js = the node agent bundled by esbuild
// with its own dependencies (@kubernetes/client-node, …), which are therefore not dependencies
// of the package. Both directories are emptied first so nothing stale is packed.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { buildAgent, DEFAULT_OUTFILE } = require('./build-agent');

const ROOT = path.join(__dirname, '..');

async function main() {
  for (const dir of ['dist-lib', 'dist-agent']) fs.rmSync(path.join(ROOT, dir), { recursive: true, force: true });
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'inherit' });
  await buildAgent({ outfile: DEFAULT_OUTFILE });
  fs.chmodSync(DEFAULT_OUTFILE, 0o755);
}

main().catch((e) => {
  console.error(`prepack: ${e.message}`);
  process.exit(1);
});
