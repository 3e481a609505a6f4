/**
 * `multihome agent …`: the node agent is not part of the library. It is bundled with its own
 * dependencies (@kubernetes/client-node, …) into `dist-agent/multihome-agent.js` when the package
 * is packed (scripts/prepack.js), and the published `multihome agent …` runs that file with the
 * same arguments: `process.execPath` and an argument array, never a shell. The library, and this
 * CLI, import nothing from lib/agent, so a user's project never loads (or installs) the agent's
 * dependencies.
 *
 * A source checkout runs the agent's sources instead (lib/agent/main.ts, in-process): from the
 * TypeScript CLI (ts-node, jest) always, and from a compiled CLI when no bundle was built.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AGENT_NODE_FLAGS } from '../core/topology/agent-runtime';

/** Where the agent subcommands write; the same shape as the CLI's own streams. */
export interface AgentForwardIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  /** True when `stdout`/`stderr` are this process's own streams: the child then inherits them. */
  readonly inherit?: boolean;
}

/** Where the agent comes from: the bundle (a separate Node process) or the sources (in-process). */
export type AgentEntry = BundleEntry;

/** A program or module shipped twice: an esbuild bundle (the package) and TypeScript sources (a checkout). */
export type BundleEntry = { readonly kind: 'bundle'; readonly file: string } | { readonly kind: 'source'; readonly file: string };

/**
 * Picks between a bundle and its sources, both relative to the package `root`: when this CLI runs
 * as TypeScript (`fromSource`) the sources win, everywhere else the bundle; undefined when neither
 * exists. The agent and the live cluster reader are found this way.
 */
export function locateBundleOrSource(root: string, source: string, bundle: string, fromSource: boolean): BundleEntry | undefined {
  const sourceFile = path.join(root, source);
  const bundleFile = path.join(root, bundle);
  if (fromSource && fs.existsSync(sourceFile)) return { kind: 'source', file: sourceFile };
  if (fs.existsSync(bundleFile)) return { kind: 'bundle', file: bundleFile };
  if (fs.existsSync(sourceFile)) return { kind: 'source', file: sourceFile };
  return undefined;
}

/** The bundle's file name under `dist-agent/`. */
export const AGENT_BUNDLE = path.join('dist-agent', 'multihome-agent.js');

/** The package root: the nearest directory above `from` holding this package's package.json. */
export function packageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        if ((JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === 'multihome') return dir;
      } catch {
        // not ours (or unreadable): keep walking up
      }
    }
    if (path.dirname(dir) === dir) throw new Error(`cannot find the multihome package above ${from}`);
  }
}

/**
 * Picks the agent to run. `fromSource` is whether this CLI runs as TypeScript (the caller's
 * file name ends in `.ts`); the sources win there, the bundle everywhere else.
 */
export function locateAgent(root: string = packageRoot(), fromSource: boolean = __filename.endsWith('.ts')): AgentEntry | undefined {
  return locateBundleOrSource(root, path.join('lib', 'agent', 'main.ts'), AGENT_BUNDLE, fromSource);
}

/** Runs `multihome agent <argv…>` (argv without the leading `agent`) and resolves to its exit code. */
export async function runAgent(argv: readonly string[], io: AgentForwardIo, locate: () => AgentEntry | undefined = () => locateAgent()): Promise<number> {
  const entry = locate();
  if (!entry) {
    io.stderr(`multihome agent: the agent bundle ${AGENT_BUNDLE} is missing from this installation (build it with \`node scripts/build-agent.js\`)\n`);
    return 2;
  }
  const args = ['agent', ...argv];
  return entry.kind === 'bundle' ? runBundle(entry.file, args, io) : runSource(entry.file, args, io);
}

/** The bundle in a child Node process (with the agent's V8 flags); signals this process receives are passed on to it. */
function runBundle(file: string, args: readonly string[], io: AgentForwardIo): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...AGENT_NODE_FLAGS, file, ...args], { stdio: io.inherit ? 'inherit' : ['inherit', 'pipe', 'pipe'], shell: false });
    child.stdout?.setEncoding('utf8').on('data', (s: string) => io.stdout(s));
    child.stderr?.setEncoding('utf8').on('data', (s: string) => io.stderr(s));
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    for (const s of signals) process.on(s, forward);
    const done = (code: number) => {
      for (const s of signals) process.off(s, forward);
      resolve(code);
    };
    child.on('error', (e) => {
      io.stderr(`multihome agent: cannot start ${file}: ${e.message}\n`);
      done(3);
    });
    // like a shell: a child ended by a signal exits 128 + the signal's number
    child.on('close', (code, signal) => done(code ?? 128 + (signal ? os.constants.signals[signal] : 0)));
  });
}

/** The agent's sources, in this process (a compiled CLI registers ts-node first, a devDependency). */
async function runSource(file: string, args: readonly string[], io: AgentForwardIo): Promise<number> {
  if (!__filename.endsWith('.ts')) {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    require('ts-node').register({ transpileOnly: true, project: path.join(path.dirname(file), '..', '..', 'tsconfig.json') });
  }
  // A computed path: the compiler does not follow it, so lib/agent stays out of the library build.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const agent = require(file) as { runAgentCli(argv: readonly string[], io?: { stdout?: (s: string) => void; stderr?: (s: string) => void }): Promise<number> };
  return agent.runAgentCli(args, { stdout: io.stdout, stderr: io.stderr });
}
