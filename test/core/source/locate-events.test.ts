/**
 * Placing a field path on its line from js-yaml's event stream (lib/core/source/locate-events.ts):
 * block and flow (JSON) styles, quoted keys, anchors, the deepest existing ancestor when the path
 * goes further than the document, and the document start when it does not parse.
 */
import { documentEvents, lineOfOffset, offsetOfPath } from '../../../lib/core/source/locate-events';
import { parsePath } from '../../../lib/core/path';

const lineOf = (text: string, path: string) => lineOfOffset(text, offsetOfPath(text, documentEvents(text, 64), parsePath(path)));

describe('offsetOfPath', () => {
  const block = ['kind: VirtualMachine', 'metadata:', '  name: vm1', '  labels:', '    "app.kubernetes.io/name": web', 'spec:', '  list:', '    - a', '    - {x: 1,', '       y: 2}', ''].join('\n');

  it.each([
    ['kind', 1],
    ['metadata.name', 3],
    ['metadata.labels["app.kubernetes.io/name"]', 5],
    ['spec.list[0]', 8],
    ['spec.list[1]', 9],
    ['spec.list[1].y', 10],
    ['spec.list[7]', 7],
    ['spec.missing.deeper', 6],
  ])('%s is on line %d of a block document', (path, line) => {
    expect(lineOf(block, path)).toBe(line);
  });

  it('finds keys in JSON spread over lines', () => {
    const json = '{\n  "metadata": {\n    "name": "x",\n    "namespace": "y"\n  }\n}\n';
    expect(lineOf(json, 'metadata.namespace')).toBe(4);
  });

  it('starts an anchored node at its anchor and skips aliased siblings', () => {
    const text = 'a: &x\n  k: 1\nb: *x\nc:\n  - 1\n';
    expect(lineOf(text, 'a.k')).toBe(2);
    expect(lineOf(text, 'c[0]')).toBe(5);
  });

  it('falls back to the first line when the text does not parse', () => {
    expect(documentEvents('a: [', 64)).toBeUndefined();
    expect(lineOfOffset('a: [', offsetOfPath('a: [', undefined, ['a']))).toBe(1);
  });
});
