/**
 * What the fuzz suite's `control` verdict found in lib/core (review S15): names and values reach a
 * terminal only with their control characters escaped — in show() (DEL and C1, which JSON leaves
 * raw), in field paths, and in formatProblem's whole line (messages that list names as given).
 */
import { formatProblem, Problem } from '../../lib/core/errors';
import { printable, quoteJson } from '../../lib/core/names';
import { joinPath } from '../../lib/core/path';
import { show } from '../../lib/core/problems';
import { RAW_CONTROL } from './protocol';

const problem = (over: Partial<Problem>): Problem => ({
  code: 'TOPOLOGY_UNKNOWN_REFERENCE', severity: 'error', resource: { kind: 'Environment', name: 'lab' }, path: 'uplinks[0].nodeGroup', message: 'm', fix: 'f', ...over,
});

describe('printing names and values', () => {
  test('GIVEN DEL and C1 controls (U+007F, U+0085, U+009B) WHEN shown THEN escaped as \\u00XX, and still the same string as JSON', () => {
    const s = 'a\u007fb\u0085c\u009b31m';
    expect(show(s)).toBe('"a\\u007fb\\u0085c\\u009b31m"');
    expect(RAW_CONTROL.test(show({ [s]: s }))).toBe(false);
    expect(JSON.parse(quoteJson(s))).toBe(s);
  });

  test('GIVEN a key with control characters WHEN joined into a field path THEN quoted with them escaped', () => {
    expect(joinPath('spec', 'x\u009by')).toBe('spec["x\\u009by"]');
    expect(joinPath('spec', 'x\u001by')).toBe('spec["x\\u001by"]');
  });

  test('GIVEN a message that lists names as given (ESC, BEL, CR) WHEN formatted THEN every control but tab/newline is \\xNN, the rest unchanged', () => {
    const line = formatProblem(problem({ resource: { kind: 'Environment', name: 'x\rlink' }, message: 'known: \u001b]0;pwned\u0007, node02 \\ "q"' }));
    expect(line).toBe('error [TOPOLOGY_UNKNOWN_REFERENCE] Environment/x\\x0dlink uplinks[0].nodeGroup: known: \\x1b]0;pwned\\x07, node02 \\ "q" (f)');
    expect(RAW_CONTROL.test(line)).toBe(false);
    expect(printable('tab\there\nnext')).toBe('tab\there\nnext');
  });
});
