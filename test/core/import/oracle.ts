/**
 * The test's own judge of an import round trip, written independently of lib/core/import: every
 * input object must be in the synthesized output with every value it has, and every value the
 * output has beyond the input must be one of the additions the issue declares, each written here
 * by hand as a path pattern. Objects are flattened to `path → leaf`; lists whose entries all have
 * a distinct `name` are keyed by name (NNCP interfaces and ports, VM interfaces, networks, disks,
 * volumes), others by index; a NAD's config is parsed JSON, and a single-plugin config is read as
 * the plugin list of one libcni makes of it (cniVersion and name on the list, the rest the plugin).
 */
import * as fs from 'fs';
import * as jsyaml from 'js-yaml';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A NAD config as a plugin list. */
function pluginList(config: unknown): unknown {
  if (!isObj(config) || Array.isArray(config.plugins) || config.type === 'ovn-k8s-cni-overlay') return config;
  const { cniVersion, name, ...plugin } = config;
  return { cniVersion, name, plugins: [plugin] };
}

function flatten(v: unknown, path: string, out: Map<string, unknown>): void {
  if (path === 'spec.config' && typeof v === 'string') {
    try {
      return flatten(pluginList(JSON.parse(v)), 'spec.config', out);
    } catch {
      // not JSON: compared as the string
    }
  }
  if (Array.isArray(v)) {
    const names = v.map((e) => (isObj(e) && typeof e.name === 'string' ? e.name : undefined));
    const byName = names.every((n) => n !== undefined) && new Set(names).size === names.length;
    if (v.length === 0) out.set(path, []);
    v.forEach((e, i) => flatten(e, `${path}[${byName ? names[i] : i}]`, out));
    return;
  }
  if (isObj(v)) {
    const keys = Object.keys(v).filter((k) => v[k] !== undefined);
    if (keys.length === 0) out.set(path, {});
    for (const k of keys) flatten(v[k], path ? `${path}.${k}` : k, out);
    return;
  }
  out.set(path, v);
}

/** The object as `path → leaf` (see the module comment). */
export function leaves(o: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  flatten(o, '', out);
  return out;
}

/** Additions the issue declares, by kind: a path pattern and, where it matters, the value. */
const ANY = (_: unknown) => true;
const ADDITIONS: ReadonlyArray<{ kinds?: readonly string[]; path: RegExp; value?: (v: unknown) => boolean }> = [
  { path: /^metadata\.annotations\.argocd\.argoproj\.io\/sync-wave$/ },
  { path: /^metadata\.annotations\.argocd\.argoproj\.io\/sync-options$/, value: (v) => v === 'Prune=false,Delete=false' },
  { path: /^metadata\.annotations\.multihome\.io\/[a-z-]+$/ },
  { kinds: ['NetworkAttachmentDefinition', 'VirtualMachine', 'VirtualMachineInstance'], path: /^metadata\.namespace$/, value: (v) => v === 'default' },
  { kinds: ['NetworkAttachmentDefinition'], path: /^spec\.config\.plugins\[\d+\]\.macspoofchk$/, value: (v) => v === true },
  { kinds: ['NetworkAttachmentDefinition'], path: /^spec\.config\.plugins\[\d+\]\.ipam$/, value: (v) => isObj(v) && Object.keys(v).length === 0 },
  { kinds: ['VirtualMachine'], path: /^spec\.template\.spec\.domain\.devices\.interfaces\[[^\]]+\]\.macAddress$/ },
  { kinds: ['VirtualMachine'], path: /^spec\.template\.spec\.nodeSelector\..+$/ },
  { kinds: ['NodeNetworkConfigurationPolicy'], path: /^spec\.desiredState\.interfaces\[[^\]]+\]\.(name|type|state)$/ },
  { kinds: ['NodeNetworkConfigurationPolicy'], path: /^spec\.desiredState\.interfaces\[[^\]]+\]\.ipv[46]\.enabled$/, value: (v) => v === false },
  { kinds: ['NodeNetworkConfigurationPolicy'], path: /^spec\.desiredState\.interfaces\[[^\]]+\]\.bridge\.port\[[^\]]+\]\.vlan\..+$/ },
  { kinds: ['NodeNetworkConfigurationPolicy'], path: /^spec\.desiredState\.interfaces\[[^\]]+\]\.bridge\.options\.stp\.enabled$/, value: (v) => v === false },
  { kinds: ['NodeNetworkConfigurationPolicy'], path: /^spec\.desiredState\.interfaces\[[^\]]+\]\.description$/, value: ANY },
  // kubernetes-nmstate's own default (pkg/node/nodes.go DefaultMaxunavailable), written out since issue 19
  { kinds: ['NodeNetworkConfigurationPolicy'], path: /^spec\.maxUnavailable$/, value: (v) => v === '50%' },
];

/** Fields the API server sets, which an import leaves out (`kubectl get -o yaml` output), and `__proto__` keys, which no JavaScript writer writes back. */
const SERVER_SET = /(^|\.)__proto__(\.|\[|$)|^(status(\.|$)|metadata\.(uid|resourceVersion|generation|creationTimestamp|deletionTimestamp|deletionGracePeriodSeconds|managedFields|selfLink)(\.|\[|$)|metadata\.annotations\.kubectl\.kubernetes\.io\/last-applied-configuration$)/;

/** A whole NNCP interface added: only an uplink NIC declared up. */
function addedUplink(kind: string, path: string, o: Map<string, unknown>): boolean {
  const m = /^(spec\.desiredState\.interfaces\[[^\]]+\])\.(name|type|state|mtu)$/.exec(path);
  return kind === 'NodeNetworkConfigurationPolicy' && m !== null && o.get(`${m[1]}.type`) === 'ethernet' && o.get(`${m[1]}.state`) === 'up';
}

/** miimon 100 on a bond that sets neither miimon nor arp_interval: NetworkManager's own default for such a bond (nm-device-bond.c). */
function defaultMiimon(kind: string, path: string, v: unknown, input: Map<string, unknown>): boolean {
  const m = /^(spec\.desiredState\.interfaces\[[^\]]+\]\.link-aggregation\.options)\.miimon$/.exec(path);
  return kind === 'NodeNetworkConfigurationPolicy' && m !== null && v === 100 && !input.has(`${m[1]}.arp_interval`);
}

/** The NAD's own name as its config's `name` where the config named none (Multus GetCNIConfigFromSpec injects it). */
function injectedName(kind: string, path: string, v: unknown, input: Obj): boolean {
  return kind === 'NetworkAttachmentDefinition' && path === 'spec.config.name' && v === (input.metadata as Obj | undefined)?.name;
}

/** `v` without the null values of its mappings and without `__proto__` keys (what no writer writes back; declared). */
function withoutNullValues(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNullValues);
  if (!isObj(v)) return v;
  const out: Obj = {};
  for (const [k, x] of Object.entries(v)) if (x !== null && k !== '__proto__') out[k] = withoutNullValues(x);
  return out;
}

/** Why the output object does not carry the input object up to the declared additions: one line per path. */
export function unexplained(input: Obj, output: Obj): string[] {
  const kind = String(input.kind);
  // a null mapping value is written as absent (cdk8s's and multihome's writers leave them out): declared
  const a = leaves(withoutNullValues(input));
  const b = leaves(output);
  const out: string[] = [];
  for (const [path, v] of a) {
    if (SERVER_SET.test(path)) continue;
    if (path === 'apiVersion') {
      const group = (x: unknown) => String(x).split('/')[0];
      if (group(v) !== group(b.get(path))) out.push(`apiVersion ${String(v)} → ${String(b.get(path))}`);
      continue;
    }
    // an empty mapping or list the output fills (annotations given as {} that get a sync wave) is kept
    const filled = typeof v === 'object' && v !== null && [...b.keys()].some((k) => k.startsWith(`${path}.`) || k.startsWith(`${path}[`));
    if (filled && !b.has(path)) continue;
    // VLAN 0 is no VLAN to the bridge plugin (bridge.go "if vlanID != 0"): written absent, declared
    if (!b.has(path) && kind === 'NetworkAttachmentDefinition' && v === 0 && /^spec\.config\.plugins\[\d+\]\.vlan$/.test(path)) continue;
    if (!b.has(path)) out.push(`${path} dropped (was ${JSON.stringify(v)})`);
    else if (JSON.stringify(b.get(path)) !== JSON.stringify(v)) out.push(`${path} ${JSON.stringify(v)} → ${JSON.stringify(b.get(path))}`);
  }
  for (const [path, v] of b) {
    if (a.has(path) || path === 'apiVersion') continue;
    // an empty mapping in the input that the output fills is not a loss
    const declared = ADDITIONS.some((d) => (!d.kinds || d.kinds.includes(kind)) && d.path.test(path) && (!d.value || d.value(v))) || addedUplink(kind, path, b) || defaultMiimon(kind, path, v, a) || injectedName(kind, path, v, input);
    if (!declared) out.push(`${path} added (${JSON.stringify(v)})`);
  }
  return out;
}

/** `Kind/namespace/name` of an object, with the namespace a namespaced kind gets when it names none. */
export function identity(o: Obj): string {
  const meta = (o.metadata ?? {}) as Obj;
  const namespaced = !['NodeNetworkConfigurationPolicy', 'NMState', 'NetworkAddonsConfig', 'Namespace', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleBinding', 'SecurityContextConstraints', 'KubeVirt', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'Node', 'ClusterUserDefinedNetwork'].includes(String(o.kind));
  const ns = typeof meta.namespace === 'string' ? meta.namespace : namespaced ? 'default' : '';
  return `${String(o.kind)}/${ns ? `${ns}/` : ''}${String(meta.name)}`;
}

/**
 * The objects of a multi-document YAML file (a List's items as objects), read by js-yaml, which
 * the importer does not use for it. A quoted scalar continued at an indentation YAML 1.2 refuses
 * and kubectl's go-yaml accepts (seeds 000, 003) is re-indented to its previous line's first.
 */
export function objectsOf(text: string): Obj[] {
  let lines = text.split('\n');
  for (let attempt = 0; ; attempt++) {
    try {
      return (jsyaml.loadAll(lines.join('\n'), null, { schema: jsyaml.CORE_SCHEMA }) as unknown[])
        .flatMap((o) => (isObj(o) && Array.isArray(o.items) && String(o.kind).endsWith('List') ? (o.items as Obj[]) : [o]))
        .filter(isObj);
    } catch (e) {
      const mark = (e as { mark?: { line: number } }).mark;
      if (attempt > 200 || !mark || !/deficient indentation/.test((e as Error).message)) throw e;
      const indent = (l: string) => l.length - l.trimStart().length;
      const at = mark.line;
      lines = [...lines.slice(0, at), ' '.repeat(Math.max(indent(lines[at - 1]), indent(lines[at]) + 1)) + lines[at].trimStart(), ...lines.slice(at + 1)];
    }
  }
}

/** The objects of the files under `paths` (directories read recursively, .yaml/.yml/.json). */
export function objectsUnder(paths: readonly string[]): Obj[] {
  const files: string[] = [];
  const walk = (p: string) => {
    if (fs.statSync(p).isDirectory()) for (const e of fs.readdirSync(p).sort()) walk(`${p}/${e}`);
    else if (/\.(ya?ml|json)$/.test(p)) files.push(p);
  };
  paths.forEach(walk);
  return files.flatMap((f) => objectsOf(fs.readFileSync(f, 'utf8')));
}
