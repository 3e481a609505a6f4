/**
 * Environments: the data-file loader (`parseEnvironmentText`, lib/core/source/environment-file.ts,
 * through test/fuzz/environment-adapter.ts) followed by `buildEnvironment`, and
 * `buildEnvironment` alone on typed topologies with hostile values.
 */
import { environmentLoader, ENVIRONMENT_LOADER_MODULE } from './environment-adapter';
import { corpusTests, generatedTest } from './suites';

test(`the environment data-file loader exists (${ENVIRONMENT_LOADER_MODULE}: parseEnvironmentText)`, () => {
  expect(typeof environmentLoader()).toBe('function');
});

corpusTests('environment', 'the environment loader + buildEnvironment');

describe('environments on generated input', () => {
  generatedTest('environment', 'text', 3, 100, 'random text as an environment file');
  generatedTest('environment', 'files', 44, 120, 'lab/prod topologies with random values at random paths, alone or under environments:');
  generatedTest('topology', 'typed', 45, 120, 'buildEnvironment on lab/prod with type-keeping hostile values (strings, numbers, flags, lists)');
});
