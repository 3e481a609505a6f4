import { corpusDir } from '../../support/shared';
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { hasErrors, Problem } from '../../../lib/core/errors';
import { ProblemSink } from '../../../lib/core/problems';
import {
  NMSTATE_CODES,
  parseDesiredState,
  parseNncp,
  parseNncpSpec,
  renderDesiredState,
  renderNncp,
  renderNncpSpec,
  validateDesiredState,
  validateNncp,
} from '../../../lib/core/nmstate';

/**
 * Conformance against the upstream examples in shared/corpus/nmstate (never copied into the repo):
 * every NNCP, nmpolicy file and nmstate state parses, renders back deep-equal to the input, and
 * validates without errors (warnings allowed, e.g. a policy without nodeSelector).
 */
const CORPUS = corpusDir('nmstate');

/**
 * Justified exceptions: files under the corpus that are not nmstate model objects.
 * - crds/*: CustomResourceDefinitions of kubernetes-nmstate (imported by `cdk8s import`, not parsed here).
 * - the NMState operator CR: `kind: NMState`, modelled by the cluster prerequisites, not by this area.
 */
const NOT_MODEL = (rel: string, doc: unknown): boolean =>
  rel.startsWith('crds/') || (typeof doc === 'object' && doc !== null && (doc as { kind?: unknown }).kind === 'NMState');

/**
 * nmstate-examples hold three shapes besides bare desired states:
 * - policy/<case>/policy.yml: an nmpolicy file (`capture` + `desiredState`), i.e. an NNCP spec;
 * - policy/<case>/current.yml and ovn-bridge-mappings/current.yml: a *current* state as nmstate
 *   reports it (with query-only fields such as routes.running). They are not desired states, but
 *   they round-trip and validate like one (no false positives on what nmstate itself reports);
 * - everything else (including policy expected.yml and ovn-bridge-mappings desired/revert.yml):
 *   desired states.
 */
type Shape = 'nncp' | 'policy' | 'current-state' | 'desired-state' | 'not-model';

function shapeOf(rel: string, doc: unknown): Shape {
  if (NOT_MODEL(rel, doc)) return 'not-model';
  if (rel.startsWith('k8s-examples/')) return 'nncp';
  if (path.basename(rel) === 'policy.yml') return 'policy';
  if (path.basename(rel) === 'current.yml') return 'current-state';
  return 'desired-state';
}

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(dir, e.name)] : []))
    .sort();
}

interface Doc {
  readonly rel: string;
  readonly index: number;
  readonly doc: unknown;
  readonly shape: Shape;
}

const docs: Doc[] = listFiles(CORPUS).flatMap((file) => {
  const rel = path.relative(CORPUS, file);
  return YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map((d) => d.toJS() as unknown)
    .filter((doc) => doc !== null && doc !== undefined)
    .map((doc, index) => ({ rel, index, doc, shape: shapeOf(rel, doc) }));
});

const errorsOf = (ps: readonly Problem[]): string[] => ps.filter((p) => p.severity === 'error').map((p) => `${p.code} @ ${p.path}: ${p.message}`);

describe('nmstate conformance with the upstream corpus', () => {
  it('finds the corpus and every shape in it', () => {
    const shapes = new Set(docs.map((d) => d.shape));
    expect(docs.length).toBeGreaterThan(100);
    expect([...shapes].sort()).toEqual(['current-state', 'desired-state', 'nncp', 'not-model', 'policy']);
  });

  it('the only documents skipped are the CRDs and the NMState CR', () => {
    expect(docs.filter((d) => d.shape === 'not-model').map((d) => d.rel)).toEqual([
      'crds/nmstate.io_nmstates.yaml',
      'crds/nmstate.io_nodenetworkconfigurationenactments.yaml',
      'crds/nmstate.io_nodenetworkconfigurationpolicies.yaml',
      'crds/nmstate.io_nodenetworkstates.yaml',
      'k8s-examples/deploy-examples/nmstate.io_v1_nmstate_cr.yaml',
    ]);
  });

  for (const d of docs.filter((x) => x.shape !== 'not-model')) {
    const title = `${d.rel}${d.index > 0 ? ` (document ${d.index + 1})` : ''} [${d.shape}]`;

    it(`${title} parses and renders back unchanged`, () => {
      switch (d.shape) {
        case 'nncp': {
          const r = parseNncp(d.doc);
          expect(errorsOf(r.problems)).toEqual([]);
          expect(r.nncp).toBeDefined();
          expect(renderNncp(r.nncp!)).toEqual(d.doc);
          break;
        }
        case 'policy': {
          const r = parseNncpSpec(d.doc);
          expect(errorsOf(r.problems)).toEqual([]);
          expect(r.templates.length).toBeGreaterThan(0);
          expect(renderNncpSpec(r.spec!)).toEqual(d.doc);
          break;
        }
        default: {
          const r = parseDesiredState(d.doc, '');
          expect(errorsOf(r.problems)).toEqual([]);
          expect(renderDesiredState(r.state!)).toEqual(d.doc);
        }
      }
    });

    it(`${title} validates without errors`, () => {
      let problems: Problem[];
      if (d.shape === 'nncp') problems = validateNncp(d.doc);
      else {
        const sink = new ProblemSink({ kind: 'NetworkState', name: d.rel }, NMSTATE_CODES);
        const state = d.shape === 'policy' ? (d.doc as { desiredState: unknown }).desiredState : d.doc;
        validateDesiredState(state, sink, d.shape === 'policy' ? 'desiredState' : '');
        problems = sink.problems;
      }
      expect(errorsOf(problems)).toEqual([]);
      expect(hasErrors(problems)).toBe(false);
    });
  }
});
