/**
 * Table-driven completeness (STYLE.md #15): every declared TOPOLOGY_* code has a failing
 * fixture (manifest-set rules) or a failing Topology (intent rules), is reported somewhere in
 * lib/core/topology, and every fixture names a declared code.
 */
import * as fs from 'fs';
import * as path from 'path';
import { TOPOLOGY_CODES } from '../../../lib/core/topology/codes';
import { INTENT_CASES } from './intent-cases';
import { fixtureCodes } from './topology-fixtures';

const DECLARED = Object.keys(TOPOLOGY_CODES).sort();
const TOPOLOGY_SRC = path.join(__dirname, '..', '..', '..', 'lib', 'core', 'topology');

function sources(dir: string): string[] {
  return fs.readdirSync(dir).flatMap((e) => {
    const p = path.join(dir, e);
    return fs.statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') && e !== 'codes.ts' ? [fs.readFileSync(p, 'utf8')] : [];
  });
}

describe('TOPOLOGY_CODES', () => {
  const fixtures = fixtureCodes();
  const intent = Object.keys(INTENT_CASES);

  it.each(DECLARED)('%s has exactly one failing fixture or intent case', (code) => {
    expect(Number(fixtures.includes(code)) + Number(intent.includes(code))).toBe(1);
  });

  it('every fixture and intent case is for a declared code', () => {
    expect([...fixtures, ...intent].filter((c) => !DECLARED.includes(c))).toEqual([]);
  });

  it('every declared code is reported by some rule (no dead codes)', () => {
    const text = sources(TOPOLOGY_SRC).join('\n');
    expect(DECLARED.filter((c) => !text.includes(`'${c}'`))).toEqual([]);
  });

  it('every code has a summary and names its upstream source or says multihome', () => {
    for (const [code, spec] of Object.entries(TOPOLOGY_CODES)) {
      expect({ code, summary: spec.summary.length > 20, upstream: /multihome|\//.test(spec.upstream) }).toEqual({ code, summary: true, upstream: true });
    }
  });
});
