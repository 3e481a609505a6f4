/**
 * `multihome check` (checkPaths, in-process in the runner) against hostile files: the review's
 * corpus, random text, and mutated lab/prod/seed manifests. Issue: "the agent and `check` survive
 * any file".
 */
import { corpusTests, generatedTest } from './suites';

corpusTests('check', 'multihome check');

describe('multihome check on generated input', () => {
  generatedTest('check', 'text', 1, 150, 'random text and YAML token soup');
  generatedTest('check', 'manifests', 42, 150, 'synthesized manifests with random values at random paths (YAML, JSON, kind: List)');
});
