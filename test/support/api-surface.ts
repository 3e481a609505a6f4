/**
 * "Forgotten exports" of a built package (what API Extractor calls ae-forgotten-export): types that
 * a public declaration names — a parameter, a return type, a property, a base class — but that no
 * entry point exports, so users can use a function but cannot annotate what it takes or returns.
 * Read from the emitted .d.ts files with the TypeScript compiler API.
 */
import * as path from 'path';
import * as ts from 'typescript';

/** A type named in the public API that no entry point exports. */
export interface ForgottenExport {
  /** The type's name and declaring file (relative to the package root). */
  readonly name: string;
  readonly file: string;
  /** Public declarations that name it (a few). */
  readonly usedBy: string[];
}

/**
 * Walks every declaration reachable from `entries` (.d.ts files) and returns the types they name
 * that are declared in the package (below `packageRoot`) but exported by no entry. Members marked
 * `private` are skipped (their types are not emitted anyway).
 */
export function forgottenExports(packageRoot: string, entries: readonly string[]): ForgottenExport[] {
  const program = ts.createProgram([...entries], { module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, types: [], noEmit: true });
  const checker = program.getTypeChecker();
  const resolve = (s: ts.Symbol | undefined) => (s && s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
  const ours = (d: ts.Node) => !path.relative(packageRoot, d.getSourceFile().fileName).startsWith('..');

  const exported = new Set<ts.Symbol>();
  const queue: ts.Symbol[] = [];
  const addModule = (moduleSymbol: ts.Symbol) => {
    for (const s of checker.getExportsOfModule(moduleSymbol)) {
      const r = resolve(s)!;
      if (exported.has(r)) continue;
      exported.add(r);
      queue.push(r);
      // `export * as nmstate from './nmstate'`: the namespace's members are public too
      if (r.flags & ts.SymbolFlags.ValueModule && r.declarations?.some((d) => ts.isSourceFile(d))) addModule(r);
    }
  };
  for (const e of entries) {
    const sf = program.getSourceFile(e);
    if (!sf) throw new Error(`cannot load ${e}`);
    const ms = checker.getSymbolAtLocation(sf);
    if (ms) addModule(ms);
  }

  const missing = new Map<ts.Symbol, Set<string>>();
  const visit = (node: ts.Node, where: string): void => {
    let nameNode: ts.Node | undefined;
    if (ts.isTypeReferenceNode(node)) nameNode = node.typeName;
    else if (ts.isExpressionWithTypeArguments(node)) nameNode = node.expression;
    else if (ts.isTypeQueryNode(node)) {
      // `typeof VALUE.prop`: the value is what is named
      nameNode = node.exprName;
      while (ts.isQualifiedName(nameNode)) nameNode = nameNode.left;
    }
    // `ns.Type`: the member is what is named
    if (nameNode && ts.isQualifiedName(nameNode)) nameNode = nameNode.right;
    else if (nameNode && ts.isPropertyAccessExpression(nameNode)) nameNode = nameNode.name;
    if (nameNode && ts.isIdentifier(nameNode)) {
      const s = resolve(checker.getSymbolAtLocation(nameNode));
      if (s && !(s.flags & ts.SymbolFlags.TypeParameter) && s.declarations?.some(ours) && !exported.has(s)) {
        const first = !missing.has(s);
        if (first) missing.set(s, new Set());
        missing.get(s)!.add(where);
        if (first) for (const d of s.declarations) walk(d, `${s.name} (not exported)`);
      }
    }
    ts.forEachChild(node, (c) => visit(c, where));
  };
  const walk = (d: ts.Node, where: string): void => {
    if (ts.isClassDeclaration(d) || ts.isInterfaceDeclaration(d)) {
      for (const h of d.heritageClauses ?? []) visit(h, where);
      for (const p of d.typeParameters ?? []) visit(p, where);
      for (const m of d.members as ts.NodeArray<ts.ClassElement | ts.TypeElement>) {
        if (ts.canHaveModifiers(m) && ts.getModifiers(m)?.some((x) => x.kind === ts.SyntaxKind.PrivateKeyword)) continue;
        visit(m, `${where}.${m.name ? m.name.getText() : 'constructor'}`);
      }
      return;
    }
    visit(d, where);
  };
  for (const s of queue) for (const d of s.declarations ?? []) if (ours(d) && !ts.isSourceFile(d)) walk(d, s.name);

  return [...missing].map(([s, usedBy]) => ({
    name: s.name,
    file: path.relative(packageRoot, s.declarations![0].getSourceFile().fileName),
    usedBy: [...usedBy].slice(0, 4),
  }));
}
