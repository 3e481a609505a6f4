/** `multihome check` of one file: lib/cli/check.ts `checkPaths` (read, parse, validate every resource). */
import { checkPaths } from '../../lib/cli/check';
import { input, main, now, report } from './common';

main(() => {
  const { file } = input<{ file: string }>();
  const t0 = now();
  const r = checkPaths([file]);
  const t1 = now();
  const errors = r.records.filter((x) => x.severity === 'error');
  report({ ms: t1 - t0, exitCode: r.exitCode, resources: r.resources, errors: errors.length, warnings: r.records.length - errors.length, firstError: errors[0] });
});
