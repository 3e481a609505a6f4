/**
 * The TypeScript module `multihome import` writes: the imported environment as a data environment
 * (`defineEnvironment`, what `multihome synth --environments FILE` loads), a cdk8s app built from
 * the constructs, or a Pulumi program built from the components — the same intent three ways, each
 * synthesizing the same objects. Its header lists where the input came from, every object kept as
 * given with the reason, what each modeled object became, and the declared additions.
 */
import { escapeControl } from '../names';
import type { AttachmentSpec, HostPolicySpec, NetworkSpec, NodeGroupSpec, Topology, UplinkSpec, VmSpec } from '../topology/model';
import type { ImportResult } from './import';
import { identifierOf, tsLiteral, tsString } from './literal';

/** What `multihome import` writes (`--format`). */
export type ImportFormat = 'environment' | 'cdk8s' | 'pulumi';

/** The formats, for the command's choices. */
export const IMPORT_FORMATS: readonly ImportFormat[] = ['environment', 'cdk8s', 'pulumi'];

/** Options of {@link emitImportModule}. */
export interface EmitOptions {
  readonly format: ImportFormat;
  /** Module specifier of multihome in the generated imports. @default 'multihome' */
  readonly packageName?: string;
  /** The import paths as the user gave them (for the header). */
  readonly sources: readonly string[];
  /** The file being written, for the header's synth command. @default - stdout */
  readonly outFile?: string;
}

/** The generated module's text. */
export function emitImportModule(result: ImportResult, options: EmitOptions): string {
  const pkg = options.packageName ?? 'multihome';
  const body = options.format === 'cdk8s' ? cdk8sProgram(result.topology, pkg) : options.format === 'pulumi' ? pulumiProgram(result.topology, pkg) : dataModule(result.topology, pkg);
  return `${header(result, options).map((l) => (l ? `// ${l}` : '//')).join('\n')}\n${body}`;
}

function header(result: ImportResult, options: EmitOptions): string[] {
  const one = (s: string) => escapeControl(s).replace(/\s+/g, ' ');
  const file = options.outFile ?? 'FILE.ts';
  const how =
    options.format === 'cdk8s' ? 'npx ts-node ' + file + ' (or `npx cdk8s synth` with it as the app)' : options.format === 'pulumi' ? 'pulumi up (as the index.ts of a Pulumi project)' : `npx multihome synth --environments ${file}`;
  const lines = [
    `Imported by \`multihome import\` from ${options.sources.map(one).join(', ')} as environment ${result.topology.name}.`,
    `Synthesize it with: ${how}`,
    '',
  ];
  if (result.kept.length) {
    lines.push(`Kept as given (passThrough), ${result.kept.length} object(s), each with the reason it is not modeled:`);
    for (const k of result.kept) lines.push(`- ${one(k.key)} (${one(k.source)}): ${one(k.reason)}`);
  } else lines.push('Kept as given (passThrough): none — every input object is modeled.');
  lines.push('');
  if (result.modeled.length) {
    lines.push('Modeled:');
    for (const m of result.modeled) lines.push(`- ${one(m.key)}: ${one(m.as)}`);
    lines.push('');
  }
  if (result.additions.length) {
    lines.push('What the synthesized objects add to the input objects (the declared additions; nothing else differs):');
    for (const a of result.additions) lines.push(`- ${a.id}: ${one(a.what)} — ${a.objects.map(one).join(', ')}`);
  } else lines.push('The synthesized objects equal the input objects.');
  return lines;
}

/** The default format: a typed data environment. */
function dataModule(t: Topology, pkg: string): string {
  const id = identifierOf(t.name);
  const name = RESERVED.has(id) ? `${id}Environment` : id;
  return `import { defineEnvironment } from ${tsString(`${pkg}/core`)};\n\n/** Environment ${t.name}, imported. */\nexport const ${name} = defineEnvironment(${tsLiteral(t)});\n`;
}

/** How a home constructs a part: `new Kind(scope-or-none, id, props, options)`. */
interface Home {
  readonly module: string;
  construct(kind: string, id: string, props: string, isEnvironment?: boolean): string;
  readonly prelude: readonly string[];
  readonly epilogue: readonly string[];
}

function cdk8sProgram(t: Topology, pkg: string): string {
  return program(t, {
    module: `${pkg}/cdk8s`,
    // the generated program's import, built so that this framework-free file names no framework module
    prelude: [`import { App } from ${tsString('cdk8s')};`],
    construct: (kind, id, props, isEnvironment) => `new ${kind}(${isEnvironment ? 'app' : 'env'}, ${tsString(id)}, ${props})`,
    epilogue: ['app.synth();'],
  }, ['const app = new App();']);
}

function pulumiProgram(t: Topology, pkg: string): string {
  return program(t, {
    module: `${pkg}/pulumi`,
    prelude: [],
    construct: (kind, id, props, isEnvironment) => `new ${kind}(${tsString(id)}, ${props}${isEnvironment ? '' : ', { parent: env }'})`,
    epilogue: ['export const policyNames = env.policyNames;', 'export const nadNames = env.nadNames;', 'export const vms = env.vms;'],
  }, []);
}

/**
 * The parts of the environment in the order the data form lists them (node groups, uplinks,
 * networks, VMs, host policies), so both homes build the same topology; references by variable.
 */
function program(t: Topology, home: Home, start: readonly string[]): string {
  const used = new Set<string>(['NetworkEnvironment']);
  const ids = new Set<string>();
  // part ids are unique in the environment (cdk8s scope, Pulumi names); the name prop when the id had to differ
  const idFor = (name: string, fallback: string): string => {
    let id = ids.has(name) ? fallback : name;
    for (let i = 2; ids.has(id); i++) id = `${fallback}-${i}`;
    ids.add(id);
    return id;
  };
  const named = (id: string, name: string, rest: Record<string, unknown>): Record<string, unknown> => (id === name ? rest : { name, ...rest });
  const refs = new Map<string, string>();
  const ref = (kind: 'group' | 'uplink' | 'network', name: string): Reference => new Reference(refs.get(`${kind}:${name}`)!);
  const lines: string[] = [...start];
  // a part gets a variable only when another part references it (the program compiles with noUnusedLocals)
  const referenced = new Set<string>([
    ...t.uplinks.map((u) => `group:${u.nodeGroup}`),
    ...t.networks.flatMap((n) => [...(n.uplink !== undefined ? [`uplink:${n.uplink}`] : []), ...(n.nodeGroup !== undefined ? [`group:${n.nodeGroup}`] : [])]),
    ...(t.hostPolicies ?? []).flatMap((p) => (p.nodeGroup !== undefined ? [`group:${p.nodeGroup}`] : [])),
    ...t.vms.flatMap((vm) => vm.attachments.map((a) => `network:${a.network}`)),
  ]);
  const declare = (key: string, v: string, expression: string) => lines.push(referenced.has(key) ? `const ${v} = ${expression};` : `${expression};`);
  const { name, platform, prerequisites, namespaces, ordering, macPrefix, silence, passThrough } = t;
  const settings = { platform, prerequisites, namespaces, ordering, macPrefix, silence, passThrough };
  const parts = t.nodeGroups.length + t.uplinks.length + t.networks.length + t.vms.length + (t.hostPolicies?.length ?? 0);
  const environment = home.construct('NetworkEnvironment', name, props(settings, 0), true);
  lines.push(parts > 0 || home.epilogue.some((l) => l.includes('env.')) ? `const env = ${environment};` : `${environment};`);
  ids.add(name);
  for (const g of t.nodeGroups) {
    const v = variable(g.name, refs);
    refs.set(`group:${g.name}`, v);
    const { name: n, ...rest } = g as NodeGroupSpec;
    const id = idFor(n, `${n}-nodes`);
    declare(`group:${g.name}`, v, home.construct('NodeGroup', id, props(named(id, n, rest), 0)));
    used.add('NodeGroup');
  }
  for (const u of t.uplinks) {
    const v = variable(u.name, refs);
    refs.set(`uplink:${u.name}`, v);
    const { name: n, nodeGroup, bond, ...rest } = u as UplinkSpec;
    const id = idFor(n, `${n}-uplink`);
    const kind = bond ? 'BondedUplink' : 'Uplink';
    used.add(kind);
    declare(`uplink:${u.name}`, v, home.construct(kind, id, props(named(id, n, { ...rest, nodeGroup: ref('group', nodeGroup), ...(bond ?? {}) }), 0)));
  }
  for (const net of t.networks) {
    const v = variable(net.name, refs);
    refs.set(`network:${net.name}`, v);
    const { name: n, uplink, nodeGroup, ...rest } = net as NetworkSpec;
    const id = idFor(n, `${n}-network`);
    used.add('VlanBridgeNetwork');
    const references = { ...(uplink !== undefined ? { uplink: ref('uplink', uplink) } : {}), ...(nodeGroup !== undefined ? { nodeGroup: ref('group', nodeGroup) } : {}) };
    declare(`network:${net.name}`, v, home.construct('VlanBridgeNetwork', id, props(named(id, n, { ...references, ...rest }), 0)));
  }
  for (const vm of t.vms) {
    const { name: n, attachments, ...rest } = vm as VmSpec;
    const id = idFor(n, `${vm.namespace ?? 'default'}-${n}`);
    used.add('MultihomedVM');
    const nics = attachments.map((a: AttachmentSpec) => {
      const { network, ...options } = a;
      return { network: ref('network', network), ...options };
    });
    lines.push(`${home.construct('MultihomedVM', id, props(named(id, n, { ...rest, ...(nics.length ? { attachments: nics } : {}) }), 0))};`);
  }
  for (const p of t.hostPolicies ?? []) {
    const { name: n, nodeGroup, ...rest } = p as HostPolicySpec;
    const id = idFor(n, `${n}-policy`);
    used.add('HostNetworkPolicy');
    lines.push(`${home.construct('HostNetworkPolicy', id, props(named(id, n, { ...(nodeGroup !== undefined ? { nodeGroup: ref('group', nodeGroup) } : {}), ...rest }), 0))};`);
  }
  const imports = [...home.prelude, `import { ${[...used].sort().join(', ')} } from ${tsString(home.module)};`];
  return `${imports.join('\n')}\n\n${lines.join('\n')}\n${home.epilogue.length ? `\n${home.epilogue.join('\n')}\n` : ''}`;
}

/** A reference to a part's variable inside props (printed bare). */
class Reference {
  constructor(readonly variable: string) {}
}

/** A variable name for a part, distinct from every other. */
function variable(name: string, refs: ReadonlyMap<string, string>): string {
  const base = identifierOf(name);
  const taken = new Set(refs.values());
  let v = RESERVED.has(base) ? `${base}Part` : base;
  for (let i = 2; taken.has(v) || RESERVED.has(v); i++) v = `${base}${i}`;
  return v;
}

/** The program's own variables, JavaScript's reserved words and the globals a name must not shadow. */
const RESERVED: ReadonlySet<string> = new Set([
  'app', 'env', 'policyNames', 'nadNames', 'vms',
  'arguments', 'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
  'eval', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'implements', 'import', 'in', 'instanceof', 'interface',
  'let', 'new', 'null', 'package', 'private', 'protected', 'public', 'return', 'static', 'super', 'switch', 'this', 'throw', 'true',
  'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'undefined', 'NaN', 'Infinity', 'require', 'module', 'exports', 'process',
]);

/** Props as a literal, references printed as their variables. */
function props(value: Record<string, unknown>, indent: number): string {
  const marks = new Map<string, string>();
  const swap = (v: unknown): unknown => {
    if (v instanceof Reference) {
      const mark = `\u0000ref${marks.size}\u0000`;
      marks.set(mark, v.variable);
      return mark;
    }
    if (Array.isArray(v)) return v.map(swap);
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, swap(x)]));
    return v;
  };
  let text = tsLiteral(swap(value), indent);
  for (const [mark, v] of marks) text = text.split(tsString(mark)).join(v);
  return text;
}
