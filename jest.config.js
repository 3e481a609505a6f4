/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Every test must assert something (a loop over an empty collection is a failure, not a pass).
  setupFilesAfterEnv: ['<rootDir>/test/support/setup.ts'],
  // Type checking is done once by `tsc --noEmit` in `npm test`; jest only transpiles.
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }] },
  testTimeout: 30000,
};
