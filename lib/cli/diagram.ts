import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Command, Option } from 'commander';
import { countBadges, Diagram, diagramOfEnvironment, diagramOfTexts, DiagramText, loadSvgRenderer, toDot, toMermaid, toSvg } from '../core/diagram';
import { DEFAULT_ENVIRONMENTS_MODULE, loadEnvironments, UserError } from './environments';
import { escapeControl } from '../core/names';
import { readTexts } from '../core/source/object-reader';

/** Output formats of `multihome diagram`. */
export const DIAGRAM_FORMATS = ['svg', 'mermaid', 'dot'] as const;

/** One output format of `multihome diagram`. */
export type DiagramFormat = (typeof DIAGRAM_FORMATS)[number];

/** Format implied by an output file's extension (`.md` gets a fenced Mermaid block). */
const FORMAT_BY_EXTENSION: Readonly<Record<string, DiagramFormat>> = {
  '.svg': 'svg',
  '.mmd': 'mermaid',
  '.mermaid': 'mermaid',
  '.md': 'mermaid',
  '.dot': 'dot',
  '.gv': 'dot',
};

/** Options of {@link diagramText}. */
export interface DiagramOptions {
  /** Environment to draw (exclusive with {@link paths}). */
  readonly env?: string;
  /** YAML files or directories to draw (exclusive with {@link env}). */
  readonly paths?: readonly string[];
  /** @default - from the extension of {@link out}, else 'svg' */
  readonly format?: DiagramFormat;
  /** File to write; used here only to pick the format. */
  readonly out?: string;
  /** @default DEFAULT_ENVIRONMENTS_MODULE */
  readonly environments?: string;
}

/** Builds the diagram of an environment or of YAML paths; every input mistake is a {@link UserError}. */
export function loadDiagram(options: DiagramOptions): Diagram {
  const paths = options.paths ?? [];
  if (options.env !== undefined && paths.length) throw new UserError('give either --env NAME or paths, not both');
  if (options.env !== undefined) {
    const all = loadEnvironments(options.environments ?? DEFAULT_ENVIRONMENTS_MODULE);
    const t = all[options.env];
    if (!t) throw new UserError(`unknown environment ${options.env}; known: ${Object.keys(all).join(', ') || '(none)'}`);
    return diagramOfEnvironment(t);
  }
  if (!paths.length) throw new UserError('nothing to draw: give --env NAME or YAML files/directories');
  const texts: DiagramText[] = [];
  const undecodable: Array<{ path: string; reason: string }> = [];
  const read = readTexts(
    paths,
    (file, text) => texts.push({ file, text }),
    (p) => undecodable.push({ path: p.file, reason: `line ${p.line}: ${p.message} (${p.fix})` }),
  );
  const unreadable = [...read.unreadable, ...undecodable];
  if (unreadable.length) throw new UserError(unreadable.map((u) => `cannot read ${escapeControl(u.path)}: ${escapeControl(u.reason)}`).join('; '));
  const d = diagramOfTexts(paths.join(' '), texts);
  if (!d.nodes.length) throw new UserError(`nothing to draw: no NodeNetworkConfigurationPolicy, NetworkAttachmentDefinition or VirtualMachine in ${paths.join(', ')}`);
  return d;
}

/** The format to write: `--format`, else the `--out` extension, else SVG. */
export function resolveFormat(options: Pick<DiagramOptions, 'format' | 'out'>): DiagramFormat {
  if (options.format) return options.format;
  return (options.out && FORMAT_BY_EXTENSION[path.extname(options.out).toLowerCase()]) || 'svg';
}

/** The whole output text of `multihome diagram` (SVG, Mermaid or DOT), rendered before anything is written. */
export async function diagramText(options: DiagramOptions): Promise<{ diagram: Diagram; text: string }> {
  const diagram = loadDiagram(options);
  const format = resolveFormat(options);
  switch (format) {
    case 'svg':
      return { diagram, text: toSvg(diagram, await loadSvgRenderer()) };
    case 'mermaid': {
      const mmd = toMermaid(diagram);
      return { diagram, text: options.out?.toLowerCase().endsWith('.md') ? '```mermaid\n' + mmd + '```\n' : mmd };
    }
    case 'dot':
      return { diagram, text: toDot(diagram) };
    default: {
      const never: never = format;
      throw new UserError(`unknown format ${String(never)}`);
    }
  }
}

/**
 * Writes `text` to `file` all-or-nothing: a temporary sibling is written and renamed over the
 * target, so readers see the old file or the new one, never a partial one. Parent directories
 * are created. Failures are {@link UserError}s naming the file.
 */
export function writeFileAtomically(file: string, text: string): void {
  const abs = path.resolve(file);
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  try {
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(tmp, text, { flag: 'wx' });
    fs.renameSync(tmp, abs);
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // The temporary file could not even be created (e.g. the parent is a file): nothing to remove.
    }
    throw new UserError(`cannot write ${file}: ${(e as Error).message}`);
  }
}

/** Streams and exit hook of the `diagram` command. */
export interface DiagramCommandIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly setExit: (code: number) => void;
}

/**
 * Registers `multihome diagram --env NAME | PATH... [--format svg|mermaid|dot] [--out FILE]`.
 * The diagram is always written (problems drawn in red); exit 1 when it draws an error (the
 * environment or files are wrong, as `synth` and `check` say), 0 otherwise, 2 on input errors.
 */
export function registerDiagramCommand(program: Command, io: DiagramCommandIo): void {
  program
    .command('diagram')
    .description('Draw node groups → uplinks/bonds → VLANs → bridges → NADs → VMs (MACs, addresses) with validation problems in red, from an environment or YAML files.')
    .argument('[paths...]', 'YAML files or directories (as for `check`)')
    .option('--env <name>', 'environment to draw (rendered as `synth` would)')
    .addOption(new Option('--format <format>', 'output format (default: from --out extension, else svg)').choices([...DIAGRAM_FORMATS]))
    .option('--out <file>', 'file to write atomically (default: standard output)')
    .option('--environments <module>', 'module exporting the environments', DEFAULT_ENVIRONMENTS_MODULE)
    .action(async (paths: string[], opts: { env?: string; format?: DiagramFormat; out?: string; environments: string }) => {
      const { diagram, text } = await diagramText({ ...opts, paths });
      const { errors, warnings } = countBadges(diagram);
      if (opts.out) {
        writeFileAtomically(opts.out, text);
        io.stdout(`wrote ${opts.out}\n`);
      } else {
        io.stdout(text);
      }
      io.stderr(`multihome diagram: ${diagram.title}: ${diagram.nodes.length} node(s), ${errors} error(s), ${warnings} warning(s) drawn\n`);
      io.setExit(errors > 0 ? 1 : 0);
    });
}
