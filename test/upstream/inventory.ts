/**
 * Rules mined from upstream test suites (issue 19 §3): for every upstream test that asserts a
 * rejection, the inventory says whether multihome reports it (a fixture under
 * test/fixtures/<area>/<fixture>/ whose expected problems include `code`) or why it is excluded.
 * Inputs an upstream test *accepts* are listed too: multihome must not reject them.
 *
 * One module per suite: test/upstream/<suite>.inventory.ts exporting `SUITE: MinedSuite`.
 * test/upstream/mined.test.ts checks every module; `npm run upstream-counts` prints the counts.
 */

/** One rejection an upstream test asserts. */
export interface MinedRejection {
  /** Upstream test: `<path> <test name>` (path inside the suite's repository at its commit). */
  readonly test: string;
  /** What the upstream test asserts is rejected, in a few words. */
  readonly asserts: string;
  /** `covered`: multihome reports it; `excluded`: outside multihome's scope, with the reason. */
  readonly status: 'covered' | 'excluded';
  /** covered: the fixture case (directory name under test/fixtures/<area>/) derived from the test. */
  readonly fixture?: string;
  /** covered: the problem code the fixture expects. */
  readonly code?: string;
  /** excluded: why (runtime-only, needs the kernel, outside multihome's output, …). */
  readonly reason?: string;
}

/** An input an upstream test accepts: a fixture case that must report no errors. */
export interface MinedAcceptance {
  readonly test: string;
  /** Fixture case under test/fixtures/<area>/ (its expected.yaml lists no errors). */
  readonly fixture: string;
}

/** One upstream test suite, read at one commit. */
export interface MinedSuite {
  /** Short name, e.g. `nmstate-rust-unit`. */
  readonly suite: string;
  /** `owner/name` on GitHub. */
  readonly repository: string;
  /** The commit (or tag) the tests were read at. */
  readonly commit: string;
  /** Where the tests live in the repository (paths or globs), for the reader. */
  readonly paths: readonly string[];
  /** The fixture area (test/fixtures/<area>) the covered cases live in. */
  readonly area: string;
  readonly rejections: readonly MinedRejection[];
  readonly accepted?: readonly MinedAcceptance[];
}

/** Counts of one suite: asserted rejections, how many multihome covers, how many are excluded. */
export function suiteCounts(s: MinedSuite): { suite: string; asserted: number; covered: number; excluded: number; accepted: number } {
  return {
    suite: s.suite,
    asserted: s.rejections.length,
    covered: s.rejections.filter((r) => r.status === 'covered').length,
    excluded: s.rejections.filter((r) => r.status === 'excluded').length,
    accepted: s.accepted?.length ?? 0,
  };
}
