/**
 * Loader of test/fixtures/topology/<CODE>.yaml: the manifest set (read with `loadDocuments`, as
 * `multihome check` reads it), its `FixtureExpectation` document and the optional
 * `<CODE>.previous.yaml` set. See test/fixtures/topology/README.md.
 */
import * as fs from 'fs';
import * as path from 'path';
import { formatResource, Problem } from '../../../lib/core/errors';
import { Manifest } from '../../../lib/core/manifest';
import { loadDocuments } from '../../../lib/core/source/documents';
import { ManifestSetOptions } from '../../../lib/core/topology/validate-set';

/** Folder of the cross-resource fixtures. */
export const TOPOLOGY_FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'topology');

/** One expected problem: code, `Kind/namespace/name` and field path. */
export interface ExpectedProblem {
  readonly code: string;
  readonly resource: string;
  readonly path: string;
}

/** One fixture file, loaded. */
export interface SetFixture {
  readonly code: string;
  readonly file: string;
  readonly manifests: Manifest[];
  readonly previous?: Manifest[];
  readonly options: ManifestSetOptions;
  readonly expected: ExpectedProblem[];
}

const EXPECTATION = 'FixtureExpectation';

/**
 * Reads a multi-document YAML file the way `multihome check` does. `strict` (fixtures) fails on
 * any syntax or leniency problem; otherwise (seeds, corpus) broken documents are dropped, as
 * `check` reports them and goes on with the rest.
 */
export function readManifests(file: string, strict = true): unknown[] {
  const loaded = loadDocuments(file, fs.readFileSync(file, 'utf8'));
  if (strict && loaded.problems.length) throw new Error(`${file}: ${loaded.problems.map((p) => p.message).join('; ')}`);
  return loaded.documents.filter((d) => !d.empty && d.value !== undefined).map((d) => d.value);
}

/** Codes that have a fixture file, from the file names. */
export function fixtureCodes(): string[] {
  return fs
    .readdirSync(TOPOLOGY_FIXTURES)
    .filter((f) => f.endsWith('.yaml') && !f.endsWith('.previous.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

/** Loads the fixture of one code. */
export function loadSetFixture(code: string): SetFixture {
  const file = path.join(TOPOLOGY_FIXTURES, `${code}.yaml`);
  const docs = readManifests(file) as Array<Record<string, unknown>>;
  const expectation = docs.find((d) => d.kind === EXPECTATION);
  if (!expectation) throw new Error(`${file}: no ${EXPECTATION} document`);
  const prevFile = path.join(TOPOLOGY_FIXTURES, `${code}.previous.yaml`);
  const previous = fs.existsSync(prevFile) ? (readManifests(prevFile) as Manifest[]) : undefined;
  const options = { ...((expectation.options as ManifestSetOptions | undefined) ?? {}), ...(previous ? { previous } : {}) };
  return {
    code,
    file,
    manifests: docs.filter((d) => d !== expectation) as Manifest[],
    ...(previous ? { previous } : {}),
    options,
    expected: expectation.problems as ExpectedProblem[],
  };
}

/** Problems reduced to comparable, sorted `code resource path` triples. */
export function triples(problems: ReadonlyArray<Problem | ExpectedProblem>): string[] {
  return problems
    .map((p) => `${p.code} ${typeof p.resource === 'string' ? p.resource : formatResource(p.resource)} ${p.path}`)
    .sort();
}
