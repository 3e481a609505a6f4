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
// exits only once stdout/stderr are flushed (lib/cli/exit.ts): process.exit() would cut a pipe short
main.runCli(process.argv.slice(2)).then((code) => main.exitWhenFlushed(code));
