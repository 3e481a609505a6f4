#!/usr/bin/env node
// The `multihome` command. Uses the compiled bundle when the package was built (npm prepare /
// published package); in a source checkout without a build it runs the TypeScript directly.
const fs = require('fs');
const path = require('path');
const bundle = path.join(__dirname, '..', 'dist-lib', 'multihome-cli.js');
let main;
if (fs.existsSync(bundle)) {
  main = require(bundle);
} else {
  require('ts-node').register({ transpileOnly: true, project: path.join(__dirname, '..', 'tsconfig.json') });
  main = require('../lib/cli/main.ts');
}
main.runCli(process.argv.slice(2)).then((code) => process.exit(code));
