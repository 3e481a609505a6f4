/**
 * The package as users consume it: every subpath export points at a module that exists in the
 * source, the public entry points load, and lib/core stays framework-free (no cdk8s, constructs
 * or @pulumi import anywhere below it), as the architecture requires.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** `./dist-lib/lib/core/index.js` → `lib/core/index.ts`. */
const sourceOf = (target: string): string => path.join(ROOT, target.replace(/^\.\/dist-lib\//, '').replace(/\.js$/, '.ts'));

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

describe('package', () => {
  it('has a bin and subpath exports for the core, cdk8s and pulumi sides, each backed by a source module', () => {
    expect(pkg.name).toBe('multihome');
    expect(pkg.bin.multihome).toBe('bin/multihome.js');
    expect(fs.existsSync(path.join(ROOT, pkg.bin.multihome))).toBe(true);
    for (const sub of ['.', './core', './cdk8s', './pulumi']) {
      const target = pkg.exports[sub];
      expect(typeof target).toBe('string');
      expect(fs.existsSync(sourceOf(target))).toBe(true);
    }
    expect(fs.existsSync(sourceOf('./' + pkg.main))).toBe(true);
  });

  it('the entry points export the documented API', () => {
    /* eslint-disable @typescript-eslint/no-var-requires */
    const core = require('../lib/core');
    const cdk8s = require('../lib/cdk8s');
    const pulumi = require('../lib/pulumi');
    /* eslint-enable @typescript-eslint/no-var-requires */
    for (const name of ['renderTopology', 'validateEnvironment', 'validateManifest', 'defineEnvironment', 'stringifyManifests', 'nmstate', 'cni', 'kubevirt']) expect(core[name]).toBeDefined();
    for (const name of ['NetworkEnvironment', 'ClusterNetworkPrerequisites', 'BondedUplink', 'VlanBridgeNetwork', 'MultihomedVM', 'NodeNetworkPolicy', 'NetworkAttachment', 'NetworkAgent'])
      expect(cdk8s[name]).toBeDefined();
    for (const name of ['NetworkEnvironment', 'NetworkAgent', 'TYPE_TOKENS', 'parseStackConfig']) expect(pulumi[name]).toBeDefined();
  });

  it('lib/core imports no framework (cdk8s, cdk8s-plus, constructs, @pulumi/*)', () => {
    const offenders = filesUnder(path.join(ROOT, 'lib', 'core')).flatMap((f) => {
      const text = fs.readFileSync(f, 'utf8');
      const imports = [...text.matchAll(/(?:from\s+|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
      return imports.filter((i) => /^(cdk8s|cdk8s-plus-\d+|constructs|@pulumi\/.*)$/.test(i)).map((i) => `${path.relative(ROOT, f)} imports ${i}`);
    });
    expect(offenders).toEqual([]);
  });
});
