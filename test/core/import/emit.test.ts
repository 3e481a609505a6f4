/**
 * The generated module's source: any string and any JSON value read back as themselves (the
 * JavaScript engine is the judge), identifiers from Kubernetes names, and programs whose parts
 * have names that are reserved words or collide still parse.
 */
import * as fc from 'fast-check';
import * as ts from 'typescript';
import { emitImportModule } from '../../../lib/core/import/emit';
import type { ImportResult } from '../../../lib/core/import/import';
import { identifierOf, tsLiteral, tsString } from '../../../lib/core/import/literal';
import type { Topology } from '../../../lib/core/topology/model';

const evaluate = (expression: string): unknown => new Function(`return (${expression});`)();

describe('literals', () => {
  it('any string reads back as itself', () => {
    fc.assert(fc.property(fc.fullUnicodeString(), (s) => evaluate(tsString(s)) === s), { seed: 18, numRuns: 2000 });
    for (const s of ["it's", 'a\\b', 'line\nnext', '\u2028\u2029', '\u0000\u001f\u007f', '${x}`']) expect(evaluate(tsString(s))).toBe(s);
  });

  it('any JSON value reads back as itself, at any indentation', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 40 }), (v, indent) => {
      expect(evaluate(tsLiteral(v, indent))).toEqual(JSON.parse(JSON.stringify(v)));
    }), { seed: 18, numRuns: 500 });
  });

  it('keeps a __proto__ key an own property (YAML can carry one)', () => {
    const v = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}');
    const back = evaluate(tsLiteral(v)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.keys(back)).toEqual(['__proto__', 'a']);
    expect(back).toEqual(v);
  });

  it('keeps short values on one line and breaks long ones, keys bare when they are identifiers', () => {
    expect(tsLiteral({ name: 'eth1', 'kubernetes.io/hostname': 'node01', list: [1, 'a'] })).toBe("{ name: 'eth1', 'kubernetes.io/hostname': 'node01', list: [1, 'a'] }");
    expect(tsLiteral({ a: 'x'.repeat(120) })).toBe(`{\n  a: '${'x'.repeat(120)}',\n}`);
  });

  it('makes camelCase identifiers of Kubernetes names', () => {
    expect(identifierOf('br0-100-l2')).toBe('br0100L2');
    expect(identifierOf('all-nodes')).toBe('allNodes');
    expect(identifierOf('100-net')).toBe('n100Net');
    expect(identifierOf('a.b_c')).toBe('aBC');
  });
});

describe('programs', () => {
  /** An import result around `t` (the emitter reads only the topology and the lists). */
  const result = (t: Topology): ImportResult => ({ topology: t, kept: [], modeled: [], additions: [], build: {} as ImportResult['build'], rounds: 1 });
  const tricky: Topology = {
    name: 'default',
    nodeGroups: [{ name: 'env', nodeSelector: {} }, { name: 'app', nodeSelector: { a: 'b' } }],
    uplinks: [{ name: 'env', nodeGroup: 'env', interface: 'eth1' }, { name: 'class', nodeGroup: 'app', interface: 'eth2', bond: { mode: 'active-backup', ports: ['eth2', 'eth3'] } }],
    networks: [{ name: 'default', uplink: 'env', bridge: 'br0', vlan: 10, namespaces: ['default'] }],
    vms: [
      { name: 'vm', namespace: 'a', image: 'x', attachments: [{ network: 'default' }] },
      { name: 'vm', namespace: 'b', image: 'x', attachments: [] },
    ],
    hostPolicies: [{ name: 'env', nodeGroup: 'app', interfaces: [] }],
  };

  it.each(['environment', 'cdk8s', 'pulumi'] as const)('%s: parts named like reserved words and like each other still make a valid program', (format) => {
    const text = emitImportModule(result(tricky), { format, sources: ['in.yaml'] });
    const out = ts.transpileModule(text, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.CommonJS } });
    expect(out.diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
    expect(text).not.toMatch(/\b(const|let) (default|class|env|app) =(?! new (App|NetworkEnvironment)\()/);
    if (format === 'environment') expect(text).toContain('export const defaultEnvironment = defineEnvironment(');
    if (format !== 'environment') {
      // a second part with an id taken gets another id and its name as a prop
      expect(text).toMatch(/new MultihomedVM\((env, )?'b-vm', \{ name: 'vm', namespace: 'b'/);
      expect(text).toContain('BondedUplink');
    }
  });
});
