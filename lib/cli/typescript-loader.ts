/**
 * Loading a TypeScript environments module (`multihome synth --environments lab.ts`) in the
 * user's project: through ts-node when the project has it (cdk8s projects do), else through the
 * project's own `typescript` compiler (every cdk8s and Pulumi TypeScript project has it; Pulumi's
 * runtime brings its own ts-node, which a project's `npx` cannot reach), transpiling each .ts file
 * it requires to CommonJS in memory. multihome itself ships neither.
 */
import * as fs from 'fs';
import * as path from 'path';

interface TypeScriptCompiler {
  transpileModule(input: string, options: { compilerOptions: Record<string, unknown>; fileName: string }): { outputText: string };
}

/** Makes `require` load `.ts` files; a {@link Error} naming what to install when neither compiler is found. */
export function registerTypeScript(): void {
  if (require.extensions['.ts']) return;
  const from = [process.cwd(), __dirname];
  const tsNode = resolveFrom('ts-node', from);
  if (tsNode) {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    (require(tsNode) as { register(o: object): void }).register({ transpileOnly: true });
    return;
  }
  const typescript = resolveFrom('typescript', from);
  if (!typescript) throw new Error('loading a TypeScript module needs ts-node or typescript in the project (npm install --save-dev typescript)');
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const ts = require(typescript) as TypeScriptCompiler;
  require.extensions['.ts'] = (module, filename) => {
    const source = fs.readFileSync(filename, 'utf8');
    const { outputText } = ts.transpileModule(source, { fileName: filename, compilerOptions: { module: 1 /* CommonJS */, target: 9 /* ES2022 */, esModuleInterop: true, sourceMap: false } });
    (module as unknown as { _compile(code: string, file: string): void })._compile(outputText, filename);
  };
}

function resolveFrom(id: string, dirs: readonly string[]): string | undefined {
  try {
    return require.resolve(id, { paths: dirs.map((d) => path.resolve(d)) });
  } catch {
    return undefined;
  }
}
