/**
 * ALL_PROBLEM_CODES (lib/core/codes.ts) holds every code multihome reports: every code used in
 * lib/ (a `code: '…'` property, a `Findings.add`/`ProblemSink.add`/`.at` call, a `fail`/`bad`
 * helper) is declared, and every code table exported anywhere in lib/ is part of the registry.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ALL_PROBLEM_CODES, isDeclaredProblemCode, PROBLEM_CODE_TABLES } from '../../lib/core/codes';
import { CodeTable } from '../../lib/core/errors';

const LIB = path.join(__dirname, '..', '..', 'lib');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

const FILES = tsFiles(LIB).map((file) => ({ file: path.relative(LIB, file), text: fs.readFileSync(file, 'utf8') }));

/** Problem-code literals in code positions: `code: 'X'`, `.add('X'`, `.at('X'`, `fail('X'`, `bad('X'`. */
const CODE_USE = /(?:\bcode:\s*|\.add\(\s*|\.at\(\s*|\bfail\(\s*|\bbad\(\s*)'([A-Z][A-Z0-9_]*)'/g;

describe('ALL_PROBLEM_CODES', () => {
  const used = new Map<string, string>();
  for (const { file, text } of FILES) for (const m of text.matchAll(CODE_USE)) if (!used.has(m[1])) used.set(m[1], file);

  it('finds the codes used in lib/ (the scan reaches the rules)', () => {
    expect(used.size).toBeGreaterThan(200);
    expect(used.get('TOPOLOGY_NAD_NAMESPACE_ISOLATED')).toBe(path.join('core', 'topology', 'rules', 'vms.ts'));
  });

  it('declares every code used in lib/', () => {
    expect([...used].filter(([code]) => !isDeclaredProblemCode(code)).map(([code, file]) => `${code} (${file})`)).toEqual([]);
  });

  it('includes every code table exported in lib/ (a new table must be added to PROBLEM_CODE_TABLES)', () => {
    const declared = /export const ([A-Z_]+_CODES)\b[^=]*=/g;
    const tables: string[] = [];
    for (const { file, text } of FILES) {
      for (const m of text.matchAll(declared)) {
        if (m[1] === 'ALL_PROBLEM_CODES') continue;
        tables.push(m[1]);
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        const table = require(path.join(LIB, file))[m[1]] as CodeTable;
        expect({ table: m[1], missing: Object.keys(table).filter((c) => ALL_PROBLEM_CODES[c] !== table[c]) }).toEqual({ table: m[1], missing: [] });
      }
    }
    expect(tables.sort()).toEqual(Object.keys(PROBLEM_CODE_TABLES).sort());
  });

  it('declares each code once (no two tables share a code)', () => {
    const all = Object.values(PROBLEM_CODE_TABLES).flatMap((t) => Object.keys(t));
    expect(all.filter((c, i) => all.indexOf(c) !== i)).toEqual([]);
    expect(Object.keys(ALL_PROBLEM_CODES)).toHaveLength(all.length);
  });

  it('every declaration has a severity, a summary and an upstream', () => {
    const bad = Object.entries(ALL_PROBLEM_CODES).filter(([, s]) => !(s.severity === 'error' || s.severity === 'warning') || !s.summary || !s.upstream);
    expect(bad.map(([c]) => c)).toEqual([]);
  });
});
