import { Command, CommanderError, Option } from 'commander';
import { checkPaths, formatInputNotes, formatResult, CheckFormat } from './check';
import { pluginProfileByName, PLUGIN_PROFILE_NAMES } from '../core/cni';
import { parseTargetOption, targetOption } from './target-option';
import { formatProblem, hasErrors } from '../core/errors';
import { escapeControl } from '../core/names';
import { clip } from '../core/source/bounded-yaml';
import { DEFAULT_ENVIRONMENTS_MODULE, EnvironmentFileError, loadEnvironments, problemsCarriedBy, UserError } from './environments';
import { previousOutputs, synthDirect } from './synth';
import { runAgent } from './agent';
import { formatPreflightNotes, formatPreflightResult, parseDuration, PreflightFormat, runPreflight } from './preflight';
import { registerDiagramCommand } from './diagram';
import { registerImportCommand } from './import';
import { DEFAULT_KUBEVIRT_VERSION } from '../core/diff';
import { DiffFormat, FailOn, runDiff } from './diff';
import { formatDiffResult } from './diff-format';
import { loadSvgRenderer } from '../core/diagram/svg';

/** Exits once stdout/stderr are flushed (bin/multihome.js ends with it). */
export { exitWhenFlushed } from './exit';

/** Streams and exit hook the CLI writes to; injected so tests can drive it in-process. */
export interface CliIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
}

const processIo: CliIo = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };

/** Builds the `multihome` command tree. `setExit` receives the exit code of the command that ran. */
export function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('multihome')
    .description('Typed multi-homed KubeVirt networking: check, synthesize and observe NNCP, NAD and VM manifests.')
    .exitOverride()
    .enablePositionalOptions()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command('check')
    .description('Validate NNCP, NAD, VirtualMachine and VirtualMachineInstance manifests (files or directories of multi-document YAML).')
    .argument('<paths...>', 'files or directories to check')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--plugin-profile <name>', 'CNI plugin build the NADs target (default: each NAD\'s multihome.io/plugin-profile annotation, else upstream)').choices([...PLUGIN_PROFILE_NAMES]))
    .option('--ignore <codes...>', 'problem codes to leave out of the report')
    .addOption(new Option('--isolation <profile>', 'Multus namespace isolation of the target cluster (which NADs a VM namespace may use; default: each VM\'s multihome.io/isolation annotation, else none)').choices(['none', 'multus', 'openshift']))
    .option('--global-namespaces <namespaces...>', 'Multus globalNamespaces (with --isolation multus/openshift)')
    .addOption(targetOption())
    .action((paths: string[], opts: { format: CheckFormat; pluginProfile?: string; ignore?: string[]; isolation?: 'none' | 'multus' | 'openshift'; globalNamespaces?: string[]; target?: string }) => {
      const target = parseTargetOption(opts.target);
      const result = checkPaths(paths, {
        target,
        format: opts.format,
        ignore: opts.ignore,
        isolation: opts.isolation,
        globalNamespaces: opts.globalNamespaces,
        pluginProfile: opts.pluginProfile ? pluginProfileByName(opts.pluginProfile) : undefined,
      });
      for (const line of formatInputNotes(result)) io.stderr(line + '\n');
      io.stdout(formatResult(result, opts.format));
      setExit(result.exitCode);
    });

  program
    .command('synth')
    .description('Render environments to <out>/<env>/<env>.k8s.yaml and topology.svg without the cdk8s CLI (same bytes as `npx cdk8s synth`).')
    .option('--env <names...>', 'environments to synthesize (default: all)')
    .option('--out <dir>', 'output directory', 'dist')
    .option('--environments <module>', 'module exporting the environments, or a YAML/JSON environments file', DEFAULT_ENVIRONMENTS_MODULE)
    .option('--cluster-state <paths...>', 'NodeNetworkState and Node files: pre-flight every environment against them and write nothing on a pre-flight error (like the clusterState prop)')
    .option('--previous <dir|ref>', 'the output the cluster has, laid out like --out (DIR/<env>/*.yaml) or committed at a git ref (REF:<out>/<env>/): host interfaces, routes and bridge mappings it created that the new output drops are rendered state: absent (like the previous prop)')
    .action(async (opts: { env?: string[]; out: string; environments: string; clusterState?: string[]; previous?: string }) => {
      const all = loadEnvironments(opts.environments);
      const names = opts.env ?? Object.keys(all);
      const unknown = names.filter((n) => !(n in all));
      if (unknown.length) throw new UserError(`unknown environment(s) ${unknown.join(', ')}; known: ${Object.keys(all).join(', ') || '(none)'}`);
      const previous = opts.previous !== undefined ? previousOutputs(opts.previous, opts.out, names) : undefined;
      if (previous && hasErrors(previous.problems)) {
        for (const p of previous.problems) io.stderr(formatProblem(p) + '\n');
        io.stderr(`multihome synth: the previous output (${escapeControl(opts.previous!)}) has ${previous.problems.filter((p) => p.severity === 'error').length} error(s); nothing was written\n`);
        setExit(1);
        return;
      }
      for (const m of previous?.missing ?? []) io.stderr(`multihome synth: no previous output for ${escapeControl(m.environment)} at ${escapeControl(m.where)}: nothing to render absent (fine for its first synthesis)\n`);
      const result = synthDirect(Object.fromEntries(names.map((n) => [n, all[n]])), opts.out, { svg: await loadSvgRenderer(), clusterState: opts.clusterState, previousByEnvironment: previous?.byEnvironment });
      for (const p of [...(previous?.problems ?? []), ...result.errors, ...result.warnings]) io.stderr(formatProblem(p) + '\n');
      for (const line of result.changes) io.stderr(line + '\n');
      if (result.errors.length) {
        io.stderr(`multihome synth: ${result.errors.length} error(s); nothing was written\n`);
        setExit(1);
        return;
      }
      for (const f of result.files) io.stdout(`wrote ${f}\n`);
      setExit(0);
    });

  program
    .command('preflight')
    .description('Check NNCP, NAD and VM intent against each selected node\'s NodeNetworkState before anything is applied (read-only).')
    .argument('[paths...]', 'manifest files or directories (or use --env)')
    .option('--env <names...>', 'environments to synthesize in memory and check')
    .option('--environments <module>', 'module exporting the environments, or a YAML/JSON environments file', DEFAULT_ENVIRONMENTS_MODULE)
    .option('--state <paths...>', 'files or directories of NodeNetworkState and Node objects (kubectl get nns,nodes -o yaml; the agent\'s /state)')
    .option('--kubeconfig <file>', 'read Nodes, NodeNetworkStates and enactments live (list only; nothing is changed)')
    .option('--context <name>', 'kubeconfig context (with --kubeconfig)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--ignore <codes...>', 'problem codes to leave out of the report')
    .option('--max-state-age <duration>', 'a NodeNetworkState older than this (90s, 30m, 24h, 7d) gets an "unknown" verdict; files are judged against the newest state in them', '24h')
    .addOption(targetOption())
    .action(async (paths: string[], opts: { env?: string[]; environments: string; state?: string[]; kubeconfig?: string; context?: string; format: PreflightFormat; ignore?: string[]; maxStateAge: string; target?: string }) => {
      const target = parseTargetOption(opts.target);
      const maxStateAgeMs = parseDuration(opts.maxStateAge);
      if (maxStateAgeMs === undefined) throw new UserError(`--max-state-age ${opts.maxStateAge} is not a duration; use e.g. 90s, 30m, 24h or 7d`);
      const result = await runPreflight({ paths, envs: opts.env, environments: opts.environments, state: opts.state, kubeconfig: opts.kubeconfig, context: opts.context, format: opts.format, ignore: opts.ignore, maxStateAgeMs, target });
      for (const line of formatPreflightNotes(result)) io.stderr(line + '\n');
      io.stdout(formatPreflightResult(result, opts.format));
      setExit(result.exitCode);
    });

  program
    .command('diff')
    .description('Classify every change between two manifest sets by what applying it does to nodes and VMs (node-disruptive, needs-absent-first, vm-restart, …).')
    .argument('[old]', 'previous manifests: a file or a directory (e.g. the base branch\'s dist/<env>)')
    .argument('[new]', 'new manifests: a file or a directory')
    .option('--base <ref>', 'git ref whose environments module gives the previous side; the working tree gives the new one (with --env)')
    .option('--env <name>', 'environment to synthesize on both sides (with --base)')
    .option('--environments <module>', 'module exporting the environments, or a YAML/JSON environments file (with --base)', DEFAULT_ENVIRONMENTS_MODULE)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown', 'sarif']).default('text'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a change of this severity or above exists').choices(['error', 'warning', 'never']).default('error'))
    .option('--kubevirt <version>', 'KubeVirt major.minor of the cluster (which VM changes apply live)', DEFAULT_KUBEVIRT_VERSION)
    .option('--dynamic-networks', 'the cluster runs multus-dynamic-networks-controller: bridge NICs are hot-plugged in place, not through a live migration')
    .addOption(targetOption())
    .action((oldPath: string | undefined, newPath: string | undefined, opts: { base?: string; env?: string; environments: string; format: DiffFormat; failOn: FailOn; kubevirt?: string; dynamicNetworks?: boolean; target?: string }, cmd: Command) => {
      const target = parseTargetOption(opts.target);
      // --kubevirt given explicitly wins over the target's KubeVirt
      const kubevirt = target && cmd.getOptionValueSource('kubevirt') === 'default' ? target.versions.kubevirt : opts.kubevirt;
      const result = runDiff({ old: oldPath, new: newPath, base: opts.base, env: opts.env, environments: opts.environments, failOn: opts.failOn, kubevirt, dynamicNetworks: opts.dynamicNetworks });
      for (const line of result.notes) io.stderr(line + '\n');
      if (result.exitCode !== 2) io.stdout(formatDiffResult(result, opts.format));
      setExit(result.exitCode);
    });

  registerDiagramCommand(program, { stdout: io.stdout, stderr: io.stderr, setExit });
  registerImportCommand(program, { stdout: io.stdout, stderr: io.stderr, setExit });
  // The agent's own commands live in its bundle (lib/cli/agent.ts): everything after `agent`,
  // `--help` included, goes to it unchanged.
  program
    .command('agent')
    .description('Node agent: plan | apply | run (`multihome agent --help`); runs the bundled agent, dist-agent/multihome-agent.js.')
    .argument('[args...]', 'agent subcommand and its options')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .passThroughOptions()
    .action(async (args: string[]) => setExit(await runAgent(args, { stdout: io.stdout, stderr: io.stderr, inherit: io === processIo })));
  return program;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. Never throws for user error. */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof EnvironmentFileError) {
      for (const p of e.problems) io.stderr(formatProblem(p) + '\n');
      io.stderr(`multihome: ${escapeControl(e.message)}; nothing was written\n`);
      return 1;
    }
    // problems a build or the user's own code threw (MultihomeError, a Problem-carrying error): user error
    const carried = problemsCarriedBy(e);
    if (carried) {
      for (const p of carried) io.stderr(formatProblem(p) + '\n');
      io.stderr(`multihome: ${carried.filter((p) => p.severity === 'error').length} error(s); nothing was written\n`);
      return 1;
    }
    if (e instanceof UserError) {
      io.stderr(`multihome: ${escapeControl(e.message)}\n`);
      return 2;
    }
    io.stderr(`multihome: internal error: ${escapeControl(clip(String((e as Error)?.message ?? e), 2000))}\n`);
    return 3;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
