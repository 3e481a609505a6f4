/**
 * Reading YAML text as `check` does, on hostile input: `loadDocuments` never throws and every
 * problem has a line inside the text; refusals name their limit; the lenient go-yaml indentation
 * fallback still works under the bounds; `decodeSource` agrees with the WHATWG UTF-8 decoder.
 */
import fc from 'fast-check';
import { INPUT_LIMITS } from '../../../lib/core/source/bounded-yaml';
import { decodeSource, firstInvalidUtf8 } from '../../../lib/core/source/decode';
import { loadDocuments, locate, positionParseCount } from '../../../lib/core/source/documents';

describe('loadDocuments under limits', () => {
  it('never throws on arbitrary text, and every problem is on a line of the text', () => {
    const yamlish = fc.stringOf(fc.constantFrom('a', ':', ' ', '\n', '-', '[', ']', '{', '}', '&x ', '*x', '"', "'", '#', '---\n', '\t', '<<: *x\n', '\u0000', '\u001b'), { maxLength: 200 });
    fc.assert(
      fc.property(yamlish, (text) => {
        const r = loadDocuments('f.yaml', text);
        const lines = text.split('\n').length;
        for (const p of r.problems) {
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.line).toBeLessThanOrEqual(lines);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a file over the file limit is one INPUT_TOO_LARGE problem and no document', () => {
    const r = loadDocuments('f.yaml', 'a: 1\n'.repeat(100), { ...INPUT_LIMITS, maxFileBytes: 100 });
    expect(r.documents).toEqual([]);
    expect(r.problems).toEqual([expect.objectContaining({ code: 'INPUT_TOO_LARGE', line: 1 })]);
  });

  it('a document over the alias limit is refused on the alias line; the next document still loads', () => {
    const many = Array.from({ length: 5 }, () => '- *a').join('\n');
    const r = loadDocuments('f.yaml', `- &a x\n${many}\n---\nb: 2\n`, { ...INPUT_LIMITS, maxAliases: 3 });
    expect(r.problems).toEqual([expect.objectContaining({ code: 'YAML_LIMIT_EXCEEDED', line: 5 })]);
    expect(r.problems[0].message).toMatch(/more than 3 aliases/);
    expect(r.documents[1].value).toEqual({ b: 2 });
  });

  it('the lenient go-yaml indentation fallback is parsed within the limits too', () => {
    const text = "config: '{\n  \"a\": 1\n}'\n";
    expect(loadDocuments('f.yaml', text).problems.map((p) => p.code)).toEqual(['YAML_LENIENT_INDENTATION']);
    const tight = loadDocuments('f.yaml', text, { ...INPUT_LIMITS, maxDocumentBytes: 10 });
    expect(tight.problems.map((p) => p.code)).toEqual(['INPUT_TOO_LARGE']);
  });

  it('locate parses a document with positions once, however many paths are asked', () => {
    const doc = loadDocuments('f.yaml', 'a:\n  b: [1, 2, 3]\nc: 4\n').documents[0];
    const before = positionParseCount();
    expect([locate(doc, 'a.b[2]'), locate(doc, 'c'), locate(doc, 'a.b'), locate(doc, 'zz')]).toEqual([2, 3, 2, 1]);
    expect(positionParseCount() - before).toBe(1);
  });
});

describe('decodeSource', () => {
  it('finds the same invalid inputs as TextDecoder(fatal), and a line for them', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        let valid = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          valid = false;
        }
        const bom16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
        if (!bom16) expect(firstInvalidUtf8(bytes) === bytes.length).toBe(valid);
        const r = decodeSource('f', bytes);
        expect(r.problem === undefined).toBe(valid && !bom16);
      }),
      { numRuns: 2000 },
    );
  });
});
