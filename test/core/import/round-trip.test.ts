/**
 * `multihome import` is lossless: for every seed, every corpus example set and the realistic
 * estates in the fixtures, import → synth writes every input object with every value it had, and
 * every value it adds is one of the declared additions — judged by the test's own oracle
 * (oracle.ts), not by the importer's comparison. Nothing is dropped: each input object is either
 * modeled or listed as kept with a reason.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { importObjects } from '../../../lib/core/import/import';
import { readImportObjects } from '../../../lib/core/import/objects';
import { synthDirect } from '../../../lib/cli/synth';
import { identity, objectsOf, objectsUnder, unexplained } from './oracle';

const ROOT = path.join(__dirname, '..', '..', '..');
const SHARED = path.join(ROOT, '..', 'shared');
const CORPUS = path.join(SHARED, 'corpus');
const fixture = (...p: string[]) => path.join(ROOT, 'test', 'fixtures', ...p);

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'mh-import-rt-'));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

/** Every YAML/JSON file under `dir`, sorted. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : /\.(ya?ml|json)$/.test(e.name) ? [path.join(dir, e.name)] : [])).sort();
}

/** A copy of `file` with `edit` applied, under the test's temporary directory. */
function edited(file: string, edit: (text: string) => string): string {
  const to = path.join(out, 'inputs', path.basename(file));
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.writeFileSync(to, edit(fs.readFileSync(file, 'utf8')));
  return to;
}

/**
 * The seeds, each as the estate it describes. Seed 002's YAML has two typos kubectl refuses as
 * well (`-name:` for `- name:`, test/cli/import.test.ts asserts the import reports them); it is
 * imported with them fixed, as its user would after that report.
 */
const SEEDS = fs.readdirSync(fixture('seeds')).sort().map((f) => {
  const file = fixture('seeds', f);
  return [`seed ${f}`, [f.startsWith('002') ? edited(file, (t) => t.replace(/^(\s*)-(name|ip):/gm, '$1- $2:')) : file]] as const;
});
/** Every Kubernetes example of the corpus, each file as one estate (the sets hold alternatives of one object: bond0 up and absent, kustomize patches). */
const CORPUS_FILES: ReadonlyArray<readonly [string, readonly string[]]> = [
  path.join(CORPUS, 'nmstate', 'k8s-examples'),
  path.join(CORPUS, 'multus', 'k8snetworkplumbingwg-multus-cni@95a09323', 'examples'),
  path.join(CORPUS, 'multus', 'k8snetworkplumbingwg-multus-cni@95a09323', 'deployments'),
  path.join(CORPUS, 'multus', 'k8snetworkplumbingwg-network-attachment-definition-client@46fcc411', 'artifacts'),
  path.join(CORPUS, 'multus', 'k8snetworkplumbingwg-whereabouts@3a262bd0', 'yamls'),
  path.join(CORPUS, 'kubevirt', 'kubevirt-kubevirt@d923fdb8', 'examples'),
  path.join(CORPUS, 'kubevirt', 'k8snetworkplumbingwg-kubemacpool@3f1a7185'),
  path.join(CORPUS, 'kubevirt', 'kubevirt-cluster-network-addons-operator@28ecce36', 'manifests'),
].flatMap((dir) => filesUnder(dir).map((f) => [path.relative(CORPUS, f), [f]] as const));
/**
 * Realistic estates: the trial's hand-written estate, every broken-estate fixture (without its
 * FixtureExpectation document, which is no Kubernetes object), and multihome's own goldens.
 */
const DUPLICATES = 'TOPOLOGY_DUPLICATE_RESOURCE.yaml'; // one NAD twice: refused (test/cli/import.test.ts)
const ESTATES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['trial hand-written estate', [path.join(SHARED, 'reference', 'trial-2026-12', 'env', 'existing')]],
  ...fs.readdirSync(fixture('topology')).filter((f) => f.endsWith('.yaml') && !f.includes('.previous.') && f !== DUPLICATES).sort()
    .map((f) => [`topology ${f}`, [edited(fixture('topology', f), (t) => t.replace(/^[\s\S]*?kind: FixtureExpectation[\s\S]*?\n---\n/, ''))]] as const),
  ...fs.readdirSync(fixture('golden')).sort().map((f) => [`golden ${f}`, [fixture('golden', f)]] as const),
];

/** Imports `paths`, synthesizes the result like `multihome synth`, and reads back what it wrote. */
function roundTrip(name: string, paths: readonly string[]) {
  const input = readImportObjects(paths);
  expect(input.problems.map((p) => `${p.code} ${p.message}`)).toEqual([]);
  const result = importObjects(name, input.objects);
  const synth = synthDirect({ [name]: result.topology }, out);
  expect(synth.errors.map((p) => `${p.code} ${p.resource.kind}/${p.resource.name} ${p.path}`)).toEqual([]);
  const written = objectsOf(fs.readFileSync(path.join(out, name, `${name}.k8s.yaml`), 'utf8'));
  return { result, written, given: objectsUnder(paths) };
}

function expectLossless(setName: string, paths: readonly string[]): void {
  const { result, written, given } = roundTrip('rt', paths);
  expect(given.length).toBeGreaterThan(0);
  const byIdentity = new Map(written.map((o) => [identity(o), o]));
  const losses: string[] = [];
  for (const o of given) {
    const w = byIdentity.get(identity(o));
    if (!w) losses.push(`${identity(o)} missing from the output`);
    else for (const why of unexplained(o, w)) losses.push(`${identity(o)}: ${why}`);
  }
  expect({ set: setName, losses }).toEqual({ set: setName, losses: [] });
  // every input object is accounted for: modeled, or kept with a reason
  const accounted = new Set([...result.modeled.map((m) => m.key), ...result.kept.map((k) => k.key)]);
  expect(given.length).toBe(accounted.size);
  for (const k of result.kept) expect(k.reason.length).toBeGreaterThan(10);
}

describe('import → synth is lossless', () => {
  it.each(SEEDS)('%s', (name, paths) => expectLossless(name, paths));
  it.each(CORPUS_FILES)('corpus: %s', (name, paths) => expectLossless(name, paths));
  it.each(ESTATES)('estate: %s', (name, paths) => expectLossless(name, paths));
});
