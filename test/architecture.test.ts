/**
 * Layering: lib/ has no runtime import cycle. A cycle works only while every reference across it
 * is used at call time; a top-level use or a `class X extends` across it reads `undefined`. Each
 * file is transpiled alone, as ts-node --transpile-only and ts-jest run it (imports used only as
 * types, `import type` and type-only specifiers are elided), and its remaining `require`s of
 * lib/ files are the edges. Every strongly connected component of more than one file (or a file
 * requiring itself) is reported.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..');
const LIB = path.join(ROOT, 'lib');

const filesUnder = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : /(?<!\.d)\.ts$/.test(e.name) ? [path.join(dir, e.name)] : []));

/** Runtime `require`s of lib/ files by each lib/ file (repository-relative paths). */
function runtimeImportGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of filesUnder(LIB)) {
    const js = ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 }, fileName: file }).outputText;
    const targets = [...js.matchAll(/\brequire\("(\.[^"]*)"\)/g)].flatMap((m) => {
      const base = path.resolve(path.dirname(file), m[1]);
      const hit = [`${base}.ts`, path.join(base, 'index.ts')].find((p) => fs.existsSync(p));
      return hit ? [path.relative(ROOT, hit)] : [];
    });
    graph.set(path.relative(ROOT, file), [...new Set(targets)]);
  }
  return graph;
}

/** Strongly connected components with a cycle (Tarjan), each sorted, largest first. */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const scc: string[] = [];
    let w: string;
    do scc.splice(0, 0, (w = stack.pop()!));
    while (w !== v);
    if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out.sort((a, b) => b.length - a.length);
}

describe('architecture', () => {
  const graph = runtimeImportGraph();

  it('reads the runtime import graph of lib/: the CLI requires its commands, lib/core requires nothing outside lib/core', () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get('lib/cli/main.ts')).toEqual(expect.arrayContaining(['lib/cli/check.ts', 'lib/cli/synth.ts']));
    expect([...graph].filter(([f, to]) => f.startsWith('lib/core/') && to.some((t) => !t.startsWith('lib/core/')))).toEqual([]);
  });

  it('finds a cycle when there is one (self-check of the detector)', () => {
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a', 'd']], ['d', []], ['e', ['e']]]))).toEqual([['a', 'b', 'c'], ['e']]);
  });

  it('has no runtime import cycle in lib/', () => {
    expect(cycles(graph)).toEqual([]);
  });
});
