#!/usr/bin/env node
// The `multihome` command. Uses the compiled library when the package was built (`npm run build`,
// run by `npm pack`/`npm publish` through `prepack`); in a source checkout without a build it runs
// the TypeScript directly through ts-node.
const fs = require('fs');
const path = require('path');
const compiled = path.join(__dirname, '..', 'dist-lib', 'lib', 'cli', 'main.js');
let main;
if (fs.existsSync(compiled)) {
  main = require(compiled);
} else {
  require('ts-node').register({ transpileOnly: true, project: path.join(__dirname, '..', 'tsconfig.json') });
  main = require('../lib/cli/main.ts');
}
// Exit only once standard output and error are flushed: process.exit() drops what a pipe has not
// taken yet (a `check --format json | jq` would read truncated JSON past 64 KiB).
const flushed = (stream) => new Promise((resolve) => stream.write('', () => resolve()));
main.runCli(process.argv.slice(2)).then(async (code) => {
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
});
