/**
 * `multihome import PATH... --name ENV [--out FILE] [--format environment|cdk8s|pulumi]`: existing
 * NNCP, NAD and VM YAML to a typed environment (lib/core/import). Writes the module (atomically,
 * or to standard output), then reports on standard error what was modeled, what is kept as
 * given and why, what the synthesized output adds, and the problems `check` finds in the input.
 * Exit 0 when the module is written (a broken input imports too: the report says what is
 * broken), 1 with every problem and nothing written when the input cannot be imported.
 */
import { Command, Option } from 'commander';
import { checkPaths, formatResult } from './check';
import { writeFileAtomically } from './diagram';
import { formatProblem, Problem } from '../core/errors';
import { emitImportModule, IMPORT_FORMATS, ImportFormat } from '../core/import/emit';
import { importObjects, ImportResult } from '../core/import/import';
import { readImportObjects } from '../core/import/objects';
import { escapeControl } from '../core/names';
import { environmentNameError } from '../core/render/environment-names';

/** Options of {@link runImport} (the command's flags). */
export interface ImportCommandOptions {
  readonly name: string;
  readonly out?: string;
  readonly format: ImportFormat;
  /** Module specifier of multihome in the generated imports. @default 'multihome' */
  readonly package?: string;
}

/** Streams and exit hook of the `import` command. */
export interface ImportCommandIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly setExit: (code: number) => void;
}

/** Runs `multihome import`; returns the exit code. */
export function runImport(paths: readonly string[], options: ImportCommandOptions, io: Omit<ImportCommandIo, 'setExit'>): number {
  const problems: Problem[] = [];
  const nameError = environmentNameError(options.name);
  if (nameError) {
    problems.push({
      code: 'IMPORT_NAME_INVALID', severity: 'error', resource: { kind: 'Import', name: 'arguments' }, path: '--name',
      message: `the environment name ${JSON.stringify(escapeControl(options.name))} ${nameError}`,
      fix: 'give --name a lowercase DNS label, e.g. --name lab (it names the environment, its output directory and the generated variable)',
    });
  }
  const input = readImportObjects(paths);
  problems.push(...input.problems);
  if (problems.length) {
    for (const p of problems) io.stderr(formatProblem(p) + '\n');
    io.stderr(`multihome import: ${problems.length} problem(s); nothing was written\n`);
    return 1;
  }
  const result = importObjects(options.name, input.objects);
  if (result.build.errors.length) {
    // never expected: the importer keeps objects as given until the environment builds
    for (const p of result.build.errors) io.stderr(formatProblem(p) + '\n');
    io.stderr('multihome import: the imported environment does not build; nothing was written\n');
    return 1;
  }
  const text = emitImportModule(result, { format: options.format, packageName: options.package, sources: paths, outFile: options.out });
  if (options.out) writeFileAtomically(options.out, text);
  else io.stdout(text);
  for (const line of report(result, input.stripped, options)) io.stderr(line + '\n');
  for (const s of input.skipped) io.stderr(`  skipped  ${escapeControl(s)}\n`);
  const check = checkPaths(paths, { format: 'text' });
  const found = check.records.length;
  io.stderr(found ? `\nmultihome import: \`multihome check\` finds ${found} problem(s) in the input (they are the input's; the environment keeps them visible):\n${formatResult(check, 'text')}` : '\nmultihome import: `multihome check` finds no problem in the input\n');
  return 0;
}

function report(result: ImportResult, stripped: readonly string[], options: ImportCommandOptions): string[] {
  const e = escapeControl;
  const lines = [
    `multihome import: ${options.out ? `wrote ${e(options.out)}` : 'wrote the module to standard output'} (${options.format}): environment ${result.topology.name}, ${result.modeled.length} object(s) modeled, ${result.kept.length} kept as given`,
  ];
  for (const m of result.modeled) lines.push(`  modeled  ${e(m.key)}: ${e(m.as)}`);
  for (const k of result.kept) lines.push(`  kept     ${e(k.key)} (${e(k.source)}): ${e(k.reason)}`);
  if (stripped.length) lines.push(`  left out (fields the API server sets, keys named __proto__): ${stripped.map(e).join('; ')}`);
  if (result.additions.length) {
    lines.push('What the synthesized output adds to the input objects:');
    for (const a of result.additions) lines.push(`  ${a.id}: ${a.what} (${a.objects.length} object(s): ${a.objects.map(e).join(', ')})`);
  }
  const next = options.format === 'environment' ? `npx multihome synth --environments ${e(options.out ?? 'FILE.ts')}` : options.format === 'cdk8s' ? `npx ts-node ${e(options.out ?? 'FILE.ts')}` : 'pulumi preview';
  lines.push(`Next: ${next}`);
  return lines;
}

/** Registers the `import` command. */
export function registerImportCommand(program: Command, io: ImportCommandIo): void {
  program
    .command('import')
    .description('Turn existing NNCP, NAD and VirtualMachine YAML into a typed environment: a defineEnvironment module (default), a cdk8s app or a Pulumi program. Objects multihome cannot model are kept as given and listed.')
    .argument('<paths...>', 'files or directories of YAML/JSON manifests')
    .requiredOption('--name <env>', 'name of the environment (a DNS label)')
    .option('--out <file>', 'file to write atomically (default: standard output)')
    .addOption(new Option('--format <format>', 'what to write').choices([...IMPORT_FORMATS]).default('environment'))
    .option('--package <specifier>', 'module specifier of multihome in the generated imports', 'multihome')
    .action((paths: string[], opts: ImportCommandOptions) => {
      io.setExit(runImport(paths, opts, io));
    });
}
