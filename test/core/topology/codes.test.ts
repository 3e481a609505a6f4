/**
 * Table-driven completeness (STYLE.md #15): every declared TOPOLOGY_* code has a failing
 * fixture (manifest-set rules) or a failing Topology (intent rules), is reported by a report
 * call somewhere in lib/core, and every fixture names a declared code.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { TOPOLOGY_CODES } from '../../../lib/core/topology/codes';
import { INTENT_CASES } from './intent-cases';
import { OPERATION_CASES } from './operation-cases';
import { fixtureCodes } from './topology-fixtures';

const DECLARED = Object.keys(TOPOLOGY_CODES).sort();
const CORE_SRC = path.join(__dirname, '..', '..', '..', 'lib', 'core');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/**
 * Codes passed as the first argument of a report call in lib/core — `add(`, `f.add(`,
 * `findings.add(`, `sink.add(` (lib/core/topology/rules/report.ts `Findings.add`,
 * lib/core/problems.ts `ProblemSink.add`) — as a string literal, or either branch of a
 * conditional. A code merely mentioned (a comment, a message, a mapping table) does not count.
 */
function reportedCodes(): Set<string> {
  const found = new Set<string>();
  const literals = (e: ts.Expression): string[] => {
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
    if (ts.isConditionalExpression(e)) return [...literals(e.whenTrue), ...literals(e.whenFalse)];
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) return literals(e.expression);
    return [];
  };
  for (const file of sourceFiles(CORE_SRC)) {
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && n.arguments.length > 0) {
        const callee = n.expression;
        const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
        if (name === 'add') for (const code of literals(n.arguments[0])) found.add(code);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return found;
}

describe('TOPOLOGY_CODES', () => {
  const fixtures = fixtureCodes();
  const intent = Object.keys(INTENT_CASES);
  const operations = Object.keys(OPERATION_CASES);

  it.each(DECLARED)('%s has exactly one failing fixture, intent case or operation case', (code) => {
    expect(Number(fixtures.includes(code)) + Number(intent.includes(code)) + Number(operations.includes(code))).toBe(1);
  });

  it('every fixture and intent case is for a declared code', () => {
    expect([...fixtures, ...intent, ...operations].filter((c) => !DECLARED.includes(c))).toEqual([]);
  });

  it('every declared code is reported by a report call in lib/core (no dead codes)', () => {
    const reported = reportedCodes();
    expect(DECLARED.filter((c) => !reported.has(c))).toEqual([]);
  });

  it('every code has a summary and names its upstream source or says multihome', () => {
    expect(DECLARED.length).toBeGreaterThan(0);
    for (const [code, spec] of Object.entries(TOPOLOGY_CODES)) {
      expect({ code, summary: spec.summary.length > 20, upstream: /multihome|\//.test(spec.upstream) }).toEqual({ code, summary: true, upstream: true });
    }
  });
});
