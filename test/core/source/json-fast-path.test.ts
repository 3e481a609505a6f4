/**
 * The JSON fast path of the bounded parser returns what js-yaml returns, and refuses what js-yaml
 * refuses: it only answers for plain JSON js-yaml reads the same and leaves everything else —
 * duplicate keys, YAML, a BOM, depth or size near a limit — to js-yaml.
 */
import fc from 'fast-check';
import * as jsyaml from 'js-yaml';
import { INPUT_LIMITS, parseAllYamlBounded, parseYamlBounded } from '../../../lib/core/source/bounded-yaml';
import { parseJsonFastPath } from '../../../lib/core/source/json-fast-path';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('parseJsonFastPath', () => {
  it('reads any JSON object or array to the value js-yaml reads', () => {
    const doc = fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.array(fc.jsonValue()));
    fc.assert(
      fc.property(doc, fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        const fast = parseJsonFastPath(text, INPUT_LIMITS);
        expect(fast).toBeDefined();
        expect(fast!.value).toEqual(jsyaml.load(text));
        expect(parseAllYamlBounded(text).values).toEqual(jsyaml.loadAll(text));
      }),
      { numRuns: 300 },
    );
  });

  it('counts keys whose text holds quotes, colons and backslashes', () => {
    const text = '{"a\\"b": 1, "c:": "x\\":y", "d\\\\": {"e": [":", "\\\\"]}}';
    expect(parseJsonFastPath(text, INPUT_LIMITS)).toEqual({ value: { 'a"b': 1, 'c:': 'x":y', 'd\\': { e: [':', '\\'] } } });
  });

  it('leaves a duplicate key to js-yaml, which refuses it as a syntax error', () => {
    const text = '{"a": 1, "b": {"c": 2, "c": 3}}';
    expect(parseJsonFastPath(text, INPUT_LIMITS)).toBeUndefined();
    const r = parseYamlBounded(text);
    expect(r.refusal).toEqual(expect.objectContaining({ syntax: true }));
    expect(r.refusal!.reason).toMatch(/duplicated mapping key/);
    expect(parseAllYamlBounded(text).refusal).toEqual(expect.objectContaining({ syntax: true }));
  });

  it('leaves YAML, scalars, several documents and a byte-order mark to js-yaml', () => {
    for (const text of ['a: 1', '"just a string"', '{"a": 1}\n---\n{"b": 2}\n', '\ufeff{"a": 1}', '{a: 1}', '', '  ']) {
      expect(parseJsonFastPath(text, INPUT_LIMITS)).toBeUndefined();
    }
    expect(parseAllYamlBounded('{"a": 1}\n---\n{"b": 2}\n').values).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('refuses nesting past the depth limit exactly where js-yaml does', () => {
    const limits = { ...INPUT_LIMITS, maxDepth: 8 };
    const shape = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.constant(1), fc.array(tie('node'), { maxLength: 2 }), fc.dictionary(fc.constantFrom('a', 'b'), tie('node'), { maxKeys: 2 })),
    })).node;
    const deep = fc.oneof(fc.array(shape, { minLength: 1, maxLength: 2 }), fc.dictionary(fc.constantFrom('a', 'b'), shape, { minKeys: 1 }));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9 }), fc.constantFrom('[', '{"k":'), deep, (wraps, open, inner) => {
        const close = open === '[' ? ']' : '}';
        const text = open.repeat(wraps) + JSON.stringify(inner) + close.repeat(wraps);
        let yamlRefuses = false;
        try {
          jsyaml.load(text, { maxDepth: limits.maxDepth });
        } catch {
          yamlRefuses = true;
        }
        expect(parseYamlBounded(text, limits).refusal !== undefined).toBe(yamlRefuses);
        expect(parseAllYamlBounded(text, limits).refusal !== undefined).toBe(yamlRefuses);
      }),
      { numRuns: 500 },
    );
    expect(parseYamlBounded(nested(8), limits).refusal).toEqual(expect.objectContaining({ limit: 'depth' }));
  });

  it('refuses a document of more values than the expansion limit, as the YAML path does', () => {
    const limits = { ...INPUT_LIMITS, maxExpandedNodes: 100 };
    const text = JSON.stringify(Array.from({ length: 100 }, (_, i) => i));
    expect(parseJsonFastPath(text, limits)).toBeUndefined();
    expect(parseAllYamlBounded(text, limits).refusal).toEqual(expect.objectContaining({ limit: 'expansion' }));
    expect(parseAllYamlBounded(JSON.stringify([1, 2, 3]), limits).values).toEqual([[1, 2, 3]]);
  });

  it('never overflows the stack on a very deep JSON text', () => {
    const r = parseAllYamlBounded(nested(100_000));
    expect(r.refusal).toEqual(expect.objectContaining({ limit: 'depth' }));
  });
});
