/**
 * Jest setup (jest.config.js `setupFilesAfterEnv`): every test must make at least one assertion.
 * A test whose `expect`s all sit in a loop over an empty collection fails instead of passing.
 */
beforeEach(() => {
  expect.hasAssertions();
});
